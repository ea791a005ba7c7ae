import { CODEMOD_NAMES } from '../../codemods/runner/declarations.js';
import type { FileReport } from '../../codemods/runner/run-codemods.js';
import { formatChange, type FileChange } from '../../codemods/runner/unified-diff.js';
import { UsageError } from '../command.js';
import { executeFix } from '../fix/run-fix.js';
import { existingPathInRoot, pathInRoot } from './project-root.js';
import type { ResultPages } from './result-pages.js';
import type { ToolAnswer } from './tool-answer.js';

/** A file the codemod changed, skipped or failed, with its diff on a dry run. */
interface FixFileEntry extends FileReport {
  readonly diff?: string;
}

interface FixSummary {
  readonly codemod: string;
  readonly dryRun: boolean;
  readonly counts: Readonly<Record<string, number>>;
  readonly notes: readonly { readonly path: string; readonly message: string }[];
  readonly notices: readonly string[];
}

/** One `fix` call. */
export interface FixCall {
  readonly root: string;
  readonly codemod: string;
  readonly paths: readonly string[] | undefined;
  readonly apply: boolean;
  readonly force: boolean;
}

// A single diff larger than this is cut: a page must stay readable, and `apply` does not need the diff.
const DIFF_CHARACTER_LIMIT = 20_000;

// Diffs only for a dry run: after `apply` the tree has the changes, and git shows them.
function withDiffs(files: readonly FileReport[], changes: readonly FileChange[]): FixFileEntry[] {
  const diffs = new Map<string, string>();
  for (const change of changes) {
    const diff = formatChange(change, false);
    const previous = diffs.get(change.path) ?? '';
    diffs.set(change.path, previous + diff);
  }
  return files
    .filter((file: FileReport): boolean => file.status !== 'unchanged')
    .map((file: FileReport): FixFileEntry => {
      const diff = diffs.get(file.path);
      if (diff === undefined) return file;
      return { ...file, diff: diff.length > DIFF_CHARACTER_LIMIT ? `${diff.slice(0, DIFF_CHARACTER_LIMIT)}\n… diff cut at ${DIFF_CHARACTER_LIMIT} characters (${diff.length} in all)\n` : diff };
    });
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function summaryText(summary: FixSummary, shown: { offset: number; count: number; total: number; nextCursor?: string }): string {
  const { changed = 0, unchanged = 0, skipped = 0, failed = 0 } = summary.counts;
  const lines = [
    summary.dryRun
      ? `Dry run of ${summary.codemod}: ${plural(changed, 'file')} would change, ${unchanged} unchanged, ${skipped} skipped, ${failed} failed; nothing was written. Call fix with apply: true to write.`
      : `${summary.codemod}: ${plural(changed, 'file')} changed, ${unchanged} unchanged, ${skipped} skipped, ${failed} failed.`,
    ...summary.notices,
  ];
  if (shown.total > 0) lines.push(`Files ${shown.offset + 1}–${shown.offset + shown.count} of ${shown.total} are in structuredContent.files${summary.dryRun ? ', each with its unified diff' : ''}.`);
  if (shown.nextCursor !== undefined) lines.push(`More: call fix again with cursor "${shown.nextCursor}".`);
  return lines.join('\n');
}

/**
 * The `fix` tool: one codemod, a dry run unless `apply` (then the command's safety: a dirty git tree is
 * refused unless `force`, writes are atomic, nothing outside the root is written). Files that changed,
 * were skipped or failed are listed (unchanged ones only counted), paged.
 * @performance the codemod engine's cost; later pages are read from memory.
 */
export async function fixTool(call: FixCall, pages: ResultPages, cursor: string | undefined, limit: number): Promise<ToolAnswer> {
  let page;
  let summary: FixSummary;
  if (cursor !== undefined) {
    ({ page, extra: summary } = pages.next<FixFileEntry, FixSummary>('fix', cursor, limit));
  } else {
    if (!CODEMOD_NAMES.includes(call.codemod)) {
      throw new UsageError(`fix: unknown codemod "${call.codemod}"; the codemods are ${CODEMOD_NAMES.join(', ')}`);
    }
    const resolved = await Promise.all(
      (call.paths ?? []).map((given: string): string | Promise<string> =>
        /[*?[\]{}]/u.test(given) ? pathInRoot(call.root, given, 'paths', true) : existingPathInRoot(call.root, given, 'paths'),
      ),
    );
    const paths = resolved.filter((given: string): boolean => given !== '.');
    // A config that cannot be loaded is an error now, never a notice; the field stays for clients.
    const notices: string[] = [];
    const { report } = await executeFix({
      root: call.root,
      paths,
      codemods: [call.codemod],
      dryRun: !call.apply,
      force: call.force,
      jobs: null,
      scriptsDir: null,
    });
    summary = { codemod: call.codemod, dryRun: report.dryRun, counts: report.counts, notes: report.notes.map(({ path, message }) => ({ path, message })), notices };
    ({ page } = pages.first('fix', withDiffs(report.files, report.dryRun ? report.changes : []), summary, limit));
  }
  return {
    text: summaryText(summary, { offset: page.offset, count: page.items.length, total: page.total, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) }),
    structured: {
      ...summary,
      files: page.items,
      page: { offset: page.offset, count: page.items.length, total: page.total },
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    },
  };
}
