/**
 * Fault kind "production-import": wrap-performance-monitor must never write an import that the project's
 * package.json cannot satisfy after a production install (`npm ci --omit=dev`). The README installs the
 * plugin with `npm i -D`, so its own runtime is a devDependency unless the project says otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wrapPerformanceMonitor from '../../codemods/wrap-performance-monitor.js';
import { CodemodConfigurationError } from '../../codemods/runner/preflight.js';
import { runCodemods, type RunReport } from '../../codemods/runner/run-codemods.js';
import { packageAvailability, packageOfSpecifier, projectModuleFiles } from '../../standards/performance-monitoring/monitor-dependency.js';
import { snapshotTree } from './fixture-pairs.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const CRITICAL = "export async function find(id: string) {\n  return id.trim();\n}\n";
const SUGGESTION =
  'Set the `monitor.module` option of `perf-standards/require-performance-monitor` in your ESLint config to a module production code can import: a file of the project (`"./src/monitor.js"`, a path from the project root) or a package in `dependencies`; see docs/codemods/wrap-performance-monitor.md.';

/** A project folder from `files` (path → text; objects are written as JSON). */
function project(files: Readonly<Record<string, string | object>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-monitor-production-')));
  temporary.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

function run(dir: string, options: Readonly<Record<string, unknown>> = {}): Promise<RunReport> {
  const frozen = Object.freeze({ ...options });
  return runCodemods({ root: dir, codemods: [wrapPerformanceMonitor], force: true, jobs: 1, options: { prepare: () => Promise.resolve(() => frozen) } });
}

/** Runs the codemod expecting it to stop with `message`, and checks that nothing was written. */
async function expectRefused(dir: string, message: string, options: Readonly<Record<string, unknown>> = {}): Promise<void> {
  const before = snapshotTree(dir);
  const refusal = await run(dir, options).then(
    (): unknown => null,
    (error: unknown): unknown => error,
  );
  expect(refusal).toBeInstanceOf(CodemodConfigurationError);
  expect((refusal as Error).message).toBe(`Nothing was changed. ${message} ${SUGGESTION}`);
  expect(snapshotTree(dir)).toEqual(before);
}

describe('production-import: the monitor must load after a production install', () => {
  it('stops when the plugin is only a devDependency (the README install), naming the files and the option', async () => {
    const dir = project({
      'package.json': { name: 'app', devDependencies: { 'eslint-plugin-perf-standards': '^0.1.0' } },
      'src/api/users.ts': CRITICAL,
      'src/api/orders.ts': CRITICAL,
      'src/services/a.ts': CRITICAL,
      'src/services/b.ts': CRITICAL,
    });
    await expectRefused(
      dir,
      'wrap-performance-monitor would import `eslint-plugin-perf-standards/runtime` into production code (src/api/orders.ts, src/api/users.ts, src/services/a.ts and 1 more), but `eslint-plugin-perf-standards` is only in the devDependencies of package.json, which a production install (`npm ci --omit=dev`) leaves out.',
    );
  });

  it('stops on an optional peer dependency, an undeclared package, and a project without package.json', async () => {
    await expectRefused(
      project({
        'package.json': { name: 'lib', peerDependencies: { '@acme/perf': '^1.0.0' }, peerDependenciesMeta: { '@acme/perf': { optional: true } } },
        'src/api/users.ts': CRITICAL,
      }),
      'wrap-performance-monitor would import `@acme/perf/monitor` into production code (src/api/users.ts), but `@acme/perf` is an optional dependency of package.json, which may be missing in production.',
      { monitor: { module: '@acme/perf/monitor' } },
    );
    await expectRefused(
      project({ 'package.json': { name: 'app', dependencies: { zod: '4.1.9' } }, 'src/api/users.ts': CRITICAL }),
      'wrap-performance-monitor would import `eslint-plugin-perf-standards/runtime` into production code (src/api/users.ts), but `eslint-plugin-perf-standards` is not in the dependencies of package.json.',
    );
    await expectRefused(
      project({ 'src/api/users.ts': CRITICAL }),
      'wrap-performance-monitor would import `eslint-plugin-perf-standards/runtime` into production code (src/api/users.ts), but no package.json between the file and the project root declares `eslint-plugin-perf-standards`.',
    );
  });

  it('stops when a project module names no file, saying where it looked', async () => {
    await expectRefused(
      project({ 'package.json': { name: 'app' }, 'src/api/users.ts': CRITICAL }),
      'wrap-performance-monitor would import `./src/monitor.js` into production code (src/api/users.ts), but `./src/monitor.js` names no file of the project (looked for src/monitor.js, src/monitor.ts, src/monitor.tsx, src/monitor.jsx).',
      { monitor: { module: './src/monitor.js' } },
    );
  });

  it('wraps when the module is a production dependency, a project file, or the package itself', async () => {
    const dependency = project({ 'package.json': { name: 'app', dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } }, 'src/api/users.ts': CRITICAL });
    expect((await run(dependency)).counts).toMatchObject({ changed: 1, failed: 0 });
    expect(fs.readFileSync(path.join(dependency, 'src/api/users.ts'), 'utf8')).toContain("import { measure } from 'eslint-plugin-perf-standards/runtime';");

    const local = project({ 'package.json': { name: 'app', devDependencies: { 'eslint-plugin-perf-standards': '0.1.0' } }, 'src/monitor.ts': 'export {};\n', 'src/api/users.ts': CRITICAL });
    expect((await run(local, { monitor: { module: './src/monitor.js' } })).counts).toMatchObject({ changed: 1, failed: 0 });
    expect(fs.readFileSync(path.join(local, 'src/api/users.ts'), 'utf8')).toContain("import { measure } from '../monitor.js';");

    const peer = project({ 'package.json': { name: 'lib', peerDependencies: { '@acme/perf': '^1.0.0' } }, 'src/api/users.ts': CRITICAL });
    expect((await run(peer, { monitor: { module: '@acme/perf/monitor' } })).counts).toMatchObject({ changed: 1, failed: 0 });

    const itself = project({ 'package.json': { name: 'eslint-plugin-perf-standards' }, 'src/api/users.ts': CRITICAL });
    expect((await run(itself)).counts).toMatchObject({ changed: 1, failed: 0 });
  });

  it("reads the package.json files from the file up to the root: a workspace package may rely on the root's dependencies", async () => {
    const dir = project({
      'package.json': { name: 'monorepo', private: true, dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } },
      'packages/api/package.json': { name: '@m/api', devDependencies: { typescript: '6.0.3' } },
      'packages/api/src/api/users.ts': CRITICAL,
    });
    expect((await run(dir)).counts).toMatchObject({ changed: 1, failed: 0 });
  });

  it('does not stop for files it would not change: nothing critical to wrap, or ignored', async () => {
    const dir = project({
      'package.json': { name: 'app', devDependencies: { 'eslint-plugin-perf-standards': '0.1.0' } },
      'src/api/factory.ts': 'export const make = async (prefix: string) => {\n  return async (id: string) => prefix + id;\n};\n',
      'src/api/skip.ts': CRITICAL,
      'src/ui/view.ts': CRITICAL,
    });
    const report = await run(dir, { ignore: ['src/api/skip.ts'] });
    expect(report.counts).toMatchObject({ changed: 0, failed: 0 });
  });

  it('reads specifiers and package.json fields as npm does', () => {
    expect(['node:perf_hooks', 'perf_hooks', './x.js', '/abs.js', '#monitor', 'https://x/y.js'].map(packageOfSpecifier)).toEqual([null, null, null, null, null, null]);
    expect(packageOfSpecifier('@acme/perf/runtime')).toBe('@acme/perf');
    expect(packageOfSpecifier('perf/runtime')).toBe('perf');
    const manifest = { path: 'package.json', dependencies: { a: '1' }, optionalDependencies: { b: '1' }, devDependencies: { c: '1', a: '1' } };
    expect(packageAvailability('a/x', [manifest])).toEqual({ ok: true });
    expect(packageAvailability('b', [manifest])).toEqual({ ok: false, problem: '`b` is an optional dependency of package.json, which may be missing in production' });
    expect(packageAvailability('node:fs', [])).toEqual({ ok: true });
    expect(projectModuleFiles('./lib/monitor')).toEqual(['lib/monitor', 'lib/monitor.ts', 'lib/monitor.tsx', 'lib/monitor.js', 'lib/monitor.mjs', 'lib/monitor.cjs', 'lib/monitor/index.ts', 'lib/monitor/index.js']);
    expect(projectModuleFiles('./lib/monitor.mjs')).toEqual(['lib/monitor.mjs', 'lib/monitor.mts']);
    expect(projectModuleFiles('../outside/monitor.js')).toEqual([]);
  });
});
