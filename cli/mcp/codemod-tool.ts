import { CODEMOD_NAMES } from '../../codemods/runner/declarations.js';
import type { WriteGate } from '../../codemods/runner/atomic-write.js';
import type { FileReport, ProgressEvent } from '../../codemods/runner/run-codemods.js';
import { formatChange, type FileChange } from '../../codemods/runner/unified-diff.js';
import { UsageError } from '../command.js';
import { executeFix } from '../fix/run-fix.js';
import { existingPathInRoot, pathInRoot } from './project-root.js';
import type { ResultPages } from './result-pages.js';
import type { ToolAnswer } from './tool-answer.js';

/** A file the codemod changed, skipped or failed, with its diff on a dry run. */
export interface FixFileEntry extends FileReport {
  readonly diff?: string;
}

export interface FixSummary {
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

/** What one `fix` run found: every file it lists, and the summary. */
export interface FixRun {
  readonly files: readonly FixFileEntry[];
  readonly summary: FixSummary;
}

/** How a run is followed and stopped: the call's signal, its writes bracketed, its stages told. */
export interface RunControl {
  readonly signal: AbortSignal;
  readonly writeGate: WriteGate;
  readonly onStage: (stage: string) => void;
}

const PHASE_STAGES: Readonly<Record<ProgressEvent['phase'], string>> = { discover: 'finding files', plan: 'planning', transform: 'transforming', write: 'writing' };

/**
 * One `fix` run, as the call worker (call-worker-thread.ts) does it: the codemod engine with the call's
 * signal and write gate, its phases told as stages (`transforming 12/150 files`).
 * @performance the codemod engine's cost.
 */
export async function runFixCall(call: FixCall, control: RunControl): Promise<FixRun> {
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
  let phase = '';
  const { report } = await executeFix({
    root: call.root,
    paths,
    codemods: [call.codemod],
    dryRun: !call.apply,
    force: call.force,
    jobs: null,
    scriptsDir: null,
    signal: control.signal,
    writeGate: control.writeGate,
    onProgress: (event: ProgressEvent): void => {
      // A stage per phase, and while transforming one every tenth of the files.
      const step = Math.max(1, Math.ceil(event.total / 10));
      if (event.phase === 'transform' && (event.done % step === 0 || event.done === event.total)) control.onStage(`transforming ${event.done}/${event.total} files`);
      else if (event.phase !== phase && event.phase !== 'transform') control.onStage(PHASE_STAGES[event.phase]);
      phase = event.phase;
    },
  });
  const summary = { codemod: call.codemod, dryRun: report.dryRun, counts: { ...report.counts }, notes: report.notes.map(({ path, message }) => ({ path, message })), notices };
  return { files: withDiffs(report.files, report.dryRun ? report.changes : []), summary };
}

/**
 * The `fix` tool: one codemod, a dry run unless `apply` (then the command's safety: a dirty git tree is
 * refused unless `force`, writes are atomic, nothing outside the root is written). Files that changed,
 * were skipped or failed are listed (unchanged ones only counted), paged. `run` does the work (in the
 * server, on a call worker a cancellation can stop).
 * @performance the codemod engine's cost; later pages are read from memory.
 */
export async function fixTool(call: FixCall, pages: ResultPages, cursor: string | undefined, limit: number, run: (call: FixCall) => Promise<FixRun>): Promise<ToolAnswer> {
  let page;
  let summary: FixSummary;
  if (cursor !== undefined) {
    ({ page, extra: summary } = pages.next<FixFileEntry, FixSummary>('fix', cursor, limit));
  } else {
    let files: readonly FixFileEntry[];
    ({ files, summary } = await run(call));
    ({ page } = pages.first('fix', files, summary, limit));
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
