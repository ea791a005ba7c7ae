import path from 'node:path';
import { describe, expect, it } from 'vitest';
import concurrentAwait from '../../codemods/concurrent-await.js';
import { CODEMOD_FIXTURES, describeFixturePairs, runFixturePair } from './fixture-pairs.js';
import { runFixtureProgram, typeErrors } from './fixture-programs.js';

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
