import picomatch from 'picomatch';
import type { BudgetLimits } from './gates.js';

/** One name's figures in a snapshot (the runtime's PerformanceStats, milliseconds). */
export interface MetricFigures {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/** A metric over its budget. */
export interface BudgetBreach {
  readonly metric: string;
  readonly glob: string;
  readonly percentile: 'p50' | 'p95' | 'p99';
  readonly measuredMs: number;
  readonly limitMs: number;
  readonly count: number;
  /** The snapshot it was read from. */
  readonly source: string;
}

/** The budgets gate's judgement of some snapshots. */
export interface BudgetJudgement {
  readonly breaches: readonly BudgetBreach[];
  /** Metrics at least one budget applies to (name and snapshot). */
  readonly checked: number;
  /** Globs no metric of any snapshot matches. */
  readonly unmatched: readonly string[];
}

const PERCENTILES = ['p50', 'p95', 'p99'] as const;

/**
 * Checks every metric of every snapshot against every budget whose glob matches its name (picomatch,
 * `dot: true`; `**` spans `/`, so `**\/api/**` matches `api/orders` and `src/api/orders`): a percentile above
 * its limit is a breach. Snapshots are judged one by one (each process keeps its own histograms, and
 * percentiles cannot be merged without them).
 * @complexity O(snapshots × metrics × globs), globs compiled once.
 */
export function judgeBudgets(snapshots: readonly { readonly source: string; readonly metrics: Readonly<Record<string, MetricFigures>> }[], budgets: Readonly<Record<string, BudgetLimits>>): BudgetJudgement {
  const globs = Object.entries(budgets).map(([glob, limits]) => ({ glob, limits, isMatch: picomatch(glob, { dot: true }), used: false }));
  const breaches: BudgetBreach[] = [];
  let checked = 0;
  for (const { source, metrics } of snapshots) {
    for (const [metric, figures] of Object.entries(metrics)) {
      let applies = false;
      for (const entry of globs) {
        if (!entry.isMatch(metric)) continue;
        applies = true;
        entry.used = true;
        for (const percentile of PERCENTILES) {
          const limitMs = entry.limits[`${percentile}Ms`];
          const measuredMs = figures[`${percentile}Ms`];
          if (limitMs !== undefined && measuredMs > limitMs) breaches.push({ metric, glob: entry.glob, percentile, measuredMs, limitMs, count: figures.count, source });
        }
      }
      if (applies) checked += 1;
    }
  }
  return { breaches, checked, unmatched: globs.filter((entry) => !entry.used).map((entry) => entry.glob) };
}
