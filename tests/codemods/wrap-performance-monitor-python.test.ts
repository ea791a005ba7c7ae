/**
 * wrap-performance-monitor on Python (its fixture pairs run in wrap-performance-monitor.test.ts): the
 * programs print the same before and after with the monitor `perf-standards init` writes, every critical
 * function is measured after, pyright reports nothing new, the rule agrees with the codemod, and a file the
 * codemod cannot decorate whole is failed and left untouched.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import wrapPerformanceMonitor from '../../codemods/wrap-performance-monitor.js';
import plugin from '../../index.js';
import { REPO_ROOT } from '../run-node.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';
import { CODEMOD_FIXTURES, rerun, runFixturePair } from './fixture-pairs.js';
import { pythonTypeErrors, runPythonProgram } from './fixture-programs.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const NOTE = (file: string, message: string) => ({ codemod: 'wrap-performance-monitor', path: file, message });
const caseDir = (name: string): string => path.join(CODEMOD_FIXTURES, 'wrap-performance-monitor', name);

/** A copy of `dir` with the monitor `perf-standards init` writes (runtime/python/performance/), as a project has it. */
function withMonitor(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-python-'));
  temporary.push(copy);
  fs.cpSync(dir, copy, { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'runtime', 'python', 'performance'), path.join(copy, 'performance'), { recursive: true });
  return copy;
}

const lines = (text: string): string[] => text.split('\n').filter((line: string): boolean => line !== '');

describe('python-behaviour: functions of every kind, with the monitor init writes', () => {
  it('notes what it leaves alone, and the program prints the same before and after', async () => {
    const run = await runFixturePair('wrap-performance-monitor', 'python-behaviour', [wrapPerformanceMonitor]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['app/services/orders.py']);
    const factory = 'it only builds and returns the function that does the work (a factory); measure that function where it is used';
    expect(run.report.notes).toEqual([
      NOTE('app/services/orders.py', 'not measured: `require_positive`: it only checks and raises (`if …: raise`, `raise`, `assert`): there is no work to time'),
      NOTE('app/services/orders.py', `not measured: \`handler\`: ${factory}`),
      NOTE('app/services/orders.py', 'not measured: `pending`: its body is empty: there is no work to time'),
      NOTE('app/services/orders.py', `not measured: \`route\`: ${factory}`),
    ]);
    const [before, after] = await Promise.all([runPythonProgram(withMonitor(caseDir('python-behaviour/input'))), runPythonProgram(withMonitor(run.dir))]);
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    // Values, exceptions, generators closed early, async generators, methods of each kind, names, signatures, docs and kinds.
    expect(after.stdout).toBe(before.stdout);
    expect(before.stdout).toContain("place (order_id: 'int', *, quantity: 'int' = 1) -> 'dict[str, int]' (True, False, False) 'Place an order.'\n");
    expect(before.stdout).toContain("batches (items: 'list[int]', size: 'int') -> 'Generator[list[int], None, None]' (False, True, False) 'Items in batches of `size`.'\n");
    expect(before.stdout).toContain("stream (limit: 'int') -> 'AsyncIterator[int]' (False, False, True) None\n");
    expect(before.stdout).toContain('price 6 6 1\n');
    expect(lines(before.stderr)).toEqual(['app.services.orders.already 1 0']);
    // Name, calls, errors: the monitor under @staticmethod, @classmethod, @functools.lru_cache (misses only)
    // and the registering @route (the registered function is the measured one).
    expect(lines(after.stderr)).toEqual([
      'app.services.orders.total 1 0',
      'app.services.orders.batches 2 0',
      'app.services.orders.place 2 1',
      'app.services.orders.already 1 0',
      'app.services.orders.stream 1 0',
      'app.services.orders.OrderService.create 3 0',
      'app.services.orders.OrderService.cancel 2 0',
      'app.services.orders.health 2 0',
      'app.services.orders.OrderService.tax 2 0',
      'app.services.orders.OrderService.price 1 0',
      'app.services.orders.outer.<locals>.inner 3 0',
      'app.services.orders.outer 1 0',
    ]);
  });

  it('why under @classmethod / @staticmethod and registering decorators: the other order breaks or measures nothing', async () => {
    // A functools.wraps decorator, as any project monitor is, above @classmethod gets a classmethod object;
    // above a registering decorator it wraps what is returned, not what was registered (`above` is never measured).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-python-order-'));
    temporary.push(dir);
    fs.writeFileSync(
      path.join(dir, 'main.py'),
      [
        'import functools',
        'calls = []',
        'def monitor(fn):',
        '    @functools.wraps(fn)',
        '    def measured(*args, **kwargs):',
        '        calls.append(fn.__name__)',
        '        return fn(*args, **kwargs)',
        '    return measured',
        'routes = {}',
        'def route(fn):',
        '    routes[fn.__name__] = fn',
        '    return fn',
        'class Above:',
        '    @monitor',
        '    @classmethod',
        '    def build(cls):',
        '        return cls',
        'class Under:',
        '    @classmethod',
        '    @monitor',
        '    def build(cls):',
        '        return cls',
        '@monitor',
        '@route',
        'def above():',
        '    return 1',
        '@route',
        '@monitor',
        'def under():',
        '    return 2',
        'try:',
        '    Above.build()',
        'except TypeError as error:',
        '    print("above @classmethod:", error)',
        'print("under @classmethod:", Under.build().__name__)',
        'print("routes:", routes["above"](), routes["under"](), calls)',
        '',
      ].join('\n'),
    );
    const ran = await runPythonProgram(dir);
    expect(ran).toEqual({
      code: 0,
      stdout: "above @classmethod: 'classmethod' object is not callable\nunder @classmethod: Under\nroutes: 1 2 ['build', 'build', 'under']\n",
      stderr: '',
    });
  });

  it('pyright reports no error before or after', async () => {
    const run = await runFixturePair('wrap-performance-monitor', 'python-behaviour', [wrapPerformanceMonitor]);
    expect(await pythonTypeErrors(withMonitor(caseDir('python-behaviour/input')))).toEqual([]);
    expect(await pythonTypeErrors(withMonitor(run.dir))).toEqual([]);
  });

  it('require-performance-monitor reports exactly the functions the codemod decorates', () => {
    const file = path.join(caseDir('python-behaviour/input'), 'app', 'services', 'orders.py');
    const linter = new Linter({ cwd: caseDir('python-behaviour/input') });
    const options = (JSON.parse(fs.readFileSync(path.join(caseDir('python-behaviour'), 'settings.json'), 'utf8')) as { options: Record<string, unknown> }).options;
    const messages = linter.verify(
      fs.readFileSync(file, 'utf8'),
      [
        {
          files: ['**/*.py'],
          plugins: { 'perf-standards': plugin },
          language: 'perf-standards/python',
          settings: { 'perf-standards': { basePath: caseDir('python-behaviour/input') } },
          rules: { 'perf-standards/require-performance-monitor': ['error', options] },
        },
      ],
      { filename: file },
    );
    expect(messages.map((message) => /"(\w+)"/u.exec(message.message)?.[1])).toEqual(['place', 'total', 'batches', 'stream', 'health', 'cancel', 'tax', 'create', 'price', 'outer', 'inner']);
  });
});

describe('python-discovered-import: the module comes from where the project imports the decorator', () => {
  it('reuses, aliases and joins imports; the program prints the same and every critical function is measured after', async () => {
    const run = await runFixturePair('wrap-performance-monitor', 'python-discovered-import', [wrapPerformanceMonitor]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path).sort()).toEqual([
      'app/api/users.py',
      'app/core/jobs.py',
      'app/services/billing.py',
      'app/services/reports.py',
    ]);
    const [before, after] = await Promise.all([runPythonProgram(caseDir('python-discovered-import/input')), runPythonProgram(run.dir)]);
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(before.stdout).toBe("[{'id': 0}, {'id': 1}]\n{'amount': '15'}\n3 values, 6 in all\nNIGHTLY run\n");
    expect(lines(before.stderr)).toEqual(['app.api.users.get_user', 'app.api.users.get_user']);
    expect(lines(after.stderr)).toEqual([
      'app.api.users.list_users',
      'app.api.users.get_user',
      'app.api.users.get_user',
      'app.services.billing.charge',
      'app.services.reports.summary',
      'app.core.jobs.Jobs.run',
    ]);
    expect(await pythonTypeErrors(caseDir('python-discovered-import/input'))).toEqual([]);
    expect(await pythonTypeErrors(run.dir)).toEqual([]);
  });
});

describe('python-standalone-script: a script run by path outside the package cannot import the monitor', () => {
  it('leaves it undecorated with a note; the package module is decorated; both still run', async () => {
    const run = await runFixturePair('wrap-performance-monitor', 'python-standalone-script', [wrapPerformanceMonitor]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['shop/core/jobs.py']);
    expect(run.report.notes).toEqual([
      NOTE(
        'scripts/core/migrate.py',
        'left its critical functions undecorated: it is a standalone script outside the package `shop` (scripts/core/ has no `__init__.py`): run by path (`python3 scripts/core/migrate.py`), it cannot import `shop.performance_monitor` unless the distribution is installed; measure it by hand, or move its code into the package',
      ),
    ]);
    const input = caseDir('python-standalone-script/input');
    for (const program of [['main.py'], ['scripts/core/migrate.py']]) {
      const [before, after] = await Promise.all([runPythonProgram(input, program), runPythonProgram(run.dir, program)]);
      expect(before.code).toBe(0);
      expect(after).toEqual(before);
    }
    expect((await runPythonProgram(run.dir, ['scripts/core/migrate.py'])).stdout).toBe('DB\n');
  });
});

describe('wrap-performance-monitor on single Python files', () => {
  const root = '/project';
  const transform = (source: string, options: Readonly<Record<string, unknown>> = { decoratorModule: 'app.perf' }, file = 'app/services/orders.py'): string | undefined =>
    wrapPerformanceMonitor.transform({ path: `${root}/${file}`, source }, {} as never, options, { root });
  const ASYNC = 'async def place(order):\n    return await order.save()\n';

  it('keeps the line endings, and a trailing comment on the last import where it is', () => {
    expect(transform('import os  # the system\r\n\r\n\r\nasync def place(order):\r\n    return await order.save()\r\n')).toBe(
      'import os  # the system\r\nfrom app.perf import performance_monitor\r\n\r\n\r\n@performance_monitor\r\nasync def place(order):\r\n    return await order.save()\r\n',
    );
  });

  it('goes after a shebang and comments, before the first statement, when the file has no import or docstring', () => {
    expect(transform(`#!/usr/bin/env python3\n# Orders.\n${ASYNC}`)).toBe(
      `#!/usr/bin/env python3\n# Orders.\nfrom app.perf import performance_monitor\n\n\n@performance_monitor\n${ASYNC}`,
    );
  });

  it('does not join an import that runs after the functions, nor reuse one', () => {
    expect(transform(`import os\n\n${ASYNC}\nfrom app.perf import tags\n`)).toBe(
      `import os\nfrom app.perf import performance_monitor\n\n@performance_monitor\n${ASYNC}\nfrom app.perf import tags\n`,
    );
    expect(() => transform(`${ASYNC}\nfrom app.perf import performance_monitor\n`)).toThrow(
      '`performance_monitor` is already bound in this file (line 4), but not by an import that runs before the functions to decorate; decorate them by hand',
    );
  });

  it('fails a file where the name means something else where a function is defined, or is taken', () => {
    expect(() => transform(`class Orders:\n    performance_monitor = None\n\n    async def place(self, order):\n        return await order.save()\n`)).toThrow(
      '`performance_monitor` means something else where `place` is defined (line 4); decorate its critical functions by hand',
    );
    expect(() => transform(`performance_monitor = print\n${ASYNC}`)).toThrow('`performance_monitor` is already bound in this file (line 1)');
  });

  it('writes the first of `decorators`; a dotted one only where its module is imported', () => {
    expect(transform(`from app import perf\n\n${ASYNC}`, { decorators: ['perf.monitor'] })).toBe(`from app import perf\n\n@perf.monitor\n${ASYNC}`);
    expect(() => transform(ASYNC, { decorators: ['perf.monitor'], decoratorModule: 'app.perf' })).toThrow(
      'the first of the `decorators` option, `perf.monitor`, is a dotted name and the file does not import `perf`: the codemod imports a plain name only',
    );
    expect(transform(ASYNC, { decorators: ['timed'], decoratorModule: 'app.perf' })).toBe(`from app.perf import timed\n\n\n@timed\n${ASYNC}`);
  });

  it('without a module to import from, fails the file naming the option (the run stops earlier, in its projectOptions)', () => {
    expect(() => transform(ASYNC, {})).toThrow('no module to import `performance_monitor` from: set the `decoratorModule` option of `perf-standards/require-performance-monitor`');
    expect(transform(ASYNC, {}, 'app/ui/view.py')).toBeUndefined();
    expect(() => transform('async def place(:\n', {})).toThrow(/^cannot parse: /u);
  });
});

describe('a run with a file it cannot decorate', () => {
  it('fails that file, leaves it byte-identical, and decorates the others', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-python-failed-')));
    temporary.push(dir);
    fs.mkdirSync(path.join(dir, 'app', 'services'), { recursive: true });
    const taken = 'performance_monitor = print\n\n\nasync def place(order):\n    return await order.save()\n';
    fs.writeFileSync(path.join(dir, 'app', 'services', 'taken.py'), taken);
    fs.writeFileSync(path.join(dir, 'app', 'services', 'fine.py'), 'async def place(order):\n    return await order.save()\n');
    const report = await rerun(dir, [wrapPerformanceMonitor], { options: { decoratorModule: 'app.perf' } });
    expect(report.files.map((file) => `${file.path} ${file.status} ${file.reason ?? ''}`.trim()).sort()).toEqual([
      'app/services/fine.py changed',
      'app/services/taken.py failed wrap-performance-monitor threw: `performance_monitor` is already bound in this file (line 1), but not by an import that runs before the functions to decorate; decorate them by hand',
    ]);
    expect(fs.readFileSync(path.join(dir, 'app', 'services', 'taken.py'), 'utf8')).toBe(taken);
    expect(fs.readFileSync(path.join(dir, 'app', 'services', 'fine.py'), 'utf8')).toBe(
      'from app.perf import performance_monitor\n\n\n@performance_monitor\nasync def place(order):\n    return await order.save()\n',
    );
  });
});

describe('fix --all and a config that turns the rule off for Python', () => {
  it('does not stop for a missing decoratorModule in files it would not run on', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-python-off-')));
    temporary.push(dir);
    fs.mkdirSync(path.join(dir, 'app', 'services'), { recursive: true });
    const source = 'async def place(order):\n    return await order.save()\n';
    fs.writeFileSync(path.join(dir, 'app', 'services', 'orders.py'), source);
    const options = (offForPython: boolean) => ({
      prepare: () => Promise.resolve(() => ({})),
      filesTurningOff: (_rule: string, files: readonly string[]) =>
        Promise.resolve(new Map(offForPython ? files.filter((file: string): boolean => file.endsWith('.py')).map((file: string) => [file, 'off' as const]) : [])),
    });
    const run = (offForPython: boolean) => runCodemods({ root: dir, codemods: [wrapPerformanceMonitor], force: true, jobs: 1, skipRulesTurnedOff: true, options: options(offForPython) });
    await expect(run(false)).rejects.toThrow(/^Nothing was changed\. wrap-performance-monitor would decorate critical functions with `@performance_monitor` \(app\/services\/orders\.py\)/u);
    const report = await run(true);
    expect(report.files.filter((file) => file.status !== 'unchanged')).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'app', 'services', 'orders.py'), 'utf8')).toBe(source);
  });
});

describe('a distribution that does not ship the monitor', () => {
  const ORDERS = 'import asyncio\n\n\nasync def place(order_id: int) -> int:\n    await asyncio.sleep(0)\n    return order_id + 1\n';
  /** A project whose distribution "shop" ships only its own packages, with the monitor at `monitorFile`. */
  function shop(monitorFile: string): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-python-dist-')));
    temporary.push(dir);
    const files: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "shop"\n\n[tool.setuptools]\npackages = ["shop", "shop.services"]\n',
      'shop/__init__.py': '',
      'shop/services/__init__.py': '',
      'shop/services/orders.py': ORDERS,
      [monitorFile]: fs.readFileSync(path.join(REPO_ROOT, 'runtime', 'python', 'performance', 'monitor.py'), 'utf8'),
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it('refuses a monitor outside the shipped packages, naming the option and why, and writes nothing', async () => {
    const dir = shop('performance/monitor.py');
    fs.writeFileSync(path.join(dir, 'performance', '__init__.py'), '');
    await expect(rerun(dir, [wrapPerformanceMonitor], { options: { decoratorModule: 'performance.monitor' } })).rejects.toThrow(
      'Nothing was changed. wrap-performance-monitor would import `performance.monitor` into modules of the distribution "shop" (shop/services/orders.py), but the packages it ships (pyproject.toml: shop, shop.services) do not include `performance.monitor`: installed, that code would fail with ModuleNotFoundError. Set the `decoratorModule` option of `perf-standards/require-performance-monitor` for your Python files in your ESLint config to the module to import it from (`"app.performance.monitor"`, an absolute module name, inside a package the distribution ships); a project with no monitor gets one from `perf-standards init` (inside its package); see docs/codemods/wrap-performance-monitor.md.',
    );
    expect(fs.readFileSync(path.join(dir, 'shop', 'services', 'orders.py'), 'utf8')).toBe(ORDERS);
  });

  it('decorates with a monitor inside the package, and the installed layout (only the listed packages) imports it', async () => {
    const dir = shop('shop/performance_monitor.py');
    const report = await rerun(dir, [wrapPerformanceMonitor], { options: { decoratorModule: 'shop.performance_monitor' } });
    expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => `${file.path} ${file.status}`)).toEqual(['shop/services/orders.py changed']);
    expect(fs.readFileSync(path.join(dir, 'shop', 'services', 'orders.py'), 'utf8')).toBe(
      'import asyncio\nfrom shop.performance_monitor import performance_monitor\n\n\n@performance_monitor\nasync def place(order_id: int) -> int:\n    await asyncio.sleep(0)\n    return order_id + 1\n',
    );
    // What `pip install` puts in site-packages: the modules of the listed packages, nothing else of the tree.
    const installed = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-python-installed-')));
    temporary.push(installed);
    for (const folder of ['shop', 'shop/services']) {
      fs.mkdirSync(path.join(installed, 'site', folder), { recursive: true });
      for (const entry of fs.readdirSync(path.join(dir, folder), { withFileTypes: true })) {
        if (entry.isFile() && entry.name.endsWith('.py')) fs.copyFileSync(path.join(dir, folder, entry.name), path.join(installed, 'site', folder, entry.name));
      }
    }
    fs.writeFileSync(
      path.join(installed, 'main.py'),
      'import asyncio\n\nfrom shop.performance_monitor import performance_stats\nfrom shop.services.orders import place\n\nprint(asyncio.run(place(1)), list(performance_stats()))\n',
    );
    const ran = await new Promise<string>((resolve, reject) =>
      execFile('python3', ['-B', 'main.py'], { cwd: installed, env: { ...process.env, PYTHONPATH: path.join(installed, 'site') } }, (error, stdout, stderr) =>
        error === null ? resolve(stdout) : reject(new Error(stderr)),
      ),
    );
    expect(ran).toBe("2 ['shop.services.orders.place']\n");
  });
});
