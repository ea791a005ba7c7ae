import type { TSESLint } from '@typescript-eslint/utils';
import type { PythonNode } from '../../standards/shared/python-ast.js';
import { PythonNames } from '../../standards/shared/python-names.js';

/** The plugin's Python language, as configs name it. */
export const PYTHON_LANGUAGE = 'perf-standards/python';

/**
 * `meta.languages` of a rule that serves TypeScript/JavaScript and Python: every language. Users enable rules
 * in config blocks without `files`, and ESLint refuses a rule on a language its `meta.languages` leaves out
 * (a Markdown, JSON or CSS file would fail the whole run); the rule itself listens only to ESTree and Python
 * nodes, so on other languages it reports nothing.
 */
export const JAVASCRIPT_AND_PYTHON: string[] = Object.freeze(['*']) as string[];

/**
 * `meta.languages` of a rule that serves Python only: every language too, for the reason above (a user who
 * sets its options in a block without `files` must not break the run); it reports on Python files only.
 */
export const PYTHON_ONLY: string[] = Object.freeze(['*']) as string[];

type AnyContext = Readonly<{ sourceCode: { ast: unknown; text: string } }>;

/**
 * The file's Python names when the file being linted is Python (its root is the Python language's
 * `Module`), else null: rules serving both languages branch on it in `create`.
 * @complexity O(1); the names' scopes are built on first use per file.
 */
export function pythonNamesOf(context: AnyContext): PythonNames | null {
  const ast = context.sourceCode.ast as { type?: string } | null;
  if (ast?.type !== 'Module') return null;
  return PythonNames.of(ast as PythonNode, context.sourceCode.text);
}

/** Python node selectors → handlers. */
export type PythonListener = Readonly<Record<string, (node: PythonNode) => void>>;

/**
 * A Python listener as the rule creator's listener type. typescript-eslint types listeners by ESTree
 * node; ESLint itself passes whatever node the language's traversal yields.
 * @complexity O(1).
 */
export function asRuleListener(listener: PythonListener): TSESLint.RuleListener {
  return listener as unknown as TSESLint.RuleListener;
}

/**
 * A report location from Python nodes (lines from 1, columns from 0, as ESLint's `loc`).
 * @complexity O(1).
 */
export function pythonLoc(start: PythonNode, end: PythonNode = start): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return { start: start.loc.start, end: end.loc.end };
}
