import { CODEMOD_NAMES } from '../codemods/runner/registry.js';
import type { Command, CommandIO } from './command.js';
import { parseFixArguments } from './fix/arguments.js';

const USAGE = `Usage: perf-standards fix <codemod...> [paths...] [options]
       perf-standards fix --all [paths...] [options]
       perf-standards fix --list

Applies codemods that fix what the standards report, in a safe order (renames first). Each codemod
reads its options from your eslint.config.* for the rule it fixes (defaults otherwise). Files ignored
by git and node_modules/ are never touched; symbolic links are not followed; every file is written
atomically, and nothing outside the project root is written. It writes only where its changes can be
reviewed and reverted: the root must be inside a git work tree with nothing uncommitted (or --force);
--dry-run works anywhere.

The project root is --root, else the one directory given, else the current directory. Paths (files,
folders or globs) narrow what is fixed, and must lie inside the current directory unless --root is
given (as for check); references are rewritten anywhere under the root, docs only inside the paths.

Bytes no edit touched are kept (encoding, BOM, line endings); a file whose encoding cannot take the
edit is left untouched and reported. Where the project formats with Prettier, edited code is
formatted with the project's own Prettier. Temporary files a killed run left are deleted first.
Ctrl-C stops between codemods and names those applied.

Options:
  --all                 run every codemod
  --list                list the codemods (with --json: as JSON)
  --dry-run             write nothing; print a unified diff (renames and deletions included);
                        with several codemods, they run in sequence on a scratch copy and the
                        patch, one diff per file, is what the real run writes
  --json                print a machine-readable report
  --force               run outside a git work tree, or with uncommitted changes
  -j, --jobs <n>        worker threads for per-file codemods (default: every core)
  --root <dir>          the project root
  --scripts-dir <dir>   rename-one-off-scripts: move executable scripts into this folder
  --limit <n>           concurrent-await: at most n calls in flight (mapConcurrent from the package's runtime;
                        Python: an asyncio.Semaphore)
  --change-public-api   readonly-data-shapes: also change the types a published package's entry points
                        expose (left alone by default: code outside the repository may write them);
                        add-explicit-types: also annotate the parameters a published Python distribution
                        offers (left alone by default: callers outside the repository may pass other types)
  --quiet               print failures only
  -h, --help            show this help

Exit codes: 0 done, 1 some file failed (the others are fixed), 2 bad usage, no git work tree,
uncommitted changes or crash, 130 interrupted (Ctrl-C).`;

/**
 * `perf-standards fix`: the codemod engine's command.
 * @performance arguments are checked before ESLint, TypeScript or any codemod loads, so usage errors
 * answer at once; only the codemods asked for are loaded.
 */
export const fixCommand: Command = {
  name: 'fix',
  summary: 'Apply codemods that fix what the standards report (--list, --all, --dry-run).',
  usage: USAGE,
  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const args = parseFixArguments(argv, CODEMOD_NAMES);
    const { runFix } = await import('./fix/run-fix.js');
    return runFix(args, io);
  },
} as const;
