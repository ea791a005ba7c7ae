/**
 * `fix --all` on a Python project with the monitor `perf-standards init` writes: wrap-performance-monitor runs
 * last, and the plugin's `@performance_monitor` hides no function from concurrent-await or add-explicit-types,
 * so a project gets gather, annotations and the decorator in one run, whether it was decorated before or not.
 * The program prints the same before and after, pyright reports nothing new, a second run changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodemods } from '../../codemods/runner/registry.js';
import type { Codemod } from '../../codemods/runner/contract.js';
import { REPO_ROOT } from '../run-node.js';
import { CODEMOD_FIXTURES, expectSameTree, rerun } from './fixture-pairs.js';
import { pythonTypeErrors, runPythonProgram } from './fixture-programs.js';

// pyright as a user has it on PATH (npm's wrapper in this repository's node_modules/.bin).
const originalPath = process.env['PATH'] ?? '';
beforeAll((): void => {
  process.env['PATH'] = [path.join(REPO_ROOT, 'node_modules', '.bin'), originalPath].join(path.delimiter);
});
const temporary: string[] = [];
afterAll((): void => {
  process.env['PATH'] = originalPath;
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const MONITOR = path.join(REPO_ROOT, 'runtime', 'python', 'performance', 'monitor.py');
const MONITOR_FILE = 'shop/performance_monitor.py';
const SETTINGS = { options: { decoratorModule: 'shop.performance_monitor' } };

/** A copy of a case's folder with the monitor init writes inside the project's package. */
function project(caseName: string, folder: 'input' | 'output'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `all-codemods-${caseName}-`)));
  temporary.push(dir);
  fs.cpSync(path.join(CODEMOD_FIXTURES, 'all-codemods', caseName, folder), dir, { recursive: true });
  fs.copyFileSync(MONITOR, path.join(dir, MONITOR_FILE));
  return dir;
}

const changedBy = (report: Awaited<ReturnType<typeof rerun>>): string[] =>
  report.files.filter((file) => file.status === 'changed').map((file) => `${file.codemod} ${file.path}`);

describe('fix --all on Python with the plugin monitor', () => {
  // The codemods of `--all` that edit these functions, in `--all` order.
  let codemods: readonly Codemod[] = [];
  beforeAll(async () => {
    codemods = await loadCodemods(['wrap-performance-monitor', 'add-explicit-types', 'performance-now', 'concurrent-await']);
  });

  it('runs wrap-performance-monitor last', async () => {
    expect((await loadCodemods()).at(-1)?.name).toBe('wrap-performance-monitor');
    expect(codemods.map((codemod) => codemod.name)).toEqual(['concurrent-await', 'performance-now', 'add-explicit-types', 'wrap-performance-monitor']);
  });

  for (const [caseName, wrapped] of [['python-monitor', true], ['python-monitor-decorated', false]] as const) {
    it(`${caseName}: gather, perf_counter, annotations and the decorator together; same output; idempotent`, { timeout: 300_000 }, async () => {
      const dir = project(caseName, 'input');
      const report = await rerun(dir, codemods, SETTINGS);
      expect(report.files.filter((file) => file.status === 'failed')).toEqual([]);
      expect(changedBy(report)).toEqual([
        'concurrent-await shop/services/orders.py',
        'performance-now shop/services/orders.py',
        'add-explicit-types shop/services/orders.py',
        ...(wrapped ? ['wrap-performance-monitor shop/services/orders.py'] : []),
      ]);
      const expected = project(caseName, 'output');
      expectSameTree(dir, expected);
      const [before, after] = await Promise.all([runPythonProgram(project(caseName, 'input')), runPythonProgram(dir)]);
      expect(before.code).toBe(0);
      expect(after).toEqual(before);
      expect(after.stdout).toBe("([10, 20, 30], 3, True)\nfetch_item ['item_id'] True\nload_order ['item_ids', 'retries'] True\n");
      const [errorsBefore, errorsAfter] = await Promise.all([pythonTypeErrors(project(caseName, 'input')), pythonTypeErrors(dir)]);
      expect(errorsAfter).toEqual(errorsBefore);
      const second = await rerun(dir, codemods, SETTINGS);
      expect(changedBy(second)).toEqual([]);
      expectSameTree(dir, expected);
    });
  }

  it("a project's own performance_monitor (not the plugin's) still hides the functions: it may change what they are", { timeout: 300_000 }, async () => {
    const dir = project('python-monitor-decorated', 'input');
    fs.writeFileSync(path.join(dir, MONITOR_FILE), 'from typing import TypeVar\n\nF = TypeVar("F")\n\n\ndef performance_monitor(fn: F) -> F:\n    return fn\n');
    const report = await rerun(dir, codemods, SETTINGS);
    expect(changedBy(report)).toEqual(['performance-now shop/services/orders.py']);
    const notes = report.notes.filter((note) => note.codemod !== 'add-explicit-types' || !note.message.startsWith('pyright')).map((note) => `${note.codemod} ${note.message}`);
    expect(notes).toEqual([
      'concurrent-await line 18: left this loop as it is: `fetch_item` is not an undecorated `async def` of the project or an asyncio coroutine function, so it may return an awaitable that `asyncio.gather` cannot run (a class instance, another event loop\'s)',
      'add-explicit-types 9:1 return type of "fetch_item" not annotated: decorated with @performance_monitor, which may read or replace its signature',
      'add-explicit-types 15:43 parameter "retries" not annotated: decorated with @performance_monitor, which may read or replace its signature',
      'add-explicit-types 15:1 return type of "load_order" not annotated: decorated with @performance_monitor, which may read or replace its signature',
    ]);
  });
});
