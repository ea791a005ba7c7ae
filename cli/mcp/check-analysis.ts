import type { ESLint } from 'eslint';
import { lintCheckTarget } from '../check/run-check.js';
import { tallyRules, type RuleTally } from '../check/rule-summary.js';
import type { CheckAnalysis, CheckRuleSummary, CheckSummary, FlatMessage, SkippedLink } from './check-tool.js';
import { escapingLinkReason, escapingLinks, type EscapingLink } from '../../standards/shared/escaping-links.js';
import type { IgnoreAnswers } from './ignore-answers.js';
import type { RootLinters } from './root-linters.js';

/**
 * One `check` run, as the check worker performs it: git's ignores, the links out of the root, ESLint, and the
 * messages and summary the tool pages. Plain data out, so it crosses the worker boundary cheaply.
 */

const byRuleThenPlace = (a: FlatMessage, b: FlatMessage): number =>
  (a.ruleId ?? '\uffff').localeCompare(b.ruleId ?? '\uffff') || a.filePath.localeCompare(b.filePath) || a.line - b.line || a.column - b.column;

function relativeTo(root: string, file: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

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

function skippedLink(link: EscapingLink): SkippedLink {
  return { filePath: link.path, reason: escapingLinkReason(link) };
}

/**
 * Lints `patterns` (real paths inside `root`, `/`-separated) with the root's cached ESLint instance. Links
 * out of the root are found before ESLint runs, which would read through them, and ignored. `onStage` hears
 * `finding files`, `loading the ESLint config` (when the instance is not warm) and `linting`.
 * @performance one `git ls-files` (or a few `stat`s for one file), one walk of the checked folders for links,
 * and one ESLint run.
 */
export async function analyseCheck(
  root: string,
  patterns: readonly string[],
  linters: RootLinters,
  ignores: IgnoreAnswers,
  onStage: (stage: string) => void,
): Promise<CheckAnalysis> {
  onStage('finding files');
  const ignored = await ignores.resolve(root, patterns);
  const links = await escapingLinks(root, patterns, new Set(ignored));
  const { linter, results } = await lintCheckTarget(
    { cwd: root, patterns },
    async (cwd: string, ignorePatterns: readonly string[]) => {
      onStage('loading the ESLint config');
      const obtained = await linters.obtain(cwd, ignorePatterns);
      onStage('linting');
      return obtained;
    },
    async (): Promise<readonly string[]> => [...ignored, ...links.map((link: EscapingLink): string => link.ignorePattern)],
  );
  const messages = flatten(results, root);
  return { messages, summary: summarise(messages, results, linter.configFile === null ? null : relativeTo(root, linter.configFile), links.map(skippedLink)) };
}
