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
  {
    name: 'repo/mutable-state',
    // Accumulators filled in place while parsing, counting or applying changes: mutable by design, and private
    // to their module. `perf-standards fix readonly-data-shapes` made readonly everything else nothing writes.
    files: [
      'codemods/runner/apply-changes.ts',
      'codemods/runner/module-renames.ts',
      'cli/init/setup-plan.ts',
      'standards/concurrency-and-timing/loop-independence.ts',
      'standards/docs/html-urls.ts',
      'standards/docs/markdown-document.ts',
      'standards/immutable-data-shapes/mutable-shapes.ts',
      'standards/shared/python-ast.ts',
      'standards/shared/python-scope.ts',
      'standards/type-coverage/count.ts',
    ],
    rules: {
      'perf-standards/prefer-readonly-data-shapes': ['error', { ignoreTypes: ['^(Pending|Entry|OpenHeading|OpenHtml|Owned|MutableUncovered|Context|Mutable|BodyFacts|ValuePart|AttributeValue|MutableNode|MutableScope)$'] }],
    },
  },
  {
    name: 'repo/eslint-api-arrays',
    // Handed to ESLint's formatters and getErrorResults, whose parameters are mutable arrays.
    files: ['cli/check/run-check.ts'],
    rules: { 'perf-standards/prefer-readonly-data-shapes': ['error', { ignoreTypes: ['^CheckRun$'] }] },
  },
  {
    name: 'repo/python-tests',
    // unittest finds tests by their public names (`test_*`, `TestCase` methods); test code states no performance.
    files: ['tests/**/*.py'],
    rules: { 'perf-standards/require-performance-docs': 'off' },
  },
  { ...eslintPlugin.configs['rules-recommended'], files: ['rules/**/*.ts'] },
  { ...eslintPlugin.configs['tests-recommended'], files: ['tests/rules/**/*.test.ts'] },
];
