import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { measure, monitored, performanceStats, setPerformanceSink } from '../../runtime/index.js';
import { DEFAULT_BUCKET_BOUNDARIES_MS, openTelemetrySink } from '../../runtime/opentelemetry.js';

let time = 0;
let exporter: InMemoryMetricExporter;
let reader: PeriodicExportingMetricReader;
let provider: MeterProvider;

beforeEach(() => {
  time = 0;
  vi.spyOn(performance, 'now').mockImplementation((): number => time);
  exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when flushed: the interval is longer than any test.
  reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  provider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(provider);
});

afterEach(async () => {
  vi.restoreAllMocks();
  setPerformanceSink(undefined);
  metrics.disable();
  await provider.shutdown();
});

/** The metrics exported so far, flattened over resources and scopes. */
async function exported(): Promise<MetricData[]> {
  await reader.forceFlush();
  return exporter
    .getMetrics()
    .at(-1)
    ?.scopeMetrics.flatMap((scope: { readonly metrics: MetricData[] }): MetricData[] => scope.metrics) ?? [];
}

/** Each data point of a histogram as its attributes, count, sum, min, max and bucket counts. */
function points(metric: MetricData | undefined): unknown[] {
  if (metric?.dataPointType !== DataPointType.HISTOGRAM) throw new Error(`not a histogram: ${metric?.descriptor.name}`);
  return (metric.dataPoints as DataPoint<Histogram>[]).map((point: DataPoint<Histogram>): unknown => ({
    attributes: point.attributes,
    count: point.value.count,
    sum: point.value.sum,
    min: point.value.min,
    max: point.value.max,
    boundaries: point.value.buckets.boundaries,
    counts: point.value.buckets.counts,
  }));
}

describe('openTelemetrySink with the real @opentelemetry/api and an in-memory reader', () => {
  it('records every call into one histogram in ms, by name, errors marked with error.type', async () => {
    setPerformanceSink(openTelemetrySink(metrics.getMeter('checkout-service')));
    const load = monitored('services/cart.load', async (fail: boolean): Promise<string> => {
      await null;
      time += 40;
      if (fail) throw new Error('database down');
      return 'cart';
    });
    await expect(load(false)).resolves.toBe('cart');
    await expect(load(true)).rejects.toThrow('database down');
    measure('core/price', (): void => {
      time += 0.375;
    });
    expect(performanceStats()).toEqual({});

    const [metric, ...others] = await exported();
    expect(others).toEqual([]);
    expect(metric?.descriptor).toMatchObject({
      name: 'perf_standards.function.duration',
      unit: 'ms',
      description: 'Duration of the calls measured by monitored() and measure().',
    });
    const zeros = DEFAULT_BUCKET_BOUNDARIES_MS.map((): number => 0).concat(0);
    const inBucket = (bucket: number): number[] => zeros.map((zero: number, index: number): number => (index === bucket ? 1 : zero));
    expect(points(metric)).toEqual([
      { attributes: { 'code.function.name': 'services/cart.load' }, count: 1, sum: 40, min: 40, max: 40, boundaries: [...DEFAULT_BUCKET_BOUNDARIES_MS], counts: inBucket(8) },
      { attributes: { 'code.function.name': 'services/cart.load', 'error.type': '_OTHER' }, count: 1, sum: 40, min: 40, max: 40, boundaries: [...DEFAULT_BUCKET_BOUNDARIES_MS], counts: inBucket(8) },
      { attributes: { 'code.function.name': 'core/price' }, count: 1, sum: 0.375, min: 0.375, max: 0.375, boundaries: [...DEFAULT_BUCKET_BOUNDARIES_MS], counts: inBucket(2) },
    ]);
  });

  it('takes the histogram name, description, name attribute and boundaries from its options', async () => {
    setPerformanceSink(
      openTelemetrySink(provider.getMeter('custom'), {
        histogramName: 'app.call.duration',
        description: 'calls',
        nameAttribute: 'app.operation',
        bucketBoundariesMs: [1, 10],
      }),
    );
    for (const duration of [0.5, 5, 50, 5]) {
      measure('sync', (): void => {
        time += duration;
      });
    }
    const [metric] = await exported();
    expect(metric?.descriptor).toMatchObject({ name: 'app.call.duration', description: 'calls', unit: 'ms' });
    expect(points(metric)).toEqual([
      { attributes: { 'app.operation': 'sync' }, count: 4, sum: 60.5, min: 0.5, max: 50, boundaries: [1, 10], counts: [1, 2, 1] },
    ]);
  });
});
