import { statSync } from 'node:fs';
import path from 'node:path';
import { resolveGitIgnores } from '../../standards/shared/git-ignores.js';

interface RootAnswer {
  /** Wall-clock time (ms since the epoch, comparable with file mtimes) just before git was asked. */
  readonly askedAt: number;
  readonly ignored: ReadonlySet<string>;
}

const changedSince = (file: string, time: number): boolean => {
  const info = statSync(file, { throwIfNoEntry: false });
  return info !== undefined && info.mtimeMs >= time;
};

/**
 * Git's ignore answers per root, so a one-file check does not start a `git` process each time (that process
 * cost more CPU than linting the file). The whole root is asked once; a later question about a file is
 * answered from that list while it still holds: the file existed when git was asked (no folder on its path
 * changed since) and no .gitignore on its path nor .git/info/exclude changed. Anything else, and every
 * question about a folder, asks git again, as `perf-standards check` does.
 * @performance one `git ls-files` per root; later one-file answers cost a few `stat` calls.
 */
export class IgnoreAnswers {
  private readonly byRoot = new Map<string, RootAnswer>();

  /**
   * An IgnoreResolver for lintCheckTarget.
   * @performance two `stat`s per folder on each file's path when answered from memory; one `git ls-files`
   * of the whole root otherwise.
   */
  async resolve(root: string, patterns: readonly string[]): Promise<readonly string[]> {
    const known = this.byRoot.get(root);
    if (known !== undefined && patterns.every((pattern: string): boolean => this.holds(root, known, pattern))) {
      return patterns.flatMap((pattern: string): string[] => coveringEntries(known.ignored, pattern));
    }
    const askedAt = Date.now();
    const answer = await resolveGitIgnores(root, ['.']);
    // Outside a git work tree the answer is the root .gitignore read as patterns: cheap, and not a listing.
    if (answer.source === 'git') this.byRoot.set(root, { askedAt, ignored: new Set(answer.patterns) });
    return answer.patterns;
  }

  private holds(root: string, known: RootAnswer, pattern: string): boolean {
    const file = path.join(root, pattern);
    if (pattern === '.' || statSync(file, { throwIfNoEntry: false })?.isFile() !== true) return false;
    if (changedSince(path.join(root, '.git', 'info', 'exclude'), known.askedAt)) return false;
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      if (changedSince(folder, known.askedAt) || changedSince(path.join(folder, '.gitignore'), known.askedAt)) return false;
      if (folder === root || path.dirname(folder) === folder) return true;
    }
  }
}

// The entries of a whole-root listing that concern one file: itself, or a folder it lies in (`dist/`).
function coveringEntries(ignored: ReadonlySet<string>, pattern: string): string[] {
  const entries = ignored.has(pattern) ? [pattern] : [];
  for (let slash = pattern.indexOf('/'); slash !== -1; slash = pattern.indexOf('/', slash + 1)) {
    const folder = pattern.slice(0, slash + 1);
    if (ignored.has(folder)) entries.push(folder);
  }
  return entries;
}
