import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../runtime/index.js';

/** A fake I/O layer: each call waits for `release`, and the layer records how many calls were in flight. */
interface FakeIo {
  readonly call: <T>(value: T) => Promise<T>;
  readonly started: () => readonly unknown[];
  readonly inFlight: () => number;
  readonly peak: () => number;
  /** Settles the oldest pending call (or the one at `position`), then lets continuations run. */
  readonly release: (position?: number, error?: unknown) => Promise<void>;
}

interface Pending {
  readonly value: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

const flush = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
};

function fakeIo(): FakeIo {
  const pending: Pending[] = [];
  const started: unknown[] = [];
  let peak = 0;
  return {
    call: <T>(value: T): Promise<T> =>
      new Promise<T>((resolve: (value: T) => void, reject: (error: unknown) => void): void => {
        started.push(value);
        pending.push({ value, resolve: resolve as (value: unknown) => void, reject });
        peak = Math.max(peak, pending.length);
      }),
    started: (): readonly unknown[] => started,
    inFlight: (): number => pending.length,
    peak: (): number => peak,
    release: async (position = 0, error?: unknown): Promise<void> => {
      const [call] = pending.splice(position, 1);
      if (call === undefined) throw new Error('no call in flight');
      if (error === undefined) call.resolve(call.value);
      else call.reject(error);
      await flush();
    },
  };
}

describe('mapConcurrent', () => {
  it('resolves with the results in input order, whatever order the calls finish in', async () => {
    const io = fakeIo();
    const done = mapConcurrent(['a', 'b', 'c', 'd'], 4, (item: string): Promise<string> => io.call(item));
    await io.release(3);
    await io.release(1);
    await io.release(0);
    await io.release(0);
    await expect(done).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps at most `limit` calls in flight and starts the next when one settles', async () => {
    const io = fakeIo();
    const done = mapConcurrent([1, 2, 3, 4, 5], 2, (item: number): Promise<number> => io.call(item * 10));
    // The first `limit` calls start synchronously, like Promise.all(items.map(fn)).
    expect(io.started()).toEqual([10, 20]);
    await flush();
    expect(io.inFlight()).toBe(2);
    await io.release(1);
    expect(io.started()).toEqual([10, 20, 30]);
    expect(io.inFlight()).toBe(2);
    while (io.inFlight() > 0) await io.release();
    await expect(done).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(io.peak()).toBe(2);
  });

  it('starts every call at once with Infinity', async () => {
    const io = fakeIo();
    const done = mapConcurrent(new Set([1, 2, 3]), Infinity, (item: number): Promise<number> => io.call(item));
    expect(io.inFlight()).toBe(3);
    while (io.inFlight() > 0) await io.release();
    await expect(done).resolves.toEqual([1, 2, 3]);
  });

  it('passes each item with its index, and accepts plain values from fn', async () => {
    const seen: string[] = [];
    const results = await mapConcurrent(['x', 'y'], 1, (item: string, index: number): string => {
      seen.push(`${index}:${item}`);
      return item.toUpperCase();
    });
    expect(results).toEqual(['X', 'Y']);
    expect(seen).toEqual(['0:x', '1:y']);
  });

  it('resolves with [] for no items and never calls fn', async () => {
    let calls = 0;
    const results = await mapConcurrent([], 3, (): number => ++calls);
    expect(results).toEqual([]);
    expect(calls).toBe(0);
  });

  it('rejects with the first error, starts nothing after it, and lets calls in flight run on unreported', async () => {
    const io = fakeIo();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const first = new Error('first');
      const done = mapConcurrent([1, 2, 3, 4, 5], 2, (item: number): Promise<number> => io.call(item));
      const outcome = done.then(
        (): string => 'resolved',
        (error: unknown): unknown => error,
      );
      await io.release(0, first);
      expect(await outcome).toBe(first);
      expect(io.started()).toEqual([1, 2]);
      // The call still in flight fails later: that error is dropped, not reported as unhandled.
      await io.release(0, new Error('second'));
      await new Promise((resolve: (value: unknown) => void): void => {
        setTimeout(resolve, 10);
      });
      expect(io.started()).toEqual([1, 2]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('turns a synchronous throw of fn into a rejection, and starts no further call', async () => {
    const calls: number[] = [];
    const boom = new TypeError('sync');
    const done = mapConcurrent([1, 2, 3], 5, (item: number): number => {
      calls.push(item);
      if (item === 2) throw boom;
      return item;
    });
    await expect(done).rejects.toBe(boom);
    expect(calls).toEqual([1, 2]);
  });

  it('reads a generator lazily and closes it after an error, as for…of does', async () => {
    const log: string[] = [];
    function* numbers(): Generator<number> {
      try {
        for (let value = 1; value <= 5; value++) {
          log.push(`yield ${value}`);
          yield value;
        }
      } finally {
        log.push('closed');
      }
    }
    const failure = new Error('at 2');
    const done = mapConcurrent(numbers(), 1, async (item: number): Promise<number> => {
      await Promise.resolve();
      if (item === 2) throw failure;
      return item;
    });
    expect(log).toEqual(['yield 1']);
    await expect(done).rejects.toBe(failure);
    expect(log).toEqual(['yield 1', 'yield 2', 'closed']);
  });

  it('rejects with the error an iterator throws', async () => {
    const broken: Iterable<number> = {
      [Symbol.iterator]: (): Iterator<number> => ({
        next: (): IteratorResult<number> => {
          throw new Error('cannot read');
        },
      }),
    };
    await expect(mapConcurrent(broken, 2, (item: number): number => item)).rejects.toThrow('cannot read');
  });

  it.each([0, -1, 1.5, Number.NaN, -Infinity, '2' as unknown as number])(
    'rejects limit %s with a RangeError before calling fn',
    async (limit: number) => {
      let calls = 0;
      const done = mapConcurrent([1], limit, (): number => ++calls);
      await expect(done).rejects.toThrow(
        new RangeError(`mapConcurrent: \`limit\` must be a positive integer or Infinity, got ${String(limit)}.`),
      );
      await expect(done).rejects.toBeInstanceOf(RangeError);
      expect(calls).toBe(0);
    },
  );
});
