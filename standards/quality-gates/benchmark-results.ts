import type { BenchmarkSummary } from './regression-statistics.js';

/** The result formats the regression gate reads. */
export type BenchmarkFormat = 'vitest-bench' | 'tinybench' | 'benchmark.js' | 'pytest-benchmark' | 'performance-snapshot';

/** A results file's benchmarks by name (mean time per iteration in milliseconds). */
export interface BenchmarkResults {
  readonly format: BenchmarkFormat;
  readonly benchmarks: ReadonlyMap<string, BenchmarkSummary>;
}

/**
 * Content that is none of the formats; the message says what was expected.
 * @complexity O(1) to construct.
 */
export class BenchmarkFormatError extends Error {
  override readonly name = 'BenchmarkFormatError';
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function summary(timeMs: number | undefined, sdMs: number | undefined, samples: number | undefined): BenchmarkSummary | undefined {
  return timeMs === undefined || timeMs <= 0 ? undefined : { timeMs, sdMs, samples };
}

// Iteration times are heavy-tailed (a GC pause or a preemption costs a thousand iterations' time), so a mean's
// standard deviation is dominated by a few outliers. Where a format gives the median and the 75th
// percentile, the median is the typical time, and its standard error comes from the interquartile spread:
// σ̂ = (p75 − median) / 0.6745 (the normal's quartile), SE(median) = 1.2533 · σ̂ / √n (its asymptotic
// efficiency), so the spread handed on is 1.2533 · σ̂.
function robust(median: number | undefined, p75: number | undefined, samples: number | undefined): BenchmarkSummary | undefined {
  if (median === undefined || p75 === undefined || p75 < median) return undefined;
  return summary(median, (1.2533 * (p75 - median)) / 0.6745, samples);
}

// vitest bench --outputJson: { files: [{ filepath, groups: [{ fullName, benchmarks: [{ name, mean, sd, median, p75, sampleCount }] }] }] }, ms.
function vitestBench(json: Json): Map<string, BenchmarkSummary> {
  const results = new Map<string, BenchmarkSummary>();
  for (const file of json['files'] as readonly Json[]) {
    for (const group of (file['groups'] as readonly Json[] | undefined) ?? []) {
      for (const bench of (group['benchmarks'] as readonly Json[] | undefined) ?? []) {
        const samples = num(bench['sampleCount']);
        const entry = robust(num(bench['median']), num(bench['p75']), samples) ?? summary(num(bench['mean']), num(bench['sd']), samples);
        if (entry !== undefined) results.set(`${String(group['fullName'])} > ${String(bench['name'])}`, entry);
      }
    }
  }
  return results;
}

// The median and 75th percentile of per-iteration times, as vitest computes them for its JSON: the middle
// sample (the mean of the two middle ones for an even count) and the ⌈0.75·n⌉th smallest, tinybench's p75.
function samplePercentiles(samples: readonly unknown[]): { readonly median: number; readonly p75: number } | undefined {
  const sorted = samples.filter((value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a: number, b: number): number => a - b);
  const count = sorted.length;
  if (count === 0) return undefined;
  const half = Math.floor(count / 2);
  const median = count % 2 === 1 ? (sorted[half] as number) : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
  return { median, p75: sorted[Math.ceil(count * 0.75) - 1] as number };
}

// tinybench tasks as JSON: [{ name, result: { mean, sd, p75, samples } }] (v2, ms) or result.latency (v3+,
// ms, with p50 and p75). The median is compared, as for vitest bench: tinybench 2's JSON has no median, so
// it comes from the samples (in 2.9.0's real output, a mean of 6.3× the median: a few preempted iterations).
function tinybench(list: readonly Json[]): Map<string, BenchmarkSummary> {
  const results = new Map<string, BenchmarkSummary>();
  for (const task of list) {
    const result = task['result'] as Json;
    const latency = isObject(result['latency']) ? result['latency'] : result;
    const samples = Array.isArray(latency['samples']) && latency['samples'].length > 0 ? latency['samples'].length : num(latency['samplesCount'] ?? latency['samples']);
    const fromSamples = Array.isArray(latency['samples']) ? samplePercentiles(latency['samples']) : undefined;
    const entry =
      robust(num(latency['p50']), num(latency['p75']), samples) ??
      (fromSamples === undefined ? undefined : robust(fromSamples.median, fromSamples.p75, samples)) ??
      summary(num(latency['mean']), num(latency['sd']), samples);
    if (entry !== undefined) results.set(String(task['name']), entry);
  }
  return results;
}

// Benchmark.js benchmarks as JSON: [{ name, stats: { mean, deviation, sample } }], seconds; either an array
// of benchmarks or the Suite itself (`JSON.stringify(suite)`: { 0: benchmark, …, length }). Each sample is
// the mean of a cycle of many iterations, so the mean of the samples is not dominated by single outliers.
function benchmarkJs(list: readonly Json[]): Map<string, BenchmarkSummary> {
  const results = new Map<string, BenchmarkSummary>();
  for (const bench of list) {
    const stats = bench['stats'] as Json;
    const mean = num(stats['mean']);
    const deviation = num(stats['deviation']);
    const entry = summary(mean === undefined ? undefined : mean * 1000, deviation === undefined ? undefined : deviation * 1000, Array.isArray(stats['sample']) ? stats['sample'].length : undefined);
    if (entry !== undefined) results.set(String(bench['name']), entry);
  }
  return results;
}

// pytest-benchmark --benchmark-json: { benchmarks: [{ fullname, stats: { mean, stddev, median, q3, rounds } }] },
// seconds. The median is compared, as for vitest bench (in 5.2.3's real output the mean was 3.1× the median).
function pytestBenchmark(json: Json): Map<string, BenchmarkSummary> {
  const results = new Map<string, BenchmarkSummary>();
  const ms = (value: unknown): number | undefined => (num(value) === undefined ? undefined : (value as number) * 1000);
  for (const bench of json['benchmarks'] as readonly Json[]) {
    const stats = bench['stats'] as Json;
    const rounds = num(stats['rounds']);
    const entry = robust(ms(stats['median']), ms(stats['q3']), rounds) ?? summary(ms(stats['mean']), ms(stats['stddev']), rounds);
    if (entry !== undefined) results.set(String(bench['fullname'] ?? bench['name']), entry);
  }
  return results;
}

// The runtime's snapshot (or bare performanceStats()): mean = totalMs / count; no standard deviation.
function performanceSnapshot(metrics: Json): Map<string, BenchmarkSummary> {
  const results = new Map<string, BenchmarkSummary>();
  for (const [name, figures] of Object.entries(metrics)) {
    if (!isObject(figures)) continue;
    const count = num(figures['count']);
    const total = num(figures['totalMs']);
    const entry = summary(count === undefined || total === undefined || count === 0 ? undefined : total / count, undefined, count);
    if (entry !== undefined) results.set(name, entry);
  }
  return results;
}

// A Benchmark.js Suite as JSON.stringify writes it: its benchmarks under "0" … "length − 1".
function benchmarkJsSuite(json: Json): readonly Json[] | undefined {
  const length = num(json['length']);
  if (length === undefined || length < 1 || !Number.isInteger(length)) return undefined;
  const benchmarks = Array.from({ length }, (_: unknown, index: number): unknown => json[String(index)]);
  return benchmarks.every((entry: unknown): boolean => isObject(entry) && isObject(entry['stats'])) ? (benchmarks as Json[]) : undefined;
}

/**
 * Reads a benchmark results file of any supported format, told apart by its shape: vitest bench
 * `--outputJson`, tinybench tasks (`bench.tasks.map(({ name, result }) => ({ name, result }))`), Benchmark.js
 * benchmarks (an array, or the Suite as `JSON.stringify(suite)` writes it), pytest-benchmark
 * `--benchmark-json`, or the runtime's performance snapshot. Times become milliseconds per iteration: the
 * median where the format gives it or its samples (vitest bench, tinybench, pytest-benchmark), with a spread
 * from the interquartile range; else the mean and standard deviation (Benchmark.js's per-cycle means, the
 * snapshot's totalMs / count). Throws a BenchmarkFormatError naming `label` for anything else.
 * @complexity O(size of the results).
 */
export function readBenchmarkResults(text: string, label: string): BenchmarkResults {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new BenchmarkFormatError(`${label}: not valid JSON: ${(error as Error).message}`);
  }
  if (isObject(json) && Array.isArray(json['files'])) return { format: 'vitest-bench', benchmarks: vitestBench(json) };
  if (isObject(json) && Array.isArray(json['benchmarks'])) return { format: 'pytest-benchmark', benchmarks: pytestBenchmark(json) };
  if (isObject(json) && json['format'] === 'perf-standards.performance-snapshot' && isObject(json['metrics'])) {
    return { format: 'performance-snapshot', benchmarks: performanceSnapshot(json['metrics']) };
  }
  if (Array.isArray(json) && json.every(isObject)) {
    if (json.every((entry: Json): boolean => isObject(entry['result']))) return { format: 'tinybench', benchmarks: tinybench(json) };
    if (json.every((entry: Json): boolean => isObject(entry['stats']))) return { format: 'benchmark.js', benchmarks: benchmarkJs(json) };
  }
  const suite = isObject(json) ? benchmarkJsSuite(json) : undefined;
  if (suite !== undefined) return { format: 'benchmark.js', benchmarks: benchmarkJs(suite) };
  if (isObject(json) && Object.values(json).length > 0 && Object.values(json).every((value: unknown): boolean => isObject(value) && typeof value['totalMs'] === 'number')) {
    return { format: 'performance-snapshot', benchmarks: performanceSnapshot(json) };
  }
  throw new BenchmarkFormatError(
    `${label}: not benchmark results this gate reads (vitest bench --outputJson, tinybench or Benchmark.js results as JSON, pytest-benchmark --benchmark-json, a performance snapshot)`,
  );
}
