/**
 * Which Python files of a project are published: a folder whose `pyproject.toml` names a distribution (PEP 621
 * `[project]` `name`, or Poetry's `[tool.poetry]` `name`), or that holds a `setup.py` / `setup.cfg`, publishes
 * the modules under it; its tests (a `test`/`tests`/`testing` folder, `test_*.py`, `*_test.py`,
 * `conftest.py`) and private modules (a path part starting with `_`, `__init__.py` / `__main__.py` aside) are
 * not part of what it offers. A change to a public name there is a change for code the project cannot see.
 * `__all__` does not narrow it: it only governs `from module import *`; `from module import name` still works.
 */

import fs from 'node:fs';
import path from 'node:path';

/** A distribution: its folder (project path, `''` for the root), name and manifest (project path). */
export interface PythonDistribution {
  readonly folder: string;
  readonly name: string;
  readonly manifest: string;
}

/** The manifests that make a folder a Python distribution (and its root a Python project): what setuptools and pip read. */
export const PYTHON_MANIFESTS: readonly string[] = Object.freeze(['pyproject.toml', 'setup.py', 'setup.cfg']);
const MANIFESTS: ReadonlySet<string> = new Set(PYTHON_MANIFESTS);
const TEST_FOLDERS: ReadonlySet<string> = new Set(['test', 'tests', 'testing']);

// `name` of the `[project]` or `[tool.poetry]` table (pyproject.toml), or `[metadata]` (setup.cfg).
function declaredName(text: string, tables: ReadonlySet<string>): string | null {
  let inTable = false;
  for (const line of text.split(/\r\n|\r|\n/u)) {
    const header = /^\s*\[([^\]]*)\]\s*(?:#.*)?$/u.exec(line);
    if (header !== null) {
      inTable = tables.has((header[1] ?? '').trim());
      continue;
    }
    const entry = inTable ? /^\s*"?name"?\s*[=:]\s*(?:"([^"]*)"|'([^']*)'|([^\s#"']+))/u.exec(line) : null;
    if (entry !== null) return entry[1] ?? entry[2] ?? entry[3] ?? null;
  }
  return null;
}

/**
 * The distributions the project's manifests declare, deepest folder first.
 * @complexity O(total length of the manifests).
 */
export function pythonDistributions(manifests: readonly { readonly path: string; readonly text: string }[]): PythonDistribution[] {
  const found: PythonDistribution[] = [];
  for (const { path, text } of manifests) {
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    if (!MANIFESTS.has(base)) continue;
    const folder = slash === -1 ? '' : path.slice(0, slash);
    const name =
      base === 'pyproject.toml' ? declaredName(text, new Set(['project', 'tool.poetry'])) : base === 'setup.cfg' ? declaredName(text, new Set(['metadata'])) : (folder.split('/').at(-1) ?? '') || 'setup.py';
    if (name !== null && !found.some((other: PythonDistribution): boolean => other.folder === folder)) found.push({ folder, name, manifest: path });
  }
  return found.sort((a: PythonDistribution, b: PythonDistribution): number => b.folder.length - a.folder.length);
}

/**
 * The distribution that offers a public name of a module (project path), or null: a private name, a test or
 * private module, or a module no distribution holds.
 * @complexity O(distributions + path length).
 */
export function publishingDistribution(distributions: readonly PythonDistribution[], modulePath: string, name: string): PythonDistribution | null {
  if (name.startsWith('_')) return null;
  const parts = modulePath.split('/');
  const file = parts.at(-1) ?? '';
  if (/^test_|_test\.pyi?$|^conftest\.py$/u.test(file) || parts.slice(0, -1).some((part: string): boolean => TEST_FOLDERS.has(part) || part.startsWith('_'))) return null;
  if (file.startsWith('_') && !/^__(?:init|main)__\.pyi?$/u.test(file)) return null;
  return distributions.find((distribution: PythonDistribution): boolean => distribution.folder === '' || modulePath.startsWith(`${distribution.folder}/`)) ?? null;
}

/**
 * The distributions of a project, read from its manifests (`pyproject.toml`, `setup.py`, `setup.cfg`) among
 * `projectFiles` (absolute); files outside `root` are not read.
 * @complexity O(project files + total length of the manifests).
 */
export function readPythonDistributions(root: string, projectFiles: readonly string[]): PythonDistribution[] {
  const manifests = projectFiles
    .filter((file: string): boolean => /(?:^|[\\/])(?:pyproject\.toml|setup\.py|setup\.cfg)$/u.test(file))
    .map((file: string) => ({ file, path: path.relative(root, file).split(path.sep).join('/') }))
    .filter((manifest: { readonly path: string }): boolean => !manifest.path.startsWith('..') && !path.isAbsolute(manifest.path))
    .map(({ file, path: projectPath }: { readonly file: string; readonly path: string }) => ({ path: projectPath, text: fs.readFileSync(file, 'utf8') }));
  return pythonDistributions(manifests);
}

/**
 * The distribution that offers a definition nested in classes of a module (`['Shape', 'area']` for a method),
 * or null: the outermost name as `publishingDistribution` says, then each member public unless it is private
 * (`_x`, `__x`); a dunder (`__init__`) is public, as callers reach it through its class.
 * @complexity O(distributions + path length + names).
 */
export function publishingDistributionOf(distributions: readonly PythonDistribution[], modulePath: string, qualifiedName: readonly string[]): PythonDistribution | null {
  const [outer, ...members] = qualifiedName;
  if (outer === undefined) return null;
  if (members.some((member: string): boolean => member.startsWith('_') && !/^__\w+__$/u.test(member))) return null;
  return publishingDistribution(distributions, modulePath, outer);
}

/**
 * How notes name a distribution: `"name" (manifest)`.
 * @complexity O(length of the name and manifest path).
 */
export function distributionLabel(distribution: PythonDistribution): string {
  return `"${distribution.name}" (${distribution.manifest})`;
}
