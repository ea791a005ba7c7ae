import type { PythonNode } from '../shared/python-ast.js';
import {
  dataclassDecorator,
  hasKeywordSplat,
  keywordValue,
  setKeywordTrue,
  type DataclassDecorator,
  type PythonTextEdit,
} from '../shared/python-dataclasses.js';
import { bodyDefinitions, decoratorExpression, decoratorsOf, type PythonNames } from '../shared/python-names.js';
import type { PythonMinor } from '../shared/python-version.js';

/**
 * The dataclass-slots standard (performance-standards-python-go.md, "Dataclasses with Slots - MANDATORY"):
 * `@dataclass(slots=True)` keeps each instance's fields in fixed slots instead of a per-instance `__dict__`,
 * which the standard credits with 30-50% less memory per instance and faster attribute access.
 *
 * `slots=True` exists from Python 3.10. The decorator then returns a NEW class object (the one it was
 * given, rebuilt with `__slots__`), so code that relies on the original class object, or on a `__dict__`,
 * breaks; such classes are not reported:
 * - the class reads `__dict__` (`self.__dict__`, `vars(self)`): a slotted instance has none;
 * - the class takes weak references to its instances (`weakref.ref(self)`, `weakref.proxy(self)`,
 *   `weakref.finalize(self, …)`, `weakref.WeakMethod(self.…)`) or names `__weakref__`, and does not pass
 *   `weakref_slot=True` (Python 3.11+): a slotted instance has no `__weakref__` slot otherwise;
 * - the class defines a `functools.cached_property`: it caches in the instance's `__dict__`, so a slotted
 *   instance raises `TypeError: No '__dict__' attribute on … instance to cache '…' property` on first read;
 * - a method uses zero-argument `super()` or `__class__`, and the project supports Pythons before 3.14:
 *   the method's `__class__` cell still points to the original class, so `super()` raises `TypeError`
 *   (CPython gh-90562, fixed in 3.14).
 */

/** The oldest Python 3 minor version where `slots=True` exists. */
export const SLOTS_SINCE: PythonMinor = 10;
/** The oldest Python 3 minor version where zero-argument `super()` works in a slotted dataclass. */
export const SLOTTED_SUPER_SINCE: PythonMinor = 14;

export interface MissingSlots {
  readonly found: DataclassDecorator;
  /** The class's name. */
  readonly name: string;
  /** The suggestion's edit: `slots=True` added (or `slots=False` turned to `True`). */
  readonly edit: PythonTextEdit;
}

const WEAKREF_FACTORIES: ReadonlySet<string> = new Set(['weakref.ref', 'weakref.proxy', 'weakref.finalize', 'weakref.WeakMethod']);

/** What a class body does that slots would break. */
type ClassUse = 'dict' | 'weakref' | 'zeroArgumentSuper';

function isSelf(node: PythonNode | undefined, names: PythonNames): boolean {
  if (node === undefined) return false;
  const root = node.type === 'Attribute' ? node.object : node;
  return root?.type === 'Identifier' && names.textOf(root) === 'self';
}

// What the class body uses that slots would break; `inMethod`: inside a `def` of the class.
function scanUses(node: PythonNode, names: PythonNames, inMethod: boolean, uses: Set<ClassUse>): void {
  switch (node.type) {
    case 'Attribute':
      if (node.attribute && names.textOf(node.attribute) === '__dict__') uses.add('dict');
      break;
    case 'Identifier': {
      const name = names.textOf(node);
      if (name === '__weakref__') uses.add('weakref');
      else if (name === '__class__' && inMethod && node.parent?.attribute !== node) uses.add('zeroArgumentSuper');
      break;
    }
    case 'Call': {
      const callee = node.function;
      const argumentsList = node.arguments?.children ?? [];
      if (callee?.type === 'Identifier') {
        const name = names.textOf(callee);
        const resolution = names.scopes.resolve(callee, name).kind;
        if (name === 'super' && resolution === 'builtin' && argumentsList.length === 0 && inMethod) uses.add('zeroArgumentSuper');
        if (name === 'vars' && resolution === 'builtin' && (argumentsList.length === 0 || isSelf(argumentsList[0], names))) uses.add('dict');
      }
      if (WEAKREF_FACTORIES.has(names.calledName(node) ?? '') && isSelf(argumentsList[0], names)) uses.add('weakref');
      break;
    }
    default:
      break;
  }
  const entersMethod = inMethod || node.type === 'FunctionDefinition' || node.type === 'Lambda';
  for (const child of node.children) scanUses(child, names, entersMethod, uses);
}

// The names a slotted instance may set: its fields (annotated, not `ClassVar`), and its methods and properties.
function settableNames(classNode: PythonNode, names: PythonNames): Set<string> {
  const settable = new Set<string>();
  for (const statement of bodyDefinitions(classNode)) {
    if (statement.type === 'FunctionDefinition' && statement.name) settable.add(names.textOf(statement.name as PythonNode));
    const assignment = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'Assignment' || assignment.left?.type !== 'Identifier' || !assignment.annotation) continue;
    if (!/^(?:typing\.)?ClassVar\b/.test(names.textOf(assignment.annotation))) settable.add(names.textOf(assignment.left));
  }
  return settable;
}

// Whether a method sets an attribute on `self` that is not a field: a slotted instance has no `__dict__` for it.
function setsNonField(node: PythonNode, names: PythonNames, settable: ReadonlySet<string>): boolean {
  if (node.type === 'Assignment' || node.type === 'AugmentedAssignment') {
    const targets: PythonNode[] = node.left ? [node.left] : [];
    while (targets.length > 0) {
      const target = targets.pop() as PythonNode;
      if (target.type === 'Attribute' && target.object?.type === 'Identifier' && names.textOf(target.object) === 'self') {
        if (target.attribute && !settable.has(names.textOf(target.attribute))) return true;
      } else if (target.type === 'PatternList' || target.type === 'TuplePattern' || target.type === 'ListPattern') {
        targets.push(...target.children);
      }
    }
  }
  return node.children.some((child: PythonNode): boolean => setsNonField(child, names, settable));
}

/**
 * The name of the first `functools.cached_property` the class body defines (`@functools.cached_property`,
 * `@cached_property` imported from functools, however aliased), or null.
 * @complexity O(statements and decorators of the class body).
 */
export function cachedPropertyOf(classNode: PythonNode, names: PythonNames): string | null {
  for (const statement of bodyDefinitions(classNode)) {
    if (statement.type !== 'FunctionDefinition') continue;
    const cached = decoratorsOf(statement).some((decorator: PythonNode): boolean => names.qualifiedName(decoratorExpression(decorator)) === 'functools.cached_property');
    if (cached) return names.definitionName(statement);
  }
  return null;
}

function definesSlots(classNode: PythonNode, names: PythonNames): boolean {
  return bodyDefinitions(classNode).some((statement: PythonNode): boolean => {
    const assignment = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    return (
      (assignment?.type === 'Assignment' || assignment?.type === 'AugmentedAssignment') &&
      assignment.left?.type === 'Identifier' &&
      names.textOf(assignment.left) === '__slots__'
    );
  });
}

/** What `require-dataclass-slots` reports of a class whatever the Python version, and the oldest where it does. */
export interface SlotsRequirement {
  readonly finding: MissingSlots;
  /** The oldest Python 3 minor version the project may support for the report: `SLOTS_SINCE`, or `SLOTTED_SUPER_SINCE` for a class using zero-argument `super()`. */
  readonly since: PythonMinor;
}

/**
 * Whether a class is a dataclass that should pass `slots=True` and safely can on a Python of at least
 * `since`; `missingSlots` for a given oldest version.
 * @complexity O(nodes of the class).
 */
export function slotsRequirement(classNode: PythonNode, names: PythonNames): SlotsRequirement | null {
  const found = dataclassDecorator(classNode, names);
  if (found === null || hasKeywordSplat(found)) return null;
  const slots = keywordValue(found, 'slots', names);
  if (slots === 'true' || slots === 'other' || definesSlots(classNode, names)) return null;
  const uses = new Set<ClassUse>();
  if (classNode.body) scanUses(classNode.body, names, false, uses);
  if (uses.has('dict') || cachedPropertyOf(classNode, names) !== null) return null;
  if (classNode.body && setsNonField(classNode.body, names, settableNames(classNode, names))) return null;
  if (uses.has('weakref') && keywordValue(found, 'weakref_slot', names) !== 'true') return null;
  const finding = { found, name: names.definitionName(classNode), edit: setKeywordTrue(found, 'slots', names) };
  return { finding, since: uses.has('zeroArgumentSuper') ? SLOTTED_SUPER_SINCE : SLOTS_SINCE };
}

/**
 * Whether a class is a dataclass that should pass `slots=True` and safely can; `oldest` is the oldest
 * Python 3 minor version the project supports.
 * @complexity O(nodes of the class).
 */
export function missingSlots(classNode: PythonNode, names: PythonNames, oldest: PythonMinor): MissingSlots | null {
  if (oldest < SLOTS_SINCE) return null;
  const requirement = slotsRequirement(classNode, names);
  return requirement !== null && oldest >= requirement.since ? requirement.finding : null;
}
