import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import json from '@eslint/json';
import rule from '../../rules/require-docs.js';
import plugin from '../../index.js';
import { RuleTester } from '../rule-tester.js';

// The rule reads the filesystem relative to the linter's cwd (process.cwd(), the repository root in vitest);
// the fixture roots under fixtures/require-docs/ are reached through the `roots` option.
const ruleTester = new RuleTester();
const FIXTURES = 'fixtures/require-docs';
const roots = [`${FIXTURES}/*`];
const code = '{}';

ruleTester.run('require-docs', rule, {
  valid: [
    // Every required doc present with enough words.
    { code, filename: `${FIXTURES}/complete/package.json`, options: [{ roots }] },
    // Only package.json is reported on: other files of an incomplete root are never reported.
    { code, filename: `${FIXTURES}/missing-all/index.ts`, options: [{ roots }] },
    { code, filename: `${FIXTURES}/partial/docs/performance_benchmarks.md`, options: [{ roots }] },
    { code, filename: `${FIXTURES}/partial/package.json.ts`, options: [{ roots }] },
    // A package.json in a folder that is not a root (nor the project root) is not a project root.
    { code, filename: `${FIXTURES}/missing-all/nested/package.json`, options: [{ roots }] },
    { code, filename: `${FIXTURES}/missing-all/package.json` },
    { code, filename: `${FIXTURES}/missing-all/package.json`, options: [{ roots: ['packages/*'] }] },
    // `minWords` lowers the bar: "TBD." with a heading has 3 words.
    {
      code,
      filename: `${FIXTURES}/partial/package.json`,
      options: [{ roots, minWords: 3, docs: { remove: ['docs/mcp_integration_guide.md', 'docs/ai_coding_patterns.md'] } }],
    },
    // Removing every default leaves nothing to require.
    {
      code,
      filename: `${FIXTURES}/missing-all/package.json`,
      options: [
        {
          roots,
          docs: {
            remove: [
              'docs/architecture_decisions.md',
              'docs/performance_benchmarks.md',
              'docs/mcp_integration_guide.md',
              'docs/ai_coding_patterns.md',
            ],
          },
        },
      ],
    },
    // Virtual buffers have no project root.
    { code, filename: '<input>', options: [{ roots }] },
  ],
  invalid: [
    {
      code,
      filename: `${FIXTURES}/missing-all/package.json`,
      options: [{ roots }],
      errors: [
        {
          // Its facts (a package.json without scripts, no folders) give no doc 20 words: nothing to scaffold.
          messageId: 'missingDocsByHand',
          data: {
            root: 'fixtures/require-docs/missing-all',
            gaps: '`docs/architecture_decisions.md` (missing), `docs/performance_benchmarks.md` (missing), `docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing)',
            byHand: '`docs/architecture_decisions.md` (technical choices and their rationale), `docs/performance_benchmarks.md` (performance metrics, targets and the commands that measure them), `docs/mcp_integration_guide.md` (how the project uses MCP servers), `docs/ai_coding_patterns.md` (patterns, setup and troubleshooting for AI coders)',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code,
      filename: `${FIXTURES}/partial/package.json`,
      options: [{ roots }],
      errors: [
        {
          messageId: 'missingDocsByHand',
          data: {
            root: 'fixtures/require-docs/partial',
            gaps: '`docs/performance_benchmarks.md` (empty: 3 of at least 20 words), `docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing)',
            byHand: '`docs/performance_benchmarks.md` (performance metrics, targets and the commands that measure them), `docs/mcp_integration_guide.md` (how the project uses MCP servers), `docs/ai_coding_patterns.md` (patterns, setup and troubleshooting for AI coders)',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    // The report is on line 1 column 1 even when package.json starts further down.
    {
      code: '\n\n  {"name": "partial"}',
      filename: `${FIXTURES}/partial/package.json`,
      options: [{ roots: [`${FIXTURES}/partial`], minWords: 3 }],
      errors: [
        {
          // Three words are few enough for a title and purpose: consolidate-docs would create both.
          messageId: 'missingDocs',
          data: {
            root: 'fixtures/require-docs/partial',
            gaps: '`docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing)',
            scaffolded: '`docs/mcp_integration_guide.md`, `docs/ai_coding_patterns.md`',
            byHand: '',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    // A high `minWords` turns complete docs into empty ones.
    {
      code,
      filename: `${FIXTURES}/complete/package.json`,
      options: [{ roots, minWords: 35, docs: { remove: ['docs/ai_coding_patterns.md', 'docs/mcp_integration_guide.md'] } }],
      errors: [
        {
          // consolidate-docs creates missing docs only; an existing one too short is the author's to finish.
          messageId: 'missingDocsByHand',
          data: {
            root: 'fixtures/require-docs/complete',
            gaps: '`docs/architecture_decisions.md` (empty: 34 of at least 35 words)',
            byHand: '`docs/architecture_decisions.md` (technical choices and their rationale)',
          },
        },
      ],
    },
    // `docs.add` requires more docs; backslashes are read as `/`.
    {
      code,
      filename: `${FIXTURES}/complete/package.json`,
      options: [{ roots, docs: { add: ['docs\\runbook.md'] } }],
      errors: [
        {
          messageId: 'missingDocsByHand',
          data: { root: 'fixtures/require-docs/complete', gaps: '`docs/runbook.md` (missing)', byHand: '`docs/runbook.md` (its purpose)' },
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

describe('require-docs options', () => {
  const verify = (options: unknown): Linter.LintMessage[] =>
    new Linter({ cwd: process.cwd() }).verify(
      '{}',
      [{ plugins: { 'perf-standards': plugin }, rules: { 'perf-standards/require-docs': ['error', options] } }],
      'package.js',
    );

  // ESLint's validator prints the rule id and the rejected value; a misspelt option name is named with the
  // expected ones.
  it('rejects a wrong option type with an error naming the rule and the value', () => {
    expect(() => verify({ minWords: 'x' })).toThrow(
      'Key "rules": Key "perf-standards/require-docs":\n\tValue "x" should be integer.',
    );
    expect(() => verify({ minWords: -1 })).toThrow('Value -1 should be >= 0.');
    expect(() => verify({ roots: 'packages/*' })).toThrow('Value "packages/*" should be array.');
  });

  it('says what is missing and what to run, once, at line 1 column 1 of package.json (JSON language)', () => {
    const messages = new Linter({ cwd: process.cwd() }).verify(
      '{\n  "name": "partial"\n}\n',
      [
        {
          files: ['**/*.json'],
          plugins: { json, 'perf-standards': plugin },
          language: 'json/json',
          rules: { 'perf-standards/require-docs': ['error', { roots }] },
        },
      ],
      `${FIXTURES}/partial/package.json`,
    );
    expect(messages.map((message) => [message.message, message.line, message.column])).toEqual([
      [
        'Project root `fixtures/require-docs/partial` lacks required docs: `docs/performance_benchmarks.md` (empty: 3 of at least 20 words), `docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing). Write them by hand: `docs/performance_benchmarks.md` (performance metrics, targets and the commands that measure them), `docs/mcp_integration_guide.md` (how the project uses MCP servers), `docs/ai_coding_patterns.md` (patterns, setup and troubleshooting for AI coders).',
        1,
        1,
      ],
    ]);
  });

  it('names an unknown option and lists the known ones', () => {
    expect(() => verify({ minWord: 3 })).toThrow(
      'Unexpected property "minWord". Expected properties: "docs", "roots", "minWords".',
    );
  });
});

// The message offers consolidate-docs only for the missing docs it would create (docScaffold, which it writes by).
describe('require-docs: which docs consolidate-docs would scaffold', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'perf-standards-scaffold-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('offers the codemod for a doc the facts fill (a bench script), and asks for the others by hand', async () => {
    writeFileSync(path.join(cwd, 'package.json'), JSON.stringify({ name: 'bench-only', scripts: { bench: 'node bench/run.js' } }));
    mkdirSync(path.join(cwd, 'bench'));
    writeFileSync(path.join(cwd, 'bench', 'run.js'), '');
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const [result] = await eslint.lintFiles(['package.json']);
    expect(result?.messages.map((message) => [message.messageId, message.message])).toEqual([
      [
        'missingDocs',
        'Project root `.` lacks required docs: `docs/architecture_decisions.md` (missing), `docs/performance_benchmarks.md` (missing), `docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing). Run `perf-standards fix consolidate-docs` to scaffold `docs/performance_benchmarks.md`, `docs/ai_coding_patterns.md` from the project\'s facts; write by hand `docs/architecture_decisions.md` (technical choices and their rationale), `docs/mcp_integration_guide.md` (how the project uses MCP servers).',
      ],
    ]);
  });
});

// What docs/rules/require-docs.md says about `eslint --cache`, kept true by a test.
describe('require-docs with the ESLint cache', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'perf-standards-cache-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const doc = 'Enough words to count as real documentation: the required docs need at least twenty words each, so this sentence is long enough to pass.';
  const lint = async (cacheStrategy: 'metadata' | 'content' | null): Promise<string[]> => {
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: plugin.configs.recommended,
      ...(cacheStrategy === null ? {} : { cache: true, cacheStrategy, cacheLocation: path.join(cwd, '.eslintcache') }),
    });
    const results = await eslint.lintFiles(['package.json']);
    return results.flatMap((result) => result.messages.map((message) => String(message.messageId)));
  };

  it('reuses a cached package.json result after docs change, until package.json changes or the cache is skipped', async () => {
    writeFileSync(path.join(cwd, 'package.json'), '{ "name": "cached" }\n');
    for (const strategy of ['metadata', 'content'] as const) {
      rmSync(path.join(cwd, 'docs'), { recursive: true, force: true });
      rmSync(path.join(cwd, '.eslintcache'), { force: true });
      expect(await lint(strategy)).toEqual(['missingDocsByHand']);
      mkdirSync(path.join(cwd, 'docs'));
      for (const name of ['architecture_decisions', 'performance_benchmarks', 'mcp_integration_guide', 'ai_coding_patterns']) {
        writeFileSync(path.join(cwd, 'docs', `${name}.md`), doc);
      }
      // Stale: the docs are complete now.
      expect(await lint(strategy)).toEqual(['missingDocsByHand']);
      // A new modification time re-lints package.json under the metadata strategy only.
      const later = new Date(Date.now() + 5_000);
      utimesSync(path.join(cwd, 'package.json'), later, later);
      expect(await lint(strategy)).toEqual(strategy === 'metadata' ? [] : ['missingDocsByHand']);
      // Without the cache (what `perf-standards check` does) the result is current.
      expect(await lint(null)).toEqual([]);
    }
  });
});
