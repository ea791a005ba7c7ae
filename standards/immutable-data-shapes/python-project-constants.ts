import type { PythonNode } from '../shared/python-ast.js';
import type { PythonNames } from '../shared/python-names.js';
import { lineOf, type PythonProjectFile } from '../shared/python-project-classes.js';
import type { PythonShapeChange, PythonShapeLeftAlone, PythonShapesPlan } from './python-project-frozen.js';
import { constantCandidates, immutableConstantEdits, refersToModuleName, type ConstantCandidate, type ConstantShape } from './python-shapes.js';

/**
 * Whether an UPPER_CASE list or set constant (`constantCandidates`, the rule's own) can become a tuple or a
 * frozenset given the WHOLE project: only when every use, in its module and in every other file (`from m
 * import NAME [as alias]`, `m.NAME`, a `*` import), gives the same result, exceptions and their messages
 * included, on the immutable value. That is stricter than the rule's "only reads":
 * - a list: iterated (`for`, comprehensions, `*NAME`), tested with `in` / `not in`, in a condition (`if NAME`,
 *   `not NAME`, `and` / `or` in a condition), indexed with an integer literal inside its length (any other
 *   index may raise an `IndexError` whose message names the type), given to a builtin whose result does not depend on the type (`len`,
 *   `sorted`, `list`, `tuple`, `set`, `frozenset`, `dict`, `min`, `max`, `sum`, `any`, `all`, `enumerate`,
 *   `zip`, `map`/`filter` after the function, `bool`), or asked `NAME.count(…)`;
 * - a set: what does not depend on iteration order (a frozenset built from the same display may iterate in
 *   another order): `in` / `not in`, `==` / `!=`, a condition, `len`, `sorted`, `min`, `max`, `any`, `all`,
 *   `bool`, `issubset` / `issuperset` / `isdisjoint`.
 * Printing it, `repr`, `isinstance`, `==` on a list (a tuple never equals a list), `index` (its message names
 * the type), set operations (they return a frozenset), passing it to any other function and any write keep it
 * as it is. So does its name as a string anywhere but `__all__` (`getattr(m, "NAME")`). Dict constants stay
 * dicts: the rule suggests `types.MappingProxyType`, which is not a dict to `isinstance`, `json` or `pickle`.
 */

/** Which constants the codemod may change: those of selected files, not excluded by the rule's options. */
export interface ConstantScope {
  editable(path: string, name: string): boolean;
  /** As `FrozenScope.publishedBy`. */
  publishedBy(path: string, name: string): string | null;
}

const LIST_BUILTINS: ReadonlySet<string> = new Set(['len', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'min', 'max', 'sum', 'any', 'all', 'enumerate', 'zip', 'map', 'filter', 'bool']);
const SET_BUILTINS: ReadonlySet<string> = new Set(['len', 'sorted', 'min', 'max', 'any', 'all', 'bool']);
// `map(f, NAME)`, `filter(f, NAME)`: a list in the function's place would fail with a message naming the type.
const AFTER_FUNCTION: ReadonlySet<string> = new Set(['map', 'filter']);
const METHODS: Readonly<Record<'list' | 'set', ReadonlySet<string>>> = {
  list: new Set(['count']),
  set: new Set(['issubset', 'issuperset', 'isdisjoint']),
};
const CONDITIONS: ReadonlySet<string> = new Set(['IfStatement', 'ElifClause', 'WhileStatement']);

// An integer literal (or its negation) that indexes inside a display of `length` elements.
function inside(subscript: PythonNode | readonly PythonNode[] | null | undefined, length: number, names: PythonNames): boolean {
  // One index, not a tuple of them (`NAME[1, 2]`) or a slice.
  const index = Array.isArray(subscript) ? (subscript.length === 1 ? subscript[0] : undefined) : subscript;
  if (index === null || index === undefined) return false;
  const text = names.textOf(index).replace(/\s+/gu, '');
  if (!/^-?\d+$/u.test(text)) return false;
  const value = Number(text);
  return value >= -length && value < length;
}

/**
 * Whether one use of a constant (its name, or `module.NAME`) gives the same result on the tuple or frozenset.
 * @complexity O(1), O(length of a literal index).
 */
export function keepsResult(reference: PythonNode, candidate: ConstantCandidate, names: PythonNames): boolean {
  const shape = candidate.shape as 'list' | 'set';
  const parent = reference.parent;
  if (parent === null) return false;
  const list = shape === 'list';
  switch (parent.type) {
    case 'ForStatement':
      return list && parent.right === reference;
    case 'ForInClause':
      return list && Array.isArray(parent.right) && parent.right.includes(reference);
    case 'ListSplat':
      return list;
    case 'NotOperator':
      return true;
    case 'BooleanOperator':
      return onlyTested(parent);
    case 'ComparisonOperator': {
      const index = parent.children.indexOf(reference);
      const before = parent.operators?.[index - 1];
      const after = parent.operators?.[index];
      if (index > 0 && (before === 'in' || before === 'not in')) return true;
      return !list && parent.children.length === 2 && [before, after].some((operator: string | undefined): boolean => operator === '==' || operator === '!=');
    }
    case 'Subscript':
      return list && parent.value === reference && parent.parent?.type !== 'DeleteStatement' && !isTarget(parent) && inside(parent.subscript as PythonNode | readonly PythonNode[] | null, candidate.value.children.filter((child: PythonNode): boolean => child.type !== 'Comment').length, names);
    case 'ArgumentList': {
      const call = parent.parent;
      const callee = call?.function;
      if (callee?.type !== 'Identifier') return false;
      const name = names.textOf(callee);
      if (!(list ? LIST_BUILTINS : SET_BUILTINS).has(name) || names.scopes.resolve(callee, name).kind !== 'builtin') return false;
      return !AFTER_FUNCTION.has(name) || parent.children.indexOf(reference) > 0;
    }
    case 'Attribute': {
      const call = parent.parent;
      return parent.object === reference && call?.type === 'Call' && call.function === parent && !!parent.attribute && METHODS[shape].has(names.textOf(parent.attribute));
    }
    default:
      return onlyTested(reference);
  }
}

// Only its truth value is used: a condition, `not …`, or an operand of `and` / `or` that is itself only tested
// (`x or y` as a value is x itself).
function onlyTested(node: PythonNode): boolean {
  const parent = node.parent;
  if (parent === null) return false;
  if (parent.type === 'NotOperator') return true;
  if (parent.type === 'BooleanOperator') return onlyTested(parent);
  return CONDITIONS.has(parent.type) && parent.condition === node;
}

function isTarget(node: PythonNode): boolean {
  const parent = node.parent;
  return (parent?.type === 'Assignment' || parent?.type === 'AugmentedAssignment') && parent.left === node;
}

// The use as the reader sees it: the call or expression around the name, shortened.
function useText(reference: PythonNode, names: PythonNames): string {
  let around = reference.parent ?? reference;
  if ((around.type === 'Attribute' || around.type === 'ArgumentList') && around.parent !== null) around = around.parent;
  const text = names.textOf(around).replace(/\s+/gu, ' ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

interface Candidate {
  readonly file: PythonProjectFile;
  readonly constant: ConstantCandidate;
}

function stringContent(node: PythonNode, names: PythonNames): string | null {
  const match = /^[rRuU]?(['"])([A-Za-z_]\w*)\1$/u.exec(names.textOf(node));
  return match ? (match[2] as string) : null;
}

function inDunderAll(node: PythonNode, names: PythonNames): boolean {
  for (let current = node.parent; current !== null; current = current.parent) {
    if ((current.type === 'Assignment' || current.type === 'AugmentedAssignment') && current.left?.type === 'Identifier' && names.textOf(current.left) === '__all__') return true;
    if (current.type === 'ExpressionStatement' || current.type === 'Module') return false;
  }
  return false;
}

/**
 * Plans tuples and frozensets for the list and set constants every use of which, anywhere in the project,
 * keeps its result; every other list or set candidate is left alone with the first use that does not.
 * @complexity O(nodes of the project), one walk per file.
 */
export function planProjectConstants(files: readonly PythonProjectFile[], scope: ConstantScope): PythonShapesPlan {
  const byName = new Map<string, Candidate[]>();
  const ownOf = new Map<PythonProjectFile, Map<string, Candidate>>();
  for (const file of files) {
    const own = new Map<string, Candidate>();
    for (const constant of constantCandidates(file.names).values()) {
      if (constant.shape === 'dict') continue;
      const candidate: Candidate = { file, constant };
      own.set(constant.name, candidate);
      byName.set(constant.name, [...(byName.get(constant.name) ?? []), candidate]);
    }
    ownOf.set(file, own);
  }
  if (byName.size === 0) return { changes: [], leftAlone: [] };
  const blocked = new Map<Candidate, string>();
  const block = (targets: readonly Candidate[], reason: string): void => {
    for (const target of targets) if (!blocked.has(target)) blocked.set(target, reason);
  };
  for (const file of files) {
    const { names } = file;
    const own = ownOf.get(file) as Map<string, Candidate>;
    const where = (node: PythonNode): string => `${file.path}:${lineOf(node)}`;
    const check = (reference: PythonNode, targets: readonly Candidate[]): void => {
      for (const target of targets) {
        if (!blocked.has(target) && !keepsResult(reference, target.constant, names)) blocked.set(target, `\`${useText(reference, names)}\` at ${where(reference)} may need a ${target.constant.shape}`);
      }
    };
    const visit = (node: PythonNode): void => {
      if (node.type === 'Identifier') {
        const name = names.textOf(node);
        const mine = own.get(name);
        if (mine !== undefined) {
          if (node !== mine.constant.target && refersToModuleName(node, name, names)) check(node, [mine]);
        } else if (!(node.parent?.type === 'Attribute' && node.parent.attribute === node) && !isImportName(node)) {
          // Another file: a name imported as `from m import NAME [as alias]`, or one a `*` import may bind.
          const resolved = names.scopes.resolve(node, name);
          const imported = resolved.kind === 'import' && resolved.name !== null ? resolved.name : resolved.kind === 'unknown' ? name : null;
          const targets = imported === null ? undefined : byName.get(imported);
          if (targets !== undefined) check(node, targets);
        }
      } else if (node.type === 'Attribute' && node.attribute) {
        const targets = byName.get(names.textOf(node.attribute));
        if (targets !== undefined) check(node, targets);
      } else if (node.type === 'String') {
        const content = stringContent(node, names);
        const targets = content === null ? undefined : byName.get(content);
        if (targets !== undefined && !inDunderAll(node, names)) block(targets, `its name is written as a string at ${where(node)} (\`${names.textOf(node)}\`)`);
      }
      for (const child of node.children) visit(child);
    };
    visit(names.module);
  }
  const changes: PythonShapeChange[] = [];
  const leftAlone: PythonShapeLeftAlone[] = [];
  for (const targets of byName.values()) {
    for (const target of targets) {
      const { file, constant } = target;
      if (!scope.editable(file.path, constant.name)) continue;
      const published = scope.publishedBy(file.path, constant.name);
      const publicReason = published === null ? undefined : `it is public API of the distribution ${published}: code outside the project may change it (--change-public-api changes it too)`;
      const reason = publicReason ?? blocked.get(target);
      if (reason === undefined) changes.push({ path: file.path, name: constant.name, edits: immutableConstantEdits(constant, file.names) });
      else leftAlone.push({ path: file.path, name: constant.name, line: lineOf(constant.target), kept: `a ${constant.shape}`, reason });
    }
  }
  return { changes, leftAlone };
}

// The names of an import statement bind; they are not uses.
function isImportName(node: PythonNode): boolean {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (current.type === 'ImportFromStatement' || current.type === 'ImportStatement') return true;
    if (current.type === 'ExpressionStatement' || current.type === 'Module' || current.type === 'Block') return false;
  }
  return false;
}
