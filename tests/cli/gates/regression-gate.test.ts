import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideRegression, plannedRounds, roundsNeeded, standardDeviationUpperBound } from '../../../standards/quality-gates/regression-statistics.js';
import { CLI_BIN, REPO_ROOT } from '../../run-node.js';
import { execFileAsync, fixtureCopy, removeFixtureCopies, runGates, writeGatesConfig } from './gates-harness.js';

afterAll(removeFixtureCopies);

describe('the decision on per-round ratios', () => {
  it('a clear 10% slowdown fails, no change passes, a wide interval is inconclusive with the rounds it needs', () => {
    expect(decideRegression([1.1, 1.09, 1.11, 1.1, 1.1], 5).verdict).toBe('failed');
    expect(decideRegression([1.0, 1.01, 0.99, 1.0, 1.0], 5).verdict).toBe('passed');
    // A significant 2% slowdown whose interval stays below 5%: within the threshold, passed.
    expect(decideRegression([1.02, 1.021, 1.019, 1.02, 1.02], 5).verdict).toBe('passed');
    const ratios = [1.2, 0.85, 1.1, 0.9, 1.05];
    const logs = ratios.map(Math.log);
    const center = logs.reduce((a, b) => a + b) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - center) ** 2, 0) / (logs.length - 1));
    const noisy = decideRegression(ratios, 5);
    expect(noisy.verdict).toBe('inconclusive');
    // Planned from the deviation's 80% upper bound, sd · √(4 / χ²₀.₂₀,₄) with χ²₀.₂₀,₄ = 1.6488, not from sd itself.
    expect(standardDeviationUpperBound(sd, 4)).toBeCloseTo(sd * Math.sqrt(4 / 1.6487766), 6);
    expect(noisy.roundsNeeded).toBe(plannedRounds(ratios, 5));
    expect(noisy.roundsNeeded).toBe(roundsNeeded(standardDeviationUpperBound(sd, 4), 5));
    // ((z₀.₉₉₅ + z₀.₉₀) · sd_upper / ln 1.05)², z₀.₉₉₅ = 2.5758, against the estimate alone.
    expect(noisy.roundsNeeded).toBe(Math.ceil(((2.5758293 + 1.2815516) * sd * Math.sqrt(4 / 1.6487766) / Math.log(1.05)) ** 2));
    expect(noisy.roundsNeeded).toBe(310);
    expect(roundsNeeded(sd, 5)).toBe(128);
    // At least the 10-round pilot.
    expect(roundsNeeded(0.03, 5)).toBe(10);
    expect(roundsNeeded(0.1, 5)).toBe(63);
  });
});

describe('regression gate: both trees run interleaved, the baseline a git ref in a temporary worktree', () => {
  let project = '';
  const git = (...args: string[]): Promise<unknown> => execFileAsync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: project });

  beforeAll(async () => {
    project = fixtureCopy('regression');
    writeFileSync(path.join(project, '.gitignore'), 'node_modules\n.runs\nresults.json\nperf-standards.config.json\nnoise.json\n');
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'baseline: 10 ms');
    writeGatesConfig(project, { gates: { regression: { baseline: 'HEAD', command: 'node bench.mjs', report: 'results.json' } } });
  });

  const gate = async (meanMs: number, args: readonly string[] = []): Promise<{ code: number; stdout: string; stderr: string }> => {
    writeFileSync(path.join(project, 'work.json'), JSON.stringify({ meanMs }));
    rmSync(path.join(project, '.runs'), { force: true });
    return runGates(project, ['--only', 'regression', ...args]);
  };

  it('a 10% slower tree fails, with the change, its 99% interval and the test', async () => {
    const run = await gate(11);
    expect(run.code).toBe(1);
    // How far it is, on stderr (stdout may be a step summary): the pilot decided it, so no more rounds.
    expect(run.stderr).toBe('perf-standards gates: Performance regression: running `node bench.mjs` on the current tree and on HEAD, in turn: a 10-round pilot, then the rounds the noise needs (at most 80)\n');
    expect(run.stdout).toBe(
      [
        'Gate                    Threshold    Measured                               Verdict  Source',
        'Performance regression  ≤ 5% slower  +9.81% [+8.42%, +11.22%] parse orders  failed   results.json: current vs HEAD, interleaved',
        '    parse orders: +9.81% [+8.42%, +11.22%], p < 0.0001, 10 rounds, t-test on per-round ratios: failed',
        '',
        '1 failed',
        '',
      ].join('\n'),
    );
  });

  it('the same tree passes, and the temporary worktree is gone afterwards', async () => {
    const run = await gate(10);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('    parse orders: −0.17% [−1.43%, +1.11%], p = 0.6637, 10 rounds, t-test on per-round ratios: passed\n');
    const { stdout } = (await execFileAsync('git', ['worktree', 'list'], { cwd: project })) as { stdout: string };
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('noise too large for the rounds allowed: inconclusive, saying how many more rounds are needed', async () => {
    writeFileSync(path.join(project, 'noise.json'), JSON.stringify({ amplitude: 0.2 }));
    writeGatesConfig(project, { gates: { regression: { baseline: 'HEAD', command: 'node bench.mjs', report: 'results.json', maxRounds: 12 } } });
    try {
      const run = await gate(10, ['--format', 'json']);
      expect(run.code).toBe(0);
      // After the pilot, the progress says what the noise needs, that the cap stops it, and the time left.
      expect(run.stderr).toMatch(
        /^perf-standards gates: Performance regression: running `node bench\.mjs` on the current tree and on HEAD, in turn: a 10-round pilot, then the rounds the noise needs \(at most 12\)\nperf-standards gates: Performance regression: 10 rounds in \d+ s; the noise needs \d{3,}, more than gates\.regression\.maxRounds: running 12: about \d+ s more\n$/u,
      );
      const [result] = (JSON.parse(run.stdout) as { gates: { verdict: string; message: string; details: string[] }[] }).gates;
      expect(result?.verdict).toBe('inconclusive');
      expect(result?.message).toMatch(/^inconclusive: \d+ more rounds needed \(raise gates\.regression\.maxRounds to at least \d+\)$/u);
      expect(result?.details[0]).toMatch(/^parse orders: inconclusive: \d+ more rounds needed \([−+]\d+\.\d\d% \[[−+]\d+\.\d\d%, [−+]\d+\.\d\d%\], 12 rounds, t-test on per-round ratios\)$/u);
    } finally {
      rmSync(path.join(project, 'noise.json'));
      writeGatesConfig(project, { gates: { regression: { baseline: 'HEAD', command: 'node bench.mjs', report: 'results.json' } } });
    }
  });

  it('interrupted (SIGTERM, as a cancelled CI job): the temporary worktree is removed before the process ends', async () => {
    writeFileSync(path.join(project, 'work.json'), JSON.stringify({ meanMs: 10 }));
    const child = spawn(process.execPath, [CLI_BIN, 'gates', '--only', 'regression'], { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
    // The first progress line is written once the worktree exists.
    await new Promise<void>((resolve: () => void): void => {
      child.stderr.on('data', (): void => resolve());
    });
    const during = ((await execFileAsync('git', ['worktree', 'list', '--porcelain'], { cwd: project })) as { stdout: string }).stdout;
    const temporary = /^worktree (.+perf-standards-baseline-[^\n]+)$/mu.exec(during)?.[1] ?? '';
    expect(existsSync(temporary)).toBe(true);
    child.kill('SIGTERM');
    const signal = await new Promise<NodeJS.Signals | null>((resolve: (signal: NodeJS.Signals | null) => void): void => {
      child.on('exit', (_code: number | null, ended: NodeJS.Signals | null): void => resolve(ended));
    });
    expect(signal).toBe('SIGTERM');
    const { stdout } = (await execFileAsync('git', ['worktree', 'list'], { cwd: project })) as { stdout: string };
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.dirname(temporary))).toBe(false);
  });

  it('a baseline that is neither a file nor a ref, and a failing command: exit 2 naming them', async () => {
    const unknown = await gate(10, ['--baseline', 'no-such-branch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'perf-standards gates: Performance regression: baseline "no-such-branch" is neither a results file in the project nor a git ref of this repository; fetch it (in GitHub Actions: actions/checkout with fetch-depth: 0), or set gates.regression.baseline (or --baseline) to a ref that exists (`git branch -a` lists them)\n',
    );
    writeGatesConfig(project, { gates: { regression: { baseline: 'HEAD', command: 'node missing.mjs', report: 'results.json' } } });
    const failing = await gate(10);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(
      /^perf-standards gates: Performance regression: running `node missing\.mjs` on the current tree and on HEAD, in turn: a 10-round pilot, then the rounds the noise needs \(at most 80\)\nperf-standards gates: Performance regression: the benchmark command `node missing\.mjs` failed on the baseline tree \(exit 1\); its output ends:\n/u,
    );
    writeGatesConfig(project, { gates: { regression: { baseline: 'HEAD', command: 'node bench.mjs', report: 'results.json' } } });
  });
});

describe('regression gate: stored vitest bench --outputJson results', () => {
  let project = '';
  beforeAll(async () => {
    project = fixtureCopy('vitest-bench');
    await execFileAsync(process.execPath, [path.join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'bench', '--run', '--outputJson', 'baseline.json'], { cwd: project });
  }, 120_000);

  it('the same results against themselves: no change, passed', async () => {
    cpSync(path.join(project, 'baseline.json'), path.join(project, 'current.json'));
    writeGatesConfig(project, { gates: { regression: { baseline: 'baseline.json', report: 'current.json' } } });
    const run = await runGates(project, ['--only', 'regression', '--format', 'json']);
    expect(run.code).toBe(0);
    const [result] = (JSON.parse(run.stdout) as { gates: { verdict: string; details: string[]; source: string }[] }).gates;
    expect(result?.verdict).toBe('passed');
    expect(result?.source).toBe('current.json vs baseline.json');
    expect(result?.details.map((line: string): string => line.replace(/\[.*\]/u, '[…]'))).toEqual([
      'orders.bench.ts > orders > total with a loop: +0.00% […], p = 0.5000, stored results, delta method: passed',
      'orders.bench.ts > orders > total with reduce: +0.00% […], p = 0.5000, stored results, delta method: passed',
    ]);
  });

  it('every mean 30% higher: failed', async () => {
    const results = JSON.parse(readFileSync(path.join(project, 'baseline.json'), 'utf8')) as { files: { groups: { benchmarks: Record<string, number>[] }[] }[] };
    for (const file of results.files) {
      for (const group of file.groups) {
        for (const bench of group.benchmarks) for (const key of ['mean', 'median', 'p75', 'sd']) bench[key] = (bench[key] ?? 0) * 1.3;
      }
    }
    writeFileSync(path.join(project, 'current.json'), JSON.stringify(results));
    const run = await runGates(project, ['--only', 'regression']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ {4}orders\.bench\.ts > orders > total with a loop: \+30\.00% \[\+\d+\.\d\d%, \+\d+\.\d\d%\], p < 0\.0001, stored results, delta method: failed\n/u);
  });

  it('no baseline configured: no data, saying how to give one', async () => {
    writeGatesConfig(project, {});
    const run = await runGates(project, ['--format', 'json']);
    expect((JSON.parse(run.stdout) as { gates: { gate: string; verdict: string; message: string }[] }).gates.find((gate) => gate.gate === 'regression')).toMatchObject({
      verdict: 'no data',
      message: 'no baseline; set gates.regression.baseline (a git ref such as "origin/main", or a stored results file) or pass --baseline',
    });
    // A Python project: pytest-benchmark's run, writing where its pytest configuration says.
    writeFileSync(path.join(project, 'pyproject.toml'), '[tool.pytest.ini_options]\naddopts = "--benchmark-json=.benchmarks/last.json"\n');
    const python = await runGates(project, ['--format', 'json']);
    rmSync(path.join(project, 'pyproject.toml'));
    expect((JSON.parse(python.stdout) as { gates: { gate: string; message: string }[] }).gates.find((gate) => gate.gate === 'regression')?.message).toBe(
      'no baseline; set gates.regression.baseline (a git ref such as "origin/main", or a stored results file) or pass --baseline; for pytest-benchmark, gates.regression.command "python3 -m pytest --benchmark-only --benchmark-json=.benchmarks/last.json" and report ".benchmarks/last.json" (`perf-standards init` writes them)',
    );
  });
});

