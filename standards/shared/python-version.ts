import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parsePython, type PythonNode } from './python-ast.js';

/**
 * The oldest Python a project declares it runs on, from the nearest folder above a file that holds a
 * manifest: `requires-python` in the `[project]` table of its `pyproject.toml` (PEP 621), else
 * `python_requires` in the `[options]` section of its `setup.cfg`, else the `python_requires=` keyword of
 * `setup(...)` in its `setup.py` (setuptools' three places for the same metadata). Standards whose advice
 * depends on the Python version (`slots=True` needs 3.10; zero-argument `super()` in a slotted dataclass
 * works from 3.14) read it.
 */

/** A minor version of Python 3: `10` for 3.10. */
export type PythonMinor = number;

/** The declared oldest minor version and the manifest that declares it (pyproject.toml, setup.cfg or setup.py). */
export interface DeclaredPython {
  readonly minor: PythonMinor;
  readonly manifest: string;
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

/**
 * `python_requires` of the `[options]` section in a setup.cfg's text (configparser syntax: `=` or `:`,
 * case-insensitive keys, `#`/`;` comment lines, indented continuation lines), or null.
 * @complexity O(length of the text).
 */
export function setupCfgPythonRequires(setupCfgText: string): string | null {
  let inOptions = false;
  let value: string | null = null;
  for (const line of setupCfgText.split(/\r\n|\r|\n/u)) {
    if (value !== null) {
      // A value left empty on its key's line continues on the indented lines below it.
      if (value === '' && /^\s+\S/u.test(line) && !/^\s*[#;]/u.test(line)) return line.trim();
      return value === '' ? null : value;
    }
    const header = /^\[([^\]]*)\]/u.exec(line);
    if (header !== null) {
      inOptions = (header[1] ?? '').trim() === 'options';
      continue;
    }
    if (!inOptions) continue;
    const entry = /^python[-_]requires\s*[=:](.*)$/iu.exec(line);
    if (entry !== null) value = (entry[1] ?? '').trim();
  }
  return value === '' ? null : value;
}

// The string literal's text when `node` is a plain one ('…' or "…", no prefix, escape or interpolation).
function plainStringLiteral(node: PythonNode, text: string): string | null {
  if (node.type !== 'String') return null;
  const [start, ...rest] = node.children;
  const end = rest.pop();
  if (start?.type !== 'StringStart' || end?.type !== 'StringEnd' || !/^["']+$/u.test(text.slice(...start.range))) return null;
  if (rest.length > 1 || (rest[0] !== undefined && (rest[0].type !== 'StringContent' || rest[0].children.length > 0))) return null;
  return rest[0] === undefined ? '' : text.slice(...rest[0].range);
}

/**
 * The `python_requires=` keyword argument of a `setup(...)` / `setuptools.setup(...)` call in a setup.py's
 * text, when it is a plain string literal (a computed value is not read); null otherwise or when the text
 * does not parse.
 * @complexity O(length of the text): one parse and one walk.
 */
export function setupPyPythonRequires(setupPyText: string): string | null {
  const parsed = parsePython(setupPyText);
  if (!parsed.ok) return null;
  const pending: PythonNode[] = [parsed.ast];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const callee = node.type === 'Call' ? (node['function'] as PythonNode) : null;
    const calleeName = callee === null ? '' : setupPyText.slice(...callee.range);
    if (calleeName === 'setup' || calleeName.endsWith('.setup')) {
      for (const argument of (node['arguments'] as PythonNode).children) {
        const name = argument.type === 'KeywordArgument' ? (argument['name'] as PythonNode) : null;
        if (name === null || setupPyText.slice(...name.range) !== 'python_requires') continue;
        const literal = plainStringLiteral(argument['value'] as PythonNode, setupPyText);
        if (literal !== null) return literal;
      }
    }
    pending.push(...node.children);
  }
  return null;
}

const MANIFESTS: readonly { readonly name: string; readonly specifiers: (text: string) => string | null }[] = [
  { name: 'pyproject.toml', specifiers: requiresPython },
  { name: 'setup.cfg', specifiers: setupCfgPythonRequires },
  { name: 'setup.py', specifiers: setupPyPythonRequires },
];

const manifestFolderOf = new Map<string, string | null>();
const versionOfManifest = new Map<string, { readonly mtimeMs: number; readonly minor: PythonMinor | null }>();

function statOrNull(file: string): { readonly mtimeMs: number; readonly isFile: boolean } | null {
  try {
    const stat = statSync(file);
    return { mtimeMs: stat.mtimeMs, isFile: stat.isFile() };
  } catch {
    return null;
  }
}

// The nearest folder holding a manifest. `root` is the folder the search stops at, or '' to stop at the
// filesystem's root only.
function nearestManifestFolder(folder: string, root: string): string | null {
  const key = `${root}\0${folder}`;
  const cached = manifestFolderOf.get(key);
  if (cached !== undefined) return cached;
  let found: string | null = MANIFESTS.some(({ name }): boolean => statOrNull(path.join(folder, name))?.isFile === true) ? folder : null;
  const parent = path.dirname(folder);
  if (found === null && folder !== root && parent !== folder) found = nearestManifestFolder(parent, root);
  manifestFolderOf.set(key, found);
  return found;
}

// The oldest minor version one manifest declares, re-read only when its modification time changes.
function manifestMinor(file: string, specifiers: (text: string) => string | null): PythonMinor | null {
  const stat = statOrNull(file);
  if (stat?.isFile !== true) return null;
  let entry = versionOfManifest.get(file);
  if (entry === undefined || entry.mtimeMs !== stat.mtimeMs) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = '';
    }
    const declared = specifiers(text);
    entry = { mtimeMs: stat.mtimeMs, minor: declared === null ? null : oldestPythonMinor(declared) };
    versionOfManifest.set(file, entry);
  }
  return entry.minor;
}

/**
 * The oldest Python 3 minor version declared for `filename` by the manifests of the nearest folder above it
 * that holds a pyproject.toml, setup.cfg or setup.py (looking no higher than `root` when the file is inside
 * it): pyproject.toml's `requires-python`, else setup.cfg's `python_requires`, else setup.py's; null when
 * none declares a lower bound. A manifest that cannot be read counts as absent.
 * @performance three `stat`s per folder the first time it is seen (cached for the process); a manifest is
 * read (setup.py parsed) again only when its modification time changes (editors keep ESLint running).
 */
export function declaredPython(filename: string, root: string): DeclaredPython | null {
  if (!path.isAbsolute(filename)) return null;
  const folder = path.dirname(filename);
  const inside = (folder + path.sep).startsWith(path.resolve(root) + path.sep);
  const manifestFolder = nearestManifestFolder(folder, inside ? path.resolve(root) : '');
  if (manifestFolder === null) return null;
  for (const { name, specifiers } of MANIFESTS) {
    const manifest = path.join(manifestFolder, name);
    const minor = manifestMinor(manifest, specifiers);
    if (minor !== null) return { minor, manifest };
  }
  return null;
}
