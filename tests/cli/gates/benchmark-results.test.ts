import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measure, resetPerformanceStats } from '../../../runtime/index.js';
import { performanceSnapshot } from '../../../runtime/snapshot.js';
import { readBenchmarkResults } from '../../../standards/quality-gates/benchmark-results.js';
import { fixtureCopy, removeFixtureCopies, runGates, writeGatesConfig } from './gates-harness.js';

// Results files written by the real tools (fixtures/gates/benchmark-results, made by
// bench/benchmark-result-fixtures.js: tinybench 2.9.0, Benchmark.js 2.1.4, pytest-benchmark 5.2.3), the same
// workload once and three times over. vitest bench's --outputJson is tested by running vitest bench itself
// (regression-gate.test.ts, new-user-flow.test.ts).

afterAll(removeFixtureCopies);

const fixture = (file: string): string => readFileSync(path.join('fixtures', 'gates', 'benchmark-results', file), 'utf8');

describe('benchmark results as the real tools write them', () => {
  it('tinybench 2: the median of the samples (its JSON has none), not the mean a few preempted iterations inflate', () => {
    const text = fixture('tinybench-baseline.json');
    const [task] = JSON.parse(text) as { result: { mean: number; samples: number[] } }[];
    const sorted = [...(task?.result.samples ?? [])].sort((a: number, b: number): number => a - b);
    const results = readBenchmarkResults(text, 'tinybench-baseline.json');
    expect(results.format).toBe('tinybench');
    expect([...results.benchmarks.keys()]).toEqual(['sum 2,000 numbers']);
    const read = results.benchmarks.get('sum 2,000 numbers');
    // 2,624 samples: the median is the mean of the 1,312th and 1,313th smallest; p75 the 1,968th.
    expect(sorted).toHaveLength(2624);
    expect(read?.timeMs).toBe(((sorted[1311] ?? 0) + (sorted[1312] ?? 0)) / 2);
    expect(read?.sdMs).toBe((1.2533 * ((sorted[1967] ?? 0) - (read?.timeMs ?? 0))) / 0.6745);
    expect(read?.samples).toBe(2624);
    // Why not the mean: in this real run it is more than six times the median.
    expect((task?.result.mean ?? 0) / (read?.timeMs ?? 1)).toBeGreaterThan(6);
  });

  it('Benchmark.js: the Suite as JSON.stringify(suite) writes it ({ 0: benchmark, length }), or an array of benchmarks; seconds become milliseconds', () => {
    const text = fixture('benchmark-js-slower.json');
    const suite = JSON.parse(text) as { length: number; 0: { stats: { mean: number; deviation: number; sample: number[] } } };
    expect(suite.length).toBe(1);
    const expected = { timeMs: suite[0].stats.mean * 1000, sdMs: suite[0].stats.deviation * 1000, samples: suite[0].stats.sample.length };
    const results = readBenchmarkResults(text, 'benchmark-js-slower.json');
    expect(results.format).toBe('benchmark.js');
    expect([...results.benchmarks]).toEqual([['sum 2,000 numbers', expected]]);
    const asArray = readBenchmarkResults(JSON.stringify([suite[0]]), 'array.json');
    expect([...asArray.benchmarks]).toEqual([['sum 2,000 numbers', expected]]);
  });

  it('pytest-benchmark: each test by its full name, the median and the upper quartile, seconds become milliseconds', () => {
    const text = fixture('pytest-benchmark-baseline.json');
    const { stats } = (JSON.parse(text) as { benchmarks: { stats: { median: number; q3: number; rounds: number; mean: number } }[] }).benchmarks[0] ?? { stats: { median: 0, q3: 0, rounds: 0, mean: 0 } };
    const results = readBenchmarkResults(text, 'pytest-benchmark-baseline.json');
    expect(results.format).toBe('pytest-benchmark');
    expect([...results.benchmarks]).toEqual([['test_sum.py::test_sum', { timeMs: stats.median * 1000, sdMs: (1.2533 * (stats.q3 * 1000 - stats.median * 1000)) / 0.6745, samples: stats.rounds }]]);
    expect(stats.mean / stats.median).toBeGreaterThan(3);
  });

  it("the runtime's snapshot: totalMs / count per metric, and no spread, so a stored comparison cannot decide", async () => {
    resetPerformanceStats();
    for (let call = 0; call < 50; call += 1) measure('orders/total', (): number => Array.from({ length: 500 }, (_, index: number): number => index).reduce((a: number, b: number): number => a + b, 0));
    const snapshot = performanceSnapshot();
    resetPerformanceStats();
    const stats = snapshot.metrics['orders/total'];
    const results = readBenchmarkResults(JSON.stringify(snapshot), 'performance-stats.json');
    expect(results.format).toBe('performance-snapshot');
    expect([...results.benchmarks]).toEqual([['orders/total', { timeMs: (stats?.totalMs ?? 0) / 50, sdMs: undefined, samples: 50 }]]);
    const project = fixtureCopy('benchmark-results');
    writeFileSync(path.join(project, 'performance-stats.json'), JSON.stringify(snapshot));
    writeGatesConfig(project, { gates: { regression: { baseline: 'performance-stats.json', report: 'performance-stats.json' } } });
    const run = await runGates(project, ['--only', 'regression']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\n    orders/total: inconclusive (+0.00% [−∞, +∞]: the results carry no standard deviation); run both sides interleaved (gates.regression.command with a git ref as baseline)\n');
  });
});

describe('regression gate on the real tools’ stored results', () => {
  const gate = async (baseline: string, report: string): Promise<string[]> => {
    const project = fixtureCopy('benchmark-results');
    writeGatesConfig(project, { gates: { regression: { baseline, report } } });
    const run = await runGates(project, ['--only', 'regression']);
    return [String(run.code), ...run.stdout.split('\n').slice(1, -3)];
  };

  it('three passes instead of one: failed, by each tool’s figures', async () => {
    expect(await gate('tinybench-baseline.json', 'tinybench-slower.json')).toEqual([
      '1',
      'Performance regression  ≤ 5% slower  +189.01% [+188.77%, +189.24%] sum 2,000 numbers  failed   tinybench-slower.json vs tinybench-baseline.json',
      '    sum 2,000 numbers: +189.01% [+188.77%, +189.24%], p < 0.0001, stored results, delta method: failed',
    ]);
    expect(await gate('benchmark-js-baseline.json', 'benchmark-js-slower.json')).toEqual([
      '1',
      'Performance regression  ≤ 5% slower  +208.76% [+162.03%, +263.84%] sum 2,000 numbers  failed   benchmark-js-slower.json vs benchmark-js-baseline.json',
      '    sum 2,000 numbers: +208.76% [+162.03%, +263.84%], p < 0.0001, stored results, delta method: failed',
    ]);
    expect(await gate('pytest-benchmark-baseline.json', 'pytest-benchmark-slower.json')).toEqual([
      '1',
      'Performance regression  ≤ 5% slower  +178.46% [+174.13%, +182.85%] test_sum.py::test_sum  failed   pytest-benchmark-slower.json vs pytest-benchmark-baseline.json',
      '    test_sum.py::test_sum: +178.46% [+174.13%, +182.85%], p < 0.0001, stored results, delta method: failed',
    ]);
  });

  it('a file against itself: passed; Benchmark.js’s 8 cycles are too few to rule out 5% from one run: inconclusive', async () => {
    expect(await gate('tinybench-baseline.json', 'tinybench-baseline.json')).toEqual([
      '0',
      'Performance regression  ≤ 5% slower  +0.00% [−0.11%, +0.11%] sum 2,000 numbers  passed   tinybench-baseline.json vs tinybench-baseline.json',
      '    sum 2,000 numbers: +0.00% [−0.11%, +0.11%], p = 0.5000, stored results, delta method: passed',
    ]);
    expect(await gate('pytest-benchmark-baseline.json', 'pytest-benchmark-baseline.json')).toEqual([
      '0',
      'Performance regression  ≤ 5% slower  +0.00% [−1.52%, +1.55%] test_sum.py::test_sum  passed   pytest-benchmark-baseline.json vs pytest-benchmark-baseline.json',
      '    test_sum.py::test_sum: +0.00% [−1.52%, +1.55%], p = 0.5000, stored results, delta method: passed',
    ]);
    expect(await gate('benchmark-js-baseline.json', 'benchmark-js-baseline.json')).toEqual([
      '0',
      'Performance regression  ≤ 5% slower  +0.00% [−17.46%, +21.15%] sum 2,000 numbers  inconclusive  benchmark-js-baseline.json vs benchmark-js-baseline.json',
      '    inconclusive: stored results cannot decide; run both sides interleaved',
      '    sum 2,000 numbers: inconclusive (+0.00% [−17.46%, +21.15%]); run both sides interleaved (gates.regression.command with a git ref as baseline)',
    ]);
  });
});
