// The Node.js entry that writes a snapshot (`eslint-plugin-perf-standards/runtime/snapshot`). It is the only
// runtime file that imports `node:` modules, so the core entry stays browser-safe (and within its size
// budget): a browser sends `JSON.stringify(performanceStats())` to its server, which the gate reads as well.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performanceStats, type PerformanceStats } from './monitor.js';

/** Where `perf-standards gates` looks for snapshots by default (the budgets gate's `report`). */
export const DEFAULT_SNAPSHOT_FILE = '.perf-standards/performance-stats.json';

/** What `performanceSnapshot()` returns and `perf-standards gates` reads (the budgets gate). */
export interface PerformanceSnapshot {
  readonly format: 'perf-standards.performance-snapshot';
  readonly version: 1;
  /** ISO 8601, when the snapshot was taken. */
  readonly takenAt: string;
  /** `performanceStats()` at that moment. */
  readonly metrics: Record<string, PerformanceStats>;
}

/**
 * `performanceStats()` with what a reader needs to know about it (format, version, time), as a plain object.
 * @complexity O(names × 1281), as performanceStats().
 */
export function performanceSnapshot(): PerformanceSnapshot {
  return { format: 'perf-standards.performance-snapshot', version: 1, takenAt: new Date().toISOString(), metrics: performanceStats() };
}

/**
 * Writes `performanceSnapshot()` as JSON to `file` (relative to the current directory; default
 * `.perf-standards/performance-stats.json`, where `perf-standards gates` reads it), creating its folder.
 * The write is atomic (a temporary file renamed over the target), so a reader never sees half a snapshot.
 * Resolves with the absolute path written. Call it after the code under test ran, in the process that ran
 * it: at the end of a staging load run, or in a test setup file's `afterAll` (test runners keep one module
 * state per test file, so give each file its own snapshot, `.perf-standards/performance-stats-<name>.json`;
 * the gate reads them all).
 * @performance one snapshot (O(names × 1281)) and one small file write.
 */
export async function writePerformanceSnapshot(file: string = DEFAULT_SNAPSHOT_FILE): Promise<string> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(performanceSnapshot(), null, 2)}\n`);
  await rename(temporary, target);
  return target;
}
