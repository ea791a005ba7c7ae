import type { PythonNode } from '../shared/python-ast.js';
import { dataclassDecorator, keywordValue, type PythonTextEdit } from '../shared/python-dataclasses.js';
import { bodyDefinitions, decoratorsOf, enclosingClass, enclosingFunction, type PythonNames } from '../shared/python-names.js';
import type { PythonMinor } from '../shared/python-version.js';
import { missingSlots } from './python-dataclass-slots.js';

/**
 * Whether `slots=True` is safe for a dataclass given the WHOLE project (tests included), beyond what
 * `require-dataclass-slots` sees in the class itself (`missingSlots`). A slotted instance has no `__dict__`:
 * an attribute that is not a field cannot be set on it, `vars()` / `__dict__` fail, weak references need
 * `weakref_slot=True`, and `dataclass(slots=True)` returns a new class object. So a class is left alone when,
 * anywhere in the project:
 * - an attribute that is not one of its fields (or a property) is set (`x.a = …`, `x.a += …`,
 *   `setattr(x, …)`, `object.__setattr__(x, …)`) on an object that may be one of its instances: anything but
 *   a module, a class or function, what is known to be an instance of an unrelated class (`self` in its
 *   methods, a parameter annotated with it, a name only ever bound to `D(…)`), or what a function of a
 *   module outside the project returns when given only literals;
 * - `vars(x)` / `x.__dict__` is read on such an object;
 * - a weak reference is taken to such an object (`weakref.ref/proxy/finalize/WeakMethod`, or any
 *   `WeakSet`/`WeakKeyDictionary`/`WeakValueDictionary` in the project), unless it passes `weakref_slot=True`;
 * - something is pickled with protocol 0 or 1 (`pickle.dump(s)`/`Pickler` with a literal 0 or 1);
 * - a subclass reads `__dict__`/`vars()`, defines `__slots__` or is itself slotted (its instances would
 *   lose the `__dict__` it relies on);
 * - its bases are not `object`, `Generic[…]` or dataclasses of the project (their attributes are unknown), a
 *   base defines `__init_subclass__` (it would run twice), it passes `metaclass=`, or a decorator runs before
 *   `@dataclass` (it would see the class object that slots replaces).
 * Classes are matched by name across files (a name two classes share makes both less provable, never more).
 */

/** One Python file of the project, parsed. */
export interface PythonProjectFile {
  /** Path relative to the project root, with `/`. */
  readonly path: string;
  readonly names: PythonNames;
  /** The oldest Python 3 minor version the file runs on. */
  readonly oldest: PythonMinor;
}

/** A class the codemod slots: its file, name and the edit. */
export interface SlotsChange {
  readonly path: string;
  readonly name: string;
  readonly edit: PythonTextEdit;
}

/** A class the rule reports that the codemod leaves alone, with why (one sentence, naming where). */
export interface SlotsLeftAlone {
  readonly path: string;
  readonly name: string;
  readonly line: number;
  readonly reason: string;
}

export interface SlotsPlan {
  readonly changes: readonly SlotsChange[];
  readonly leftAlone: readonly SlotsLeftAlone[];
}

/** What the plan checks for a class the rule reports, taken from its tree when the file is read. */
interface Reported {
  readonly edit: PythonTextEdit;
  /** The line of its `@dataclass` decorator. */
  readonly line: number;
  /** The first decorator below `@dataclass` (it runs first), as written, or null. */
  readonly decoratorBelow: string | null;
  readonly weakrefSlot: boolean;
}

/** A class as the plan needs it: plain data, so a file's tree is not kept once the file is read. */
interface ClassInfo {
  readonly path: string;
  /** The line of its `class` statement. */
  readonly line: number;
  readonly name: string;
  /** Base names as written, last dotted part (`mod.Base` → `Base`). */
  readonly bases: readonly string[];
  readonly basesOk: string | null;
  readonly isDataclass: boolean;
  readonly fields: ReadonlySet<string>;
  readonly slotted: boolean;
  readonly definesInitSubclass: boolean;
  /** Null when `require-dataclass-slots` does not report it (`missingSlots`). */
  readonly reported: Reported | null;
}

const WEAKREF_TAKERS: ReadonlySet<string> = new Set(['weakref.ref', 'weakref.proxy', 'weakref.finalize', 'weakref.WeakMethod']);
const WEAK_CONTAINERS: ReadonlySet<string> = new Set(['weakref.WeakSet', 'weakref.WeakKeyDictionary', 'weakref.WeakValueDictionary']);
const PICKLERS: Readonly<Record<string, number>> = { 'pickle.dumps': 1, 'pickle.dump': 2, 'pickle.Pickler': 1 };
const NOT_FIELDS = /^(?:typing\.|dataclasses\.)?(?:ClassVar|InitVar)\b/;
const GENERIC_BASE = /^(?:typing\.)?(?:Generic|Protocol)(?:\[|$)/;

function lastPart(text: string): string {
  const bracket = text.indexOf('[');
  const name = bracket === -1 ? text : text.slice(0, bracket);
  return name.slice(name.lastIndexOf('.') + 1).trim();
}

function describeClass(file: PythonProjectFile, node: PythonNode): ClassInfo {
  const { names } = file;
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
      if (defined === '__init_subclass__') definesInitSubclass = true;
      // A property (with a setter) may be assigned on a slotted instance: it lives on the class.
      if (decoratorsOf(statement).some((decorator: PythonNode): boolean => /^@\s*(?:property|\w+\.setter)\b/.test(names.textOf(decorator)))) fields.add(defined);
    }
  }
  const found = dataclassDecorator(node, names);
  const slotted = definesSlots || (found !== null && keywordValue(found, 'slots', names) === 'true');
  const finding = missingSlots(node, names, file.oldest);
  let reported: Reported | null = null;
  if (finding !== null) {
    const decorators = decoratorsOf(node);
    const below = decorators[decorators.indexOf(finding.found.decorator) + 1];
    reported = {
      edit: finding.edit,
      line: lineOf(finding.found.decorator),
      decoratorBelow: below === undefined ? null : names.textOf(below),
      weakrefSlot: keywordValue(finding.found, 'weakref_slot', names) === 'true',
    };
  }
  return { path: file.path, line: lineOf(node), name, bases, basesOk, isDataclass: found !== null, fields, slotted, definesInitSubclass, reported };
}

// The attribute node is written to: `x.a = …`, `x.a += …`, `x.a, y = …`, `for x.a in …`.
function isStore(attribute: PythonNode): boolean {
  let current = attribute;
  while (current.parent !== null && ['PatternList', 'TuplePattern', 'ListPattern', 'Tuple', 'List', 'ParenthesizedExpression'].includes(current.parent.type)) current = current.parent;
  const parent = current.parent;
  return ((parent?.type === 'Assignment' || parent?.type === 'AugmentedAssignment') && parent.left === current) || (parent?.type === 'ForStatement' && parent.left === current);
}

/**
 * What a receiver expression may be: an instance of a class of the project or of one of its subclasses
 * (`self` in a method, a parameter annotated with the class, a name only ever bound to `D(…)`, a `D(…)`
 * call), certainly not an instance (a module, a class), or anything.
 */
type Receiver = { readonly kind: 'instanceOf'; readonly className: string } | { readonly kind: 'notInstance' } | { readonly kind: 'unknown' };

const UNKNOWN: Receiver = { kind: 'unknown' };

/** What receivers are judged against: the project's class names and its top-level module names. */
interface ProjectNames {
  readonly classNames: { has(name: string): boolean };
  readonly modules: ReadonlySet<string>;
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

function receiverOf(expression: PythonNode, names: PythonNames, project: ProjectNames): Receiver {
  if (expression.type === 'Call') return constructed(expression, names, project);
  if (expression.type !== 'Identifier') return UNKNOWN;
  const name = names.textOf(expression);
  const resolved = names.scopes.resolve(expression, name);
  if (resolved.kind === 'import') return resolved.name === null || project.classNames.has(resolved.name) ? { kind: 'notInstance' } : UNKNOWN;
  if (resolved.kind === 'parameter') {
    // `self` / `cls`: the first parameter of a method that is not a staticmethod.
    const method = enclosingFunction(expression);
    const owner = method === null ? null : enclosingClass(method);
    const first = method?.parameters?.children[0];
    if (owner !== null && first?.type === 'Identifier' && names.textOf(first) === name && resolved.scope.node === method) {
      const isStatic = decoratorsOf(method as PythonNode).some((decorator: PythonNode): boolean => /^@\s*staticmethod\b/.test(names.textOf(decorator)));
      if (!isStatic) return { kind: 'instanceOf', className: names.definitionName(owner) };
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

function lineOf(node: PythonNode): number {
  return node.loc.start.line;
}

/** A use somewhere in the project that may concern instances of some classes. */
interface Hazard {
  readonly receiver: Receiver;
  /** The attribute set, for assignments; null for uses that no field makes safe. */
  readonly attribute: string | null;
  readonly what: string;
  readonly where: string;
  /** Concerns only classes without `weakref_slot=True`. */
  readonly weak: boolean;
}

// One walk of the file: its hazards, its pickling with protocol 0 or 1 (`global`), and its class statements.
function collectHazards(file: PythonProjectFile, project: ProjectNames, hazards: Hazard[], global: string[], classes: PythonNode[]): void {
  const { names } = file;
  const where = (node: PythonNode): string => `${file.path}:${lineOf(node)}`;
  const visit = (node: PythonNode): void => {
    if (node.type === 'ClassDefinition') classes.push(node);
    else if (node.type === 'Attribute' && node.object && node.attribute) {
      const attribute = names.textOf(node.attribute);
      if (attribute === '__dict__') hazards.push({ receiver: receiverOf(node.object, names, project), attribute: null, what: `\`${names.textOf(node)}\` is read`, where: where(node), weak: false });
      else if (isStore(node)) hazards.push({ receiver: receiverOf(node.object, names, project), attribute, what: `\`${names.textOf(node)}\` is set`, where: where(node), weak: false });
    } else if (node.type === 'Call' && node.function) {
      const argumentsList = node.arguments?.children ?? [];
      const first = argumentsList[0];
      const callee = names.textOf(node.function);
      const qualified = names.calledName(node) ?? '';
      const builtin = node.function.type === 'Identifier' && names.scopes.resolve(node.function, callee).kind === 'builtin';
      if (((builtin && callee === 'setattr') || callee === 'object.__setattr__') && first !== undefined) {
        const attribute = stringLiteral(argumentsList[1], names);
        hazards.push({ receiver: receiverOf(first, names, project), attribute: attribute ?? '', what: `\`${names.textOf(node)}\` sets an attribute`, where: where(node), weak: false });
      } else if (builtin && callee === 'vars' && first !== undefined) {
        hazards.push({ receiver: receiverOf(first, names, project), attribute: null, what: `\`${names.textOf(node)}\` reads a \`__dict__\``, where: where(node), weak: false });
      } else if (WEAKREF_TAKERS.has(qualified) && first !== undefined) {
        hazards.push({ receiver: receiverOf(first, names, project), attribute: null, what: `\`${qualified}\` takes a weak reference`, where: where(node), weak: true });
      } else if (WEAK_CONTAINERS.has(qualified)) {
        hazards.push({ receiver: { kind: 'unknown' }, attribute: null, what: `a \`${qualified}\` holds weak references`, where: where(node), weak: true });
      } else if (qualified in PICKLERS) {
        const protocol = names.keywordArgument(node, 'protocol')?.value ?? argumentsList[PICKLERS[qualified] as number];
        const text = protocol === undefined || protocol === null ? '' : names.textOf(protocol as PythonNode);
        if (text === '0' || text === '1') global.push(`\`${qualified}\` pickles with protocol ${text} at ${where(node)}`);
      }
    }
    for (const child of node.children) visit(child);
  };
  visit(names.module);
}

/** What one file contributed: its hazards and the class names they were judged with. */
interface FileHazards {
  readonly hazards: readonly Hazard[];
  readonly global: readonly string[];
  /** Each class name the file's receivers asked about, with the answer they were given. */
  readonly asked: ReadonlyMap<string, boolean>;
}

/**
 * The project-wide facts `slots=True` depends on, gathered one file at a time so that no file's tree outlives
 * its `add`: the project's class names are needed to judge a file's receivers before every file is read, so
 * they are first taken from a guess (`guessClassNames` over every file's text). Each class name a receiver
 * asks about is recorded with the answer it got; once every file is added, `stale` names the files where
 * the guess answered differently from the classes actually found, and `rescan` judges those again with the
 * real names. The plan is then exactly the one of a scan that knew every class name in advance.
 * @performance memory: the classes' and hazards' plain data, not the trees (the standard library's 1,790
 * files: about 2 GB of trees).
 */
export class ProjectSlotsScan {
  private readonly classes: ClassInfo[] = [];
  private readonly byPath = new Map<string, FileHazards>();
  private readonly modules: ReadonlySet<string>;
  private readonly guessedClassNames: ReadonlySet<string>;

  /**
   * @param paths every Python file of the project, relative to its root with `/` (its top-level modules).
   * @param guessedClassNames the class names the project probably defines (`guessClassNames`).
   */
  constructor(paths: Iterable<string>, guessedClassNames: ReadonlySet<string>) {
    // Top-level module names of the project (`pkg/mod.py` → `pkg`, `mod.py` → `mod`).
    this.modules = new Set([...paths].map((file: string): string => (file.split('/')[0] as string).replace(/\.pyi?$/, '')));
    this.guessedClassNames = guessedClassNames;
  }

  /**
   * Reads one file: its classes and the uses that may concern their instances. The file's tree can be
   * dropped afterwards.
   * @complexity O(nodes of the file).
   */
  add(file: PythonProjectFile): void {
    const found: PythonNode[] = [];
    this.byPath.set(file.path, this.judge(file, this.guessedClassNames, found));
    for (const node of found) this.classes.push(describeClass(file, node));
  }

  /**
   * The files whose receivers were judged with a wrong guess of the class names; `rescan` each before `plan`.
   * @complexity O(names asked about in the project).
   */
  stale(): string[] {
    const actual = this.classNames();
    return [...this.byPath]
      .filter(([, facts]: [string, FileHazards]): boolean => [...facts.asked].some(([name, answer]: [string, boolean]): boolean => actual.has(name) !== answer))
      .map(([path]: [string, FileHazards]): string => path);
  }

  /**
   * Judges a file's uses again with the class names every added file defines (the same file, parsed again).
   * @complexity O(nodes of the file).
   */
  rescan(file: PythonProjectFile): void {
    this.byPath.set(file.path, this.judge(file, this.classNames(), []));
  }

  /**
   * Plans `slots=True` for every dataclass `require-dataclass-slots` reports (`missingSlots`, the rule's own
   * detection) that the whole project shows safe; every other reported class is left alone with its reason.
   * Throws when a `stale` file was not rescanned (its uses were judged with wrong class names).
   * @complexity O(classes × (classes + hazards)).
   */
  plan(): SlotsPlan {
    const stale = this.stale();
    if (stale.length > 0) throw new Error(`dataclass-slots: ${stale.join(', ')} judged with a wrong guess of the project's class names; rescan them first`);
    return planFrom(
      this.classes,
      [...this.byPath.values()].flatMap((facts: FileHazards): readonly Hazard[] => facts.hazards),
      [...this.byPath.values()].flatMap((facts: FileHazards): readonly string[] => facts.global),
    );
  }

  private classNames(): Set<string> {
    return new Set(this.classes.map((info: ClassInfo): string => info.name));
  }

  private judge(file: PythonProjectFile, classNames: ReadonlySet<string>, found: PythonNode[]): FileHazards {
    const asked = new Map<string, boolean>();
    const recorded = {
      has: (name: string): boolean => {
        const answer = classNames.has(name);
        asked.set(name, answer);
        return answer;
      },
    };
    const hazards: Hazard[] = [];
    const global: string[] = [];
    collectHazards(file, { classNames: recorded, modules: this.modules }, hazards, global, found);
    return { hazards, global, asked };
  }
}

// A `class` keyword at the start of a line, and the name after it. Statements such as `if x: class A: …` do not
// exist in Python (a compound statement cannot follow a colon on one line), so only strings and comments can
// add a wrong name; `ProjectSlotsScan.stale` catches what the guess gets wrong.
const CLASS_STATEMENT = /^[ \t]*class\s+([A-Za-z_]\w*)/gm;

/**
 * The names that `class` statements in a file's text probably define: a guess from the text alone (see
 * `ProjectSlotsScan`), which may hold names from strings and miss non-ASCII ones.
 * @complexity O(length of the text).
 */
export function guessClassNames(text: string): string[] {
  return [...text.matchAll(CLASS_STATEMENT)].map((match: RegExpMatchArray): string => match[1] as string);
}

/**
 * Plans `slots=True` for every dataclass `require-dataclass-slots` reports that the whole project shows safe,
 * from files already parsed (`ProjectSlotsScan` reads them one at a time).
 * @complexity O(nodes of the project + classes × (classes + hazards)).
 */
export function planProjectSlots(files: readonly PythonProjectFile[]): SlotsPlan {
  const classNames = new Set<string>();
  const visit = (node: PythonNode, names: PythonNames): void => {
    if (node.type === 'ClassDefinition') classNames.add(names.definitionName(node));
    for (const child of node.children) visit(child, names);
  };
  for (const file of files) visit(file.names.module, file.names);
  const scan = new ProjectSlotsScan(
    files.map((file: PythonProjectFile): string => file.path),
    classNames,
  );
  for (const file of files) scan.add(file);
  return scan.plan();
}

function planFrom(classes: readonly ClassInfo[], hazards: readonly Hazard[], global: readonly string[]): SlotsPlan {
  const byName = new Map<string, ClassInfo[]>();
  for (const info of classes) byName.set(info.name, [...(byName.get(info.name) ?? []), info]);
  // Names of the class and every project class that (transitively, by name) derives from it.
  const descendants = (name: string): Set<string> => {
    const seen = new Set<string>([name]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const info of classes) {
        if (!seen.has(info.name) && info.bases.some((base: string): boolean => seen.has(base))) {
          seen.add(info.name);
          grew = true;
        }
      }
    }
    return seen;
  };
  // The fields it may set (its own and its bases'), or why its bases are unknown.
  const allowedOf = (info: ClassInfo, depth = 0): { fields: Set<string>; ancestors: Set<string> } | string => {
    if (info.basesOk !== null) return info.basesOk;
    const fields = new Set(info.fields);
    const ancestors = new Set<string>();
    for (const base of info.bases) {
      const candidates = byName.get(base) ?? [];
      const baseInfo = candidates[0];
      if (candidates.length !== 1 || baseInfo === undefined) return candidates.length === 0 ? `its base \`${base}\` is not a class of the project` : `its base \`${base}\` names ${candidates.length} classes of the project`;
      if (!baseInfo.isDataclass) return `its base \`${base}\` is not a dataclass`;
      if (baseInfo.definesInitSubclass) return `its base \`${base}\` defines \`__init_subclass__\`, which would run again for the slotted class`;
      if (depth > 20) return 'its bases are too deep to follow';
      const inherited = allowedOf(baseInfo, depth + 1);
      if (typeof inherited === 'string') return inherited;
      for (const field of inherited.fields) fields.add(field);
      for (const ancestor of inherited.ancestors) ancestors.add(ancestor);
      ancestors.add(base);
    }
    return { fields, ancestors };
  };

  const changes: SlotsChange[] = [];
  const leftAlone: SlotsLeftAlone[] = [];
  for (const info of classes) {
    const reported = info.reported;
    if (reported === null) continue;
    const reason = unsafeBecause(info, reported);
    if (reason !== null) leftAlone.push({ path: info.path, name: info.name, line: reported.line, reason });
    else changes.push({ path: info.path, name: info.name, edit: reported.edit });
  }
  return { changes, leftAlone };

  function unsafeBecause(info: ClassInfo, reported: Reported): string | null {
    if (reported.decoratorBelow !== null) return `the decorator \`${reported.decoratorBelow}\` runs before \`@dataclass\` and would keep the class object that slots replaces`;
    if ((byName.get(info.name)?.length ?? 0) > 1) return `${byName.get(info.name)?.length} classes of the project are named \`${info.name}\`, so uses cannot be told apart`;
    const allowed = allowedOf(info);
    if (typeof allowed === 'string') return allowed;
    const family = descendants(info.name);
    for (const subclassName of family) {
      if (subclassName === info.name) continue;
      for (const subclass of byName.get(subclassName) ?? []) {
        if (subclass.slotted) return `its subclass \`${subclassName}\` (${subclass.path}:${subclass.line}) is slotted and relies on the \`__dict__\` it inherits`;
      }
    }
    if (global.length > 0) return `${global[0]}, which slotted instances do not support`;
    for (const hazard of hazards) {
      if (hazard.weak && reported.weakrefSlot) continue;
      const receiver = hazard.receiver;
      if (receiver.kind === 'notInstance') continue;
      // An instance of an unrelated class is never one of its instances; of a subclass, only `__dict__` reads
      // matter (the subclass keeps a `__dict__`, but it no longer holds the fields).
      if (receiver.kind === 'instanceOf' && !family.has(receiver.className) && !allowed.ancestors.has(receiver.className)) continue;
      if (receiver.kind === 'instanceOf' && receiver.className !== info.name && family.has(receiver.className) && hazard.attribute !== null) continue;
      if (hazard.attribute !== null && hazard.attribute !== '' && allowed.fields.has(hazard.attribute)) continue;
      return `${hazard.what} at ${hazard.where}, on what may be an instance`;
    }
    return null;
  }
}
