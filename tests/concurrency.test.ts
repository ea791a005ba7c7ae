import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end: the real `eslint` binary loads the built plugin in every worker thread. Rules must keep no
// state across files, so one thread and two threads give the same reports.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslintBin = path.join(repoRoot, 'node_modules', '.bin', 'eslint');
const builtPlugin = path.join(repoRoot, 'dist', 'index.js');
const moduleUrl = (relative: string): string => pathToFileURL(path.join(repoRoot, relative)).href;

const FULL_DOC =
  'Enough words to count as real documentation: the required docs need at least twenty words each, so this sentence is written to pass.';

function workspaceFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': '{ "name": "workspace", "private": true }\n',
    'docs/architecture_decisions.md': `# Decisions\n\n${FULL_DOC}\n`,
    'docs/performance_benchmarks.md': '# Benchmarks\n\nTBD.\n',
    'README.md': '# Workspace\n',
    'TODO.md': '- [ ] everything\n',
    'docs/README.md': '# Docs\n',
    'packages/api/package.json': '{ "name": "api" }\n',
    'packages/api/README.md': '# API\n',
    'packages/web/package.json': '{ "name": "web" }\n',
    'packages/web/CHANGELOG.md': '## 1.0.0\n',
    'packages/web/styles/temp_theme.css': '.a { color: red; }\n',
    'packages/web/styles/layout.css': '.b { color: blue; }\n',
    'config/backup_settings.json': '{ "retries": 3 }\n',
    'config/app.json': '{ "port": 8080 }\n',
    'scripts/NOTES.txt': 'notes\n',
    'scripts/SETUP.rst': 'Setup\n=====\n',
  };
  const kinds = ['ts', 'js', 'py', 'sh'] as const;
  const names = ['temp_import', 'quick-fix-users', 'fix_dates', 'utils', 'report_builder', 'helpers', 'tmp', 'parse_logs'];
  for (const kind of kinds) {
    for (const name of names) {
      // Each file is valid in its own language (Python files are parsed now, not only named).
      files[`src/${kind}/${name}.${kind}`] = kind === 'ts' || kind === 'js' ? 'export const value = 1;\n' : kind === 'py' ? 'VALUE = 1\n' : 'echo ok\n';
    }
  }
  return files;
}

interface Report {
  readonly file: string;
  readonly ruleId: string | null;
  readonly message: string;
}

interface RunResult {
  readonly status: number | null;
  readonly files: number;
  readonly reports: readonly string[];
  /** Worker threads ESLint reports using (its debug log), 0 when it linted in the main thread. */
  readonly workers: number;
}

function runEslint(cwd: string, concurrency: string): RunResult {
  const run = spawnSync(eslintBin, ['.', '--format', 'json', `--concurrency=${concurrency}`], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DEBUG: 'eslint:eslint' },
  });
  if (run.error) throw run.error;
  const results = JSON.parse(run.stdout) as {
    filePath: string;
    messages: { ruleId: string | null; message: string }[];
  }[];
  const reports: Report[] = results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(cwd, result.filePath).split(path.sep).join('/'),
      ruleId: message.ruleId,
      message: message.message,
    })),
  );
  const workers = /Linting using (\d+) worker thread/u.exec(run.stderr)?.[1];
  return {
    status: run.status,
    files: results.length,
    reports: reports.map((report) => JSON.stringify(report)).sort(),
    workers: workers === undefined ? 0 : Number(workers),
  };
}

describe('eslint --concurrency (end to end, built plugin)', () => {
  let cwd: string;

  beforeAll(() => {
    if (!existsSync(builtPlugin)) throw new Error(`${builtPlugin} is missing: run \`npm run build\` first (npm test does).`);
    cwd = mkdtempSync(path.join(tmpdir(), 'perf-standards-concurrency-'));
    for (const [file, text] of Object.entries(workspaceFiles())) {
      mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
      writeFileSync(path.join(cwd, file), text);
    }
    writeFileSync(
      path.join(cwd, 'eslint.config.js'),
      [
        `import perfStandards from ${JSON.stringify(pathToFileURL(builtPlugin).href)};`,
        `import markdown from ${JSON.stringify(moduleUrl('node_modules/@eslint/markdown/dist/index.js'))};`,
        `import json from ${JSON.stringify(moduleUrl('node_modules/@eslint/json/dist/index.js'))};`,
        `import css from ${JSON.stringify(moduleUrl('node_modules/@eslint/css/dist/index.js'))};`,
        'export default [',
        '  ...perfStandards.configs.recommended,',
        "  { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },",
        "  { files: ['**/*.json'], plugins: { json }, language: 'json/json' },",
        "  { files: ['**/*.css'], plugins: { css }, language: 'css/css' },",
        "  { rules: { 'perf-standards/require-docs': ['error', { roots: ['packages/*'] }], 'perf-standards/no-trivial-docs': ['error', { allowReadmeIn: ['.', 'packages/*'] }] } },",
        '];',
        '',
      ].join('\n'),
    );
  });

  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('reports the same (file, rule, message) set with --concurrency=off and --concurrency=2', () => {
    const single = runEslint(cwd, 'off');
    const threaded = runEslint(cwd, '2');
    // 32 sources + 16 other files + eslint.config.js.
    expect(single.files).toBe(49);
    expect(single.status).toBe(1);
    expect(threaded.status).toBe(1);
    expect(single.workers).toBe(0);
    expect(threaded.workers).toBe(2);
    expect(threaded.files).toBe(single.files);
    expect(threaded.reports).toEqual(single.reports);
    // No parse errors or crashes (they have no rule id).
    expect(single.reports.filter((report) => (JSON.parse(report) as Report).ruleId === null)).toEqual([]);

    // Other rules of the plugin may report on the sources too; these counts are the file-name rules'.
    const byRule = new Map<string, number>();
    for (const report of single.reports) {
      const ruleId = String((JSON.parse(report) as Report).ruleId);
      if (/^perf-standards\/(no-one-off-scripts|no-generic-filenames|no-trivial-docs|require-docs)$/u.test(ruleId)) {
        byRule.set(ruleId, (byRule.get(ruleId) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(byRule)).toEqual({
      // temp_import, quick-fix-users, fix_dates, tmp in 4 languages; temp_theme.css; backup_settings.json.
      'perf-standards/no-one-off-scripts': 18,
      // utils and helpers in 4 languages.
      'perf-standards/no-generic-filenames': 8,
      // TODO.md, docs/README.md, CHANGELOG.md, NOTES.txt, SETUP.rst.
      'perf-standards/no-trivial-docs': 5,
      // The project root and both packages.
      'perf-standards/require-docs': 3,
    });
    expect(single.reports).toContain(
      JSON.stringify({
        file: 'package.json',
        ruleId: 'perf-standards/require-docs',
        message:
          'Project root `.` lacks required docs: `docs/performance_benchmarks.md` (empty: 2 of at least 20 words), `docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing). Write them by hand: `docs/performance_benchmarks.md` (performance metrics, targets and the commands that measure them), `docs/mcp_integration_guide.md` (how the project uses MCP servers), `docs/ai_coding_patterns.md` (patterns, setup and troubleshooting for AI coders).',
      }),
    );
  });
});
