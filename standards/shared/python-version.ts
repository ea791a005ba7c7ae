import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The oldest Python a project declares it runs on: `requires-python` in the `[project]` table of the
 * nearest `pyproject.toml` above a file (PEP 621). Standards whose advice depends on the Python version
 * (`slots=True` needs 3.10; zero-argument `super()` in a slotted dataclass works from 3.14) read it.
 */

/** A minor version of Python 3: `10` for 3.10. */
export type PythonMinor = number;

/** Where the version came from: a pyproject.toml (its path) or nowhere (null). */
export interface DeclaredPython {
  readonly minor: PythonMinor;
  readonly pyproject: string;
}

/**
 * The oldest Python 3 minor version a PEP 440 specifier set allows, or null when it sets no lower bound
 * (`<4`, `!=3.9.*`) or names another major version. `>=3.9, <4` → 9; `~=3.10` → 10; `==3.11.*` → 11;
 * `>3.8` → 8 (3.8.1 is allowed).
 * @complexity O(length of the specifier).
 */
export function oldestPythonMinor(specifiers: string): PythonMinor | null {
  let oldest: PythonMinor | null = null;
  for (const clause of specifiers.split(',')) {
    const match = /^\s*(>=|>|~=|===?)\s*(\d+)(?:\.(\d+))?/u.exec(clause);
    if (match === null) continue;
    const major = Number(match[2]);
    const minor = match[3] === undefined ? 0 : Number(match[3]);
    if (major !== 3) {
      if (major > 3) return null;
      continue;
    }
    if (oldest === null || minor > oldest) oldest = minor;
  }
  return oldest;
}

/**
 * `requires-python` of the `[project]` table in a pyproject.toml's text, or null.
 * @complexity O(length of the text).
 */
export function requiresPython(pyprojectText: string): string | null {
  let inProject = false;
  for (const line of pyprojectText.split(/\r\n|\r|\n/u)) {
    const header = /^\s*\[([^\]]*)\]\s*(?:#.*)?$/u.exec(line);
    if (header !== null) {
      inProject = (header[1] ?? '').trim() === 'project';
      continue;
    }
    if (!inProject) continue;
    const entry = /^\s*(?:requires-python|"requires-python")\s*=\s*(?:"([^"]*)"|'([^']*)')/u.exec(line);
    if (entry !== null) return entry[1] ?? entry[2] ?? null;
  }
  return null;
}

const pyprojectOfFolder = new Map<string, string | null>();
const versionOfPyproject = new Map<string, { readonly mtimeMs: number; readonly minor: PythonMinor | null }>();

function statOrNull(file: string): { readonly mtimeMs: number; readonly isFile: boolean } | null {
  try {
    const stat = statSync(file);
    return { mtimeMs: stat.mtimeMs, isFile: stat.isFile() };
  } catch {
    return null;
  }
}

// `root` is the folder the search stops at, or '' to stop at the filesystem's root only.
function nearestPyproject(folder: string, root: string): string | null {
  const key = `${root}\0${folder}`;
  const cached = pyprojectOfFolder.get(key);
  if (cached !== undefined) return cached;
  const candidate = path.join(folder, 'pyproject.toml');
  let found: string | null = statOrNull(candidate)?.isFile === true ? candidate : null;
  const parent = path.dirname(folder);
  if (found === null && folder !== root && parent !== folder) found = nearestPyproject(parent, root);
  pyprojectOfFolder.set(key, found);
  return found;
}

/**
 * The oldest Python 3 minor version that the nearest `pyproject.toml` above `filename` declares, looking no
 * higher than `root` when the file is inside it; null when there is no such file or it declares no lower
 * bound. A pyproject.toml that cannot be read counts as absent.
 * @performance one `stat` per folder the first time it is seen (cached for the process); the file is read
 * again only when its modification time changes (editors keep ESLint running).
 */
export function declaredPython(filename: string, root: string): DeclaredPython | null {
  if (!path.isAbsolute(filename)) return null;
  const folder = path.dirname(filename);
  const inside = (folder + path.sep).startsWith(path.resolve(root) + path.sep);
  const pyproject = nearestPyproject(folder, inside ? path.resolve(root) : '');
  if (pyproject === null) return null;
  const stat = statOrNull(pyproject);
  if (stat === null) return null;
  let entry = versionOfPyproject.get(pyproject);
  if (entry === undefined || entry.mtimeMs !== stat.mtimeMs) {
    let text = '';
    try {
      text = readFileSync(pyproject, 'utf8');
    } catch {
      text = '';
    }
    const specifiers = requiresPython(text);
    entry = { mtimeMs: stat.mtimeMs, minor: specifiers === null ? null : oldestPythonMinor(specifiers) };
    versionOfPyproject.set(pyproject, entry);
  }
  return entry.minor === null ? null : { minor: entry.minor, pyproject };
}
