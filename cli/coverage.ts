import type { Command, CommandIO } from './command.js';
import { parseCoverageArguments } from './coverage/arguments.js';
import { resolveCoverageSettings } from './coverage/settings.js';

const USAGE = `Usage: perf-standards coverage [-p tsconfig] [options] [-- file1.ts file2.ts ...]

Type coverage of a TypeScript project, counted as type-coverage 2.30 counts it (same numbers, same output),
with an incremental cache that also re-counts the files whose imports changed. Options are type-coverage's;
each can also be set in the "typeCoverage" block of package.json (camelCase: "atLeast", "ignoreCatch", ...).
A solution-style tsconfig (only "references") is followed to every referenced project.

Options:
  -p, --project <path>          tsconfig file, or a directory holding tsconfig.json (default .)
  --detail                      list every uncovered identifier as path:line:col: name
  --at-least <percent>          exit with 1 when the coverage is below this
  --is <percent>                exit with 1 when the coverage is not exactly this
  --update                      raise "atLeast" in package.json's typeCoverage block to the current
                                coverage; never lowers it (--update-if-higher is the same)
  --json, --json-output         print type-coverage's JSON object
  --cache                       reuse counts of files whose text and dependencies did not change
  --cache-directory <dir>       where the cache lives (default node_modules/.cache/perf-standards,
                                which git ignores; a .type-coverage/ cache is moved there)
  --strict                      also count any in type arguments, Object, {}, and unsafe assertions
  --ignore-catch                do not count catch clause variables
  --ignore-files <glob>         do not count matching files (repeatable; relative to the current directory)
  --ignore-unread               do not count writes to implicit-any variables
  --ignore-nested               strict: do not count any inside type arguments
  --ignore-as-assertion         strict: do not count as assertions
  --ignore-type-assertion       strict: do not count <T> assertions
  --ignore-non-null-assertion   strict: do not count non-null assertions
  --ignore-object               strict: Object is not any
  --ignore-empty-type           strict: {} is not any
  --report-semantic-error       count every TypeScript semantic error as uncovered
  --report-unused-ignore        count unused type-coverage:ignore directives (on in strict mode)
  --no-detail-when-failed       do not list details when a threshold fails
  --not-only-in-cwd             also count files outside the current directory
  --show-relative-path          accepted for type-coverage scripts; paths are always relative here
  --jobs <n>                    threads to count on (default: 2 when a core is idle, else 1)
  -h, --help                    show this help

Exit codes: 0 coverage meets the thresholds, 1 below --at-least (or not --is), 2 bad usage, a tsconfig
that cannot be used, no file to count.`;

/**
 * `perf-standards coverage`: project type coverage, type-coverage compatible, with a correct cache and an
 * `--update` ratchet.
 * @performance arguments and package.json are checked before TypeScript loads; then one program per thread
 * (see measureCoverage).
 */
export const coverageCommand: Command = {
  name: 'coverage',
  summary: 'Type coverage of a TypeScript project, type-coverage compatible (--at-least, --detail, --cache, --update).',
  usage: USAGE,
  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const settings = resolveCoverageSettings(parseCoverageArguments(argv), io.cwd);
    const { runCoverage } = await import('./coverage/run-coverage.js');
    return runCoverage(settings, io);
  },
} as const;
