import type { Command, CommandIO } from './command.js';
import { OUTPUT_FORMATS, parseCheckArguments } from './check/arguments.js';
import { resolveLintTarget } from './check/lint-target.js';

const USAGE = `Usage: perf-standards check [paths...] [options]

Checks the workspace standards with ESLint and no setup: with your eslint.config.* when it enables
perf-standards rules (your options apply), with the plugin's recommended config otherwise.
Files ignored by git (.gitignore at any depth, .git/info/exclude) and node_modules/ are skipped;
outside a git work tree the root .gitignore is read instead.

Globs in the rules' options (ignore, paths, ...) are relative to the folder of the eslint.config.* that
sets them, as ESLint's files and ignores are, wherever the command runs; with the recommended config, to
the folder checked. One directory given that is a project of its own (outside the current directory,
or with its own package.json, eslint.config.* or .git) is checked as that project; a folder of the
current project (check src) only narrows the check, as eslint src does.

Options:
  -f, --format <name>   ${OUTPUT_FORMATS.join(', ')} (default stylish; sarif is SARIF 2.1.0 for GitHub code scanning)
  --fix                 apply the rules' autofixes to the files (as eslint --fix); the rest is reported
  -o, --output-file <f> write the report to this file instead of stdout (as eslint -o)
  --quiet               report errors only
  --max-warnings <n>    exit with 1 when there are more than n warnings
  -h, --help            show this help

On a terminal, a status line says the check is running once it takes over a second (never in pipes or
CI logs). A file or folder that cannot be read is named on stderr and skipped.

Exit codes: 0 no errors, 1 errors (or too many warnings, or a file that cannot be read), 2 bad usage, a
config ESLint cannot load, or crash.`;

/**
 * `perf-standards check [paths...]`: lints with the user's config when it adopts the standards, the
 * recommended config otherwise; prints stylish (plus a per-rule summary and the codemods that fix
 * them), JSON or SARIF.
 * @performance arguments and paths are checked before ESLint and TypeScript load, so usage errors
 * answer at once; then one `git ls-files`, one config load and one ESLint run.
 */
export const checkCommand: Command = {
  name: 'check',
  summary: 'Check the workspace standards with zero configuration (stylish, json or sarif).',
  usage: USAGE,
  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const args = parseCheckArguments(argv);
    const target = await resolveLintTarget(args.paths, io.cwd);
    const { runCheck } = await import('./check/run-check.js');
    return runCheck(args, target, io);
  },
} as const;
