import fs from 'node:fs';
import path from 'node:path';
import { parsePython } from '../../standards/shared/python-ast.js';
import type { PythonTextEdit } from '../../standards/shared/python-dataclasses.js';
import { PythonNames } from '../../standards/shared/python-names.js';
import type { PythonProjectFile } from '../../standards/shared/python-project-classes.js';
import { declaredPython, type PythonMinor } from '../../standards/shared/python-version.js';
import type { ProjectCodemodInput } from './contract.js';

const PYTHON_FILE = /\.pyi?$/;

/** Every Python file of a project codemod's root, parsed, for the codemods that prove from the whole project. */
export interface PythonProject {
  readonly files: readonly PythonProjectFile[];
  /** Project path (relative, `/`) → the file's text as read. */
  readonly texts: ReadonlyMap<string, string>;
  /** Project path → absolute path. */
  readonly absoluteOf: ReadonlyMap<string, string>;
  /** Selected files that may need an edit and do not parse: failed, never half-fixed. */
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  /** Other files that do not parse (Python cannot import them, so they touch nothing). */
  readonly notes: readonly { readonly path: string; readonly message: string }[];
}

/**
 * Reads and parses every Python file of the project (selected or not, tests included), inside the root. A
 * selected file that does not parse fails when `mayNeedEdit(text)` says it might have held a change; any other
 * is a note. The oldest Python per file is the nearest manifest's (`declaredPython`), else the rule's
 * `pythonVersion` option, else `fallback`.
 * @performance one read and one parse per Python file.
 */
export function readPythonProject(input: ProjectCodemodInput, mayNeedEdit: (text: string) => boolean, fallback: PythonMinor): PythonProject {
  const selected = new Set(input.files);
  const all = [...new Set([...(input.projectFiles ?? input.files), ...input.files])].filter((file: string): boolean => PYTHON_FILE.test(file));
  const files: PythonProjectFile[] = [];
  const texts = new Map<string, string>();
  const absoluteOf = new Map<string, string>();
  const failed: { path: string; reason: string }[] = [];
  const notes: { path: string; message: string }[] = [];
  for (const file of all.sort()) {
    const relative = path.relative(input.root, file).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parsePython(text, file);
    if (!parsed.ok) {
      const reason = `cannot parse: ${parsed.error.message} (line ${parsed.error.line})`;
      if (selected.has(file) && mayNeedEdit(text)) failed.push({ path: file, reason });
      else notes.push({ path: file, message: `${reason}; read as a file Python cannot import` });
      continue;
    }
    const configured = input.optionsFor(file).pythonVersion;
    const oldest = declaredPython(file, input.root)?.minor ?? (typeof configured === 'string' ? Number(configured.split('.')[1]) : fallback);
    files.push({ path: relative, names: PythonNames.of(parsed.ast, text), oldest });
    texts.set(relative, text);
    absoluteOf.set(relative, file);
  }
  return { files, texts, absoluteOf, failed, notes };
}

/**
 * The text with every edit applied; edits do not overlap.
 * @complexity O(text × edits).
 */
export function applyPythonEdits(text: string, edits: readonly PythonTextEdit[]): string {
  let result = text;
  // From the end, so earlier ranges stay valid.
  for (const edit of [...edits].sort((a: PythonTextEdit, b: PythonTextEdit): number => b.range[0] - a.range[0])) {
    result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  }
  return result;
}
