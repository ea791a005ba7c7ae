import jstatModule from 'jstat';

const { jStat } = jstatModule as unknown as typeof import('jstat');

/** The regression test's error rates (docs/architecture_decisions.md, decision 28). */
export const REGRESSION_DESIGN = {
  /**
   * One-sided false alarm rate when nothing changed (A/A): half the standards' 1% goal, because the t-test's
   * level on real, heavy-tailed noise is only approximately its nominal one (decision 28).
   */
  alpha: 0.005,
  /** Chance of failing a slowdown of exactly the threshold. */
  power: 0.9,
  /** Rounds run before the variance is first estimated (the pilot). */
  pilotRounds: 10,
  /**
   * Rounds are planned from a one-sided upper confidence bound of the standard deviation at this level,
   * not from the estimate itself (Browne 1995): a small sample of heavy-tailed noise usually underestimates it.
   */
  varianceConfidence: 0.8,
} as const;

/** The verdict on one benchmark. */
export interface RegressionDecision {
  readonly verdict: 'passed' | 'failed' | 'inconclusive';
  readonly rounds: number;
  /** Geometric mean of current / baseline, as a percentage change (+ = slower). */
  readonly changePercent: number;
  /** 99% confidence interval of the change (each bound one-sided 99.5%), in percent. */
  readonly lowPercent: number;
  readonly highPercent: number;
  /** One-sided p-value of "no slowdown" (Student's t on the log ratios). */
  readonly pValue: number;
  /** Rounds the design needs for this noise; more than `rounds` when inconclusive. */
  readonly roundsNeeded: number;
}

const mean = (values: readonly number[]): number => values.reduce((sum: number, value: number): number => sum + value, 0) / values.length;

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const center = mean(values);
  return Math.sqrt(values.reduce((sum: number, value: number): number => sum + (value - center) ** 2, 0) / (values.length - 1));
}

const toPercent = (logRatio: number): number => (Math.exp(logRatio) - 1) * 100;

// Fail a significant slowdown that the interval cannot clear of the threshold; pass when the interval is
// below the threshold; else more rounds are needed.
const judge = (significant: boolean, high: number, limit: number): RegressionDecision['verdict'] =>
  significant && high >= limit ? 'failed' : high < limit ? 'passed' : 'inconclusive';

/**
 * Rounds a paired comparison needs so that, with per-round log-ratio standard deviation `sd`, no change
 * fails at most `alpha` of the time and a slowdown of `thresholdPercent` fails at least `power` of the
 * time: n = ((z₁₋α + z_power) · sd / ln(1 + threshold))², at least the pilot's rounds (the normal
 * approximation of the one-sample t-test's sample size).
 * @complexity O(1).
 */
export function roundsNeeded(sd: number, thresholdPercent: number): number {
  const effect = Math.log(1 + thresholdPercent / 100);
  const z = jStat.normal.inv(1 - REGRESSION_DESIGN.alpha, 0, 1) + jStat.normal.inv(REGRESSION_DESIGN.power, 0, 1);
  return Math.max(REGRESSION_DESIGN.pilotRounds, Math.ceil(((z * sd) / effect) ** 2));
}

/**
 * The standard deviation's one-sided upper confidence bound at REGRESSION_DESIGN.varianceConfidence from a
 * sample standard deviation with `degreesOfFreedom` (rounds − 1): sd · √(df / χ²_{1−confidence, df}), the
 * χ² bound on a normal variance. Browne (1995), "On the use of a pilot sample for sample size determination",
 * Statistics in Medicine 14, 1933–1940, shows that planning from this bound, rather than the estimate, keeps
 * the planned power. Fewer than 1 degree of freedom: the estimate itself.
 * @complexity O(1).
 */
export function standardDeviationUpperBound(sd: number, degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return sd;
  return sd * Math.sqrt(degreesOfFreedom / jStat.chisquare.inv(1 - REGRESSION_DESIGN.varianceConfidence, degreesOfFreedom));
}

/**
 * Rounds to have run in all, given the per-round ratios so far: roundsNeeded of the standard deviation's
 * upper confidence bound (standardDeviationUpperBound), at least the pilot's rounds. Called after the pilot
 * and again whenever the plan is reached (an internal pilot, Wittes & Brittain 1990, Statistics in Medicine
 * 9, 65–72): only the spread, never the change, steers the number of rounds, so the t-test's false alarm rate
 * holds; a plan larger than the rounds so far means more rounds.
 * @complexity O(ratios).
 */
export function plannedRounds(ratios: readonly number[], thresholdPercent: number): number {
  const logs = ratios.map((ratio: number): number => Math.log(ratio));
  return roundsNeeded(standardDeviationUpperBound(standardDeviation(logs), logs.length - 1), thresholdPercent);
}

/**
 * Decides one benchmark from per-round ratios (current time / baseline time, each round run back to back):
 * a one-sample Student's t-test on the log ratios (so a 10% slowdown and its inverse weigh the same, and the
 * change is the geometric mean ratio), with a 99% confidence interval.
 * - failed: a slowdown is significant (one-sided p < α = 0.5%) and the interval does not rule out the
 *   threshold (its upper bound is at or above it);
 * - passed: the interval's upper bound is below the threshold (a slowdown that large is ruled out), even
 *   when a smaller slowdown is significant;
 * - inconclusive: neither; `roundsNeeded` says how many rounds this noise needs (plannedRounds).
 * Ratios must be positive. Fewer than 2 rounds: inconclusive.
 * @complexity O(rounds).
 */
export function decideRegression(ratios: readonly number[], thresholdPercent: number): RegressionDecision {
  const logs = ratios.map((ratio: number): number => Math.log(ratio));
  const n = logs.length;
  const center = n === 0 ? 0 : mean(logs);
  const sd = standardDeviation(logs);
  const needed = plannedRounds(ratios, thresholdPercent);
  const limit = Math.log(1 + thresholdPercent / 100);
  if (n < 2) {
    return { verdict: 'inconclusive', rounds: n, changePercent: toPercent(center), lowPercent: -Infinity, highPercent: Infinity, pValue: 1, roundsNeeded: needed };
  }
  const se = sd / Math.sqrt(n);
  const quantile = jStat.studentt.inv(1 - REGRESSION_DESIGN.alpha, n - 1);
  const low = center - quantile * se;
  const high = center + quantile * se;
  const pValue = se === 0 ? (center > 0 ? 0 : 1) : 1 - jStat.studentt.cdf(center / se, n - 1);
  const significant = pValue < REGRESSION_DESIGN.alpha;
  const verdict = judge(significant, high, limit);
  return { verdict, rounds: n, changePercent: toPercent(center), lowPercent: toPercent(low), highPercent: toPercent(high), pValue, roundsNeeded: verdict === 'inconclusive' ? Math.max(needed, n + 1) : needed };
}

/**
 * A benchmark's summary on one side: its typical time per iteration (the mean, or the median where the
 * format gives a quartile to judge it by), a spread such that spread² / samples is that figure's variance
 * (the standard deviation for a mean), and the sample count.
 */
export interface BenchmarkSummary {
  readonly timeMs: number;
  readonly sdMs: number | undefined;
  readonly samples: number | undefined;
}

/**
 * Decides one benchmark from two stored results (no rounds to pair): the change of the typical times, with a
 * 99% interval from the delta method on the log ratio (var ≈ sd²/(n·mean²) per side) and a normal
 * quantile; the same rules as decideRegression. The interval covers the noise within each run only, not
 * between runs, so it is narrower than an interleaved run's: prefer running both sides. Without standard
 * deviations: inconclusive.
 * @complexity O(1).
 */
export function decideStoredRegression(baseline: BenchmarkSummary, current: BenchmarkSummary, thresholdPercent: number): RegressionDecision {
  const change = Math.log(current.timeMs / baseline.timeMs);
  const limit = Math.log(1 + thresholdPercent / 100);
  const variance = (side: BenchmarkSummary): number | undefined =>
    side.sdMs === undefined || side.samples === undefined || side.samples < 2 ? undefined : side.sdMs ** 2 / (side.samples * side.timeMs ** 2);
  const [a, b] = [variance(baseline), variance(current)];
  if (a === undefined || b === undefined) {
    return { verdict: 'inconclusive', rounds: 1, changePercent: toPercent(change), lowPercent: -Infinity, highPercent: Infinity, pValue: 1, roundsNeeded: REGRESSION_DESIGN.pilotRounds };
  }
  const se = Math.sqrt(a + b);
  const z = jStat.normal.inv(1 - REGRESSION_DESIGN.alpha, 0, 1);
  const low = change - z * se;
  const high = change + z * se;
  // With no spread the normal test's limit as the error shrinks: 0 above, 1 below, ½ for no change at all.
  const pValue = se === 0 ? (change > 0 ? 0 : change < 0 ? 1 : 0.5) : 1 - jStat.normal.cdf(change / se, 0, 1);
  const verdict = judge(pValue < REGRESSION_DESIGN.alpha, high, limit);
  return { verdict, rounds: 1, changePercent: toPercent(change), lowPercent: toPercent(low), highPercent: toPercent(high), pValue, roundsNeeded: REGRESSION_DESIGN.pilotRounds };
}
