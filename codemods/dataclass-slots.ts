import fs from 'node:fs';
import { planProjectSlots, type SlotsChange } from '../standards/dataclass-slots/python-project-slots.js';
import { SLOTS_SINCE } from '../standards/dataclass-slots/python-dataclass-slots.js';
import { declaredPython, type PythonMinor } from '../standards/shared/python-version.js';
import type { ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { applyPythonEdits, readPythonProject } from './runner/python-project-files.js';

// Every class the rule reports is decorated with `dataclass`, however imported, so a selected file that never
// says the word has nothing to slot; when none does, the project is not parsed at all.
const MENTIONS_DATACLASS = /\bdataclass\b/;
const PYTHON_FILE = /\.pyi?$/;

/**
 * Adds `slots=True` to every dataclass `require-dataclass-slots` reports (its own detection, `missingSlots`)
 * that the whole project shows safe (standards/dataclass-slots/python-project-slots.ts): every Python file
 * under the root is read, tests included, not only the selected ones. Classes it cannot prove safe are left
 * alone and named in a note with the reason. A selected file Python cannot be parsed from is failed (exit 1);
 * a file that does not parse cannot be imported either, so it cannot touch instances elsewhere.
 * The oldest Python is the nearest manifest's (`declaredPython`: pyproject.toml, setup.cfg, setup.py), else the rule's `pythonVersion`
 * option, else 3.10, as for the rule.
 * @performance nothing parsed when no selected Python file mentions `dataclass`; else one read of every Python
 * file of the project and one parse and walk of each, into plain facts, the trees dropped at once
 * (`readPythonProject`, shared with readonly-data-shapes within a run).
 */
export function planDataclassSlots(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const selected = new Set(input.files);
  const nothingToSlot = { writes: new Map<string, string>(), renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  if (!input.files.some((file: string): boolean => PYTHON_FILE.test(file) && MENTIONS_DATACLASS.test(fs.readFileSync(file, 'utf8')))) return Promise.resolve(nothingToSlot);
  const { files, texts, absoluteOf, failed, notes } = readPythonProject(input, (text: string): boolean => /@\s*(?:\w+\.)?dataclass\b/.test(text));
  const plan = planProjectSlots(files, (relative: string): PythonMinor => {
    const file = absoluteOf.get(relative) as string;
    const configured = input.optionsFor(file).pythonVersion;
    return declaredPython(file, input.root)?.minor ?? (typeof configured === 'string' ? Number(configured.split('.')[1]) : SLOTS_SINCE);
  });
  const byFile = new Map<string, SlotsChange[]>();
  for (const change of plan.changes) {
    if (!selected.has(absoluteOf.get(change.path) as string)) continue;
    byFile.set(change.path, [...(byFile.get(change.path) ?? []), change]);
  }
  const writes = new Map<string, string>();
  for (const [relative, changes] of byFile) {
    writes.set(absoluteOf.get(relative) as string, applyPythonEdits(texts.get(relative) as string, changes.map((change: SlotsChange) => change.edit)));
  }
  const allNotes = [...notes];
  for (const left of plan.leftAlone) {
    const file = absoluteOf.get(left.path) as string;
    if (selected.has(file)) allNotes.push({ path: file, message: `line ${left.line}: left \`${left.name}\` without slots: ${left.reason}` });
  }
  return Promise.resolve({ writes, renames: [], deletes: [], skipped: [], failed: [...failed], notes: allNotes });
}

const dataclassSlots: ProjectCodemod = {
  ...codemodDeclaration('dataclass-slots'),
  kind: 'project',
  description: 'Add slots=True to the Python dataclasses that no code in the project needs a __dict__, weak reference or original class object of.',
  order: 55,
  plan: planDataclassSlots,
};

export default dataclassSlots;
