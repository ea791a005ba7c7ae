import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import performanceNow from '../../codemods/performance-now.js';
import { CODEMOD_FIXTURES, describeFixturePairs, rerun, runFixturePair } from './fixture-pairs.js';
import { clockPatchesReaching, pythonClockPatches } from '../../standards/concurrency-and-timing/python-clock-patches.js';
import { pythonTypeErrors, runFixtureProgram, runPythonProgram, typeErrors } from './fixture-programs.js';

// Where the run's root is; these codemods judge files by their own content only.
const CONTEXT = { root: '/' } as const;

describeFixturePairs('performance-now', [performanceNow]);

describe('performance-now: the program behaves the same', () => {
  it('durations: same output before and after, type-checks', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'performance-now', 'durations', 'input');
    const run = await runFixturePair('performance-now', 'durations', [performanceNow]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['src/timing.ts']);
    expect(typeErrors(input)).toEqual([]);
    expect(typeErrors(run.dir)).toEqual([]);
    const [before, after] = await Promise.all([runFixtureProgram(input), runFixtureProgram(run.dir)]);
    expect(before.code).toBe(0);
    expect(after).toEqual(before);
    expect(JSON.parse(after.stdout)).toEqual({
      timed: [299995, 'number', true],
      timedAsync: [2997, true],
      stamped: [24, true, true],
      withinDeadline: true,
    });
  });

  it('python-durations: time.time() durations become time.perf_counter(), the program prints the same, pyright reports nothing', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'performance-now', 'python-durations', 'input');
    const run = await runFixturePair('performance-now', 'python-durations', [performanceNow]);
    const changed = run.report.files.filter((file) => file.status === 'changed').map((file) => file.path);
    expect(changed.sort()).toEqual(['timing/aliases.py', 'timing/work.py']);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(after).toEqual(before);
    expect(await pythonTypeErrors(input)).toEqual([]);
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
    expect(JSON.parse(after.stdout)).toEqual({
      timed: [2666466670000, 'float', true],
      stamped: [8995500500, true, true],
      measured: [12497500, 'float', true],
      in_datetime: [4950, 'timedelta'],
      untouched: 'no clock read here',
    });
  });

  it('python-unused-imports: an import the fix left unused goes, unless exported or imported by another module; the program prints the same, pyright reports nothing', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'performance-now', 'python-unused-imports', 'input');
    const run = await runFixturePair('performance-now', 'python-unused-imports', [performanceNow]);
    const changed = run.report.files.filter((file) => file.status === 'changed').map((file) => file.path);
    expect(changed.sort()).toEqual(['timing/clock_source.py', 'timing/exported.py', 'timing/local_import.py', 'timing/now_alias.py']);
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'timing/clock_source.py: line 1: kept the import of `clock`, no longer used here: another module of the project may import it from this one',
    ]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(after).toEqual(before);
    expect(JSON.parse(after.stdout)).toEqual({
      now_alias: [499500, 'float', true],
      exported: [19900, ['measured', 'now']],
      clock_source: [44850, true],
      local_import: [79800, 'Times with a clock imported where it is used.'],
    });
    expect(await pythonTypeErrors(input)).toEqual([]);
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
  });

  it('python-clock-patches: modules whose time.time the tests patch keep it, with a note naming the patch; the tests pass before and after', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'performance-now', 'python-clock-patches', 'input');
    const run = await runFixturePair('performance-now', 'python-clock-patches', [performanceNow]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['shop/reports.py']);
    const reason = 'left its wall-clock durations as they are: the project patches the `time.time` this module reads, which `time.perf_counter()` would not follow:';
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      `shop/billing.py: ${reason} tests/test_timing.py:15 (\`patch.object(billing.time, "time")\`)`,
      `shop/orders.py: ${reason} tests/test_timing.py:10 (\`patch("shop.orders.time.time")\`)`,
    ]);
    const unittest = ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'];
    const [before, after] = await Promise.all([runPythonProgram(input, unittest), runPythonProgram(run.dir, unittest)]);
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/^\.\.\.\n-+\nRan 3 tests in [\d.]+s\n\nOK\n$/u);
  });

  it('finds the patches of the wall clock a Python project makes, and the modules they reach', () => {
    const text = [
      '@mock.patch("pkg.jobs.time.time", return_value=1.0)',
      'monkeypatch.setattr("pkg.clock.time", fake)',
      'monkeypatch.setattr(time, "time", lambda: 5.0)',
      'with patch.object(jobs.time, "time"):',
      'from freezegun import freeze_time',
      'label = "pkg.jobs.time.time"',
    ].join('\n');
    const patches = pythonClockPatches('tests/test_jobs.py', text);
    expect(patches).toEqual([
      { site: 'tests/test_jobs.py:1', written: 'patch("pkg.jobs.time.time")', module: 'pkg.jobs' },
      { site: 'tests/test_jobs.py:2', written: 'patch("pkg.clock.time")', module: 'pkg.clock' },
      { site: 'tests/test_jobs.py:3', written: 'setattr(time, "time")', module: null },
      { site: 'tests/test_jobs.py:4', written: 'patch.object(jobs.time, "time")', module: 'jobs' },
      { site: 'tests/test_jobs.py:5', written: 'import freezegun', module: null },
    ]);
    const byModule = patches.filter((patch) => patch.module !== null);
    expect(clockPatchesReaching('pkg/jobs.py', byModule).map((patch) => patch.site)).toEqual(['tests/test_jobs.py:1', 'tests/test_jobs.py:4']);
    expect(clockPatchesReaching('src/pkg/clock.py', byModule).map((patch) => patch.site)).toEqual(['tests/test_jobs.py:2']);
    expect(clockPatchesReaching('pkg/other.py', byModule)).toEqual([]);
    expect(clockPatchesReaching('pkg/other.py', patches).map((patch) => patch.site)).toEqual(['tests/test_jobs.py:3', 'tests/test_jobs.py:5']);
  });

  it('notes each report it leaves (a suggestion only, or no sure spelling of the clock), with the reason, and changes nothing there', () => {
    const notes: string[] = [];
    const noting = { root: '/', note: (message: string): void => void notes.push(message) };
    const transform = (source: string, file: string): string | undefined => performanceNow.transform({ path: file, source }, {} as never, {}, noting);
    // The F25 shape: the end is a variable (`e`), which may be read as a timestamp elsewhere.
    const reused = 'import time\n\n\ndef run() -> float:\n    s = time.time()\n    dur = time.time() - s\n    s = time.time()\n    e = time.time()\n    dur = e - s\n    return dur\n';
    expect(transform(reused, '/p/test_socket.py')).toBeUndefined();
    expect(transform('function run(): number {\n  const start = Date.now();\n  const end = Date.now();\n  return end - start;\n}\n', '/p/run.ts')).toBeUndefined();
    expect(transform('import { performance } from "./clock";\nexport function run(): number {\n  const start = Date.now();\n  return Date.now() - start;\n}\n', '/p/local.ts')).toBeUndefined();
    const suggestionOnly = 'the change is only a suggestion: the start is read other than as the start of this duration, an end is in another function or a variable that may be read as a timestamp';
    expect(notes).toEqual([
      `line 5:9: left this wall-clock duration as it is: ${suggestionOnly}, or the clock is \`datetime\`; apply it in an editor once the reads are timestamps no longer`,
      `line 7:9: left this wall-clock duration as it is: ${suggestionOnly}, or the clock is \`datetime\`; apply it in an editor once the reads are timestamps no longer`,
      `line 2:17: left this wall-clock duration as it is: ${suggestionOnly}; apply it in an editor once the reads are timestamps no longer`,
      'line 3:17: left this wall-clock duration as it is: a local `performance` hides the global `performance.now()`; change it by hand',
    ]);
  });

  it('on Python: removes an import the fix left unused only where nothing else can read it', () => {
    const notes: string[] = [];
    const noting = { root: '/', note: (message: string): void => void notes.push(message) };
    const transform = (source: string, options: Record<string, unknown>, file = '/p/clock.py'): string | undefined => performanceNow.transform({ path: file, source }, {} as never, options, noting);
    const duration = 'def run() -> float:\n    start = now()\n    return now() - start\n';
    const fixed = 'def run() -> float:\n    start = perf_counter()\n    return perf_counter() - start\n';
    // Checked: no other module imports `now`.
    expect(transform(`from time import time as now\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import perf_counter\n\n\n${fixed}`);
    expect(transform(`from time import (\n    time as now,\n    sleep,\n)\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import (\n    sleep, perf_counter,\n)\n\n\n${fixed}`);
    // Not checked (called outside the runner), or another module may import it: kept, with a note.
    expect(transform(`from time import time as now\n\n\n${duration}`, {})).toBe(`from time import time as now, perf_counter\n\n\n${fixed}`);
    expect(transform(`from time import time as now\n\n\n${duration}`, { importedElsewhere: ['now'] })).toBe(`from time import time as now, perf_counter\n\n\n${fixed}`);
    expect(notes).toEqual([
      'line 1: kept the import of `now`, no longer used here: other modules were not checked for importing it',
      'line 1: kept the import of `now`, no longer used here: another module of the project may import it from this one',
    ]);
    // The module exports it (a package's __init__, __all__, a name looked up dynamically), or removing its line would take a comment.
    expect(transform(`from time import time as now\n\n\n${duration}`, { importedElsewhere: [] }, '/p/pkg/__init__.py')).toBe(`from time import time as now, perf_counter\n\n\n${fixed}`);
    expect(transform(`from time import time as now\n__all__ = ["now"]\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import time as now, perf_counter\n__all__ = ["now"]\n\n\n${fixed}`);
    expect(transform(`from time import time as now\n__all__ = names()\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import time as now, perf_counter\n__all__ = names()\n\n\n${fixed}`);
    expect(transform(`from time import time as now\nexported = globals()\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import time as now, perf_counter\nexported = globals()\n\n\n${fixed}`);
    expect(transform(`from time import time as now  # the clock\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import perf_counter  # the clock\n\n\n${fixed}`);
    expect(transform('import json\n\n\ndef run() -> float:\n    from time import time as now  # the clock\n    start = now()\n    return now() - start\n', {})).toBe(
      'import json\nimport time\n\n\ndef run() -> float:\n    from time import time as now  # the clock\n    start = time.perf_counter()\n    return time.perf_counter() - start\n',
    );
    // Still read elsewhere, or unused before the fix (not the fix's doing): kept.
    expect(transform(`from time import time as now\n\n\n${duration}\nSTAMP = now()\n`, { importedElsewhere: [] })).toBe(`from time import time as now, perf_counter\n\n\n${fixed}\nSTAMP = now()\n`);
    expect(transform(`from time import time as now, time as then\n\n\n${duration}`, { importedElsewhere: [] })).toBe(`from time import time as then, perf_counter\n\n\n${fixed}`);
    // Inside a function no other module can reach it: removed without the project's word.
    expect(transform('"""Doc."""\n\n\ndef run() -> float:\n    from time import time as now\n    start = now()\n    return now() - start\n', {})).toBe(
      '"""Doc."""\n\n\nimport time\n\n\ndef run() -> float:\n    start = time.perf_counter()\n    return time.perf_counter() - start\n',
    );
  });

  it('on Python: follows eslint-disable comments, skips files that call no `.time` and import nothing from `time`, fails a file it cannot parse', () => {
    const disabled = 'import time\ns = time.time()  # eslint-disable-line perf-standards/prefer-performance-now\nprint(time.time() - s)\n';
    expect(performanceNow.transform({ path: '/p/a.py', source: disabled }, {} as never, {}, CONTEXT)).toBeUndefined();
    expect(performanceNow.transform({ path: '/p/b.py', source: 'def f():\n    return 1\n' }, {} as never, {}, CONTEXT)).toBeUndefined();
    expect(performanceNow.transform({ path: '/p/c.py', source: 'import time as t\ns = t.time()\nprint(t.time() - s)\n' }, {} as never, {}, CONTEXT)).toBe(
      'import time as t\ns = t.perf_counter()\nprint(t.perf_counter() - s)\n',
    );
    // The word `time` alone (an import, a comment) is not a read of the clock: not parsed, so not failed either.
    expect(performanceNow.transform({ path: '/p/e.py', source: 'import time\n# the time of day\ndef f(:\n' }, {} as never, {}, CONTEXT)).toBeUndefined();
    expect(performanceNow.transform({ path: '/p/f.py', source: 'from time import time as now\ns = now()\nprint(now() - s)\n' }, {} as never, {}, CONTEXT)).toBe(
      'from time import time as now, perf_counter\ns = perf_counter()\nprint(perf_counter() - s)\n',
    );
    expect(performanceNow.transform({ path: '/p/g.py', source: 'import time\ns = time \\\n    .time()\nprint(time.time() - s)\n' }, {} as never, {}, CONTEXT)).toBe(
      'import time\ns = time.perf_counter()\nprint(time.perf_counter() - s)\n',
    );
    expect(() => performanceNow.transform({ path: '/p/d.py', source: 'import time\ns = time.time(\n' }, {} as never, {}, CONTEXT)).toThrow(/^cannot parse: /);
  });

  it('follows eslint-disable comments for the rule and skips files that never read the wall clock', () => {
    const disabled = 'const s = Date.now(); // eslint-disable-line perf-standards/prefer-performance-now\nf(Date.now() - s);\n';
    expect(performanceNow.transform({ path: 'a.ts', source: disabled }, {} as never, {}, CONTEXT)).toBeUndefined();
    expect(performanceNow.transform({ path: 'b.ts', source: 'const s = performance.now();\n' }, {} as never, {}, CONTEXT)).toBeUndefined();
    expect(performanceNow.transform({ path: '/abs/c.jsx', source: 'const s = Date.now();\nrender(<p>{Date.now() - s}</p>);\n' }, {} as never, {}, CONTEXT)).toBe(
      'const s = performance.now();\nrender(<p>{performance.now() - s}</p>);\n',
    );
  });

  it('marks a file it cannot parse as failed', () => {
    expect(() => performanceNow.transform({ path: 'd.ts', source: 'const s = Date.now(; ' }, {} as never, {}, CONTEXT)).toThrow(/^cannot parse: /);
  });

  it('words a file it cannot parse as the other codemods do: "cannot parse: <error> (line N)", the file untouched', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'performance-now-bad-'));
    try {
      fs.mkdirSync(path.join(dir, 'pkg'));
      const broken = 'import time\n\ndef f(:\n    return time.time()\n';
      fs.writeFileSync(path.join(dir, 'pkg', 'broken.py'), broken);
      fs.writeFileSync(path.join(dir, 'pkg', 'broken.ts'), 'const s = Date.now(;\n');
      const report = await rerun(dir, [performanceNow]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status === 'failed' ? file.reason : file.status]).sort()).toEqual([
        ['pkg/broken.py', 'cannot parse: invalid syntax: expected `)` (line 3)'],
        ['pkg/broken.ts', "cannot parse: ')' expected. (line 1)"],
      ]);
      expect(fs.readFileSync(path.join(dir, 'pkg', 'broken.py'), 'utf8')).toBe(broken);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a Python 2 file untouched, with the error CPython 3 gives, although tree-sitter-python parses it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'performance-now-python2-'));
    try {
      const legacy = 'import sys\nimport time\n\nstart = time.time()\ntry:\n    work()\nexcept ValueError, e:\n    print >> sys.stderr, "failed after", time.time() - start, e\n';
      fs.writeFileSync(path.join(dir, 'legacy.py'), legacy);
      const octal = 'import time\n\nstart = time.time()\nmode = 0755\nprint(time.time() - start, mode)\n';
      fs.writeFileSync(path.join(dir, 'octal.py'), octal);
      const report = await rerun(dir, [performanceNow]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status === 'failed' ? file.reason : file.status]).sort()).toEqual([
        ['legacy.py', 'cannot parse: multiple exception types must be parenthesized (line 7)'],
        ['octal.py', 'cannot parse: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (line 4)'],
      ]);
      expect(fs.readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe(legacy);
      expect(fs.readFileSync(path.join(dir, 'octal.py'), 'utf8')).toBe(octal);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fixes a Python file with CR-only line endings (CPython reads them) and writes CR endings back; a second run changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'performance-now-cr-'));
    try {
      const file = path.join(dir, 'cr2.py');
      fs.writeFileSync(file, 'import time\r\r\rdef f(g):\r    start = time.time()\r    g()\r    return time.time() - start\r');
      const report = await rerun(dir, [performanceNow]);
      expect(report.files.map((entry) => [entry.path, entry.status])).toEqual([['cr2.py', 'changed']]);
      expect(fs.readFileSync(file, 'utf8')).toBe('import time\r\r\rdef f(g):\r    start = time.perf_counter()\r    g()\r    return time.perf_counter() - start\r');
      expect((await rerun(dir, [performanceNow])).files.map((entry) => [entry.path, entry.status])).toEqual([['cr2.py', 'unchanged']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
