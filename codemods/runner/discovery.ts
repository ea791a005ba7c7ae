import fs from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { ignoredByGit, ignoredByRootGitignore } from '../../standards/shared/git-ignores.js';
import { isInsideRoot } from './root-guard.js';
import { TEMPORARY_SUFFIX } from './atomic-write.js';

/** What discovery found under the target root. */
export interface Discovery {
  /** Files the given paths select (absolute, sorted). */
  readonly selected: readonly string[];
  /** Every file under the root (absolute, sorted); importers and package.json live here. */
  readonly all: readonly string[];
  /** Symbolic links met on the way; never followed nor edited. */
  readonly symlinks: readonly { readonly path: string; readonly reason: string }[];
  /** Globs relative to the root for what the paths select (`**` when they select everything). */
  readonly selection: readonly string[];
  /** Folders this process cannot list (absolute), each with why; nothing under them is selected. */
  readonly unreadableFolders: ReadonlyMap<string, string>;
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]) => void;

// fast-glob stops the whole walk on a folder it cannot list; this adapter records the folder and lets the
// walk go on without it, so `fix` names it and fixes the rest.
function recordingReaddir(unreadable: Map<string, string>): typeof fs.readdir {
  const readdir = (folder: fs.PathLike, options: unknown, callback: ReaddirCallback): void => {
    fs.readdir(folder, options as { withFileTypes: true }, (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]): void => {
      if (error !== null && (error.code === 'EACCES' || error.code === 'EPERM')) {
        unreadable.set(path.normalize(String(folder)), `permission denied (${error.code})`);
        callback(null, []);
        return;
      }
      callback(error, entries);
    });
  };
  return readdir as unknown as typeof fs.readdir;
}

const ALWAYS_IGNORED: readonly string[] = ['**/node_modules', '**/node_modules/**', '**/.git/**', `**/*${TEMPORARY_SUFFIX}`];

/**
 * Thrown when a path given by the user does not exist or lies outside the root.
 * @complexity O(1) to construct.
 */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

// git prints ignored folders with a trailing slash; fast-glob needs the folder's contents named.
const toGlobIgnore = (pattern: string): string => (pattern.endsWith('/') ? `${pattern}**` : pattern);

async function ignorePatterns(root: string): Promise<readonly string[]> {
  const fromGit = await ignoredByGit(root, ['.']);
  const patterns = fromGit ?? (await ignoredByRootGitignore(root)) ?? [];
  return [...ALWAYS_IGNORED, ...patterns.map(toGlobIgnore)];
}

/** What one path given by the user selects: a glob relative to the root, or nothing and why. */
type UserSelection = { readonly pattern: string } | { readonly skipped: { readonly path: string; readonly reason: string } };

/** The skip reason of a path whose real path `target` lies outside `root`, worded as the whole-root walk's. */
const outsideReason = (target: string): string => `a symbolic link to ${target}, outside the target root; not followed`;

// A path is judged by its real path before anything reads it: through a link that leads out of the root
// it is skipped as the whole-root walk skips that link; through one that stays inside, its target is
// selected under its own path (as the walk processes it), so the guarded walk lists it.
async function userSelection(root: string, given: string): Promise<UserSelection> {
  if (fg.isDynamicPattern(given)) return { pattern: given };
  const absolute = path.resolve(root, given);
  if (!isInsideRoot(absolute, root)) throw new DiscoveryError(`${given} is outside the target root ${root}`);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    const dangling = await lstat(absolute).then((): boolean => true, (): boolean => false);
    if (dangling) return { skipped: { path: absolute, reason: 'a broken symbolic link; not followed' } };
    throw new DiscoveryError(`no such file or directory: ${given}`);
  }
  if (!isInsideRoot(real, root)) return { skipped: { path: absolute, reason: outsideReason(real) } };
  const isDirectory = (await stat(real)).isDirectory();
  const relative = fg.escapePath(path.relative(root, real).split(path.sep).join('/'));
  if (isDirectory) return { pattern: relative === '' ? '**' : `${relative}/**` };
  return { pattern: relative };
}

/**
 * Lists the files under `root` (which must be a real path) and those `paths` select (files, folders
 * or globs, relative to `root`; empty = everything). Git decides what is ignored inside a work tree
 * (every .gitignore level, info/exclude); outside one the root .gitignore is read. node_modules and .git
 * are never entered; symbolic links are listed apart and never followed.
 * @performance one `git ls-files` and one directory walk (two when paths narrow the selection).
 */
export async function discoverFiles(root: string, paths: readonly string[]): Promise<Discovery> {
  const [ignore, selections] = await Promise.all([
    ignorePatterns(root),
    Promise.all(paths.map((given: string): Promise<UserSelection> => userSelection(root, given))),
  ]);
  const patterns = selections.flatMap((selection: UserSelection): string[] => ('pattern' in selection ? [selection.pattern] : []));
  const givenSkipped = selections.flatMap((selection: UserSelection): { path: string; reason: string }[] => ('skipped' in selection ? [selection.skipped] : []));
  const unreadableFolders = new Map<string, string>();
  const walk = async (globs: readonly string[]): Promise<{ files: string[]; links: string[] }> => {
    const entries = await fg([...globs], {
      fs: { readdir: recordingReaddir(unreadableFolders) },
      cwd: root,
      ignore: [...ignore],
      dot: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      objectMode: true,
      absolute: true,
    });
    const files: string[] = [];
    const links: string[] = [];
    for (const entry of entries) {
      if (entry.dirent.isSymbolicLink()) links.push(path.normalize(entry.path));
      else if (entry.dirent.isFile()) files.push(path.normalize(entry.path));
    }
    return { files: files.sort(), links: links.sort() };
  };
  const everything = await walk(['**']);
  const narrowed =
    paths.length === 0 || patterns.includes('**') ? everything : patterns.length === 0 ? { files: [], links: [] } : await walk(patterns);
  // Only what the whole-root walk lists (it never follows a link) is selected: a glob whose base folder is
  // a link would otherwise list files through it. Each one left out is named with where it leads.
  const listed = new Set(everything.files);
  const selected = narrowed.files.filter((file: string): boolean => listed.has(file));
  const throughLinks = narrowed.files.filter((file: string): boolean => !listed.has(file));
  const linkReason = async (link: string): Promise<string> => {
    const target = await realpath(link).catch((): null => null);
    if (target === null) return 'a broken symbolic link; not followed';
    return isInsideRoot(target, root) ? 'a symbolic link; its target is processed under its own path' : outsideReason(target);
  };
  const symlinks = [
    ...givenSkipped,
    ...(await Promise.all(
      [...narrowed.links, ...throughLinks].map(async (link: string): Promise<{ path: string; reason: string }> => ({ path: link, reason: await linkReason(link) })),
    )),
  ].sort((a, b): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { selected, all: everything.files, symlinks, unreadableFolders, selection: paths.length === 0 ? ['**'] : patterns };
}

/** A symbolic link discovery met, and why it was not followed. */
type SkippedLink = Discovery['symlinks'][number];

/**
 * The links worth naming one by one in a run, and how many others there are: a link whose name is a file no
 * codemod of the run edits (`ABORT.7.gz` under /etc) would not have been read had it been followed, so it is
 * only counted, not listed. A link to a folder is named: files under it would have been read.
 * @complexity O(links), one `stat` each (of the link's target: metadata only, nothing is read through it).
 */
export async function linksWorthNaming(links: readonly SkippedLink[], wouldRead: (file: string) => boolean): Promise<{ named: SkippedLink[]; others: number }> {
  const judged = await Promise.all(
    links.map(async (link: SkippedLink): Promise<boolean> => wouldRead(link.path) || (await stat(link.path).then((found): boolean => found.isDirectory(), (): boolean => false))),
  );
  const named = links.filter((_link: SkippedLink, index: number): boolean => judged[index] === true);
  return { named, others: links.length - named.length };
}
