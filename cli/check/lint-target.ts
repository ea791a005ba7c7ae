import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../command.js';

/** What one `perf-standards check` run lints, and from where. */
export interface LintTarget {
  /**
   * ESLint's cwd and the project root `require-docs` judges: the directory given when exactly one
   * directory is given, the current directory otherwise.
   */
  readonly cwd: string;
  /** ESLint file patterns, relative to `cwd`. */
  readonly patterns: readonly string[];
}

/**
 * Checks that every path exists and picks the project root. `check some/repo` judges some/repo as its
 * own project (its package.json, its docs/), exactly as running the command inside it would; several
 * paths, or a file, are judged as parts of the current directory's project, so they must lie inside it.
 * @performance one `stat` per path, run concurrently.
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
  if (paths.length === 1 && kinds[0] === 'directory') {
    return { cwd: path.resolve(currentDirectory, paths[0] ?? '.'), patterns: ['.'] };
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
