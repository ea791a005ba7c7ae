import type { PythonNode } from '../shared/python-ast.js';
import type { PythonTextEdit } from '../shared/python-dataclasses.js';
import { importInsertion } from '../shared/python-import-edits.js';
import { enclosingFunction, type PythonNames } from '../shared/python-names.js';

/**
 * Durations measured with the wall clock in Python, as `prefer-performance-now` reports them: a name bound to
 * `time.time()` (or `datetime.now()` / `datetime.utcnow()` / `datetime.today()`) and later subtracted from
 * another read of that clock (`time.time() - start`). The standard (workspace-standards.md) times with
 * `time.perf_counter()`: monotonic, not moved by NTP or by hand, and of the highest resolution available.
 */

export type PythonWallClock = 'time' | 'datetime';

const CLOCKS: Readonly<Record<string, PythonWallClock>> = {
  'time.time': 'time',
  'datetime.datetime.now': 'datetime',
  'datetime.datetime.utcnow': 'datetime',
  'datetime.datetime.today': 'datetime',
};

const CLOCK_MEMBERS: ReadonlySet<string> = new Set(['time', 'now', 'utcnow', 'today']);

export interface PythonWallClockDuration {
  /** The clock read that starts the measurement. */
  readonly start: PythonNode;
  readonly clock: PythonWallClock;
  /** The clock as written: `time.time()`, `datetime.now()`. */
  readonly clockText: string;
  /**
   * The edits that read both ends with `time.perf_counter()` (and import it when needed); null when no
   * spelling of `time.perf_counter` is sure to mean it at every read.
   */
  readonly edits: readonly PythonTextEdit[] | null;
  /** Safe as an autofix: `time.time()`, both ends in one function, the start only subtracted from a read written in the subtraction. */
  readonly fixable: boolean;
}

function wallClock(node: PythonNode | null | undefined, names: PythonNames): PythonWallClock | null {
  if (node?.type !== 'Call' || !names.mayCall(node, CLOCK_MEMBERS)) return null;
  const clock = CLOCKS[names.calledName(node) ?? ''] ?? null;
  // `datetime.now(timezone.utc)` reads the same clock; `time.time()` takes no argument.
  return clock === 'time' && (node.arguments?.children.length ?? 0) > 0 ? null : clock;
}

function unparenthesized(node: PythonNode): PythonNode {
  let current = node;
  while (current.parent?.type === 'ParenthesizedExpression') current = current.parent;
  return current;
}

function inner(node: PythonNode): PythonNode {
  let current = node;
  while (current.type === 'ParenthesizedExpression' && current.children.length === 1) current = current.children[0] as PythonNode;
  return current;
}

// How to write `time.perf_counter()` at every read, with the import edit it needs; null when unsure.
function perfCounterSpelling(reads: readonly PythonNode[], names: PythonNames): { readonly call: string; readonly importEdit: PythonTextEdit | null } | null {
  const resolvesEverywhere = (name: string, module: string, member: string | null): boolean =>
    reads.every((read: PythonNode): boolean => {
      const resolved = names.scopes.resolve(read, name);
      return resolved.kind === 'import' && resolved.module === module && resolved.name === member;
    });
  const unboundEverywhere = (name: string): boolean =>
    reads.every((read: PythonNode): boolean => {
      const kind = names.scopes.resolve(read, name).kind;
      return kind === 'unknown';
    });
  for (const [name, bindings] of names.scopes.module.bindings) {
    const binding = bindings[0];
    if (binding?.kind !== 'import') continue;
    if (binding.module === 'time' && binding.name === null && resolvesEverywhere(name, 'time', null)) return { call: `${name}.perf_counter()`, importEdit: null };
    if (binding.module === 'time' && binding.name === 'perf_counter' && resolvesEverywhere(name, 'time', 'perf_counter')) return { call: `${name}()`, importEdit: null };
  }
  const statements = names.module.children;
  const fromTime = statements.find((statement: PythonNode): boolean =>
    statement.type === 'ImportFromStatement' && statement.moduleName !== null && statement.moduleName !== undefined && names.textOf(statement.moduleName) === 'time' && Array.isArray(statement.name) && statement.name.length > 0,
  );
  if (fromTime !== undefined && unboundEverywhere('perf_counter')) {
    const last = (fromTime.name as readonly PythonNode[]).at(-1) as PythonNode;
    return { call: 'perf_counter()', importEdit: { range: [last.range[1], last.range[1]], text: ', perf_counter' } };
  }
  if (unboundEverywhere('time')) {
    const imports = statements.filter((statement: PythonNode): boolean => statement.type === 'ImportStatement' || statement.type === 'ImportFromStatement' || statement.type === 'FutureImportStatement');
    const after = imports.at(-1);
    // Without imports, after the docstring (which must stay first to be `__doc__`).
    return { call: 'time.perf_counter()', importEdit: after === undefined ? importInsertion('time', names) : { range: [after.range[1], after.range[1]], text: '\nimport time' } };
  }
  return null;
}

// The clock reads a name is bound to when every binding of it in its scope is `name = <read of clock>`.
function clockBindings(name: PythonNode, clock: PythonWallClock, names: PythonNames): PythonNode[] | null {
  const text = names.textOf(name);
  const resolved = names.scopes.resolve(name, text);
  if (resolved.scope === null || resolved.kind === 'parameter' || resolved.kind === 'import') return null;
  const reads: PythonNode[] = [];
  const stack: PythonNode[] = [resolved.scope.node];
  while (stack.length > 0) {
    const node = stack.pop() as PythonNode;
    for (const child of node.children) stack.push(child);
    if (node.type !== 'Identifier' || names.textOf(node) !== text || names.scopes.resolve(node, text).scope !== resolved.scope) continue;
    const parent = node.parent;
    if (parent?.type !== 'Assignment' || parent.left !== node) continue;
    const value = parent.right && !Array.isArray(parent.right) ? inner(parent.right as PythonNode) : null;
    if (value === null || wallClock(value, names) !== clock) return null;
    reads.push(value);
  }
  return reads.length > 0 ? reads : null;
}

/**
 * The duration that the assignment `target = <clock read>` starts, or null when the name is not subtracted
 * from a later read of the clock.
 * @complexity O(nodes of the scope that binds the name).
 */
export function pythonWallClockDuration(assignment: PythonNode, names: PythonNames): PythonWallClockDuration | null {
  const target = assignment.left;
  const start = assignment.right && !Array.isArray(assignment.right) ? inner(assignment.right as PythonNode) : null;
  if (target?.type !== 'Identifier' || start === null) return null;
  const clock = wallClock(start, names);
  if (clock === null) return null;
  const name = names.textOf(target);
  const resolved = names.scopes.resolve(target, name);
  if (resolved.scope === null) return null;
  const home = enclosingFunction(assignment);
  const reads: PythonNode[] = [start];
  const extraEdits: PythonTextEdit[] = [];
  let fixable = clock === 'time';
  let measured = false;
  const stack: PythonNode[] = [resolved.scope.node];
  let understood = true;
  while (stack.length > 0 && understood) {
    const node = stack.pop() as PythonNode;
    for (const child of node.children) stack.push(child);
    if (node.type !== 'Identifier' || node === target || names.textOf(node) !== name) continue;
    if (node.parent?.type === 'Attribute' && node.parent.attribute === node) continue;
    if (node.parent?.type === 'KeywordArgument' && node.parent.name === node) continue;
    if (names.scopes.resolve(node, name).scope !== resolved.scope) continue;
    const parent = node.parent;
    if (parent?.type === 'Assignment' && parent.left === node) {
      // A restart from the same clock is part of the measurement; anything else is not understood.
      const value = parent.right && !Array.isArray(parent.right) ? inner(parent.right as PythonNode) : null;
      if (value === null || wallClock(value, names) !== clock) understood = false;
      else reads.push(value);
      continue;
    }
    const outer = unparenthesized(node);
    const subtraction = outer.parent?.type === 'BinaryOperator' && outer.parent.operator === '-' && outer.parent.right === outer ? outer.parent : null;
    if (subtraction === null || subtraction.left === null || subtraction.left === undefined || Array.isArray(subtraction.left)) {
      fixable = false;
      continue;
    }
    const left = inner(subtraction.left as PythonNode);
    const endReads = left.type === 'Identifier' ? clockBindings(left, clock, names) : null;
    if (wallClock(left, names) === clock) {
      measured = true;
      reads.push(left);
      if (enclosingFunction(subtraction) !== home) fixable = false;
    } else if (endReads !== null) {
      // `end - start` with `end = time.time()`: a duration, but `end` may be read as a timestamp elsewhere,
      // so the change is a suggestion.
      measured = true;
      reads.push(...endReads);
      fixable = false;
    } else {
      fixable = false;
      continue;
    }
    // `(datetime.now() - start).total_seconds()`: the float duration has no `.total_seconds()`.
    const wrapped = unparenthesized(subtraction);
    const method = wrapped.parent;
    if (clock === 'datetime' && method?.type === 'Attribute' && method.object === wrapped && method.attribute && names.textOf(method.attribute) === 'total_seconds' && method.parent?.type === 'Call' && (method.parent.arguments?.children.length ?? 0) === 0) {
      extraEdits.push({ range: [wrapped.range[1], method.parent.range[1]], text: '' });
    }
  }
  if (!understood || !measured) return null;
  const spelling = perfCounterSpelling(reads, names);
  const edits =
    spelling === null
      ? null
      : [
          ...(spelling.importEdit === null ? [] : [spelling.importEdit]),
          ...reads.map((read: PythonNode): PythonTextEdit => ({ range: read.range, text: spelling.call })),
          ...extraEdits,
        ];
  return { start, clock, clockText: `${names.textOf(start.function as PythonNode)}()`, edits, fixable: fixable && edits !== null };
}
