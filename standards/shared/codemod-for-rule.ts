/**
 * Which codemod fixes each rule's reports in bulk, by rule id (without the `perf-standards/` prefix).
 * `perf-standards check` prints the command for every rule that reported; the codemod engine can use it
 * to pick codemods from a lint run. A rule without an entry needs a human (e.g. `no-generic-filenames`).
 */
export const CODEMOD_FOR_RULE: Readonly<Record<string, string>> = Object.freeze({
  'no-one-off-scripts': 'rename-one-off-scripts',
  'no-trivial-docs': 'consolidate-docs',
  'require-docs': 'consolidate-docs',
  'prefer-concurrent-await': 'concurrent-await',
  'prefer-performance-now': 'performance-now',
});

/**
 * The codemod that fixes a rule, given the rule id with or without the `perf-standards/` prefix; `null`
 * when there is none or the rule belongs to another plugin.
 * @complexity O(1).
 */
export function codemodForRule(ruleId: string): string | null {
  const prefix = 'perf-standards/';
  if (ruleId.includes('/') && !ruleId.startsWith(prefix)) return null;
  const id = ruleId.startsWith(prefix) ? ruleId.slice(prefix.length) : ruleId;
  return Object.hasOwn(CODEMOD_FOR_RULE, id) ? (CODEMOD_FOR_RULE[id] ?? null) : null;
}
