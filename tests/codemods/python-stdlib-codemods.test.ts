/**
 * The Python codemods on real code: pure-Python modules of the standard library that ships with `python3`,
 * with their own regression tests, copied to a scratch git repository (recipe: ../shared/real-project-tests.md).
 * `perf-standards fix dataclass-slots performance-now` (and `add-explicit-types`, with pyright on PATH) runs
 * there through the built command, and the copies' own tests (`python3 -m unittest`, the copy first on the
 * module path) must give the same counts before and after. ~5 s here, plus ~25 s for pyright's runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';
import { snapshotTree } from './fixture-pairs.js';
import { pythonTypeErrors } from './fixture-programs.js';

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

  it('textwrap with test_textwrap: add-explicit-types (pyright on PATH) keeps the 66 tests passing and pyright\'s errors the same', { timeout: 300_000 }, async () => {
    const dir = scratchCopy({ 'textwrap.py': 'textwrap.py', 'test/test_textwrap.py': 'test_textwrap.py' });
    const before = snapshotTree(dir);
    expect(unittestCounts(dir, 'test_textwrap')).toBe('Ran 66 tests: OK');
    const errorsBefore = await pythonTypeErrors(dir);
    const originalPath = process.env['PATH'] ?? '';
    process.env['PATH'] = [path.join(REPO_ROOT, 'node_modules', '.bin'), originalPath].join(path.delimiter);
    let fixed;
    try {
      fixed = await runNode([CLI_BIN, 'fix', 'add-explicit-types', '.'], dir);
    } finally {
      process.env['PATH'] = originalPath;
    }
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/note {5}test_textwrap\.py: pyright 1\.1\.414 \(.*\): 2 runs; kept 96 of 96 annotations/);
    expect(fixed.stdout).toContain('note     textwrap.py: added 20 type annotations');
    const after = snapshotTree(dir);
    expect([...after.keys()].filter((file) => !before.get(file)?.equals(after.get(file) as Buffer)).sort()).toEqual(['test_textwrap.py', 'textwrap.py']);
    expect(after.get('textwrap.py')?.toString()).toContain('    def fill(self, text) -> str:\n');
    expect(after.get('textwrap.py')?.toString()).toContain('def wrap(text, width: int = 70, **kwargs):\n');
    expect(unittestCounts(dir, 'test_textwrap')).toBe('Ran 66 tests: OK');
    expect(await pythonTypeErrors(dir)).toEqual(errorsBefore);
  });
});
