import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInsideRoot } from '../../codemods/runner/root-guard.js';
import { escapeGlob } from './git-ignores.js';

/**
 * The symbolic links under the paths a check lints that lead out of its root (or nowhere), found before
 * ESLint runs: ESLint reads a linked file as if it were in the folder, so each such link becomes an ignore
 * pattern and is reported as skipped, as `fix` skips them (modelcontextprotocol/servers#1845: a sandbox
 * checked on the path string, then `fs` followed the link). Used by `perf-standards check` and the MCP
 * server's `check` tool alike.
 */

/** A link the call does not follow. */
export interface EscapingLink {
  /** `/`-separated, relative to the root: where the link is. */
  readonly path: string;
  /** Where it leads (its real path), or `null` when it leads nowhere. */
  readonly target: string | null;
  /** The ESLint ignore pattern that skips it (`shared/` for a link to a folder). */
  readonly ignorePattern: string;
}

// Folders ESLint never lints and that are large: not walked.
const UNWALKED: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/**
 * Finds the links under `relativePaths` (`/`-separated, relative to `root`, a real path; `.` for all of
 * it) whose real path is outside `root`, and those paths themselves when theirs is (a link given, or a path
 * through a linked folder). Links to places
 * inside the root are kept: reading them reads the root.
 * Folders in `ignored` (git's answer, `folder/` as escaped ESLint patterns) and the links' own targets are
 * not walked.
 * @performance one `realpath` per path given, one `readdir` per folder walked and one `realpath` per link found.
 */
export async function escapingLinks(root: string, relativePaths: readonly string[], ignored: ReadonlySet<string>): Promise<readonly EscapingLink[]> {
  const found: EscapingLink[] = [];
  const visit = async (relative: string): Promise<void> => {
    // A path given that leads out itself (a link, or a path through a linked folder) is skipped whole.
    if (relative !== '.') {
      const real = await realpath(path.join(root, relative)).catch((): null => null);
      if (real === null || !isInsideRoot(real, root)) {
        await judge(relative);
        return;
      }
    }
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch {
      return; // A file, or a folder that went away: ESLint says what it finds.
    }
    const folders: string[] = [];
    const links: string[] = [];
    for (const entry of entries) {
      const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!UNWALKED.has(entry.name) && !ignored.has(escapeGlob(`${child}/`))) folders.push(child);
      } else if (entry.isSymbolicLink()) {
        links.push(child);
      }
    }
    await Promise.all([...folders.map(visit), ...links.map(judge)]);
  };
  const judge = async (link: string): Promise<void> => {
    const target = await realpath(path.join(root, link)).catch((): null => null);
    if (target !== null && isInsideRoot(target, root)) return;
    const isFolder = target !== null && (await stat(target).then((info): boolean => info.isDirectory(), (): boolean => false));
    found.push({ path: link, target, ignorePattern: escapeGlob(isFolder ? `${link}/` : link) });
  };
  await Promise.all(relativePaths.map(visit));
  return found.sort((a: EscapingLink, b: EscapingLink): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Why a link is not followed, as `check` (command and MCP tool) says it: `a symbolic link to /x/clock.js,
 * outside the root; not followed`, with `root` naming what the link leads out of.
 * @complexity O(1).
 */
export function escapingLinkReason(link: EscapingLink, root: string = 'the root'): string {
  return link.target === null ? 'a symbolic link that leads nowhere; not followed' : `a symbolic link to ${link.target}, outside ${root}; not followed`;
}
