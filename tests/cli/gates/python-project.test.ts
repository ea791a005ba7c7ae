import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import { execFileAsync, fixtureCopy, pythonWithCoverage, removeFixtureCopies, runGates, writeGatesConfig, type GatesRun } from './gates-harness.js';

// fixtures/gates/python-app: a pyproject.toml project whose pytest `addopts` write pytest-benchmark's JSON and
// whose coverage.py is configured, as a new user runs `init` and `gates` on it; with the real tools'
// output: coverage.py (Debian's python3-coverage) and pytest-benchmark (the PATH's python3).

async function runInit(cwd: string): Promise<GatesRun> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]): Writable => new Writable({ write: (chunk: Buffer, _encoding: BufferEncoding, done: () => void): void => void (chunks.push(chunk.toString()), done()) });
  const code = await main(['init', '--mcp', 'vscode'], { cwd, stdout: sink(out), stderr: sink(err) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let project = '';
// What init wrote, before the tests below rewrite the file.
let initGates: Record<string, Record<string, unknown>> = {};
const git = (...args: string[]): Promise<unknown> => execFileAsync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: project });
const config = (): { gates: Record<string, Record<string, unknown>> } => JSON.parse(readFileSync(path.join(project, 'perf-standards.config.json'), 'utf8')) as { gates: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  project = fixtureCopy('python-app');
  // What `npm i -D eslint-plugin-perf-standards eslint` leaves in a Python project.
  writeFileSync(path.join(project, 'package.json'), '{\n  "devDependencies": {\n    "eslint": "^9.7.0",\n    "eslint-plugin-perf-standards": "^0.1.0"\n  }\n}\n');
  writeFileSync(path.join(project, '.gitignore'), 'node_modules\n.perf-standards/\nbenchmark.json\n.coverage\ncoverage.json\n.pytest_cache\n__pycache__\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-qm', 'inventory');
});
afterAll(removeFixtureCopies);

describe('a Python project: init, then gates', () => {
  it('init configures the gates it detects: coverage.py, type coverage, pytest-benchmark against the main branch', async () => {
    const result = await runInit(project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((line: string): boolean => /perf-standards\.config\.json|gates\.regression|coverage\.py/u.test(line))).toEqual([
      'created perf-standards.config.json (gates: coverage, typeCoverage, regression)',
      'gates.regression.baseline is "main", a local branch (no origin/main here); in CI use the remote\'s branch, fetched: actions/checkout with fetch-depth: 0, or `git fetch origin main`.',
    ]);
    // The monitor's statements are the plugin's to test: left out of what coverage.py measures.
    expect(result.stdout).toContain("updated pyproject.toml ([tool.coverage.run] omit: inventory/performance_monitor.py, the monitor's tests are the plugin's)\n");
    expect(readFileSync(path.join(project, 'pyproject.toml'), 'utf8')).toMatch(/\n\[tool\.coverage\.run\]\nomit = \["inventory\/performance_monitor\.py"\]\nsource = \["inventory"\]\nbranch = true\n$/u);
    initGates = config().gates;
    expect(initGates).toEqual({
      coverage: { report: 'coverage.json', threshold: 90 },
      typeCoverage: { threshold: 95 },
      regression: { baseline: 'main', command: 'python3 -m pytest --benchmark-only --benchmark-json=benchmark.json', report: 'benchmark.json', threshold: 5 },
    });
  });

  it('before the reports exist: exit 2 naming the commands that write them, in Python terms', async () => {
    writeGatesConfig(project, { gates: { coverage: initGates['coverage'], budgets: {} } });
    const run = await runGates(project, ['--only', 'coverage,budgets']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'perf-standards gates: Test coverage: no coverage report matches coverage.json; it is written by `python3 -m coverage json` (coverage.py)',
        "perf-standards gates: Performance budgets: no performance snapshot matches .perf-standards/performance-stats*.json; write one with `write_performance_snapshot()` of the Python performance monitor (`from inventory.performance_monitor import write_performance_snapshot`), called after the monitored code ran (at the end of a pytest session: a session-scoped fixture's teardown, or the end of a staging run); pytest-benchmark's JSON has no p95 or p99: the regression gate reads it",
        '',
      ].join('\n'),
    );
  });

  it("coverage.py's real report, then type coverage: the figures the tools and require-explicit-types give", async () => {
    // The fixture as it is, without the monitor init wrote into its package (counted like any module).
    const fresh = fixtureCopy('python-app');
    writeGatesConfig(fresh, { gates: { coverage: initGates['coverage'] } });
    const python = await pythonWithCoverage();
    // Debian's Python has no pytest-benchmark: addopts' --benchmark-json is cleared for this run.
    await execFileAsync(python, ['-m', 'coverage', 'run', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-o', 'addopts=', 'tests/test_stock.py'], { cwd: fresh });
    await execFileAsync(python, ['-m', 'coverage', 'json'], { cwd: fresh });
    const run = await runGates(fresh, ['--only', 'coverage,typeCoverage']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'Gate           Threshold    Measured                   Verdict  Source',
        'Test coverage  ≥ 90% lines  76.47% lines (13/17)       failed   coverage.json',
        '    all files: 76.47% lines (13/17) < 90%',
        '    least covered: inventory/stock.py 76.47% (13/17)',
        'Type coverage  ≥ 95%        68.75% (11/16 in 4 files)  failed   **/*.py, **/*.pyi',
        '    least covered: tests/test_speed.py 50.00% (1/2), tests/test_stock.py 50.00% (1/2), inventory/stock.py 75.00% (9/12)',
        '    run `perf-standards check` for every missing annotation (require-explicit-types)',
        '',
        '2 failed',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it("pytest-benchmark's real results: the command init wrote writes the report the regression gate reads", async () => {
    const { command, report } = initGates['regression'] as { command: string; report: string };
    // Each run of the command is pytest's start and calibration (seconds on a loaded machine): one run,
    // compared with itself as a stored baseline. The interleaved rounds are the regression gate's tests'.
    await execFileAsync('sh', ['-c', command], { cwd: project });
    cpSync(path.join(project, report), path.join(project, 'baseline.json'));
    writeGatesConfig(project, { gates: { regression: { baseline: 'baseline.json', report } } });
    const run = await runGates(project, ['--only', 'regression', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const [result] = (JSON.parse(run.stdout) as { gates: { verdict: string; source: string; details: string[] }[] }).gates;
    expect(result?.verdict).toBe('passed');
    expect(result?.source).toBe('benchmark.json vs baseline.json');
    expect(result?.details.map((line: string): string => line.replace(/\[.*\]/u, '[…]'))).toEqual(['tests/test_speed.py::test_total_speed: +0.00% […], p = 0.5000, stored results, delta method: passed']);
    rmSync(path.join(project, 'baseline.json'));
  }, 120_000);

  it("the Python monitor init wrote: its write_performance_snapshot() is what the budgets gate reads", async () => {
    const script = [
      'from inventory.performance_monitor import performance_monitor, write_performance_snapshot',
      '',
      '@performance_monitor("api/stock.count")',
      'def count() -> int:',
      '    return 1',
      '',
      'for _ in range(100):',
      '    count()',
      'write_performance_snapshot()',
    ].join('\n');
    await execFileAsync('python3', ['-c', script], { cwd: project });
    writeGatesConfig(project, { gates: { budgets: {} } });
    const run = await runGates(project, ['--only', 'budgets']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe('Performance budgets  **/api/** p95 ≤ 100 ms; **/database/** p95 ≤ 50 ms  1 metric checked, 0 over budget  passed   .perf-standards/performance-stats.json');
    expect(run.stdout.split('\n')[2]).toBe('    **/database/**: no metric matches');
  });

  it("init on a setup.py + setup.cfg project with a src/ layout: pytest-cov's XML report, benchmarks run with the src folder on the path", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-init-setup-cfg-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{ "devDependencies": { "eslint": "^9.7.0", "eslint-plugin-perf-standards": "^0.1.0" } }\n');
      writeFileSync(path.join(dir, 'setup.py'), 'from setuptools import find_packages, setup\n\nsetup(\n    name="shop",\n    package_dir={"": "src"},\n    packages=find_packages("src"),\n    extras_require={"dev": ["pytest-benchmark", "pytest-cov"]},\n)\n');
      writeFileSync(path.join(dir, 'setup.cfg'), '[tool:pytest]\naddopts = --cov=shop --cov-report=xml:reports/coverage.xml\n');
      writeFileSync(path.join(dir, '.gitignore'), '*.egg-info\n');
      mkdirSync(path.join(dir, 'src', 'shop'), { recursive: true });
      writeFileSync(path.join(dir, 'src', 'shop', '__init__.py'), '');
      const result = await runInit(dir);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('created perf-standards.config.json (gates: coverage, typeCoverage, regression)\n');
      expect(result.stdout).toContain("Add .perf-standards/ to .gitignore: the regression gate's benchmark runs write .perf-standards/bench.json there.\n");
      expect((JSON.parse(readFileSync(path.join(dir, 'perf-standards.config.json'), 'utf8')) as { gates: unknown }).gates).toEqual({
        coverage: { report: 'reports/coverage.xml', threshold: 90 },
        typeCoverage: { threshold: 95 },
        regression: { baseline: 'origin/main', command: 'PYTHONPATH=src python3 -m pytest --benchmark-only --benchmark-json=.perf-standards/bench.json', report: '.perf-standards/bench.json', threshold: 5 },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('init on a project with vitest and coverage.py: the coverage gate reads both reports', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-init-mixed-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{ "devDependencies": { "eslint": "^9.7.0", "eslint-plugin-perf-standards": "^0.1.0", "vitest": "^4.1.0" } }\n');
      writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "tools"\n\n[tool.coverage.json]\noutput = "python-coverage.json"\n');
      const result = await runInit(dir);
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(readFileSync(path.join(dir, 'perf-standards.config.json'), 'utf8')) as { gates: unknown }).gates).toEqual({
        coverage: { report: ['coverage/coverage-final.json', 'python-coverage.json'], threshold: 90 },
        typeCoverage: { threshold: 95 },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
