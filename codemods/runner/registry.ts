import type { Codemod } from './contract.js';

/**
 * What `perf-standards` knows about a codemod without loading it: its name, the rule whose options it
 * reads and whose reports it fixes, and the other rules whose reports it fixes too. This is the one
 * place that says which codemod fixes which rule: each codemod takes its declaration from here
 * (`codemodDeclaration`), and `check` prints the fix command from it without loading any toolchain.
 */
export interface CodemodDeclaration {
  readonly name: string;
  readonly rule: string;
  /** Other rules whose reports this codemod fixes, e.g. `require-docs` for `consolidate-docs`. */
  readonly alsoFixes: readonly string[];
  /**
   * Message ids of those rules whose reports it leaves to a human (`nameOneOffScript`: no name to give),
   * so `check` does not offer it for them.
   */
  readonly leavesToHumans: readonly string[];
  /**
   * The languages whose files it edits, as `perf-standards fix --list` shows them; a language is listed
   * once its fixture pairs prove the codemod on it.
   */
  readonly languages: readonly CodemodLanguage[];
}

/** A language a codemod edits: source languages by name, and Markdown for documentation. */
export type CodemodLanguage = 'typescript' | 'javascript' | 'python' | 'markdown';

/** A codemod by name, loaded on demand: each pulls in its own toolchain (TypeScript, ts-morph, ...). */
export interface CodemodEntry extends CodemodDeclaration {
  load(): Promise<Codemod>;
}

const defaultOf = (module: { default: Codemod }): Codemod => module.default;

/** Every codemod `perf-standards fix` knows. */
export const CODEMOD_ENTRIES: readonly CodemodEntry[] = Object.freeze([
  {
    name: 'rename-one-off-scripts',
    rule: 'no-one-off-scripts',
    alsoFixes: [],
    leavesToHumans: ['nameOneOffScript', 'nameOneOffScriptAnew'],
    languages: ['typescript', 'javascript', 'python'],
    load: (): Promise<Codemod> => import('../rename-one-off-scripts.js').then(defaultOf),
  },
  {
    name: 'consolidate-docs',
    rule: 'no-trivial-docs',
    alsoFixes: ['require-docs'],
    leavesToHumans: [],
    languages: ['markdown'],
    load: (): Promise<Codemod> => import('../consolidate-docs.js').then(defaultOf),
  },
  {
    name: 'add-explicit-types',
    rule: 'require-explicit-types',
    alsoFixes: ['require-type-coverage'],
    leavesToHumans: ['missingReturnTypeByHand', 'missingParameterTypeByHand', 'missingPropertyTypeByHand'],
    languages: ['typescript'],
    load: (): Promise<Codemod> => import('../add-explicit-types.js').then(defaultOf),
  },
  {
    name: 'wrap-performance-monitor',
    rule: 'require-performance-monitor',
    alsoFixes: [],
    leavesToHumans: ['unmeasuredByHand'],
    languages: ['typescript', 'javascript'],
    load: (): Promise<Codemod> => import('../wrap-performance-monitor.js').then(defaultOf),
  },
  {
    name: 'readonly-data-shapes',
    rule: 'prefer-readonly-data-shapes',
    alsoFixes: [],
    leavesToHumans: [],
    languages: ['typescript'],
    load: (): Promise<Codemod> => import('../readonly-data-shapes.js').then(defaultOf),
  },
  {
    name: 'concurrent-await',
    rule: 'prefer-concurrent-await',
    alsoFixes: [],
    leavesToHumans: [],
    languages: ['typescript', 'javascript'],
    load: (): Promise<Codemod> => import('../concurrent-await.js').then(defaultOf),
  },
  {
    name: 'dataclass-slots',
    rule: 'require-dataclass-slots',
    alsoFixes: [],
    leavesToHumans: [],
    languages: ['python'],
    load: (): Promise<Codemod> => import('../dataclass-slots.js').then(defaultOf),
  },
  {
    name: 'performance-now',
    rule: 'prefer-performance-now',
    alsoFixes: [],
    leavesToHumans: [],
    languages: ['typescript', 'javascript', 'python'],
    load: (): Promise<Codemod> => import('../performance-now.js').then(defaultOf),
  },
]);

export const CODEMOD_NAMES: readonly string[] = Object.freeze(CODEMOD_ENTRIES.map((entry: CodemodEntry): string => entry.name));

/**
 * The declaration a codemod module spreads into its object, so the rules it fixes are written once.
 * Throws for a name not in CODEMOD_ENTRIES (a codemod that is not registered).
 * @complexity O(codemods).
 */
export function codemodDeclaration(name: string): CodemodDeclaration {
  const entry = CODEMOD_ENTRIES.find((candidate: CodemodEntry): boolean => candidate.name === name);
  if (entry === undefined) throw new Error(`codemod ${name} is not in CODEMOD_ENTRIES (codemods/runner/registry.ts)`);
  return { name: entry.name, rule: entry.rule, alsoFixes: entry.alsoFixes, leavesToHumans: entry.leavesToHumans, languages: entry.languages };
}

const RULE_PREFIX = 'perf-standards/';

/**
 * The codemod that fixes a rule's report, given the rule id with or without the `perf-standards/`
 * prefix and, when known, the report's message id; `null` when none does (e.g. `no-generic-filenames`
 * needs a human, as does a `no-one-off-scripts` report with no name to suggest) or the rule belongs to
 * another plugin.
 * @complexity O(codemods × rules each fixes).
 */
export function codemodForRule(ruleId: string, messageId?: string): string | null {
  if (ruleId.includes('/') && !ruleId.startsWith(RULE_PREFIX)) return null;
  const id = ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
  const entry = CODEMOD_ENTRIES.find((candidate: CodemodEntry): boolean => candidate.rule === id || candidate.alsoFixes.includes(id));
  if (entry === undefined || (messageId !== undefined && entry.leavesToHumans.includes(messageId))) return null;
  return entry.name;
}

/**
 * Loads the named codemods (all by default) and returns them in the safe order `--all` runs them:
 * by `order`, renames first. Unknown names are ignored; the CLI rejects them before.
 * @performance loads only the modules asked for, concurrently.
 */
export async function loadCodemods(names: readonly string[] = CODEMOD_NAMES): Promise<readonly Codemod[]> {
  const wanted = CODEMOD_ENTRIES.filter((entry: CodemodEntry): boolean => names.includes(entry.name));
  const codemods = await Promise.all(wanted.map((entry: CodemodEntry): Promise<Codemod> => entry.load()));
  return codemods.sort((a: Codemod, b: Codemod): number => a.order - b.order);
}
