import type { PythonNode } from '../shared/python-ast.js';
import type { PythonNames } from '../shared/python-names.js';
import type { CallMatcher } from './call-lists.js';
import type { LoopExemption } from './loop-independence.js';

/**
 * `prefer-concurrent-await` on Python: a `for` loop whose iterations await calls that start work with the
 * iteration's own values, one at a time, where nothing makes the order matter. The exemptions are the
 * TypeScript ones (loop-independence.ts), read in Python's syntax:
 * - `async for` (`for-await`), `while` (`condition-loop`), `for attempt in range(…)` and other retry
 *   counters (`retry-counter`), `sorted(…)` / `reversed(…)` (`ordered-collection`);
 * - `break`, `return`, `raise` (`early-exit`; Python's `continue` always targets the innermost loop);
 *   `yield` (`generator`);
 * - a pause (`asyncio.sleep`, any `sleep` / `delay` / `wait` on the `pauses` list: `paced`); a call on the
 *   `sequential` list (`sequential-call`);
 * - state carried between iterations (`loop-carried`): `total += …`, a name read in an iteration before the
 *   iteration assigns it (`cursor = await fetch(cursor)`), an attribute written (`self.count = …`), an item
 *   written under a key that is not the iteration's own, a mutating method (`pop`, `sort`, `remove`, …), or
 *   a collection both filled (`append`, `add`, `extend`, …) and read.
 * An `await` is reported when its call uses the iteration's values and is not ordered work: the loop's item
 * called (`await hook(ctx)`), a method of `self`, a call handed an outer name (shared context), or a call
 * already concurrent (`asyncio.gather`).
 */

export interface PythonLoopAnalysis {
  readonly exemption: LoopExemption | null;
  /** The awaits to report. */
  readonly awaits: readonly PythonNode[];
}

const RETRY_COUNTER = /^(?:_?(?:attempts?|retry|retries|tries|try_count|tries_left|backoff))$/u;
const COLLECTING_METHODS: ReadonlySet<string> = new Set(['append', 'add', 'extend', 'update', 'appendleft', 'put_nowait', 'setdefault']);
const MUTATING_METHODS: ReadonlySet<string> = new Set(['pop', 'popleft', 'popitem', 'remove', 'discard', 'clear', 'sort', 'reverse', 'insert', 'get_nowait']);
const CONCURRENT_CALLS: ReadonlySet<string> = new Set(['asyncio.gather', 'asyncio.wait', 'asyncio.as_completed', 'asyncio.wait_for', 'asyncio.shield']);
const BOUNDARIES: ReadonlySet<string> = new Set(['FunctionDefinition', 'Lambda', 'ClassDefinition']);
const LOOPS: ReadonlySet<string> = new Set(['ForStatement', 'WhileStatement']);

/**
 * The innermost `for` / `while` around an `await`, within its function; null when there is none.
 * @complexity O(depth of the node).
 */
export function enclosingPythonLoop(node: PythonNode): PythonNode | null {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (BOUNDARIES.has(current.type)) return null;
    if (LOOPS.has(current.type) && current.body !== null && current.body !== undefined && contains(current.body, node)) return current;
  }
  return null;
}

function contains(outer: PythonNode, inner: PythonNode): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

// The names a target binds; `identifiers` (when given) receives the binding identifiers themselves.
function addTargets(target: PythonNode | null | undefined, names: PythonNames, into: Set<string>, identifiers?: Set<PythonNode>): void {
  if (target === null || target === undefined || target.type === 'Attribute' || target.type === 'Subscript') return;
  if (target.type === 'Identifier') {
    into.add(names.textOf(target));
    identifiers?.add(target);
  } else for (const child of target.children) addTargets(child, names, into, identifiers);
}

// A call's callee as `receiver` (the object's text, null for a plain call) and `name`.
function callee(call: PythonNode, names: PythonNames): { readonly receiver: string | null; readonly name: string } | null {
  const fn = call.function;
  if (fn?.type === 'Identifier') return { receiver: null, name: names.textOf(fn) };
  if (fn?.type === 'Attribute' && fn.object && fn.attribute) return { receiver: names.textOf(fn.object), name: names.textOf(fn.attribute) };
  return null;
}

function rootName(node: PythonNode | null | undefined, names: PythonNames): string | null {
  let current = node;
  while (current?.type === 'Attribute' || current?.type === 'Subscript') current = current.type === 'Attribute' ? current.object : (current.value as PythonNode | null);
  return current?.type === 'Identifier' ? names.textOf(current) : null;
}

/** Walks a subtree without entering nested functions, lambdas or classes. */
function walkBody(node: PythonNode, visit: (node: PythonNode) => void): void {
  const stack: PythonNode[] = [...node.children].reverse();
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    visit(current);
    if (!BOUNDARIES.has(current.type)) for (let index = current.children.length - 1; index >= 0; index -= 1) stack.push(current.children[index] as PythonNode);
  }
}

function iteratesInOrder(loop: PythonNode, names: PythonNames): boolean {
  const iterable = loop.right && !Array.isArray(loop.right) ? (loop.right as PythonNode) : null;
  return iterable?.type === 'Call' && iterable.function?.type === 'Identifier' && ['sorted', 'reversed'].includes(names.textOf(iterable.function));
}

function retryCounter(loop: PythonNode, names: PythonNames): boolean {
  const target = loop.left;
  const iterable = loop.right && !Array.isArray(loop.right) ? (loop.right as PythonNode) : null;
  return target?.type === 'Identifier' && RETRY_COUNTER.test(names.textOf(target)) && iterable?.type === 'Call' && iterable.function?.type === 'Identifier' && names.textOf(iterable.function) === 'range';
}

/**
 * Analyses one `for` / `while` loop that awaits.
 * @complexity O(nodes of the loop).
 */
export function analyzePythonLoop(loop: PythonNode, names: PythonNames, sequential: CallMatcher, pauses: CallMatcher): PythonLoopAnalysis {
  const exempt = (exemption: LoopExemption): PythonLoopAnalysis => ({ exemption, awaits: [] });
  if (loop.type === 'WhileStatement') return exempt('condition-loop');
  if (loop.async === true) return exempt('for-await');
  if (retryCounter(loop, names)) return exempt('retry-counter');
  if (iteratesInOrder(loop, names)) return exempt('ordered-collection');
  const body = loop.body as PythonNode;
  const inner = new Set<string>();
  addTargets(loop.left, names, inner);
  const awaits: PythonNode[] = [];
  // Names written in the body, with the end of the first statement that writes them.
  const firstWrite = new Map<string, number>();
  const reads: { readonly name: string; readonly at: number }[] = [];
  const filled = new Set<string>();
  const bindingIdentifiers = new Set<PythonNode>();
  let exemption: LoopExemption | null = null;
  const note = (found: LoopExemption): void => {
    exemption ??= found;
  };
  walkBody(body, (node: PythonNode): void => {
    switch (node.type) {
      case 'Await':
        awaits.push(node);
        return;
      case 'BreakStatement':
      case 'ReturnStatement':
      case 'RaiseStatement':
        note('early-exit');
        return;
      case 'Yield':
        note('generator');
        return;
      case 'AugmentedAssignment':
        if (node.left?.type === 'Identifier' || node.left?.type === 'Attribute') note('loop-carried');
        else if (node.left?.type === 'Subscript' && !subscriptIsOwn(node.left, names, inner)) note('loop-carried');
        return;
      case 'Assignment':
      case 'ForStatement':
      case 'ForInClause':
      case 'NamedExpression': {
        const target = (node.type === 'NamedExpression' ? node.name : node.left) as PythonNode | null | undefined;
        const written = new Set<string>();
        addTargets(target, names, written, bindingIdentifiers);
        for (const name of written) {
          if (!firstWrite.has(name)) firstWrite.set(name, node.range[1]);
          inner.add(name);
        }
        if (target?.type === 'Attribute') note('loop-carried');
        if (target?.type === 'Subscript' && !subscriptIsOwn(target, names, inner)) note('loop-carried');
        return;
      }
      case 'Identifier': {
        const parent = node.parent;
        if (parent?.type === 'Attribute' && parent.attribute === node) return;
        if ((parent?.type === 'KeywordArgument' && parent.name === node) || bindingIdentifiers.has(node)) return;
        reads.push({ name: names.textOf(node), at: node.range[0] });
        return;
      }
      case 'Call': {
        const named = callee(node, names);
        if (named === null) return;
        if (pauses.matchesCallee(named.receiver, named.name)) note('paced');
        else if (sequential.matchesCallee(named.receiver, named.name)) note('sequential-call');
        if (named.receiver !== null) {
          const root = rootName(node.function && node.function.type === 'Attribute' ? node.function.object : null, names);
          if (MUTATING_METHODS.has(named.name)) note('loop-carried');
          else if (COLLECTING_METHODS.has(named.name) && root !== null) filled.add(root);
        }
        return;
      }
      default:
        return;
    }
  });
  if (awaits.length === 0) return { exemption: null, awaits: [] };
  if (exemption !== null) return exempt(exemption);
  for (const read of reads) {
    const written = firstWrite.get(read.name);
    // Read before this iteration assigns it: the value comes from the previous iteration.
    if (written !== undefined && read.at < written && !inLoopTarget(loop, read.at)) return exempt('loop-carried');
  }
  // A collection filled and also read (membership tests, lengths) carries state between iterations.
  for (const name of filled) {
    const readsOfIt = reads.filter((read: { readonly name: string }): boolean => read.name === name).length;
    const fills = countFills(body, name, names);
    if (readsOfIt > fills) return exempt('loop-carried');
  }
  const reported = awaits.filter((node: PythonNode): boolean => startsIterationWork(node, loop, inner, names));
  return { exemption: null, awaits: reported };
}

function inLoopTarget(loop: PythonNode, at: number): boolean {
  return loop.left !== null && loop.left !== undefined && loop.left.range[0] <= at && at < loop.left.range[1];
}

function countFills(body: PythonNode, name: string, names: PythonNames): number {
  let count = 0;
  walkBody(body, (node: PythonNode): void => {
    if (node.type !== 'Call' || node.function?.type !== 'Attribute' || !node.function.attribute) return;
    if (COLLECTING_METHODS.has(names.textOf(node.function.attribute)) && rootName(node.function.object, names) === name) count += 1;
  });
  return count;
}

function subscriptIsOwn(subscript: PythonNode, names: PythonNames, inner: ReadonlySet<string>): boolean {
  const keys = Array.isArray(subscript.subscript) ? (subscript.subscript as readonly PythonNode[]) : [];
  return keys.length === 1 && keys[0]?.type === 'Identifier' && inner.has(names.textOf(keys[0]));
}

function mentions(node: PythonNode, namesToFind: ReadonlySet<string>, names: PythonNames): boolean {
  if (node.type === 'Identifier' && namesToFind.has(names.textOf(node)) && !(node.parent?.type === 'Attribute' && node.parent.attribute === node)) return true;
  return node.children.some((child: PythonNode): boolean => mentions(child, namesToFind, names));
}

// Whether an await starts work from the iteration's own values, and is not ordered work.
function startsIterationWork(node: PythonNode, loop: PythonNode, inner: ReadonlySet<string>, names: PythonNames): boolean {
  const call = node.children[0];
  if (call?.type !== 'Call' || !mentions(call, inner, names)) return false;
  if (CONCURRENT_CALLS.has(names.calledName(call) ?? '')) return false;
  const fn = call.function;
  // The item is what runs (`await hook(ctx)`, `await plugin.apply(env)`), or a method of self.
  const root = rootName(fn, names);
  if (root !== null && (root === 'self' || (inner.has(root) && loop.left !== null && loop.left !== undefined && mentions(loop.left, new Set([root]), names)))) return false;
  // Shared context handed to each call (an outer name as an argument) makes the order possibly matter.
  for (const argument of call.arguments?.children ?? []) {
    const value = argument.type === 'KeywordArgument' ? (argument.value as PythonNode | null) : argument;
    if (value?.type === 'Identifier') {
      const name = names.textOf(value);
      const kind = names.scopes.resolve(value, name).kind;
      if (!inner.has(name) && (kind === 'local' || kind === 'parameter')) return false;
    }
  }
  return true;
}
