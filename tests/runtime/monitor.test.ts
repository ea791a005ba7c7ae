import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  measure,
  monitored,
  performanceStats,
  resetPerformanceStats,
  setPerformanceSink,
  type PerformanceSink,
} from '../../runtime/index.js';
import { REPO_ROOT } from '../run-node.js';

interface Recorded {
  readonly name: string;
  readonly durationMs: number;
  readonly ok: boolean;
}

/** What `call` threw (`throw undefined` included); fails the test when it returns. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** A clock the test moves by hand: `performance.now()` returns `time`. */
let time = 0;

function recorder(): { readonly sink: PerformanceSink; readonly records: Recorded[] } {
  const records: Recorded[] = [];
  return {
    records,
    sink: {
      record(name: string, durationMs: number, ok: boolean): void {
        records.push({ name, durationMs, ok });
      },
    },
  };
}

beforeEach(() => {
  time = 1000;
  vi.spyOn(performance, 'now').mockImplementation((): number => time);
  resetPerformanceStats();
});

afterEach(() => {
  vi.restoreAllMocks();
  setPerformanceSink(undefined);
  resetPerformanceStats();
});

describe('monitored keeps the function as it was', () => {
  it('has the same name and length', () => {
    function sum(a: number, b: number, c = 1): number {
      return a + b + c;
    }
    const wrapped = monitored('sum', sum);
    expect(wrapped.name).toBe('sum');
    expect(wrapped.length).toBe(2);
    expect(monitored('anonymous', (): number => 1).name).toBe('');
    expect(wrapped(1, 2)).toBe(4);
  });

  it('passes `this` and every argument through, `arguments` included', () => {
    const target = {
      base: 10,
      collect(this: { base: number }, ...values: number[]): unknown[] {
        return [this, Array.from(arguments), values.length];
      },
    };
    target.collect = monitored('collect', target.collect);
    expect(target.collect(1, 2, 3)).toEqual([target, [1, 2, 3], 3]);
    const other = { base: 0 };
    expect(target.collect.call(other, 7)[0]).toBe(other);
  });

  it('returns the very object the function returns', () => {
    const made = { id: 1 };
    expect(monitored('make', (): object => made)()).toBe(made);
    expect(measure('make', (): object => made)).toBe(made);
  });

  it('returns the same promise object a plain function returns', async () => {
    const pending = Promise.resolve(42);
    const wrapped = monitored('cached', (): Promise<number> => pending);
    expect(wrapped()).toBe(pending);
    expect(measure('cached', (): Promise<number> => pending)).toBe(pending);
    await expect(pending).resolves.toBe(42);
  });

  it('returns a thenable that is not a native promise untouched, without calling its then', () => {
    const then = vi.fn();
    const lazy = { then };
    expect(monitored('query', (): object => lazy)()).toBe(lazy);
    expect(then).not.toHaveBeenCalled();
  });

  it('settles like the async function it wraps: same value, same reason', async () => {
    const failure = new Error('nope');
    const resolves = monitored('ok', async (value: number): Promise<number> => value * 2);
    const rejects = monitored('fails', async (): Promise<never> => {
      throw failure;
    });
    await expect(resolves(21)).resolves.toBe(42);
    await expect(rejects()).rejects.toBe(failure);
  });

  it('constructs through `new` as the wrapped function does', () => {
    function Point(this: { x: number }, x: number): void {
      this.x = x;
    }
    const Wrapped = monitored('Point', Point) as unknown as new (x: number) => { x: number };
    const point = new Wrapped(3);
    expect(point.x).toBe(3);
    expect(point).toBeInstanceOf(Point);
    expect(point).toBeInstanceOf(Wrapped);
    expect(performanceStats()['Point']?.count).toBe(1);
  });

  it('refuses a name that is not a string and a target that is not a function', () => {
    expect(() => monitored(1 as unknown as string, (): void => {})).toThrow(
      new TypeError('monitored: the name must be a string, got number.'),
    );
    expect(() => monitored('x', {} as unknown as () => void)).toThrow(
      new TypeError('monitored: "x" must wrap a function, got object.'),
    );
  });
});

describe('errors pass through unchanged and are counted', () => {
  it.each([
    ['an Error', new RangeError('bad')],
    ['a string', 'plain string'],
    ['undefined', undefined],
    ['null', null],
    ['an object', { code: 7 }],
  ])('a synchronous throw of %s', (_label: string, thrown: unknown) => {
    const { sink, records } = recorder();
    setPerformanceSink(sink);
    const wrapped = monitored('throws', (): never => {
      time += 5;
      throw thrown;
    });
    expect(thrownBy((): unknown => wrapped())).toBe(thrown);
    expect(
      thrownBy((): unknown =>
        measure('throws', (): never => {
          throw thrown;
        }),
      ),
    ).toBe(thrown);
    expect(records).toEqual([
      { name: 'throws', durationMs: 5, ok: false },
      { name: 'throws', durationMs: 0, ok: false },
    ]);
  });

  it.each([
    ['an Error', new Error('rejected')],
    ['a number', 404],
    ['undefined', undefined],
  ])('a rejection with %s, from an async function and from a returned promise', async (_label: string, reason: unknown) => {
    const { sink, records } = recorder();
    setPerformanceSink(sink);
    const asyncFn = monitored('async', async (): Promise<never> => {
      await null;
      time += 7;
      throw reason;
    });
    await expect(asyncFn()).rejects.toBe(reason);
    const rejected = Promise.reject(reason);
    rejected.catch((): void => {});
    const returned = monitored('returned', (): Promise<never> => rejected)();
    expect(returned).toBe(rejected);
    await expect(returned).rejects.toBe(reason);
    await Promise.resolve();
    expect(records).toEqual([
      { name: 'async', durationMs: 7, ok: false },
      { name: 'returned', durationMs: 0, ok: false },
    ]);
  });
});

describe('timing', () => {
  it('ends a synchronous call when it returns', () => {
    const { sink, records } = recorder();
    setPerformanceSink(sink);
    const result = measure('sync', (): string => {
      time += 2.5;
      return 'done';
    });
    time += 100;
    expect(result).toBe('done');
    expect(records).toEqual([{ name: 'sync', durationMs: 2.5, ok: true }]);
  });

  it('ends a promise-returning call when the promise settles, not when it returns', async () => {
    const { sink, records } = recorder();
    setPerformanceSink(sink);
    let release: (value: string) => void = (): void => {};
    const gate = new Promise<string>((resolve: (value: string) => void): void => {
      release = resolve;
    });
    const call = monitored('io', async (): Promise<string> => gate)();
    time += 30;
    await Promise.resolve();
    expect(records).toEqual([]);
    time += 12;
    release('payload');
    await expect(call).resolves.toBe('payload');
    expect(records).toEqual([{ name: 'io', durationMs: 42, ok: true }]);
  });
});

describe('performanceStats', () => {
  /** Runs `measure(name)` once per duration, each taking exactly that long on the test clock. */
  function feed(name: string, durations: readonly number[]): void {
    for (const duration of durations) {
      measure(name, (): void => {
        time += duration;
      });
    }
  }

  /** The nearest-rank percentile of `values`: the ⌈p·n⌉-th smallest. */
  function exact(values: readonly number[], fraction: number): number {
    const sorted = [...values].sort((a: number, b: number): number => a - b);
    return sorted[Math.max(1, Math.ceil(fraction * sorted.length)) - 1] as number;
  }

  /** A deterministic generator (mulberry32) so a failure can be reproduced. */
  function random(seed: number): () => number {
    let state = seed;
    return (): number => {
      state = (state + 0x6d2b79f5) | 0;
      let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
      mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
      return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
    };
  }

  const next = random(20261130);
  const distributions: readonly (readonly [string, readonly number[]])[] = [
    ['uniform 0.001–10 ms', Array.from({ length: 20_000 }, (): number => 0.001 + next() * 10)],
    ['exponential, mean 3 ms', Array.from({ length: 20_000 }, (): number => -3 * Math.log(1 - next()))],
    ['log-normal over six decades', Array.from({ length: 20_000 }, (): number => 10 ** (next() * 6 - 3))],
    ['bimodal: cache hits 0.02 ms, misses 150 ms', Array.from({ length: 5_000 }, (): number => (next() < 0.9 ? 0.02 + next() * 0.005 : 150 + next() * 50))],
  ];

  it.each(distributions)('%s: count, errors, total, min and max exact, percentiles within 1/64', (name: string, values: readonly number[]) => {
    feed(name, values);
    const stats = performanceStats()[name];
    expect(stats).toBeDefined();
    if (stats === undefined) return;
    const total = values.reduce((sum: number, value: number): number => sum + value, 0);
    expect(stats.count).toBe(values.length);
    expect(stats.errors).toBe(0);
    // The test clock adds then subtracts, so each duration carries a rounding error of the clock's magnitude.
    expect(Math.abs(stats.totalMs - total)).toBeLessThan(1e-6 * values.length);
    expect(stats.minMs).toBeCloseTo(Math.min(...values), 9);
    expect(stats.maxMs).toBeCloseTo(Math.max(...values), 9);
    for (const [key, fraction] of [['p50Ms', 0.5], ['p95Ms', 0.95], ['p99Ms', 0.99]] as const) {
      const truth = exact(values, fraction);
      expect(Math.abs(stats[key] - truth) / truth, `${key}: ${stats[key]} vs ${truth}`).toBeLessThanOrEqual(1 / 64 + 1e-9);
    }
  });

  it('gives the value itself for a single call, and counts errors among calls', () => {
    feed('once', [3]);
    expect(performanceStats()['once']).toEqual({ count: 1, errors: 0, totalMs: 3, minMs: 3, maxMs: 3, p50Ms: 3, p95Ms: 3, p99Ms: 3 });
    expect(() =>
      measure('once', (): never => {
        time += 5;
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(performanceStats()['once']).toMatchObject({ count: 2, errors: 1, totalMs: 8, minMs: 3, maxMs: 5 });
  });

  it('keeps durations below 2^-13 ms within 2^-13 ms, and reads those above 2^27 ms as the maximum', () => {
    feed('extremes', [0, 1e-9, 2e9]);
    expect(performanceStats()['extremes']).toEqual({
      count: 3,
      errors: 0,
      totalMs: expect.closeTo(2e9, 3) as number,
      minMs: 0,
      maxMs: expect.closeTo(2e9, 3) as number,
      p50Ms: expect.closeTo(2 ** -13 * (1 + 0.5 / 32), 12) as number,
      p95Ms: expect.closeTo(2e9, 3) as number,
      p99Ms: expect.closeTo(2e9, 3) as number,
    });
  });

  it('is a plain object keyed by name, even for names like __proto__, and reset empties it', () => {
    feed('__proto__', [1]);
    feed('b', [2]);
    const stats = performanceStats();
    expect(Object.getPrototypeOf(stats)).toBe(Object.prototype);
    expect(Object.keys(stats)).toEqual(['__proto__', 'b']);
    resetPerformanceStats();
    expect(performanceStats()).toEqual({});
  });
});

describe('setPerformanceSink', () => {
  it('sends every measurement to the sink instead of the histograms, and undefined restores them', () => {
    const { sink, records } = recorder();
    const previous = setPerformanceSink(sink);
    measure('a', (): void => {
      time += 1;
    });
    expect(records).toEqual([{ name: 'a', durationMs: 1, ok: true }]);
    expect(performanceStats()).toEqual({});
    expect(setPerformanceSink(undefined)).toBe(sink);
    measure('a', (): void => {});
    expect(records).toHaveLength(1);
    expect(performanceStats()['a']?.count).toBe(1);
    // The sink it returned first is the default one: a custom sink can pass measurements on to it.
    setPerformanceSink({
      record(name: string, durationMs: number, ok: boolean): void {
        previous.record(`tee:${name}`, durationMs, ok);
      },
    });
    measure('b', (): void => {});
    expect(Object.keys(performanceStats())).toEqual(['a', 'tee:b']);
  });

  it('refuses a sink without a record method', () => {
    expect(() => setPerformanceSink({} as PerformanceSink)).toThrow(
      new TypeError('setPerformanceSink: the sink must have a record(name, durationMs, ok) method.'),
    );
    expect(() => setPerformanceSink(null as unknown as PerformanceSink)).toThrow(TypeError);
  });
});

describe('monitored as a method decorator', () => {
  /** Compiles `source` with TypeScript in the given decorator mode and runs it against the built runtime. */
  async function runDecorated(source: string, experimentalDecorators: boolean): Promise<Record<string, unknown>> {
    const { default: ts } = await import('typescript');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators },
    });
    const runtimeUrl = pathToFileURL(path.join(REPO_ROOT, 'dist', 'runtime', 'index.js')).href;
    const dir = mkdtempSync(path.join(tmpdir(), 'runtime-decorators-'));
    const file = path.join(dir, 'decorated.mjs');
    writeFileSync(file, outputText.replace("'eslint-plugin-perf-standards/runtime'", JSON.stringify(runtimeUrl)));
    try {
      return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const SOURCE = `
import { monitored, performanceStats, resetPerformanceStats } from 'eslint-plugin-perf-standards/runtime';
export class Users {
  prefix = 'user:';
  @monitored('services/users.find')
  async find(id: string): Promise<string> { return this.prefix + id; }
  @monitored
  label(id: string, suffix = '!'): string { return this.prefix + id + suffix; }
  @monitored
  static create(): Users { return new Users(); }
}
export async function run() {
  resetPerformanceStats();
  const users = Users.create();
  const found = await users.find('1');
  const label = users.label('2');
  return { found, label, names: [users.find.name, users.label.name, Users.create.name], lengths: [users.find.length, users.label.length], stats: Object.keys(performanceStats()).map((name) => name + ' ' + performanceStats()[name].count) };
}
`;

  it.each([
    ['standard (TC39) decorators', false, ['services/users.find 1', 'create 1', 'label 1']],
    ['legacy experimentalDecorators', true, ['services/users.find 1', 'Users.create 1', 'Users.label 1']],
  ])('%s: measures each call, keeps this, names and lengths', async (_mode: string, experimental: boolean, stats: readonly string[]) => {
    const decorated = await runDecorated(SOURCE, experimental);
    const result = await (decorated['run'] as () => Promise<Record<string, unknown>>)();
    expect({ ...result, stats: [...(result['stats'] as string[])].sort() }).toEqual({
      found: 'user:1',
      label: 'user:2!',
      names: ['find', 'label', 'create'],
      lengths: [1, 1],
      stats: [...stats].sort(),
    });
  });

  it('follows both decorator protocols when called by hand', () => {
    function find(this: unknown): unknown {
      return this;
    }
    const standard = monitored('by-hand', find as (this: unknown) => unknown);
    expect(standard).not.toBe(find);
    const decorator = monitored('by-hand');
    const replaced = decorator(find, { kind: 'method', name: 'find' } as ClassMethodDecoratorContext);
    expect(replaced.name).toBe('find');
    const descriptor: PropertyDescriptor = { value: find, writable: true, configurable: true, enumerable: false };
    expect(decorator({}, 'find', descriptor)).toBe(descriptor);
    expect(descriptor.value).not.toBe(find);
    const target = { run: descriptor.value as () => unknown };
    expect(target.run()).toBe(target);
    expect(performanceStats()['by-hand']?.count).toBe(1);
    expect(() => monitored({} as unknown as string)).toThrow(new TypeError('monitored: the name must be a string, got object.'));
  });
});

describe('monitored-decorator-this-type: the decorator type-checks wherever a method may carry it', () => {
  /** Type-checks `source` against the built runtime's declarations, as a user's `tsc` would; returns `line: TScode` per error. */
  async function typeErrors(source: string, experimentalDecorators: boolean): Promise<string[]> {
    const { default: ts } = await import('typescript');
    const dir = mkdtempSync(path.join(tmpdir(), 'runtime-decorator-types-'));
    const file = path.join(dir, 'decorated.ts');
    writeFileSync(file, source);
    try {
      const program = ts.createProgram([file], {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        types: [],
        lib: ['lib.es2022.d.ts'],
        skipLibCheck: true,
        experimentalDecorators,
        paths: { 'eslint-plugin-perf-standards/runtime': [path.join(REPO_ROOT, 'dist', 'runtime', 'index.d.ts')] },
      });
      return ts
        .getPreEmitDiagnostics(program)
        .filter((diagnostic) => diagnostic.file?.fileName === file)
        .map((diagnostic) => `${(diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? -1) + 1}: TS${diagnostic.code}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // The shapes of pragmaticivan/nestjs-otel#129 and more: explicit `this:` parameters, bare and named forms,
  // static, async, generic, private and recursive methods.
  const THIS_TYPED = `
import { monitored } from 'eslint-plugin-perf-standards/runtime';
export class Inventory {
  count = 42;
  @monitored('inventory.total')
  async total(this: Inventory, extra: number): Promise<number> { return this.count + extra; }
  @monitored
  fib(n: number): number { return n < 2 ? n : this.fib(n - 1) + this.fib(n - 2); }
  @monitored
  twice(this: Inventory, n: number): number { return this.count * n; }
  @monitored('inventory.label')
  static label(this: typeof Inventory, suffix: string): string { return this.name + ':' + suffix; }
  @monitored
  static async create(this: typeof Inventory): Promise<Inventory> { return new this(); }
  @monitored
  pick<T>(this: Inventory, items: readonly T[]): T | undefined { return items[this.count % items.length]; }
}
`;

  it.each([
    ['standard (TC39) decorators', false],
    ['legacy experimentalDecorators', true],
  ])('%s: no error on `this:` parameters, bare or named, static or instance', async (_mode: string, experimental: boolean) => {
    expect(await typeErrors(THIS_TYPED, experimental)).toEqual([]);
  });

  it('standard decorators: still refuses what is not a method (a getter, a field)', async () => {
    const source = `
import { monitored } from 'eslint-plugin-perf-standards/runtime';
export class Store {
  @monitored('store.size')
  get size(): number { return 1; }
  @monitored
  field = 1;
}
`;
    expect(await typeErrors(source, false)).toEqual(['4: TS1241', '6: TS1240', '6: TS1270']);
  });
});
