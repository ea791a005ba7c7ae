/**
 * The Python codemods on real code: pure-Python modules of the standard library that ships with `python3`,
 * with their own regression tests, copied to a scratch git repository (recipe: ../shared/real-project-tests.md).
 * `perf-standards fix dataclass-slots performance-now` (and `readonly-data-shapes`, `concurrent-await`;
 * `add-explicit-types` with pyright on PATH) runs there through the built command, and the copies' own tests
 * (`python3 -m unittest`, the copy first on the module path) must give the same counts before and after. ~5 s
 * here, plus ~25 s for pyright's runs. `wrap-performance-monitor` runs on textwrap and colorsys with the monitor
 * `perf-standards init` writes (runtime/python/performance/), options from an ESLint config in the copy.
 * concurrent-await rewrites no loop of the standard library, so gather on asyncio's own Queue and Lock is
 * proven by a fixture program instead (python-asyncio-queue: same output before and after).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';
import concurrentAwait from '../../codemods/concurrent-await.js';
import { CODEMOD_FIXTURES, runFixturePair, snapshotTree } from './fixture-pairs.js';
import { pythonTypeErrors, runPythonProgram } from './fixture-programs.js';

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });
}

// A scratch git repository holding copies of standard-library files (relative to the stdlib → in the copy),
// and `extra` files (path → text).
function scratchCopy(files: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stdlib-codemods-')));
  temporary.push(dir);
  for (const [from, to] of Object.entries(files)) fs.cpSync(path.join(stdlib, from), path.join(dir, to), { recursive: true, filter: (source: string): boolean => !source.includes('__pycache__') });
  for (const [file, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
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

  it('test_dataclasses (CPython\'s own dataclass tests, 223 tests): same counts after dataclass-slots, performance-now and readonly-data-shapes', async () => {
    const dir = scratchCopy({ 'test/test_dataclasses': 'test_dataclasses' });
    const before = snapshotTree(dir);
    expect(unittestCounts(dir, 'test_dataclasses')).toBe('Ran 223 tests: OK');
    const fixed = await runNode([CLI_BIN, 'fix', 'dataclass-slots', 'performance-now', 'readonly-data-shapes', '.'], dir);
    expect(fixed.code).toBe(0);
    // Classes whose names repeat across the test modules (`CV`, `IV`, `Bar`) cannot be told apart, by either
    // dataclass codemod (slots, then frozen).
    expect(fixed.stdout.match(/^ {2}note {5}.*$/gm)?.map((line) => line.replace(/^.*: left `\w+` (without slots|without `frozen=True`): (\d+ classes of the project are named `\w+`).*$/, '$2 ($1)')).sort()).toEqual([
      '2 classes of the project are named `Bar` (without `frozen=True`)',
      '2 classes of the project are named `Bar` (without slots)',
      ...Array<string>(4).fill('4 classes of the project are named `CV` (without `frozen=True`)'),
      ...Array<string>(4).fill('4 classes of the project are named `CV` (without slots)'),
      ...Array<string>(4).fill('4 classes of the project are named `IV` (without `frozen=True`)'),
      ...Array<string>(4).fill('4 classes of the project are named `IV` (without slots)'),
    ]);
    expect(snapshotTree(dir)).toEqual(before);
    expect(unittestCounts(dir, 'test_dataclasses')).toBe('Ran 223 tests: OK');
  });

  it('sysconfig, filecmp and pstats with their tests: readonly-data-shapes makes one set a frozenset, names what it leaves and why, same counts after', async () => {
    const dir = scratchCopy({
      'sysconfig.py': 'sysconfig.py',
      'test/test_sysconfig.py': 'test_sysconfig.py',
      'filecmp.py': 'filecmp.py',
      'test/test_filecmp.py': 'test_filecmp.py',
      'pstats.py': 'pstats.py',
      'test/test_pstats.py': 'test_pstats.py',
    });
    const before = snapshotTree(dir);
    const counts = (): string[] => ['test_sysconfig', 'test_filecmp', 'test_pstats'].map((module: string): string => unittestCounts(dir, module));
    expect(counts()).toEqual(['Ran 24 tests: OK (skipped=2)', 'Ran 9 tests: OK', 'Ran 9 tests: OK']);
    const fixed = await runNode([CLI_BIN, 'fix', 'readonly-data-shapes', '.'], dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.match(/^ {2}(?:changed|note) .*$/gm)).toEqual([
      '  changed  sysconfig.py',
      // `dircmp.__init__` keeps it as `self.ignore`, which any caller may mutate.
      '  note     filecmp.py: line 23: left `DEFAULT_IGNORES` a list: `self.ignore = DEFAULT_IGNORES` at filecmp.py:132 may need a list',
      '  note     pstats.py: line 58: left `FunctionProfile` without `frozen=True`: `arg.stats` is set at pstats.py:153, on what may be an instance',
      '  note     pstats.py: line 68: left `StatsProfile` without `frozen=True`: `arg.stats` is set at pstats.py:153, on what may be an instance',
    ]);
    // `_ALWAYS_STR` is only ever tested with `in`: a frozenset answers the same.
    const original = before.get('sysconfig.py')?.toString('utf8') ?? '';
    const expected = original.replace("_ALWAYS_STR = {\n    'MACOSX_DEPLOYMENT_TARGET',\n}", "_ALWAYS_STR = frozenset({\n    'MACOSX_DEPLOYMENT_TARGET',\n})");
    expect(expected).not.toBe(original);
    expect(fs.readFileSync(path.join(dir, 'sysconfig.py'), 'utf8')).toBe(expected);
    const after = snapshotTree(dir);
    for (const [file, bytes] of before) if (file !== 'sysconfig.py' && !file.startsWith('.git/')) expect(after.get(file)?.equals(bytes), file).toBe(true);
    expect(counts()).toEqual(['Ran 24 tests: OK (skipped=2)', 'Ran 9 tests: OK', 'Ran 9 tests: OK']);
    // Idempotent: a second run (the tree is dirty now, hence --force) changes nothing.
    const again = await runNode([CLI_BIN, 'fix', 'readonly-data-shapes', '.', '--force'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^ {2}changed/m);
  });

  it('textwrap and colorsys decorated with the monitor init writes: same test counts, and the tests ran through the monitor', async () => {
    const monitor = fs.readFileSync(path.join(REPO_ROOT, 'runtime', 'python', 'performance', 'monitor.py'), 'utf8');
    const config = `import plugin from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'dist', 'index.js')).href)};
export default [
  ...plugin.configs.recommended,
  { files: ['**/*.py'], rules: { 'perf-standards/require-performance-monitor': ['error', { functions: 'exported', paths: ['textwrap.py', 'colorsys.py'], decoratorModule: 'performance.monitor' }] } },
];
`;
    const dir = scratchCopy(
      { 'textwrap.py': 'textwrap.py', 'colorsys.py': 'colorsys.py', 'test/test_textwrap.py': 'test_textwrap.py', 'test/test_colorsys.py': 'test_colorsys.py' },
      { 'performance/__init__.py': '', 'performance/monitor.py': monitor, 'eslint.config.mjs': config },
    );
    expect(unittestCounts(dir, 'test_textwrap')).toBe('Ran 66 tests: OK');
    expect(unittestCounts(dir, 'test_colorsys')).toBe('Ran 7 tests: OK');
    const fixed = await runNode([CLI_BIN, 'fix', 'wrap-performance-monitor', '.'], dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('2 files changed, 5 unchanged, 0 skipped, 0 failed');
    const decorated = (file: string): number => (fs.readFileSync(path.join(dir, file), 'utf8').match(/^ *@performance_monitor$/gmu) ?? []).length;
    expect([decorated('textwrap.py'), decorated('colorsys.py')]).toEqual([7, 6]);
    expect(unittestCounts(dir, 'test_textwrap')).toBe('Ran 66 tests: OK');
    expect(unittestCounts(dir, 'test_colorsys')).toBe('Ran 7 tests: OK');
    const measured = spawnSync(
      'python3',
      ['-B', '-c', 'import unittest, test_textwrap\nfrom performance.monitor import performance_stats\nunittest.main(module=test_textwrap, exit=False, verbosity=0)\nprint(sorted(performance_stats()))'],
      { cwd: dir, env: { ...process.env, PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8' },
    );
    expect(measured.stdout).toBe(
      "['textwrap.TextWrapper.fill', 'textwrap.TextWrapper.wrap', 'textwrap.dedent', 'textwrap.fill', 'textwrap.indent', 'textwrap.shorten', 'textwrap.wrap']\n",
    );
    // A second run has nothing to do.
    execFileSync('git', ['add', '-A'], { cwd: dir });
    const again = await runNode([CLI_BIN, 'fix', 'wrap-performance-monitor', '--force', '.'], dir);
    expect(again.stdout).toContain('0 files changed');
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
    expect(fixed.stdout).toMatch(/note {5}test_textwrap\.py: pyright 1\.1\.414 \(.*\): 2 runs; kept 90 of 90 annotations/);
    expect(fixed.stdout).toContain('note     textwrap.py: added 15 type annotations');
    const after = snapshotTree(dir);
    expect([...after.keys()].filter((file) => !before.get(file)?.equals(after.get(file) as Buffer)).sort()).toEqual(['test_textwrap.py', 'textwrap.py']);
    // `text` has no annotation: pyright's return type would be a guess (Unknown argument), so none; `-> None` is syntax.
    expect(after.get('textwrap.py')?.toString()).toContain('    def fill(self, text):\n');
    expect(after.get('textwrap.py')?.toString()).toContain('    def _fix_sentence_endings(self, chunks) -> None:\n');
    expect(after.get('textwrap.py')?.toString()).toContain('def wrap(text, width: int = 70, **kwargs):\n');
    expect(unittestCounts(dir, 'test_textwrap')).toBe('Ran 66 tests: OK');
    expect(await pythonTypeErrors(dir)).toEqual(errorsBefore);
  });

  it('test_queues (CPython\'s asyncio queue tests, 44 tests): concurrent-await rewrites none of its loops (proves only that: each awaits a method of a queue it cannot type, or does more), names why, and leaves the file and its 44 passing tests as they were', async () => {
    const dir = scratchCopy({ 'test/test_asyncio/test_queues.py': 'test_queues.py' });
    const before = snapshotTree(dir);
    expect(unittestCounts(dir, 'test_queues')).toBe('Ran 44 tests: OK');
    const fixed = await runNode([CLI_BIN, 'fix', 'concurrent-await', '.'], dir);
    expect(fixed.code).toBe(0);
    // `await q.put(i)` calls a method of an object the codemod cannot type: it may not return a coroutine.
    const unproven = (line: number, call: string): string =>
      `  note     test_queues.py: line ${line}: left this loop as it is: \`${call}\` is not an undecorated \`async def\` of the project or an asyncio coroutine function, so it may return an awaitable that \`asyncio.gather\` cannot run (a class instance, another event loop's)`;
    expect(fixed.stdout.match(/^ {2}note .*$/gm)).toEqual([
      unproven(85, 'q.put'),
      '  note     test_queues.py: line 97: left this loop as it is: its body does more than await one call per item (`await f(x)`) or append it (`results.append(await f(x))`)',
      unproven(198, 'queue.put'),
      unproven(439, 'q.put'),
      unproven(450, 'q.put'),
    ]);
    expect(fixed.stdout).not.toMatch(/^ {2}changed/m);
    expect(snapshotTree(dir)).toEqual(before);
    expect(unittestCounts(dir, 'test_queues')).toBe('Ran 44 tests: OK');
  });

  // No loop of the standard library's (3.11) is one the codemod rewrites: of the one-statement loops of awaits
  // in an `async def` (test_queues', test_tasks' `await f` of a future, test_windows_events' `create_task`), none
  // awaits a call of a coroutine function it can prove. So what test_queues proved of gather before the codemod
  // required that (decision 34: asyncio wakes queue putters in FIFO order) is proven by a program on asyncio's own
  // Queue and Lock whose loops it does rewrite.
  it('asyncio.Queue and asyncio.Lock under gather (fixtures/codemods/concurrent-await/python-asyncio-queue): three loops rewritten, and the program prints the same queue order, values and error', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-asyncio-queue', 'input');
    const run = await runFixturePair('concurrent-await', 'python-asyncio-queue', [concurrentAwait]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['main.py']);
    expect(run.report.notes).toEqual([]);
    const written = fs.readFileSync(path.join(run.dir, 'main.py'), 'utf8');
    expect(written.match(/^ {4}.*asyncio\.gather\(.*$/gm)).toEqual([
      '    await asyncio.gather(*(put(item) for item in items))',
      '    await asyncio.gather(*(put_checked(item) for item in items))',
      '    numbered = await asyncio.gather(*(take_ticket(name) for name in names))',
    ]);
    expect(written).not.toMatch(/^\s+for (?:item|name) in/m);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toEqual({
      code: 0,
      stdout: '{"bounded_queue_order": [5, 3, 8, 1, 9, 2], "left_in_queue": [], "tickets": ["ann#1", "bob#2", "cy#3", "dee#4"], "checked_error": "ValueError(\'cannot queue -1\')", "checked_queued": [4, 2]}\n',
      stderr: '',
    });
    expect(after).toEqual(before);
    expect(await pythonTypeErrors(input)).toEqual([]);
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
  });

  it('lib2to3 with test_lib2to3 (671 tests): rename-one-off-scripts leaves the fixers found by their `fix_` prefix, and the tests still pass', async () => {
    // lib2to3 lists lib2to3/fixes with pkgutil.iter_modules, keeps names starting with "fix_" and imports
    // pkg + ".fix_" + name: renaming fix_next.py made 477 tests fail with ModuleNotFoundError.
    const dir = scratchCopy({ lib2to3: 'lib2to3', 'test/__init__.py': 'test/__init__.py', 'test/test_lib2to3.py': 'test/test_lib2to3.py', 'test/support': 'test/support' });
    const before = snapshotTree(dir);
    const fixed = await runNode([CLI_BIN, 'fix', 'rename-one-off-scripts', '.'], dir);
    expect(fixed.code).toBe(1);
    const failed = fixed.stdout.match(/^ {2}failed {3}.*$/gm) ?? [];
    expect(failed).toHaveLength(57);
    expect(failed[0]).toBe(
      '  failed   lib2to3/fixes/fix_apply.py: cannot be renamed to lib2to3/fixes/apply_repair.py: ' +
        'lib2to3/main.py line 226: `".fix_"` holds its name\'s prefix `fix_`, so modules named like it may be found by name at run time; ' +
        'lib2to3/main.py line 234: `".fix_"` holds its name\'s prefix `fix_`, so modules named like it may be found by name at run time; ' +
        'lib2to3/refactor.py line 33: `__import__(…)` may find lib2to3/fixes/ modules by a name built at run time; ' +
        'lib2to3/refactor.py line 35: `pkgutil.iter_modules(…)` may find lib2to3/fixes/ modules by a name built at run time; ' +
        "7 more places; fix those by hand, or add the file to the rule's `ignore`",
    );
    expect(fixed.stdout).toContain('0 files changed, 61 unchanged, 1 skipped, 57 failed');
    expect(snapshotTree(dir)).toEqual(before);
    expect(unittestCounts(dir, 'test.test_lib2to3')).toBe('Ran 671 tests: OK');
  });
});
