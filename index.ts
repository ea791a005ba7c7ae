import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ESLint, Linter, Rule } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import {
  JAVASCRIPT_AND_TYPESCRIPT_FILE_GLOBS,
  NAME_ONLY_FILE_GLOBS,
  NAME_ONLY_FILE_IGNORES,
  PYTHON_FILE_GLOBS,
  TYPESCRIPT_FILE_GLOBS,
} from './standards/shared/file-kinds.js';
import { CONFIG_LEVELS, type ConfigLevel, type PerfStandardsDocs } from './rules/utils/create-rule.js';
import { fileLanguage } from './rules/language/file-language.js';
import { PYTHON_LANGUAGE } from './rules/utils/python-rule.js';
import { pythonLanguage } from './rules/language/python-language.js';
import noOneOffScripts from './rules/no-one-off-scripts.js';
import noGenericFilenames from './rules/no-generic-filenames.js';
import noTrivialDocs from './rules/no-trivial-docs.js';
import requireDocs from './rules/require-docs.js';
import requireExplicitTypes from './rules/require-explicit-types.js';
import requireTypeCoverage from './rules/require-type-coverage.js';
import requirePerformanceMonitor from './rules/require-performance-monitor.js';
import requirePerformanceDocs from './rules/require-performance-docs.js';
import preferReadonlyDataShapes from './rules/prefer-readonly-data-shapes.js';
import preferConcurrentAwait from './rules/prefer-concurrent-await.js';
import noBusyWait from './rules/no-busy-wait.js';
import preferPerformanceNow from './rules/prefer-performance-now.js';
import requireDataclassSlots from './rules/require-dataclass-slots.js';

// Compiled, this file is dist/index.js and package.json is one folder up; run from source it is beside it.
const here = path.dirname(fileURLToPath(import.meta.url));
const packageJson = JSON.parse(
  readFileSync(path.join(here, path.basename(here) === 'dist' ? '..' : '.', 'package.json'), 'utf8'),
) as { name: string; version: string };

export const PLUGIN_NAMESPACE = 'perf-standards';

export const rules = {
  'no-one-off-scripts': noOneOffScripts,
  'no-generic-filenames': noGenericFilenames,
  'no-trivial-docs': noTrivialDocs,
  'require-docs': requireDocs,
  'require-explicit-types': requireExplicitTypes,
  'require-type-coverage': requireTypeCoverage,
  'require-performance-monitor': requirePerformanceMonitor,
  'require-performance-docs': requirePerformanceDocs,
  'prefer-readonly-data-shapes': preferReadonlyDataShapes,
  'prefer-concurrent-await': preferConcurrentAwait,
  'no-busy-wait': noBusyWait,
  'prefer-performance-now': preferPerformanceNow,
  'require-dataclass-slots': requireDataclassSlots,
} as const;

export type RuleId = keyof typeof rules;

export type ConfigName = ConfigLevel | 'all';

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: PLUGIN_NAMESPACE },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  languages: { file: fileLanguage, python: pythonLanguage },
  configs: {} as Record<ConfigName, Linter.Config[]>,
} satisfies ESLint.Plugin;

// A rule that declares `meta.languages` is enabled only in the blocks of those languages (ESLint ≥ 10.2
// refuses a rule on a language it does not declare); the others, and `['*']`, in the block for every file.
function servesLanguage(rule: { readonly meta: { readonly languages?: readonly string[] | undefined } }, language: string | null): boolean {
  const declared = rule.meta.languages;
  if (declared === undefined || declared.includes('*')) return language === null;
  return language !== null && declared.includes(language);
}

function rulesUpTo(level: ConfigName, typeChecked: boolean, language: string | null): Linter.RulesRecord {
  const enabled: Linter.RulesRecord = {};
  const limit = level === 'all' ? CONFIG_LEVELS.length : CONFIG_LEVELS.indexOf(level) + 1;
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs as PerfStandardsDocs;
    if ((docs.requiresTypeChecking === true) !== typeChecked) continue;
    if (!servesLanguage(rule, language) && !(typeChecked && servesLanguage(rule, null))) continue;
    const ruleLevel = docs.recommended === undefined ? CONFIG_LEVELS.length : CONFIG_LEVELS.indexOf(docs.recommended);
    if (ruleLevel < limit) enabled[`${PLUGIN_NAMESPACE}/${id}`] = docs.defaultSeverity ?? 'error';
  }
  return enabled;
}

function buildConfig(level: ConfigName): Linter.Config[] {
  const typeChecked = level !== 'recommended';
  return [
    { name: `${PLUGIN_NAMESPACE}/${level}/plugin`, plugins: { [PLUGIN_NAMESPACE]: plugin } },
    {
      name: `${PLUGIN_NAMESPACE}/${level}/typescript`,
      files: [...TYPESCRIPT_FILE_GLOBS],
      languageOptions: {
        parser: tsParser as Linter.Parser,
        ...(typeChecked ? { parserOptions: { projectService: true } } : {}),
      },
    },
    {
      name: `${PLUGIN_NAMESPACE}/${level}/file-names`,
      files: [...NAME_ONLY_FILE_GLOBS],
      ignores: [...NAME_ONLY_FILE_IGNORES],
      language: `${PLUGIN_NAMESPACE}/file`,
    },
    {
      name: `${PLUGIN_NAMESPACE}/${level}/python`,
      files: [...PYTHON_FILE_GLOBS],
      language: `${PLUGIN_NAMESPACE}/python`,
    },
    { name: `${PLUGIN_NAMESPACE}/${level}/rules`, rules: rulesUpTo(level, false, null) },
    {
      name: `${PLUGIN_NAMESPACE}/${level}/javascript-rules`,
      files: [...JAVASCRIPT_AND_TYPESCRIPT_FILE_GLOBS],
      rules: rulesUpTo(level, false, 'js/js'),
    },
    {
      name: `${PLUGIN_NAMESPACE}/${level}/python-rules`,
      files: [...PYTHON_FILE_GLOBS],
      rules: rulesUpTo(level, false, PYTHON_LANGUAGE),
    },
    // Type information exists only where the TypeScript parser runs with the project service.
    ...(typeChecked
      ? [{ name: `${PLUGIN_NAMESPACE}/${level}/type-checked-rules`, files: [...TYPESCRIPT_FILE_GLOBS], rules: rulesUpTo(level, true, 'js/js') }]
      : []),
  ];
}

for (const level of [...CONFIG_LEVELS, 'all'] as const) plugin.configs[level] = buildConfig(level);

export const configs = plugin.configs;
export default plugin;
