import fs from 'node:fs';
import path from 'node:path';
import { SlotsFacts, type SlotsProjectFile } from '../../standards/dataclass-slots/python-project-slots.js';
import { constantFileFacts, guessConstantNames, type ConstantsProjectFile } from '../../standards/immutable-data-shapes/python-project-constants.js';
import { frozenFileFacts, type FrozenProjectFile } from '../../standards/immutable-data-shapes/python-project-frozen.js';
import { parsePython } from '../../standards/shared/python-ast.js';
import type { PythonTextEdit } from '../../standards/shared/python-dataclasses.js';
import { PythonNames } from '../../standards/shared/python-names.js';
import {
  classNodesOf,
  collectUses,
  dottedModuleNames,
  moduleObjects,
  resolvePatchTargets,
  describeClass,
  guessClassNames,
  RecordedNames,
  topLevelModule,
  type ProjectClass,
} from '../../standards/shared/python-project-classes.js';
import type { ProjectCodemodInput } from './contract.js';

const PYTHON_FILE = /\.pyi?$/;

/** What one Python file tells the whole-project Python proofs (dataclass-slots, readonly-data-shapes): plain data. */
export interface PythonFileFacts extends SlotsProjectFile, FrozenProjectFile, ConstantsProjectFile {
  /** The names its top level binds only by import, `def` or `class` (`moduleObjects`), for patch targets. */
  readonly moduleObjects: readonly string[];
}

/** Every Python file of a project codemod's root, read into facts, for the codemods that prove from the whole project. */
export interface PythonProject {
  /** The files that parse, by project path. */
  readonly files: readonly PythonFileFacts[];
  /** Project path (relative, `/`) → the file's text as read. */
  readonly texts: ReadonlyMap<string, string>;
  /** Project path → absolute path. */
  readonly absoluteOf: ReadonlyMap<string, string>;
  /** Selected files that may need an edit and do not parse: failed, never half-fixed. */
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  /** Other files that do not parse (Python cannot import them, so they touch nothing). */
  readonly notes: readonly { readonly path: string; readonly message: string }[];
}

/** The names a file's facts were judged against: what the project defines, or a guess of it. */
interface ProjectGuess {
  readonly classNames: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  readonly constants: ReadonlySet<string>;
  /** Every dotted name a project file may be imported as (`dottedModuleNames`): known from the paths alone. */
  readonly dottedModules: ReadonlySet<string>;
}

/** One file as read: its facts, or why it does not parse; with the answers its judging got. */
interface FileRead {
  readonly text: string;
  readonly facts: PythonFileFacts | null;
  readonly parseError: string | null;
  readonly classNames: RecordedNames | null;
  readonly modules: RecordedNames | null;
}

// The runner's per-run store (`ProjectCodemodInput.runCache`) keeps each file's read under this key, so the
// next codemod of the run reads again only the files whose text changed.
const CACHE_KEY = 'python-project-facts';

function readFile(file: string, relative: string, text: string, guess: ProjectGuess): FileRead {
  const parsed = parsePython(text, file);
  if (!parsed.ok) return { text, facts: null, parseError: `cannot parse: ${parsed.error.message} (line ${parsed.error.line})`, classNames: null, modules: null };
  const names = PythonNames.of(parsed.ast, text);
  const classNames = new RecordedNames(guess.classNames);
  const modules = new RecordedNames(guess.modules);
  const project = { classNames, modules, dottedModules: guess.dottedModules };
  const classNodes = classNodesOf(names.module);
  const classes = classNodes.map((node): ProjectClass => describeClass(relative, names, node));
  const slots = new SlotsFacts(relative, names, project);
  for (const node of classNodes) slots.addClass(node);
  const uses = collectUses(
    relative,
    names,
    project,
    (call): void => slots.see(call),
    (attribute): void => slots.seeAttribute(attribute),
  );
  const facts: PythonFileFacts = {
    path: relative,
    classes,
    uses,
    slots: slots.facts(),
    frozen: frozenFileFacts(relative, names, classNodes, classes),
    constants: constantFileFacts(relative, names, guess.constants),
    moduleObjects: moduleObjects(names),
  };
  // Nothing keeps the tree: it is garbage once this returns.
  return { text, facts, parseError: null, classNames, modules };
}

/**
 * Reads every Python file of the project (selected or not, tests included), inside the root, into the facts
 * the whole-project Python proofs need, one file at a time: each tree is dropped once its facts are taken
 * (docs/architecture_decisions.md, decision 35). A file's receivers and constant uses are judged against the
 * project's class, module and constant names guessed from the texts; a file a wrong guess answered is read
 * again with the names every file defines, so the facts are those of a reader that knew them in advance. A
 * file whose text an earlier codemod of the same run read (`input.runCache`) is not read again. A selected
 * file that does not parse fails when `mayNeedEdit(text)` says it might have held a change; any other is a note.
 * @performance one read of every file, one parse and walk of every file whose text is new to the run (plus
 * the rare file a wrong guess touched); memory: the texts and the facts, never the trees.
 */
export function readPythonProject(input: ProjectCodemodInput, mayNeedEdit: (text: string) => boolean): PythonProject {
  const selected = new Set(input.files);
  const all = [...new Set([...(input.projectFiles ?? input.files), ...input.files])].filter((file: string): boolean => PYTHON_FILE.test(file));
  const texts = new Map<string, string>();
  const absoluteOf = new Map<string, string>();
  for (const file of all.sort()) {
    const relative = path.relative(input.root, file).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    texts.set(relative, fs.readFileSync(file, 'utf8'));
    absoluteOf.set(relative, file);
  }
  const guess: ProjectGuess = {
    classNames: new Set([...texts.values()].flatMap(guessClassNames)),
    modules: new Set([...texts.keys()].map(topLevelModule)),
    constants: new Set([...texts.values()].flatMap(guessConstantNames)),
    dottedModules: new Set([...texts.keys()].flatMap(dottedModuleNames)),
  };
  let cache = input.runCache?.get(CACHE_KEY) as Map<string, FileRead> | undefined;
  if (cache === undefined) {
    cache = new Map();
    input.runCache?.set(CACHE_KEY, cache);
  }
  const reads = new Map<string, FileRead>();
  for (const [relative, text] of texts) {
    const file = absoluteOf.get(relative) as string;
    const cached = cache.get(file);
    const reusable = cached !== undefined && cached.text === text && (cached.facts === null || cached.facts.path === relative);
    reads.set(relative, reusable ? cached : readFile(file, relative, text, guess));
  }
  // What the project truly defines, then every file a guess answered otherwise, read again.
  const parsedFacts = [...reads.values()].flatMap((read: FileRead): PythonFileFacts[] => (read.facts === null ? [] : [read.facts]));
  const actual: ProjectGuess = {
    classNames: new Set(parsedFacts.flatMap((facts: PythonFileFacts): string[] => facts.classes.map((info: ProjectClass): string => info.name))),
    modules: new Set(parsedFacts.map((facts: PythonFileFacts): string => topLevelModule(facts.path))),
    constants: new Set(parsedFacts.flatMap((facts: PythonFileFacts): string[] => facts.constants.candidates.map((constant): string => constant.name))),
    dottedModules: guess.dottedModules,
  };
  const missedConstants = new Map<ReadonlySet<string>, string[]>();
  const missed = (recorded: ReadonlySet<string>): string[] => {
    let names = missedConstants.get(recorded);
    if (names === undefined) {
      names = [...actual.constants].filter((name: string): boolean => !recorded.has(name));
      missedConstants.set(recorded, names);
    }
    return names;
  };
  for (const [relative, read] of reads) {
    if (read.facts === null) continue;
    const wrong =
      !(read.classNames as RecordedNames).answeredAs(actual.classNames) ||
      !(read.modules as RecordedNames).answeredAs(actual.modules) ||
      missed(read.facts.constants.names).some((name: string): boolean => read.text.includes(name));
    if (wrong) reads.set(relative, readFile(absoluteOf.get(relative) as string, relative, read.text, actual));
  }
  // A patch's string target is judged once every module's top-level objects are known.
  const objectsOf = new Map<string, Set<string>>();
  for (const read of reads.values()) {
    if (read.facts === null) continue;
    for (const name of dottedModuleNames(read.facts.path)) {
      const objects = objectsOf.get(name);
      if (objects === undefined) objectsOf.set(name, new Set(read.facts.moduleObjects));
      // Two files that may be imported by one name: only what both bind so is surely no instance.
      else for (const object of objects) if (!read.facts.moduleObjects.includes(object)) objects.delete(object);
    }
  }
  const files: PythonFileFacts[] = [];
  const failed: { path: string; reason: string }[] = [];
  const notes: { path: string; message: string }[] = [];
  for (const [relative, read] of reads) {
    const file = absoluteOf.get(relative) as string;
    cache.set(file, read);
    if (read.facts !== null) {
      const uses = resolvePatchTargets(read.facts.uses, objectsOf);
      files.push(uses === read.facts.uses ? read.facts : { ...read.facts, uses });
    }
    else if (selected.has(file) && mayNeedEdit(read.text)) failed.push({ path: file, reason: read.parseError as string });
    else notes.push({ path: file, message: `${read.parseError as string}; read as a file Python cannot import` });
  }
  return { files, texts, absoluteOf, failed, notes };
}

/**
 * The text with every edit applied; edits do not overlap (two insertions at one offset come out last given
 * first, as splicing them one by one from the end of the text would).
 * @complexity O(text + edits × log edits).
 */
export function applyPythonEdits(text: string, edits: readonly PythonTextEdit[]): string {
  // In text order, pieces joined once: splicing a large file edit by edit copies it once per edit.
  const ordered = edits.map((edit: PythonTextEdit, index: number): [PythonTextEdit, number] => [edit, index]).sort(([a, ai], [b, bi]): number => a.range[0] - b.range[0] || bi - ai);
  const pieces: string[] = [];
  let at = 0;
  for (const [edit] of ordered) {
    pieces.push(text.slice(at, edit.range[0]), edit.text);
    at = edit.range[1];
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}
