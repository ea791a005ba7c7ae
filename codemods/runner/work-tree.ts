import { runGit } from '../../standards/shared/git-process.js';

/**
 * Thrown when the target has uncommitted changes and `force` is off.
 * @complexity O(1) to construct (keeps the list it is given).
 */
export class DirtyWorkTreeError extends Error {
  override readonly name = 'DirtyWorkTreeError';
  constructor(readonly files: readonly string[]) {
    const shown = files.slice(0, 20).join(', ');
    const more = files.length > 20 ? ` and ${files.length - 20} more` : '';
    super(
      `the git work tree has uncommitted changes (${shown}${more}); commit or stash them so the codemod's changes can be reviewed and reverted on their own, or pass --force`,
    );
  }
}

/**
 * Files under `root` with uncommitted changes (modified, staged, deleted or untracked, not ignored), as
 * git prints them (relative to the repository root); `null` when `root` is not in a git work tree.
 * @performance one `git status` process.
 */
export async function uncommittedFiles(root: string): Promise<readonly string[] | null> {
  const output = await runGit(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']);
  if (output === null) return null;
  const files: string[] = [];
  const entries = output.split('\0');
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] ?? '';
    if (entry.length < 4) continue;
    files.push(entry.slice(3));
    // A rename or copy entry is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') index += 1;
  }
  return files;
}

/**
 * Thrown when the target is not inside a git work tree and `force` is off.
 * @complexity O(1).
 */
export class NotInWorkTreeError extends Error {
  override readonly name = 'NotInWorkTreeError';
  constructor(readonly root: string) {
    super(
      `${root} is not inside a git work tree, so the codemod's changes could not be reviewed or reverted: run it in a repository (git init, then commit), preview it with --dry-run, or pass --force`,
    );
  }
}

/**
 * Whether `root` lies inside a git work tree (not inside a `.git` folder); `false` when git is missing.
 * A codemod writes only where its changes can be reviewed and reverted.
 * @performance one `git rev-parse` process.
 */
export async function isInsideWorkTree(root: string): Promise<boolean> {
  const output = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
  return output?.trim() === 'true';
}
