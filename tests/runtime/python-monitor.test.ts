/**
 * The Python monitor `perf-standards init` writes (runtime/python/performance/monitor.py), proven by running
 * Python: tests/runtime/python/test_monitor.py with runtime/python first on the module path, on python3 and
 * on the oldest Python init writes it for (MONITOR_OLDEST_PYTHON_MINOR: 3.7, pyenv's); and pyright reports
 * no error on it, for 3.7 too.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../run-node.js';
import { pythonTypeErrors, pyenvPython } from '../codemods/fixture-programs.js';
import { MONITOR_OLDEST_PYTHON_MINOR } from '../../cli/init/python-monitor.js';

const RUNTIME = path.join(REPO_ROOT, 'runtime', 'python');
const MONITOR = path.join(RUNTIME, 'performance', 'monitor.py');

function unittest(python: string): ReturnType<typeof spawnSync> & { stderr: string } {
  return spawnSync(python, ['-B', '-m', 'unittest', '-v', 'test_monitor'], {
    cwd: path.join(REPO_ROOT, 'tests', 'runtime', 'python'),
    env: { ...process.env, PYTHONPATH: RUNTIME, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  }) as ReturnType<typeof spawnSync> & { stderr: string };
}

describe('the Python performance monitor', () => {
  it('passes its unittest suite: sync/async/generator/async-generator wrapping, wraps facts, methods, histogram, exporters', () => {
    const run = unittest('python3');
    expect(run.stderr).toMatch(/^Ran 18 tests in /m);
    expect(run.stderr).toMatch(/^OK$/m);
    expect(run.status).toBe(0);
  });

  it('type-checks with pyright', async () => {
    expect(await pythonTypeErrors(RUNTIME)).toEqual([]);
  });

  it(`runs on Python 3.${MONITOR_OLDEST_PYTHON_MINOR}, the oldest init writes it for, and not on the one before`, () => {
    expect(MONITOR_OLDEST_PYTHON_MINOR).toBe(7);
    // The suite itself, on 3.7: run-time APIs (typing.Protocol is 3.8+, collections.abc.Callable[...] 3.9+) too, not only syntax.
    const oldest = unittest(pyenvPython(MONITOR_OLDEST_PYTHON_MINOR));
    expect(oldest.stderr).toMatch(/^Ran 18 tests in /m);
    expect(oldest.stderr).toMatch(/^OK$/m);
    expect(oldest.status).toBe(0);
    // CPython's own parser, told to accept 3.7's grammar only (positional-only `/` is 3.8+).
    const parsed = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), feature_version=(3, 7)); print("3.7 grammar")', MONITOR], { encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.stdout).toBe('3.7 grammar\n');
    // 3.6 has no `from __future__ import annotations`: the floor is exactly 3.7.
    const before = spawnSync(pyenvPython(MONITOR_OLDEST_PYTHON_MINOR - 1), ['-B', '-c', 'import performance.monitor'], { cwd: RUNTIME, encoding: 'utf8' });
    expect(before.stderr).toMatch(/^SyntaxError: future feature annotations is not defined$/m);
    expect(before.status).toBe(1);
  });

  // Init copies it into the user's package, where their CI lints it like their own code: toolz runs pycodestyle
  // (79 columns), tomli black and flake8 in pre-commit. Debian's python3-pycodestyle and black (.ci/run).
  it('passes pycodestyle with its defaults (79 columns) and black --check, as the projects it is copied into lint it', () => {
    const python = ['python3', '/usr/bin/python3'].find((candidate: string): boolean => spawnSync(candidate, ['-c', 'import pycodestyle, black'], { encoding: 'utf8' }).status === 0);
    expect(python, 'no python3 with pycodestyle and black: apt-get install python3-pycodestyle black').toBeDefined();
    const pycodestyle = spawnSync(python as string, ['-m', 'pycodestyle', MONITOR], { encoding: 'utf8' });
    expect(pycodestyle.stdout).toBe('');
    expect(pycodestyle.status).toBe(0);
    const black = spawnSync(python as string, ['-m', 'black', '--check', '--diff', MONITOR], { encoding: 'utf8' });
    expect(black.stdout).toBe('');
    expect(black.status).toBe(0);
  });

  it('type-checks with pyright for Python 3.7', () => {
    const pyright = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'pyright', 'index.js'), '--pythonversion', '3.7', '--outputjson', MONITOR], { cwd: RUNTIME, encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(pyright.stdout) as { readonly generalDiagnostics: readonly { readonly message: string }[]; readonly summary: { readonly filesAnalyzed: number } };
    expect(report.generalDiagnostics.map((diagnostic) => diagnostic.message)).toEqual([]);
    expect(report.summary.filesAnalyzed).toBe(1);
  });
});
