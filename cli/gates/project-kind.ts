import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { PYTHON_MANIFESTS } from '../../standards/shared/python-distributions.js';


const exists = (file: string): Promise<boolean> => access(file).then((): boolean => true, (): boolean => false);

/** Which languages' tools a project uses, for the hints of a gate that found no report. */
export interface ProjectKind {
  /** A pyproject.toml, setup.py or setup.cfg at the root. */
  readonly python: boolean;
  /** A tsconfig.json, or a package.json that lists vitest, Jest, c8 or nyc. */
  readonly javaScript: boolean;
}

/**
 * Which languages' tools the project at `root` uses, from its root files.
 * @performance four existence checks and one small read.
 */
export async function projectKind(root: string): Promise<ProjectKind> {
  const [python, tsconfig, manifest] = await Promise.all([
    Promise.all(PYTHON_MANIFESTS.map((marker: string): Promise<boolean> => exists(path.join(root, marker)))),
    exists(path.join(root, 'tsconfig.json')),
    readFile(path.join(root, 'package.json'), 'utf8').catch((): string => ''),
  ]);
  let testTool = false;
  try {
    const { dependencies = {}, devDependencies = {} } = JSON.parse(manifest) as { dependencies?: object; devDependencies?: object };
    testTool = ['vitest', 'jest', 'c8', 'nyc'].some((name: string): boolean => name in dependencies || name in devDependencies);
  } catch {
    // no package.json, or not JSON: no JavaScript test tool to name
  }
  return { python: python.some(Boolean), javaScript: tsconfig || testTool };
}

/**
 * The module the project's copy of the Python performance monitor is imported from (`shop.performance_monitor`,
 * `performance.monitor`: where `perf-standards init` writes it), or null when there is none.
 * @performance one directory walk, four folders deep.
 */
export async function pythonMonitorModule(root: string): Promise<string | null> {
  const found = await fg(['**/performance_monitor.py', 'performance/monitor.py'], { cwd: root, deep: 4, ignore: ['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/site-packages/**', '**/.git/**'] });
  const [first] = found.sort((a: string, b: string): number => a.split('/').length - b.split('/').length || a.localeCompare(b));
  return first === undefined ? null : first.replace(/^src\//u, '').replace(/\.py$/u, '').split('/').join('.');
}
