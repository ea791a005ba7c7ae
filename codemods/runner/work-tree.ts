import { runGit } from '../../standards/shared/git-process.js';

/** A file `git status` lists under the target: changed (modified, staged, deleted) or untracked. */
export interface UncommittedFile {
  /** Relative to the repository root, as git prints it. */
  readonly path: string;
  /** Untracked (`??`): `git stash` alone leaves it, so the advice differs. */
  readonly untracked: boolean;
}

/** `a.ts, b.ts` for up to 20 files, then ` and N more`. */
function listed(files: readonly string[]): string {
  const more = files.length > 20 ? ` and ${files.length - 20} more` : '';
  return `${files.slice(0, 20).join(', ')}${more}`;
}

/**
 * The refusal for a dirty tree. Untracked files get their own advice: plain `git stash` leaves them, so a
 * rerun after it would refuse again.
 */
function dirtyMessage(changed: readonly string[], untracked: readonly string[]): string {
  const why = "so the codemod's changes can be reviewed and reverted on their own, or pass --force";
  if (untracked.length === 0) return `the git work tree has uncommitted changes (${listed(changed)}); commit or stash them ${why}`;
  if (changed.length === 0) {
    return `the git work tree has untracked files (${listed(untracked)}); add them to .gitignore, commit them, or stash them with \`git stash --include-untracked\` ${why}`;
  }
  return `the git work tree has uncommitted changes (${listed(changed)}) and untracked files (${listed(untracked)}); commit them, or stash them with \`git stash --include-untracked\` (plain \`git stash\` leaves untracked files) ${why}`;
}

/**
 * Thrown when the target has uncommitted changes or untracked files and `force` is off.
 * @complexity O(n) in the files given, to sort them into changed and untracked.
 */
export class DirtyWorkTreeError extends Error {
  override readonly name = 'DirtyWorkTreeError';
  /** Every file, changed and untracked, in git's order. */
  readonly files: readonly string[];
  constructor(entries: readonly UncommittedFile[]) {
    const changed = entries.filter((entry: UncommittedFile): boolean => !entry.untracked).map((entry: UncommittedFile): string => entry.path);
    const untracked = entries.filter((entry: UncommittedFile): boolean => entry.untracked).map((entry: UncommittedFile): string => entry.path);
    super(dirtyMessage(changed, untracked));
    this.files = entries.map((entry: UncommittedFile): string => entry.path);
  }
}

/**
 * Files under `root` with uncommitted changes (modified, staged, deleted or untracked, not ignored), as
 * git prints them (relative to the repository root); `null` when `root` is not in a git work tree.
 * @performance one `git status` process.
 */
export async function uncommittedFiles(root: string): Promise<readonly UncommittedFile[] | null> {
  const output = await runGit(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']);
  if (output === null) return null;
  const files: UncommittedFile[] = [];
  const entries = output.split('\0');
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] ?? '';
    if (entry.length < 4) continue;
    files.push({ path: entry.slice(3), untracked: entry.startsWith('??') });
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
