import type { PythonNode } from './python-ast.js';
import { dataclassDecorator, keywordValue } from './python-dataclasses.js';
import { bodyDefinitions, decoratorsOf, enclosingClass, enclosingFunction, type PythonNames } from './python-names.js';

/**
 * The project-wide facts the Python dataclass codemods prove from (`dataclass-slots`, the Python part of
 * `readonly-data-shapes`), read one file at a time as plain data (no tree outlives its file's read): every
 * class of the project described by name, what a receiver expression may be (an instance of which class, or
 * certainly no instance), and every place that writes an attribute or reads a `__dict__` of what may be an
 * instance. Classes are matched by name across files: a name two classes share makes both less provable,
 * never more. A file's receivers are judged before every class name of the project is known, against a
 * guess (`guessClassNames`) that records each answer it gives (`RecordedNames`); a file a wrong guess
 * answered is read again (docs/architecture_decisions.md, decision 35).
 */

/** What the proofs read of one Python file of the project: plain data (its tree is not kept). */
export interface PythonProjectFile {
  /** Path relative to the project root, with `/`. */
  readonly path: string;
  /** Its class statements, in pre-order. */
  readonly classes: readonly ProjectClass[];
  /** Its uses of what may be an instance (`collectUses`), in pre-order. */
  readonly uses: readonly InstanceUse[];
}

/** One class statement of the project, as the proofs read it: plain data. */
export interface ProjectClass {
  /** Its file's path relative to the project root, with `/`. */
  readonly path: string;
  /** The 1-based line of its `class` keyword. */
  readonly line: number;
  readonly name: string;
  /** Base names as written, last dotted part (`mod.Base` → `Base`); `object`, `Generic[…]`, `Protocol` left out. */
  readonly bases: readonly string[];
  /** Why its bases cannot be known (a keyword such as `metaclass=`, computed bases), or null. */
  readonly basesOk: string | null;
  readonly isDataclass: boolean;
  /** Its fields (annotated, not `ClassVar` / `InitVar`) and properties. */
  readonly fields: ReadonlySet<string>;
  readonly definesSlots: boolean;
  readonly slotted: boolean;
  readonly definesInitSubclass: boolean;
  /** The names its body defines with `def` (methods, properties). */
  readonly methods: ReadonlySet<string>;
}

const NOT_FIELDS = /^(?:typing\.|dataclasses\.)?(?:ClassVar|InitVar)\b/;
const GENERIC_BASE = /^(?:typing\.)?(?:Generic|Protocol)(?:\[|$)/;

/**
 * The last dotted part of a name, subscripts dropped: `typing.Generic[T]` → `Generic`.
 * @complexity O(length).
 */
export function lastPart(text: string): string {
  const bracket = text.indexOf('[');
  const name = bracket === -1 ? text : text.slice(0, bracket);
  return name.slice(name.lastIndexOf('.') + 1).trim();
}

/**
 * The 1-based line a node starts on.
 * @complexity O(1).
 */
export function lineOf(node: PythonNode): number {
  return node.loc.start.line;
}

/**
 * Describes one class statement of a file (`path`: the file's project path).
 * @complexity O(decorators + statements of the class body).
 */
export function describeClass(path: string, names: PythonNames, node: PythonNode): ProjectClass {
  const name = names.definitionName(node);
  const bases: string[] = [];
  let basesOk: string | null = null;
  for (const argument of node.superclasses?.children ?? []) {
    const text = names.textOf(argument);
    if (argument.type === 'KeywordArgument') basesOk ??= `it passes \`${text}\` to the class statement`;
    else if (argument.type === 'ListSplat' || argument.type === 'DictionarySplat') basesOk ??= `its bases are computed (\`${text}\`)`;
    else if (!GENERIC_BASE.test(text) && text !== 'object') bases.push(lastPart(text));
  }
  const fields = new Set<string>();
  const methods = new Set<string>();
  let definesSlots = false;
  let definesInitSubclass = false;
  for (const statement of bodyDefinitions(node)) {
    const assignment = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    if (assignment?.type === 'Assignment' && assignment.left?.type === 'Identifier') {
      const target = names.textOf(assignment.left);
      if (target === '__slots__') definesSlots = true;
      else if (assignment.annotation && !NOT_FIELDS.test(names.textOf(assignment.annotation))) fields.add(target);
    }
    if (statement.type === 'FunctionDefinition') {
      const defined = names.definitionName(statement);
      methods.add(defined);
      if (defined === '__init_subclass__') definesInitSubclass = true;
      // A property (with a setter) may be assigned on a slotted instance: it lives on the class.
      if (decoratorsOf(statement).some((decorator: PythonNode): boolean => /^@\s*(?:property|\w+\.setter)\b/.test(names.textOf(decorator)))) fields.add(defined);
    }
  }
  const found = dataclassDecorator(node, names);
  const slotted = definesSlots || (found !== null && keywordValue(found, 'slots', names) === 'true');
  return { path, line: lineOf(node), name, bases, basesOk, isDataclass: found !== null, fields, definesSlots, slotted, definesInitSubclass, methods };
}

/**
 * The class statements of a tree, in pre-order (an enclosing class before the classes it holds).
 * @complexity O(nodes).
 */
export function classNodesOf(node: PythonNode, into: PythonNode[] = []): PythonNode[] {
  if (node.type === 'ClassDefinition') into.push(node);
  for (const child of node.children) classNodesOf(child, into);
  return into;
}

/**
 * What a receiver expression may be: an instance of a class of the project or of one of its subclasses
 * (`self` in a method, a parameter annotated with the class, a name only ever bound to `D(…)`, a `D(…)`
 * call), certainly not an instance (a module, a class), or anything.
 */
export type Receiver = { readonly kind: 'instanceOf'; readonly className: string } | { readonly kind: 'notInstance' } | { readonly kind: 'unknown' };

const UNKNOWN: Receiver = { kind: 'unknown' };

/** A set of names, as the judging of receivers asks it. */
export interface NameLookup {
  has(name: string): boolean;
}

/** What receivers are judged against: the project's class names and its top-level module names. */
export interface ProjectNames {
  readonly classNames: NameLookup;
  readonly modules: NameLookup;
  /** The project's modules as dotted names (`pkg/mod.py` → `pkg.mod`, also `mod`), to judge the string targets of patches; unknown when absent. */
  readonly dottedModules?: NameLookup;
}

/**
 * A guess of a set of names that remembers every name it was asked about and the answer it gave, so that
 * what was judged with it can be checked against the true set once that is known (`answeredAs`).
 * @performance memory: one entry per distinct name asked.
 */
export class RecordedNames implements NameLookup {
  private readonly asked = new Map<string, boolean>();

  constructor(private readonly guess: ReadonlySet<string>) {}

  /**
   * The guess's answer, remembered.
   * @complexity O(1).
   */
  has(name: string): boolean {
    const answer = this.guess.has(name);
    this.asked.set(name, answer);
    return answer;
  }

  /**
   * Whether `actual` gives every answer this guess gave.
   * @complexity O(names asked).
   */
  answeredAs(actual: ReadonlySet<string>): boolean {
    for (const [name, answer] of this.asked) if (actual.has(name) !== answer) return false;
    return true;
  }
}

// A `class` keyword at the start of a line, and the name after it. A compound statement cannot follow a colon
// on one line, so only strings and comments add a wrong name, and a non-ASCII name is missed; `RecordedNames`
// catches what the guess gets wrong.
const CLASS_STATEMENT = /^[ \t]*class\s+([A-Za-z_]\w*)/gmu;

/**
 * The names that `class` statements in a file's text probably define: a guess from the text alone.
 * @complexity O(length of the text).
 */
export function guessClassNames(text: string): string[] {
  return [...text.matchAll(CLASS_STATEMENT)].map((match: RegExpMatchArray): string => match[1] as string);
}

/**
 * A project's top-level module name for a project path (`pkg/mod.py` → `pkg`, `mod.py` → `mod`).
 * @complexity O(length of the path).
 */
export function topLevelModule(projectPath: string): string {
  return (projectPath.split('/')[0] as string).replace(/\.pyi?$/, '');
}

/**
 * The dotted module names a project path may be imported as: `src/pkg/mod.py` → `src.pkg.mod`, `pkg.mod`,
 * `mod`; `pkg/__init__.py` → `pkg` (every suffix: the import root is not known).
 * @complexity O(length of the path).
 */
export function dottedModuleNames(projectPath: string): string[] {
  const parts = projectPath.replace(/\.pyi?$/u, '').split('/');
  if (parts.at(-1) === '__init__') parts.pop();
  return parts.map((_part: string, index: number): string => parts.slice(index).join('.')).filter((name: string): boolean => name !== '');
}

// Builtins that build a value of their own type, never an instance of a project class.
const BUILTIN_TYPES: ReadonlySet<string> = new Set(['dict', 'list', 'set', 'frozenset', 'tuple', 'str', 'int', 'float', 'complex', 'bytes', 'bytearray', 'object', 'range', 'memoryview', 'open']);

const LITERALS: ReadonlySet<string> = new Set(['String', 'ConcatenatedString', 'Integer', 'Float', 'True', 'False', 'None']);

// A literal, or a name only ever bound to literals: nothing a project class's instance can come from.
function inert(node: PythonNode | null | undefined, names: PythonNames): boolean {
  if (node === null || node === undefined) return false;
  if (node.type === 'KeywordArgument') return inert(node.value as PythonNode | null, names);
  if (LITERALS.has(node.type)) return true;
  if (node.type !== 'Identifier') return false;
  const resolved = names.scopes.resolve(node, names.textOf(node));
  return (
    (resolved.kind === 'local' || resolved.kind === 'global') &&
    resolved.bindings.every((binding): boolean => {
      const assignment = binding.node.parent;
      return assignment?.type === 'Assignment' && assignment.left === binding.node && LITERALS.has((assignment.right as PythonNode | null)?.type ?? '');
    })
  );
}

// `D(…)` where `D` is a class of the project: an instance of it. `f(…)` where `f` comes from a module outside
// the project and is given only literals: it cannot return an instance of a project class.
function constructed(expression: PythonNode | null | undefined, names: PythonNames, project: ProjectNames): Receiver {
  if (expression?.type !== 'Call' || !expression.function) return UNKNOWN;
  const callee = expression.function;
  if (callee.type === 'Identifier' && project.classNames.has(names.textOf(callee))) return { kind: 'instanceOf', className: names.textOf(callee) };
  if (callee.type === 'Identifier' && BUILTIN_TYPES.has(names.textOf(callee)) && names.scopes.resolve(callee, names.textOf(callee)).kind === 'builtin') return { kind: 'notInstance' };
  // `base.__new__(cls, …)` in a `__new__`: an instance of `cls`.
  const first = expression.arguments?.children[0];
  if (callee.type === 'Attribute' && callee.attribute && names.textOf(callee.attribute) === '__new__' && first !== undefined) {
    const made = receiverOf(first, names, project);
    if (made.kind === 'instanceOf') return made;
  }
  const qualified = names.qualifiedName(callee);
  const external = qualified !== null && !project.modules.has(qualified.split('.')[0] as string) && !project.classNames.has(qualified.split('.').at(-1) as string);
  return external && (expression.arguments?.children ?? []).every((argument: PythonNode): boolean => inert(argument, names)) ? { kind: 'notInstance' } : UNKNOWN;
}

// A parameter annotated with a class of the project (`kept: Kept`, `kept: "Kept"`, `kept: models.Kept`).
function annotated(parameter: PythonNode, names: PythonNames, { classNames }: ProjectNames): Receiver {
  const holder = parameter.parent;
  if ((holder?.type !== 'TypedParameter' && holder?.type !== 'TypedDefaultParameter') || !holder.annotation) return UNKNOWN;
  const text = names.textOf(holder.annotation).replace(/^(['"])(.*)\1$/, '$2');
  if (!/^[\w.]+$/.test(text)) return UNKNOWN;
  const className = lastPart(text);
  return classNames.has(className) ? { kind: 'instanceOf', className } : UNKNOWN;
}

// The class whose method (not a staticmethod) holds `node`, when `node` sits in that method; else null.
function methodOwner(node: PythonNode, names: PythonNames): { readonly method: PythonNode; readonly owner: PythonNode } | null {
  const method = enclosingFunction(node);
  const owner = method === null ? null : enclosingClass(method);
  if (method === null || owner === null) return null;
  const isStatic = decoratorsOf(method).some((decorator: PythonNode): boolean => /^@\s*staticmethod\b/.test(names.textOf(decorator)));
  return isStatic ? null : { method, owner };
}

function receiverOf(expression: PythonNode, names: PythonNames, project: ProjectNames): Receiver {
  if (expression.type === 'Call') return constructed(expression, names, project);
  if (expression.type !== 'Identifier') return UNKNOWN;
  const name = names.textOf(expression);
  const resolved = names.scopes.resolve(expression, name);
  if (resolved.kind === 'import') return resolved.name === null || project.classNames.has(resolved.name) ? { kind: 'notInstance' } : UNKNOWN;
  if (resolved.kind === 'parameter') {
    // `self` / `cls`: the first parameter of a method that is not a staticmethod.
    const held = methodOwner(expression, names);
    const first = held?.method.parameters?.children[0];
    if (held !== null && first?.type === 'Identifier' && names.textOf(first) === name && resolved.scope.node === held.method) {
      return { kind: 'instanceOf', className: names.definitionName(held.owner) };
    }
    const binding = resolved.bindings[0];
    return resolved.bindings.length === 1 && binding !== undefined ? annotated(binding.node, names, project) : UNKNOWN;
  }
  if (resolved.kind !== 'local' && resolved.kind !== 'global') return UNKNOWN;
  // A name only bound by `class` / `def` statements is a class or a function, not an instance.
  if (resolved.bindings.every((binding): boolean => binding.kind === 'definition')) return { kind: 'notInstance' };
  // Every binding is `name = D(…)` for one and the same class D (or is known not to be an instance).
  const kinds = resolved.bindings.map((binding): Receiver => {
    const assignment = binding.node.parent;
    return assignment?.type === 'Assignment' && assignment.left === binding.node ? constructed(assignment.right as PythonNode | null, names, project) : UNKNOWN;
  });
  const first = kinds[0];
  if (kinds.every((kind: Receiver): boolean => kind.kind === 'notInstance')) return { kind: 'notInstance' };
  return first?.kind === 'instanceOf' && kinds.every((kind: Receiver): boolean => kind.kind === 'instanceOf' && kind.className === first.className) ? first : UNKNOWN;
}

function stringLiteral(node: PythonNode | undefined, names: PythonNames): string | null {
  if (node?.type !== 'String') return null;
  const match = /^[rRuU]?(['"])([A-Za-z_]\w*)\1$/.exec(names.textOf(node));
  return match ? (match[2] as string) : null;
}

// The attribute node is written to: `x.a = …`, `x.a += …`, `x.a, y = …`, `for x.a in …`.
function isStore(attribute: PythonNode): boolean {
  let current = attribute;
  while (current.parent !== null && ['PatternList', 'TuplePattern', 'ListPattern', 'Tuple', 'List', 'ParenthesizedExpression'].includes(current.parent.type)) current = current.parent;
  const parent = current.parent;
  return ((parent?.type === 'Assignment' || parent?.type === 'AugmentedAssignment') && parent.left === current) || (parent?.type === 'ForStatement' && parent.left === current);
}

/**
 * How a use touches what may be an instance:
 * - `set`: `x.a = …`, `x.a += …`, `for x.a in …`; `delete`: `del x.a`;
 * - `setattr`: `setattr(x, …)`, `delattr(x, …)`, `C.__setattr__(x, …)` / `super().__setattr__(…)` (through
 *   the class's `__setattr__` / `__delattr__`), and the test doubles that call them: `mock.patch.object(x, …)`,
 *   `mock.patch.multiple(x, …)`, `mock.patch("pkg.mod.x.attr")`, `monkeypatch.setattr/delattr(x, …)` or with a
 *   `"pkg.mod.x.attr"` target (`patchesOf`);
 * - `objectSetattr`: `object.__setattr__(x, …)` / `object.__delattr__(x, …)`, which bypass the class's own;
 * - `dict`: `x.__dict__` or `vars(x)` read.
 */
export type InstanceUseKind = 'set' | 'delete' | 'setattr' | 'objectSetattr' | 'dict';

/** One use, somewhere in the project, of what may be an instance of some classes: plain data. */
export interface InstanceUse {
  readonly kind: InstanceUseKind;
  readonly receiver: Receiver;
  /** The attribute written: its name, '' when not a literal (`setattr(x, name, …)`); null for `dict`. */
  readonly attribute: string | null;
  /** The use as a phrase: "`kept.cache` is set". */
  readonly what: string;
  /** `path:line`. */
  readonly where: string;
  /** The file's project path. */
  readonly path: string;
  /** The use's range in its file's text (pre-order of the walk: an enclosing node starts no later and ends no earlier). */
  readonly range: readonly [number, number];
  /** The name of the innermost `def` holding the use ('' for a `lambda`), null at module or class level. */
  readonly function: string | null;
  /** For a call: its first argument when that is a bare name, else null. */
  readonly firstArgument: string | null;
  /** For a patch's string target whose object is in a module of the project (`"pkg.mod.name.attr"`): `pkg.mod.name`, for `resolvePatchTargets`. */
  readonly target?: string;
}

/** The classes of the project, by name. */
export interface ProjectClasses {
  readonly classes: readonly ProjectClass[];
  readonly byName: ReadonlyMap<string, readonly ProjectClass[]>;
  /**
   * Names of the class and of every project class that (transitively, by name) derives from it, in the order
   * a repeated pass over the classes in project order adds them.
   * @complexity O(classes of the family × its depth), once per name; O(bases of the project) once for all.
   */
  descendants(name: string): ReadonlySet<string>;
}

const SETATTR_BUILTINS: ReadonlySet<string> = new Set(['setattr', 'delattr']);
const SETATTR_DUNDERS: ReadonlySet<string> = new Set(['__setattr__', '__delattr__']);

/**
 * Every use in one file (`path`: its project path) of what may be an instance, in pre-order; `onCall` sees
 * every call and `onAttribute` every attribute expression of the file during the same walk (for a proof's own
 * hazards, such as weak references, pickling or reads on a class). Receivers are judged against `project` (see `RecordedNames`).
 * @complexity O(nodes of the file × depth).
 */
export function collectUses(
  path: string,
  names: PythonNames,
  project: ProjectNames,
  onCall?: (call: PythonNode) => void,
  onAttribute?: (attribute: PythonNode) => void,
): InstanceUse[] {
  const uses: InstanceUse[] = [];
  const push = (kind: InstanceUseKind, receiver: Receiver, attribute: string | null, what: string, node: PythonNode, firstArgument: PythonNode | null = null): void => {
    const method = enclosingFunction(node);
    uses.push({
      kind,
      receiver,
      attribute,
      what,
      where: `${path}:${lineOf(node)}`,
      path,
      range: node.range,
      function: method === null ? null : names.definitionName(method),
      firstArgument: firstArgument?.type === 'Identifier' ? names.textOf(firstArgument) : null,
    });
  };
  const visit = (node: PythonNode): void => {
    if (node.type === 'Attribute' && node.object && node.attribute) {
      const attribute = names.textOf(node.attribute);
      if (attribute === '__dict__') push('dict', receiverOf(node.object, names, project), null, `\`${names.textOf(node)}\` is read`, node);
      else if (isStore(node)) push('set', receiverOf(node.object, names, project), attribute, `\`${names.textOf(node)}\` is set`, node);
      else if (node.parent?.type === 'DeleteStatement') push('delete', receiverOf(node.object, names, project), attribute, `\`${names.textOf(node)}\` is deleted`, node);
    } else if (node.type === 'Call' && node.function) {
      const argumentsList = node.arguments?.children ?? [];
      const first = argumentsList[0];
      const callee = names.textOf(node.function);
      const builtin = node.function.type === 'Identifier' && names.scopes.resolve(node.function, callee).kind === 'builtin';
      const dunder = node.function.type === 'Attribute' && node.function.attribute ? names.textOf(node.function.attribute) : '';
      const text = `\`${names.textOf(node)}\``;
      if (builtin && SETATTR_BUILTINS.has(callee) && first !== undefined) {
        push('setattr', receiverOf(first, names, project), stringLiteral(argumentsList[1], names) ?? '', `${text} sets an attribute`, node, first);
      } else if ((callee === 'object.__setattr__' || callee === 'object.__delattr__') && first !== undefined) {
        push('objectSetattr', receiverOf(first, names, project), stringLiteral(argumentsList[1], names) ?? '', `${text} sets an attribute`, node, first);
      } else if (SETATTR_DUNDERS.has(dunder) && node.function.object?.type === 'Call' && names.textOf(node.function.object.function as PythonNode) === 'super') {
        // `super().__setattr__(name, value)` in a method: the instance is `self`.
        const held = methodOwner(node, names);
        const receiver: Receiver = held === null ? UNKNOWN : { kind: 'instanceOf', className: names.definitionName(held.owner) };
        push('setattr', receiver, stringLiteral(first, names) ?? '', `${text} sets an attribute`, node, first ?? null);
      } else if (SETATTR_DUNDERS.has(dunder) && first !== undefined) {
        push('setattr', receiverOf(first, names, project), stringLiteral(argumentsList[1], names) ?? '', `${text} sets an attribute`, node, first);
      } else if (builtin && callee === 'vars' && first !== undefined) {
        push('dict', receiverOf(first, names, project), null, `${text} reads a \`__dict__\``, node, first);
      }
      for (const patch of patchesOf(node, names, project)) {
        push('setattr', patch.receiver, patch.attribute, `${text} sets an attribute`, node, patch.object);
        if (patch.target !== undefined) uses.push({ ...(uses.pop() as InstanceUse), target: patch.target });
      }
      onCall?.(node);
    }
    if (node.type === 'Attribute') onAttribute?.(node);
    for (const child of node.children) visit(child);
  };
  visit(names.module);
  return uses;
}

const PATCH_OBJECT: ReadonlySet<string> = new Set(['unittest.mock.patch.object', 'mock.patch.object']);
const PATCH_MULTIPLE: ReadonlySet<string> = new Set(['unittest.mock.patch.multiple', 'mock.patch.multiple']);
const PATCH_TARGET: ReadonlySet<string> = new Set(['unittest.mock.patch', 'mock.patch']);
const MONKEYPATCH = /^monkeypatch\.(setattr|delattr)$/u;

/** An attribute a test double sets (then restores) on an object, as `setattr(object, attribute, …)` would. */
export interface Patch {
  readonly receiver: Receiver;
  /** The attribute, '' when not a literal. */
  readonly attribute: string;
  /** The object's expression when written as one (not a string target), else null. */
  readonly object: PythonNode | null;
  /** For a string target judged unknown: the object's dotted name, for `resolvePatchTargets`. */
  readonly target?: string;
}

// `"pkg.mod.x.attr"`: the object `pkg.mod.x` and its attribute. A module of the project, a class of the project
// or a name outside the project's modules is no instance (a class's own attributes are `classReadOf`'s).
function dottedTarget(node: PythonNode | undefined, names: PythonNames, project: ProjectNames): Patch | null {
  if (node?.type !== 'String') return null;
  const match = /^[rRuU]?(['"])([A-Za-z_][\w.]*)\1$/u.exec(names.textOf(node));
  const parts = (match?.[2] ?? '').split('.');
  return match === null || parts.length < 2 ? null : dottedObject(parts.slice(0, -1).join('.'), parts.at(-1) as string, project);
}

function dottedObject(object: string, attribute: string, project: ProjectNames): Patch {
  const parts = object.split('.');
  const known = project.dottedModules?.has(object) === true || project.classNames.has(parts.at(-1) as string) || !project.modules.has(parts[0] as string);
  return known ? { receiver: { kind: 'notInstance' }, attribute, object: null } : { receiver: UNKNOWN, attribute, object: null, target: object };
}

/**
 * The attributes a test double sets on objects in one call: `mock.patch.object(x, "a", …)`,
 * `mock.patch.multiple(x, a=…, b=…)`, `mock.patch("pkg.mod.x.a")` (imported from `unittest.mock` or `mock`),
 * pytest's `monkeypatch.setattr(x, "a", …)` / `monkeypatch.delattr(x, "a")` and their `"pkg.mod.x.a"` forms.
 * @complexity O(arguments + attribute chain + depth of the node).
 */
export function patchesOf(call: PythonNode, names: PythonNames, project: ProjectNames): Patch[] {
  const argumentsList = call.arguments?.children ?? [];
  const positional = argumentsList.filter((argument: PythonNode): boolean => argument.type !== 'KeywordArgument');
  const first = positional[0];
  if (first === undefined || call.function === null || call.function === undefined) return [];
  const qualified = names.calledName(call) ?? '';
  const monkeypatch = MONKEYPATCH.exec(names.textOf(call.function));
  const onObject = (): Patch => {
    const attribute = stringLiteral(positional[1], names) ?? '';
    // `mod.obj` through an import (`_timing.time`): judged as the string target `"pkg._timing.time.…"` would be.
    const qualifiedObject = first.type === 'Attribute' ? names.qualifiedName(first) : null;
    return qualifiedObject === null ? { receiver: receiverOf(first, names, project), attribute, object: first } : { ...dottedObject(qualifiedObject, attribute, project), object: first };
  };
  if (PATCH_OBJECT.has(qualified)) return [onObject()];
  if (PATCH_MULTIPLE.has(qualified)) {
    const target = first.type === 'String' ? dottedTarget(first, names, project) : null;
    const receiver = target === null ? receiverOf(first, names, project) : target.receiver;
    return argumentsList
      .filter((argument: PythonNode): boolean => argument.type === 'KeywordArgument' && argument.name !== null && argument.name !== undefined)
      .map((argument: PythonNode): Patch => ({ receiver, attribute: names.textOf(argument.name as PythonNode), object: target === null ? first : null }));
  }
  if (PATCH_TARGET.has(qualified)) return [dottedTarget(first, names, project) ?? { receiver: UNKNOWN, attribute: '', object: null }];
  if (monkeypatch === null) return [];
  // pytest: a string first argument with no name after it (setattr: two positional arguments) is a dotted target.
  const dotted = first.type === 'String' && positional.length === (monkeypatch[1] === 'setattr' ? 2 : 1) && names.keywordArgument(call, 'name') === null;
  return [dotted ? (dottedTarget(first, names, project) ?? { receiver: UNKNOWN, attribute: '', object: null }) : onObject()];
}

/**
 * The names a module binds only by `import`, `def` or `class` at its top level: no instance of a project class.
 * @complexity O(names bound at the module's top level).
 */
export function moduleObjects(names: PythonNames): string[] {
  const objects: string[] = [];
  for (const [name, bindings] of names.scopes.module.bindings) {
    if (bindings.every((binding): boolean => binding.kind === 'import' || binding.kind === 'definition')) objects.push(name);
  }
  return objects;
}

/**
 * The uses with every patch whose string target names an import, function or class of a project module
 * (`"pkg.mod.time.time"` where pkg/mod.py says `import time`) judged no instance; `objectsOf`: dotted module
 * name (`dottedModuleNames`) → its `moduleObjects`. Uses are returned as they are when nothing changes.
 * @complexity O(uses).
 */
export function resolvePatchTargets(uses: readonly InstanceUse[], objectsOf: ReadonlyMap<string, ReadonlySet<string>>): readonly InstanceUse[] {
  if (!uses.some((use: InstanceUse): boolean => use.target !== undefined)) return uses;
  return uses.map((use: InstanceUse): InstanceUse => {
    if (use.target === undefined) return use;
    const dot = use.target.lastIndexOf('.');
    const known = dot !== -1 && objectsOf.get(use.target.slice(0, dot))?.has(use.target.slice(dot + 1)) === true;
    return known ? { ...use, receiver: { kind: 'notInstance' } } : use;
  });
}

/**
 * What an expression of a file may be (see `Receiver`), judged against `project`.
 * @complexity O(bindings of the name × depth of the node).
 */
export function judgeReceiver(expression: PythonNode, names: PythonNames, project: ProjectNames): Receiver {
  return receiverOf(expression, names, project);
}

/**
 * Indexes the project's classes (in project order: files in order, each file's classes in pre-order) by name.
 * @complexity O(classes + bases); `descendants` as documented.
 */
export function projectClasses(classes: readonly ProjectClass[]): ProjectClasses {
  const byName = new Map<string, ProjectClass[]>();
  // Base name → the positions of the classes that list it (each once).
  const subclassesOf = new Map<string, number[]>();
  for (const [position, info] of classes.entries()) {
    const named = byName.get(info.name);
    if (named === undefined) byName.set(info.name, [info]);
    else named.push(info);
    for (const base of new Set(info.bases)) {
      const listing = subclassesOf.get(base);
      if (listing === undefined) subclassesOf.set(base, [position]);
      else listing.push(position);
    }
  }
  const known = new Map<string, ReadonlySet<string>>();
  return {
    classes,
    byName,
    descendants(name: string): ReadonlySet<string> {
      const remembered = known.get(name);
      if (remembered !== undefined) return remembered;
      // The family's classes: those with a base among the names reached from `name`.
      const reached = new Set<string>([name]);
      const members = new Set<number>();
      const pending = [name];
      while (pending.length > 0) {
        for (const position of subclassesOf.get(pending.pop() as string) ?? []) {
          members.add(position);
          const subclass = (classes[position] as ProjectClass).name;
          if (!reached.has(subclass)) {
            reached.add(subclass);
            pending.push(subclass);
          }
        }
      }
      // The same names, in the order repeated passes over the classes add them (callers report the first
      // match in this order); classes outside the family never qualify, so only its members are passed over.
      const ordered = [...members].sort((a: number, b: number): number => a - b).map((position: number): ProjectClass => classes[position] as ProjectClass);
      const seen = new Set<string>([name]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const info of ordered) {
          if (!seen.has(info.name) && info.bases.some((base: string): boolean => seen.has(base))) {
            seen.add(info.name);
            grew = true;
          }
        }
      }
      known.set(name, seen);
      return seen;
    },
  };
}
