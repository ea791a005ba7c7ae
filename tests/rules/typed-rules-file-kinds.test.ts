import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import css from '@eslint/css';
import json from '@eslint/json';
import markdown from '@eslint/markdown';
import plugin from '../../index.js';

// The typed rules enabled the way the README shows, in a block without `files`: they then meet every file
// ESLint lints. They must judge TypeScript files with type information, skip the files they have nothing
// to judge, and stop with one sentence naming the rule, the file and the fix where they truly cannot run.

const TYPE_RULES: Linter.RulesRecord = {
  'perf-standards/require-type-coverage': ['error', { threshold: 90 }],
  'perf-standards/require-explicit-types': 'error',
};

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'perf-standards-typed-rules-'));
  const files: Readonly<Record<string, string>> = {
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "es2022", "module": "nodenext", "noEmit": true }, "include": ["src"] }\n',
    'README.md': '# Demo\n\n```ts\nexport const fromBlock = JSON.parse("1");\n```\n',
    'data.json': '{ "a": 1 }\n',
    'src/theme.css': '.a { color: red; }\n',
    'scripts/seed.py': "print('hi')\n",
    'scripts/legacy.js': 'export const loose = JSON.parse("1");\n',
    'src/count.ts': 'export const n: number = 1;\n',
    'src/loose.ts': 'export const parsed = JSON.parse("1");\nexport function twice(value: number) {\n  return value * 2;\n}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    writeFileSync(path.join(cwd, file), text);
  }
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function lint(config: readonly Linter.Config[], patterns: readonly string[] = ['.']): Promise<ESLint.LintResult[]> {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...config] }).lintFiles([...patterns]);
}

const reports = (results: readonly ESLint.LintResult[]): string[] =>
  results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.relative(cwd, result.filePath).split(path.sep).join('/')} ${message.line}:${message.column} ${message.ruleId} ${message.message}`,
      ),
    )
    .sort();

describe('typed rules in a config block without `files`', () => {
  it('judge TypeScript files and skip Markdown, JSON, CSS, the file language and JavaScript', async () => {
    const results = await lint([
      ...plugin.configs.recommendedTypeChecked,
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parserOptions: { tsconfigRootDir: cwd } } },
      { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },
      { files: ['**/*.json'], plugins: { json }, language: 'json/json' },
      { files: ['**/*.css'], plugins: { css }, language: 'css/css' },
      // The warnings of require-performance-docs are not what this test is about.
      { rules: { ...TYPE_RULES, 'perf-standards/require-docs': 'off', 'perf-standards/require-performance-docs': 'off' } },
    ]);
    expect(results.map((result) => path.relative(cwd, result.filePath).split(path.sep).join('/')).sort()).toEqual([
      'README.md',
      'data.json',
      'scripts/legacy.js',
      'scripts/seed.py',
      'src/count.ts',
      'src/loose.ts',
      'src/theme.css',
      'tsconfig.json',
    ]);
    expect(reports(results)).toEqual([
      'src/loose.ts 1:1 perf-standards/require-type-coverage Type coverage 83.33% (5/6) is below 90%.',
      'src/loose.ts 1:14 perf-standards/require-type-coverage `parsed` is typed `any`: give it a real type.',
      'src/loose.ts 2:8 perf-standards/require-explicit-types Add a return type to "twice": the checker infers "number".',
    ]);
    const twice = results.find((result) => result.filePath.endsWith('loose.ts'))?.messages.at(-1);
    expect(twice?.suggestions?.map((suggestion) => suggestion.fix.text)).toEqual([': number']);
  });

  it('skip TypeScript code blocks a processor extracts from Markdown, which no tsconfig covers', async () => {
    const results = await lint(
      [
        { files: ['**/*.md'], plugins: { markdown }, processor: 'markdown/markdown' },
        { files: ['**/*.md/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
        { plugins: { 'perf-standards': plugin }, rules: TYPE_RULES },
      ],
      ['README.md'],
    );
    expect(reports(results)).toEqual([]);
  });

  it('stop on a TypeScript file parsed without type information, naming the rule, the file and the fix', async () => {
    const run = lint([...plugin.configs.recommended, { rules: TYPE_RULES }], ['src/count.ts']);
    await expect(run).rejects.toMatchObject({
      name: 'MissingTypeInformationError',
      ruleId: 'perf-standards/require-type-coverage',
      file: 'src/count.ts',
      message: expect.stringContaining(
        "perf-standards/require-type-coverage needs type information for src/count.ts, which was parsed without it: lint TypeScript files with type information (`...perfStandards.configs.recommendedTypeChecked`, or `languageOptions.parserOptions.projectService: true` in a config block whose `files` include this file), or turn the rule off for it.",
      ),
    });
  });

  it('leave require-explicit-types without suggestions, not failing, on a TypeScript file without type information', async () => {
    const results = await lint(
      [...plugin.configs.recommended, { rules: { 'perf-standards/require-explicit-types': 'error', 'perf-standards/require-performance-docs': 'off' } }],
      ['src/loose.ts'],
    );
    expect(reports(results)).toEqual(['src/loose.ts 2:8 perf-standards/require-explicit-types Add a return type to "twice".']);
    expect(results[0]?.messages[0]?.suggestions).toBeUndefined();
  });

  it('report a TypeScript file no tsconfig covers as typescript-eslint does: a parsing error, not a crash', async () => {
    writeFileSync(path.join(cwd, 'scripts/tool.ts'), 'export const tool: number = 1;\n');
    try {
      const results = await lint(
        [
          ...plugin.configs.recommendedTypeChecked,
          { files: ['**/*.ts'], languageOptions: { parserOptions: { tsconfigRootDir: cwd } } },
          { rules: TYPE_RULES },
        ],
        ['scripts/tool.ts'],
      );
      expect(results[0]?.messages.map((message) => [message.fatal, message.message])).toEqual([
        [
          true,
          `Parsing error: ${path.join(cwd, 'scripts/tool.ts')} was not found by the project service. Consider either including it in the tsconfig.json or including it in allowDefaultProject.`,
        ],
      ]);
    } finally {
      rmSync(path.join(cwd, 'scripts/tool.ts'));
    }
  });
});
