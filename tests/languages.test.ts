import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESLint, type Linter } from 'eslint';
import css from '@eslint/css';
import json from '@eslint/json';
import markdown from '@eslint/markdown';
import plugin from '../index.js';

const FULL_DOC =
  'This document has enough words to count as real documentation for the standard, which asks for at least twenty words in each required doc.';
const REQUIRED_DOCS = [
  'docs/architecture_decisions.md',
  'docs/performance_benchmarks.md',
  'docs/mcp_integration_guide.md',
  'docs/ai_coding_patterns.md',
];

const languages: Linter.Config[] = [
  { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },
  { files: ['**/*.json'], plugins: { json }, language: 'json/json' },
  { files: ['**/*.css'], plugins: { css }, language: 'css/css' },
];

function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

// Other rules of the plugin (type rules, ...) have their own tests; these are about the file-name rules.
const FILE_NAME_RULES = new Set([
  'perf-standards/no-one-off-scripts',
  'perf-standards/no-generic-filenames',
  'perf-standards/no-trivial-docs',
  'perf-standards/require-docs',
]);

interface Report {
  readonly file: string;
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly fatal: boolean;
}

function reports(results: readonly ESLint.LintResult[], cwd: string): Report[] {
  return results
    .flatMap((result) =>
      result.messages
        .filter((message) => message.fatal === true || FILE_NAME_RULES.has(String(message.ruleId)))
        .map((message) => ({
          file: path.relative(cwd, result.filePath).split(path.sep).join('/'),
          ruleId: message.ruleId,
          line: message.line,
          column: message.column,
          fatal: message.fatal === true,
        })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || String(a.ruleId).localeCompare(String(b.ruleId)));
}

describe('file-name rules in every language (ESLint class, ESLint 10)', () => {
  let cwd: string;
  let eslint: ESLint;

  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'perf-standards-languages-'));
    writeTree(cwd, {
      // The project root: package.json parsed by @eslint/json, docs complete except one.
      'package.json': '\n  {\n  "name": "sample"\n}\n',
      'docs/architecture_decisions.md': `# Decisions\n\n${FULL_DOC}\n`,
      'docs/performance_benchmarks.md': `# Benchmarks\n\n${FULL_DOC}\n`,
      'docs/mcp_integration_guide.md': `# MCP\n\n${FULL_DOC}\n`,
      'docs/ai_coding_patterns.md': '# Patterns\n',
      // A second root, complete, through the `roots` option.
      'packages/core/package.json': '{ "name": "core" }\n',
      ...Object.fromEntries(REQUIRED_DOCS.map((doc) => [`packages/core/${doc}`, `# Doc\n\n${FULL_DOC}\n`])),
      // Markdown: leading blank lines must not move the report off the file's first character.
      'TODO.md': '\n\n- [ ] write the docs\n',
      'docs/README.md': '# Docs\n',
      'README.md': '# Sample\n',
      // CSS, with leading whitespace for the same reason.
      'src/temp_styles.css': '\n\n  .a { color: red; }\n',
      'src/utils.css': '.b { color: blue; }\n',
      'src/layout.css': '.c { color: green; }\n',
      // JSON that is not a package.json.
      'config/backup_settings.json': '{ "a": 1 }\n',
      // The plugin's Python language (.py) and its file language (.sh, .txt, .rst).
      'scripts/temp_migrate.py': 'print("hi")\n',
      'scripts/fix-perms.sh': '#!/bin/sh\nchmod +x x\n',
      'NOTES.txt': 'notes\n',
      'docs/SETUP.rst': 'Setup\n=====\n',
      'scripts/deploy.py': 'print("ok")\n',
      // JS and TS.
      'src/helpers.ts': 'export const x: number = 1;\n',
      'src/quick_check.js': '\n\nexport const y = 2;\n',
      'src/parse-logs.ts': 'export {};\n',
      // For the type-checked configs' project service.
      'tsconfig.json': '{ "compilerOptions": { "strict": true }, "include": ["src", "lib"] }\n',
    });
    eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        ...plugin.configs.recommended,
        ...languages,
        { rules: { 'perf-standards/require-docs': ['error', { roots: ['packages/*'] }] } },
      ],
    });
  });

  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('parses each file with the language the configs select', async () => {
    const languageOf = async (file: string): Promise<unknown> =>
      ((await eslint.calculateConfigForFile(file)) as { language?: unknown }).language;
    expect(await languageOf('TODO.md')).toBe(markdown.languages.commonmark);
    expect(await languageOf('package.json')).toBe(json.languages.json);
    expect(await languageOf('src/temp_styles.css')).toBe(css.languages.css);
    expect(await languageOf('scripts/temp_migrate.py')).toBe(plugin.languages.python);
    expect(await languageOf('stubs/api.pyi')).toBe(plugin.languages.python);
    expect(await languageOf('scripts/Legacy.PY')).toBe(plugin.languages.file);
    expect(await languageOf('NOTES.txt')).toBe(plugin.languages.file);
  });

  it('reports on Markdown, JSON, CSS, Python, the file language, JS and TS at the first character of each file', async () => {
    const results = await eslint.lintFiles(['.']);
    expect(reports(results, cwd)).toEqual([
      { file: 'config/backup_settings.json', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'docs/README.md', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
      { file: 'docs/SETUP.rst', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
      { file: 'NOTES.txt', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
      { file: 'package.json', ruleId: 'perf-standards/require-docs', line: 1, column: 1, fatal: false },
      { file: 'scripts/fix-perms.sh', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'scripts/temp_migrate.py', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'src/helpers.ts', ruleId: 'perf-standards/no-generic-filenames', line: 1, column: 1, fatal: false },
      { file: 'src/quick_check.js', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'src/temp_styles.css', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'src/utils.css', ruleId: 'perf-standards/no-generic-filenames', line: 1, column: 1, fatal: false },
      { file: 'TODO.md', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
    ]);
  });

  it('names the project root "." and each gap in the require-docs message on package.json (JSON language)', async () => {
    const [result] = await eslint.lintFiles(['package.json']);
    expect(result?.messages.map((message) => message.message)).toEqual([
      'Project root `.` lacks required docs: `docs/ai_coding_patterns.md` (empty: 1 of at least 20 words). Write them by hand: `docs/ai_coding_patterns.md` (patterns, setup and troubleshooting for AI coders).',
    ]);
  });

  it('checks the path given to lintText relative to cwd, in the language the path selects', async () => {
    const cases: readonly (readonly [string, string, string])[] = [
      ['# Notes', 'docs/IDEAS.md', '`IDEAS.md` is a trivial doc: its content belongs in `docs/architecture_decisions.md`; `perf-standards fix consolidate-docs` moves it there and deletes this file.'],
      ['{}', 'tools/temp_data.json', '`temp_data.json` is named like a one-off script (`temp_`): rename it to `data.json` (or move it into cli/ or utils/); `perf-standards fix rename-one-off-scripts` renames it and its importers.'],
      ['a { color: red }', 'styles/misc.css', '`misc.css` is too generic to say what it holds: name it after what it does (e.g. `date-format.css`), or split it into a utils/ folder with one descriptive file per concern.'],
      ['echo hi', 'bin/quick-start.sh', '`quick-start.sh` is named like a one-off script (`quick-`): rename it to `start.sh` (or move it into cli/ or utils/); `perf-standards fix rename-one-off-scripts` renames it and its importers.'],
      ['export {};', path.join(cwd, 'lib', 'tmp.ts'), '`tmp.ts` is named like a one-off script: give it a name that says what it does, or move its code into cli/ or utils/.'],
    ];
    const results = await Promise.all(cases.map(([text, filePath]) => eslint.lintText(text, { filePath })));
    for (const [index, [, , message]] of cases.entries()) {
      expect(results[index]?.[0]?.messages.map((m) => [m.message, m.line, m.column])).toEqual([[message, 1, 1]]);
    }
    // The project path is what the rules judge: a root-level README is allowed, one below is not.
    const [rootReadme] = await eslint.lintText('# Hi', { filePath: 'README.md' });
    expect(rootReadme?.messages).toEqual([]);
    const [nestedReadme] = await eslint.lintText('# Hi', { filePath: 'lib/README.md' });
    expect(nestedReadme?.messages.map((m) => m.messageId)).toEqual(['readmeNotAllowed']);
  });

  it('reports on more extensions once a config block hands them to the file language', async () => {
    writeTree(cwd, { 'docs/TODO.adoc': '= Todo\n' });
    const extended = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        ...plugin.configs.recommended,
        { files: ['**/*.adoc'], language: 'perf-standards/file' },
        { rules: { 'perf-standards/no-trivial-docs': ['error', { extensions: { add: ['.adoc'] } }] } },
      ],
    });
    const results = await extended.lintFiles(['docs/TODO.adoc']);
    expect(reports(results, cwd)).toEqual([
      { file: 'docs/TODO.adoc', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
    ]);
    rmSync(path.join(cwd, 'docs/TODO.adoc'));
  });

  it('reports nothing for lintText without a file path (virtual `<text>`)', async () => {
    const [result] = await eslint.lintText('export const x = 1;\n');
    expect(result?.filePath).toBe('<text>');
    expect(result?.messages).toEqual([]);
  });

  it('accepts all four rules on every language without an unsupported-language error', async () => {
    const all = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...plugin.configs.all, ...languages] });
    const files = ['TODO.md', 'package.json', 'src/temp_styles.css', 'scripts/temp_migrate.py', 'src/helpers.ts', 'src/quick_check.js'];
    const results = await all.lintFiles(files);
    expect(results.map((result) => path.relative(cwd, result.filePath).split(path.sep).join('/')).sort()).toEqual([...files].sort());
    expect(results.flatMap((result) => result.messages.filter((message) => message.fatal === true))).toEqual([]);
    const config = (await all.calculateConfigForFile('TODO.md')) as { rules: Record<string, unknown> };
    expect(Object.keys(config.rules)).toEqual(expect.arrayContaining([...FILE_NAME_RULES]));
  });
});

describe('configs.recommended on its own', () => {
  let cwd: string;

  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'perf-standards-recommended-'));
    writeTree(cwd, {
      'package.json': '{ "name": "plain" }\n',
      ...Object.fromEntries(REQUIRED_DOCS.map((doc) => [doc, `# Doc\n\n${FULL_DOC}\n`])),
      'README.md': '# Plain\n',
      'NOTES.txt': 'notes\n',
      'docs/TODO.rst': 'Todo\n====\n',
      'scripts/temp_job.py': 'print(1)\n',
      'scripts/fix_perms.sh': 'echo\n',
      'src/helpers.ts': 'export const x: number = 1;\n',
      'src/quick_check.js': 'export const y = 2;\n',
      'src/parse-logs.ts': 'export {};\n',
      'src/ok.py': 'print(2)\n',
    });
  });

  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('visits .py, .sh, .md, .txt, .rst, package.json, .ts and .js files and reports the violations', async () => {
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const results = await eslint.lintFiles(['.']);
    const visited = results.map((result) => path.relative(cwd, result.filePath).split(path.sep).join('/')).sort();
    expect(visited).toEqual(
      [
        'NOTES.txt',
        'README.md',
        'docs/TODO.rst',
        ...REQUIRED_DOCS,
        'package.json',
        'scripts/fix_perms.sh',
        'scripts/temp_job.py',
        'src/helpers.ts',
        'src/ok.py',
        'src/parse-logs.ts',
        'src/quick_check.js',
      ].sort(),
    );
    expect(reports(results, cwd)).toEqual([
      { file: 'docs/TODO.rst', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
      { file: 'NOTES.txt', ruleId: 'perf-standards/no-trivial-docs', line: 1, column: 1, fatal: false },
      { file: 'scripts/fix_perms.sh', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'scripts/temp_job.py', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
      { file: 'src/helpers.ts', ruleId: 'perf-standards/no-generic-filenames', line: 1, column: 1, fatal: false },
      { file: 'src/quick_check.js', ruleId: 'perf-standards/no-one-off-scripts', line: 1, column: 1, fatal: false },
    ]);
    // Severities come from each rule's meta: no-generic-filenames warns, the others are errors.
    const severities = results.flatMap((result) =>
      result.messages
        .filter((message) => FILE_NAME_RULES.has(String(message.ruleId)))
        .map((message) => [message.ruleId, message.severity]),
    );
    expect(severities.sort()).toEqual(
      [
        ['perf-standards/no-generic-filenames', 1],
        ['perf-standards/no-one-off-scripts', 2],
        ['perf-standards/no-one-off-scripts', 2],
        ['perf-standards/no-one-off-scripts', 2],
        ['perf-standards/no-trivial-docs', 2],
        ['perf-standards/no-trivial-docs', 2],
      ],
    );
  });
});
