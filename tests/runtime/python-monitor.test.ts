/**
 * The Python monitor `perf-standards init` writes (runtime/python/performance/monitor.py), proven by running
 * Python: tests/runtime/python/test_monitor.py with runtime/python first on the module path; and pyright
 * reports no error on it.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../run-node.js';
import { pythonTypeErrors } from '../codemods/fixture-programs.js';

const RUNTIME = path.join(REPO_ROOT, 'runtime', 'python');

describe('the Python performance monitor', () => {
  it('passes its unittest suite: sync/async/generator/async-generator wrapping, wraps facts, methods, histogram, exporters', () => {
    const run = spawnSync('python3', ['-B', '-m', 'unittest', '-v', 'test_monitor'], {
      cwd: path.join(REPO_ROOT, 'tests', 'runtime', 'python'),
      env: { ...process.env, PYTHONPATH: RUNTIME, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(/^Ran 18 tests in /m);
    expect(run.stderr).toMatch(/^OK$/m);
    expect(run.status).toBe(0);
  });

  it('type-checks with pyright', async () => {
    expect(await pythonTypeErrors(RUNTIME)).toEqual([]);
  });
});
