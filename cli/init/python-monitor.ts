import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON_MANIFESTS } from '../../standards/shared/python-distributions.js';
import { projectPackage, type PythonProjectPackage } from '../../standards/shared/python-packages.js';
import { relativePath } from '../../standards/shared/project-paths.js';
import { declaredPython } from '../../standards/shared/python-version.js';
import type { PlannedFile } from './setup-plan.js';

/** Where init writes the Python monitor in a project with no package of its own, and the module it is imported from. */
export const PYTHON_MONITOR_FILE = 'performance/monitor.py';
export const PYTHON_MONITOR_MODULE = 'performance.monitor';
const PACKAGE_FILE = 'performance/__init__.py';
/** The monitor's module inside the project's own package (`shop/performance_monitor.py`), so the installed distribution ships it. */
const IN_PACKAGE_STEM = 'performance_monitor';
// The module docstring's example import, the one line of the copy init adapts.
const DOCSTRING_IMPORT = /^( {4}from )performance\.monitor( import performance_monitor)$/mu;
/**
 * The oldest Python 3 the monitor runs on: 3.7, for `from __future__ import annotations` (its annotations
 * name 3.9/3.10 types); tests/runtime/python-monitor.test.ts runs its suite on 3.7.
 */
export const MONITOR_OLDEST_PYTHON_MINOR = 7;

/** What init does about the Python monitor: files to write, what is already there, what the user does next. */
export interface PythonMonitorPlan {
  readonly files: readonly PlannedFile[];
  readonly unchanged: readonly string[];
  readonly advice: readonly string[];
  /** The eslint.config array entry setting `decoratorModule` to the monitor written, or null when none is written. */
  readonly configEntry: string | null;
}

const NOTHING: PythonMonitorPlan = Object.freeze({ files: [], unchanged: [], advice: [], configEntry: null });
const PYTHON_MARKERS: readonly string[] = [...PYTHON_MANIFESTS, 'requirements.txt'];
const NOT_THE_PROJECT: readonly string[] = ['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/.git/**', '**/dist/**', '**/build/**', '**/site-packages/**'];
// A definition or an import of the standard's decorator: the project has a monitor already.
const HAS_MONITOR = /^\s*(?:(?:async\s+)?def\s+performance_monitor\b|from\s+[\w.]+\s+import\s+(?:\(\s*)?(?:[\w\s,]*,\s*)?performance_monitor\b|performance_monitor\s*=)/mu;

const exists = (file: string): Promise<boolean> => stat(file).then((): boolean => true, (): boolean => false);

// runtime/python/performance/monitor.py of this package: two folders up from cli/init/ in the sources, three in dist/.
function monitorSource(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = path.join(dir, 'runtime', 'python', 'performance', 'monitor.py');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('runtime/python/performance/monitor.py is missing from the eslint-plugin-perf-standards package; reinstall it');
}

/**
 * The project's Python files (up to 3 folders deep, environments and build output left out), at most `limit`.
 * @performance one bounded fast-glob walk.
 */
async function pythonFiles(cwd: string, limit: number): Promise<readonly string[]> {
  const { default: fg } = await import('fast-glob');
  const found = await fg(['**/*.py'], { cwd, ignore: [...NOT_THE_PROJECT], deep: 4, followSymbolicLinks: false, onlyFiles: true });
  return found.sort().slice(0, limit);
}

/**
 * The project's own package (standards/shared/python-packages.ts: the one the root's distribution ships, the
 * `src/` layout's, or the one top-level package), from the root's manifests and the project's `.py` files
 * (`files`; by default those found up to 4 folders deep, environments and build output left out).
 * @performance reads the root's manifests; one bounded walk when `files` is not given.
 */
export async function ownPackage(cwd: string, files?: readonly string[]): Promise<PythonProjectPackage | null> {
  const read = await Promise.all(PYTHON_MANIFESTS.map(async (name: string) => ({ path: name, text: await readFile(path.join(cwd, name), 'utf8').catch((): null => null) })));
  const manifests = read.filter((manifest): manifest is { readonly path: string; readonly text: string } => manifest.text !== null);
  return projectPackage(manifests, files ?? (await pythonFiles(cwd, 2000)));
}

/**
 * For a Python project (a pyproject.toml, setup.py, setup.cfg or requirements.txt at the root, or a `.py`
 * file), plans the dependency-free monitor of the runtime where the project's code can import it once
 * installed: `<package>/performance_monitor.py` inside the project's own package (standards/shared/
 * python-packages.ts: the one its distribution ships, the `src/` layout's, or the one top-level package), else,
 * for loose scripts, `performance/monitor.py` (and `performance/__init__.py` when the folder does not exist).
 * Nothing when the project has a monitor already (that file, or a Python file that defines or imports
 * `performance_monitor`), or a `performance.py` would take the root package's name, or the project's manifest
 * declares a Python older than the monitor runs on (`declaredPython` below MONITOR_OLDEST_PYTHON_MINOR: advice
 * saying so). Never plans over an existing file.
 * @performance a bounded walk for `.py` files and one read of each (at most 2,000), and of the root manifests.
 */
export async function planPythonMonitor(cwd: string, createdConfig: string | null): Promise<PythonMonitorPlan> {
  const markers = await Promise.all(PYTHON_MARKERS.map((name: string): Promise<boolean> => exists(path.join(cwd, name))));
  const files = await pythonFiles(cwd, 2000);
  if (!markers.includes(true) && files.length === 0) return NOTHING;
  const own = await ownPackage(cwd, files);
  const target = own === null ? { file: PYTHON_MONITOR_FILE, module: PYTHON_MONITOR_MODULE } : { file: `${own.folder}/${IN_PACKAGE_STEM}.py`, module: `${own.name}.${IN_PACKAGE_STEM}` };
  if (await exists(path.join(cwd, target.file))) return { files: [], unchanged: [`${target.file} already exists`], advice: [], configEntry: null };
  const floor = declaredPython(path.join(cwd, target.file), cwd);
  if (floor !== null && floor.minor < MONITOR_OLDEST_PYTHON_MINOR) {
    return {
      files: [],
      unchanged: [],
      advice: [
        `No Python monitor written: ${relativePath(cwd, floor.manifest)} declares Python 3.${floor.minor}, and the monitor (${monitorSource()}) needs Python 3.${MONITOR_OLDEST_PYTHON_MINOR} or newer; raise the floor to 3.${MONITOR_OLDEST_PYTHON_MINOR} and init again, or measure with a monitor of your own.`,
      ],
      configEntry: null,
    };
  }
  for (const file of files) {
    const text = await readFile(path.join(cwd, file), 'utf8').catch((): string => '');
    if (text.includes('performance_monitor') && HAS_MONITOR.test(text)) {
      return { files: [], unchanged: [`${file} already has a performance_monitor; no Python monitor written`], advice: [], configEntry: null };
    }
  }
  if (own === null && (await exists(path.join(cwd, 'performance.py')))) {
    return {
      files: [],
      unchanged: [],
      advice: [`performance.py takes the name of the package the Python monitor goes in; copy ${monitorSource()} into your package by hand.`],
      configEntry: null,
    };
  }
  // The docstring's example imports it from where the copy goes (`from shop.performance_monitor import ...`).
  const monitor = (await readFile(monitorSource(), 'utf8')).replace(DOCSTRING_IMPORT, `$1${target.module}$2`);
  const planned: PlannedFile[] = [{ path: target.file, before: null, after: monitor, what: own === null ? 'the Python performance monitor' : `the Python performance monitor, in package ${own.name}` }];
  // An existing folder without __init__.py is a namespace package: adding one would change what it is.
  if (own === null && !(await exists(path.join(cwd, 'performance')))) {
    planned.push({ path: PACKAGE_FILE, before: null, after: '"""The project\'s performance monitor: `from performance.monitor import performance_monitor`."""\n', what: 'its package' });
  }
  const configEntry = `{ files: ['**/*.py'], rules: { 'perf-standards/require-performance-monitor': ['error', { decoratorModule: '${target.module}' }] } },`;
  const decorate = `Python: decorate critical functions with @performance_monitor (from ${target.module} import performance_monitor).`;
  return {
    files: planned,
    unchanged: [],
    // A config init writes itself gets the option; one the user has is theirs to edit.
    advice:
      createdConfig === null
        ? [`${decorate} For \`perf-standards fix wrap-performance-monitor\` to import it from there before any file does, add to the exported array of your eslint.config:`, `  ${configEntry}`]
        : [`${decorate} ${createdConfig} sets the \`decoratorModule\` option to it, so \`perf-standards fix wrap-performance-monitor\` imports it from there before any file does.`],
    configEntry,
  };
}
