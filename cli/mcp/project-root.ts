import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../command.js';

/** Where a tool call may read and write. */
export interface ToolRoot {
  /** Absolute, symbolic links resolved: the project every path of the call is relative to. */
  readonly root: string;
  /** How it was chosen, for the text summary. */
  readonly source: 'argument' | 'client roots' | 'working directory';
}

const isInside = (parent: string, child: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
};

/**
 * The directories of MCP roots (`file://` URIs; other schemes are not folders this server can read).
 * @complexity O(roots).
 */
export function rootDirectories(uris: readonly string[]): readonly string[] {
  return uris.filter((uri: string): boolean => uri.startsWith('file://')).map((uri: string): string => fileURLToPath(uri));
}

async function directory(candidate: string, named: string): Promise<string> {
  let resolved: string;
  try {
    resolved = await realpath(candidate);
  } catch {
    throw new UsageError(`${named} ${candidate} does not exist`);
  }
  if (!(await stat(resolved)).isDirectory()) throw new UsageError(`${named} ${candidate} is not a directory`);
  return resolved;
}

/**
 * Picks a call's root: the `root` argument (relative to the first client root, else to the server's working
 * directory), else the client's first root, else the working directory. With client roots, a `root`
 * argument outside all of them is refused: the client said which folders the server may touch.
 * @performance one realpath per client root and one for the choice.
 */
export async function resolveToolRoot(rootArgument: string | undefined, clientRoots: readonly string[], cwd: string): Promise<ToolRoot> {
  const allowed = await Promise.all(clientRoots.map((root: string): Promise<string> => realpath(root).catch((): string => path.resolve(root))));
  if (rootArgument !== undefined) {
    const root = await directory(path.resolve(allowed[0] ?? cwd, rootArgument), 'root');
    if (allowed.length > 0 && !allowed.some((parent: string): boolean => isInside(parent, root))) {
      throw new UsageError(`root ${rootArgument} is outside the client's roots (${allowed.join(', ')})`);
    }
    return { root, source: 'argument' };
  }
  const first = allowed[0];
  if (first !== undefined) return { root: await directory(first, 'client root'), source: 'client roots' };
  return { root: await directory(cwd, 'working directory'), source: 'working directory' };
}

/**
 * A path argument as a `/`-separated path relative to the root (`.` for the root itself), refusing
 * anything outside it. Absolute paths inside the root are accepted, as agents often send them. Globs are
 * passed through when `allowGlobs`, after checking they do not climb out with `..`.
 * @complexity O(length of the path).
 */
export function pathInRoot(root: string, given: string, argument: string, allowGlobs = false): string {
  if (allowGlobs && /[*?[\]{}]/u.test(given)) {
    if (path.isAbsolute(given) || given.split(/[\\/]/u).includes('..')) {
      throw new UsageError(`${argument}: the glob ${given} must be relative to the root and stay inside it`);
    }
    return given;
  }
  const absolute = path.resolve(root, given);
  if (!isInside(root, absolute)) throw new UsageError(`${argument}: ${given} is outside the root ${root}`);
  const relative = path.relative(root, absolute);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

/**
 * Like pathInRoot, and the path must exist; symbolic links are resolved before judging. A path whose real
 * location is outside the root is refused, though its name is inside (`src/linked.js` → `../outside/a.js`),
 * and one reached through a link to the root is accepted (an absolute path through `/work/link-to-root`).
 * Returns the path relative to the root: as given when it is inside by name, else the real one.
 * @performance one `realpath`, two for a path refused.
 */
export async function existingPathInRoot(root: string, given: string, argument: string): Promise<string> {
  const absolute = path.resolve(root, given);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    pathInRoot(root, given, argument);
    throw new UsageError(`${argument}: no such file or directory: ${given} (paths are relative to the root ${root})`);
  }
  if (!isInside(root, real)) {
    // Outside by name, and not reached through a link to the root: refused as any path outside.
    const folder = await realpath(path.dirname(absolute)).catch((): string => path.dirname(absolute));
    if (!isInside(root, absolute) && !isInside(root, folder)) pathInRoot(root, given, argument);
    throw new UsageError(`${argument}: ${given} resolves through a symbolic link to ${real}, outside the root ${root}; links out of the root are not followed`);
  }
  // A link that stays inside keeps the name it was given; a path through a link to the root gets its real one.
  const relative = path.relative(root, isInside(root, absolute) ? absolute : real);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}
