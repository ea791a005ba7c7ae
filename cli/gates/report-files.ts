import { realpath } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { ConfigError } from '../../standards/quality-gates/config.js';

/**
 * The files a gate's `report` setting names, relative to `root` and sorted: each entry is a path or a glob,
 * and must stay inside the root (no absolute path, no `..`); a file that resolves outside it through a
 * symbolic link is left out. `key` names the setting in errors (`gates.coverage.report`).
 * @performance one directory walk per glob (fast-glob), one realpath per match.
 */
export async function findReportFiles(root: string, patterns: readonly string[], key: string): Promise<readonly string[]> {
  for (const pattern of patterns) {
    if (path.isAbsolute(pattern) || pattern.split(/[\\/]/u).includes('..')) {
      throw new ConfigError(`${key}: "${pattern}" must be relative to the project root and stay inside it`);
    }
  }
  const matches = await fg([...patterns], { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] });
  const realRoot = await realpath(root);
  const inside = await Promise.all(
    matches.map(async (file: string): Promise<boolean> => {
      const real = await realpath(path.join(root, file)).catch((): string => '');
      return real !== '' && (real === realRoot || real.startsWith(realRoot + path.sep));
    }),
  );
  return matches.filter((_: string, index: number): boolean => inside[index] === true).sort();
}

/**
 * A setting that takes one path/glob or a list of them, as a list.
 * @complexity O(1).
 */
export const patternList = (value: string | readonly string[] | undefined, fallback: readonly string[]): readonly string[] =>
  value === undefined ? fallback : typeof value === 'string' ? [value] : value;
