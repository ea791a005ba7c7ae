import type { TSESTree } from '@typescript-eslint/utils';
import { isPause, type CallMatcher } from './call-lists.js';
import { calleeName, contains, isFunction, referencesInside, unwrapExpression, walk, type Node, type Reference, type ScopeManager, type Variable } from './syntax.js';
import { withTimerImports } from './timer-imports.js';

/**
 * Whether the iterations of a loop that awaits depend on each other, the question behind
 * `prefer-concurrent-await` and the `concurrent-await` codemod. Only what is provably independent is
 * reported: a loop over a collection (`for…of`, `for…in`, a counting `for`) whose iterations share no state
 * but what they collect, that cannot stop early on an awaited value, does not pace itself (retries, polling,
 * rate limiting) and makes no call whose order matters.
 */

export type LoopNode =
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** Why a loop is left alone; each is a named valid case of the rule's tests. */
export type LoopExemption =
  | 'for-await'
  | 'condition-loop'
  | 'not-a-collection-loop'
  | 'retry-counter'
  | 'early-exit'
  | 'generator'
  | 'paced'
  | 'sequential-call'
  | 'synchronous-io'
  | 'ordered-collection'
  | 'sequential-alternative'
  | 'loop-carried';

/** How one outer variable is used inside the loop. */
export interface OuterUse {
  readonly variable: Variable | null;
  readonly name: string;
  /** Written by assignment, update, a mutating method (`pop`, `sort`) or a member write other than `x[key] =`. */
  readonly written: boolean;
  /** Collected into: `x.push(…)`, `x.add(…)`, `x.set(…)`, `x.unshift(…)`, `x[key] = …` with a per-iteration key. */
  readonly collected: boolean;
  /** Read in any other way. */
  readonly read: boolean;
  /** The identifiers, in source order. */
  readonly identifiers: readonly TSESTree.Identifier[];
}

/** What the analysis found in one loop. */
export interface LoopAnalysis {
  readonly loop: LoopNode;
  /** `null` when the iterations are independent. */
  readonly exemption: LoopExemption | null;
  /** The body's `await`s (outside nested functions) that start work with the iteration's own values: the ones reported. */
  readonly awaits: readonly TSESTree.AwaitExpression[];
  /** Every `await` of the body outside nested functions. */
  readonly allAwaits: readonly TSESTree.AwaitExpression[];
  /** `break`, `return`, `throw`, or a `continue` of an outer loop, outside nested functions. */
  readonly exits: readonly Node[];
  /** `continue` statements that go to this loop's next iteration. */
  readonly continues: readonly TSESTree.ContinueStatement[];
  /** Variables declared outside the loop and used in it, by name. */
  readonly outer: ReadonlyMap<string, OuterUse>;
  /** Variables declared inside the loop (the loop variable, the counter, the body's locals). */
  readonly inner: ReadonlySet<Variable>;
  /** The counting `for` loop's counter. */
  readonly counter: Variable | null;
}

const COLLECTING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set']);
const OBJECT_WRITERS: ReadonlySet<string> = new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf']);
const MUTATING_METHODS: ReadonlySet<string> = new Set(['pop', 'shift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'delete', 'clear']);
// Node's synchronous I/O (`fs.rmSync`, `execSync`): what the iteration's awaited calls read is set up by it.
const SYNC_CALL = /^[a-z]\w*Sync$/;
const RETRY_COUNTER = /^(?:attempts?|attemptNumber|retry|retries|retryCount|tries|try|tryCount)$/i;
const COUNTER_TESTS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '!==', '!=']);

/**
 * The loop whose iterations an `await` belongs to: the innermost enclosing loop in the same function,
 * skipping a `for…of`'s iterated expression and a `for`'s initializer, which run once. Needs `parent` links.
 * @complexity O(depth of the await).
 */
export function enclosingLoop(node: TSESTree.AwaitExpression): LoopNode | null {
  let child: Node = node;
  for (let current = node.parent as Node | undefined; current != null; child = current, current = current.parent as Node | undefined) {
    if (isFunction(current) || current.type === 'Program') return null;
    switch (current.type) {
      case 'ForOfStatement':
      case 'ForInStatement':
        if (child !== current.right) return current;
        break;
      case 'ForStatement':
        if (child !== current.init) return current;
        break;
      case 'WhileStatement':
      case 'DoWhileStatement':
        return current;
      default:
        break;
    }
  }
  return null;
}

function counterOf(loop: TSESTree.ForStatement): TSESTree.Identifier | null {
  const { init, test, update } = loop;
  if (init?.type !== 'VariableDeclaration' || init.kind !== 'let' || init.declarations.length !== 1) return null;
  const declarator = init.declarations[0];
  if (declarator?.id.type !== 'Identifier' || declarator.init === null) return null;
  const name = declarator.id.name;
  const isCounter = (node: Node | null | undefined): boolean => node?.type === 'Identifier' && node.name === name;
  if (test?.type !== 'BinaryExpression' || !COUNTER_TESTS.has(test.operator) || !(isCounter(test.left) || isCounter(test.right))) return null;
  if (update?.type === 'UpdateExpression' && isCounter(update.argument)) return declarator.id;
  if (
    update?.type === 'AssignmentExpression' &&
    (update.operator === '+=' || update.operator === '-=') &&
    isCounter(update.left) &&
    update.right.type === 'Literal' &&
    typeof update.right.value === 'number'
  ) {
    return declarator.id;
  }
  return null;
}

interface BodyFacts {
  readonly awaits: TSESTree.AwaitExpression[];
  readonly exits: Node[];
  readonly continues: TSESTree.ContinueStatement[];
  generator: boolean;
  paced: boolean;
  /** A synchronous I/O call (`writeFileSync`, `rmSync`): iterations share the state it changes. */
  synchronousIo: boolean;
  sequential: boolean;
  /** Identifier → how the member write or method call rooted at it treats it. */
  readonly memberUses: Map<TSESTree.Identifier, 'collected' | 'written' | { readonly key: TSESTree.Identifier }>;
  /** A member write rooted at something other than an identifier (`this.total += …`). */
  unrootedWrite: boolean;
}

function rootOf(node: TSESTree.MemberExpression): Node {
  let current: Node = node;
  while (current.type === 'MemberExpression') current = current.object;
  return current;
}

function noteMemberWrite(facts: BodyFacts, target: TSESTree.MemberExpression, plainAssignment: boolean): void {
  const root = rootOf(target);
  if (root.type !== 'Identifier') {
    facts.unrootedWrite = true;
    return;
  }
  const keyed = plainAssignment && target.object === root && target.computed && target.property.type === 'Identifier';
  facts.memberUses.set(root, keyed ? { key: target.property as TSESTree.Identifier } : 'written');
}

/**
 * The members a destructuring pattern assigns to (`obj.key` in `({ a: obj.key } = …)`, `[x.first, ...x.rest] = …`),
 * defaults and nesting included. Identifiers in it are writes scope analysis already sees.
 */
function memberTargets(pattern: Node): TSESTree.MemberExpression[] {
  const found: TSESTree.MemberExpression[] = [];
  const visit = (target: Node | null): void => {
    switch (target?.type) {
      case 'MemberExpression':
        found.push(target);
        break;
      case 'ObjectPattern':
        for (const property of target.properties) visit(property.type === 'Property' ? property.value : property.argument);
        break;
      case 'ArrayPattern':
        for (const element of target.elements) visit(element);
        break;
      case 'AssignmentPattern':
        visit(target.left);
        break;
      case 'RestElement':
        visit(target.argument);
        break;
      default:
        break;
    }
  };
  visit(pattern);
  return found;
}

const LOOP_TYPES: ReadonlySet<string> = new Set(['ForOfStatement', 'ForInStatement', 'ForStatement', 'WhileStatement', 'DoWhileStatement']);

// One pass over the parts of the loop that run every iteration. `loops` counts the loops (and switches, for
// `break`) entered below the analysed one, so an unlabeled `break`/`continue` there is not this loop's.
function collectFacts(roots: readonly Node[], sequential: CallMatcher, pauses: CallMatcher): BodyFacts {
  const facts: BodyFacts = {
    awaits: [],
    exits: [],
    continues: [],
    generator: false,
    paced: false,
    synchronousIo: false,
    sequential: false,
    memberUses: new Map(),
    unrootedWrite: false,
  };
  const innerLabels = new Set<string>();
  const visit = (node: Node, inFunction: boolean, loops: number, breakables: number): void => {
    switch (node.type) {
      case 'AwaitExpression':
        if (!inFunction) {
          facts.awaits.push(node);
          if (isPause(node.argument, pauses)) facts.paced = true;
        }
        break;
      case 'YieldExpression':
        if (!inFunction) facts.generator = true;
        break;
      case 'ReturnStatement':
      case 'ThrowStatement':
        if (!inFunction) facts.exits.push(node);
        break;
      case 'BreakStatement':
        if (!inFunction && (node.label === null ? breakables === 0 : !innerLabels.has(node.label.name))) facts.exits.push(node);
        break;
      case 'ContinueStatement':
        if (!inFunction) {
          if (node.label !== null && !innerLabels.has(node.label.name)) facts.exits.push(node);
          else if (node.label === null && loops === 0) facts.continues.push(node);
        }
        break;
      case 'LabeledStatement':
        innerLabels.add(node.label.name);
        break;
      case 'CallExpression':
      case 'NewExpression':
        if (sequential.matches(node)) facts.sequential = true;
        if (pauses.matches(node)) facts.paced = true;
        if (SYNC_CALL.test(calleeName(node)?.name ?? '')) facts.synchronousIo = true;
        if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'Object' && node.callee.property.type === 'Identifier' && OBJECT_WRITERS.has(node.callee.property.name)) {
          // `Object.assign(target, …)` changes its first argument.
          const target = node.arguments[0];
          if (target?.type === 'Identifier') facts.memberUses.set(target, 'written');
          else if (target?.type === 'MemberExpression') noteMemberWrite(facts, target, false);
          else if (target !== undefined) facts.unrootedWrite = true;
        }
        if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier') {
          const method = node.callee.property.name;
          const receiver = node.callee.object;
          if (receiver.type === 'Identifier' && COLLECTING_METHODS.has(method)) facts.memberUses.set(receiver, 'collected');
          else if (MUTATING_METHODS.has(method)) {
            if (receiver.type === 'MemberExpression') noteMemberWrite(facts, receiver, false);
            else if (receiver.type === 'Identifier') facts.memberUses.set(receiver, 'written');
            else facts.unrootedWrite = true;
          }
        }
        break;
      case 'AssignmentExpression':
        if (node.left.type === 'MemberExpression') noteMemberWrite(facts, node.left, node.operator === '=');
        // `({ owner: state.owner } = await load(id))`, `[this.last] = …`: a destructuring target is a write.
        else for (const target of memberTargets(node.left)) noteMemberWrite(facts, target, false);
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'MemberExpression') noteMemberWrite(facts, node.argument, false);
        break;
      case 'UnaryExpression':
        if (node.operator === 'delete' && node.argument.type === 'MemberExpression') noteMemberWrite(facts, node.argument, false);
        break;
      default:
        break;
    }
    const entersFunction = inFunction || isFunction(node);
    const isLoop = LOOP_TYPES.has(node.type);
    const nextLoops = isLoop ? loops + 1 : loops;
    const nextBreakables = isLoop || node.type === 'SwitchStatement' ? breakables + 1 : breakables;
    let first = true;
    walk(node, (child: Node): boolean => {
      if (first) {
        first = false;
        return true;
      }
      visit(child, entersFunction, nextLoops, nextBreakables);
      return false;
    });
  };
  for (const root of roots) visit(root, false, 0, 0);
  return facts;
}

// What runs every iteration: the body, plus a `for`'s test and update and a `while`'s test.
function iterationParts(loop: LoopNode): Node[] {
  switch (loop.type) {
    case 'ForOfStatement':
    case 'ForInStatement':
      return [loop.body];
    case 'ForStatement':
      return [loop.test, loop.update, loop.body].filter((part: Node | null): boolean => part !== null) as Node[];
    default:
      return [loop.test, loop.body];
  }
}

function isInnerVariable(variable: Variable | null, loop: LoopNode): boolean {
  if (variable === null || variable.defs.length === 0) return false;
  return variable.defs.every((definition): boolean => {
    const declared = definition.name as Node;
    if (!contains(loop, declared)) return false;
    // `var` belongs to the function: one binding shared by every iteration.
    const parent = definition.parent as Node | null;
    return !(parent?.type === 'VariableDeclaration' && parent.kind === 'var');
  });
}

// Iterating a sorted or reversed collection says the order is the point (teardown in reverse, sorted hooks).
const ORDERING_CALL = /^(?:reverse|toReversed|sort|toSorted|getSorted\w*|sorted\w*)$/;

function iteratesInOrder(loop: LoopNode): boolean {
  if (loop.type !== 'ForOfStatement') return false;
  let ordered = false;
  walk(loop.right, (node: Node): boolean => {
    if (ordered || isFunction(node)) return false;
    if (node.type === 'CallExpression') {
      const callee = node.callee;
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
      if (ORDERING_CALL.test(name)) ordered = true;
    }
    return !ordered;
  });
  return ordered;
}

// `if (parallel) await Promise.all(…) else for (…) await …`: the loop is the sequential mode, chosen on purpose.
function isSequentialAlternative(loop: LoopNode): boolean {
  let branch: Node = loop;
  let parent = loop.parent as Node | undefined;
  if (parent?.type === 'BlockStatement') {
    branch = parent;
    parent = parent.parent as Node | undefined;
  }
  if (parent?.type !== 'IfStatement') return false;
  const other = parent.consequent === branch ? parent.alternate : parent.consequent;
  if (other === null) return false;
  let concurrent = false;
  walk(other, (node: Node): boolean => {
    if (concurrent) return false;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'Promise') concurrent = true;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'mapConcurrent') concurrent = true;
    return !concurrent;
  });
  return concurrent;
}

const BATCH_CALL = /^(?:all|allSettled|any|race|mapConcurrent|pMap|map)$/;

function rootIdentifier(node: Node): TSESTree.Identifier | TSESTree.ThisExpression | null {
  let current = node;
  while (current.type === 'MemberExpression' || current.type === 'ChainExpression' || current.type === 'TSNonNullExpression') {
    current = current.type === 'MemberExpression' ? current.object : current.expression;
  }
  return current.type === 'Identifier' || current.type === 'ThisExpression' ? current : null;
}

/**
 * Whether the awaited call is work an iteration may not share: the item itself is what runs (a hook, a plugin,
 * a task: `await hook()`, `await plugin.apply()`), a method of the same object (`this.flush(x)`: its state),
 * the enclosing function again (a recursive walk filling shared state), or a batch that is already concurrent
 * (`await Promise.all(group.map(…))` per group: batching on purpose), or a call handed shared context (an outer
 * variable or `this` as an argument: `resolveImport(stmt, state)` may change `state` for the next item).
 */
function isOrderedWork(argument: Node, references: ReadonlyMap<Node, Reference>, inner: ReadonlySet<Variable>, enclosing: Node | null): boolean {
  let call = argument;
  while (call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && !call.callee.computed && call.callee.property.type === 'Identifier' && /^(?:catch|then|finally)$/.test(call.callee.property.name)) {
    call = call.callee.object;
  }
  if (call.type === 'ChainExpression') call = call.expression;
  if (call.type !== 'CallExpression') return false;
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && BATCH_CALL.test(callee.property.name) && callee.object.type === 'Identifier' && callee.object.name === 'Promise') return true;
  if (callee.type === 'Identifier' && BATCH_CALL.test(callee.name) && callee.name !== 'map') return true;
  for (const argument of call.arguments) {
    const value = unwrapExpression(argument.type === 'SpreadElement' ? argument.argument : argument);
    // A wrapper that runs a callback (tracing, locking, limiting) decides itself how the work is scheduled.
    if (value.type === 'ThisExpression' || isFunction(value)) return true;
    if (value.type === 'Identifier') {
      const variable = references.get(value)?.resolved;
      if (variable != null && !inner.has(variable)) return true;
    }
  }
  const root = rootIdentifier(callee);
  if (root === null) return false;
  if (root.type === 'ThisExpression') return callee.type === 'MemberExpression' && callee.object === root;
  const variable = references.get(root)?.resolved;
  if (variable != null && inner.has(variable)) return true;
  if (callee.type === 'Identifier' && enclosing !== null && 'id' in enclosing && enclosing.id?.type === 'Identifier' && enclosing.id.name === callee.name) return true;
  return false;
}

function enclosingFunctionOf(node: Node): Node | null {
  for (let current = node.parent as Node | undefined; current != null; current = current.parent as Node | undefined) {
    if (isFunction(current)) return current;
  }
  return null;
}

// An await that starts nothing (`await pair.value`, a promise created before the loop) waits on work already
// running concurrently: awaiting such promises in turn costs no time.
function startsWork(node: Node): boolean {
  let found = false;
  walk(node, (child: Node): boolean => {
    if (found || isFunction(child)) return false;
    if (child.type === 'CallExpression' || child.type === 'NewExpression' || child.type === 'ImportExpression') found = true;
    return !found;
  });
  return found;
}

function mentionsInner(node: Node, references: ReadonlyMap<Node, Reference>, inner: ReadonlySet<Variable>): boolean {
  let found = false;
  walk(node, (child: Node): boolean => {
    if (found) return false;
    if (child.type === 'Identifier') {
      const variable = references.get(child)?.resolved;
      if (variable != null && inner.has(variable)) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * Analyses one loop that awaits. `sequential` and `pauses` are the compiled call lists of the rule's options.
 * Needs `parent` links (ESLint sets them; codemods call `linkParents`).
 * @complexity O(size of the loop + references of the scopes that overlap it).
 */
export function analyzeLoop(loop: LoopNode, scopeManager: ScopeManager, sequential: CallMatcher, pauses: CallMatcher): LoopAnalysis {
  const empty = new Map<string, OuterUse>();
  const result = (
    exemption: LoopExemption | null,
    facts: BodyFacts | null,
    extra: Partial<Pick<LoopAnalysis, 'awaits' | 'outer' | 'inner' | 'counter'>> = {},
  ): LoopAnalysis => ({
    loop,
    exemption,
    awaits: extra.awaits ?? [],
    allAwaits: facts?.awaits ?? [],
    exits: facts?.exits ?? [],
    continues: facts?.continues ?? [],
    outer: extra.outer ?? empty,
    inner: extra.inner ?? new Set(),
    counter: extra.counter ?? null,
  });
  if (loop.type === 'ForOfStatement' && loop.await) return result('for-await', null);
  if (loop.type === 'WhileStatement' || loop.type === 'DoWhileStatement') return result('condition-loop', null);
  let counterName: TSESTree.Identifier | null = null;
  if (loop.type === 'ForStatement') {
    counterName = counterOf(loop);
    if (counterName === null) return result('not-a-collection-loop', null);
    if (RETRY_COUNTER.test(counterName.name)) return result('retry-counter', null);
  }
  const facts = collectFacts(iterationParts(loop), sequential, withTimerImports(pauses, scopeManager));
  if (facts.awaits.length === 0) return result(null, facts);
  if (facts.generator) return result('generator', facts);
  // An exit anywhere counts: from the second iteration on it runs after earlier awaits and may depend on them.
  if (facts.exits.length > 0) return result('early-exit', facts);
  if (iteratesInOrder(loop)) return result('ordered-collection', facts);
  if (isSequentialAlternative(loop)) return result('sequential-alternative', facts);
  if (facts.paced) return result('paced', facts);
  if (facts.sequential) return result('sequential-call', facts);
  if (facts.synchronousIo) return result('synchronous-io', facts);
  if (facts.unrootedWrite) return result('loop-carried', facts);

  const references = referencesInside(scopeManager, loop) as Map<Node, Reference>;
  const inner = new Set<Variable>();
  let counter: Variable | null = null;
  const outer = new Map<string, { variable: Variable | null; name: string; written: boolean; collected: boolean; read: boolean; identifiers: TSESTree.Identifier[] }>();
  const header = loop.type === 'ForOfStatement' || loop.type === 'ForInStatement' ? loop.left : null;
  const update = loop.type === 'ForStatement' ? loop.update : null;
  const init = loop.type === 'ForStatement' ? loop.init : null;
  for (const [identifier, reference] of references) {
    if (identifier.type !== 'Identifier') continue;
    const variable = reference.resolved;
    if (variable !== null && counterName !== null && variable.defs.some((definition): boolean => definition.name === counterName)) {
      counter = variable;
      inner.add(variable);
      // The counter may only change in the update clause.
      if (reference.isWrite() && !(update !== null && contains(update, identifier)) && !(init !== null && contains(init, identifier))) {
        return result('loop-carried', facts);
      }
      continue;
    }
    if (isInnerVariable(variable, loop)) {
      if (variable !== null) inner.add(variable);
      continue;
    }
    const name = identifier.name;
    let use = outer.get(name);
    if (use === undefined) {
      use = { variable, name, written: false, collected: false, read: false, identifiers: [] };
      outer.set(name, use);
    }
    use.identifiers.push(identifier);
    if (reference.isWrite()) {
      // `for (item of items)` assigns the loop variable; every other write carries state to later iterations.
      if (header === null || !contains(header, identifier)) use.written = true;
      continue;
    }
    const memberUse = facts.memberUses.get(identifier);
    if (memberUse === 'collected') use.collected = true;
    else if (memberUse === 'written') use.written = true;
    else if (memberUse !== undefined) {
      const key = references.get(memberUse.key)?.resolved ?? null;
      if (isInnerVariable(key, loop) || (counterName !== null && memberUse.key.name === counterName.name)) use.collected = true;
      else use.written = true;
    } else {
      use.read = true;
    }
  }
  for (const use of outer.values()) {
    if (use.written || (use.collected && use.read)) return result('loop-carried', facts, { outer, inner, counter });
  }
  const enclosing = enclosingFunctionOf(loop);
  // One call that must run in order makes the whole iteration ordered.
  if (facts.awaits.some((node: TSESTree.AwaitExpression): boolean => isOrderedWork(node.argument, references, inner, enclosing))) {
    return result(null, facts, { outer, inner, counter });
  }
  const awaits = facts.awaits.filter((node: TSESTree.AwaitExpression): boolean => startsWork(node.argument) && mentionsInner(node.argument, references, inner));
  return result(null, facts, { awaits, outer, inner, counter });
}
