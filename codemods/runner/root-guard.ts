import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * True when `target` is `root` or lies below it; both absolute.
 * @complexity O(length of the paths).
 */
export function isInsideRoot(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Why the runner must not write `target`, or `null` when it may: it must lie inside `root` (a real path),
 * its folder's real path too (so no symlinked folder leads elsewhere), and it must not itself be a symlink
 * (replacing it would follow or destroy the link). A folder that does not exist yet is judged by its
 * nearest existing ancestor. `folders` caches the verdict per folder across calls of one batch.
 * @performance one `lstat` per call, one `realpath` per distinct folder.
 */
export async function writeRefusal(
  target: string,
  root: string,
  folders: Map<string, Promise<string | null>> = new Map(),
): Promise<string | null> {
  if (!isInsideRoot(target, root)) return `${target} is outside the target root ${root}`;
  try {
    if ((await lstat(target)).isSymbolicLink()) return 'it is a symbolic link; links are never written through';
  } catch {
    // A new file: its folder decides.
  }
  const folder = path.dirname(target);
  let verdict = folders.get(folder);
  if (verdict === undefined) {
    verdict = folderRefusal(folder, target, root);
    folders.set(folder, verdict);
  }
  return verdict;
}

async function folderRefusal(start: string, target: string, root: string): Promise<string | null> {
  let folder = start;
  for (;;) {
    try {
      const real = await realpath(folder);
      return isInsideRoot(real, root) ? null : `its folder resolves to ${real}, outside the target root`;
    } catch {
      const parent = path.dirname(folder);
      if (parent === folder) return `no part of ${target} exists`;
      folder = parent;
    }
  }
}
