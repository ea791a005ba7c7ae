/**
 * The standards' quality gates ("Quality Gates - No Approval Required" and "Performance Budgets" in the
 * workspace standards): their ids, the numbers the standards set, and the shape of a gate's verdict.
 */

/** Gate ids: the keys of `gates` in perf-standards.config.json and the names `--only` takes. */
export const GATE_IDS = ['coverage', 'typeCoverage', 'bundleSize', 'regression', 'budgets', 'memory', 'accessibility'] as const;
export type GateId = (typeof GATE_IDS)[number];

/** What each gate is called in reports. */
export const GATE_TITLES: Readonly<Record<GateId, string>> = {
  coverage: 'Test coverage',
  typeCoverage: 'Type coverage',
  bundleSize: 'Bundle size',
  regression: 'Performance regression',
  budgets: 'Performance budgets',
  memory: 'Memory increase',
  accessibility: 'Accessibility',
};

/** The standards' numbers, used where the configuration leaves a key out. */
export const DEFAULT_THRESHOLDS = {
  /** test_coverage: 90% */
  coveragePercent: 90,
  /** type_coverage: 95% */
  typeCoveragePercent: 95,
  /** ui_bundle_size: 250KB, read as size-limit reads it: 250,000 bytes. */
  bundleSizeBytes: 250_000,
  /** performance_regression: 5% */
  regressionPercent: 5,
  /** memory_usage_increase: 10MB, 10 × 1,024 × 1,024 bytes as the standards' own test asserts. */
  memoryIncreaseBytes: 10 * 1024 * 1024,
  /** accessibility_score: 95% */
  accessibilityScore: 95,
} as const;

/** api_response_time 100ms and database_query_time 50ms, as p95 limits on metric-name globs. */
export const DEFAULT_BUDGETS: Readonly<Record<string, BudgetLimits>> = {
  '**/api/**': { p95Ms: 100 },
  '**/database/**': { p95Ms: 50 },
};

/** Percentile limits for one metric-name glob, in milliseconds. */
export interface BudgetLimits {
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
}

/**
 * - `passed` / `failed`: measured against the threshold.
 * - `no data`: nothing to measure (no report where the gate looks); never counted as passed.
 * - `unavailable`: the gate cannot measure this kind of project yet (said why in `message`).
 * - `inconclusive`: measured, but not enough to decide (the regression gate says how many more rounds).
 * - `error`: the report named in the configuration is missing or unreadable (exit code 2).
 */
export type Verdict = 'passed' | 'failed' | 'no data' | 'unavailable' | 'inconclusive' | 'error';

/** One gate's outcome, as every format prints it. */
export interface GateResult {
  readonly gate: GateId;
  readonly title: string;
  readonly verdict: Verdict;
  /** The limit in words: `≥ 90% lines`, `≤ 250 kB brotli`. */
  readonly threshold: string;
  /** The figure measured in the same terms, `''` when there is none. */
  readonly measured: string;
  /** The measured figure as a number, in the threshold's unit (percent, bytes, percent of slowdown), when there is one. */
  readonly value?: number;
  /** The reports or files read, relative to the root; `''` when none. */
  readonly source: string;
  /** One line per failing part (package, file glob, benchmark, metric) or per largest contributor. */
  readonly details: readonly string[];
  /** For `no data`, `unavailable`, `inconclusive` and `error`: what happened and what to do. */
  readonly message?: string;
}
