/**
 * What `perf-standards` knows about a codemod without loading it: its name, the rule whose options it reads
 * and whose reports it fixes, the other rules whose reports it fixes too, and the reports it leaves to a
 * human. This is the one place that says which codemod fixes which rule. It imports nothing: each codemod
 * takes its declaration from here (`codemodDeclaration`), registry.ts adds how to load each one, and `check`,
 * `fix` and the MCP tools read names and rules from here without loading any codemod or toolchain.
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
  /**
   * Set when its `projectOptions` may refuse the project as configured (CodemodConfigurationError), so
   * `check` loads it to ask before recommending it; the others are recommended without loading them.
   */
  readonly mayRefuseProject?: true;
  /**
   * Set when it applies the rule's own autofix and nothing more (`eslint --fix` in bulk), so a report
   * without an autofix (a suggestion only) is left to a human and `check` does not offer it for that report.
   */
  readonly appliesRuleAutofix?: true;
}

/** A language a codemod edits: source languages by name, and Markdown for documentation. */
export type CodemodLanguage = 'typescript' | 'javascript' | 'python' | 'markdown';

/** Every codemod `perf-standards fix` knows, in the order help and error messages list them. */
export const CODEMOD_DECLARATIONS: readonly CodemodDeclaration[] = Object.freeze([
  { name: 'rename-one-off-scripts', rule: 'no-one-off-scripts', alsoFixes: [], leavesToHumans: ['nameOneOffScript', 'nameOneOffScriptAnew'], languages: ['typescript', 'javascript', 'python'] },
  {
    name: 'consolidate-docs',
    rule: 'no-trivial-docs',
    alsoFixes: ['require-docs'],
    // require-docs: docs the project's facts are too few to scaffold, or that exist with too few words.
    leavesToHumans: ['missingDocsByHand'],
    languages: ['markdown'],
  },
  {
    name: 'add-explicit-types',
    rule: 'require-explicit-types',
    alsoFixes: ['require-type-coverage'],
    // require-type-coverage: an `any`, an assertion or a type error needs a decision no annotation makes.
    leavesToHumans: [
      'missingReturnTypeByHand',
      'missingParameterTypeByHand',
      'missingPropertyTypeByHand',
      'uncoveredAny',
      'uncoveredContainsAny',
      'unsafeAssertion',
      'unsafeNonNull',
      'semanticError',
      'unusedIgnore',
    ],
    languages: ['typescript', 'python'],
  },
  { name: 'wrap-performance-monitor', rule: 'require-performance-monitor', alsoFixes: [], leavesToHumans: ['unmeasuredByHand'], languages: ['typescript', 'javascript', 'python'], mayRefuseProject: true },
  { name: 'readonly-data-shapes', rule: 'prefer-readonly-data-shapes', alsoFixes: [], leavesToHumans: [], languages: ['typescript', 'python'] },
  { name: 'concurrent-await', rule: 'prefer-concurrent-await', alsoFixes: [], leavesToHumans: [], languages: ['typescript', 'javascript', 'python'] },
  { name: 'dataclass-slots', rule: 'require-dataclass-slots', alsoFixes: [], leavesToHumans: [], languages: ['python'] },
  { name: 'performance-now', rule: 'prefer-performance-now', alsoFixes: [], leavesToHumans: [], languages: ['typescript', 'javascript', 'python'], appliesRuleAutofix: true },
]);

/** The codemods' names, in CODEMOD_DECLARATIONS order. */
export const CODEMOD_NAMES: readonly string[] = Object.freeze(CODEMOD_DECLARATIONS.map((declaration: CodemodDeclaration): string => declaration.name));

/**
 * The declaration a codemod module spreads into its object, so the rules it fixes are written once.
 * Throws for a name not in CODEMOD_DECLARATIONS (a codemod that is not declared).
 * @complexity O(codemods).
 */
export function codemodDeclaration(name: string): CodemodDeclaration {
  const declaration = CODEMOD_DECLARATIONS.find((candidate: CodemodDeclaration): boolean => candidate.name === name);
  if (declaration === undefined) throw new Error(`codemod ${name} is not in CODEMOD_DECLARATIONS (codemods/runner/declarations.ts)`);
  return declaration;
}

const RULE_PREFIX = 'perf-standards/';

// The source files of each code language a codemod may declare (Markdown is judged by name, not here):
// standards/shared/file-kinds.ts's lists, spelled out because this module imports nothing (no import circle).
const CODE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  typescript: ['.ts', '.tsx', '.mts', '.cts', '.jsx'],
  javascript: ['.js', '.mjs', '.cjs'],
  python: ['.py', '.pyi'],
};

function codeLanguageOf(file: string): string | null {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot <= 0 ? '' : name.slice(dot).toLowerCase();
  return Object.keys(CODE_EXTENSIONS).find((language: string): boolean => CODE_EXTENSIONS[language]?.includes(extension) === true) ?? null;
}

/**
 * Whether any of `files` is source code of a language the codemod edits; true for a codemod that declares no
 * code language (consolidate-docs: Markdown, judged by name).
 * @complexity O(files).
 */
export function editsAnyOf(declaration: { readonly languages?: readonly string[] }, files: readonly string[]): boolean {
  const edited = declaration.languages ?? [];
  if (!edited.some((language: string): boolean => language in CODE_EXTENSIONS)) return true;
  return files.some((file: string): boolean => {
    const language = codeLanguageOf(file);
    return language !== null && edited.includes(language);
  });
}

/**
 * The codemod that fixes a rule's report, given the rule id with or without the `perf-standards/`
 * prefix and, when known, the report's message id and file; `null` when none does (e.g.
 * `no-generic-filenames` needs a human, as does a `no-one-off-scripts` report with no name to suggest), when
 * the report is in source code of a language the codemod does not edit (`prefer-readonly-data-shapes`
 * on a Python file: readonly-data-shapes edits TypeScript only), when `hasAutofix` is false for a codemod
 * that only applies the rule's autofix (`performance-now` leaves a report with only a suggestion), or the
 * rule belongs to another plugin.
 * @complexity O(codemods × rules each fixes).
 */
export function codemodForRule(ruleId: string, messageId?: string, file?: string, hasAutofix?: boolean): string | null {
  if (ruleId.includes('/') && !ruleId.startsWith(RULE_PREFIX)) return null;
  const id = ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
  const declaration = CODEMOD_DECLARATIONS.find((candidate: CodemodDeclaration): boolean => candidate.rule === id || candidate.alsoFixes.includes(id));
  if (declaration === undefined || (messageId !== undefined && declaration.leavesToHumans.includes(messageId))) return null;
  if (hasAutofix === false && declaration.appliesRuleAutofix === true) return null;
  const language = file === undefined ? null : codeLanguageOf(file);
  const editsCode = declaration.languages.some((edited: CodemodLanguage): boolean => edited in CODE_EXTENSIONS);
  if (language !== null && editsCode && !declaration.languages.includes(language as CodemodLanguage)) return null;
  return declaration.name;
}
