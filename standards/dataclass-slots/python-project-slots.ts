import type { PythonNode } from '../shared/python-ast.js';
import { keywordValue, type PythonTextEdit } from '../shared/python-dataclasses.js';
import { decoratorsOf, enclosingClass, enclosingFunction, type PythonNames } from '../shared/python-names.js';
import { PICKLER_MODULES } from '../shared/python-picklers.js';
import { judgeReceiver, lineOf, projectClasses, type InstanceUse, type ProjectClass, type ProjectNames, type PythonProjectFile, type Receiver } from '../shared/python-project-classes.js';
import type { PythonMinor } from '../shared/python-version.js';
import { SLOTS_SINCE, slotsRequirement } from './python-dataclass-slots.js';

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
 * - what may be an instance is pickled (`dump`/`dumps`/`Pickler` of a pickler module, `PICKLER_MODULES`, the
 *   list readonly-data-shapes reads pickles by; a `dumps` straight into `loads` is a copy, not a pickle kept),
 *   or a `shelve` is opened: a non-slotted instance pickles its `__dict__`, which the slotted class cannot
 *   load, so a pickle written before would not load, whatever the protocol;
 * - one of its fields is read or set on the class itself or a subclass (`Settings.timeout`, `cls.timeout` in a
 *   classmethod, `type(self).timeout`, `getattr(Settings, "timeout")`): it gives the slot's
 *   `member_descriptor` instead of the default (or of an `AttributeError`);
 * - a class of the project derives from it and from another base that has or would get slots (or from a class
 *   outside the project, which may have a layout of its own): Python refuses such a class at import
 *   (`TypeError: multiple bases have instance lay-out conflict`), so the slotted bases involved are left alone;
 * - a subclass reads `__dict__`/`vars()`, defines `__slots__` or is itself slotted (its instances would
 *   lose the `__dict__` it relies on);
 * - its bases are not `object`, `Generic[…]` or dataclasses of the project (their attributes are unknown), a
 *   base defines `__init_subclass__` (it would run twice), it passes `metaclass=`, or a decorator runs before
 *   `@dataclass` (it would see the class object that slots replaces).
 * Classes are matched by name across files (a name two classes share makes both less provable, never more);
 * the project's classes, receivers and attribute writes are read by standards/shared/python-project-classes.ts,
 * the rest of what the proof needs by `SlotsFacts`, one file at a time, as plain data.
 */

/** What `require-dataclass-slots` reports of a class (`slotsRequirement`), as plain data. */
export interface ReportedClass {
  readonly edit: PythonTextEdit;
  /** The line of its `@dataclass` decorator. */
  readonly line: number;
  /** The first decorator below `@dataclass` (it runs first), as written, or null. */
  readonly decoratorBelow: string | null;
  readonly weakrefSlot: boolean;
  /** Reported only when the file's oldest Python is at least this minor version. */
  readonly since: PythonMinor;
}

/** What the slots proof reads of one file besides its classes and uses. */
export interface SlotsFileFacts {
  /** Per class of the file, in the order of `PythonProjectFile.classes`: what the rule reports of it, or null. */
  readonly reported: readonly (ReportedClass | null)[];
  /** Weak references taken, in walk order. */
  readonly weak: readonly WeakHazard[];
  /** Pickling with protocol 0 or 1 (`\`pickle.dumps\` pickles with protocol 0 at path:line`), in walk order. */
  readonly oldPickles: readonly string[];
  /** What may be an instance, pickled (or a shelf opened), in walk order. */
  readonly pickles: readonly WeakHazard[];
  /** Attributes read or set on a class of the project itself, in walk order. */
  readonly classReads: readonly ClassRead[];
}

/** An attribute read or set on a class (not an instance): `Settings.timeout`, `cls.timeout`, `getattr(Settings, "timeout")`. */
export interface ClassRead {
  readonly className: string;
  readonly attribute: string;
  /** The read as a phrase: "`Settings.timeout` reads the class attribute". */
  readonly what: string;
  /** `path:line`. */
  readonly where: string;
}

/** A weak reference taken: on a receiver, or by any weak container. */
export interface WeakHazard {
  readonly receiver: Receiver;
  readonly what: string;
  readonly where: string;
  readonly range: readonly [number, number];
}

/** A file's facts as the slots plan reads them. */
export interface SlotsProjectFile extends PythonProjectFile {
  readonly slots: SlotsFileFacts;
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

const WEAKREF_TAKERS: ReadonlySet<string> = new Set(['weakref.ref', 'weakref.proxy', 'weakref.finalize', 'weakref.WeakMethod']);
const WEAK_CONTAINERS: ReadonlySet<string> = new Set(['weakref.WeakSet', 'weakref.WeakKeyDictionary', 'weakref.WeakValueDictionary']);
const CLASS_GETTERS: ReadonlySet<string> = new Set(['getattr', 'hasattr', 'setattr', 'delattr']);
// The methods whose first parameter is the class itself.
const CLASS_FIRST: ReadonlySet<string> = new Set(['__new__', '__init_subclass__', '__class_getitem__']);
const PICKLE_WRITERS: ReadonlySet<string> = new Set(['dump', 'dumps', 'Pickler']);
const LAYOUT_CONFLICT = '`TypeError: multiple bases have instance lay-out conflict`';
const PICKLERS: Readonly<Record<string, number>> = { 'pickle.dumps': 1, 'pickle.dump': 2, 'pickle.Pickler': 1 };

/** A use somewhere in the project that may concern instances of some classes. */
interface Hazard {
  readonly receiver: Receiver;
  /** The attribute set, for assignments; null for uses that no field makes safe. */
  readonly attribute: string | null;
  readonly what: string;
  readonly where: string;
  /** Concerns only classes without `weakref_slot=True`. */
  readonly weak: boolean;
  /** Where it sits, to keep the project's walk order: the file's position, then the node's range. */
  readonly file: number;
  readonly range: readonly [number, number];
}

// Every attribute write and `__dict__` read concerns a slotted instance (`object.__setattr__` too: a slot or nothing).
function hazardOfUse(use: InstanceUse, file: number): Hazard {
  return { receiver: use.receiver, attribute: use.attribute, what: use.what, where: use.where, weak: false, file, range: use.range };
}

// Walk order: by file, then pre-order (an enclosing node before the nodes it holds).
function walkOrder(a: Hazard, b: Hazard): number {
  return a.file - b.file || a.range[0] - b.range[0] || b.range[1] - a.range[1];
}

/**
 * Reads what the slots proof needs of one file while its tree is at hand: `addClass` for each class, `see`
 * for each call of the walk `collectUses` makes; `facts` once the walk is done.
 * @performance plain data only: nothing it keeps refers to the tree.
 */
export class SlotsFacts {
  private readonly reported: (ReportedClass | null)[] = [];
  private readonly weak: WeakHazard[] = [];
  private readonly oldPickles: string[] = [];
  private readonly classReads: ClassRead[] = [];
  private readonly pickles: WeakHazard[] = [];

  constructor(
    private readonly path: string,
    private readonly names: PythonNames,
    private readonly project: ProjectNames,
  ) {}

  /**
   * Records what the rule reports of a class of the file (call in the file's class order).
   * @complexity O(nodes of the class).
   */
  addClass(classNode: PythonNode): void {
    const requirement = slotsRequirement(classNode, this.names);
    if (requirement === null) {
      this.reported.push(null);
      return;
    }
    const { finding, since } = requirement;
    const decorators = decoratorsOf(classNode);
    const below = decorators.slice(decorators.indexOf(finding.found.decorator) + 1)[0];
    this.reported.push({
      edit: finding.edit,
      line: lineOf(finding.found.decorator),
      decoratorBelow: below === undefined ? null : this.names.textOf(below),
      weakrefSlot: keywordValue(finding.found, 'weakref_slot', this.names) === 'true',
      since,
    });
  }

  /**
   * Records a call that takes a weak reference or pickles with protocol 0 or 1.
   * @complexity O(attribute chain + depth of the node).
   */
  see(call: PythonNode): void {
    const { names } = this;
    const first = call.arguments?.children[0];
    const qualified = names.calledName(call) ?? '';
    const where = `${this.path}:${lineOf(call)}`;
    const callee = call.function;
    if (callee?.type === 'Identifier' && CLASS_GETTERS.has(names.textOf(callee)) && first !== undefined && names.scopes.resolve(callee, names.textOf(callee)).kind === 'builtin') {
      const attribute = /^[rRuU]?(['"])([A-Za-z_]\w*)\1$/u.exec(names.textOf(call.arguments?.children[1] ?? first))?.[2];
      const className = this.classOf(first);
      if (attribute !== undefined && className !== null) this.classReads.push({ className, attribute, what: `\`${names.textOf(call)}\` reads the class attribute`, where });
    }
    this.seePatchOfClass(call, qualified, where);
    const [module, ...rest] = qualified.split('.');
    const dumper = rest.length === 1 && PICKLER_MODULES.includes(module as string) && PICKLE_WRITERS.has(rest[0] as string);
    if (dumper && first !== undefined && !this.copiedThrough(call)) {
      this.pickles.push({ receiver: judgeReceiver(first, names, this.project), what: `\`${qualified}\` writes a pickle (one written before slots would not load: a non-slotted instance pickles its \`__dict__\`)`, where, range: call.range });
    } else if (qualified === 'shelve.open' || qualified === 'shelve.Shelf' || qualified === 'shelve.DbfilenameShelf') {
      this.pickles.push({ receiver: { kind: 'unknown' }, what: `\`${qualified}\` keeps pickles (one written before slots would not load: a non-slotted instance pickles its \`__dict__\`)`, where, range: call.range });
    }
    if (WEAKREF_TAKERS.has(qualified) && first !== undefined) {
      this.weak.push({ receiver: judgeReceiver(first, names, this.project), what: `\`${qualified}\` takes a weak reference`, where, range: call.range });
    } else if (WEAK_CONTAINERS.has(qualified)) {
      this.weak.push({ receiver: { kind: 'unknown' }, what: `a \`${qualified}\` holds weak references`, where, range: call.range });
    } else if (qualified in PICKLERS) {
      const protocol = names.keywordArgument(call, 'protocol')?.value ?? call.arguments?.children[PICKLERS[qualified] as number];
      const text = protocol === undefined || protocol === null ? '' : names.textOf(protocol as PythonNode);
      if (text === '0' || text === '1') this.oldPickles.push(`\`${qualified}\` pickles with protocol ${text} at ${where}`);
    }
  }

  /**
   * Records an attribute expression on a class of the project itself (`Settings.timeout`, `cls.timeout`).
   * @complexity O(bindings of the name × depth of the node).
   */
  seeAttribute(attribute: PythonNode): void {
    if (!attribute.object || !attribute.attribute) return;
    const className = this.classOf(attribute.object);
    if (className === null) return;
    const text = this.names.textOf(attribute);
    this.classReads.push({ className, attribute: this.names.textOf(attribute.attribute), what: `\`${text}\` reads the class attribute`, where: `${this.path}:${lineOf(attribute)}` });
  }

  // A test double that replaces a class attribute (`mock.patch.object(Settings, "timeout", …)`,
  // `mock.patch("pkg.mod.Settings.timeout")`, `monkeypatch.setattr(Settings, "timeout", …)`): on a slotted
  // class it replaces the slot's descriptor, so it counts as a use of the field on the class.
  private seePatchOfClass(call: PythonNode, qualified: string, where: string): void {
    const { names, project } = this;
    const monkeypatch = call.function !== null && call.function !== undefined && /^monkeypatch\.(?:set|del)attr$/u.test(names.textOf(call.function));
    if (!monkeypatch && !/^(?:unittest\.)?mock\.patch(?:\.object)?$/u.test(qualified)) return;
    const [first, second] = call.arguments?.children ?? [];
    if (first === undefined) return;
    const literal = (node: PythonNode | undefined): string | null => (node?.type === 'String' ? (/^[rRuU]?(['"])([A-Za-z_][\w.]*)\1$/u.exec(names.textOf(node))?.[2] ?? null) : null);
    const dotted = literal(first)?.split('.') ?? [];
    if (dotted.length >= 2 && project.classNames.has(dotted.at(-2) as string)) {
      this.classReads.push({ className: dotted.at(-2) as string, attribute: dotted.at(-1) as string, what: `\`${names.textOf(call)}\` replaces the class attribute`, where });
      return;
    }
    const className = first.type === 'String' ? null : this.classOf(first);
    const attribute = literal(second);
    if (className !== null && attribute !== null && !attribute.includes('.')) this.classReads.push({ className, attribute, what: `\`${names.textOf(call)}\` replaces the class attribute`, where });
  }

  // `loads(dumps(x))`: a copy through a pickle, not a pickle kept.
  private copiedThrough(call: PythonNode): boolean {
    const holder = call.parent?.type === 'ArgumentList' ? call.parent.parent : null;
    return holder?.type === 'Call' && /\.loads$/u.test(this.names.calledName(holder) ?? '');
  }

  // The class of the project an expression is (not an instance of): its name, `cls` in a classmethod,
  // `type(x)` / `x.__class__` of an instance; else null.
  private classOf(expression: PythonNode): string | null {
    const { names, project } = this;
    if (expression.type === 'Identifier') {
      const name = names.textOf(expression);
      // The first parameter of a classmethod (or `__new__`…): checked on the tree before any scope is resolved.
      const method = enclosingFunction(expression);
      const owner = method === null ? null : enclosingClass(method);
      const firstParameter = method?.parameters?.children[0];
      const classFirst =
        method !== null &&
        owner !== null &&
        firstParameter?.type === 'Identifier' &&
        names.textOf(firstParameter) === name &&
        (CLASS_FIRST.has(names.definitionName(method)) || decoratorsOf(method).some((decorator: PythonNode): boolean => /^@\s*classmethod\b/u.test(names.textOf(decorator))));
      if (!classFirst && !project.classNames.has(name)) return null;
      const resolved = names.scopes.resolve(expression, name);
      if (classFirst) return resolved.kind === 'parameter' && resolved.scope.node === method ? names.definitionName(owner as PythonNode) : null;
      if (resolved.kind === 'import') return resolved.name !== null && project.classNames.has(resolved.name) ? resolved.name : null;
      if (resolved.kind === 'global' || resolved.kind === 'local') return resolved.bindings.every((binding): boolean => binding.kind === 'definition') ? name : null;
      return null;
    }
    const instance = (node: PythonNode | undefined): string | null => {
      const receiver = node === undefined ? null : judgeReceiver(node, names, project);
      return receiver?.kind === 'instanceOf' ? receiver.className : null;
    };
    if (expression.type === 'Attribute' && expression.attribute && names.textOf(expression.attribute) === '__class__') return instance(expression.object ?? undefined);
    const callee = expression.type === 'Call' ? expression.function : null;
    const argumentsList = expression.arguments?.children ?? [];
    if (callee?.type === 'Identifier' && names.textOf(callee) === 'type' && argumentsList.length === 1 && names.scopes.resolve(callee, 'type').kind === 'builtin') return instance(argumentsList[0]);
    return null;
  }

  /**
   * What was read.
   * @complexity O(1).
   */
  facts(): SlotsFileFacts {
    return { reported: this.reported, weak: this.weak, oldPickles: this.oldPickles, pickles: this.pickles, classReads: this.classReads };
  }
}

/**
 * Plans `slots=True` for every dataclass `require-dataclass-slots` reports (`slotsRequirement`, the rule's own
 * detection, on the file's oldest Python: `oldestOf`) that the whole project shows safe; every other reported
 * class is left alone with its reason.
 * @complexity O(classes × (hazards + depth) + hazards × log hazards).
 */
export function planProjectSlots(files: readonly SlotsProjectFile[], oldestOf: (path: string) => PythonMinor): SlotsPlan {
  const hazards: Hazard[] = [];
  const global: string[] = [];
  const classReads: ClassRead[] = [];
  const reportedOf = new Map<ProjectClass, ReportedClass | null>();
  for (const [position, file] of files.entries()) {
    // Weak references before uses, as one walk of the project found them (ties keep this order).
    for (const weak of file.slots.weak) hazards.push({ receiver: weak.receiver, attribute: null, what: weak.what, where: weak.where, weak: true, file: position, range: weak.range });
    for (const use of file.uses) hazards.push(hazardOfUse(use, position));
    global.push(...file.slots.oldPickles);
    for (const pickle of file.slots.pickles) hazards.push({ receiver: pickle.receiver, attribute: null, what: pickle.what, where: pickle.where, weak: false, file: position, range: pickle.range });
    classReads.push(...file.slots.classReads);
    for (const [index, info] of file.classes.entries()) reportedOf.set(info, file.slots.reported[index] ?? null);
  }
  const project = projectClasses(files.flatMap((file: SlotsProjectFile): readonly ProjectClass[] => file.classes));
  const { classes, byName } = project;
  // The first hazard found names the reason: in the order of one walk of the project.
  hazards.sort(walkOrder);

  // The fields it may set (its own and its bases'), or why its bases are unknown.
  const allowedOf = (info: ProjectClass, depth = 0): { fields: Set<string>; ancestors: Set<string> } | string => {
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
    const reported = reportedOf.get(info) ?? null;
    if (reported === null) continue;
    const oldest = oldestOf(info.path);
    if (oldest < SLOTS_SINCE || oldest < reported.since) continue;
    const reason = unsafeBecause(info, reported);
    if (reason !== null) leftAlone.push({ path: info.path, name: info.name, line: reported.line, reason });
    else changes.push({ path: info.path, name: info.name, edit: reported.edit });
  }
  return withoutLayoutConflicts(changes, leftAlone);

  // Its fields and inherited ones, without properties (a property stays on the class): what slots would hold.
  function dataFields(info: ProjectClass): Set<string> {
    const allowed = allowedOf(info);
    const fields = new Set(typeof allowed === 'string' ? info.fields : allowed.fields);
    const owners = typeof allowed === 'string' ? [info] : [info, ...[...allowed.ancestors].flatMap((name: string): readonly ProjectClass[] => byName.get(name) ?? [])];
    for (const owner of owners) for (const method of owner.methods) fields.delete(method);
    return fields;
  }

  // A class may have only one base with slots through its bases (Python's "solid base"): every class of the
  // project with two bases whose slotted ancestries are not one within the other leaves the planned classes
  // of those ancestries alone. A base outside the project counts as a layout of its own.
  function withoutLayoutConflicts(planned: readonly SlotsChange[], left: SlotsLeftAlone[]): SlotsPlan {
    const slotted = new Set<ProjectClass>();
    const plannedByClass = new Map<ProjectClass, SlotsChange>();
    for (const change of planned) {
      const info = (byName.get(change.name) ?? []).find((candidate: ProjectClass): boolean => candidate.path === change.path);
      if (info === undefined || dataFields(info).size === 0) continue;
      slotted.add(info);
      plannedByClass.set(info, change);
    }
    if (slotted.size === 0) return { changes: planned, leftAlone: left };
    for (const info of classes) if (info.definesSlots || (info.slotted && dataFields(info).size > 0)) slotted.add(info);
    const layouts = new Map<string, ReadonlySet<string>>();
    // The slotted classes among a base and its ancestors (by name); `?Name` for a base outside the project.
    const layoutsOf = (name: string, depth = 0): ReadonlySet<string> => {
      const known = layouts.get(name);
      if (known !== undefined) return known;
      const found = new Set<string>();
      layouts.set(name, found);
      const candidates = byName.get(name) ?? [];
      if (candidates.length === 0) found.add(`?${name}`);
      for (const candidate of candidates) {
        if (slotted.has(candidate)) found.add(name);
        if (depth < 20) for (const base of candidate.bases) for (const layout of layoutsOf(base, depth + 1)) found.add(layout);
      }
      return found;
    };
    const within = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((name: string): boolean => b.has(name));
    const dropped = new Map<ProjectClass, string>();
    for (const info of classes) {
      if (info.bases.length < 2) continue;
      const sets = info.bases.map((base: string): ReadonlySet<string> => layoutsOf(base));
      for (const [i, first] of sets.entries()) {
        for (const [j, second] of sets.entries()) {
          if (j <= i || within(first, second) || within(second, first)) continue;
          const outside = [info.bases[i], info.bases[j]].filter((base): boolean => (byName.get(base as string) ?? []).length === 0);
          const note = outside.length === 0 ? '' : ` (${outside.map((base): string => `\`${base as string}\``).join(', ')} is not a class of the project and may have a layout of its own)`;
          const reason = `\`${info.name}\` (${info.path}:${info.line}) derives from both \`${info.bases[i] as string}\` and \`${info.bases[j] as string}\`${note}: with slots in both, Python refuses it (${LAYOUT_CONFLICT})`;
          for (const name of [...first, ...second]) for (const candidate of byName.get(name) ?? []) if (plannedByClass.has(candidate) && !dropped.has(candidate)) dropped.set(candidate, reason);
        }
      }
    }
    if (dropped.size === 0) return { changes: planned, leftAlone: left };
    const lineOfChange = (info: ProjectClass): number => reportedOf.get(info)?.line ?? info.line;
    for (const [info, reason] of dropped) left.push({ path: info.path, name: info.name, line: lineOfChange(info), reason });
    const droppedChanges = new Set([...dropped.keys()].map((info: ProjectClass): SlotsChange => plannedByClass.get(info) as SlotsChange));
    return { changes: planned.filter((change: SlotsChange): boolean => !droppedChanges.has(change)), leftAlone: left };
  }

  function unsafeBecause(info: ProjectClass, reported: ReportedClass): string | null {
    if (reported.decoratorBelow !== null) return `the decorator \`${reported.decoratorBelow}\` runs before \`@dataclass\` and would keep the class object that slots replaces`;
    if ((byName.get(info.name)?.length ?? 0) > 1) return `${byName.get(info.name)?.length} classes of the project are named \`${info.name}\`, so uses cannot be told apart`;
    const allowed = allowedOf(info);
    if (typeof allowed === 'string') return allowed;
    const family = project.descendants(info.name);
    for (const subclassName of family) {
      if (subclassName === info.name) continue;
      for (const subclass of byName.get(subclassName) ?? []) {
        if (subclass.slotted) return `its subclass \`${subclassName}\` (${subclass.path}:${subclass.line}) is slotted and relies on the \`__dict__\` it inherits`;
      }
    }
    if (global.length > 0) return `${global[0]}, which slotted instances do not support`;
    const fields = dataFields(info);
    const read = classReads.find((candidate: ClassRead): boolean => family.has(candidate.className) && fields.has(candidate.attribute));
    if (read !== undefined) return `${read.what} at ${read.where}: with slots the class attribute \`${read.attribute}\` is the slot's \`member_descriptor\`, not its default`;
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
