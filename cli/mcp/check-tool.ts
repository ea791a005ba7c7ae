import type { ESLint } from 'eslint';
import { lintCheckTarget } from '../check/run-check.js';
import { tallyRules, type RuleTally } from '../check/rule-summary.js';
import { escapingLinks, type EscapingLink } from './escaping-links.js';
import type { ResultPages } from './result-pages.js';
import { existingPathInRoot } from './project-root.js';
import type { IgnoreAnswers } from './ignore-answers.js';
import type { RootLinters } from './root-linters.js';
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

function skippedLink(link: EscapingLink): SkippedLink {
  return {
    filePath: link.path,
    reason: link.target === null ? 'a symbolic link that leads nowhere; not followed' : `a symbolic link to ${link.target}, outside the root; not followed`,
  };
}

interface FlatMessage extends CheckMessage {
  readonly filePath: string;
}

/** What the `check` tool needs from the server. */
export interface CheckContext {
  readonly root: string;
  readonly linters: RootLinters;
  readonly ignores: IgnoreAnswers;
  readonly pages: ResultPages;
}

const byRuleThenPlace = (a: FlatMessage, b: FlatMessage): number =>
  (a.ruleId ?? '\uffff').localeCompare(b.ruleId ?? '\uffff') || a.filePath.localeCompare(b.filePath) || a.line - b.line || a.column - b.column;

function flatten(results: readonly ESLint.LintResult[], root: string): FlatMessage[] {
  const messages: FlatMessage[] = [];
  for (const result of results) {
    const filePath = relativeTo(root, result.filePath);
    for (const message of result.messages) {
      messages.push({ filePath, ruleId: message.ruleId, severity: message.severity === 2 ? 2 : 1, message: message.message, line: message.line, column: message.column });
    }
  }
  return messages.sort(byRuleThenPlace);
}

function relativeTo(root: string, file: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

function summarise(messages: readonly FlatMessage[], results: readonly ESLint.LintResult[], config: string | null, skipped: readonly SkippedLink[]): CheckSummary {
  const tallies = tallyRules(results);
  const rules = tallies.map((tally: RuleTally): CheckRuleSummary => {
    const own = messages.filter((message: FlatMessage): boolean => message.ruleId === tally.ruleId);
    const errors = own.filter((message: FlatMessage): boolean => message.severity === 2).length;
    return { ruleId: tally.ruleId, errors, warnings: own.length - errors, files: tally.files, codemod: tally.codemod };
  });
  const codemods = [...new Set(rules.map((rule: CheckRuleSummary): string | null => rule.codemod).filter((name: string | null): name is string => name !== null))];
  const errorCount = rules.reduce((sum: number, rule: CheckRuleSummary): number => sum + rule.errors, 0);
  const warningCount = rules.reduce((sum: number, rule: CheckRuleSummary): number => sum + rule.warnings, 0);
  return {
    filesChecked: results.length,
    errorCount,
    warningCount,
    rules,
    fixCommands: codemods.map((codemod: string): string => `perf-standards fix ${codemod}`),
    config,
    skipped,
  };
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
 * ESLint instance; messages sorted by rule, then file and position, paged. Nothing outside the root is read:
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
    // Links out of the root are found before ESLint runs, which would read through them, and ignored.
    const ignored = await context.ignores.resolve(context.root, patterns);
    const links = await escapingLinks(context.root, patterns, new Set(ignored));
    const { linter, results } = await lintCheckTarget(
      { cwd: context.root, patterns },
      (cwd: string, ignores: readonly string[]) => context.linters.obtain(cwd, ignores),
      async (): Promise<readonly string[]> => [...ignored, ...links.map((link: EscapingLink): string => link.ignorePattern)],
    );
    const messages = flatten(results, context.root);
    summary = summarise(messages, results, linter.configFile === null ? null : relativeTo(context.root, linter.configFile), links.map(skippedLink));
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
