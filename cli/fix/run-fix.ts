import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { CODEMOD_NAMES, loadCodemods } from '../../codemods/runner/registry.js';
import type { Codemod, CodemodOptions } from '../../codemods/runner/contract.js';
import { DiscoveryError } from '../../codemods/runner/discovery.js';
import { DEFAULT_OPTIONS, eslintOptionsSource, type OptionsSource } from '../../codemods/runner/rule-options.js';
import { runCodemods, type ProgressEvent, type RunReport } from '../../codemods/runner/run-codemods.js';
import { DirtyWorkTreeError, isInsideWorkTree, NotInWorkTreeError } from '../../codemods/runner/work-tree.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CommandIO } from '../command.js';
import type { FixArguments } from './arguments.js';
import { relativeInsideCurrentDirectory } from '../check/lint-target.js';
import { createProgress } from './progress.js';
import { formatCodemodList, formatDiffs, formatFileList, formatSummary, toJsonReport } from './report-format.js';

/** The root and the paths (relative to it) one fix run works on. */
export interface FixTarget {
  readonly root: string;
  readonly paths: readonly string[];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then((): boolean => true, (): boolean => false);
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((info): boolean => info.isDirectory(), (): boolean => false);
}

function isStrictlyInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The root: `--root`, else the one directory given when it is not inside the current directory, else the
 * current directory (a folder inside it narrows the selection). Paths are taken
 * relative to the current directory and must lie inside the root, because importers anywhere under
 * the root are rewritten.
 * @performance one `stat` per path.
 */
export async function resolveFixTarget(args: FixArguments, cwd: string): Promise<FixTarget> {
  let root: string;
  let paths = args.paths;
  if (args.root !== null) {
    root = path.resolve(cwd, args.root);
    if (!(await isDirectory(root))) throw new UsageError(`--root ${args.root} is not a directory`);
  } else if (paths.length === 1 && (await isDirectory(path.resolve(cwd, paths[0] ?? '.'))) && !isStrictlyInside(path.resolve(cwd, paths[0] ?? '.'), cwd)) {
    // A directory elsewhere is its own project; a folder of the current one only narrows the selection, so
    // that its files' importers anywhere in the project are rewritten too.
    root = path.resolve(cwd, paths[0] ?? '.');
    paths = [];
  } else {
    root = cwd;
  }
  const missing = (
    await Promise.all(
      paths.map(async (given: string): Promise<string | null> =>
        /[*?[\]{}]/u.test(given) || (await exists(path.resolve(cwd, given))) ? null : given,
      ),
    )
  ).find((given: string | null): given is string => given !== null);
  if (missing !== undefined) throw new UsageError(`no such file or directory: ${missing}`);
  const relative = paths.map((given: string): string => {
    if (/[*?[\]{}]/u.test(given)) return given;
    // Without --root, the paths are parts of the current directory's project, as for `check`.
    if (args.root === null) relativeInsideCurrentDirectory(given, cwd);
    const absolute = path.resolve(cwd, given);
    const inRoot = path.relative(root, absolute);
    if (inRoot === '..' || inRoot.startsWith(`..${path.sep}`) || path.isAbsolute(inRoot)) {
      throw new UsageError(`${given} is outside the project root ${root}; pass --root or run from a folder that contains it`);
    }
    return inRoot === '' ? '.' : inRoot.split(path.sep).join('/');
  });
  return { root, paths: relative.filter((given: string): boolean => given !== '.') };
}

// Options come from the user's eslint.config.* for each codemod's rule; without a config, or when it
// cannot be loaded, the standards' defaults apply (with a notice in the second case).
async function optionsSource(root: string, onNotice: (notice: string) => void): Promise<OptionsSource> {
  const eslint = new ESLint({ cwd: root });
  const configFile = await eslint.findConfigFile().catch((): undefined => undefined);
  if (configFile === undefined) return DEFAULT_OPTIONS;
  try {
    await eslint.calculateConfigForFile(path.join(root, 'package.json'));
    return eslintOptionsSource(eslint);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    onNotice(`could not load ${configFile} (${reason}); using the default options.`);
    return DEFAULT_OPTIONS;
  }
}


function writeOutput(args: FixArguments, report: RunReport, codemods: readonly Codemod[], io: CommandIO): void {
  if (args.json) {
    io.stdout.write(`${JSON.stringify(toJsonReport(report, codemods), null, 2)}\n`);
    return;
  }
  if (args.dryRun) {
    // The patch goes to stdout alone, so `--dry-run > change.diff` is a patch `git apply` takes.
    if (!args.quiet) io.stdout.write(formatDiffs(report, io.stdout.isTTY === true && process.env['NO_COLOR'] === undefined));
    io.stderr.write(formatFileList(report, args.quiet));
    if (!args.quiet) io.stderr.write(formatSummary(report));
    return;
  }
  io.stdout.write(formatFileList(report, args.quiet));
  if (!args.quiet) io.stdout.write(formatSummary(report));
}

/** One fix run, as the command and the MCP server's `fix` tool ask for it. */
export interface FixRequest {
  /** Absolute project root; nothing outside it is written. */
  readonly root: string;
  /** Files, folders or globs relative to `root`; empty = everything. */
  readonly paths: readonly string[];
  /** Codemod names (known ones); run in the registry's safe order. */
  readonly codemods: readonly string[];
  readonly dryRun: boolean;
  readonly force: boolean;
  /** Worker threads; `null` = every core. */
  readonly jobs: number | null;
  readonly scriptsDir: string | null;
  /** `concurrent-await`'s bound on calls in flight (`--limit`); `null` or absent = unbounded. */
  readonly limit?: number | null;
  /** Told when the user's ESLint config cannot be loaded and the defaults apply. */
  readonly onNotice?: (notice: string) => void;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** The engine's report and the codemods that ran, in order. */
export interface FixOutcome {
  readonly report: RunReport;
  readonly codemods: readonly Codemod[];
}

/**
 * The core of `perf-standards fix`, shared with the MCP server: reads rule options from the user's ESLint
 * config (while the codemods load), runs the engine, and turns a target outside a git work tree (unless
 * `force` or `dryRun`), a dirty work tree or a bad path into a UsageError.
 * @performance one ESLint config load, one `calculateConfigForFile` per selected file, then the engine.
 */
export async function executeFix(request: FixRequest): Promise<FixOutcome> {
  // Writes only where git can show and revert them; a dry run writes nothing.
  if (!request.dryRun && !request.force && !(await isInsideWorkTree(request.root))) throw new UsageError(new NotInWorkTreeError(request.root).message);
  // Loading the user's ESLint config (and the plugins it imports) takes seconds on a large config; it
  // runs while the codemods load and the engine checks the tree and discovers files.
  const loadingOptions = optionsSource(request.root, request.onNotice ?? ((): void => undefined));
  // Awaited in prepare(); this only keeps an early failure from being an unhandled rejection.
  loadingOptions.catch((): void => undefined);
  const options: OptionsSource = {
    prepare: async (rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions> => (await loadingOptions).prepare(rule, files),
  };
  // Named codemods run in the same safe order as --all, each once.
  const codemods = await loadCodemods(request.codemods);
  const extraOptions: CodemodOptions = {
    ...(request.scriptsDir === null ? {} : { scriptsDir: request.scriptsDir }),
    ...(request.limit === null || request.limit === undefined ? {} : { limit: request.limit }),
  };
  try {
    const report = await runCodemods({
      root: request.root,
      paths: request.paths,
      codemods,
      dryRun: request.dryRun,
      force: request.force,
      ...(request.jobs === null ? {} : { jobs: request.jobs }),
      options,
      extraOptions,
      ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
    });
    return { report, codemods };
  } catch (error: unknown) {
    if (error instanceof DirtyWorkTreeError || error instanceof DiscoveryError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Runs `perf-standards fix` once arguments are parsed: lists codemods, or resolves the target, reads
 * options from the user's ESLint config, runs the engine with progress on stderr, prints the report,
 * and returns 1 when any file failed. A target outside a git work tree (unless --force or --dry-run),
 * a dirty work tree or a bad path is a usage error (exit 2).
 * @performance one ESLint config load, one `calculateConfigForFile` per selected file, then the engine.
 */
export async function runFix(args: FixArguments, io: CommandIO): Promise<number> {
  if (args.list) {
    const all = await loadCodemods();
    io.stdout.write(
      args.json
        ? `${JSON.stringify(all.map(({ name, rule, alsoFixes, languages, order, kind, description }) => ({ name, rule, alsoFixes: alsoFixes ?? [], languages: languages ?? [], order, kind, description })), null, 2)}\n`
        : formatCodemodList(all),
    );
    return EXIT_CLEAN;
  }
  const target = await resolveFixTarget(args, io.cwd);
  const progress = args.quiet || args.json ? null : createProgress(io.stderr);
  let outcome: FixOutcome;
  try {
    outcome = await executeFix({
      root: target.root,
      paths: target.paths,
      codemods: args.all ? CODEMOD_NAMES : args.codemods,
      dryRun: args.dryRun,
      force: args.force,
      jobs: args.jobs,
      scriptsDir: args.scriptsDir,
      limit: args.limit,
      onNotice: (notice: string): void => {
        if (!args.quiet) io.stderr.write(`perf-standards fix: ${notice}\n`);
      },
      ...(progress === null ? {} : { onProgress: progress.report }),
    });
  } finally {
    progress?.finish();
  }
  const { report, codemods } = outcome;
  writeOutput(args, report, codemods, io);
  return report.counts.failed > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
