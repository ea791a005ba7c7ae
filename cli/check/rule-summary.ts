import type { ESLint } from 'eslint';
import { codemodForRule } from '../../codemods/runner/registry.js';

/** How many files one rule reported, and the codemod that fixes them, if any. */
export interface RuleTally {
  /** The rule id, or `null` for problems without a rule (files ESLint could not parse). */
  readonly ruleId: string | null;
  readonly files: number;
  readonly codemod: string | null;
}

/**
 * Counts, per rule, the files with at least one message from it, and the codemod that fixes at least one
 * of those messages; sorted by rule id, parse errors last.
 * @complexity O(messages × codemods + rules log rules).
 */
export function tallyRules(results: readonly ESLint.LintResult[]): readonly RuleTally[] {
  const filesByRule = new Map<string | null, Set<string>>();
  // A codemod is offered for a rule when it fixes at least one of the rule's reports (in a language it edits).
  const codemodByRule = new Map<string, string>();
  for (const result of results) {
    for (const message of result.messages) {
      let files = filesByRule.get(message.ruleId);
      if (files === undefined) {
        files = new Set();
        filesByRule.set(message.ruleId, files);
      }
      files.add(result.filePath);
      if (message.ruleId === null || codemodByRule.has(message.ruleId)) continue;
      const codemod = codemodForRule(message.ruleId, message.messageId, result.filePath, message.fix !== undefined);
      if (codemod !== null) codemodByRule.set(message.ruleId, codemod);
    }
  }
  return [...filesByRule]
    .map(([ruleId, files]): RuleTally => ({
      ruleId,
      files: files.size,
      codemod: ruleId === null ? null : (codemodByRule.get(ruleId) ?? null),
    }))
    .sort((a: RuleTally, b: RuleTally): number =>
      a.ruleId === b.ruleId ? 0 : a.ruleId === null ? 1 : b.ruleId === null ? -1 : a.ruleId < b.ruleId ? -1 : 1,
    );
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

// Paths are echoed into a command line the user may paste, so anything a shell would split is quoted.
const shellWord = (word: string): string => (/^[\w./@%+=:,-]+$/u.test(word) ? word : `'${word.replace(/'/gu, `'\\''`)}'`);

/**
 * The lines printed after the stylish report: one per rule that reported (`perf-standards/no-one-off-scripts:
 * 3 files`), then, after a blank line, each codemod command once with the rules it fixes, for the paths
 * the user gave. A codemod in `cannotRun` (it would refuse the project as configured: codemod-readiness.ts)
 * is not offered there; a paragraph of its own gives its reason and what to set, then its command. Empty
 * when nothing was reported.
 * @complexity O(rules).
 */
export function summaryLines(tallies: readonly RuleTally[], paths: readonly string[], cannotRun: ReadonlyMap<string, string> = new Map()): readonly string[] {
  const lines = tallies.map(
    (tally: RuleTally): string => `${tally.ruleId ?? 'parsing errors'}: ${plural(tally.files, 'file')}`,
  );
  const rulesByCodemod = new Map<string, string[]>();
  for (const tally of tallies) {
    if (tally.codemod === null || tally.ruleId === null) continue;
    rulesByCodemod.set(tally.codemod, [...(rulesByCodemod.get(tally.codemod) ?? []), tally.ruleId]);
  }
  if (rulesByCodemod.size === 0) return lines;
  const command = (codemod: string): string => ['perf-standards fix', codemod, ...paths.map(shellWord)].join(' ');
  const ready = [...rulesByCodemod].filter(([codemod]): boolean => !cannotRun.has(codemod));
  const commands = ready.map(([codemod, ruleIds]): [string, string] => [command(codemod), ruleIds.join(', ')]);
  const width = Math.max(0, ...commands.map(([text]): number => text.length));
  const fixable = commands.length === 0 ? [] : ['', 'Fix automatically:', ...commands.map(([text, ruleIds]): string => `  ${text.padEnd(width)}  # ${ruleIds}`)];
  const configureFirst = [...rulesByCodemod]
    .filter(([codemod]): boolean => cannotRun.has(codemod))
    .flatMap(([codemod, ruleIds]): string[] => ['', `Fix once configured (${ruleIds.join(', ')}): ${cannotRun.get(codemod) ?? ''}`, `  then: ${command(codemod)}`]);
  return [...lines, ...fixable, ...configureFirst];
}
