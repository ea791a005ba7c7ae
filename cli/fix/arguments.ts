import { parseArgs } from 'node:util';
import { describeParseArgsError } from '../argument-errors.js';
import { UsageError } from '../command.js';

export interface FixArguments {
  /** Codemod names as typed; empty with `all` or `list`. */
  readonly codemods: readonly string[];
  readonly all: boolean;
  readonly list: boolean;
  /** Paths after the codemod names, as typed. */
  readonly paths: readonly string[];
  /** `--root` as typed, or `null`. */
  readonly root: string | null;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly force: boolean;
  readonly quiet: boolean;
  /** `null` = every core. */
  readonly jobs: number | null;
  readonly scriptsDir: string | null;
  /** `--limit`: concurrent-await bounds concurrency with mapConcurrent (Python: a semaphore); `null` = Promise.all / asyncio.gather unbounded. */
  readonly limit: number | null;
  /** `--change-public-api`: the type-changing codemods may change types a published package's entry points expose. */
  readonly changePublicApi: boolean;
}

// parseArgs' result type follows from its option table, so it is inferred here rather than spelled out.
function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        all: { type: 'boolean' },
        list: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        quiet: { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        root: { type: 'string' },
        'scripts-dir': { type: 'string' },
        limit: { type: 'string' },
        'change-public-api': { type: 'boolean' },
      },
    });
  } catch (error: unknown) {
    throw new UsageError(describeParseArgsError(error));
  }
}

/**
 * Parses `perf-standards fix` arguments. Leading positionals that name a codemod are codemods, the rest
 * are paths; with `--all` every positional is a path. Bad input throws a UsageError naming the problem.
 * @complexity O(arguments × codemods).
 */
export function parseFixArguments(argv: readonly string[], knownCodemods: readonly string[]): FixArguments {
  const parsed = parseOrExplain(argv);
  const values = parsed.values;
  const positionals = [...parsed.positionals];
  const all = values.all ?? false;
  const list = values.list ?? false;
  const codemods: string[] = [];
  if (!all && !list) {
    while (positionals.length > 0 && knownCodemods.includes(positionals[0] ?? '')) codemods.push(positionals.shift() ?? '');
    if (codemods.length === 0) {
      const given = positionals[0];
      throw new UsageError(
        given === undefined
          ? `name a codemod or pass --all; the codemods are ${knownCodemods.join(', ')} (see --list)`
          : `unknown codemod "${given}"; the codemods are ${knownCodemods.join(', ')} (see --list)`,
      );
    }
  }
  if (all && list) throw new UsageError('--all and --list cannot be combined');
  const jobsText = values.jobs;
  if (jobsText !== undefined && !/^[1-9]\d*$/u.test(jobsText)) {
    throw new UsageError(`--jobs needs a whole number of at least 1, got "${jobsText}"`);
  }
  const scriptsDir = values['scripts-dir'] ?? null;
  if (scriptsDir !== null && (scriptsDir === '' || scriptsDir.startsWith('/') || scriptsDir.split(/[\\/]/u).includes('..'))) {
    throw new UsageError(`--scripts-dir must be a folder inside the project, relative to its root, got "${scriptsDir}"`);
  }
  const limitText = values.limit;
  if (limitText !== undefined && !/^[1-9]\d*$/u.test(limitText)) {
    throw new UsageError(`--limit needs a whole number of at least 1, got "${limitText}"`);
  }
  return {
    codemods,
    all,
    list,
    paths: positionals,
    root: values.root ?? null,
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
    force: values.force ?? false,
    quiet: values.quiet ?? false,
    jobs: jobsText === undefined ? null : Number(jobsText),
    scriptsDir,
    limit: limitText === undefined ? null : Number(limitText),
    changePublicApi: values['change-public-api'] ?? false,
  };
}
