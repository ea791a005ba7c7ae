/**
 * Python type coverage: the share of the annotations the explicit-types standard requires that a project
 * has. The unit is the annotation slot of a `def` / `async def`: each parameter (a method's bound `self` /
 * `cls` excepted, the `*` and `/` separators not being parameters) and the return (`__init__`'s excepted),
 * covered when annotated or typed by a PEP 484 signature type comment (python-annotations.ts, the same
 * knowledge as `require-explicit-types`, so the uncovered slots are exactly what that rule reports). These
 * are the places pyright's `--verifytypes` names in a package's public functions (`Type annotation for
 * parameter "x" is missing`, `Return type annotation is missing`; tests/python-type-coverage.test.ts checks
 * the two agree on a fixture package); pyright's completeness score then counts whole public symbols, and
 * mypy's `--linecount-report` whole functions (annotated when any annotation is there), which hide a
 * half-annotated function. Counting slots, every function of the project, private and
 * test code included, makes each added annotation move the figure, as type-coverage's identifier count does
 * for TypeScript. Inferred types are not counted as covered: the standard asks for them written.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg, { type Entry } from 'fast-glob';
import { pythonAnnotationSlots, type PythonAnnotationSlot } from '../explicit-types/python-annotations.js';
import { ignoredByGit, ignoredByRootGitignore } from '../shared/git-ignores.js';
import { parsePython, visitPythonNodes, type PythonNode, type PythonSyntaxError } from '../shared/python-ast.js';
import { PythonNames } from '../shared/python-names.js';
import { unreadableReason } from '../shared/unreadable-files.js';

/** One file's count: `covered` of `total` annotation slots. */
export interface PythonFileTypeCoverage {
  /** Relative to the root, `/`-separated. */
  readonly file: string;
  readonly covered: number;
  readonly total: number;
}

/** A file that was not counted, and why (a syntax error, with where; or why it cannot be read). */
export interface PythonFileNotCounted {
  readonly file: string;
  readonly reason: string;
}

/** A project's Python type coverage: the counted files in path order, and those that could not be counted. */
export interface PythonTypeCoverage {
  readonly files: readonly PythonFileTypeCoverage[];
  readonly notCounted: readonly PythonFileNotCounted[];
}

/**
 * The annotation slots of every function of one module, nested ones and methods included.
 * @complexity O(nodes of the module).
 */
export function moduleAnnotationSlots(module: PythonNode, text: string): PythonAnnotationSlot[] {
  const names = PythonNames.of(module, text);
  const slots: PythonAnnotationSlot[] = [];
  visitPythonNodes(module, (node: PythonNode): void => {
    if (node.type === 'FunctionDefinition') slots.push(...pythonAnnotationSlots(node, names));
  });
  return slots;
}

/**
 * One source's count, or its first syntax error (such a file cannot be counted: there is no tree).
 * @complexity O(length of the text).
 */
export function countPythonSource(text: string): { readonly covered: number; readonly total: number } | { readonly error: PythonSyntaxError } {
  const parsed = parsePython(text);
  if (!parsed.ok) return { error: parsed.error };
  const slots = moduleAnnotationSlots(parsed.ast, text);
  return { covered: slots.filter((slot: PythonAnnotationSlot): boolean => slot.annotated).length, total: slots.length };
}

// Never the project's code, even where no .gitignore says so: installed packages and tool environments.
const NOT_THE_PROJECT: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/site-packages/**', '**/.venv/**', '**/.tox/**', '**/.nox/**'];

// git prints ignored folders with a trailing slash; fast-glob needs the folder's contents named.
const toGlobIgnore = (pattern: string): string => (pattern.endsWith('/') ? `${pattern}**` : pattern);

/**
 * The Python files the count covers, relative to `root` and sorted: `.py` and `.pyi` files that git does not
 * ignore (the root .gitignore outside a work tree; installed packages and tool environments never), a `.py`
 * file with a `.pyi` stub beside it counted through the stub, since type checkers read the stub's
 * signatures in its place. Symbolic links are not followed nor counted.
 * @performance one `git ls-files` and one directory walk.
 */
export async function pythonTypeCoverageFiles(root: string): Promise<readonly string[]> {
  const ignored = (await ignoredByGit(root, ['.'])) ?? (await ignoredByRootGitignore(root)) ?? [];
  const entries = await fg(['**/*.py', '**/*.pyi'], { cwd: root, ignore: [...NOT_THE_PROJECT, ...ignored.map(toGlobIgnore)], dot: true, followSymbolicLinks: false, objectMode: true });
  const files = new Set(entries.filter((entry: Entry): boolean => entry.dirent.isFile()).map((entry: Entry): string => entry.path));
  return [...files].filter((file: string): boolean => !(file.endsWith('.py') && files.has(`${file}i`))).sort();
}

/**
 * Counts the Python type coverage of the project at `root` (see the module's docstring for what is counted
 * and pythonTypeCoverageFiles for which files).
 * @performance one parse per file (tree-sitter, loaded on the first file: about 30 ms), files read 16 at a time.
 */
export async function countPythonTypeCoverage(root: string): Promise<PythonTypeCoverage> {
  const files = await pythonTypeCoverageFiles(root);
  const counted: PythonFileTypeCoverage[] = [];
  const notCounted: PythonFileNotCounted[] = [];
  // Read in bounded batches and counted as they come: a large tree neither opens thousands of files at once
  // nor holds every text.
  for (let start = 0; start < files.length; start += 16) {
    const batch = files.slice(start, start + 16);
    const texts = await Promise.all(batch.map((file: string): Promise<string | Error> => readFile(path.join(root, file), 'utf8').catch((error: unknown): Error => (error instanceof Error ? error : new Error(String(error))))));
    batch.forEach((file: string, index: number): void => {
      const text = texts[index] as string | Error;
      if (text instanceof Error) {
        notCounted.push({ file, reason: `cannot be read: ${unreadableReason(text)}` });
        return;
      }
      const count = countPythonSource(text);
      if ('error' in count) notCounted.push({ file, reason: `${count.error.line}:${count.error.column + 1} ${count.error.message}` });
      else counted.push({ file, ...count });
    });
  }
  return { files: counted, notCounted };
}
