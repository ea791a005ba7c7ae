/**
 * The Python codemods on real code: pure-Python modules of the standard library that ships with `python3`,
 * with their own regression tests, copied to a scratch git repository (recipe: ../shared/real-project-tests.md).
 * `perf-standards fix dataclass-slots performance-now` (and `concurrent-await`) runs there through the built command, and the copies'
 * own tests (`python3 -m unittest`, the copy first on the module path) must give the same counts before and
 * after. ~5 s here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runNode } from '../run-node.js';
import { snapshotTree } from './fixture-pairs.js';

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });
}

// A scratch git repository holding copies of standard-library files (relative to the stdlib → in the copy).
function scratchCopy(files: Readonly<Record<string, string>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stdlib-codemods-')));
  temporary.push(dir);
  for (const [from, to] of Object.entries(files)) fs.cpSync(path.join(stdlib, from), path.join(dir, to), { recursive: true, filter: (source: string): boolean => !source.includes('__pycache__') });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'copy');
  return dir;
}

// `Ran N tests` and the verdict line of `python3 -m unittest <module>`, run with the copy first on the path.
function unittestCounts(dir: string, module: string): string {
  const { stderr } = spawnSync('python3', ['-B', '-m', 'unittest', module], { cwd: dir, env: { ...process.env, PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8', timeout: 120_000 });
  const ran = /^Ran \d+ tests?/m.exec(stderr)?.[0] ?? 'no run';
  const verdict = /^(OK|FAILED).*$/m.exec(stderr)?.[0] ?? 'no verdict';
  return `${ran}: ${verdict}`;
}

describe('Python codemods on the standard library', () => {
  it('pstats (dataclasses) with test_pstats: same test counts after fix, nothing it cannot prove changed', async () => {
    const dir = scratchCopy({ 'pstats.py': 'pstats.py', 'test/test_pstats.py': 'test_pstats.py' });
    const before = snapshotTree(dir);
    expect(unittestCounts(dir, 'test_pstats')).toBe('Ran 9 tests: OK');
    const fixed = await runNode([CLI_BIN, 'fix', 'dataclass-slots', 'performance-now', '.'], dir);
    expect(fixed.code).toBe(0);
    // Stats.__init__ sets `arg.stats` on an untyped argument it duck-types: not provably not a profile.
    expect(fixed.stdout).toContain('note     pstats.py: line 58: left `FunctionProfile` without slots: `arg.stats` is set at pstats.py:153, on what may be an instance');
    expect(fixed.stdout).toContain('note     pstats.py: line 68: left `StatsProfile` without slots: `arg.stats` is set at pstats.py:153, on what may be an instance');
    expect(snapshotTree(dir)).toEqual(before);
    expect(unittestCounts(dir, 'test_pstats')).toBe('Ran 9 tests: OK');
  });

  it('test_dataclasses (CPython\'s own dataclass tests, 223 tests): same counts after fix', async () => {
    const dir = scratchCopy({ 'test/test_dataclasses': 'test_dataclasses' });
    const before = snapshotTree(dir);
    expect(unittestCounts(dir, 'test_dataclasses')).toBe('Ran 223 tests: OK');
    const fixed = await runNode([CLI_BIN, 'fix', 'dataclass-slots', 'performance-now', '.'], dir);
    expect(fixed.code).toBe(0);
    // Classes whose names repeat across the test modules (`CV`, `IV`, `Bar`) cannot be told apart.
    expect(fixed.stdout.match(/^ {2}note {5}.*$/gm)?.map((line) => line.replace(/^.*: (\d+ classes of the project are named `\w+`).*$/, '$1')).sort()).toEqual([
      '2 classes of the project are named `Bar`',
      ...Array<string>(4).fill('4 classes of the project are named `CV`'),
      ...Array<string>(4).fill('4 classes of the project are named `IV`'),
    ]);
    expect(snapshotTree(dir)).toEqual(before);
    expect(unittestCounts(dir, 'test_dataclasses')).toBe('Ran 223 tests: OK');
  });

  it('test_queues (CPython\'s asyncio queue tests, 44 tests): concurrent-await gathers the four put loops, same counts after fix', async () => {
    const dir = scratchCopy({ 'test/test_asyncio/test_queues.py': 'test_queues.py' });
    expect(unittestCounts(dir, 'test_queues')).toBe('Ran 44 tests: OK');
    const fixed = await runNode([CLI_BIN, 'fix', 'concurrent-await', '.'], dir);
    expect(fixed.code).toBe(0);
    // `for i in …: await q.put(i)` → one gather each; the loop whose body also reads the queue is noted.
    const diff = execFileSync('git', ['diff', '--unified=0'], { cwd: dir, encoding: 'utf8' });
    expect(diff.split('\n').filter((line) => line.startsWith('+ '))).toEqual([
      '+        await asyncio.gather(*(q.put(i) for i in [1, 3, 2]))',
      '+            await asyncio.gather(*(queue.put(i) for i in range(num_items)))',
      '+        await asyncio.gather(*(q.put(i) for i in [1, 3, 2]))',
      '+        await asyncio.gather(*(q.put(i) for i in [1, 3, 2]))',
    ]);
    expect(fixed.stdout).toContain('note     test_queues.py: line 97: left this loop as it is: its body does more than await one call per item');
    expect(unittestCounts(dir, 'test_queues')).toBe('Ran 44 tests: OK');
  });
});
