import { DurationHistogram } from './histogram.js';

/** Where measurements go: one call per measured call, after it returns, throws or settles. */
export interface PerformanceSink {
  /**
   * @param name - the name given to `monitored` or `measure`.
   * @param durationMs - from the call to its return or throw, or to the settling of the promise it returned.
   * @param ok - `false` when it threw or its promise rejected.
   */
  record(name: string, durationMs: number, ok: boolean): void;
}

/** One name's figures in `performanceStats()`, all durations in milliseconds. */
export interface PerformanceStats {
  /** Calls measured, errors included. */
  readonly count: number;
  /** Calls that threw or whose promise rejected. */
  readonly errors: number;
  readonly totalMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Percentiles from the histogram: within 1.6% of the true value (see docs/runtime.md). */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

const clock: { now(): number } = globalThis.performance;
const promiseThen = Promise.prototype.then;
const AsyncFunction = (async (): Promise<void> => {}).constructor;
const PERCENTILES: readonly number[] = [0.5, 0.95, 0.99];

const histograms = new Map<string, DurationHistogram>();

const statsSink: PerformanceSink = {
  record(name: string, durationMs: number, ok: boolean): void {
    let histogram = histograms.get(name);
    if (histogram === undefined) histograms.set(name, (histogram = new DurationHistogram()));
    histogram.add(durationMs, ok);
  },
};

let sink: PerformanceSink = statsSink;

// A sink that throws must not turn a call that succeeded into a failure (nor change an error): its error is
// thrown again in a microtask, where the host reports it as uncaught.
function emit(name: string, start: number, ok: boolean): void {
  const durationMs = clock.now() - start;
  try {
    sink.record(name, durationMs, ok);
  } catch (error) {
    queueMicrotask((): never => {
      throw error;
    });
  }
}

// `result` is what the measured function returned. Anything but a native promise is final now (a thenable is
// left alone: calling `then` on a lazy one, such as a query builder, would run it). A native promise is watched
// until it settles. Watching means calling `then`, which marks the promise handled: for the fresh promise of an
// async function (no code but the caller can hold it) the caller gets the watching promise instead, which
// settles the same way one microtask later and is handled exactly when the caller handles it. Any other promise
// is returned as is, since others may hold it and compare it.
function settle<R>(name: string, start: number, result: R, fresh: boolean): R {
  if (!(result instanceof Promise)) {
    emit(name, start, true);
    return result;
  }
  const watched = promiseThen.call(
    result,
    (value: unknown): unknown => {
      emit(name, start, true);
      return value;
    },
    (error: unknown): unknown => {
      emit(name, start, false);
      if (fresh) throw error;
      return undefined;
    },
  );
  return fresh ? (watched as R) : result;
}

function wrap<F extends Function>(name: string, fn: F): F {
  if (typeof fn !== 'function') throw new TypeError(`monitored: "${name}" must wrap a function, got ${typeof fn}.`);
  const fresh = fn instanceof AsyncFunction;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const start = clock.now();
    let result: unknown;
    try {
      result = new.target === undefined ? Reflect.apply(fn, this, args) : Reflect.construct(fn, args, new.target);
    } catch (error) {
      emit(name, start, false);
      throw error;
    }
    return settle(name, start, result, fresh);
  };
  Object.defineProperties(wrapper, {
    name: { value: fn.name, configurable: true },
    length: { value: fn.length, configurable: true },
  });
  // `new wrapper()` builds the same objects as `new fn()`, and `instanceof` works with either.
  if (fn.prototype !== undefined) wrapper.prototype = fn.prototype as object;
  return wrapper as unknown as F;
}

/** `@monitored("name")` on a method: works as a standard (TC39) decorator and as a legacy TypeScript one. */
export interface MonitorDecorator {
  // `This` is inferred from the context, so a method with an explicit `this:` parameter type-checks.
  <This, M extends Function>(method: M, context: ClassMethodDecoratorContext<This>): M;
  (target: object, key: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
}

/**
 * Wraps `fn` so that every call is measured under `name`. The wrapper has `fn`'s `name` and `length`, passes
 * `this` and the arguments through (and `new`), and returns what `fn` returns; a throw is counted as an error
 * and rethrown unchanged. A returned native promise is watched until it settles, and a rejection counts as an
 * error and passes through unchanged: see docs/runtime.md for how the promise's identity and its unhandled
 * rejection are kept.
 *
 * Also a method decorator: `@monitored("name")`, or bare `@monitored`, which names the metric after the method
 * (`Class.method` under `experimentalDecorators`, where the class is known; `method` with standard decorators).
 * @param name - the metric's name, e.g. `"services/user.getUser"`.
 * @param fn - any function; an async function's promise settles one microtask later through the wrapper.
 * @returns the wrapper, typed as `fn`; a decorator when `fn` is left out. Throws a `TypeError` when `name` is
 *   not a string or `fn` not a function.
 * @performance O(1) per call: two `performance.now()` reads and one sink call (see docs/performance_benchmarks.md).
 */
export function monitored<F extends (...args: never[]) => unknown>(name: string, fn: F): F;
export function monitored(name: string): MonitorDecorator;
export function monitored<This, M extends Function>(method: M, context: ClassMethodDecoratorContext<This>): M;
export function monitored(target: object, key: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
export function monitored(
  name: string | object,
  fn?: Function | ClassMethodDecoratorContext | string | symbol,
  descriptor?: PropertyDescriptor,
): unknown {
  if (typeof name === 'string') {
    return fn === undefined
      ? (value: Function, _context: unknown, legacy?: PropertyDescriptor): unknown => decorate(name, value, legacy)
      : wrap(name, fn as Function);
  }
  // Bare `@monitored`: a legacy decorator gets (prototype or class, key, descriptor), a standard one (method, context).
  if (descriptor === undefined && (typeof name !== 'function' || typeof fn !== 'object')) {
    throw new TypeError(`monitored: the name must be a string, got ${typeof name}.`);
  }
  return decorate(
    descriptor === undefined
      ? String((fn as ClassMethodDecoratorContext).name)
      : `${typeof name === 'function' ? name.name : name.constructor.name}.${String(fn)}`,
    name as Function,
    descriptor,
  );
}

// A standard decorator returns the replacement method; a legacy one replaces the descriptor's value.
function decorate(name: string, method: Function, legacy: PropertyDescriptor | undefined): unknown {
  if (legacy === undefined) return wrap(name, method);
  legacy.value = wrap(name, legacy.value as Function);
  return legacy;
}

/**
 * Runs `fn()` now, measured under `name`, and returns what it returns (a returned promise as `monitored`
 * does); a throw is counted as an error and rethrown unchanged. The form the `wrap-performance-monitor`
 * codemod writes into bodies: `return measure("name", () => { …body… })`.
 * @performance O(1) besides `fn`: two `performance.now()` reads and one sink call.
 */
export function measure<R>(name: string, fn: () => R): R {
  const start = clock.now();
  let result: R;
  try {
    result = fn();
  } catch (error) {
    emit(name, start, false);
    throw error;
  }
  return settle(name, start, result, fn instanceof AsyncFunction);
}

/**
 * The figures the default sink kept since the start or the last `resetPerformanceStats()`, as a plain object
 * keyed by name (names in first-call order). Empty while another sink is set.
 * @complexity O(names × 1281) to read the histograms.
 */
export function performanceStats(): Record<string, PerformanceStats> {
  return Object.fromEntries(
    Array.from(histograms, ([name, histogram]: [string, DurationHistogram]): [string, PerformanceStats] => {
      const [p50Ms, p95Ms, p99Ms] = histogram.percentiles(PERCENTILES) as [number, number, number];
      // The spread copies count, errors, totalMs, minMs and maxMs: the counts are in a #private field.
      return [name, { ...histogram, p50Ms, p95Ms, p99Ms }];
    }),
  );
}

/**
 * Forgets every name the default sink kept.
 * @complexity O(1).
 */
export function resetPerformanceStats(): void {
  histograms.clear();
}

/**
 * Sends every later measurement to `next` instead of the current sink; `undefined` restores the default
 * (the histograms behind `performanceStats()`). Returns the sink it replaces, to chain or restore it.
 * Throws a `TypeError` when `next` has no `record` method.
 * @complexity O(1).
 */
export function setPerformanceSink(next?: PerformanceSink): PerformanceSink {
  if (next !== undefined && typeof next?.record !== 'function') {
    throw new TypeError('setPerformanceSink: the sink must have a record(name, durationMs, ok) method.');
  }
  const previous = sink;
  sink = next ?? statsSink;
  return previous;
}
