import type { PythonNode } from '../shared/python-ast.js';
import { dataclassDecorator, keywordValue, type PythonTextEdit } from '../shared/python-dataclasses.js';
import { bodyDefinitions, docstringOf, enclosingFunction, type PythonNames } from '../shared/python-names.js';
import { lineOf, projectClasses, type InstanceUse, type ProjectClass, type PythonProjectFile } from '../shared/python-project-classes.js';
import { frozenCandidate, selfAssignment, type FrozenCandidate } from './python-shapes.js';
import { NameGroups } from '../shared/union-find.js';
import { picklerImport } from '../shared/python-picklers.js';

/**
 * Whether `frozen=True` is safe for a dataclass given the WHOLE project (tests included), beyond the
 * class-level test of `prefer-readonly-data-shapes` (`frozenCandidate`). A frozen dataclass's `__setattr__` /
 * `__delattr__` raise `FrozenInstanceError` for every attribute of its own instances (and for its fields on a
 * plain subclass's instances), and Python refuses (`TypeError`) a frozen dataclass that inherits from a
 * non-frozen one or the reverse. So a class is left alone when:
 * - a method of the class assigns or deletes an attribute of `self` (`__post_init__` included);
 * - anywhere in the project, an attribute is set or deleted (`x.a = …`, `x.a += …`, `del x.a`,
 *   `setattr`/`delattr`, `super().__setattr__`) on what may be one of its instances (see
 *   python-project-classes.ts), or `object.__setattr__(x, …)` writes one after construction (it works on a
 *   frozen instance, but then the class is not immutable; in `__init__` / `__post_init__` on `self` it is how
 *   a frozen class builds itself, so that is fine);
 * - it defines `__setattr__` or `__delattr__` (`frozen=True` refuses to replace them);
 * - a dataclass it inherits from, or that inherits from it, cannot be frozen with it: the family changes as a
 *   whole or not at all; its bases must be dataclasses of the project (or `object`, `Generic`, `Protocol`);
 * - `frozen=True` would make it hashable and `__hash__ = None` cannot keep it unhashable (it defines `__eq__`;
 *   see `hashUnchanged`, which writes `__hash__ = None` in every other class that is unhashable today);
 * - it passes `slots=True` and the project imports a pickler (`pickle`, `shelve`, …): a frozen slotted class
 *   pickles its state as a list of field values instead of `(None, {slots})` (dataclasses'
 *   `_dataclass_getstate`), so a pickle written before would load into the wrong fields;
 * - two classes of the project share its name (uses cannot be told apart).
 * `dataclasses.replace` builds a new instance through `__init__`, and reading `__dict__` or `vars()` changes
 * nothing, so neither keeps a class mutable. What a class and its file tell is read once, as plain data
 * (`frozenFileFacts`); the plan works from those facts alone.
 */

/** What the class itself tells of a candidate (`frozenCandidate`), as plain data. */
export interface FrozenClassFacts {
  readonly edit: PythonTextEdit;
  readonly fields: readonly string[];
  /** The line of its `@dataclass` decorator. */
  readonly line: number;
  /** Why a method's write to `self` keeps it mutable (`selfAssignment`), or null. */
  readonly selfAssigned: string | null;
  /** How `frozen=True` keeps its hashability (`hashUnchanged`): the edit that does, or why none can. */
  readonly hashing: { readonly edit: PythonTextEdit | null } | { readonly reason: string };
  /** It passes `slots=True`. */
  readonly slots: boolean;
}

/** What the frozen proof reads of one file besides its classes and uses. */
export interface FrozenFileFacts {
  /** Per class of the file, in the order of `PythonProjectFile.classes`: its facts when it is a candidate, else null. */
  readonly candidates: readonly (FrozenClassFacts | null)[];
  /** Its first import of a pickler, as the reason names it (`path:line imports \`pickle\``), or null. */
  readonly pickler: string | null;
}

/** A file's facts as the frozen plan reads them. */
export interface FrozenProjectFile extends PythonProjectFile {
  readonly frozen: FrozenFileFacts;
}

/** A change the codemod makes to one Python file: a class frozen or a constant made immutable. */
export interface PythonShapeChange {
  readonly path: string;
  readonly name: string;
  readonly edits: readonly PythonTextEdit[];
}

/** A candidate the codemod leaves alone, with why (one sentence, naming where). */
export interface PythonShapeLeftAlone {
  readonly path: string;
  readonly name: string;
  readonly line: number;
  /** What it stays: "without `frozen=True`", "a list". */
  readonly kept: string;
  readonly reason: string;
}

export interface PythonShapesPlan {
  readonly changes: readonly PythonShapeChange[];
  readonly leftAlone: readonly PythonShapeLeftAlone[];
}

/** Which classes the codemod may change: those of selected files, not excluded by the rule's options. */
export interface FrozenScope {
  /** Whether the class named so in that file (project path) may be edited. */
  editable(path: string, name: string): boolean;
  /**
   * The distribution that publishes the name, as the note names it (`"shapes-lib" (pyproject.toml)`), when it
   * is to be left alone as public API; null otherwise.
   */
  publishedBy(path: string, name: string): string | null;
}

const SETATTR_METHODS: readonly string[] = ['__setattr__', '__delattr__'];
const CONSTRUCTION: ReadonlySet<string> = new Set(['__init__', '__post_init__', '__new__']);
const WRITES: ReadonlySet<InstanceUse['kind']> = new Set(['set', 'delete', 'setattr']);

/**
 * Reads what the frozen proof needs of one file while its tree is at hand (`classNodes`: its class statements,
 * in the order of `classes`, which describe them).
 * @complexity O(nodes of its dataclasses + length of the text).
 */
export function frozenFileFacts(path: string, names: PythonNames, classNodes: readonly PythonNode[], classes: readonly ProjectClass[]): FrozenFileFacts {
  const candidates = classNodes.map((node: PythonNode, index: number): FrozenClassFacts | null => {
    const info = classes[index] as ProjectClass;
    const candidate = info.isDataclass ? frozenCandidate(node, names) : null;
    if (candidate === null) return null;
    const assigned = selfAssignment(node, names);
    let selfAssigned: string | null = null;
    if (assigned !== null) {
      const method = enclosingFunction(assigned);
      selfAssigned = `\`${names.textOf(assigned)}\` is assigned in \`${method === null ? info.name : names.definitionName(method)}\` at ${path}:${lineOf(assigned)}`;
    }
    return {
      edit: candidate.edit,
      fields: candidate.fields,
      line: lineOf(candidate.found.decorator),
      selfAssigned,
      hashing: hashUnchanged(node, names, candidate),
      slots: keywordValue(candidate.found, 'slots', names) === 'true',
    };
  });
  return { candidates, pickler: picklerImport(path, names.text) };
}

// What `__hash__` / `__eq__` the class body itself binds: a def, or an assignment whose value is `None` or not.
function ownBinding(classNode: PythonNode, names: PythonNames, name: string): 'none' | 'def' | 'other' | null {
  let found: 'none' | 'def' | 'other' | null = null;
  for (const statement of bodyDefinitions(classNode)) {
    if (statement.type === 'FunctionDefinition' && names.definitionName(statement) === name) found = 'def';
    const assignment = statement.type === 'ExpressionStatement' ? statement.children[0] : undefined;
    if (assignment?.type === 'Assignment' && assignment.left?.type === 'Identifier' && names.textOf(assignment.left) === name) {
      found = (assignment.right as PythonNode | null | undefined)?.type === 'None' ? 'none' : 'other';
    }
  }
  return found;
}

/**
 * Keeps the class exactly as hashable as it is. dataclasses (`_hash_action`, CPython 3.11) gives an `eq=True`
 * class without a hash of its own (`has_explicit_hash`: `__hash__` in the body, unless it is `None` beside an
 * `__eq__` of the body) `__hash__ = None` when not frozen and a hash of its fields when frozen; so such a class
 * gets `__hash__ = None` written in its body, which counts as its own and keeps it unhashable. `eq=False`,
 * `unsafe_hash=True` or an own `__hash__` hash the same frozen or not (no edit). A reason when it cannot tell.
 */
function hashUnchanged(classNode: PythonNode, names: PythonNames, candidate: FrozenCandidate): { readonly edit: PythonTextEdit | null } | { readonly reason: string } {
  const eq = keywordValue(candidate.found, 'eq', names);
  const unsafeHash = keywordValue(candidate.found, 'unsafe_hash', names);
  if (eq === 'false' || unsafeHash === 'true') return { edit: null };
  if (eq === 'other' || unsafeHash === 'other') return { reason: '`eq=` or `unsafe_hash=` is an expression, so whether `frozen=True` would make it hashable is unknown' };
  const hash = ownBinding(classNode, names, '__hash__');
  const eqOwn = ownBinding(classNode, names, '__eq__');
  if (hash === 'def' || (hash !== null && eqOwn === null)) return { edit: null };
  if (eqOwn !== null) {
    // `__hash__ = None` beside an own `__eq__` does not count as the class's own hash: it cannot keep it unhashable.
    return { reason: 'it defines `__eq__` and no hash of its own, so `frozen=True` would make it hashable and `__hash__ = None` cannot keep it unhashable' };
  }
  const body = classNode.body;
  const statements = body?.children ?? [];
  const first = statements[0];
  if (body === null || body === undefined || first === undefined) return { reason: 'its body could not be read' };
  const text = names.text;
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const indent = text.slice(lineStart, first.range[0]);
  if (!/^[ \t]+$/u.test(indent)) return { reason: 'its body starts on the `class` line, where `__hash__ = None` cannot be written to keep it unhashable' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // The type: ignore: type checkers read `__hash__ = None` as overriding `object.__hash__` with a non-method
  // (typeshed writes the same for list); at run time it is the `None` dataclasses itself sets when not frozen.
  const line = '__hash__ = None  # type: ignore[assignment]';
  if (docstringOf(classNode) !== null) {
    return { edit: { range: [first.range[1], first.range[1]], text: `${eol}${eol}${indent}${line}` } };
  }
  return { edit: { range: [first.range[0], first.range[0]], text: `${line}${eol}${indent}` } };
}

// `object.__setattr__(self, …)` in `__init__` / `__post_init__`: how a frozen class sets what it computes.
function constructs(use: InstanceUse): boolean {
  return use.function !== null && CONSTRUCTION.has(use.function) && use.firstArgument === 'self';
}

/**
 * Plans `frozen=True` for every dataclass the class-level test accepts (`frozenCandidate`) whose family the
 * whole project shows safe; every other candidate is left alone with its reason.
 * @complexity O(nodes of the project + classes × (uses + ancestors)).
 */
export function planProjectFrozen(files: readonly FrozenProjectFile[], scope: FrozenScope): PythonShapesPlan {
  const candidates = new Map<ProjectClass, FrozenClassFacts>();
  for (const file of files) {
    for (const [index, info] of file.classes.entries()) {
      const candidate = file.frozen.candidates[index] ?? null;
      if (candidate !== null) candidates.set(info, candidate);
    }
  }
  if (candidates.size === 0) return { changes: [], leftAlone: [] };
  const project = projectClasses(files.flatMap((file: FrozenProjectFile): readonly ProjectClass[] => file.classes));
  const { classes, byName } = project;
  const uses = files.flatMap((file: FrozenProjectFile): readonly InstanceUse[] => file.uses);
  const pickler = files.find((file: FrozenProjectFile): boolean => file.frozen.pickler !== null)?.frozen.pickler ?? null;

  // Every dataclass is tied to the dataclasses among its ancestors, through plain classes too (Python checks
  // the whole MRO), even when some base is unknown: freezing an ancestor alone would break it. A base that is
  // not one class of the project, or not a dataclass, leaves the class unprovable.
  const families = new NameGroups();
  const ancestorsOf = (info: ProjectClass): { readonly ancestors: Set<ProjectClass>; readonly problem: string | null } => {
    const ancestors = new Set<ProjectClass>();
    let problem = info.basesOk;
    const pending = [info];
    while (pending.length > 0) {
      const current = pending.pop() as ProjectClass;
      if (current !== info && current.basesOk !== null) problem ??= `its base \`${current.name}\` ${current.basesOk.replace(/^it /u, '')}`;
      for (const base of current.bases) {
        const found = byName.get(base) ?? [];
        if (found.length !== 1) problem ??= found.length === 0 ? `its base \`${base}\` is not a class of the project` : `its base \`${base}\` names ${found.length} classes of the project`;
        for (const baseInfo of found) {
          if (ancestors.has(baseInfo) || baseInfo === info) continue;
          if (!baseInfo.isDataclass) problem ??= `its base \`${base}\` is not a dataclass`;
          ancestors.add(baseInfo);
          pending.push(baseInfo);
        }
      }
    }
    return { ancestors, problem };
  };
  const lineage = new Map<ProjectClass, { readonly ancestors: Set<ProjectClass>; readonly problem: string | null }>();
  for (const info of classes) {
    if (!info.isDataclass) continue;
    const found = ancestorsOf(info);
    lineage.set(info, found);
    for (const ancestor of found.ancestors) if (ancestor.isDataclass) families.join(info.name, ancestor.name);
  }

  const reasonOf = (info: ProjectClass, candidate: FrozenClassFacts): string | null => {
    const count = byName.get(info.name)?.length ?? 0;
    if (count > 1) return `${count} classes of the project are named \`${info.name}\`, so uses cannot be told apart`;
    if (!scope.editable(info.path, info.name)) return 'it is not among the selected files, or the rule\'s options leave it out';
    const published = scope.publishedBy(info.path, info.name);
    if (published !== null) return `it is public API of the distribution ${published}: code outside the project may set its attributes or subclass it (--change-public-api changes it too)`;
    if (candidate.selfAssigned !== null) return candidate.selfAssigned;
    const own = SETATTR_METHODS.find((method: string): boolean => info.methods.has(method));
    if (own !== undefined) return `it defines \`${own}\`, which \`frozen=True\` may not replace`;
    const found = lineage.get(info);
    if (found === undefined) return 'it is not a dataclass';
    if (found.problem !== null) return found.problem;
    if ('reason' in candidate.hashing) return candidate.hashing.reason;
    if (candidate.slots && pickler !== null) {
      return `a frozen slotted class pickles its state as a list of field values, and ${pickler}: a pickle written before would load into the wrong fields`;
    }
    const descendants = project.descendants(info.name);
    const related = new Set([...descendants, ...[...found.ancestors].map((ancestor: ProjectClass): string => ancestor.name)]);
    // Dataclasses that derive from it: their instances are theirs to prove (the family changes as a whole).
    const dataclassDescendants = new Set<string>();
    for (const name of descendants) {
      for (const other of byName.get(name) ?? []) if (other !== info && other.isDataclass) dataclassDescendants.add(other.name);
    }
    const familyFields = new Set(candidate.fields);
    for (const ancestor of found.ancestors) for (const field of ancestor.fields) familyFields.add(field);
    for (const use of uses) {
      const receiver = use.receiver;
      if (receiver.kind === 'notInstance') continue;
      if (receiver.kind === 'instanceOf' && !related.has(receiver.className)) continue;
      // An instance of a dataclass that derives from it is that subclass's to prove (they are one family).
      if (receiver.kind === 'instanceOf' && dataclassDescendants.has(receiver.className)) continue;
      if (use.kind === 'objectSetattr') {
        if (!constructs(use)) return `${use.what} at ${use.where} after construction`;
        continue;
      }
      if (!WRITES.has(use.kind)) continue;
      // A plain subclass's instance may set what is not a field: frozen `__setattr__` only guards the fields there.
      const plainSubclass = receiver.kind === 'instanceOf' && (byName.get(receiver.className) ?? []).every((other: ProjectClass): boolean => !other.isDataclass);
      if (plainSubclass && use.attribute !== null && use.attribute !== '' && !familyFields.has(use.attribute)) continue;
      return `${use.what} at ${use.where}, on what may be an instance`;
    }
    return null;
  };

  // A family is frozen when every dataclass in it is a candidate with no reason against it.
  const members = new Map<string, ProjectClass[]>();
  for (const info of lineage.keys()) {
    const root = families.find(info.name);
    const family = members.get(root);
    if (family === undefined) members.set(root, [info]);
    else family.push(info);
  }
  const changes: PythonShapeChange[] = [];
  const leftAlone: PythonShapeLeftAlone[] = [];
  for (const family of members.values()) {
    const own = new Map<ProjectClass, string | null>();
    for (const info of family) {
      const candidate = candidates.get(info);
      own.set(info, candidate === undefined ? null : reasonOf(info, candidate));
    }
    const blocker = family.find((info: ProjectClass): boolean => !candidates.has(info) || own.get(info) !== null);
    for (const info of family) {
      const candidate = candidates.get(info);
      if (candidate === undefined) continue;
      if (blocker === undefined) {
        const hashing = candidate.hashing;
        changes.push({ path: info.path, name: info.name, edits: 'edit' in hashing && hashing.edit !== null ? [candidate.edit, hashing.edit] : [candidate.edit] });
        continue;
      }
      // A class the selection or the options leave out is not reported, only named as the reason of its family.
      if (!scope.editable(info.path, info.name)) continue;
      const reason = own.get(info) ?? familyReason(blocker, candidates.has(blocker) ? (own.get(blocker) as string) : null);
      leftAlone.push({ path: info.path, name: info.name, line: candidate.line, kept: 'without `frozen=True`', reason });
    }
  }
  return { changes, leftAlone };
}

// Why a class stays as it is because another of its family does.
function familyReason(blocker: ProjectClass, blockerReason: string | null): string {
  const where = `${blocker.path}:${blocker.line}`;
  const why = blockerReason ?? 'is a dataclass this codemod does not freeze (frozen already, `frozen=` an expression, `**options`, or no fields)';
  return `it must be frozen together with \`${blocker.name}\` (${where}), which ${blockerReason === null ? why : `cannot be: ${why}`}`;
}
