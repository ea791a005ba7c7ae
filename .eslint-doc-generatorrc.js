// eslint-doc-generator reads the built plugin (package.json `main` → dist/index.js): run `npm run build`
// before `npm run docs`. `npm test` builds first and checks the output with `--check`.

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['recommendedTypeChecked', '☑️'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  initRuleDocs: false,
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
