import type { PythonNode } from '../shared/python-ast.js';
import { enclosingFunction, type PythonNames } from '../shared/python-names.js';
import type { CallMatcher } from './call-lists.js';
import type { BusyWaitKind } from './busy-wait.js';

/**
 * Busy waiting in Python, as `no-busy-wait` reports it (busy-wait.ts has the TypeScript reading):
 * - a `while` loop whose body only pauses (`time.sleep(…)`, `await asyncio.sleep(…)`, any call on the
 *   `pauses` list) and checks a condition (the loop's test, `if …: break / return / continue`, a name
 *   assigned the state it re-reads): polling;
 * - a `while` loop without a pause whose only work is reading a clock until a time has passed
 *   (`while time.monotonic() < end: pass`): spinning;
 * - `time.sleep(…)` called inside an `async def`: it blocks the event loop and every task on it.
 */

const SLEEP: ReadonlySet<string> = new Set(['sleep']);
const EXITS: ReadonlySet<string> = new Set(['BreakStatement', 'ReturnStatement', 'ContinueStatement', 'RaiseStatement']);
const CLOCKS: ReadonlySet<string> = new Set(['time.time', 'time.monotonic', 'time.perf_counter', 'time.time_ns', 'time.monotonic_ns', 'time.perf_counter_ns', 'datetime.datetime.now', 'datetime.datetime.utcnow']);

function isPauseCall(node: PythonNode | undefined, names: PythonNames, pauses: CallMatcher): boolean {
  if (node?.type === 'Await') return isPauseCall(node.children[0], names, pauses);
  if (node?.type !== 'Call') return false;
  const fn = node.function;
  if (fn?.type === 'Identifier') return pauses.matchesCallee(null, names.textOf(fn));
  if (fn?.type === 'Attribute' && fn.object && fn.attribute) return pauses.matchesCallee(names.textOf(fn.object), names.textOf(fn.attribute));
  return false;
}

function readsClock(node: PythonNode, names: PythonNames): boolean {
  if (node.type === 'Call' && CLOCKS.has(names.calledName(node) ?? '')) return true;
  return node.children.some((child: PythonNode): boolean => readsClock(child, names));
}

function onlyExits(block: PythonNode | null | undefined): boolean {
  return block !== null && block !== undefined && block.children.every((statement: PythonNode): boolean => EXITS.has(statement.type));
}

/**
 * Whether a `while` loop busy-waits, and how; null when it does real work or is not a wait.
 * @complexity O(statements of the body + size of the conditions).
 */
export function pythonBusyWaitKind(loop: PythonNode, names: PythonNames, pauses: CallMatcher): BusyWaitKind | null {
  if (loop.type !== 'WhileStatement' || loop.body === null || loop.body === undefined) return null;
  if (Array.isArray(loop.alternative) ? loop.alternative.length > 0 : loop.alternative) return null;
  let pauseCount = 0;
  let reads = 0;
  let clockReads = 0;
  const conditions: PythonNode[] = [];
  for (const statement of loop.body.children) {
    const expression = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    if (statement.type === 'PassStatement') continue;
    if (statement.type === 'IfStatement') {
      const alternatives = Array.isArray(statement.alternative) ? statement.alternative : [];
      if (!onlyExits(statement.consequence) || alternatives.length > 0 || !statement.condition) return null;
      conditions.push(statement.condition);
    } else if (expression !== undefined && isPauseCall(expression, names, pauses)) {
      pauseCount += 1;
    } else if (expression?.type === 'Assignment' && expression.left?.type === 'Identifier' && expression.right && !Array.isArray(expression.right)) {
      if (readsClock(expression.right as PythonNode, names)) clockReads += 1;
      else reads += 1;
    } else return null;
  }
  const test = loop.condition ?? null;
  const alwaysTrue = test === null || test.type === 'True';
  if (alwaysTrue && conditions.length === 0) return null;
  if (pauseCount > 0) return 'polling';
  const all = alwaysTrue ? conditions : [test, ...conditions];
  if (reads === 0 && (clockReads > 0 || all.some((condition: PythonNode): boolean => readsClock(condition, names)))) return 'spinning';
  return null;
}

/**
 * Whether a call is `time.sleep(…)` made directly inside an `async def`.
 * @complexity O(depth of the node).
 */
export function isBlockingSleepInCoroutine(call: PythonNode, names: PythonNames): boolean {
  if (!names.mayCall(call, SLEEP) || names.calledName(call) !== 'time.sleep') return false;
  const fn = enclosingFunction(call);
  return fn?.type === 'FunctionDefinition' && fn.async === true;
}
