import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The cache folder before 0.1: inside the project, where git saw it as an untracked change. */
export const LEGACY_CACHE_DIRECTORY = '.type-coverage';

/**
 * Where `coverage --cache` keeps its counts when no `--cache-directory` is given: the project's
 * `node_modules/.cache/perf-standards/` (the folder babel-loader, terser and ESLint integrations share,
 * which every Node project's .gitignore already covers), or, with no `node_modules/` in `cwd`, the user's
 * cache folder (`$XDG_CACHE_HOME` or `~/.cache`) under `perf-standards/<hash of cwd>`: never a path git
 * would call an uncommitted change, which `fix` would then refuse to run on.
 * @complexity O(length of cwd).
 */
export function defaultCacheDirectory(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (existsSync(path.join(cwd, 'node_modules'))) return path.join(cwd, 'node_modules', '.cache', 'perf-standards');
  const userCache = env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
  const key = createHash('sha256').update(path.resolve(cwd)).digest('hex').slice(0, 16);
  return path.join(userCache, 'perf-standards', key);
}

/**
 * Removes this command's file from the legacy `.type-coverage/` folder once its counts live in the new
 * place, and the folder when nothing else is left in it (type-coverage's own `result.json` is kept).
 * @performance two file system calls; errors are ignored (the folder is only tidied).
 */
export async function removeLegacyCacheFile(cwd: string, fileName: string): Promise<void> {
  const folder = path.join(cwd, LEGACY_CACHE_DIRECTORY);
  await unlink(path.join(folder, fileName)).catch((): void => undefined);
  const left = await readdir(folder).catch((): null => null);
  if (left !== null && left.length === 0) await rmdir(folder).catch((): void => undefined);
}
