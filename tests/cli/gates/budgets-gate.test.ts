import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measure, performanceStats, resetPerformanceStats } from '../../../runtime/index.js';
import { writePerformanceSnapshot } from '../../../runtime/snapshot.js';
import { runGates, writeGatesConfig } from './gates-harness.js';

// The snapshot is written by the runtime's own call, from measurements whose durations a hand-moved clock
// sets: 90 calls of api/orders.list at 20 ms and 10 at 130 ms; 50 of database/select at 30 ms; 5 of
// cache/get at 400 ms (no budget names it).
const project = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-budgets-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

beforeAll(async () => {
  let now = 0;
  let duration = 0;
  const spy = vi.spyOn(performance, 'now').mockImplementation((): number => {
    now += duration;
    return now;
  });
  resetPerformanceStats();
  const calls = (name: string, count: number, ms: number): void => {
    for (let index = 0; index < count; index += 1) {
      duration = ms; // each reading of the clock moves it on by one call's duration
      measure(name, (): number => index);
    }
  };
  calls('api/orders.list', 90, 20);
  calls('api/orders.list', 10, 130);
  calls('database/select', 50, 30);
  calls('cache/get', 5, 400);
  const cwd = process.cwd();
  process.chdir(project);
  try {
    await writePerformanceSnapshot();
    // What a browser sends its server: performanceStats() as JSON, no envelope.
    mkdirSync(path.join(project, 'browser'));
    writeFileSync(path.join(project, 'browser', 'stats.json'), JSON.stringify(performanceStats()));
  } finally {
    process.chdir(cwd);
    spy.mockRestore();
    resetPerformanceStats();
  }
});

describe('budgets gate on a snapshot written by writePerformanceSnapshot()', () => {
  it("default budgets (the standards' API p95 100 ms, database p95 50 ms): the API metric fails", async () => {
    const run = await runGates(project, ['--only', 'budgets', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).gates).toEqual([
      {
        gate: 'budgets',
        title: 'Performance budgets',
        verdict: 'failed',
        threshold: '**/api/** p95 ≤ 100 ms; **/database/** p95 ≤ 50 ms',
        measured: '2 metrics checked, 1 over budget',
        source: '.perf-standards/performance-stats.json',
        details: ['api/orders.list: p95 130 ms > 100 ms (**/api/**, 100 calls)'],
      },
    ]);
  });

  it('configured budgets: every percentile limit is checked, globs without a metric are named', async () => {
    writeGatesConfig(project, { gates: { budgets: { metrics: { 'api/**': { p50Ms: 25, p99Ms: 200 }, 'cache/*': { p95Ms: 300 }, 'queue/**': { p95Ms: 5 } } } } });
    const run = await runGates(project, ['--only', 'budgets']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('    cache/get: p95 400 ms > 300 ms (cache/*, 5 calls)\n    queue/**: no metric matches\n');
    writeGatesConfig(project, { gates: { budgets: { metrics: { 'api/**': { p50Ms: 25, p99Ms: 200 } } } } });
    const passing = await runGates(project, ['--only', 'budgets']);
    expect(passing.code).toBe(0);
    expect(passing.stdout.split('\n')[1]).toMatch(/^Performance budgets {2}api\/\*\* p50 ≤ 25 ms, p99 ≤ 200 ms {2}1 metric checked, 0 over budget {2}passed {3}\.perf-standards\/performance-stats\.json$/u);
    rmSync(path.join(project, 'perf-standards.config.json'));
  });

  it("a bare performanceStats() object (a browser's) is read the same way", async () => {
    writeGatesConfig(project, { gates: { budgets: { report: 'browser/stats.json' } } });
    const run = await runGates(project, ['--only', 'budgets']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('    api/orders.list: p95 130 ms > 100 ms (**/api/**, 100 calls)\n');
    rmSync(path.join(project, 'perf-standards.config.json'));
  });

  it('no snapshot: no data, naming the call that writes one; a configured report that is missing: exit 2', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-budgets-empty-'));
    try {
      const run = await runGates(empty, ['--format', 'json']);
      const budgets = (JSON.parse(run.stdout) as { gates: { gate: string; verdict: string; message: string }[] }).gates.find((gate) => gate.gate === 'budgets');
      expect(budgets?.verdict).toBe('no data');
      expect(budgets?.message).toBe(
        "no performance snapshot matches .perf-standards/performance-stats*.json; write one with `writePerformanceSnapshot()` from 'eslint-plugin-perf-standards/runtime/snapshot', called after the monitored code ran (a test setup file's afterAll, or the end of a staging run)",
      );
      // A Python project: the Python monitor's own function, where init puts the monitor.
      writeFileSync(path.join(empty, 'setup.py'), 'from setuptools import setup\n\nsetup(name="shop", packages=["shop"])\n');
      const python = await runGates(empty, ['--format', 'json']);
      expect((JSON.parse(python.stdout) as { gates: { gate: string; message: string }[] }).gates.find((gate) => gate.gate === 'budgets')?.message).toBe(
        "no performance snapshot matches .perf-standards/performance-stats*.json; write one with `write_performance_snapshot()` of the Python performance monitor (`perf-standards init` writes it as <package>/performance_monitor.py), called after the monitored code ran (at the end of a pytest session: a session-scoped fixture's teardown, or the end of a staging run); pytest-benchmark's JSON has no p95 or p99: the regression gate reads it",
      );
      rmSync(path.join(empty, 'setup.py'));
      writeGatesConfig(empty, { gates: { budgets: { report: 'stats/staging.json' } } });
      const missing = await runGates(empty, ['--only', 'budgets']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^perf-standards gates: Performance budgets: no performance snapshot matches stats\/staging\.json; write one with /u);
      mkdirSync(path.join(empty, 'stats'));
      writeFileSync(path.join(empty, 'stats', 'staging.json'), '{"api/x": {"count": 1}}');
      const broken = await runGates(empty, ['--only', 'budgets']);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/^perf-standards gates: Performance budgets: stats\/staging\.json is not a performance snapshot \(performanceSnapshot\(\) or performanceStats\(\) as JSON\); it is written by /u);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
