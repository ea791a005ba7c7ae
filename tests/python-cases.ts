import { RuleTester, type Rule } from 'eslint';
import plugin from '../index.js';
import './python-rule-tester.js';

type ValidCase = string | RuleTester.ValidTestCase;
type InvalidCase = RuleTester.InvalidTestCase;

const withFilename = <Case extends RuleTester.ValidTestCase>(item: Case): Case => ({ filename: 'module.py', ...item });

/**
 * Cases for `pythonRuleTester` (tests/python-rule-tester.ts), which lints `.py` files only: a case without
 * a `filename` becomes `module.py`.
 * @complexity O(cases).
 */
export function pythonCases(cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): {
  valid: RuleTester.ValidTestCase[];
  invalid: RuleTester.InvalidTestCase[];
} {
  return {
    valid: cases.valid.map((item: ValidCase): RuleTester.ValidTestCase => withFilename(typeof item === 'string' ? { code: item } : item)),
    invalid: cases.invalid.map((item: InvalidCase): RuleTester.InvalidTestCase => withFilename(item)),
  };
}

/**
 * A rule made with the plugin's `createRule` (typescript-eslint's types), as ESLint's RuleTester takes it.
 * @complexity O(1).
 */
export function asEslintRule(rule: unknown): Rule.RuleModule {
  return rule as Rule.RuleModule;
}

/**
 * A RuleTester for rules that declare only the Python language (`meta.languages`). ESLint's RuleTester
 * validates its config against a `test.js` file, which pythonRuleTester's `files: ['**\/*.py']` leaves to
 * JavaScript, where such a rule is refused; this one parses every file as Python.
 */
export const pythonOnlyRuleTester = new RuleTester({
  plugins: { 'perf-standards': plugin },
  language: 'perf-standards/python',
});
