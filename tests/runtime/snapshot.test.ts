import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { measure, resetPerformanceStats } from '../../runtime/index.js';
import { DEFAULT_SNAPSHOT_FILE, performanceSnapshot, writePerformanceSnapshot } from '../../runtime/snapshot.js';

const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// performance.now() moves 4 ms per call: each measured call lasts 4 ms.
beforeEach(() => {
  resetPerformanceStats();
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation((): number => (now += 4));
});

describe('performanceSnapshot', () => {
  it('is performanceStats() with its format, version and time, ready for JSON', () => {
    vi.setSystemTime(new Date('2026-12-06T12:00:00.000Z'));
    measure('api/orders', (): number => 1);
    expect(JSON.parse(JSON.stringify(performanceSnapshot()))).toEqual({
      format: 'perf-standards.performance-snapshot',
      version: 1,
      takenAt: '2026-12-06T12:00:00.000Z',
      metrics: { 'api/orders': { count: 1, errors: 0, totalMs: 4, minMs: 4, maxMs: 4, p50Ms: 4, p95Ms: 4, p99Ms: 4 } },
    });
    vi.useRealTimers();
  });
});

describe('writePerformanceSnapshot (Node.js entry)', () => {
  it('writes the snapshot as JSON, creating the folder, and leaves no temporary file', async () => {
    measure('database/select', (): number => 1);
    const file = path.join(dir, 'nested', 'stats.json');
    await expect(writePerformanceSnapshot(file)).resolves.toBe(file);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { format: string; metrics: Record<string, { count: number; p95Ms: number }> };
    expect(written.format).toBe('perf-standards.performance-snapshot');
    expect(written.metrics['database/select']).toMatchObject({ count: 1, p95Ms: 4 });
    expect(readdirSync(path.join(dir, 'nested'))).toEqual(['stats.json']);
  });

  it('defaults to where the budgets gate looks', () => {
    expect(DEFAULT_SNAPSHOT_FILE).toBe('.perf-standards/performance-stats.json');
  });
});
