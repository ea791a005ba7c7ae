// The repository lints itself with its own plugin (the built dist/, so this is what users install) and
// with eslint-plugin-eslint-plugin for the rule sources and rule tests. `npm test` builds dist/ first.
// `perf-standards check .` reads this file too, because it enables the plugin.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import perfStandards from './dist/index.js';

/** @type {import('eslint').Linter.Config[]} */
export default [
  {
    name: 'repo/ignores',
    // fixtures/ break the standards on purpose; the rest is build output. node_modules/ is ignored by ESLint.
    ignores: ['dist/', 'coverage/', 'fixtures/', 'bench/results/'],
  },
  ...perfStandards.configs.recommended,
  { ...eslintPlugin.configs['rules-recommended'], files: ['rules/**/*.ts'] },
  { ...eslintPlugin.configs['tests-recommended'], files: ['tests/rules/**/*.test.ts'] },
];
