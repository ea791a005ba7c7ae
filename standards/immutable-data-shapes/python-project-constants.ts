import type { PythonNode } from '../shared/python-ast.js';
import type { PythonTextEdit } from '../shared/python-dataclasses.js';
import type { PythonNames } from '../shared/python-names.js';
import { lineOf } from '../shared/python-project-classes.js';
import type { PythonShapeChange, PythonShapeLeftAlone, PythonShapesPlan } from './python-project-frozen.js';
import { constantCandidates, immutableConstantEdits, refersToModuleName, type ConstantCandidate } from './python-shapes.js';

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
 * Each file is read once into plain facts (`constantFileFacts`): its candidates, and every reference that may
 * name a candidate of any file with what it keeps; the plan replays them in the project's walk order.
 */

/** Whether a use keeps its result on a tuple (`list`, or `index` inside its length) and on a frozenset (`set`). */
export interface KeptResult {
  readonly list: boolean;
  /** A literal integer index (`NAME[2]`) the list result depends on: kept when inside the display's length. */
  readonly index: number | null;
  readonly set: boolean;
}

/** A list or set constant of a file (`constantCandidates`), as plain data. */
export interface ConstantFact {
  readonly name: string;
  readonly shape: 'list' | 'set';
  /** The elements of its display. */
  readonly length: number;
  /** The line of its name where it is bound. */
  readonly line: number;
  readonly edits: readonly PythonTextEdit[];
}

/**
 * A place that may use a constant: its own module's name (`own`), a name imported or bound by a `*` import
 * (`imported`: `name` is the imported name), `module.NAME` (`attribute`), or its name in a string (`string`).
 */
export type ConstantReference =
  | { readonly kind: 'own' | 'imported' | 'attribute'; readonly name: string; readonly kept: KeptResult; readonly where: string; /** The use as the reason quotes it; null when it keeps both. */ readonly text: string | null }
  | { readonly kind: 'string'; readonly name: string; readonly where: string; readonly text: string };

/** What the constants proof reads of one file. */
export interface ConstantFileFacts {
  readonly candidates: readonly ConstantFact[];
  /** In walk order; `imported`, `attribute` and `string` only for names in `names` (see `constantFileFacts`). */
  readonly references: readonly ConstantReference[];
  /** The names the other files' references were recorded for. */
  readonly names: ReadonlySet<string>;
}

/** A file's facts as the constants plan reads them. */
export interface ConstantsProjectFile {
  readonly path: string;
  readonly constants: ConstantFileFacts;
}

// A module-level `NAME = [` or `NAME = {` (at a line start or after `;`): every candidate's binding looks so.
const CONSTANT_BINDING = /(?:^|;)[ \t\f\uFEFF]*(_*[A-Z][A-Z0-9_]*)[ \t\f]*=(?:[ \t\f]|\\\r?\n)*[[{]/gmu;

/**
 * The names of a file's text that may be list or set constants (`constantCandidates`): a guess from the text
 * alone, checked once every file is read (a missed name is one some file's text contains: that file is read again).
 * @complexity O(length of the text).
 */
export function guessConstantNames(text: string): string[] {
  return [...text.matchAll(CONSTANT_BINDING)].map((match: RegExpMatchArray): string => match[1] as string);
}

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

// An integer literal (or its negation) indexing a display, or null.
function literalIndex(subscript: PythonNode | readonly PythonNode[] | null | undefined, names: PythonNames): number | null {
  // One index, not a tuple of them (`NAME[1, 2]`) or a slice.
  const index = Array.isArray(subscript) ? (subscript.length === 1 ? subscript[0] : undefined) : subscript;
  if (index === null || index === undefined) return null;
  const text = names.textOf(index).replace(/\s+/gu, '');
  return /^-?\d+$/u.test(text) ? Number(text) : null;
}

const NEITHER: KeptResult = { list: false, index: null, set: false };
const BOTH: KeptResult = { list: true, index: null, set: true };

/**
 * Whether one use of a constant (its name, or `module.NAME`) gives the same result on the tuple or frozenset.
 * @complexity O(1), O(length of a literal index).
 */
export function keepsResult(reference: PythonNode, candidate: ConstantCandidate, names: PythonNames): boolean {
  return keeps(resultKept(reference, names), candidate.shape as 'list' | 'set', candidate.value.children.filter((child: PythonNode): boolean => child.type !== 'Comment').length);
}

function keeps(kept: KeptResult, shape: 'list' | 'set', length: number): boolean {
  if (shape === 'set') return kept.set;
  return kept.list || (kept.index !== null && kept.index >= -length && kept.index < length);
}

/**
 * What one use of a constant keeps, on either immutable shape (see `keepsResult`).
 * @complexity O(1), O(length of a literal index).
 */
export function resultKept(reference: PythonNode, names: PythonNames): KeptResult {
  const parent = reference.parent;
  if (parent === null) return NEITHER;
  switch (parent.type) {
    case 'ForStatement':
      return { ...NEITHER, list: parent.right === reference };
    case 'ForInClause':
      return { ...NEITHER, list: Array.isArray(parent.right) && parent.right.includes(reference) };
    case 'ListSplat':
      return { ...NEITHER, list: true };
    case 'NotOperator':
      return BOTH;
    case 'BooleanOperator':
      return onlyTested(parent) ? BOTH : NEITHER;
    case 'ComparisonOperator': {
      const index = parent.children.indexOf(reference);
      const before = parent.operators?.[index - 1];
      const after = parent.operators?.[index];
      if (index > 0 && (before === 'in' || before === 'not in')) return BOTH;
      return { ...NEITHER, set: parent.children.length === 2 && [before, after].some((operator: string | undefined): boolean => operator === '==' || operator === '!=') };
    }
    case 'Subscript':
      if (parent.value !== reference || parent.parent?.type === 'DeleteStatement' || isTarget(parent)) return NEITHER;
      return { ...NEITHER, index: literalIndex(parent.subscript as PythonNode | readonly PythonNode[] | null, names) };
    case 'ArgumentList': {
      const call = parent.parent;
      const callee = call?.function;
      if (callee?.type !== 'Identifier') return NEITHER;
      const name = names.textOf(callee);
      if (!LIST_BUILTINS.has(name) && !SET_BUILTINS.has(name)) return NEITHER;
      if (names.scopes.resolve(callee, name).kind !== 'builtin') return NEITHER;
      const placed = !AFTER_FUNCTION.has(name) || parent.children.indexOf(reference) > 0;
      return { list: LIST_BUILTINS.has(name) && placed, index: null, set: SET_BUILTINS.has(name) && placed };
    }
    case 'Attribute': {
      const call = parent.parent;
      if (!(parent.object === reference && call?.type === 'Call' && call.function === parent && !!parent.attribute)) return NEITHER;
      const method = names.textOf(parent.attribute as PythonNode);
      return { list: METHODS.list.has(method), index: null, set: METHODS.set.has(method) };
    }
    default:
      return onlyTested(reference) ? BOTH : NEITHER;
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
 * Reads one file (`path`: its project path) for the constants proof: its list and set candidates
 * (`constantCandidates`), and in walk order every reference to one of its own candidates and every place that
 * may use a candidate of the project whose name is in `projectNames` (a guess: `guessConstantNames`).
 * @complexity O(nodes of the file × depth).
 */
export function constantFileFacts(path: string, names: PythonNames, projectNames: ReadonlySet<string>): ConstantFileFacts {
  const candidates: ConstantFact[] = [];
  const own = new Map<string, ConstantCandidate>();
  for (const constant of constantCandidates(names).values()) {
    if (constant.shape === 'dict') continue;
    own.set(constant.name, constant);
    const length = constant.value.children.filter((child: PythonNode): boolean => child.type !== 'Comment').length;
    candidates.push({ name: constant.name, shape: constant.shape, length, line: lineOf(constant.target), edits: immutableConstantEdits(constant, names) });
  }
  const references: ConstantReference[] = [];
  const where = (node: PythonNode): string => `${path}:${lineOf(node)}`;
  const record = (kind: 'own' | 'imported' | 'attribute', name: string, reference: PythonNode): void => {
    const kept = resultKept(reference, names);
    references.push({ kind, name, kept, where: where(reference), text: kept.list && kept.set ? null : useText(reference, names) });
  };
  const visit = (node: PythonNode): void => {
    if (node.type === 'Identifier') {
      const name = names.textOf(node);
      const mine = own.get(name);
      if (mine !== undefined) {
        if (node !== mine.target && refersToModuleName(node, name, names)) record('own', name, node);
      } else if (!(node.parent?.type === 'Attribute' && node.parent.attribute === node) && !isImportName(node)) {
        // Another file: a name imported as `from m import NAME [as alias]`, or one a `*` import may bind.
        const resolved = names.scopes.resolve(node, name);
        const imported = resolved.kind === 'import' && resolved.name !== null ? resolved.name : resolved.kind === 'unknown' ? name : null;
        if (imported !== null && projectNames.has(imported)) record('imported', imported, node);
      }
    } else if (node.type === 'Attribute' && node.attribute) {
      const name = names.textOf(node.attribute);
      if (projectNames.has(name)) record('attribute', name, node);
    } else if (node.type === 'String') {
      const content = stringContent(node, names);
      if (content !== null && projectNames.has(content) && !inDunderAll(node, names)) references.push({ kind: 'string', name: content, where: where(node), text: names.textOf(node) });
    }
    for (const child of node.children) visit(child);
  };
  visit(names.module);
  return { candidates, references, names: projectNames };
}

interface Candidate {
  readonly path: string;
  readonly constant: ConstantFact;
}

/**
 * Plans tuples and frozensets for the list and set constants every use of which, anywhere in the project,
 * keeps its result; every other list or set candidate is left alone with the first use that does not. Every
 * file's `names` must hold every candidate name of the project its text contains.
 * @complexity O(references of the project × candidates sharing a name).
 */
export function planProjectConstants(files: readonly ConstantsProjectFile[], scope: ConstantScope): PythonShapesPlan {
  const byName = new Map<string, Candidate[]>();
  const ownOf = new Map<string, Map<string, Candidate>>();
  for (const file of files) {
    const own = new Map<string, Candidate>();
    for (const constant of file.constants.candidates) {
      const candidate: Candidate = { path: file.path, constant };
      own.set(constant.name, candidate);
      const named = byName.get(constant.name);
      if (named === undefined) byName.set(constant.name, [candidate]);
      else named.push(candidate);
    }
    ownOf.set(file.path, own);
  }
  if (byName.size === 0) return { changes: [], leftAlone: [] };
  const blocked = new Map<Candidate, string>();
  for (const file of files) {
    const own = ownOf.get(file.path) as Map<string, Candidate>;
    for (const reference of file.constants.references) {
      if (reference.kind === 'string') {
        for (const target of byName.get(reference.name) ?? []) {
          if (!blocked.has(target)) blocked.set(target, `its name is written as a string at ${reference.where} (\`${reference.text}\`)`);
        }
        continue;
      }
      const targets = reference.kind === 'own' ? [own.get(reference.name) as Candidate] : (byName.get(reference.name) ?? []);
      for (const target of targets) {
        if (!blocked.has(target) && !keeps(reference.kept, target.constant.shape, target.constant.length)) {
          blocked.set(target, `\`${reference.text as string}\` at ${reference.where} may need a ${target.constant.shape}`);
        }
      }
    }
  }
  const changes: PythonShapeChange[] = [];
  const leftAlone: PythonShapeLeftAlone[] = [];
  for (const targets of byName.values()) {
    for (const target of targets) {
      const { path, constant } = target;
      if (!scope.editable(path, constant.name)) continue;
      const published = scope.publishedBy(path, constant.name);
      const publicReason = published === null ? undefined : `it is public API of the distribution ${published}: code outside the project may change it (--change-public-api changes it too)`;
      const reason = publicReason ?? blocked.get(target);
      if (reason === undefined) changes.push({ path, name: constant.name, edits: constant.edits });
      else leftAlone.push({ path, name: constant.name, line: constant.line, kept: `a ${constant.shape}`, reason });
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
