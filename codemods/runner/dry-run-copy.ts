import { copyFile, mkdir, mkdtemp, readlink, realpath, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CodemodOptions } from './contract.js';
import { discoverFiles } from './discovery.js';
import { OPTIONS_BASE_KEY, type OptionsSource, type RuleNotRun } from './rule-options.js';
import type { FileChange } from './unified-diff.js';

/**
 * A dry run of several codemods must preview what the real run writes, where each codemod sees the
 * previous one's result. Codemods read the project through TypeScript, fast-glob and the file system,
 * so the sequence runs for real on a scratch copy of the project in the system's temporary folder;
 * nothing under the root is written. The changes of all codemods then fold into one change per file,
 * against the file as it is now.
 */

/** A scratch copy of a project: where it is, and how to map its paths back. */
export interface ScratchCopy {
  /** Absolute real path of the copy's root. */
  readonly root: string;
  /** Deletes the copy. */
  dispose(): Promise<void>;
}

// Copies at once: enough to overlap the I/O, few enough to stay far below file-descriptor limits.
const COPY_CONCURRENCY = 32;

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((info): boolean => info.isDirectory(), (): boolean => false);
}

/**
 * Copies every file discovery finds under `root` (gitignored files, `.git` and `node_modules` left out)
 * into a new temporary folder, keeping modes and symbolic links as links; each `node_modules` beside a
 * package.json becomes a link to the original, so types and packages resolve as in the project.
 * @performance one directory walk and one copy per file, 32 at a time.
 */
export async function copyProject(root: string): Promise<ScratchCopy> {
  const scratch = await realpath(await mkdtemp(path.join(os.tmpdir(), 'perf-standards-dry-run-')));
  try {
    const found = await discoverFiles(root, []);
    const relative = (file: string): string => path.relative(root, file);
    const folders = new Set<string>();
    for (const file of [...found.all, ...found.symlinks.map((link) => link.path)]) folders.add(path.dirname(path.join(scratch, relative(file))));
    await Promise.all([...folders].map((folder: string): Promise<string | undefined> => mkdir(folder, { recursive: true })));
    let next = 0;
    const copier = async (): Promise<void> => {
      for (let index = next++; index < found.all.length; index = next++) {
        const file = found.all[index] ?? '';
        await copyFile(file, path.join(scratch, relative(file)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(COPY_CONCURRENCY, found.all.length) }, copier));
    await Promise.all(
      found.symlinks.map(async (link: { path: string }): Promise<void> => symlink(await readlink(link.path), path.join(scratch, relative(link.path)))),
    );
    const packageFolders = [root, ...found.all.filter((file: string): boolean => path.basename(file) === 'package.json').map((file: string): string => path.dirname(file))];
    await Promise.all(
      [...new Set(packageFolders)].map(async (folder: string): Promise<void> => {
        const modules = path.join(folder, 'node_modules');
        if (await isDirectory(modules)) await symlink(modules, path.join(scratch, relative(folder), 'node_modules'), 'dir');
      }),
    );
  } catch (error: unknown) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return { root: scratch, dispose: (): Promise<void> => rm(scratch, { recursive: true, force: true }) };
}

/**
 * Options for the copy's files, read from the user's config for the original files (the config, its
 * ignores and overrides are about the real paths).
 * @complexity O(1) per lookup beyond the original source's.
 */
export function optionsThroughCopy(source: OptionsSource, copy: string, root: string): OptionsSource {
  const toReal = (file: string): string => {
    const inCopy = path.relative(copy, file);
    return inCopy.startsWith('..') || path.isAbsolute(inCopy) ? file : path.join(root, inCopy);
  };
  // The folder option globs are relative to (the config file's) is a real folder: the codemods see the copy's.
  const toCopy = (folder: string): string => {
    const inRoot = path.relative(root, folder);
    return inRoot.startsWith('..') || path.isAbsolute(inRoot) ? folder : path.join(copy, inRoot);
  };
  return {
    prepare: async (rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions> => {
      const lookup = await source.prepare(rule, files.map(toReal));
      return (file: string): CodemodOptions => {
        const options = lookup(toReal(file));
        const base = options[OPTIONS_BASE_KEY];
        return typeof base === 'string' ? { ...options, [OPTIONS_BASE_KEY]: toCopy(base) } : options;
      };
    },
    ...(source.validate === undefined ? {} : { validate: (files: readonly string[]): Promise<void> => source.validate!(files.map(toReal)) }),
    ...(source.filesTurningOff === undefined
      ? {}
      : {
          filesTurningOff: async (rule: string, files: readonly string[]): Promise<ReadonlyMap<string, RuleNotRun>> => {
            const real = await source.filesTurningOff!(rule, files.map(toReal));
            return new Map(files.filter((file: string): boolean => real.has(toReal(file))).map((file: string): [string, RuleNotRun] => [file, real.get(toReal(file))!]));
          },
        }),
  };
}

interface Folded {
  readonly path: string;
  readonly before: string | null;
  readonly beforeBytes?: Buffer;
  readonly after: string | null;
  readonly afterBytes?: Buffer;
  readonly deleted?: boolean;
}

/**
 * Folds the changes of a sequence of codemods (each against the tree the previous left) into one change
 * per original file: its content before the first and after the last, its final path, whether it is gone.
 * A file created and deleted again, or changed back, drops out.
 * @complexity O(changes).
 */
export function foldChanges(changes: readonly FileChange[]): readonly FileChange[] {
  // Current path → the file's story so far.
  const byPath = new Map<string, Folded>();
  for (const change of changes) {
    const known = byPath.get(change.path);
    byPath.delete(change.path);
    const { afterBytes: _previous, ...story }: Folded = known ?? {
      path: change.path,
      before: change.before,
      ...(change.beforeBytes === undefined ? {} : { beforeBytes: change.beforeBytes }),
      after: change.before,
    };
    byPath.set(change.renamedTo ?? change.path, {
      ...story,
      after: change.after,
      ...(change.afterBytes === undefined ? {} : { afterBytes: change.afterBytes }),
      ...(change.deleted === true ? { deleted: true } : {}),
    });
  }
  const folded: FileChange[] = [];
  for (const [now, entry] of byPath) {
    const renamedTo = entry.deleted === true || now === entry.path ? undefined : now;
    const deleted = entry.deleted === true && entry.before !== null;
    if (entry.before === entry.after && renamedTo === undefined && !deleted) continue;
    if (entry.before === null && entry.after === null) continue;
    folded.push({
      path: entry.path,
      ...(renamedTo === undefined ? {} : { renamedTo }),
      ...(deleted ? { deleted: true } : {}),
      before: entry.before,
      after: deleted ? null : entry.after,
      ...(entry.beforeBytes === undefined ? {} : { beforeBytes: entry.beforeBytes }),
      ...(entry.afterBytes === undefined || deleted ? {} : { afterBytes: entry.afterBytes }),
    });
  }
  return folded.sort((a: FileChange, b: FileChange): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
