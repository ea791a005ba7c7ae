import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../../standards/shared/config-file-names.js';
import { UsageError } from '../command.js';

/** What one `perf-standards check` run lints, and from where. */
export interface LintTarget {
  /**
   * ESLint's cwd: the directory given when exactly one directory is given and it is a project of its own
   * (outside the current directory, or holding a package.json, an eslint.config.* or .git), the current
   * directory otherwise. Option globs are relative to the config file's folder whatever it is.
   */
  readonly cwd: string;
  /** ESLint file patterns, relative to `cwd`. */
  readonly patterns: readonly string[];
}

const PROJECT_MARKERS: readonly string[] = ['package.json', '.git', ...CONFIG_FILE_NAMES];

async function isProjectOfItsOwn(directory: string, currentDirectory: string): Promise<boolean> {
  const relative = path.relative(currentDirectory, directory);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return true;
  const found = await Promise.all(PROJECT_MARKERS.map((name: string): Promise<boolean> => stat(path.join(directory, name)).then((): boolean => true, (): boolean => false)));
  return found.includes(true);
}

/**
 * Checks that every path exists and picks ESLint's cwd. `check some/repo` judges some/repo as its own
 * project (its package.json, its docs/), exactly as running the command inside it would; `check src`, a
 * folder of the current project, narrows the check as `eslint src` does and leaves the project where it
 * is; several paths, or a file, are judged as parts of the current directory's project, so they must lie
 * inside it.
 * @performance one `stat` per path, run concurrently, and one per project marker for a single directory.
 */
export async function resolveLintTarget(paths: readonly string[], currentDirectory: string): Promise<LintTarget> {
  if (paths.length === 0) return { cwd: currentDirectory, patterns: ['.'] };
  const kinds = await Promise.all(
    paths.map(async (given: string): Promise<'directory' | 'file'> => {
      try {
        return (await stat(path.resolve(currentDirectory, given))).isDirectory() ? 'directory' : 'file';
      } catch {
        throw new UsageError(`no such file or directory: ${given}`);
      }
    }),
  );
  const only = path.resolve(currentDirectory, paths[0] ?? '.');
  if (paths.length === 1 && kinds[0] === 'directory' && (await isProjectOfItsOwn(only, currentDirectory))) {
    return { cwd: only, patterns: ['.'] };
  }
  const patterns = paths.map((given: string): string => relativeInsideCurrentDirectory(given, currentDirectory));
  return { cwd: currentDirectory, patterns };
}

/**
 * `given` relative to the current directory, with `/`, or `.`; throws a UsageError when it lies outside
 * it. Shared by `check` and `fix`: paths that are parts of the current directory's project must be in it.
 * @complexity O(path length).
 */
export function relativeInsideCurrentDirectory(given: string, currentDirectory: string): string {
  const relative = path.relative(currentDirectory, path.resolve(currentDirectory, given));
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new UsageError(
      `${given} is outside the current directory: run the command from a folder that contains every path, or give one directory`,
    );
  }
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}
