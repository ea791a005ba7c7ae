import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import concurrentAwait from '../../codemods/concurrent-await.js';
import { pythonAsyncFacts } from '../../standards/concurrency-and-timing/python-event-loops.js';
import { CODEMOD_FIXTURES, describeFixturePairs, runFixturePair } from './fixture-pairs.js';
import { pyenvPython, pythonTypeErrors, runFixtureProgram, runPythonProgram, typeErrors } from './fixture-programs.js';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';

// Where the run's root is; these codemods judge files by their own content only.
const CONTEXT = { root: '/' } as const;

describeFixturePairs('concurrent-await', [concurrentAwait]);

interface Measured {
  readonly result: unknown;
  readonly maxInFlight: number;
  readonly calls: number;
}

async function report(dir: string): Promise<Record<string, Measured>> {
  const run = await runFixtureProgram(dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, Measured>;
}

interface PythonMeasured {
  readonly result: unknown;
  readonly max_in_flight: number;
  readonly calls: readonly string[];
}

async function pythonReport(dir: string): Promise<Record<string, PythonMeasured>> {
  const run = await runPythonProgram(dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, PythonMeasured>;
}

// A copy of `from` (or an empty folder) outside the repository, so `check` there finds no eslint.config of ours.
const copies: string[] = [];
afterAll((): void => {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copied(from: string | null): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'concurrent-await-')));
  copies.push(dir);
  if (from !== null) fs.cpSync(from, dir, { recursive: true });
  return dir;
}

// `file rule message` for each problem `perf-standards check` reports in `dir` (the recommended config), sorted.
async function checkProblems(dir: string): Promise<string[]> {
  const checked = await runNode([CLI_BIN, 'check', '.', '--format', 'json'], dir);
  const results = JSON.parse(checked.stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  return results.flatMap((result) => result.messages.map((message) => `${path.relative(dir, result.filePath)} ${message.ruleId ?? ''} ${message.message}`)).sort();
}

// Python 3.7 (no `list[int]` at run time): a collecting loop, and an effects loop cut off by a timeout.
const LIMIT_37_PROGRAM = `import asyncio
from typing import List


async def work(i: int) -> int:
    await asyncio.sleep(0.001 * i)
    return i * 10


async def collect(ids: List[int]) -> List[int]:
    results = []
    for i in ids:
        results.append(await work(i))
    return results


async def slow(i: int) -> None:
    await asyncio.sleep(10 + i)


async def touch_all(ids: List[int]) -> None:
    for i in ids:
        await slow(i)


async def main() -> None:
    print(await collect([3, 1, 2]))
    try:
        await asyncio.wait_for(touch_all([1, 2, 3, 4, 5]), 0.05)
    except asyncio.TimeoutError:
        print("timed out")


asyncio.run(main())
`;

const changedFiles = (run: { readonly report: { readonly files: readonly { readonly path: string; readonly status: string }[] } }): string[] =>
  run.report.files.filter((file) => file.status === 'changed').map((file) => file.path).sort();

const CASES = [
  { name: 'promise-all', converted: ['loadUsers', 'sizes', 'touchAll', 'grid'], bound: null },
  { name: 'limit', converted: ['fetchAll', 'pingAll'], bound: 2 },
  // concurrent-await-destructured-member and concurrent-await-aliased-pause: nothing converted, one call at a time.
  { name: 'carried-and-paced', converted: [], bound: null },
] as const;

describe('concurrent-await: the programs behave the same, with calls in flight together', () => {
  for (const { name, converted, bound } of CASES) {
    it(`${name}: same results before and after, more than one call in flight for converted loops, type-checks`, async () => {
      const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', name, 'input');
      const run = await runFixturePair('concurrent-await', name, [concurrentAwait]);
      expect(typeErrors(input)).toEqual([]);
      expect(typeErrors(run.dir)).toEqual([]);
      const [before, after] = await Promise.all([report(input), report(run.dir)]);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const [job, measured] of Object.entries(before)) {
        expect(after[job]?.result, job).toEqual(measured.result);
        expect(after[job]?.calls, job).toBe(measured.calls);
        expect(measured.maxInFlight, `${job} before`).toBe(1);
        const expected = (converted as readonly string[]).includes(job) ? (bound ?? expect.any(Number)) : 1;
        expect(after[job]?.maxInFlight, `${job} after`).toEqual(expected);
        if ((converted as readonly string[]).includes(job)) expect(after[job]?.maxInFlight, job).toBeGreaterThan(1);
      }
    });
  }
});

describe('concurrent-await: options', () => {
  it('rejects a limit that is not a whole number of at least 1', () => {
    const file = { path: 'a.ts', source: 'async function f(xs) { for (const x of xs) await g(x); }' };
    expect(() => concurrentAwait.transform(file, {} as never, { limit: 0 }, CONTEXT)).toThrow('the limit option must be a whole number of at least 1, got 0');
    expect(() => concurrentAwait.transform(file, {} as never, { runtimeModule: '' }, CONTEXT)).toThrow('the runtimeModule option must be a module specifier, got ""');
  });

  it('reads the rule’s sequential list: a call added there keeps its loop', () => {
    const file = { path: 'a.ts', source: 'export async function f(xs: string[]) {\n  for (const x of xs) await bucket.upload(x);\n}\n' };
    expect(concurrentAwait.transform(file, {} as never, { sequential: { add: ['*.upload'] } }, CONTEXT)).toBeUndefined();
    expect(concurrentAwait.transform(file, {} as never, {}, CONTEXT)).toBe(
      'export async function f(xs: string[]) {\n  await Promise.all(Array.from(xs, async (x) => { await bucket.upload(x); }));\n}\n',
    );
  });

  it('leaves CommonJS alone when the limit needs an import, and follows the file’s quotes and semicolons', () => {
    const commonJs = { path: 'a.js', source: 'const g = require("g")\nasync function f(xs) {\n  for (const x of xs) await g(x)\n}\n' };
    expect(concurrentAwait.transform(commonJs, {} as never, { limit: 3 }, CONTEXT)).toBeUndefined();
    expect(concurrentAwait.transform(commonJs, {} as never, {}, CONTEXT)).toBe(
      'const g = require("g")\nasync function f(xs) {\n  await Promise.all(Array.from(xs, async (x) => { await g(x) }))\n}\n',
    );
    const module = { path: 'a.mjs', source: 'import g from "g"\nexport async function f(xs) {\n  for (const x of xs) await g(x)\n}\n' };
    expect(concurrentAwait.transform(module, {} as never, { limit: 3 }, CONTEXT)).toBe(
      'import g from "g"\nimport { mapConcurrent } from "eslint-plugin-perf-standards/runtime"\nexport async function f(xs) {\n  await mapConcurrent(xs, 3, async (x) => { await g(x) })\n}\n',
    );
  });
});

describe('concurrent-await on Python: the programs behave the same, with calls in flight together', () => {
  it('python-gather: same results and calls in the same order, every converted job with all its calls in flight, pyright reports nothing', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-gather', 'input');
    const run = await runFixturePair('concurrent-await', 'python-gather', [concurrentAwait]);
    expect(changedFiles(run)).toEqual(['jobs/collect.py', 'jobs/effects.py', 'jobs/generators.py']);
    expect(run.report.notes).toEqual([]);
    const [before, after] = await Promise.all([pythonReport(input), pythonReport(run.dir)]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const [job, measured] of Object.entries(before)) {
      expect(after[job]?.result, job).toEqual(measured.result);
      expect(after[job]?.calls, job).toEqual(measured.calls);
      expect(measured.max_in_flight, `${job} before`).toBe(1);
    }
    const inFlight = Object.fromEntries(Object.entries(after).map(([job, measured]): [string, number] => [job, measured.max_in_flight]));
    // Each converted job has all its calls in flight at once; `polled` (paced) stays one at a time.
    expect(inFlight).toEqual({ crawl: 3, fetch_pages: 4, labels: 3, pick: 2, polled: 1, shout_all: 3, sizes: 3, touch_all: 3 });
    expect(await pythonTypeErrors(input)).toEqual([]);
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
  });

  it('python-limit: with --limit 2 at most two calls are in flight, results unchanged, pyright reports nothing', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-limit', 'input');
    const run = await runFixturePair('concurrent-await', 'python-limit', [concurrentAwait]);
    expect(changedFiles(run)).toEqual(['jobs/bounded.py']);
    const [before, after] = await Promise.all([pythonReport(input), pythonReport(run.dir)]);
    expect(after).toEqual({
      fetch_all: { ...before.fetch_all, max_in_flight: 2 },
      ping_all: { ...before.ping_all, max_in_flight: 2 },
    });
    expect(before.fetch_all?.max_in_flight).toBe(1);
    expect(before.ping_all?.max_in_flight).toBe(1);
    expect(await pythonTypeErrors(input)).toEqual([]);
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
  });

  it("python-limit: the bounded helper it writes passes the plugin's recommended rules: `check` reports nothing the input did not, less the loops", async () => {
    const input = copied(path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-limit', 'input'));
    const run = await runFixturePair('concurrent-await', 'python-limit', [concurrentAwait]);
    const [before, after] = await Promise.all([checkProblems(input), checkProblems(run.dir)]);
    expect(before.filter((problem: string): boolean => problem.includes('perf-standards/prefer-concurrent-await'))).toHaveLength(2);
    expect(after).toEqual(before.filter((problem: string): boolean => !problem.includes('perf-standards/prefer-concurrent-await')));
    expect(after.some((problem: string): boolean => problem.includes('require-explicit-types'))).toBe(false);
  });

  it('with --limit on a Python 3.7 program: valid for 3.7 (pyright, and run by 3.7), same results, and a timeout while calls wait for their turn warns of nothing', async () => {
    const dir = copied(null);
    fs.writeFileSync(path.join(dir, 'main.py'), LIMIT_37_PROGRAM);
    fs.writeFileSync(path.join(dir, 'setup.cfg'), '[options]\npython_requires = >=3.7\n');
    const oldest = pyenvPython(7);
    const before = await runPythonProgram(dir, ['main.py'], oldest);
    expect(before).toEqual({ code: 0, stdout: '[30, 10, 20]\ntimed out\n', stderr: '' });
    const notes: string[] = [];
    const converted = concurrentAwait.transform({ path: path.join(dir, 'main.py'), source: LIMIT_37_PROGRAM }, {} as never, { limit: 2 }, { root: dir, note: (message: string): void => void notes.push(message) });
    expect(notes).toEqual([]);
    expect(converted?.match(/asyncio\.gather\(\*\(bounded(?:_\d)?\(\w+\(i\)\) for i in ids\)\)/gu)).toHaveLength(2);
    fs.writeFileSync(path.join(dir, 'main.py'), converted ?? '');
    // Without closing the coroutines still waiting, each would print "RuntimeWarning: coroutine 'slow' was never awaited".
    expect(await runPythonProgram(dir, ['main.py'], oldest)).toEqual(before);
    expect(await runPythonProgram(dir)).toEqual(before);
    const pyright = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'pyright', 'index.js'), '--pythonversion', '3.7', '--outputjson', 'main.py'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect((JSON.parse(pyright.stdout) as { generalDiagnostics: { message: string }[] }).generalDiagnostics.map((diagnostic) => diagnostic.message)).toEqual([]);
  });

  it('python-exceptions: the one change: later calls start before an earlier one fails, and the first error to happen surfaces', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-exceptions', 'input');
    const run = await runFixturePair('concurrent-await', 'python-exceptions', [concurrentAwait]);
    expect(changedFiles(run)).toEqual(['main.py']);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(before.stdout)).toEqual({
      all_succeed: { result: ['A', 'B'], started: ['a', 'b'] },
      one_fails: { error: "ValueError('boom')", started: ['a', 'boom'] },
      two_fail: { error: "ValueError('slow')", started: ['a', 'slow'] },
    });
    expect(JSON.parse(after.stdout)).toEqual({
      all_succeed: { result: ['A', 'B'], started: ['a', 'b'] },
      one_fails: { error: "ValueError('boom')", started: ['a', 'boom', 'c'] },
      two_fail: { error: "ValueError('fast')", started: ['a', 'slow', 'fast'] },
    });
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
  });

  it('python-own-loop: a project that runs coroutines on its own loop keeps its loops (gather would hand that loop a future), and prints the same', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-own-loop', 'input');
    const run = await runFixturePair('concurrent-await', 'python-own-loop', [concurrentAwait]);
    expect(changedFiles(run)).toEqual([]);
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      "tasks/workers.py: line 12: left this loop as it is: `Schedule` is not an undecorated `async def` of the project or an asyncio coroutine function, so it may return an awaitable that `asyncio.gather` cannot run (a class instance, another event loop's)",
      'tasks/workers.py: line 23: left this loop as it is: `asyncio.gather` needs an asyncio event loop, and the project may run its coroutines under another: tasks/loop.py runs its own event loop: it drives coroutines with `coro.send(event)` (line 29)',
    ]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toEqual({ code: 0, stdout: '["a starts", "a ends", "b starts", "started", "b ends", "C", "D"]\n', stderr: '' });
    expect(after).toEqual(before);
  });

  it('python-trio: a file that imports trio keeps its loops (trio.run starts no asyncio loop), and prints the same', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'concurrent-await', 'python-trio', 'input');
    const run = await runFixturePair('concurrent-await', 'python-trio', [concurrentAwait]);
    expect(changedFiles(run)).toEqual([]);
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'jobs.py: line 12: left this loop as it is: `asyncio.gather` needs an asyncio event loop, and the project may run its coroutines under another: this file imports `trio`, another event loop',
    ]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toEqual({ code: 0, stdout: '[2, 4, 6]\n', stderr: '' });
    expect(after).toEqual(before);
  });

  it('only an awaited coroutine function is gathered: a class, a decorated def, an unknown name stay; an imported project def and asyncio.to_thread go', () => {
    const notes: string[] = [];
    const transform = (source: string, options: Record<string, unknown> = {}): string | undefined =>
      concurrentAwait.transform({ path: '/p/app/jobs.py', source }, {} as never, options, { root: '/p', note: (message: string): void => void notes.push(message) });
    const loopOver = (call: string): string => `import asyncio\n${call === 'load(i)' ? 'from app.io import load\n' : ''}\n\nasync def run(ids):\n    for i in ids:\n        await ${call}\n`;
    expect(transform(`${loopOver('Ticket(i)')}\n\nclass Ticket:\n    def __init__(self, i):\n        self.i = i\n`)).toBeUndefined();
    expect(transform(`${loopOver('work(i)')}\n\n@cached\nasync def work(i):\n    return i\n`)).toBeUndefined();
    expect(transform(loopOver('load(i)'))).toBeUndefined();
    expect(notes.map((note: string): string => note.replace(/ is not an undecorated.*/u, ''))).toEqual([
      'line 5: left this loop as it is: `Ticket`',
      'line 5: left this loop as it is: `work`',
      'line 6: left this loop as it is: `load`',
    ]);
    const facts = { pythonAsyncFacts: { coroutineFunctions: { 'app.io': ['load'], 'app.jobs': ['run'] }, foreignLoop: null } };
    expect(transform(loopOver('load(i)'), facts)).toBe('import asyncio\nfrom app.io import load\n\n\nasync def run(ids):\n    await asyncio.gather(*(load(i) for i in ids))\n');
    expect(transform(loopOver('asyncio.to_thread(print, i)'))).toBe('import asyncio\n\n\nasync def run(ids):\n    await asyncio.gather(*(asyncio.to_thread(print, i) for i in ids))\n');
    const elsewhere = { pythonAsyncFacts: { ...facts.pythonAsyncFacts, foreignLoop: 'app/runner.py imports `anyio`, another event loop' } };
    expect(transform(loopOver('load(i)'), elsewhere)).toBeUndefined();
    expect(notes.at(-1)).toBe('line 6: left this loop as it is: `asyncio.gather` needs an asyncio event loop, and the project may run its coroutines under another: app/runner.py imports `anyio`, another event loop');
  });

  it("reads the project's event-loop facts, parsing only files whose text may concern them", () => {
    const facts = pythonAsyncFacts([
      { path: 'app/io.py', text: 'async def load(i):\n    return i\n' },
      { path: 'app/plain.py', text: 'def f(:\n' },
      { path: 'app/__init__.py', text: '' },
    ]);
    expect(facts).toEqual({ coroutineFunctions: { 'app.io': ['load'], 'app.plain': [], app: [] }, monitorModules: [], foreignLoop: null });
    expect(pythonAsyncFacts([{ path: 'app/broken.py', text: 'async def f(:\n' }]).foreignLoop).toBe('app/broken.py does not parse, so it may run another event loop');
    expect(pythonAsyncFacts([{ path: 'app/loop.py', text: 'import anyio\n' }]).foreignLoop).toBe('app/loop.py imports `anyio`, another event loop');
  });

  it('python-left-alone: every loop the rule reports but the codemod keeps is noted with its reason', async () => {
    const run = await runFixturePair('concurrent-await', 'python-left-alone', [concurrentAwait]);
    expect(changedFiles(run)).toEqual([]);
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'loops.py: line 10: left this loop as it is: it fills a collection by key; gather returns a list, so rewrite it by hand (`dict(zip(keys, await asyncio.gather(…)))` with the keys in a list)',
      'loops.py: line 17: left this loop as it is: `user_id` is also used outside the loop, which leaves it bound to the last item (a generator expression binds its own)',
      'loops.py: line 26: left this loop as it is: it is inside `try`, where a handler could read the partly filled `names`, which gather does not bind until every call is done',
      'loops.py: line 35: left this loop as it is: it has an `else` clause',
      'loops.py: line 44: left this loop as it is: its body does more than await one call per item (`await f(x)`) or append it (`results.append(await f(x))`)',
      'loops.py: line 52: left this loop as it is: its body does more than await one call per item (`await f(x)`) or append it (`results.append(await f(x))`)',
      'loops.py: line 59: left this loop as it is: the rewrite would drop a comment inside it',
      'loops.py: line 68: left this loop as it is: the list `names` is not created empty (`names = []`) right before the loop',
      'loops.py: line 76: left this loop as it is: the list `names` is not created empty (`names = []`) right before the loop',
      'loops.py: line 87: left this loop as it is: a nested function or class reads `names`',
      'loops.py: line 93: left this loop as it is: its body does more than await one call per item (`await f(x)`) or append it (`results.append(await f(x))`)',
      'shadowed.py: line 10: left this loop as it is: the name `asyncio` is used in this file for something other than the `asyncio` module',
    ]);
  });
});

describe('concurrent-await on Python: writing the rewrite', () => {
  // The awaited calls are coroutine functions of the file (the gather is proven only for those); they stay last.
  const COROUTINES = '\n\nasync def load(*args):\n    return args\n\n\nasync def save(i):\n    return i\n';
  const convert = (source: string, options: Record<string, unknown> = {}): string | undefined => {
    const converted = concurrentAwait.transform({ path: '/p/jobs.py', source: `${source}${COROUTINES}` }, {} as never, options, CONTEXT);
    expect(converted === undefined || converted.endsWith(COROUTINES)).toBe(true);
    return converted?.slice(0, -COROUTINES.length);
  };
  const loop = 'async def run(ids: list[int]) -> list[str]:\n    names = []\n    for i in ids:\n        names.append(await load(i))\n    return names\n';
  const gathered = 'async def run(ids: list[int]) -> list[str]:\n    names = await asyncio.gather(*(load(i) for i in ids))\n    return names\n';

  it('adds `import asyncio` tidily: among plain imports in order, before from-imports, after a docstring or a __future__ import', () => {
    expect(convert(`import json\nimport time\nfrom app import dump\n\n\n${loop}`)).toBe(`import asyncio\nimport json\nimport time\nfrom app import dump\n\n\n${gathered}`);
    expect(convert(`import os\nimport sys\n\nfrom app import dump\n\n\n${loop}`)).toBe(`import asyncio\nimport os\nimport sys\n\nfrom app import dump\n\n\n${gathered}`);
    expect(convert(`import time\nimport json\n\n\n${loop}`)).toBe(`import time\nimport json\nimport asyncio\n\n\n${gathered}`);
    expect(convert(`"""Jobs."""\n\n\n${loop}`)).toBe(`"""Jobs."""\n\n\nimport asyncio\n\n\n${gathered}`);
    expect(convert(`from __future__ import annotations\n\n${loop}`)).toBe(`from __future__ import annotations\n\nimport asyncio\n\n\n${gathered}`);
    expect(convert(`#!/usr/bin/env python3\n${loop}`)).toBe(`#!/usr/bin/env python3\nimport asyncio\n\n\n${gathered}`);
  });

  it('reuses an existing asyncio import, under its alias', () => {
    expect(convert(`import asyncio as aio\n\n\n${loop}`)).toBe(`import asyncio as aio\n\n\n${gathered.replace('asyncio.gather', 'aio.gather')}`);
    expect(convert(`import asyncio.subprocess\n\n\n${loop}`)).toBe(`import asyncio.subprocess\n\n\n${gathered}`);
  });

  it('with a limit, names the semaphore, helper, coroutine and result type with names the function does not use', () => {
    const source = 'import asyncio\nimport typing\n\n\nasync def run(ids, semaphore, bounded):\n    for i in ids:\n        await load(i, semaphore.value + bounded.value)\n';
    expect(convert(source, { limit: 3 })).toBe(
      'import asyncio\nimport typing\n\n\nasync def run(ids, semaphore, bounded):\n    semaphore_2 = asyncio.Semaphore(3)\n\n    async def bounded_2(coroutine: typing.Coroutine[object, None, object]) -> None:\n        try:\n            async with semaphore_2:\n                await coroutine\n        finally:\n            coroutine.close()\n\n    await asyncio.gather(*(bounded_2(load(i, semaphore.value + bounded.value)) for i in ids))\n',
    );
    const collecting = 'import asyncio\nimport typing\n\n\nasync def run(ids):\n    names = []\n    for i in ids:\n        names.append(await load(i))\n    Result = coroutine = None\n    return names, Result, coroutine\n';
    expect(convert(collecting, { limit: 2 })).toBe(
      'import asyncio\nimport typing\n\n\nasync def run(ids):\n    semaphore = asyncio.Semaphore(2)\n    Result_2 = typing.TypeVar("Result_2")\n\n    async def bounded(coroutine_2: typing.Coroutine[object, None, Result_2]) -> Result_2:\n        try:\n            async with semaphore:\n                return await coroutine_2\n        finally:\n            coroutine_2.close()\n\n    names = await asyncio.gather(*(bounded(load(i)) for i in ids))\n    Result = coroutine = None\n    return names, Result, coroutine\n',
    );
  });

  it('with a limit, annotates the helper through `typing`: imported beside asyncio in order, reused under its alias; a file where `typing` is something else keeps its loops, noted', () => {
    const helper = (typing: string): string =>
      `    semaphore = asyncio.Semaphore(3)\n    Result = ${typing}.TypeVar("Result")\n\n    async def bounded(coroutine: ${typing}.Coroutine[object, None, Result]) -> Result:\n        try:\n            async with semaphore:\n                return await coroutine\n        finally:\n            coroutine.close()\n\n    names = await asyncio.gather(*(bounded(load(i)) for i in ids))\n`;
    const bounded = (typing = 'typing'): string => `async def run(ids: list[int]) -> list[str]:\n${helper(typing)}    return names\n`;
    expect(convert(loop, { limit: 3 })).toBe(`import asyncio\nimport typing\n\n\n${bounded()}`);
    expect(convert(`"""Jobs."""\n\n\n${loop}`, { limit: 3 })).toBe(`"""Jobs."""\n\n\nimport asyncio\nimport typing\n\n\n${bounded()}`);
    expect(convert(`import time\nimport json\n\n\n${loop}`, { limit: 3 })).toBe(`import time\nimport json\nimport asyncio\nimport typing\n\n\n${bounded()}`);
    // `from typing import List` binds `List`, not `typing`; `from asyncio import sleep` likewise.
    expect(convert(`import json\nfrom typing import List\n\n\n${loop}`, { limit: 3 })).toBe(`import asyncio\nimport json\nimport typing\nfrom typing import List\n\n\n${bounded()}`);
    expect(convert(`import typing as t\nfrom asyncio import sleep\n\n\n${loop}`, { limit: 3 })).toBe(`import asyncio\nimport typing as t\nfrom asyncio import sleep\n\n\n${bounded('t')}`);
    const notes: string[] = [];
    const shadowed = `typing = None\n\n\n${loop}${COROUTINES}`;
    expect(concurrentAwait.transform({ path: '/p/jobs.py', source: shadowed }, {} as never, { limit: 3 }, { root: '/', note: (message: string): void => void notes.push(message) })).toBeUndefined();
    expect(notes).toEqual(['line 6: left this loop as it is: the name `typing` is used in this file for something other than the `typing` module, and the bounded helper (`--limit`) is annotated with it']);
  });

  it('keeps each loop variable its own: a later loop or comprehension that binds the name again does not hold the rewrite back', () => {
    const source = 'import asyncio\n\n\nasync def run(ids):\n    for i in ids:\n        await load(i)\n    for i in ids:\n        await save(i)\n    return [i for i in ids]\n';
    expect(convert(source)).toBe(
      'import asyncio\n\n\nasync def run(ids):\n    await asyncio.gather(*(load(i) for i in ids))\n    await asyncio.gather(*(save(i) for i in ids))\n    return [i for i in ids]\n',
    );
  });

  it('keeps a loop whose report an eslint-disable comment turns off, without a note', () => {
    const notes: string[] = [];
    const disabled = 'import asyncio\n\n\nasync def run(ids):\n    for i in ids:\n        await load(i)  # eslint-disable-line perf-standards/prefer-concurrent-await\n';
    expect(concurrentAwait.transform({ path: '/p/jobs.py', source: disabled }, {} as never, {}, { root: '/', note: (message: string): void => void notes.push(message) })).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('leaves loops outside an async def, reads the sequential option, and fails a file Python cannot parse', () => {
    expect(convert('import asyncio\nfor i in ids:\n    await load(i)\n')).toBeUndefined();
    expect(convert(`import asyncio\n${loop}`, { sequential: { add: ['load'] } })).toBeUndefined();
    expect(() => convert('async def run(:\n    await x\n')).toThrow(/^cannot parse: /);
  });
});
