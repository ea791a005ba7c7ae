import fs from 'node:fs';
import path from 'node:path';
import { guessClassNames, ProjectSlotsScan, type PythonProjectFile, type SlotsChange } from '../standards/dataclass-slots/python-project-slots.js';
import { SLOTS_SINCE } from '../standards/dataclass-slots/python-dataclass-slots.js';
import { parsePython, type PythonNode } from '../standards/shared/python-ast.js';
import { PythonNames } from '../standards/shared/python-names.js';
import { declaredPython } from '../standards/shared/python-version.js';
import type { ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';

const PYTHON_FILE = /\.pyi?$/;

// A class the rule reports is decorated with `dataclass` (however imported): a project whose selected files
// never say it has nothing to slot, and no file of it is parsed.
const MENTIONS_DATACLASS = /\bdataclass\b/;

/**
 * Adds `slots=True` to every dataclass `require-dataclass-slots` reports (its own detection, `missingSlots`)
 * that the whole project shows safe (standards/dataclass-slots/python-project-slots.ts): every Python file
 * under the root is read, tests included, not only the selected ones. Classes it cannot prove safe are left
 * alone and named in a note with the reason. A selected file Python cannot be parsed from is failed (exit 1);
 * a file that does not parse cannot be imported either, so it cannot touch instances elsewhere.
 * The oldest Python is the nearest pyproject.toml's `requires-python`, else the rule's `pythonVersion`
 * option, else 3.10, as for the rule.
 * @performance nothing is parsed when no selected file says `dataclass`; otherwise one read, one parse and one
 * walk per Python file of the project, one file's tree at a time (`ProjectSlotsScan`), plus a second parse of
 * the rare file whose uses were judged with a wrong guess of the class names.
 */
export function planDataclassSlots(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const selected = new Set(input.files);
  const all = [...new Set([...(input.projectFiles ?? input.files), ...input.files])].filter((file: string): boolean => PYTHON_FILE.test(file));
  const texts = new Map<string, string>();
  const absoluteOf = new Map<string, string>();
  const failed: { path: string; reason: string }[] = [];
  const notes: { path: string; message: string }[] = [];
  for (const file of all.sort()) {
    const relative = path.relative(input.root, file).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    texts.set(relative, fs.readFileSync(file, 'utf8'));
    absoluteOf.set(relative, file);
  }
  if (![...texts].some(([relative, text]: [string, string]): boolean => selected.has(absoluteOf.get(relative) as string) && MENTIONS_DATACLASS.test(text))) {
    return Promise.resolve({ writes: new Map(), renames: [], deletes: [], skipped: [], failed, notes });
  }
  const guessed = new Set([...texts.values()].flatMap(guessClassNames));
  const scan = new ProjectSlotsScan(texts.keys(), guessed);
  const projectFile = (relative: string, parsed: { readonly ast: PythonNode }): PythonProjectFile => {
    const file = absoluteOf.get(relative) as string;
    const configured = input.optionsFor(file).pythonVersion;
    const oldest = declaredPython(file, input.root)?.minor ?? (typeof configured === 'string' ? Number(configured.split('.')[1]) : SLOTS_SINCE);
    return { path: relative, names: PythonNames.of(parsed.ast, texts.get(relative) as string), oldest };
  };
  for (const [relative, text] of texts) {
    const file = absoluteOf.get(relative) as string;
    const parsed = parsePython(text, file);
    if (!parsed.ok) {
      const reason = `cannot parse: ${parsed.error.message} (line ${parsed.error.line})`;
      if (selected.has(file) && /@\s*(?:\w+\.)?dataclass\b/.test(text)) failed.push({ path: file, reason });
      else notes.push({ path: file, message: `${reason}; read as a file Python cannot import` });
      continue;
    }
    scan.add(projectFile(relative, parsed));
  }
  for (const relative of scan.stale()) {
    const parsed = parsePython(texts.get(relative) as string, absoluteOf.get(relative) as string);
    if (parsed.ok) scan.rescan(projectFile(relative, parsed));
  }
  const plan = scan.plan();
  const byFile = new Map<string, SlotsChange[]>();
  for (const change of plan.changes) {
    if (!selected.has(absoluteOf.get(change.path) as string)) continue;
    byFile.set(change.path, [...(byFile.get(change.path) ?? []), change]);
  }
  const writes = new Map<string, string>();
  for (const [relative, changes] of byFile) {
    let text = texts.get(relative) as string;
    // From the end, so earlier ranges stay valid.
    for (const { edit } of [...changes].sort((a: SlotsChange, b: SlotsChange): number => b.edit.range[0] - a.edit.range[0])) {
      text = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
    }
    writes.set(absoluteOf.get(relative) as string, text);
  }
  for (const left of plan.leftAlone) {
    const file = absoluteOf.get(left.path) as string;
    if (selected.has(file)) notes.push({ path: file, message: `line ${left.line}: left \`${left.name}\` without slots: ${left.reason}` });
  }
  return Promise.resolve({ writes, renames: [], deletes: [], skipped: [], failed, notes });
}

const dataclassSlots: ProjectCodemod = {
  ...codemodDeclaration('dataclass-slots'),
  kind: 'project',
  description: 'Add slots=True to the Python dataclasses that no code in the project needs a __dict__, weak reference or original class object of.',
  order: 55,
  plan: planDataclassSlots,
};

export default dataclassSlots;
