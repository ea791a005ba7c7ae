/**
 * Whether a Python file run by path can import the project's monitor module. `python3 scripts/core/migrate.py`
 * puts `scripts/core/` first on the module path, not the project root: `from shop.performance_monitor import
 * performance_monitor` there is a ModuleNotFoundError unless the distribution is installed. A module of a
 * package (its folder has an `__init__.py`) is imported, not run by path, and a script beside the monitor's
 * top-level package (`main.py` next to `shop/`) finds it in its own folder; any other file is a standalone
 * script that `wrap-performance-monitor` leaves alone, with this reason.
 */

const folderOf = (projectPath: string): string => (projectPath.includes('/') ? projectPath.slice(0, projectPath.lastIndexOf('/')) : '');

/**
 * Why the Python file at `projectPath` (relative to the root, `/`) may not import `module` when run by path,
 * or null when it can (or the module is not a file of the project: an installed package, found anywhere).
 * `projectPaths`: every file of the project, relative to the root.
 * @complexity O(project files) to find the module's file and the file's `__init__.py`.
 */
export function monitorUnreachableReason(projectPath: string, module: string, projectPaths: ReadonlySet<string>): string | null {
  const parts = module.split('.');
  const asFile = `${parts.join('/')}.py`;
  const asPackage = `${parts.join('/')}/__init__.py`;
  // The monitor's file, at the root or under a source folder (`src/shop/performance_monitor.py`).
  const found = [...projectPaths].find((candidate: string): boolean => candidate === asFile || candidate === asPackage || candidate.endsWith(`/${asFile}`) || candidate.endsWith(`/${asPackage}`));
  if (found === undefined) return null;
  const suffix = found.endsWith(asFile) ? asFile : asPackage;
  const base = found.slice(0, found.length - suffix.length).replace(/\/$/u, '');
  const top = base === '' ? parts[0] ?? '' : `${base}/${parts[0] ?? ''}`;
  if (projectPath.startsWith(`${top}/`)) return null;
  const folder = folderOf(projectPath);
  if (folder === base) return null;
  if (projectPaths.has(folder === '' ? '__init__.py' : `${folder}/__init__.py`)) return null;
  return `it is a standalone script outside the package \`${parts[0] ?? ''}\` (${folder === '' ? 'the root' : `${folder}/`} has no \`__init__.py\`): run by path (\`python3 ${projectPath}\`), it cannot import \`${module}\` unless the distribution is installed; measure it by hand, or move its code into the package`;
}
