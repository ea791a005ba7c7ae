/**
 * Which import packages a Python distribution ships, read from its manifest the way setuptools does: an
 * explicit list (`[tool.setuptools] packages`, setup.py `packages=[...]`, setup.cfg `[options] packages`),
 * `find` (`[tool.setuptools.packages.find]`, `find_packages(...)`, `packages = find:`: the folders with an
 * `__init__.py` under `where`), or, with neither, setuptools' automatic discovery (the `src/` layout, else the
 * top-level package folders of the flat layout). `package-dir` / `package_dir` `{"": "src"}` moves the root
 * of the packages. Only literals are read: a manifest that computes its packages is "unknown".
 */
import { pythonDistributions, type PythonDistribution } from './python-distributions.js';

/** What a distribution ships: dotted package names and the folder (project path, `''` for the root) they are in. */
export interface PythonDistributionPackages {
  readonly distribution: PythonDistribution;
  /** Dotted names, sorted; null when the manifest computes them (nothing can be said). */
  readonly packages: readonly string[] | null;
  /** Project path of the folder that holds the top-level packages (`src` for the src layout). */
  readonly packageRoot: string;
}

// Folders setuptools' flat-layout discovery leaves out (setuptools.discovery.FlatLayoutPackageFinder), abridged.
const NOT_PACKAGES: ReadonlySet<string> = new Set(['test', 'tests', 'testing', 'docs', 'doc', 'examples', 'example', 'scripts', 'tools', 'benchmarks', 'bench', 'build', 'dist', 'venv', 'env', 'site-packages']);

const strings = (text: string): string[] => [...text.matchAll(/"([^"]*)"|'([^']*)'/gu)].map((match: RegExpMatchArray): string => match[1] ?? match[2] ?? '');

// The body of table `name` of a TOML / INI text (up to the next header).
function table(text: string, name: string): string | null {
  const lines = text.split(/\r\n|\r|\n/u);
  const start = lines.findIndex((line: string): boolean => new RegExp(`^\\s*\\[\\s*${name.replace(/\./gu, '\\.')}\\s*\\]\\s*(?:#.*)?$`, 'u').test(line));
  if (start === -1) return null;
  const end = lines.findIndex((line: string, index: number): boolean => index > start && /^\s*\[/u.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

// `key = value` of a TOML table body, a bracketed or braced value read to its closing bracket.
function tomlValue(body: string, key: string): string | null {
  const match = new RegExp(`^\\s*"?${key}"?\\s*=\\s*`, 'mu').exec(body);
  if (match === null) return null;
  const rest = body.slice(match.index + match[0].length);
  const open = rest[0];
  if (open !== '[' && open !== '{') return /^[^\n#]*/u.exec(rest)?.[0]?.trim() ?? null;
  const close = open === '[' ? ']' : '}';
  const end = rest.indexOf(close);
  return end === -1 ? null : rest.slice(0, end + 1);
}

// `key = value` of a setup.cfg section body, continuation lines (indented) included.
function cfgValue(body: string, key: string): string | null {
  const match = new RegExp(`^${key}\\s*[=:]([^\\n]*)((?:\\n[ \\t]+[^\\n]*)*)`, 'mu').exec(body);
  return match === null ? null : `${match[1] ?? ''}${match[2] ?? ''}`.trim();
}

// `name=` keyword argument of setup(...): its literal value up to the matching bracket, or the rest of the line.
function setupArgument(text: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*`, 'u').exec(text);
  if (match === null) return null;
  const rest = text.slice(match.index + match[0].length);
  const open = rest[0];
  if (open !== '[' && open !== '(' && open !== '{') return /^[^,\n)]*/u.exec(rest)?.[0]?.trim() ?? null;
  const close = open === '[' ? ']' : open === '(' ? ')' : '}';
  const end = rest.indexOf(close);
  return end === -1 ? null : rest.slice(0, end + 1);
}

// The folder `{"": "src"}` / `=src` maps the root package to, or '' for none.
function rootDir(mapping: string | null): string {
  if (mapping === null) return '';
  const braced = /["']{2}\s*[:=]\s*["']([^"']*)["']/u.exec(mapping);
  if (braced !== null) return braced[1] ?? '';
  const cfg = /(?:^|\n)\s*=\s*(\S+)/u.exec(mapping);
  return cfg?.[1] ?? '';
}

/** How a manifest declares its packages: a literal list, `find` under folders, or nothing (automatic discovery). */
type Declared = { readonly kind: 'list'; readonly names: readonly string[] } | { readonly kind: 'find'; readonly where: readonly string[]; readonly include: readonly string[] } | { readonly kind: 'auto' } | { readonly kind: 'unknown' };

function declared(base: string, text: string): { readonly declared: Declared; readonly root: string } {
  if (base === 'pyproject.toml') {
    const setuptools = table(text, 'tool.setuptools') ?? '';
    const root = rootDir(tomlValue(setuptools, 'package-dir'));
    const packages = tomlValue(setuptools, 'packages');
    if (packages !== null && packages.startsWith('[')) return { declared: { kind: 'list', names: strings(packages) }, root };
    const find = table(text, 'tool.setuptools.packages.find') ?? (packages !== null && /find/u.test(packages) ? '' : null);
    if (find !== null) {
      const where = tomlValue(find, 'where');
      return { declared: { kind: 'find', where: where === null ? [root] : strings(where), include: strings(tomlValue(find, 'include') ?? '') }, root };
    }
    return { declared: packages === null ? { kind: 'auto' } : { kind: 'unknown' }, root };
  }
  if (base === 'setup.cfg') {
    const options = table(text, 'options') ?? '';
    const root = rootDir(cfgValue(options, 'package_dir'));
    const packages = cfgValue(options, 'packages');
    if (packages === null) return { declared: { kind: 'auto' }, root };
    if (/^find(?:_namespace)?:/u.test(packages)) {
      const find = table(text, 'options.packages.find') ?? '';
      const where = cfgValue(find, 'where');
      return { declared: { kind: 'find', where: [where ?? root], include: (cfgValue(find, 'include') ?? '').split(/[\s,]+/u).filter(Boolean) }, root };
    }
    return { declared: { kind: 'list', names: packages.split(/[\s,]+/u).filter(Boolean) }, root };
  }
  const root = rootDir(setupArgument(text, 'package_dir'));
  const packages = setupArgument(text, 'packages');
  if (packages === null) return { declared: { kind: 'auto' }, root };
  if (packages.startsWith('[') && !/[^\s\[\],"'\w.]/u.test(packages)) return { declared: { kind: 'list', names: strings(packages) }, root };
  const call = /^find(?:_namespace)?_packages\s*\(([^)]*)\)/u.exec(packages) ?? (/^find(?:_namespace)?_packages/u.test(packages) ? /find(?:_namespace)?_packages\s*\(([^)]*)\)/u.exec(text) : null);
  if (call !== null) {
    const args = call[1] ?? '';
    const where = /where\s*=\s*["']([^"']*)["']|^\s*["']([^"']*)["']/u.exec(args);
    return { declared: { kind: 'find', where: [where?.[1] ?? where?.[2] ?? root], include: strings(/include\s*=\s*(\[[^\]]*\]|\([^)]*\))/u.exec(args)?.[1] ?? '') }, root };
  }
  return { declared: { kind: 'unknown' }, root };
}

const join = (...parts: readonly string[]): string => parts.filter((part: string): boolean => part !== '').join('/');

// Dotted names of the folders with an `__init__.py` under `where` (project paths of `__init__.py` files given).
function packagesUnder(initFiles: readonly string[], where: string): string[] {
  const prefix = where === '' ? '' : `${where}/`;
  return initFiles
    .filter((file: string): boolean => file.startsWith(prefix))
    .map((file: string): string => file.slice(prefix.length, -'/__init__.py'.length).split('/').join('.'))
    .filter((name: string): boolean => name !== '' && !name.split('.').some((part: string): boolean => NOT_PACKAGES.has(part) || part.startsWith('.')));
}

// fnmatch-style `include` patterns (`shop*`, `shop.*`).
const included = (name: string, patterns: readonly string[]): boolean =>
  patterns.length === 0 || patterns.some((pattern: string): boolean => new RegExp(`^${pattern.replace(/[.+^${}()|\\]/gu, '\\$&').replace(/\*/gu, '.*').replace(/\?/gu, '.')}$`, 'u').test(name));

/**
 * The packages each distribution of the project ships (deepest distribution first), from its manifest and the
 * project's files (`find` and automatic discovery look for `__init__.py` files).
 * @param manifests pyproject.toml / setup.py / setup.cfg files: project path and text.
 * @param projectPaths every file of the project, project paths (`/`-separated).
 * @complexity O(manifest length + distributions × files).
 */
export function distributionPackages(manifests: readonly { readonly path: string; readonly text: string }[], projectPaths: readonly string[]): PythonDistributionPackages[] {
  const initFiles = projectPaths.filter((file: string): boolean => file === '__init__.py' || file.endsWith('/__init__.py'));
  return pythonDistributions(manifests).map((distribution: PythonDistribution): PythonDistributionPackages => {
    // setup.cfg and setup.py of one folder: the one that declares packages wins (setuptools merges them).
    const candidates = manifests
      .filter((manifest: { readonly path: string }): boolean => manifest.path === join(distribution.folder, manifest.path.slice(manifest.path.lastIndexOf('/') + 1)))
      .map((manifest: { readonly path: string; readonly text: string }) => declared(manifest.path.slice(manifest.path.lastIndexOf('/') + 1), manifest.text));
    const found = candidates.find((candidate) => candidate.declared.kind !== 'auto') ?? candidates[0] ?? { declared: { kind: 'auto' } as Declared, root: '' };
    const inFolder = initFiles.filter((file: string): boolean => distribution.folder === '' || file.startsWith(`${distribution.folder}/`)).map((file: string): string => (distribution.folder === '' ? file : file.slice(distribution.folder.length + 1)));
    const { declared: how } = found;
    let root = found.root;
    let packages: string[] | null;
    if (how.kind === 'list') packages = [...how.names];
    else if (how.kind === 'find') {
      root = how.where[0] ?? root;
      packages = how.where.flatMap((where: string): string[] => packagesUnder(inFolder, where)).filter((name: string): boolean => included(name, how.include));
    } else if (how.kind === 'auto') {
      const src = packagesUnder(inFolder, 'src');
      if (src.length > 0 && root === '') root = 'src';
      packages = root === '' ? packagesUnder(inFolder, '').filter((name: string): boolean => name.split('.')[0] !== 'src') : packagesUnder(inFolder, root);
    } else packages = null;
    return { distribution, packages: packages === null ? null : [...new Set(packages)].sort(), packageRoot: join(distribution.folder, root) };
  });
}

/**
 * The top-level package of a distribution that is its own (the one named like the distribution, else the
 * first), or null when it ships none.
 * @complexity O(packages).
 */
export function mainPackage(found: PythonDistributionPackages): string | null {
  const tops = [...new Set((found.packages ?? []).map((name: string): string => name.split('.')[0] ?? name))];
  const normalized = found.distribution.name.toLowerCase().replace(/[-.]+/gu, '_');
  return tops.find((name: string): boolean => name.toLowerCase() === normalized) ?? tops[0] ?? null;
}

/**
 * Whether the installed distribution can import `module` (dotted): it is a shipped package, or a module of
 * one (`shop.performance_monitor` ships when `shop` does). Unknown packages (computed by the manifest) ship.
 * @complexity O(packages).
 */
export function shipsModule(found: PythonDistributionPackages, module: string): boolean {
  if (found.packages === null) return true;
  const parent = module.includes('.') ? module.slice(0, module.lastIndexOf('.')) : null;
  return found.packages.includes(module) || (parent !== null && found.packages.includes(parent));
}

/**
 * The distribution whose shipped packages hold a Python file (project path), or null.
 * @complexity O(distributions × packages).
 */
export function shippingDistribution(all: readonly PythonDistributionPackages[], projectPath: string): PythonDistributionPackages | null {
  for (const found of all) {
    const prefix = found.packageRoot === '' ? '' : `${found.packageRoot}/`;
    if (!projectPath.startsWith(prefix)) continue;
    const folder = projectPath.slice(prefix.length).split('/').slice(0, -1).join('.');
    if (folder !== '' && (found.packages ?? []).includes(folder)) return found;
  }
  return null;
}

/** The package a project's own modules go in: its dotted name and folder (project path). */
export interface PythonProjectPackage {
  readonly name: string;
  readonly folder: string;
}

/**
 * The project's own package: the main package of the root's distribution when a root manifest declares one;
 * without a distribution, the one package of the `src/` layout or the one top-level package folder (an
 * `__init__.py`, tests and docs aside). Null for a project of loose scripts, or of several packages and no
 * manifest to say which is its own.
 * @param manifests the root's pyproject.toml / setup.py / setup.cfg (project path and text).
 * @param projectPaths the project's Python files, project paths.
 * @complexity O(manifest length + files).
 */
export function projectPackage(manifests: readonly { readonly path: string; readonly text: string }[], projectPaths: readonly string[]): PythonProjectPackage | null {
  const atRoot = distributionPackages(manifests, projectPaths).find((found: PythonDistributionPackages): boolean => found.distribution.folder === '');
  if (atRoot !== undefined) {
    const name = mainPackage(atRoot);
    return name === null ? null : { name, folder: join(atRoot.packageRoot, name.split('.').join('/')) };
  }
  const initFiles = projectPaths.filter((file: string): boolean => file.endsWith('/__init__.py'));
  for (const root of ['src', '']) {
    const tops = [...new Set(packagesUnder(initFiles, root).map((name: string): string => name.split('.')[0] ?? name))].filter((name: string): boolean => name !== 'src');
    if (tops.length === 1) return { name: tops[0] as string, folder: join(root, tops[0] as string) };
    if (tops.length > 1) return null;
  }
  return null;
}
