import { parseArgs } from 'node:util';
import { BOOLEAN_COUNT_OPTIONS, type BooleanCountOption } from '../../standards/type-coverage/options.js';
import { describeParseArgsError } from '../argument-errors.js';
import { UsageError } from '../command.js';

/**
 * What the user typed, before package.json's `typeCoverage` block fills the rest in. Every key is the
 * camelCase name type-coverage reads from that block; `undefined` means "not given on the command line".
 */
export interface CoverageArguments {
  readonly project?: string;
  readonly detail?: boolean;
  readonly atLeast?: number;
  readonly is?: number;
  readonly cache?: boolean;
  readonly cacheDirectory?: string;
  readonly update?: boolean;
  readonly updateIfHigher?: boolean;
  readonly jsonOutput?: boolean;
  readonly showRelativePath?: boolean;
  readonly noDetailWhenFailed?: boolean;
  readonly notOnlyInCWD?: boolean;
  readonly ignoreFiles?: readonly string[];
  readonly reportUnusedIgnore?: boolean;
  readonly counts: Partial<Record<BooleanCountOption, boolean>>;
  /** type-coverage's `-- file1.ts file2.ts`: only these files (relative to the working directory). */
  readonly files: readonly string[] | undefined;
  /** Threads; `undefined` picks from the machine. */
  readonly jobs?: number;
}

/**
 * `ignoreCatch` → `ignore-catch`: type-coverage's flag name for a package.json key.
 * @complexity O(length of the name).
 */
export function flagName(option: string): string {
  return option.replace(/[A-Z]/gu, (letter: string): string => `-${letter.toLowerCase()}`);
}

function percentage(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new UsageError(`${flag} needs a percentage between 0 and 100, got "${value}"`);
  }
  return number;
}

/**
 * Parses `perf-standards coverage` arguments: type-coverage's flags (`--json` is short for `--json-output`),
 * and files after `--`. Bad input throws a UsageError that names the option.
 * @complexity O(number of arguments).
 */
export function parseCoverageArguments(argv: readonly string[]): CoverageArguments {
  const separator = argv.indexOf('--');
  const flags = separator === -1 ? argv : argv.slice(0, separator);
  const files = separator === -1 ? undefined : argv.slice(separator + 1);
  const booleanFlags = Object.fromEntries(BOOLEAN_COUNT_OPTIONS.map((option: BooleanCountOption) => [flagName(option), { type: 'boolean' as const }]));
  let values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  try {
    ({ values } = parseArgs({
      args: [...flags],
      allowPositionals: false,
      strict: true,
      options: {
        ...booleanFlags,
        project: { type: 'string', short: 'p' },
        detail: { type: 'boolean' },
        'at-least': { type: 'string' },
        is: { type: 'string' },
        cache: { type: 'boolean' },
        'cache-directory': { type: 'string' },
        update: { type: 'boolean' },
        'update-if-higher': { type: 'boolean' },
        json: { type: 'boolean' },
        'json-output': { type: 'boolean' },
        'show-relative-path': { type: 'boolean' },
        'no-detail-when-failed': { type: 'boolean' },
        'not-only-in-cwd': { type: 'boolean' },
        'ignore-files': { type: 'string', multiple: true },
        'report-unused-ignore': { type: 'boolean' },
        jobs: { type: 'string' },
      },
    }));
  } catch (error: unknown) {
    const message = describeParseArgsError(error);
    throw new UsageError(
      (error as { readonly code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? `unexpected argument; files to count go after "--" (perf-standards coverage -- src/a.ts): ${message}`
        : message,
    );
  }
  const flag = <T extends string | boolean | string[]>(name: string): T | undefined => values[name] as T | undefined;
  const counts: Partial<Record<BooleanCountOption, boolean>> = {};
  for (const option of BOOLEAN_COUNT_OPTIONS) {
    const value = flag<boolean>(flagName(option));
    if (value !== undefined) counts[option] = value;
  }
  const jobs = flag<string>('jobs');
  if (jobs !== undefined && !/^[1-9]\d*$/u.test(jobs)) throw new UsageError(`--jobs needs a whole number of at least 1, got "${jobs}"`);
  const json = flag<boolean>('json') ?? flag<boolean>('json-output');
  const given: Record<string, unknown> = {
    project: flag<string>('project'),
    detail: flag<boolean>('detail'),
    atLeast: percentage('--at-least', flag<string>('at-least')),
    is: percentage('--is', flag<string>('is')),
    cache: flag<boolean>('cache'),
    cacheDirectory: flag<string>('cache-directory'),
    update: flag<boolean>('update'),
    updateIfHigher: flag<boolean>('update-if-higher'),
    jsonOutput: json,
    showRelativePath: flag<boolean>('show-relative-path'),
    noDetailWhenFailed: flag<boolean>('no-detail-when-failed'),
    notOnlyInCWD: flag<boolean>('not-only-in-cwd'),
    ignoreFiles: flag<string[]>('ignore-files'),
    reportUnusedIgnore: flag<boolean>('report-unused-ignore'),
    jobs: jobs === undefined ? undefined : Number(jobs),
  };
  // Absent keys, not `undefined` values: settings tell "given" from "not given" by `in`.
  const present = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { ...present, counts, files } as CoverageArguments;
}
