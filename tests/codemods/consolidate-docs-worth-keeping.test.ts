import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import markdown from '@eslint/markdown';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../index.js';
import consolidateDocs from '../../codemods/consolidate-docs.js';
import { runCodemods, type RunReport } from '../../codemods/runner/run-codemods.js';
import { countWords, DEFAULT_MIN_WORDS, findDocGaps } from '../../standards/docs/required-docs.js';

// Issue 17 §4: the docs consolidate-docs writes are worth keeping. A package's README stays; a scaffolded
// doc holds facts of the repository (never a list of file names), or is not written; the paths given
// bound every write.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Readonly<Record<string, string>>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docs-worth-keeping-')));
  temporary.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const run = (root: string, paths: readonly string[] = []): Promise<RunReport> => runCodemods({ root, paths, codemods: [consolidateDocs], force: true, jobs: 1 });
const changed = (report: RunReport): string[] => report.files.filter((file) => file.status === 'changed').map((file) => file.path).sort();
const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

const ENOUGH_SCRIPTS = JSON.stringify({
  name: 'bench-kit',
  private: true,
  scripts: { build: 'tsc -p tsconfig.json', test: 'vitest run', 'bench:parse': 'node benchmarks/parse/run.js', lint: 'eslint .' },
});

describe('consolidate-docs: a package README is not a trivial doc', () => {
  // hono's benchmarks/*/ folders: some are packages of their own, one is not.
  const files = {
    'package.json': ENOUGH_SCRIPTS,
    'README.md': '# bench-kit\n',
    'benchmarks/parse/package.json': '{ "name": "parse-bench", "private": true }\n',
    'benchmarks/parse/README.md': '# Parse benchmark\n\nRun `npm start` here to compare the parsers.\n',
    'benchmarks/route/package.json': '{ "name": "route-bench" }\n',
    'benchmarks/route/readme.md': '# Route benchmark\n',
    'benchmarks/notes/README.md': '# Loose notes\n\nNo package here.\n',
  };

  it('keeps every README beside a package.json, and moves the one that is not', async () => {
    const root = project(files);
    const report = await run(root);
    expect(read(root, 'benchmarks/parse/README.md')).toBe(files['benchmarks/parse/README.md']);
    expect(read(root, 'benchmarks/route/readme.md')).toBe(files['benchmarks/route/readme.md']);
    expect(fs.existsSync(path.join(root, 'benchmarks/notes/README.md'))).toBe(false);
    expect(read(root, 'docs/architecture_decisions.md')).toContain('## `benchmarks/notes/README.md`\n\n### Loose notes\n\nNo package here.\n');
    expect(report.files.filter((file) => file.path.startsWith('benchmarks/') && file.status !== 'unchanged').map((file) => [file.path, file.status])).toEqual([
      ['benchmarks/notes/README.md', 'changed'],
    ]);
  });

  it('no-trivial-docs agrees: it reports exactly the README the codemod moves', async () => {
    const root = project(files);
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },
        { files: ['**/*.md'], plugins: { 'perf-standards': plugin }, rules: { 'perf-standards/no-trivial-docs': 'error' } },
      ],
    });
    const results = await eslint.lintFiles(['**/*.md']);
    const reported = results.filter((result) => result.messages.length > 0).map((result) => path.relative(root, result.filePath).split(path.sep).join('/'));
    expect(reported).toEqual(['benchmarks/notes/README.md']);
  });
});

describe('consolidate-docs: a scaffolded doc holds facts of the repository, or is not written', () => {
  it('never pads a doc with a list of file names: benchmark files without a bench script give no benchmarks doc', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'quiet', private: true, scripts: { build: 'tsc' } }),
      'benchmarks/a.bench.ts': 'export {};\n',
      'benchmarks/b.bench.ts': 'export {};\n',
      'benchmarks/c/run.js': 'export {};\n',
    });
    const report = await run(root);
    expect(fs.existsSync(path.join(root, 'docs/performance_benchmarks.md'))).toBe(false);
    expect(report.notes.find((note) => note.path === 'docs/performance_benchmarks.md')?.message).toBe(
      "not created: the project's facts give it 11 words, fewer than the 20 require-docs asks for; write it by hand (performance metrics, targets and the commands that measure them)",
    );
  });

  it('with bench scripts the benchmarks doc names the commands, not the files', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'loud', private: true, scripts: { 'bench': 'node benchmarks/run.js', 'bench:deep': 'node benchmarks/run.js --deep', 'bench:cold': 'node benchmarks/run.js --cold' } }),
      'benchmarks/run.js': 'export {};\n',
      'benchmarks/cases.js': 'export {};\n',
    });
    await run(root);
    const doc = read(root, 'docs/performance_benchmarks.md');
    expect(doc).toContain('| `npm run bench:deep` | `node benchmarks/run.js --deep` |');
    expect(doc).not.toContain('benchmarks/cases.js');
    expect(doc).not.toMatch(/^- `/mu);
  });

  it('every doc it writes passes require-docs, and every script it names is one package.json has', async () => {
    const root = project({
      'package.json': ENOUGH_SCRIPTS,
      'TODO.md': '# TODO\n\n- Cache the parsed routes.\n',
      'src/index.ts': 'export const x = 1;\n',
      'src/parse.ts': 'export const y = 1;\n',
      'benchmarks/parse/run.js': 'export {};\n',
    });
    const report = await run(root);
    expect(changed(report)).toEqual(['TODO.md', 'docs/ai_coding_patterns.md', 'docs/architecture_decisions.md', 'docs/performance_benchmarks.md']);
    const written = changed(report).filter((file) => file.startsWith('docs/'));
    const gaps = findDocGaps(root).map((gap) => gap.doc);
    for (const doc of written.filter((file) => file.startsWith('docs/'))) {
      expect(gaps).not.toContain(doc);
      expect(countWords(read(root, doc))).toBeGreaterThanOrEqual(DEFAULT_MIN_WORDS);
    }
    expect(gaps).toEqual(['docs/mcp_integration_guide.md']);
    const scripts = Object.keys((JSON.parse(ENOUGH_SCRIPTS) as { scripts: Record<string, string> }).scripts);
    const named = written.flatMap((doc) => [...read(root, doc).matchAll(/`npm run ([^`\s]+)`/gu)].map((match) => match[1]));
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(scripts).toContain(script);
  });
});

describe('consolidate-docs: the paths given bound every write (`fix --all src`)', () => {
  const files = {
    'package.json': ENOUGH_SCRIPTS,
    'TODO.md': '# TODO\n\n- Outside the selection.\n',
    'src/NOTES.md': '# Notes\n\n- Inside the selection, but its destination is not.\n',
    'src/lib/README.md': '# Lib\n\nInside, with a destination outside.\n',
    'src/index.ts': 'export const x = 1;\n',
  };

  it('writes nothing outside src: no doc scaffolded at the root, no doc moved out of src', async () => {
    const root = project(files);
    const before = new Map(Object.keys(files).map((file) => [file, read(root, file)]));
    const report = await run(root, ['src']);
    expect(changed(report)).toEqual([]);
    for (const [file, text] of before) expect(read(root, file)).toBe(text);
    expect(fs.existsSync(path.join(root, 'docs'))).toBe(false);
    expect(report.files.filter((file) => file.status === 'skipped').map((file) => `${file.path}: ${file.reason ?? ''}`)).toEqual([
      'src/NOTES.md: its destination docs/architecture_decisions.md is outside the paths given; run without paths (or include it) to move it there',
      'src/lib/README.md: its destination docs/architecture_decisions.md is outside the paths given; run without paths (or include it) to move it there',
    ]);
    expect(report.counts.failed).toBe(0);
  });

  it('a doc whose destination is inside the paths moves, unless a file outside links to it', async () => {
    const root = project({
      ...files,
      'src/package.json': JSON.stringify({ name: 'inner', scripts: { build: 'tsc', test: 'vitest run', lint: 'eslint .', 'bench': 'node bench.js' } }),
      'src/TODO.md': '# Inner todo\n\nInside, and so is its destination.\n',
      'src/IDEAS.md': '# Ideas\n\nLinked from outside the selection.\n',
      'GUIDE.md': 'See [the ideas](src/IDEAS.md).\n',
    });
    // require-docs' `roots` make src/ a project root of its own: its docs go to src/docs/.
    const options = { prepare: async (rule: string) => (): Record<string, unknown> => (rule === 'require-docs' ? { roots: ['src'] } : {}) };
    const report = await runCodemods({ root, paths: ['src'], codemods: [consolidateDocs], force: true, jobs: 1, options });
    expect(changed(report)).toEqual([
      'src/NOTES.md',
      'src/TODO.md',
      'src/docs/ai_coding_patterns.md',
      'src/docs/architecture_decisions.md',
      'src/docs/performance_benchmarks.md',
      'src/lib/README.md',
    ]);
    expect(read(root, 'src/docs/architecture_decisions.md')).toContain('## `TODO.md`\n\n### Inner todo\n');
    expect(read(root, 'GUIDE.md')).toBe('See [the ideas](src/IDEAS.md).\n');
    expect(read(root, 'src/IDEAS.md')).toBe('# Ideas\n\nLinked from outside the selection.\n');
    expect(report.files.find((file) => file.path === 'src/IDEAS.md')).toMatchObject({
      status: 'skipped',
      reason: 'GUIDE.md, outside the paths given, links to it; run without paths (or include GUIDE.md) to move it',
    });
  });
});

describe('consolidate-docs: a benchmark folder README goes to the benchmarks doc', () => {
  // tomli's benchmark/README.md: what is measured and how to run it is performance_benchmarks.md's content.
  const files = {
    'pyproject.toml': '[project]\nname = "tomli"\n',
    'README.md': '# Tomli\n',
    'benchmark/README.md': '# Benchmark\n\n## Running\n\n```bash\ntox -e benchmark\n```\n',
    'docs/notes/README.md': '# Notes\n',
  };

  it('moves it into docs/performance_benchmarks.md, and any other README into the decisions', async () => {
    const root = project(files);
    const report = await run(root);
    expect(report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'benchmark/README.md: moved into docs/performance_benchmarks.md#benchmarkreadmemd',
      "docs/architecture_decisions.md: created from the project's facts, with 1 moved doc",
      'docs/notes/README.md: moved into docs/architecture_decisions.md#docsnotesreadmemd',
      "docs/performance_benchmarks.md: created from the project's facts, with 1 moved doc",
    ]);
    expect(read(root, 'docs/performance_benchmarks.md')).toBe(
      '# Performance Benchmarks\n\nPerformance metrics, targets and the commands that measure them.\n\n' +
        '## `benchmark/README.md`\n\n### Benchmark\n\n#### Running\n\n```bash\ntox -e benchmark\n```\n',
    );
    expect(read(root, 'docs/architecture_decisions.md')).toContain('## `docs/notes/README.md`\n\n### Notes\n');
    expect(read(root, 'docs/architecture_decisions.md')).not.toContain('benchmark/README.md');
    expect(changed(await run(root))).toEqual([]);
  });
});
