import type { PythonNode } from '../shared/python-ast.js';
import { dataclassDecorator, hasKeywordSplat, keywordValue, setKeywordTrue, type DataclassDecorator, type PythonTextEdit } from '../shared/python-dataclasses.js';
import { bodyDefinitions, decoratorsOf, type PythonNames } from '../shared/python-names.js';

/**
 * The immutable-data-shapes standard on Python (performance-standards-python-go.md: `@dataclass(slots=True,
 * frozen=True)`): data that is not changed after it is built is declared so. Two shapes:
 * - a `@dataclass` without `frozen=True` whose instances this file never changes: no method assigns an
 *   attribute of `self` (`__init__` and `__post_init__` included: in a frozen class they would need
 *   `object.__setattr__`), and no code in the file assigns, augments or deletes an attribute named like one
 *   of its fields, nor calls `setattr`. Also left alone: a class with base classes (a frozen dataclass cannot
 *   inherit from a non-frozen one, and the bases may be defined elsewhere) and a class another class of the
 *   file inherits from;
 * - an UPPER_CASE module constant bound to a list, dict or set literal (without annotation) that the file
 *   only reads: indexes, iterates, tests with `in`, hands to read-only builtins (`len`, `sorted`, …) or
 *   calls read-only methods on (`get`, `items`, `index`, `union`, …). A tuple, a frozenset or a
 *   `types.MappingProxyType` then says so and fails loudly on an accidental write.
 */

export interface MutableDataclass {
  readonly kind: 'dataclass';
  readonly found: DataclassDecorator;
  readonly name: string;
  readonly edit: PythonTextEdit;
}

export type ConstantShape = 'list' | 'dict' | 'set';

export interface MutableConstant {
  readonly kind: 'constant';
  /** The constant's name where it is bound. */
  readonly target: PythonNode;
  readonly name: string;
  readonly shape: ConstantShape;
  readonly edits: readonly PythonTextEdit[];
}

const UPPER_CASE = /^_*[A-Z][A-Z0-9_]*$/u;
const SHAPES: Readonly<Record<string, ConstantShape>> = { List: 'list', Dictionary: 'dict', Set: 'set' };

/** Methods that only read, per shape, that the immutable replacement also has. */
const READ_METHODS: Readonly<Record<ConstantShape, ReadonlySet<string>>> = {
  list: new Set(['index', 'count']),
  dict: new Set(['get', 'keys', 'items', 'values', 'copy']),
  set: new Set(['issubset', 'issuperset', 'isdisjoint', 'union', 'intersection', 'difference', 'symmetric_difference', 'copy']),
};

/** Builtins that read their argument and accept a tuple, a frozenset or a mapping proxy alike. */
const READING_BUILTINS: ReadonlySet<string> = new Set([
  'len', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'iter', 'enumerate', 'zip', 'min', 'max', 'sum', 'any', 'all', 'map', 'filter', 'reversed', 'print', 'repr', 'str',
]);

const TARGET_PARENTS: ReadonlySet<string> = new Set(['PatternList', 'TuplePattern', 'ListPattern', 'DeleteStatement']);

function isAssignedTarget(node: PythonNode): boolean {
  const parent = node.parent;
  if (parent === null) return false;
  if ((parent.type === 'Assignment' || parent.type === 'AugmentedAssignment') && parent.left === node) return true;
  return TARGET_PARENTS.has(parent.type);
}

function walk(node: PythonNode, visit: (node: PythonNode) => void): void {
  const stack: PythonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    visit(current);
    for (let index = current.children.length - 1; index >= 0; index -= 1) stack.push(current.children[index] as PythonNode);
  }
}

/** What one file writes: attribute names assigned anywhere, and whether it calls `setattr`. */
export interface FileWrites {
  readonly attributes: ReadonlySet<string>;
  readonly callsSetattr: boolean;
  /** Names of the classes the file's classes inherit from (the last part of a dotted base). */
  readonly bases: ReadonlySet<string>;
}

/**
 * One pass over the file for what the dataclass check needs.
 * @complexity O(nodes).
 */
export function fileWrites(module: PythonNode, names: PythonNames): FileWrites {
  const attributes = new Set<string>();
  const bases = new Set<string>();
  let callsSetattr = false;
  walk(module, (node: PythonNode): void => {
    if (node.type === 'Attribute' && node.attribute && isAssignedTarget(node)) attributes.add(names.textOf(node.attribute));
    else if (node.type === 'Call' && node.function?.type === 'Identifier' && names.textOf(node.function) === 'setattr') callsSetattr = true;
    else if (node.type === 'ClassDefinition') {
      for (const base of node.superclasses?.children ?? []) {
        const named = base.type === 'Attribute' ? base.attribute : base;
        if (named?.type === 'Identifier') bases.add(names.textOf(named));
      }
    }
  });
  return { attributes, callsSetattr, bases };
}

function fieldNames(classNode: PythonNode, names: PythonNames): string[] {
  const fields: string[] = [];
  for (const statement of bodyDefinitions(classNode)) {
    const assignment = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'Assignment' || !assignment.annotation || assignment.left?.type !== 'Identifier') continue;
    if (/^\s*(?:typing\.)?ClassVar\b/u.test(names.textOf(assignment.annotation))) continue;
    fields.push(names.textOf(assignment.left));
  }
  return fields;
}

/**
 * The first attribute of `self` a method of the class assigns or deletes (`__init__` and `__post_init__`
 * included: in a frozen class they would need `object.__setattr__`), or null.
 * @complexity O(nodes of the class).
 */
export function selfAssignment(classNode: PythonNode, names: PythonNames): PythonNode | null {
  let found: PythonNode | null = null;
  walk(classNode.body as PythonNode, (node: PythonNode): void => {
    if (found === null && node.type === 'Attribute' && isAssignedTarget(node) && node.object?.type === 'Identifier' && names.textOf(node.object) === 'self') found = node;
  });
  return found;
}

/** A dataclass that could be `frozen=True` as far as the class itself tells. */
export interface FrozenCandidate {
  readonly found: DataclassDecorator;
  readonly name: string;
  readonly fields: readonly string[];
  readonly edit: PythonTextEdit;
}

/**
 * Whether a class is a dataclass that does not say `frozen=True` (nor `frozen=<expression>`, nor
 * `**options`) and has fields: the class-level test shared by the rule (which adds what its file shows,
 * `mutableDataclass`) and the codemod (which adds what the project shows).
 * @complexity O(decorators + statements of the class body).
 */
export function frozenCandidate(classNode: PythonNode, names: PythonNames): FrozenCandidate | null {
  if (decoratorsOf(classNode).length === 0) return null;
  const found = dataclassDecorator(classNode, names);
  if (found === null || hasKeywordSplat(found) || keywordValue(found, 'frozen', names) === 'true' || keywordValue(found, 'frozen', names) === 'other') return null;
  const fields = fieldNames(classNode, names);
  if (fields.length === 0) return null;
  return { found, name: names.definitionName(classNode), fields, edit: setKeywordTrue(found, 'frozen', names) };
}

/**
 * Whether a dataclass could be `frozen=True` as far as this file tells; `fileWritesOf` gives the file's
 * writes (`fileWrites`), asked only for a dataclass.
 * @complexity O(nodes of the class + fields).
 */
export function mutableDataclass(classNode: PythonNode, names: PythonNames, fileWritesOf: () => FileWrites): MutableDataclass | null {
  // Cheap tests first: most classes are not dataclasses, and the file's writes need a walk of the whole file.
  if ((classNode.superclasses?.children.length ?? 0) > 0) return null;
  const candidate = frozenCandidate(classNode, names);
  if (candidate === null) return null;
  const writes = fileWritesOf();
  if (writes.callsSetattr || writes.bases.has(candidate.name) || selfAssignment(classNode, names) !== null) return null;
  if (candidate.fields.some((field: string): boolean => writes.attributes.has(field))) return null;
  return { kind: 'dataclass', found: candidate.found, name: candidate.name, edit: candidate.edit };
}

// Whether one reference to a constant only reads it, in a way its immutable replacement also supports.
function onlyReads(reference: PythonNode, shape: ConstantShape, names: PythonNames): boolean {
  const parent = reference.parent;
  if (parent === null) return false;
  switch (parent.type) {
    case 'Subscript':
      return parent.value === reference && !isAssignedTarget(parent);
    case 'ForStatement':
      return parent.right === reference;
    case 'ForInClause':
      return Array.isArray(parent.right) && parent.right.includes(reference);
    case 'ComparisonOperator': {
      const index = parent.children.indexOf(reference);
      const operator = parent.operators?.[index - 1];
      return index > 0 && (operator === 'in' || operator === 'not in');
    }
    case 'ArgumentList': {
      const call = parent.parent;
      const callee = call?.function;
      return callee?.type === 'Identifier' && READING_BUILTINS.has(names.textOf(callee)) && names.scopes.resolve(callee, names.textOf(callee)).kind === 'builtin';
    }
    case 'Attribute': {
      const call = parent.parent;
      return parent.object === reference && call?.type === 'Call' && call.function === parent && parent.attribute !== undefined && parent.attribute !== null && READ_METHODS[shape].has(names.textOf(parent.attribute));
    }
    default:
      return false;
  }
}

// A display written with visual indentation (its first item on the bracket's line, the next lines aligned
// under it) keeps it when a call is wrapped around it: its continuation lines move right by the call's width,
// or pycodestyle reports E128 and the alignment is lost. A hanging indent (nothing after the bracket on its
// line) does not depend on the bracket's column and stays. Lines that start inside a string are its text.
function visualIndentEdits(value: PythonNode, width: number, names: PythonNames): PythonTextEdit[] {
  const [start, end] = value.range;
  const text = names.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const firstLineEnd = text.indexOf('\n', start);
  if (firstLineEnd === -1 || firstLineEnd >= end) return [];
  const afterBracket = text.slice(start + 1, firstLineEnd).trim();
  if (afterBracket === '' || afterBracket.startsWith('#')) return [];
  const bracketColumn = start - lineStart;
  const strings: (readonly [number, number])[] = [];
  walk(value, (node: PythonNode): void => {
    if (node.type === 'String' && names.textOf(node).includes('\n')) strings.push(node.range);
  });
  const edits: PythonTextEdit[] = [];
  const padding = ' '.repeat(width);
  for (let line = firstLineEnd + 1; line < end; ) {
    const lineEnd = text.indexOf('\n', line);
    const stop = lineEnd === -1 ? text.length : lineEnd;
    const indent = /^[ \t]*/u.exec(text.slice(line, stop))?.[0] ?? '';
    const inString = strings.some(([from, to]: readonly [number, number]): boolean => line > from && line < to);
    const blank = text.slice(line + indent.length, stop).trim() === '';
    // Only lines at or right of the bracket were aligned to it; a line left of it was not, and stays.
    if (!inString && !blank && !indent.includes('\t') && indent.length >= bracketColumn) edits.push({ range: [line, line], text: padding });
    if (lineEnd === -1) break;
    line = lineEnd + 1;
  }
  return edits;
}

// `wrapper(` before a display and `)` after it, its visual indentation kept.
function wrapEdits(value: PythonNode, wrapper: string, names: PythonNames): PythonTextEdit[] {
  const [start, end] = value.range;
  return [{ range: [start, start], text: `${wrapper}(` }, ...visualIndentEdits(value, wrapper.length + 1, names), { range: [end, end], text: ')' }];
}

function immutableEdits(value: PythonNode, shape: ConstantShape, names: PythonNames): PythonTextEdit[] {
  const [start, end] = value.range;
  if (shape === 'set') return wrapEdits(value, 'frozenset', names);
  if (shape === 'dict') {
    const edits: PythonTextEdit[] = wrapEdits(value, 'types.MappingProxyType', names);
    const types = names.scopes.resolve(names.module, 'types');
    if (!(types.kind === 'import' && types.module === 'types' && types.name === null)) edits.unshift(importTypesEdit(names));
    return edits;
  }
  const single = value.children.length === 1 && !/,\s*\]$/u.test(names.textOf(value));
  return [
    { range: [start, start + 1], text: '(' },
    { range: [end - 1, end], text: single ? ',)' : ')' },
  ];
}

// `import types` after the module's last top-level import, else after its docstring, else at its start.
function importTypesEdit(names: PythonNames): PythonTextEdit {
  const statements = names.module.children;
  const imports = statements.filter((statement: PythonNode): boolean => /^(?:Import|ImportFrom|FutureImport)Statement$/u.test(statement.type));
  const after = imports.at(-1) ?? (statements[0]?.type === 'ExpressionStatement' && statements[0].children[0]?.type === 'String' ? statements[0] : undefined);
  if (after === undefined) return { range: [0, 0], text: 'import types\n' };
  return { range: [after.range[1], after.range[1]], text: '\nimport types' };
}

/** An UPPER_CASE module constant bound once, without annotation, to a list, dict or set display. */
export interface ConstantCandidate {
  readonly target: PythonNode;
  readonly value: PythonNode;
  readonly name: string;
  readonly shape: ConstantShape;
}

/**
 * The module's UPPER_CASE list, dict and set constants bound once, without annotation, by name.
 * @complexity O(top-level statements).
 */
export function constantCandidates(names: PythonNames): Map<string, ConstantCandidate> {
  const candidates = new Map<string, ConstantCandidate>();
  for (const statement of names.module.children) {
    const assignment = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'Assignment' || assignment.annotation || assignment.left?.type !== 'Identifier') continue;
    const value = assignment.right;
    const shape = value && !Array.isArray(value) ? SHAPES[(value as PythonNode).type] : undefined;
    const name = names.textOf(assignment.left);
    if (shape === undefined || !UPPER_CASE.test(name)) continue;
    const bindings = names.scopes.module.bindings.get(name) ?? [];
    if (bindings.length === 1) candidates.set(name, { target: assignment.left, value: value as PythonNode, name, shape });
  }
  return candidates;
}

/**
 * The edits that make a constant's display immutable: a list's brackets become a tuple's parentheses, a set
 * is wrapped in `frozenset(…)`, a dict in `types.MappingProxyType(…)` (with `import types` when missing).
 * @complexity O(top-level statements).
 */
export function immutableConstantEdits(candidate: ConstantCandidate, names: PythonNames): PythonTextEdit[] {
  return immutableEdits(candidate.value, candidate.shape, names);
}

/**
 * Whether a name node refers to the module's own binding of `name` (not an attribute name, a keyword, or a
 * local of the same name).
 * @complexity O(depth of the node).
 */
export function refersToModuleName(node: PythonNode, name: string, names: PythonNames): boolean {
  // Attribute names (`obj.NAME`) and keywords (`f(NAME=1)`) are not references.
  if (node.parent?.type === 'Attribute' && node.parent.attribute === node) return false;
  if (node.parent?.type === 'KeywordArgument' && node.parent.name === node) return false;
  return names.scopes.resolve(node, name).scope === names.scopes.module;
}

/**
 * The module's UPPER_CASE list, dict and set constants that the file only reads.
 * @complexity O(nodes): one walk collects every reference to a module-level name.
 */
export function mutableConstants(names: PythonNames): MutableConstant[] {
  const candidates = constantCandidates(names);
  if (candidates.size === 0) return [];
  const written = new Set<string>();
  walk(names.module, (node: PythonNode): void => {
    if (node.type !== 'Identifier') return;
    const name = names.textOf(node);
    const candidate = candidates.get(name);
    if (candidate === undefined || candidate.target === node || written.has(name)) return;
    if (!refersToModuleName(node, name, names)) return;
    if (!onlyReads(node, candidate.shape, names)) written.add(name);
  });
  const found: MutableConstant[] = [];
  for (const [name, candidate] of candidates) {
    if (!written.has(name)) {
      found.push({ kind: 'constant', target: candidate.target, name, shape: candidate.shape, edits: immutableEdits(candidate.value, candidate.shape, names) });
    }
  }
  return found;
}
