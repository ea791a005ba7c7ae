import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileAsync, fixtureCopy, pythonWithCoverage, removeFixtureCopies, runGates, writeGatesConfig } from './gates-harness.js';

// Real reports, written in the test by the real tools: vitest 4 with @vitest/coverage-v8 on a small fixture
// (json, json-summary, lcov and cobertura reporters at once), and coverage.py (Debian's python3-coverage).
let vitestProject = '';
let pythonProject = '';

beforeAll(async () => {
  vitestProject = fixtureCopy('vitest-project');
  pythonProject = fixtureCopy('python-project');
  const python = await pythonWithCoverage();
  await Promise.all([
    execFileAsync(process.execPath, [path.join(vitestProject, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--coverage.enabled'], { cwd: vitestProject }),
    (async (): Promise<void> => {
      await execFileAsync(python, ['-m', 'coverage', 'run', '--branch', '--source=shapes', 'run_checks.py'], { cwd: pythonProject });
      await execFileAsync(python, ['-m', 'coverage', 'json', '-o', 'coverage.json'], { cwd: pythonProject });
      await execFileAsync(python, ['-m', 'coverage', 'xml', '-o', 'coverage.xml'], { cwd: pythonProject });
    })(),
  ]);
});

afterAll(removeFixtureCopies);

const stylishTable = (threshold: string, measured: string, verdict: string, source: string, notes: readonly string[], summary: string): string => {
  const header = ['Gate', 'Threshold', 'Measured', 'Verdict', 'Source'];
  const row = ['Test coverage', threshold, measured, verdict, source];
  const widths = header.map((cell: string, index: number): number => Math.max(cell.length, (row[index] ?? '').length));
  const line = (cells: readonly string[]): string => cells.map((cell: string, index: number): string => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
  return `${[line(header), line(row), ...notes.map((note: string): string => `    ${note}`), '', summary].join('\n')}\n`;
};

describe('coverage gate on vitest coverage-v8 reports', () => {
  it.each(['coverage/coverage-summary.json', 'coverage/coverage-final.json', 'coverage/lcov.info', 'coverage/cobertura-coverage.xml'])(
    '%s: the same figures from every format, judged on lines, branches and functions',
    async (report: string) => {
      writeGatesConfig(vitestProject, { gates: { coverage: { report, metric: ['lines', 'branches', 'functions'] } } });
      const run = await runGates(vitestProject, ['--only', 'coverage']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(
        stylishTable(
          '≥ 90% lines, branches, functions',
          '40.00% lines (6/15), 50.00% branches (4/8), 50.00% functions (3/6)',
          'failed',
          report,
          [
            'all files: 40.00% lines (6/15) < 90%',
            'all files: 50.00% branches (4/8) < 90%',
            'all files: 50.00% functions (3/6) < 90%',
            'least covered: src/legacy/format.ts 0.00% (0/6), src/math.ts 66.66% (6/9)',
          ],
          '1 failed',
        ),
      );
    },
  );

  it('without configuration, reads coverage/coverage-summary.json and judges lines against 90%', async () => {
    writeGatesConfig(vitestProject, {});
    const run = await runGates(vitestProject, ['--only', 'coverage']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[1]).toBe('Test coverage  ≥ 90% lines  40.00% lines (6/15)  failed   coverage/coverage-summary.json');
  });

  it('passes at a threshold the figure meets (40% of lines is 40.00%)', async () => {
    writeGatesConfig(vitestProject, { gates: { coverage: { threshold: 40, metric: 'statements' } } });
    const run = await runGates(vitestProject, ['--only', 'coverage']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(stylishTable('≥ 40% statements', '41.17% statements (7/17)', 'passed', 'coverage/coverage-summary.json', [], '1 passed'));
  });

  it('a file glob judges its files apart and leaves them out of the overall figure', async () => {
    writeGatesConfig(vitestProject, { gates: { coverage: { threshold: 60, files: { 'src/legacy/**': 50 } } } });
    const run = await runGates(vitestProject, ['--only', 'coverage']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      stylishTable(
        '≥ 60% lines',
        '66.66% lines (6/9)',
        'failed',
        'coverage/coverage-summary.json',
        ['src/legacy/**: 0.00% lines (0/6) < 50%', 'least covered: src/legacy/format.ts 0.00% (0/6), src/math.ts 66.66% (6/9)'],
        '1 failed',
      ),
    );
  });

  it('a package is the deepest folder a packages glob matches, judged against its own threshold', async () => {
    writeGatesConfig(vitestProject, { gates: { coverage: { threshold: 10, packages: { src: 60, 'src/legacy': 0 }, files: { 'docs/**': 50 } } } });
    const run = await runGates(vitestProject, ['--only', 'coverage', '--format', 'json']);
    expect(run.code).toBe(1);
    const { gates } = JSON.parse(run.stdout) as { gates: { details: string[]; verdict: string; measured: string }[] };
    expect(gates[0]?.verdict).toBe('failed');
    expect(gates[0]?.measured).toBe('40.00% lines (6/15)');
    // src holds src/math.ts only (6/9 ≥ 60 passes); the file glob that matches nothing fails.
    expect(gates[0]?.details).toEqual([
      'docs/**: no file of the report is in it (threshold 50% lines)',
      'least covered: src/legacy/format.ts 0.00% (0/6), src/math.ts 66.66% (6/9)',
    ]);
  });

  it('two reports: the one listed last wins for a file in both; the other files come from the first', async () => {
    // The real coverage-final.json, and an lcov that says src/math.ts is fully covered, with its detail
    // records indented and in lower case (lcov-parse takes the totals from LF/LH alone, whatever they say).
    writeFileSync(path.join(vitestProject, 'coverage', 'math.info'), 'TN:\nSF:src/math.ts\n  fn:1,add\nfnda:1,add\nFNF:1\nFNH:1\n  da:1,1\nDA:2,0\nLF:9\nLH:9\nBRF:0\nBRH:0\nend_of_record\n');
    writeGatesConfig(vitestProject, { gates: { coverage: { report: ['coverage/coverage-final.json', 'coverage/math.info'], metric: ['lines', 'functions'] } } });
    const run = await runGates(vitestProject, ['--only', 'coverage', '--format', 'json']);
    const { gates } = JSON.parse(run.stdout) as { gates: { measured: string; details: string[] }[] };
    expect(gates[0]?.measured).toBe('60.00% lines (9/15), 25.00% functions (1/4)');
    // src/math.ts (9/9 from the lcov) is above the threshold, so it is not among the least covered.
    expect(gates[0]?.details.at(-1)).toBe('least covered: src/legacy/format.ts 0.00% (0/6)');
  });

  it('statements asked of an lcov report is a configuration problem (exit 2), not a pass', async () => {
    writeGatesConfig(vitestProject, { gates: { coverage: { report: 'coverage/lcov.info', metric: 'statements' } } });
    const run = await runGates(vitestProject, ['--only', 'coverage']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'perf-standards gates: Test coverage: coverage/lcov.info has no statements counts (lcov and Cobertura have no statements, coverage.py no functions, and branches only from `coverage run --branch`); set gates.coverage.metric to what the report records\n',
    );
  });
});

describe('coverage gate on coverage.py reports', () => {
  it.each([
    ['coverage.json', '75.00% lines (9/12), 66.66% branches (4/6)'],
    ['coverage.xml', '75.00% lines (9/12), 66.66% branches (4/6)'],
  ])('%s', async (report: string, measured: string) => {
    writeGatesConfig(pythonProject, { gates: { coverage: { report, threshold: 70, metric: ['lines', 'branches'] } } });
    const run = await runGates(pythonProject, ['--only', 'coverage']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      stylishTable('≥ 70% lines, branches', measured, 'failed', report, ['all files: 66.66% branches (4/6) < 70%', 'least covered: shapes/area.py 75.00% (9/12)'], '1 failed'),
    );
  });

  it('coverage.py records no function counts: asking for them is exit 2', async () => {
    writeGatesConfig(pythonProject, { gates: { coverage: { report: 'coverage.json', metric: 'functions' } } });
    const run = await runGates(pythonProject, ['--only', 'coverage']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('coverage.json has no functions counts');
  });
});

describe('coverage gate: missing and unreadable reports, bad configuration', () => {
  it('a configured report that does not exist: exit 2, naming it and the command that writes it', async () => {
    writeGatesConfig(vitestProject, { gates: { coverage: { report: 'reports/lcov.info' } } });
    const run = await runGates(vitestProject);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'perf-standards gates: Test coverage: no coverage report matches reports/lcov.info; it is written by `npx vitest run --coverage --coverage.reporter=lcov` (Jest and c8: the lcov reporter)\n',
    );
  });

  it('a report that is not coverage: exit 2, naming it', async () => {
    writeFileSync(path.join(vitestProject, 'broken.json'), '{"total": 3');
    writeGatesConfig(vitestProject, { gates: { coverage: { report: 'broken.json' } } });
    const run = await runGates(vitestProject, ['--only', 'coverage']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^perf-standards gates: Test coverage: broken\.json: not valid JSON: .+; it is written by `npx vitest run --coverage` \(vitest writes it by default; Jest, c8, nyc: the json reporter\)\n$/u);
  });

  it('no report and no configuration: "no data", exit 0, never a pass', async () => {
    const empty = fixtureCopy('python-project');
    const run = await runGates(empty, ['--format', 'json']);
    expect(run.code).toBe(0);
    const coverage = (JSON.parse(run.stdout) as { gates: { gate: string; verdict: string; message: string }[] }).gates.find((gate) => gate.gate === 'coverage');
    expect(coverage?.verdict).toBe('no data');
    expect(coverage?.message).toBe(
      'no coverage report (looked for coverage/coverage-summary.json, coverage/coverage-final.json, coverage/lcov.info, coverage/cobertura-coverage.xml, coverage.xml, coverage.json); write one with `npx vitest run --coverage --coverage.reporter=json-summary` (Jest, c8, nyc: the json-summary reporter), or set gates.coverage.report',
    );
  });

  it("no report in a Python project: the hint is coverage.py's; with coverage.py's data file, how to turn it into a report; in a mixed project, both", async () => {
    const python = fixtureCopy('python-project');
    writeFileSync(path.join(python, 'pyproject.toml'), '[project]\nname = "shapes"\n');
    const message = async (): Promise<string | undefined> =>
      (JSON.parse((await runGates(python, ['--format', 'json'])).stdout) as { gates: { gate: string; message: string }[] }).gates.find((gate) => gate.gate === 'coverage')?.message;
    const looked = 'no coverage report (looked for coverage/coverage-summary.json, coverage/coverage-final.json, coverage/lcov.info, coverage/cobertura-coverage.xml, coverage.xml, coverage.json)';
    const coveragePy = 'write one with `python3 -m coverage run -m pytest && python3 -m coverage json` (coverage.py; with pytest-cov: `python3 -m pytest --cov --cov-report=json`)';
    expect(await message()).toBe(`${looked}; ${coveragePy}, or set gates.coverage.report`);
    writeFileSync(path.join(python, '.coverage'), '');
    expect(await message()).toBe(`${looked}; ${coveragePy} (.coverage is coverage.py's data, not a report: \`python3 -m coverage json\` writes coverage.json from it), or set gates.coverage.report`);
    writeFileSync(path.join(python, 'tsconfig.json'), '{}\n');
    expect(await message()).toBe(
      `${looked}; ${coveragePy} (.coverage is coverage.py's data, not a report: \`python3 -m coverage json\` writes coverage.json from it), or for the JavaScript with \`npx vitest run --coverage --coverage.reporter=json-summary\` (Jest, c8, nyc: the json-summary reporter), or set gates.coverage.report`,
    );
  });

  it.each([
    [{ gates: { coverage: { threshold: 120 } } }, 'perf-standards gates: perf-standards.config.json: "gates.coverage.threshold" must be <= 100\n'],
    [{ gates: { coverage: { treshold: 90 } } }, 'perf-standards gates: perf-standards.config.json: "gates.coverage" has an unknown key "treshold"\n'],
    [{ gates: { speed: {} } }, 'perf-standards gates: perf-standards.config.json: "gates" has an unknown key "speed"\n'],
    [{ gates: { coverage: { metric: 'paths' } } }, 'perf-standards gates: perf-standards.config.json: "gates.coverage.metric" must be equal to one of the allowed values\n'],
    [{ gates: { coverage: { report: '../elsewhere/lcov.info' } } }, 'perf-standards gates: gates.coverage.report: "../elsewhere/lcov.info" must be relative to the project root and stay inside it\n'],
  ])('invalid configuration %j: exit 2 with the key and the problem', async (config: unknown, stderr: string) => {
    writeGatesConfig(vitestProject, config);
    const run = await runGates(vitestProject);
    expect(run).toEqual({ code: 2, stdout: '', stderr });
  });

  it('a configuration that is not JSON: exit 2, never "unexpected error"', async () => {
    writeFileSync(path.join(vitestProject, 'perf-standards.config.json'), '{ "gates": ');
    const run = await runGates(vitestProject);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^perf-standards gates: perf-standards\.config\.json is not valid JSON: /u);
  });

  it.each([
    [['--only', 'coverage,speed'], 'perf-standards gates: --only: unknown gate "speed"; the gates are coverage, typeCoverage, bundleSize, regression, budgets, memory, accessibility\n'],
    [['--format', 'html'], 'perf-standards gates: unknown format "html"; the formats are stylish, json, markdown\n'],
    [['--budget'], 'perf-standards gates: unknown option --budget\n'],
  ])('%j: exit 2', async (args: readonly string[], stderr: string) => {
    expect(await runGates(vitestProject, args)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('coverage gate in a workspace package and as markdown', () => {
  it("a workspace package's own configuration adds its gates, named by its folder", async () => {
    const monorepo = fixtureCopy('python-project');
    writeFileSync(path.join(monorepo, 'package.json'), JSON.stringify({ private: true, workspaces: ['packages/*'] }));
    const web = path.join(monorepo, 'packages', 'web');
    mkdirSync(path.join(web, 'coverage'), { recursive: true });
    writeFileSync(path.join(web, 'coverage', 'coverage-summary.json'), readFileSync(path.join(vitestProject, 'coverage', 'coverage-summary.json')));
    writeGatesConfig(web, { gates: { coverage: { threshold: 40 } } });
    writeGatesConfig(monorepo, { gates: { coverage: false } });
    const run = await runGates(monorepo, ['--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| Test coverage (packages/web) | ≥ 40% lines | 40.00% lines (6/15) | ✅ passed | `packages/web/coverage/coverage-summary.json` |\n');
    expect(run.stdout).not.toContain('| Test coverage |');
  });

  it('markdown: heading with the overall verdict, the table, a section per gate with notes', async () => {
    writeGatesConfig(vitestProject, { gates: { coverage: { threshold: 50 } } });
    const run = await runGates(vitestProject, ['--only', 'coverage', '--format', 'markdown']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '## Quality gates: failed',
        '',
        '1 failed',
        '',
        '| Gate | Threshold | Measured | Verdict | Source |',
        '| --- | --- | --- | --- | --- |',
        '| Test coverage | ≥ 50% lines | 40.00% lines (6/15) | ❌ failed | `coverage/coverage-summary.json` |',
        '',
        '### Test coverage',
        '',
        '- all files: 40.00% lines (6/15) < 50%',
        '- least covered: src/legacy/format.ts 0.00% (0/6), src/math.ts 66.66% (6/9)',
        '',
      ].join('\n'),
    );
  });
});
