import { open, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectChanges } from './contract.js';
import { renameNoOverwrite, writeFileAtomic } from './atomic-write.js';
import { writeRefusal } from './root-guard.js';
import { encodeEdit, replacementRefusal } from './source-bytes.js';
import type { ProjectFormatter } from './project-formatting.js';
import type { FileChange } from './unified-diff.js';
import { relativePath } from '../../standards/shared/project-paths.js';

/** What happened to one path when a codemod's changes were applied (or previewed). */
export interface AppliedFile {
  readonly path: string;
  readonly status: 'changed' | 'failed';
  readonly reason?: string;
  readonly renamedTo?: string;
  readonly deleted?: boolean;
  readonly created?: boolean;
}

export interface ApplyResult {
  readonly files: readonly AppliedFile[];
  /** Content before and after per changed path, for diffs. */
  readonly changes: readonly FileChange[];
}

// File systems answer many small requests faster when more are in flight (measured: 2,000 files write
// about 1.5× faster at 64 than at 16 on ext4).
const WRITE_CONCURRENCY = 64;


async function readIfExists(file: string): Promise<{ bytes: Buffer | null; mode: number | null }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { bytes: null, mode: null };
  }
  try {
    const info = await handle.stat();
    return { bytes: await handle.readFile(), mode: info.mode & 0o7777 };
  } finally {
    await handle.close();
  }
}

const spelledBy = (bytes: Buffer, text: string | null): boolean => text !== null && Buffer.byteLength(text, 'utf8') === bytes.length && Buffer.from(text, 'utf8').equals(bytes);

async function exists(file: string): Promise<boolean> {
  return stat(file).then((): boolean => true, (): boolean => false);
}

interface Pending {
  readonly from: string;
  /** The old file's mode, `null` for a new file. */
  readonly mode: number | null;
  /** The old file's bytes, `null` for a new file. */
  readonly original: Buffer | null;
  /** `original` decoded as the codemods read it. */
  readonly before: string | null;
  /** The codemod's new text. */
  after: string | null;
  /** What will be written for `after`, set once every change is known. */
  bytes?: Buffer;
  renamedTo?: string;
  deleted?: boolean;
}

/**
 * Validates and applies one codemod's changes under `root`: every path must stay inside the root and not
 * be a symlink (otherwise that path fails and nothing is written to it); then every new content is
 * written atomically, and only after all writes succeeded are renames (never overwriting) and deletions
 * done. A path a write failed on is neither renamed nor deleted. With `dryRun` nothing is written and
 * the result only describes what would change. Bytes the edits did not touch are kept (source-bytes.ts);
 * a file whose encoding cannot take the edit fails, and with `together` (a project codemod's plan, whose
 * edits depend on each other) so does every other path of the plan. With `formatter` (the project's
 * Prettier), the edited part of each file is formatted first (project-formatting.ts).
 * @performance reads each touched file once (for the diff); writes run 64 at a time, each flushed to
 * disk before its rename.
 */
export async function applyChanges(
  root: string,
  changes: ProjectChanges,
  dryRun: boolean,
  together: boolean = false,
  formatter: ProjectFormatter | null = null,
): Promise<ApplyResult> {
  const failed = new Map<string, string>();
  for (const entry of changes.failed) failed.set(entry.path, entry.reason);
  const pending = new Map<string, Pending>();
  const folders = new Map<string, Promise<string | null>>();
  const refuse = async (file: string): Promise<boolean> => {
    const refusal = await writeRefusal(file, root, folders);
    if (refusal !== null && !failed.has(file)) failed.set(file, `not written: ${refusal}`);
    return refusal !== null;
  };
  const entryFor = async (file: string): Promise<Pending> => {
    let entry = pending.get(file);
    if (entry === undefined) {
      const { bytes, mode } = await readIfExists(file);
      const text = bytes === null ? null : bytes.toString('utf8');
      entry = { from: file, mode, original: bytes, before: text, after: text };
      pending.set(file, entry);
    }
    return entry;
  };

  await Promise.all(
    [...changes.writes].map(async ([file, content]: [string, string]): Promise<void> => {
      if (failed.has(file) || (await refuse(file))) return;
      (await entryFor(file)).after = content;
    }),
  );
  for (const { from, to } of changes.renames) {
    if (failed.has(from)) continue;
    if ((await refuse(from)) || (await refuse(to))) {
      failed.set(from, failed.get(from) ?? failed.get(to) ?? 'not renamed');
      pending.delete(from);
      continue;
    }
    if (await exists(to)) {
      failed.set(from, `cannot be renamed to ${relativePath(root, to)}: that file already exists`);
      pending.delete(from);
      continue;
    }
    (await entryFor(from)).renamedTo = to;
  }
  await Promise.all(
    changes.deletes.map(async (file: string): Promise<void> => {
      if (failed.has(file) || (await refuse(file))) return;
      const entry = await entryFor(file);
      entry.deleted = true;
      entry.after = null;
    }),
  );

  if (formatter !== null) {
    await Promise.all(
      [...pending.values()].map(async (entry: Pending): Promise<void> => {
        if (entry.after === null || entry.after === entry.before || failed.has(entry.from)) return;
        entry.after = await formatter.format(entry.renamedTo ?? entry.from, entry.before, entry.after);
      }),
    );
  }
  const refused = new Map<string, string>();
  // Bytes the edits did not touch are copied from the file, or the file is refused as it is (see source-bytes.ts).
  for (const entry of pending.values()) {
    if (entry.after === null || entry.after === entry.before) continue;
    if (entry.original === null) {
      const replaced = entry.after.indexOf('\uFFFD');
      if (replaced === -1) entry.bytes = Buffer.from(entry.after, 'utf8');
      else refused.set(entry.from, replacementRefusal(entry.after.slice(0, replaced).split('\n').length));
      continue;
    }
    const encoded = encodeEdit(entry.original, entry.after);
    if ('refusal' in encoded) refused.set(entry.from, encoded.refusal);
    else if (!encoded.bytes.equals(entry.original)) entry.bytes = encoded.bytes;
  }
  for (const [file, reason] of refused) failed.set(file, reason);
  // A project codemod's changes depend on each other (an importer follows a rename): one refused file stops them all.
  const [firstRefused] = refused;
  if (together && firstRefused !== undefined) {
    const because = `not written: ${relativePath(root, firstRefused[0])} cannot be written byte for byte (${firstRefused[1]}), and this codemod's changes are applied together or not at all`;
    for (const file of [...pending.keys(), ...changes.writes.keys()]) if (!failed.has(file)) failed.set(file, because);
  }
  const entries = [...pending.values()].filter(
    (entry: Pending): boolean => entry.bytes !== undefined || entry.renamedTo !== undefined || entry.deleted === true,
  );
  if (!dryRun) {
    let next = 0;
    const writable = entries.filter((entry: Pending): boolean => entry.bytes !== undefined && !failed.has(entry.from));
    const drain = async (): Promise<void> => {
      for (let index = next++; index < writable.length; index = next++) {
        const entry = writable[index];
        if (entry === undefined) continue;
        try {
          await writeFileAtomic(entry.from, entry.bytes ?? Buffer.alloc(0), entry.mode);
        } catch (error: unknown) {
          failed.set(entry.from, `could not be written: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, writable.length) }, drain));
    // Renames run in order: a later one may move a file into a folder an earlier one created.
    for (const entry of entries) {
      if (entry.renamedTo === undefined || failed.has(entry.from)) continue;
      try {
        await renameNoOverwrite(entry.from, entry.renamedTo);
      } catch (error: unknown) {
        failed.set(entry.from, `could not be renamed: ${(error as Error).message}`);
      }
    }
    for (const entry of entries) {
      if (entry.deleted !== true || failed.has(entry.from)) continue;
      try {
        await unlink(entry.from);
      } catch (error: unknown) {
        failed.set(entry.from, `could not be deleted: ${(error as Error).message}`);
      }
    }
  }

  const files: AppliedFile[] = [];
  const previews: FileChange[] = [];
  for (const entry of entries) {
    if (failed.has(entry.from)) continue;
    const relative = relativePath(root, entry.from);
    const renamedTo = entry.renamedTo === undefined ? undefined : relativePath(root, entry.renamedTo);
    files.push({
      path: relative,
      status: 'changed',
      ...(renamedTo === undefined ? {} : { renamedTo }),
      ...(entry.deleted === true ? { deleted: true } : {}),
      ...(entry.before === null ? { created: true } : {}),
    });
    previews.push({
      path: relative,
      ...(renamedTo === undefined ? {} : { renamedTo }),
      ...(entry.deleted === true ? { deleted: true } : {}),
      before: entry.before,
      after: entry.deleted === true ? null : entry.bytes === undefined ? entry.before : entry.bytes.toString('utf8'),
      // Bytes only where the text does not spell them (not UTF-8), so a patch can still carry them exactly.
      ...(entry.original === null || spelledBy(entry.original, entry.before) ? {} : { beforeBytes: entry.original }),
      ...(entry.bytes === undefined || spelledBy(entry.bytes, entry.bytes.toString('utf8')) ? {} : { afterBytes: entry.bytes }),
    });
  }
  for (const [file, reason] of failed) files.push({ path: relativePath(root, file), status: 'failed', reason });
  return { files, changes: previews };
}
