import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runNode } from '../../run-node.js';
import { execFileAsync, fixtureCopy, removeFixtureCopies } from './gates-harness.js';

// The flow a new user follows, end to end with the real tools and the built command: a small TypeScript
// project with vitest tests and a vitest bench file (fixtures/gates/new-user) in a fresh git repository,
// `perf-standards init`, `vitest run --coverage`, `vitest bench --outputJson` for a stored baseline, then a
// change that makes the benchmarked code 30 times slower, and `gates` in each format: stylish with init's
// git-ref baseline (both trees run interleaved), markdown appended to $GITHUB_STEP_SUMMARY as a GitHub
// Actions step does, against the stored results file, and json.

let project = '';
const sh = (command: string, env: Readonly<Record<string, string>> = {}): Promise<{ stdout: string }> =>
  execFileAsync('sh', ['-c', command], { cwd: project, env: { ...process.env, NO_COLOR: '1', ...env } }) as Promise<{ stdout: string }>;
const read = (file: string): string => readFileSync(path.join(project, file), 'utf8');
// A stylish row's cells: the columns are separated by at least two spaces.
const rows = (stdout: string): string[][] => stdout.split('\n').filter((line: string): boolean => line !== '' && !line.startsWith(' ')).map((line: string): string[] => line.split(/ {2,}/u));

const INIT_OUTPUT = [
  'created eslint.config.js (configs.recommended)',
  'created .vscode/mcp.json (servers.perf-standards)',
  'updated package.json (scripts.lint:standards)',
  'created perf-standards.config.json (gates: coverage, typeCoverage, regression)',
  'gates.regression.baseline is "main", a local branch (no origin/main here); in CI use the remote\'s branch, fetched: actions/checkout with fetch-depth: 0, or `git fetch origin main`.',
  'Install what the config needs (init installs nothing):',
  '  npm i -D eslint',
  '',
].join('\n');

beforeAll(async () => {
  project = fixtureCopy('new-user');
  await sh('git init -q -b main && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm "sum and mean, tested and benchmarked"');
});

afterAll(removeFixtureCopies);

describe('a new user: init, vitest coverage and bench, then gates in every format', () => {
  it('init writes gates for vitest coverage, the tsconfig and the bench file, with a baseline this repository has', async () => {
    const init = await runNode([CLI_BIN, 'init', '--mcp', 'vscode'], project);
    expect(init).toEqual({ code: 0, stdout: INIT_OUTPUT, stderr: '' });
    expect(JSON.parse(read('perf-standards.config.json'))).toEqual({
      $schema: './node_modules/eslint-plugin-perf-standards/dist/standards/quality-gates/config.schema.json',
      gates: {
        coverage: { report: 'coverage/coverage-final.json', threshold: 90 },
        typeCoverage: { threshold: 95 },
        regression: { baseline: 'main', command: 'npx vitest bench --run --outputJson .perf-standards/bench.json', report: '.perf-standards/bench.json', threshold: 5 },
      },
    });
  });

  it('the real reports: coverage of the committed code, then a stored bench baseline; a 30× slower sum fails against both baselines', async () => {
    await sh('npx vitest run --coverage');
    await sh('npx vitest bench --run --outputJson .perf-standards/bench.json && cp .perf-standards/bench.json .perf-standards/baseline.json');
    writeFileSync(
      path.join(project, 'src', 'sum.ts'),
      read('src/sum.ts').replace('  for (const value of values) total += value;\n', '  for (let pass = 0; pass < 30; pass += 1) {\n    total = 0;\n    for (const value of values) total += value;\n  }\n'),
    );
    // The fewest rounds the schema allows, so that this test stays short; a 30× slowdown needs no more.
    const config = JSON.parse(read('perf-standards.config.json')) as { gates: { regression: Record<string, unknown> } };
    config.gates.regression['maxRounds'] = 5;
    writeFileSync(path.join(project, 'perf-standards.config.json'), `${JSON.stringify(config, null, 2)}\n`);

    // stylish, every gate; the regression gate runs the bench on both trees (main in a temporary worktree).
    const stylish = await runNode([CLI_BIN, 'gates'], project);
    expect(stylish.code).toBe(1);
    const table = rows(stylish.stdout);
    expect(table[0]).toEqual(['Gate', 'Threshold', 'Measured', 'Verdict', 'Source']);
    expect(table[1]).toEqual(['Test coverage', '≥ 90% lines', '71.42% lines (5/7)', 'failed', 'coverage/coverage-final.json']);
    expect(table[2]).toEqual(['Type coverage', '≥ 95%', '100.00% (67/67)', 'passed', 'tsconfig.json']);
    expect(table[3]).toEqual(['Bundle size', '≤ 250.00 kB brotli', '—', 'no data', '—']);
    expect(table[4]?.slice(0, 2)).toEqual(['Performance regression', '≤ 5% slower']);
    expect(table[4]?.[2]).toMatch(/^\+\d{3,4}\.\d\d% \[\+\d{3,4}\.\d\d%, \+\d{3,4}\.\d\d%\] bench\/sum\.bench\.ts > statistics > (sum|mean)$/u);
    expect(table[4]?.slice(3)).toEqual(['failed', '.perf-standards/bench.json: current vs main, interleaved']);
    expect(table.slice(5, 8).map((row: string[]): string => `${row[0]}: ${row[3]}`)).toEqual(['Performance budgets: no data', 'Memory increase: no data', 'Accessibility: no data']);
    expect(stylish.stdout.endsWith('\n\n2 failed, 1 passed, 4 no data\n')).toBe(true);
    expect(stylish.stdout).toMatch(/\n {4}bench\/sum\.bench\.ts > statistics > sum: \+\d{3,4}\.\d\d% \[\+\d{3,4}\.\d\d%, \+\d{3,4}\.\d\d%\], p < 0\.0001, 5 rounds, t-test on per-round ratios: failed\n/u);
    expect(stylish.stderr).toBe(
      'perf-standards gates: Performance regression: running `npx vitest bench --run --outputJson .perf-standards/bench.json` on the current tree and on main, in turn: a 5-round pilot, then the rounds the noise needs (at most 5)\n',
    );
    const worktrees = await sh('git worktree list');
    expect(worktrees.stdout.trim().split('\n')).toHaveLength(1);

    // markdown, as a GitHub Actions step appends it to the job summary; the stored results file as baseline.
    const summary = path.join(project, 'step-summary.md');
    writeFileSync(summary, '# Earlier step\n');
    const step = await runNode(['-e', `require('node:child_process').execSync('node ${CLI_BIN} gates --only coverage,regression --baseline .perf-standards/baseline.json --format markdown >> "$GITHUB_STEP_SUMMARY"', { stdio: 'inherit', env: { ...process.env, GITHUB_STEP_SUMMARY: ${JSON.stringify(summary)} } })`], project);
    expect(step.code).toBe(1);
    const markdown = readFileSync(summary, 'utf8').replaceAll(/\+\d{3,4}\.\d\d%/gu, '+N%');
    expect(markdown).toBe(
      [
        '# Earlier step',
        '## Quality gates: failed',
        '',
        '2 failed',
        '',
        '| Gate | Threshold | Measured | Verdict | Source |',
        '| --- | --- | --- | --- | --- |',
        '| Test coverage | ≥ 90% lines | 71.42% lines (5/7) | ❌ failed | `coverage/coverage-final.json` |',
        `| Performance regression | ≤ 5% slower | +N% [+N%, +N%] bench/sum.bench.ts > statistics > ${/> statistics > mean \|/u.test(markdown) ? 'mean' : 'sum'} | ❌ failed | \`.perf-standards/bench.json vs .perf-standards/baseline.json\` |`,
        '',
        '### Test coverage',
        '',
        '- all files: 71.42% lines (5/7) < 90%',
        '- least covered: src/sum.ts 71.42% (5/7)',
        '',
        '### Performance regression',
        '',
        '- bench/sum.bench.ts > statistics > sum: +N% [+N%, +N%], p < 0.0001, stored results, delta method: failed',
        '- bench/sum.bench.ts > statistics > mean: +N% [+N%, +N%], p < 0.0001, stored results, delta method: failed',
        '',
      ].join('\n'),
    );

    // json, for scripts.
    const json = await runNode([CLI_BIN, 'gates', '--only', 'coverage,typeCoverage', '--format', 'json'], project);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      exitCode: 1,
      summary: '1 failed, 1 passed',
      gates: [
        {
          gate: 'coverage',
          title: 'Test coverage',
          verdict: 'failed',
          threshold: '≥ 90% lines',
          measured: '71.42% lines (5/7)',
          value: 71.42,
          source: 'coverage/coverage-final.json',
          details: ['all files: 71.42% lines (5/7) < 90%', 'least covered: src/sum.ts 71.42% (5/7)'],
        },
        { gate: 'typeCoverage', title: 'Type coverage', verdict: 'passed', threshold: '≥ 95%', measured: '100.00% (67/67)', value: 100, source: 'tsconfig.json', details: [] },
      ],
    });
  }, 240_000);
});
