import type { CheckWorker } from './check-worker-client.js';
import { existingPathInRoot } from './project-root.js';
import type { ResultPages } from './result-pages.js';
import type { ToolAnswer } from './tool-answer.js';

/** One reported problem, as the `check` tool returns it (1-based line and column). */
export interface CheckMessage {
  readonly ruleId: string | null;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A file's messages from one rule: results are grouped by rule, so a file appears once per rule. */
export interface CheckFileResult {
  readonly filePath: string;
  readonly messages: readonly CheckMessage[];
}

/** Counts per rule, over the whole run (not the page). */
export interface CheckRuleSummary {
  readonly ruleId: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly files: number;
  readonly codemod: string | null;
}

export interface CheckSummary {
  readonly filesChecked: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly rules: readonly CheckRuleSummary[];
  /** `perf-standards fix <codemod>` per codemod that fixes a reported rule (or the `fix` tool's `codemod`). */
  readonly fixCommands: readonly string[];
  /** The user's config file relative to the root, or `null` for the plugin's recommended config. */
  readonly config: string | null;
  /** Symbolic links under the checked paths that lead out of the root (or nowhere): not followed, not read. */
  readonly skipped: readonly SkippedLink[];
}

/** A link the check did not follow. */
export interface SkippedLink {
  readonly filePath: string;
  readonly reason: string;
}

/** One message with its file, as the analysis returns them, sorted by rule, then file and position. */
export interface FlatMessage extends CheckMessage {
  readonly filePath: string;
}

/** What one check run found: every message, and the summary of the whole run. */
export interface CheckAnalysis {
  readonly messages: readonly FlatMessage[];
  readonly summary: CheckSummary;
}

/** What the `check` tool needs from the server and from the call. */
export interface CheckContext {
  readonly root: string;
  /** Runs ESLint off the server's thread; a cancelled call stops it. */
  readonly worker: CheckWorker;
  readonly pages: ResultPages;
  /** Aborted when the client cancels the call (or gives up waiting). */
  readonly signal: AbortSignal;
  /** Called at each stage of a run (`linting`), for progress notifications. */
  readonly onStage: (stage: string) => void;
}

function regroup(messages: readonly FlatMessage[]): CheckFileResult[] {
  const groups: { filePath: string; ruleId: string | null; messages: CheckMessage[] }[] = [];
  for (const { filePath, ...message } of messages) {
    const last = groups.at(-1);
    if (last !== undefined && last.filePath === filePath && last.ruleId === message.ruleId) last.messages.push(message);
    else groups.push({ filePath, ruleId: message.ruleId, messages: [message] });
  }
  return groups.map(({ filePath, messages: own }): CheckFileResult => ({ filePath, messages: own }));
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function summaryText(summary: CheckSummary, shown: { offset: number; count: number; total: number; nextCursor?: string }): string {
  const config = summary.config ?? 'the perf-standards recommended config';
  const lines = [
    `Checked ${plural(summary.filesChecked, 'file')} with ${config}: ${summary.errorCount + summary.warningCount === 0 ? 'no problems' : `${plural(summary.errorCount, 'error')}, ${plural(summary.warningCount, 'warning')}`}.`,
    ...summary.rules.map((rule: CheckRuleSummary): string => `${rule.ruleId ?? 'parsing errors'}: ${plural(rule.errors + rule.warnings, 'problem')} in ${plural(rule.files, 'file')}${rule.codemod === null ? '' : ` (fix tool: codemod "${rule.codemod}")`}`),
  ];
  for (const link of summary.skipped) lines.push(`Skipped ${link.filePath}: ${link.reason}.`);
  if (shown.total > 0) {
    lines.push(`Messages ${shown.offset + 1}–${shown.offset + shown.count} of ${shown.total} are in structuredContent.results, grouped by rule.`);
  }
  if (shown.nextCursor !== undefined) lines.push(`More: call check again with cursor "${shown.nextCursor}".`);
  return lines.join('\n');
}

/**
 * The `check` tool: `perf-standards check` on the root (or on `paths` inside it), with the root's cached
 * ESLint instance in the check worker, which a cancelled call stops; messages sorted by rule, then file and
 * position, paged. Nothing outside the root is read:
 * a path that resolves outside is refused, a link out of the root under the paths is skipped and listed.
 * @performance one `git ls-files`, one walk of the checked folders for links, and one ESLint run on the first
 * page; later pages are read from memory.
 */
export async function checkTool(context: CheckContext, paths: readonly string[] | undefined, cursor: string | undefined, limit: number): Promise<ToolAnswer> {
  let page;
  let summary: CheckSummary;
  if (cursor !== undefined) {
    ({ page, extra: summary } = context.pages.next<FlatMessage, CheckSummary>('check', cursor, limit));
  } else {
    const patterns = paths === undefined || paths.length === 0
      ? ['.']
      : await Promise.all(paths.map((given: string): Promise<string> => existingPathInRoot(context.root, given, 'paths')));
    let messages: readonly FlatMessage[];
    ({ messages, summary } = await context.worker.analyse({ root: context.root, patterns }, context.signal, context.onStage));
    ({ page } = context.pages.first('check', messages, summary, limit));
  }
  const results = regroup(page.items);
  return {
    text: summaryText(summary, { offset: page.offset, count: page.items.length, total: page.total, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) }),
    structured: {
      results,
      summary,
      page: { offset: page.offset, count: page.items.length, total: page.total },
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    },
  };
}
