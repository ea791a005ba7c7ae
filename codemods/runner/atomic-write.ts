import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Suffix of the runner's temporary files; discovery never selects them. */
export const TEMPORARY_SUFFIX = '.perf-standards-tmp';

let sequence = 0;

/**
 * Replaces `file` with `content` (a string is written as UTF-8) so that at every instant the path holds either the whole old content or
 * the whole new one: the bytes go to a temporary file in the same folder (same file system), are flushed
 * to disk, get the old file's mode, and are renamed over the original, which POSIX makes atomic. A crash
 * can leave the temporary file behind, never a truncated `file`. `knownMode` (the old file's mode, or
 * `null` for a new file) saves a `stat` when the caller already has it.
 * @performance open, write, fsync, fchmod, close and rename per file; no read of the old content.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, knownMode?: number | null): Promise<void> {
  let mode: number | null = knownMode ?? null;
  if (knownMode === undefined) {
    try {
      mode = (await stat(file)).mode & 0o7777;
    } catch {
      mode = null;
    }
  }
  if (mode === null) await mkdir(path.dirname(file), { recursive: true });
  sequence += 1;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${sequence}${TEMPORARY_SUFFIX}`);
  const handle = await open(temporary, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(content);
      // open() applies the umask; the old file's exact mode (executable bits included) must survive.
      if (mode !== null) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error: unknown) {
    await unlink(temporary).catch((): void => undefined);
    throw error;
  }
}

/**
 * Thrown when a rename would replace an existing file.
 * @complexity O(1) to construct.
 */
export class TargetExistsError extends Error {
  override readonly name = 'TargetExistsError';
}

/**
 * Moves `from` to `to` without ever replacing an existing `to`: a hard link fails atomically when the
 * target exists, then the old name is removed. Where hard links are not supported, an existence check
 * precedes a plain rename.
 * @performance two metadata operations.
 */
export async function renameNoOverwrite(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetExistsError(`${to} already exists`);
    if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    const exists = await stat(to).then((): boolean => true, (): boolean => false);
    if (exists) throw new TargetExistsError(`${to} already exists`);
    await rename(from, to);
    return;
  }
  await unlink(from);
}

/**
 * Brackets a run's writes for a caller that may stop the run from outside (the MCP server ends a cancelled
 * call's thread): `enter` is called before the first write of a batch and returns `false` when the run is
 * stopped (then nothing is written), `leave` once the batch is written. Between the two, the caller lets the
 * writes finish, so each file is whole, old or new, and a project codemod's changes are written together.
 */
export interface WriteGate {
  enter(): boolean;
  leave(): void;
}
