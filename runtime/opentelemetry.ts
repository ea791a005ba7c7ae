// The OpenTelemetry adapter (`eslint-plugin-perf-standards/runtime/opentelemetry`): a sink that records into an
// OTel histogram. It imports only types from `@opentelemetry/api` (an optional peer dependency): the caller
// passes the Meter, so this entry loads even where the API is not installed.
import type { Attributes, Histogram, Meter } from '@opentelemetry/api';
import type { PerformanceSink } from './monitor.js';

/** How the OpenTelemetry sink names its histogram and its attributes. */
export interface OpenTelemetrySinkOptions {
  /** The histogram's name; default `"perf_standards.function.duration"`. */
  readonly histogramName?: string;
  /** The histogram's description. */
  readonly description?: string;
  /** The attribute that carries the measured name; default `"code.function.name"`. */
  readonly nameAttribute?: string;
  /** Explicit bucket boundaries in milliseconds, handed to the SDK as advice; default 0.1 ms to 10 s. */
  readonly bucketBoundariesMs?: readonly number[];
}

/** Boundaries in milliseconds from 100 µs to 10 s, about three per decade. */
export const DEFAULT_BUCKET_BOUNDARIES_MS: readonly number[] = [
  0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
] as const;

/**
 * A sink that records each measurement into one OpenTelemetry histogram (unit `ms`), with the measured name as
 * the `nameAttribute` attribute and, for a throw or a rejection, `error.type: "_OTHER"` (the semantic
 * conventions' value when the error's class is not known). Use it with `setPerformanceSink`:
 * `setPerformanceSink(openTelemetrySink(metrics.getMeter("my-service")))`.
 * @param meter - from `metrics.getMeter(…)` of `@opentelemetry/api` (≥ 1.7 for the bucket advice).
 * @param options - names and bucket boundaries, see `OpenTelemetrySinkOptions`.
 * @returns the sink; the attribute objects are made once per name and reused.
 * @performance O(1) per measurement: one Map lookup and one `histogram.record`.
 */
export function openTelemetrySink(meter: Meter, options: OpenTelemetrySinkOptions = {}): PerformanceSink {
  const histogram: Histogram = meter.createHistogram(options.histogramName ?? 'perf_standards.function.duration', {
    unit: 'ms',
    description: options.description ?? 'Duration of the calls measured by monitored() and measure().',
    advice: { explicitBucketBoundaries: [...(options.bucketBoundariesMs ?? DEFAULT_BUCKET_BOUNDARIES_MS)] },
  });
  const nameAttribute = options.nameAttribute ?? 'code.function.name';
  // Per name: the attributes of a call that succeeded, then of one that failed.
  const attributes = new Map<string, readonly [Attributes, Attributes]>();
  return {
    record(name: string, durationMs: number, ok: boolean): void {
      let pair = attributes.get(name);
      if (pair === undefined) {
        pair = [{ [nameAttribute]: name }, { [nameAttribute]: name, 'error.type': '_OTHER' }];
        attributes.set(name, pair);
      }
      histogram.record(durationMs, ok ? pair[0] : pair[1]);
    },
  };
}
