// eslint-doc-generator reads the built plugin (package.json `main` → dist/index.js): run `npm run build`
// before `npm run docs`. `npm test` builds first and checks the output with `--check`.

import path from 'node:path';
import plugin from './dist/index.js';

// eslint-doc-generator has no column for `meta.languages`: the README's rules table gets one here.
const LANGUAGE_NAMES = { 'js/js': 'JavaScript, TypeScript', 'perf-standards/python': 'Python' };

/** What the Languages column says for a rule: the languages its meta declares; none declared means JavaScript. */
function languagesOf(rule) {
  const declared = rule.meta.languages;
  if (declared === undefined) return LANGUAGE_NAMES['js/js'];
  if (declared.includes('*')) return 'any file (names only)';
  return declared.map((language) => LANGUAGE_NAMES[language] ?? language).join(', ');
}

/** Adds the Languages column to the rules table of README.md; other files pass through. */
function addLanguageColumn(content, pathToFile) {
  if (path.basename(pathToFile) !== 'README.md') return content;
  const begin = content.indexOf('<!-- begin auto-generated rules list -->');
  const end = content.indexOf('<!-- end auto-generated rules list -->');
  if (begin === -1 || end === -1) return content;
  const table = content
    .slice(begin, end)
    .split('\n')
    .map((line) => {
      if (line.startsWith('| Name')) return `${line} Languages |`;
      if (line.startsWith('| :-')) return `${line} :-- |`;
      const id = /^\| \[([\w-]+)\]\(/u.exec(line)?.[1];
      return id !== undefined && plugin.rules[id] !== undefined ? `${line} ${languagesOf(plugin.rules[id])} |` : line;
    })
    .join('\n');
  return content.slice(0, begin) + table + content.slice(end);
}

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['recommendedTypeChecked', '☑️'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  initRuleDocs: false,
  postprocess: addLanguageColumn,
  pathRuleList: 'README.md',
  ruleDocTitleFormat: 'prefix-name',
  ruleDocNotices: ['description', 'deprecated', 'configs', 'type', 'fixableAndHasSuggestions', 'requiresTypeChecking'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'type',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'deprecated',
  ],
};

export default config;
