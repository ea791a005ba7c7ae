import type { ListAdjustment } from '../shared/adjustable-list.js';
import { compileCallList, DEFAULT_PAUSE_CALLS, DEFAULT_SEQUENTIAL_CALLS, type CallMatcher } from './call-lists.js';

/** Options of `prefer-concurrent-await`, also read by the `concurrent-await` codemod. */
export interface ConcurrentAwaitOptions {
  readonly sequential?: ListAdjustment;
  readonly pauses?: ListAdjustment;
}

/** Options of `no-busy-wait`. */
export interface BusyWaitOptions {
  readonly pauses?: ListAdjustment;
}

/** The option texts, shared by the rules' schemas and the docs. */
export const CONCURRENCY_OPTION_DESCRIPTIONS = Object.freeze({
  sequential:
    'Calls that must stay in order, as `name`, `*.method` or `receiver.method`; a loop that makes one is not reported. Defaults: writes, transactions, locks, UI and shell steps.',
  pauses:
    'Calls that pause (sleep, delay, setTimeout from timers/promises), as `name`, `*.method` or `receiver.method`; a loop that pauses is polling, retrying or rate limiting.',
} as const);

/** The compiled call lists of one configuration. */
export interface CompiledConcurrencyOptions {
  readonly sequential: CallMatcher;
  readonly pauses: CallMatcher;
}

const compiled = new WeakMap<object, CompiledConcurrencyOptions>();
let defaults: CompiledConcurrencyOptions | undefined;

/**
 * Compiles the call lists once per options object (rules get the same frozen object for every file of a
 * configuration; codemods get one shared object per distinct option set).
 * @complexity O(patterns) on the first call for an options object, O(1) after.
 */
export function compileConcurrencyOptions(options: ConcurrentAwaitOptions | undefined): CompiledConcurrencyOptions {
  if (options === undefined || (options.sequential === undefined && options.pauses === undefined)) {
    defaults ??= { sequential: compileCallList(DEFAULT_SEQUENTIAL_CALLS, undefined), pauses: compileCallList(DEFAULT_PAUSE_CALLS, undefined) };
    return defaults;
  }
  let result = compiled.get(options);
  if (result === undefined) {
    result = { sequential: compileCallList(DEFAULT_SEQUENTIAL_CALLS, options.sequential), pauses: compileCallList(DEFAULT_PAUSE_CALLS, options.pauses) };
    compiled.set(options, result);
  }
  return result;
}
