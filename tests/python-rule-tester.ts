import { describe, it } from 'vitest';
import { RuleTester } from 'eslint';
import plugin from '../index.js';

// ESLint's own RuleTester (not typescript-eslint's, which always parses as TypeScript) runs a rule through a
// language given in its config, here the plugin's Python language, as @eslint/json tests rules on JSON.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * A RuleTester that parses every case as Python with `perf-standards/python`. Give cases a `.py`
 * `filename` when the rule reads the file's name. Use: `pythonRuleTester.run('rule-id', rule, { valid, invalid })`
 * with `messageId`/`message`, `line`, `column` (1-based, as ESLint reports), `output`, `suggestions`.
 */
export const pythonRuleTester = new RuleTester({
  files: ['**/*.py', '**/*.pyi'],
  plugins: { 'perf-standards': plugin },
  language: 'perf-standards/python',
});
