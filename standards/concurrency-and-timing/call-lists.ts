import type { TSESTree } from '@typescript-eslint/utils';
import { adjustList, type ListAdjustment } from '../shared/adjustable-list.js';
import { calleeName, isFunction, walk, type Node } from './syntax.js';

/**
 * The call lists of the concurrency-and-timing standard and how a call is matched against them. A pattern
 * is `name` (a plain call `name(…)`), `*.name` (a method of that name on any receiver) or `receiver.name`
 * (that method on exactly that receiver, e.g. `db.query`); a name ending in `*` matches by prefix
 * (`*.write*` matches `writeFile` and `writeElement`).
 */

/**
 * Calls whose order is the point: output (writes, logs, reports, events), transactions, locks, UI and shell
 * steps. Output verbs match plain calls as well as methods: Python writes are usually module functions
 * (`write_row(row)`, `send_email(to)`, `log_event(e)`), as are imported helpers in TypeScript (`sendMail(to)`).
 */
export const DEFAULT_SEQUENTIAL_CALLS: readonly string[] = Object.freeze([
  'write*',
  'log*',
  'report*',
  'emit*',
  'notify*',
  'enqueue*',
  'send*',
  'flush',
  'commit',
  'rollback',
  '*.write*',
  '*.end',
  '*.log*',
  '*.print*',
  '*.report*',
  '*.emit*',
  '*.notify*',
  '*.enqueue*',
  '*.flush',
  '*.setup*',
  '*.teardown*',
  '*.appendFile',
  'appendFile',
  '*.transaction',
  '*.$transaction',
  '*.commit',
  '*.rollback',
  '*.lock',
  '*.unlock',
  '*.acquire',
  '*.release',
  '*.send*',
  '*.click',
  '*.type',
  '*.press',
  '*.fill',
  '*.goto',
  '*.question',
  'prompt',
  'exec',
  '*.exec',
  'execa',
  'execFile',
  'spawn',
  '*.spawn',
]);

/** Calls that pause: a loop that calls one is polling, retrying with backoff or rate limiting. */
export const DEFAULT_PAUSE_CALLS: readonly string[] = Object.freeze(['sleep', '*.sleep', 'delay', '*.delay', 'wait', '*.wait', 'pause', 'backoff', 'setTimeout', '*.setTimeout']);

/** The timer callbacks a hand-written pause hands `resolve` to: `new Promise((r) => setTimeout(r, n))`. */
const TIMER_CALLS: ReadonlySet<string> = new Set(['setTimeout', 'setImmediate']);

/** A compiled call list: plain names, method names on any receiver, and exact `receiver.name` pairs. */
export interface CallMatcher {
  matches(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /** The same test on a callee already named: `receiver` null for a plain call `name(…)` (Python calls use it). */
  matchesCallee(receiver: string | null, name: string): boolean;
}

/**
 * Compiles a call list (defaults adjusted by the user's `{ add, remove }`) into a matcher; build it once
 * per configuration.
 * @complexity O(patterns) to build; O(1) per call matched.
 */
export function compileCallList(defaults: readonly string[], adjustment: ListAdjustment | undefined): CallMatcher {
  const functions = new Set<string>();
  const methods = new Set<string>();
  const exact = new Set<string>();
  const functionPrefixes: string[] = [];
  const methodPrefixes: string[] = [];
  const exactPrefixes: string[] = [];
  for (const pattern of adjustList(defaults, adjustment)) {
    const prefix = pattern.endsWith('*') && pattern.length > 1 && !pattern.endsWith('.*');
    const stem = prefix ? pattern.slice(0, -1) : pattern;
    if (stem.startsWith('*.')) {
      if (prefix) methodPrefixes.push(stem.slice(2));
      else methods.add(stem.slice(2));
    } else if (stem.includes('.')) {
      if (prefix) exactPrefixes.push(stem);
      else exact.add(stem);
    } else if (prefix) {
      functionPrefixes.push(stem);
    } else {
      functions.add(stem);
    }
  }
  const startsWithAny = (text: string, prefixes: readonly string[]): boolean => prefixes.some((start: string): boolean => text.startsWith(start));
  const matchesCallee = (receiver: string | null, name: string): boolean => {
    if (receiver === null) return functions.has(name) || startsWithAny(name, functionPrefixes);
    const qualified = `${receiver}.${name}`;
    return methods.has(name) || exact.has(qualified) || startsWithAny(name, methodPrefixes) || startsWithAny(qualified, exactPrefixes);
  };
  return {
    matches(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = calleeName(call);
      return callee !== null && matchesCallee(callee.receiver, callee.name);
    },
    matchesCallee,
  };
}

/**
 * Whether `expression` (what an `await` waits for) is a pause: a call on the pause list, or a promise built
 * by hand around a timer, `new Promise((resolve) => setTimeout(resolve, ms))`.
 * @complexity O(size of the expression).
 */
export function isPause(expression: Node, pauses: CallMatcher): boolean {
  if (expression.type === 'CallExpression') return pauses.matches(expression);
  if (expression.type !== 'NewExpression' || expression.callee.type !== 'Identifier' || expression.callee.name !== 'Promise') return false;
  const executor = expression.arguments[0];
  if (executor === undefined || !isFunction(executor)) return false;
  let timer = false;
  walk(executor.body, (node: Node): boolean => {
    if (timer) return false;
    if (node.type === 'CallExpression') {
      const callee = calleeName(node);
      if (callee !== null && TIMER_CALLS.has(callee.name)) timer = true;
    }
    return !timer;
  });
  return timer;
}
