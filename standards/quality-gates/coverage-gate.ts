import picomatch from 'picomatch';
import type { CoverageMetric } from './config.js';
import type { Counts, FileCounts } from './coverage-report.js';

/** The coverage gate's settings once defaults are applied. */
export interface CoverageThresholds {
  readonly metrics: readonly CoverageMetric[];
  /** Percent, for the files no `files` glob claims. */
  readonly threshold: number;
  /** Package folder glob → percent. */
  readonly packages: Readonly<Record<string, number>>;
  /** File glob → percent. */
  readonly files: Readonly<Record<string, number>>;
}

/** One judged group of files for one metric. */
export interface CoverageCheck {
  /** `all files`, `all other files` (when file globs claim some), a package folder, or a file glob. */
  readonly scope: string;
  readonly metric: CoverageMetric;
  readonly counts: Counts;
  readonly threshold: number;
  readonly passed: boolean;
  /** The scope has no file in the report (a glob or package that matches nothing). */
  readonly empty: boolean;
}

/** The coverage gate's judgement. */
export interface CoverageJudgement {
  readonly checks: readonly CoverageCheck[];
  /** Metrics asked for that no file of the report records (lcov has no statements, coverage.py no functions). */
  readonly missingMetrics: readonly CoverageMetric[];
  /** The least covered files in the first metric, for a failing gate: up to five, lowest first. */
  readonly leastCovered: readonly FileCounts[];
}

/**
 * Percentage floored to two decimals, as istanbul computes `pct` (so a figure shown as 90.00 is never
 * below 90); 100 for no items, as istanbul says of a file without branches.
 * @complexity O(1).
 */
export function coveragePercentage({ covered, total }: Counts): number {
  return total === 0 ? 100 : Math.floor((covered * 10_000) / total) / 100;
}

const sum = (files: readonly FileCounts[], metric: CoverageMetric): Counts => {
  let covered = 0;
  let total = 0;
  for (const file of files) {
    const metricCounts = file[metric];
    if (metricCounts === undefined) continue;
    covered += metricCounts.covered;
    total += metricCounts.total;
  }
  return { covered, total };
};

// The deepest folder of `file` that a package glob matches: the package the file belongs to.
function packageOf(file: string, isPackage: (folder: string) => boolean): string | undefined {
  for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
    const folder = file.slice(0, slash);
    if (isPackage(folder)) return folder;
  }
  return undefined;
}

/**
 * Judges coverage counts against thresholds, per metric: the files no `files` glob claims against the
 * overall threshold; the files each glob claims, together, against that glob's threshold (the first glob
 * that matches claims a file, as vitest's glob thresholds); the files under each folder a `packages` glob
 * matches (the deepest such folder), together, against its threshold. A glob or package with no file is a
 * failed check (a threshold nothing is measured against is a mistake, as Jest says).
 * @complexity O(files × (globs + path depth)) after compiling each glob once.
 */
export function judgeCoverage(files: readonly FileCounts[], thresholds: CoverageThresholds): CoverageJudgement {
  const fileGlobs = Object.entries(thresholds.files).map(([glob, threshold]) => ({ glob, threshold, isMatch: picomatch(glob, { dot: true }), files: [] as FileCounts[] }));
  const packageGlobs = Object.entries(thresholds.packages).map(([glob, threshold]) => ({ glob, threshold, isMatch: picomatch(glob.replace(/\/+$/u, ''), { dot: true }) }));
  const isPackage = (folder: string): boolean => packageGlobs.some((entry) => entry.isMatch(folder));
  const thresholdOfPackage = (folder: string): number => packageGlobs.find((entry) => entry.isMatch(folder))?.threshold ?? thresholds.threshold;
  const rest: FileCounts[] = [];
  const packages = new Map<string, FileCounts[]>();
  for (const file of files) {
    const claim = fileGlobs.find((entry) => entry.isMatch(file.file));
    (claim?.files ?? rest).push(file);
    if (packageGlobs.length > 0) {
      const folder = packageOf(file.file, isPackage);
      if (folder !== undefined) packages.set(folder, [...(packages.get(folder) ?? []), file]);
    }
  }
  const missingMetrics = thresholds.metrics.filter((metric: CoverageMetric): boolean => files.length > 0 && files.every((file: FileCounts): boolean => file[metric] === undefined));
  const checks: CoverageCheck[] = [];
  for (const metric of thresholds.metrics) {
    if (missingMetrics.includes(metric)) continue;
    const check = (scope: string, group: readonly FileCounts[], threshold: number): CoverageCheck => {
      const groupCounts = sum(group, metric);
      const empty = group.length === 0;
      return { scope, metric, counts: groupCounts, threshold, empty, passed: !empty && (groupCounts.total === 0 || groupCounts.covered * 100 >= threshold * groupCounts.total) };
    };
    if (rest.length > 0 || fileGlobs.length === 0) checks.push(check(fileGlobs.length === 0 ? 'all files' : 'all other files', rest, thresholds.threshold));
    for (const entry of fileGlobs) checks.push(check(entry.glob, entry.files, entry.threshold));
    const judged = new Set<string>();
    for (const entry of packageGlobs) {
      const matched = [...packages.keys()].filter((folder: string): boolean => entry.isMatch(folder) && !judged.has(folder)).sort();
      for (const folder of matched) judged.add(folder);
      if (matched.length === 0) checks.push(check(entry.glob, [], entry.threshold));
      for (const folder of matched) checks.push(check(folder, packages.get(folder) ?? [], thresholdOfPackage(folder)));
    }
  }
  const first = thresholds.metrics.find((metric: CoverageMetric): boolean => !missingMetrics.includes(metric));
  const leastCovered =
    first === undefined
      ? []
      : files
          .filter((file: FileCounts): boolean => (file[first]?.total ?? 0) > 0 && (file[first]?.covered ?? 0) < (file[first]?.total ?? 0))
          .map((file: FileCounts) => ({ file, percent: coveragePercentage(file[first] as Counts) }))
          .sort((a, b) => a.percent - b.percent || a.file.file.localeCompare(b.file.file))
          .slice(0, 5)
          .map(({ file }) => file);
  return { checks, missingMetrics, leastCovered };
}
