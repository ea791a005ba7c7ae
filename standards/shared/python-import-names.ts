import fs from 'node:fs';
import path from 'node:path';
import { distributionPackages } from './python-packages.js';

/**
 * The import name of each Python module of a project (`nspkg.models.item` for `src/nspkg/models/item.py`), as
 * an installed distribution and pyright resolve it, not as its path from the root reads: the folders that
 * hold top-level packages are import roots. Those are each distribution's package root (`[tool.setuptools]
 * package-dir`, `package_dir`, the `src/` layout of packages with `__init__.py`; python-packages.ts) and `src/`
 * when it is no package itself: setuptools' automatic discovery takes namespace packages (PEP 420, no
 * `__init__.py`) there, and pyright resolves imports from `<root>/src` as from the root. Elsewhere a module is
 * named by its path from the root.
 * @performance built once per run from the manifests and file list; each name in O(import roots + path).
 */
export class PythonImportNames {
  /** Import roots as project paths with a trailing `/`, deepest first. */
  private readonly roots: readonly string[];

  /**
   * @param manifests pyproject.toml / setup.py / setup.cfg of the project: project path and text.
   * @param projectPaths every file of the project, project paths (`/`-separated).
   * @complexity O(manifest length + distributions × files).
   */
  constructor(manifests: readonly { readonly path: string; readonly text: string }[], projectPaths: readonly string[]) {
    const roots = new Set<string>();
    for (const found of distributionPackages(manifests, projectPaths)) if (found.packageRoot !== '') roots.add(`${found.packageRoot}/`);
    if (projectPaths.some((file: string): boolean => file.startsWith('src/')) && !projectPaths.includes('src/__init__.py')) roots.add('src/');
    this.roots = [...roots].sort((a: string, b: string): number => b.length - a.length || a.localeCompare(b));
  }

  /**
   * The import names of a project's modules, its manifests read from `projectFiles` (absolute; nothing
   * outside `root` is read).
   * @complexity O(project files + total length of the manifests).
   */
  static read(root: string, projectFiles: readonly string[]): PythonImportNames {
    const projectPaths = projectFiles.map((file: string): string => path.relative(root, file).split(path.sep).join('/')).filter((file: string): boolean => !file.startsWith('..') && !path.isAbsolute(file));
    const manifests = projectPaths
      .filter((file: string): boolean => /(?:^|\/)(?:pyproject\.toml|setup\.py|setup\.cfg)$/u.test(file))
      .map((file: string) => ({ path: file, text: fs.readFileSync(path.join(root, file), 'utf8') }));
    return new PythonImportNames(manifests, projectPaths);
  }

  /**
   * The dotted import name of a `.py` / `.pyi` file (project path; `pkg/__init__.py` → `pkg`), or null when a
   * part of it is no Python identifier (`my-scripts/run.py`).
   * @complexity O(import roots + path length).
   */
  moduleOf(projectPath: string): string | null {
    const root = this.roots.find((prefix: string): boolean => projectPath.startsWith(prefix)) ?? '';
    const module = projectPath.slice(root.length).replace(/\.pyi?$/u, '').replace(/(?:^|\/)__init__$/u, '').split('/').join('.');
    return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/u.test(module) ? module : null;
  }
}

/**
 * The absolute module a relative import names (`..models` in `nspkg.api.handlers` → `nspkg.models`), or null
 * when it climbs above the top-level package; an absolute one is itself.
 * @param importer the importing module's import name; `isPackage` when it is a package's `__init__`.
 * @complexity O(length of the names).
 */
export function absoluteModule(specifier: string, importer: string, isPackage: boolean): string | null {
  const dots = /^\.*/u.exec(specifier)?.[0].length ?? 0;
  if (dots === 0) return specifier;
  const packageParts = importer.split('.').slice(0, isPackage ? undefined : -1);
  if (dots - 1 >= packageParts.length) return null;
  const parts = [...packageParts.slice(0, packageParts.length - (dots - 1)), ...(specifier.length > dots ? specifier.slice(dots).split('.') : [])];
  return parts.join('.');
}

/**
 * The relative import specifier from `importer` to `module` (`nspkg.api.handlers` → `nspkg.models.item`:
 * `..models.item`), or null when they share no top-level package.
 * @complexity O(length of the names).
 */
export function relativeSpecifier(module: string, importer: string, isPackage: boolean): string | null {
  const packageParts = importer.split('.').slice(0, isPackage ? undefined : -1);
  const target = module.split('.');
  let common = 0;
  while (common < packageParts.length && common < target.length && packageParts[common] === target[common]) common += 1;
  if (common === 0) return null;
  return `${'.'.repeat(packageParts.length - common + 1)}${target.slice(common).join('.')}`;
}
