/**
 * Maps `items` through `fn` with at most `limit` calls in flight, and resolves with the results in input order.
 *
 * The first `limit` calls start synchronously, as `Promise.all(items.map(fn))` would start them; each later
 * call starts when an earlier one settles. Items are read from the iterable lazily, one per call started.
 * The returned promise rejects with the first error (a rejection, a synchronous throw of `fn`, or a throw of
 * the iterator): no call starts after it, the iterator is closed as `for…of` closes it, and calls already in
 * flight run on (their results and errors are dropped, never reported as unhandled).
 *
 * @param items - any iterable (array, Set, generator); read once.
 * @param limit - the most calls in flight: a positive integer, or `Infinity` for no bound.
 * @param fn - called as `fn(item, index)` with `index` the item's position in `items`; may return a value or a promise.
 * @returns the results, `results[i]` from the `i`-th item; `[]` for no items. Rejects with a `RangeError`
 *   (before calling `fn`) when `limit` is anything else than a positive integer or `Infinity`.
 * @complexity O(n) time for n items plus the calls themselves; O(n) memory for the results.
 */
export function mapConcurrent<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R> | R,
): Promise<R[]> {
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0))) {
    return Promise.reject(
      new RangeError(`mapConcurrent: \`limit\` must be a positive integer or Infinity, got ${String(limit)}.`),
    );
  }
  return new Promise<R[]>((resolve: (results: R[]) => void, reject: (reason: unknown) => void): void => {
    const results: R[] = [];
    const iterator = items[Symbol.iterator]();
    let started = 0;
    let inFlight = 0;
    let exhausted = false;
    let failed = false;

    const fail = (error: unknown, closeIterator: boolean): void => {
      if (failed) return;
      failed = true;
      if (closeIterator && !exhausted) {
        exhausted = true;
        // As `for…of` does when its body throws: an error from `return()` does not replace the first one.
        try {
          iterator.return?.();
        } catch {
          // The first error wins.
        }
      }
      reject(error);
    };
    const onRejected = (error: unknown): void => fail(error, true);

    const fill = (): void => {
      while (!failed && !exhausted && inFlight < limit) {
        let step: IteratorResult<T>;
        try {
          step = iterator.next();
        } catch (error) {
          // An iterator that throws from next() is done; it is not closed.
          exhausted = true;
          fail(error, false);
          return;
        }
        if (step.done) {
          exhausted = true;
          break;
        }
        const index = started++;
        inFlight++;
        let value: Promise<R> | R;
        try {
          value = fn(step.value, index);
        } catch (error) {
          fail(error, true);
          return;
        }
        Promise.resolve(value).then((result: R): void => {
          results[index] = result;
          inFlight--;
          fill();
        }, onRejected);
      }
      if (exhausted && inFlight === 0 && !failed) resolve(results);
    };

    fill();
  });
}
