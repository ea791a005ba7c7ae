import { lstat, unlink } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { runGit } from '../../standards/shared/git-process.js';
import { TEMPORARY_SUFFIX } from './atomic-write.js';
import { isInsideRoot } from './root-guard.js';

/** A temporary file an earlier run left behind (killed between writing it and renaming it over its file). */
export interface StaleTemporary {
  /** Absolute path. */
  readonly path: string;
  /** The process that wrote it, from its name (`.<file>.<pid>.<sequence>.perf-standards-tmp`). */
  readonly pid: number;
}

// writeFileAtomic's naming: the leading dot, the file's name, the writer's pid, a sequence number.
const TEMPORARY_NAME = new RegExp(`^\\..+\\.(\\d+)\\.\\d+${TEMPORARY_SUFFIX.replaceAll('.', '\\.')}$`, 'u');

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function candidates(root: string): Promise<readonly string[]> {
  // Inside a work tree git lists them (they are untracked); elsewhere one walk looks for the suffix.
  const listed = await runGit(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', `:(glob)**/*${TEMPORARY_SUFFIX}`]);
  if (listed !== null) return listed.split('\0').filter((entry: string): boolean => entry !== '').map((entry: string): string => path.join(root, entry));
  return fg(`**/*${TEMPORARY_SUFFIX}`, { cwd: root, dot: true, absolute: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
}

/**
 * Deletes the temporary files under `root` that a run killed mid-write left (`kill -9`, a crash, a power
 * loss), so that they neither make the next run refuse a "dirty" tree nor linger: only regular files
 * named the way writeFileAtomic names them whose writer process is gone. A temporary of a process that is
 * still running (another run) is left alone. Their original files were never touched: each temporary is
 * renamed over its file only once complete.
 * @returns the temporaries deleted, sorted by path.
 * @performance one `git ls-files` (or one directory walk outside git), one `lstat` and `unlink` per temporary.
 */
export async function removeStaleTemporaries(root: string): Promise<readonly StaleTemporary[]> {
  const removed: StaleTemporary[] = [];
  for (const file of [...(await candidates(root))].sort()) {
    const match = TEMPORARY_NAME.exec(path.basename(file));
    if (match === null || !isInsideRoot(file, root)) continue;
    const pid = Number(match[1]);
    if (isRunning(pid)) continue;
    const info = await lstat(file).catch((): null => null);
    if (info === null || !info.isFile()) continue;
    await unlink(file);
    removed.push({ path: file, pid });
  }
  return removed;
}
