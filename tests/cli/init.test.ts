import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from '../run-node.js';

// End to end on the built command: what `perf-standards init` writes, leaves alone and prints; then, in a
// fresh project with the packed plugin installed, that `eslint .` runs with it and reports a planted file.

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Readonly<Record<string, string>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'init-cli-')));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const init = (args: readonly string[], cwd: string): Promise<Finished> => runNode([CLI_BIN, 'init', ...args], cwd);
const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');

const ESM_CONFIG = "import perfStandards from 'eslint-plugin-perf-standards';\n\nexport default [\n  ...perfStandards.configs.recommended,\n];\n";
const VSCODE_MCP = '{\n  "servers": {\n    "perf-standards": {\n      "type": "stdio",\n      "command": "npx",\n      "args": [\n        "perf-standards",\n        "mcp"\n      ]\n    }\n  }\n}\n';

describe('perf-standards init', () => {
  it('sets an ESM project up: eslint.config.js, VS Code by default, the script with the file’s own indentation', async () => {
    const dir = project({ 'package.json': '{\n    "name": "app",\n    "type": "module",\n    "scripts": {\n        "test": "vitest"\n    }\n}\n' });
    const result = await init([], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        'created eslint.config.js (configs.recommended)',
        'created .vscode/mcp.json (servers.perf-standards)',
        'updated package.json (scripts.lint:standards)',
        'created perf-standards.config.json (gates with the defaults)',
        'Install what the config needs (init installs nothing):',
        '  npm i -D eslint-plugin-perf-standards eslint',
        '',
      ].join('\n'),
    );
    expect(read(dir, 'eslint.config.js')).toBe(ESM_CONFIG);
    expect(read(dir, 'perf-standards.config.json')).toBe(
      '{\n  "$schema": "./node_modules/eslint-plugin-perf-standards/dist/standards/quality-gates/config.schema.json",\n  "gates": {}\n}\n',
    );
    expect(read(dir, '.vscode/mcp.json')).toBe(VSCODE_MCP);
    expect(read(dir, 'package.json')).toBe(
      '{\n    "name": "app",\n    "type": "module",\n    "scripts": {\n        "test": "vitest",\n        "lint:standards": "perf-standards check"\n    }\n}\n',
    );
    // Idempotent: a second run writes nothing.
    const again = await init([], dir);
    expect(again.stdout).toBe(
      [
        'unchanged eslint.config.js already uses eslint-plugin-perf-standards',
        'unchanged .vscode/mcp.json already has the perf-standards server',
        'unchanged package.json already has the lint:standards script',
        'unchanged perf-standards.config.json already has gates',
        'Nothing to write: the project is already set up.',
        'Install what the config needs (init installs nothing):',
        '  npm i -D eslint-plugin-perf-standards eslint',
        '',
      ].join('\n'),
    );
  });

  it('writes the gates for the tools the project uses: vitest coverage, a tsconfig, vitest benchmarks; the file passes its schema', async () => {
    const dir = project({
      'package.json': '{ "name": "app", "type": "module", "devDependencies": { "vitest": "4.1.12" } }\n',
      'tsconfig.json': '{}\n',
      'src/orders.bench.ts': '',
    });
    const result = await init(['--mcp', 'vscode'], dir);
    expect(result.stdout).toContain('created perf-standards.config.json (gates: coverage, typeCoverage, regression)\n');
    expect(JSON.parse(read(dir, 'perf-standards.config.json'))).toEqual({
      $schema: './node_modules/eslint-plugin-perf-standards/dist/standards/quality-gates/config.schema.json',
      gates: {
        coverage: { report: 'coverage/coverage-final.json', threshold: 90 },
        typeCoverage: { threshold: 95 },
        regression: { baseline: 'origin/main', command: 'npx vitest bench --run --outputJson .perf-standards/bench.json', report: '.perf-standards/bench.json', threshold: 5 },
      },
    });
    // `gates` accepts it: the configured coverage report is missing, which is exit 2 naming the command.
    const gates = await runNode([CLI_BIN, 'gates', '--only', 'coverage'], dir);
    expect(gates.code).toBe(2);
    expect(gates.stderr).toBe(
      'perf-standards gates: Test coverage: no coverage report matches coverage/coverage-final.json; it is written by `npx vitest run --coverage` (vitest writes it by default; Jest, c8, nyc: the json reporter)\n',
    );
  });

  it("a clone: the regression baseline is the remote's default branch, whatever its name", async () => {
    const upstream = project({ 'package.json': '{ "name": "app", "type": "module", "devDependencies": { "vitest": "4.1.12" } }\n', 'src/orders.bench.ts': '', '.gitignore': 'node_modules\n' });
    const git = (cwd: string, ...args: string[]): Promise<unknown> => promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd });
    await git(upstream, 'init', '-q', '-b', 'trunk');
    await git(upstream, 'add', '-A');
    await git(upstream, 'commit', '-qm', 'first');
    const clone = path.join(project({}), 'clone');
    await git(upstream, 'clone', '-q', upstream, clone);
    const result = await init(['--mcp', 'vscode'], clone);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(read(clone, 'perf-standards.config.json')) as { gates: { regression: { baseline: string } } }).gates.regression.baseline).toBe('origin/trunk');
    expect(result.stdout).not.toContain('gates.regression.baseline is');
    expect(result.stdout).toContain("\nAdd .perf-standards/ to .gitignore: the regression gate's benchmark runs write .perf-standards/bench.json there.\n");
    expect(read(clone, '.gitignore')).toBe('node_modules\n');
  });

  it('writes CommonJS for a CommonJS project, recommendedTypeChecked with --typed and a tsconfig, and the editors whose folders exist', async () => {
    const dir = project({
      'package.json': '{ "name": "app", "devDependencies": { "eslint": "^10.0.0", "eslint-plugin-perf-standards": "^0.1.0" } }\n',
      'tsconfig.json': '{}\n',
      '.cursor/rules.md': 'x\n',
      '.claude/settings.json': '{}\n',
    });
    const result = await init(['--typed'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'eslint.config.cjs')).toBe("const { configs } = require('eslint-plugin-perf-standards');\n\nmodule.exports = [\n  ...configs.recommendedTypeChecked,\n];\n");
    expect(JSON.parse(read(dir, '.cursor/mcp.json'))).toEqual({ mcpServers: { 'perf-standards': { command: 'npx', args: ['perf-standards', 'mcp'] } } });
    expect(JSON.parse(read(dir, '.mcp.json'))).toEqual({ mcpServers: { 'perf-standards': { type: 'stdio', command: 'npx', args: ['perf-standards', 'mcp'], env: {} } } });
    expect(fs.existsSync(path.join(dir, '.vscode'))).toBe(false);
    expect(result.stdout).toContain('  npm i -D typescript\n');
  });

  it('writes eslint.config.ts when the project’s tool configs are TypeScript', async () => {
    const dir = project({ 'package.json': '{ "name": "app", "type": "module" }\n', 'vite.config.ts': 'export default {};\n' });
    const result = await init(['--mcp', 'claude'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'eslint.config.ts')).toBe(ESM_CONFIG);
    expect(result.stdout).toContain('  npm i -D eslint-plugin-perf-standards eslint jiti\n');
  });

  it('never overwrites: an existing config is left alone with the lines to add, an mcp.json gets the entry beside the others', async () => {
    const config = "export default [{ rules: { 'no-console': 'error' } }];\n";
    const mcp = '{\n  // comments are kept\n  "servers": {\n    "other": { "command": "other-server" }\n  }\n}\n';
    const dir = project({
      'package.json': '{ "name": "app", "type": "module", "scripts": { "lint:standards": "eslint ." } }\n',
      'eslint.config.mjs': config,
      '.vscode/mcp.json': mcp,
    });
    const result = await init(['--mcp', 'vscode'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'eslint.config.mjs')).toBe(config);
    expect(fs.existsSync(path.join(dir, 'eslint.config.js'))).toBe(false);
    expect(read(dir, '.vscode/mcp.json')).toBe(
      '{\n  // comments are kept\n  "servers": {\n    "other": { "command": "other-server" },\n    "perf-standards": {\n      "type": "stdio",\n      "command": "npx",\n      "args": [\n        "perf-standards",\n        "mcp"\n      ]\n    }\n  }\n}\n',
    );
    expect(read(dir, 'package.json')).toBe('{ "name": "app", "type": "module", "scripts": { "lint:standards": "eslint ." } }\n');
    expect(result.stdout).toContain(
      [
        'eslint.config.mjs is left as it is; add the standards to it:',
        "  import perfStandards from 'eslint-plugin-perf-standards';",
        '  // first in the exported array:',
        '  ...perfStandards.configs.recommended,',
        'package.json\'s "lint:standards" script is "eslint ." and is left as it is; `perf-standards check` checks the standards.',
      ].join('\n'),
    );
  });

  it('--dry-run prints the files as a diff and writes nothing', async () => {
    const files = { 'package.json': '{ "name": "app", "type": "module" }\n' };
    const dir = project(files);
    const result = await init(['--dry-run'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('diff --git a/eslint.config.js b/eslint.config.js\nnew file mode 100644\n--- /dev/null\n+++ b/eslint.config.js\n');
    expect(result.stdout).toContain('-{ "name": "app", "type": "module" }\n+{ "name": "app", "type": "module", "scripts": { "lint:standards": "perf-standards check" } }\n');
    expect(result.stderr).toContain('would create eslint.config.js (configs.recommended)\nwould create .vscode/mcp.json (servers.perf-standards)\nwould update package.json (scripts.lint:standards)\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['package.json']);
    expect(read(dir, 'package.json')).toBe(files['package.json']);
  });

  it('says when git ignores the editor file it writes, from a package folder too; not when a rule re-includes it', async () => {
    const run = promisify(execFile);
    const dir = project({
      '.gitignore': 'node_modules/\n# editors\n.vscode/\n',
      'packages/app/package.json': '{ "name": "app", "type": "module" }\n',
    });
    await run('git', ['init', '-q'], { cwd: dir });
    const app = path.join(dir, 'packages/app');
    const result = await init(['--mcp', 'vscode,claude', '--dry-run'], app);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n').filter((line: string): boolean => /mcp\.json/u.test(line))).toEqual([
      'would create .vscode/mcp.json (servers.perf-standards)',
      'would create .mcp.json (mcpServers.perf-standards)',
      '.vscode/mcp.json is ignored by ../../.gitignore:3 (.vscode/): it stays on this machine, and teammates do not get the perf-standards server. To share it, commit it anyway: git add -f .vscode/mcp.json',
    ]);
    fs.writeFileSync(path.join(dir, '.gitignore'), '.vscode/*\n!.vscode/mcp.json\n');
    const shared = await init(['--mcp', 'vscode'], app);
    expect(shared.stdout).toContain('created .vscode/mcp.json (servers.perf-standards)\n');
    expect(shared.stdout).not.toContain('ignored');
  });

  it('names the problem for bad usage and exits 2', async () => {
    const empty = project({});
    const missing = await init([], empty);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`perf-standards init: no package.json in ${empty}; run \`npm init\` first, then init again\n`);
    const dir = project({ 'package.json': '{}\n' });
    const editor = await init(['--mcp', 'vscode,emacs'], dir);
    expect(editor).toMatchObject({ code: 2, stderr: 'perf-standards init: --mcp takes a comma-separated list of vscode, cursor, claude, got "vscode,emacs"\n' });
    expect(fs.readdirSync(dir)).toEqual(['package.json']);
  });

  it('writes the Python monitor in a Python project that has none, never over a file, and wrap-performance-monitor uses it', async () => {
    const orders = 'import asyncio\n\n\nasync def place(order_id: int) -> int:\n    await asyncio.sleep(0)\n    return order_id + 1\n';
    const dir = project({
      'package.json': '{ "name": "app", "type": "module" }\n',
      'pyproject.toml': '[project]\nname = "app"\n',
      'app/__init__.py': '',
      'app/services/__init__.py': '',
      'app/services/orders.py': orders,
      'main.py': 'import asyncio\n\nfrom app.services.orders import place\nfrom app.performance_monitor import performance_stats\n\nprint(asyncio.run(place(1)), list(performance_stats()))\n',
    });
    const result = await init(['--mcp', 'vscode'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((line: string): boolean => /performance|Python|decoratorModule/u.test(line))).toEqual([
      'created eslint.config.js (configs.recommended, decoratorModule for Python)',
      'created app/performance_monitor.py (the Python performance monitor, in package app)',
      'Python: decorate critical functions with @performance_monitor (from app.performance_monitor import performance_monitor). eslint.config.js sets the `decoratorModule` option to it, so `perf-standards fix wrap-performance-monitor` imports it from there before any file does.',
    ]);
    expect(read(dir, 'eslint.config.js')).toBe(
      "import perfStandards from 'eslint-plugin-perf-standards';\n\nexport default [\n  ...perfStandards.configs.recommended,\n  { files: ['**/*.py'], rules: { 'perf-standards/require-performance-monitor': ['error', { decoratorModule: 'app.performance_monitor' }] } },\n];\n",
    );
    // A copy of the runtime's, its docstring's example importing it from where it is.
    expect(read(dir, 'app/performance_monitor.py')).toBe(monitorCopy('app.performance_monitor'));
    expect(read(dir, 'app/performance_monitor.py')).toContain('\n    from app.performance_monitor import performance_monitor\n\n');
    expect(fs.existsSync(path.join(dir, 'performance'))).toBe(false);
    // A second run: the monitor is there; nothing Python is written again.
    const again = await init(['--mcp', 'vscode'], dir);
    expect(again.stdout).toContain('unchanged app/performance_monitor.py already exists\n');
    expect(again.stdout).not.toContain('created');
    // The advised option, then the codemod: the critical function is decorated and measured by the init monitor.
    fs.writeFileSync(
      path.join(dir, 'eslint.config.js'),
      `import plugin from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'dist', 'index.js')).href)};\nexport default [\n  ...plugin.configs.recommended,\n  { files: ['**/*.py'], rules: { 'perf-standards/require-performance-monitor': ['error', { decoratorModule: 'app.performance_monitor' }] } },\n];\n`,
    );
    const fixed = await runNode([CLI_BIN, 'fix', 'wrap-performance-monitor', '--force', '.'], dir);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(read(dir, 'app/services/orders.py')).toBe(
      'import asyncio\nfrom app.performance_monitor import performance_monitor\n\n\n@performance_monitor\nasync def place(order_id: int) -> int:\n    await asyncio.sleep(0)\n    return order_id + 1\n',
    );
    const ran = await new Promise<string>((resolve, reject) =>
      execFile('python3', ['-B', 'main.py'], { cwd: dir }, (error, stdout) => (error === null ? resolve(stdout) : reject(error))),
    );
    expect(ran).toBe("2 ['app.services.orders.place']\n");
  });

  it('puts the Python monitor inside the package the distribution ships: setuptools packages, setup.py packages, src layout; loose scripts keep performance/', async () => {
    const cases: readonly { readonly files: Readonly<Record<string, string>>; readonly file: string; readonly module: string }[] = [
      {
        files: { 'pyproject.toml': '[project]\nname = "shop"\n\n[tool.setuptools]\npackages = ["shop", "shop.services"]\n', 'shop/__init__.py': '', 'shop/services/__init__.py': '', 'tests/__init__.py': '' },
        file: 'shop/performance_monitor.py',
        module: 'shop.performance_monitor',
      },
      // dacite's floor is 3.7, the monitor's (tests/runtime/python-monitor.test.ts runs it there).
      {
        files: { 'setup.py': 'from setuptools import setup\n\nsetup(name="dacite", packages=["dacite"], python_requires=">=3.7")\n', 'dacite/__init__.py': '', 'tests/__init__.py': '' },
        file: 'dacite/performance_monitor.py',
        module: 'dacite.performance_monitor',
      },
      { files: { 'pyproject.toml': '[project]\nname = "inventory"\n', 'src/inventory/__init__.py': '', 'src/inventory/stock.py': 'LIMIT = 1\n' }, file: 'src/inventory/performance_monitor.py', module: 'inventory.performance_monitor' },
      { files: { 'requirements.txt': '', 'report.py': 'print(1)\n' }, file: 'performance/monitor.py', module: 'performance.monitor' },
    ];
    for (const { files, file, module } of cases) {
      const dir = project({ 'package.json': '{}\n', ...files });
      const result = await init(['--mcp', 'vscode'], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`created ${file} (the Python performance monitor`);
      expect(read(dir, 'eslint.config.cjs')).toContain(`  { files: ['**/*.py'], rules: { 'perf-standards/require-performance-monitor': ['error', { decoratorModule: '${module}' }] } },\n];\n`);
      expect(read(dir, file)).toBe(monitorCopy(module));
      expect(fs.existsSync(path.join(dir, 'performance'))).toBe(module === 'performance.monitor');
      // The standards hold for what init wrote: no-generic-filenames and the rest report nothing on it.
      for (const config of fs.readdirSync(dir).filter((name: string): boolean => name.startsWith('eslint.config.'))) fs.rmSync(path.join(dir, config));
      fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), `import plugin from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'dist', 'index.js')).href)};\nexport default [...plugin.configs.recommended];\n`);
      const checked = await runNode([CLI_BIN, 'check', file], dir);
      expect(checked, checked.stderr).toMatchObject({ code: 0, stdout: 'Checked 1 file with eslint.config.mjs: no problems.\n' });
    }
  });

  it('writes no Python monitor where one exists, where `performance.py` takes its name, for a Python older than 3.7, with --no-python-monitor, or in a project without Python', async () => {
    const withImport = project({ 'package.json': '{}\n', 'app/api/users.py': 'from app.telemetry import (\n    tags,\n    performance_monitor,\n)\n' });
    expect((await init(['--mcp', 'vscode'], withImport)).stdout).toContain('unchanged app/api/users.py already has a performance_monitor; no Python monitor written\n');
    const defined = project({ 'package.json': '{}\n', 'perf.py': 'def performance_monitor(fn):\n    return fn\n' });
    expect((await init(['--mcp', 'vscode'], defined)).stdout).toContain('unchanged perf.py already has a performance_monitor; no Python monitor written\n');
    const taken = project({ 'package.json': '{}\n', 'performance.py': 'RATE = 1\n' });
    expect((await init(['--mcp', 'vscode'], taken)).stdout).toMatch(/^performance\.py takes the name of the package the Python monitor goes in; copy .*runtime\/python\/performance\/monitor\.py into your package by hand\.$/mu);
    const namespace = project({ 'package.json': '{}\n', 'requirements.txt': '', 'performance/budgets.py': 'LIMIT = 1\n' });
    expect((await init(['--mcp', 'vscode'], namespace)).stdout).toContain('created performance/monitor.py (the Python performance monitor)\n');
    expect(fs.readdirSync(path.join(namespace, 'performance')).sort()).toEqual(['budgets.py', 'monitor.py']);
    const tooOld = project({ 'package.json': '{}\n', 'setup.cfg': '[options]\npackages = legacy\npython_requires = >=3.6\n', 'legacy/__init__.py': '' });
    const refused = await init(['--mcp', 'vscode'], tooOld);
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stdout).toMatch(
      /^No Python monitor written: setup\.cfg declares Python 3\.6, and the monitor \(.*runtime\/python\/performance\/monitor\.py\) needs Python 3\.7 or newer; raise the floor to 3\.7 and init again, or measure with a monitor of your own\.$/mu,
    );
    expect(refused.stdout).not.toContain('decoratorModule');
    expect(read(tooOld, 'eslint.config.cjs')).not.toContain('decoratorModule');
    expect(fs.readdirSync(path.join(tooOld, 'legacy'))).toEqual(['__init__.py']);
    const optedOut = project({ 'package.json': '{}\n', 'pyproject.toml': '' });
    await init(['--mcp', 'vscode', '--no-python-monitor'], optedOut);
    expect(fs.existsSync(path.join(optedOut, 'performance'))).toBe(false);
    const typescript = project({ 'package.json': '{}\n', 'src/index.ts': 'export {};\n' });
    expect((await init(['--mcp', 'vscode'], typescript)).stdout).not.toMatch(/Python|performance\//u);
    expect(fs.existsSync(path.join(typescript, 'performance'))).toBe(false);
  });
});

// The runtime's monitor with its docstring's one example import from `module`, as init writes it.
function monitorCopy(module: string): string {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'runtime', 'python', 'performance', 'monitor.py'), 'utf8');
  const example = '\n    from performance.monitor import performance_monitor\n';
  expect(source.split(example)).toHaveLength(2);
  return source.replace(example, `\n    from ${module} import performance_monitor\n`);
}

function run(command: string, args: readonly string[], cwd: string): Promise<Finished> {
  // npm run exports the outer project to its children; a nested npm would act on this repository.
  const env = Object.fromEntries(Object.entries({ ...process.env, CI: 'true' }).filter(([key]) => !/^npm_(?:package_|lifecycle_|command$|config_local_prefix$)/iu.test(key)));
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { cwd, env, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve({ code: 0, stdout, stderr });
      else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
    });
  });
}

describe('after init in a fresh project with the packed plugin installed', () => {
  let dir = '';

  beforeAll(async () => {
    dir = project({
      'package.json': '{\n  "name": "fresh",\n  "private": true,\n  "type": "module"\n}\n',
      'README.md': '# Fresh\n',
      'src/report.ts': 'export const total: number = 1;\n',
      'temp_cleanup.ts': 'export const done: boolean = true;\n',
      // Python beside the TypeScript: parsed by the plugin's Python language.
      'app/main.py': 'import time\n\n\ndef elapsed(start: float) -> float:\n    return time.perf_counter() - start\n',
      'scripts/temp_seed.py': 'print("seeded")\n',
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "nodenext", "target": "es2022", "noEmit": true, "types": [] }, "include": ["src", "*.ts"] }\n',
    });
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO_ROOT);
    const [result] = JSON.parse(packed.stdout) as { filename: string }[];
    const tarball = path.join(dir, result?.filename ?? '');
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '-D', tarball, 'eslint@^10', 'typescript@~6.0.3'], dir);
    if (installed.code !== 0) throw new Error(installed.stderr);
    fs.rmSync(tarball);
  }, 300_000);

  it('`npx perf-standards init` then `eslint .` reports the planted temp_* files, TypeScript and Python', async () => {
    const setUp = await run('npx', ['perf-standards', 'init'], dir);
    expect(setUp.code, setUp.stderr).toBe(0);
    expect(setUp.stdout).not.toContain('npm i -D');
    const linted = await run('npx', ['eslint', '.', '--format', 'json'], dir);
    expect(linted.code, linted.stderr).toBe(1);
    const reports = (JSON.parse(linted.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[])
      .flatMap((entry) => entry.messages.map((message) => `${path.relative(dir, entry.filePath)} ${message.ruleId} ${message.line}:${message.column}`))
      .sort();
    expect(reports).toEqual([
      'app/main.py perf-standards/require-performance-docs 4:5',
      'package.json perf-standards/require-docs 1:1',
      'scripts/temp_seed.py perf-standards/no-one-off-scripts 1:1',
      'temp_cleanup.ts perf-standards/no-one-off-scripts 1:1',
    ]);
    const script = await run('npm', ['run', '--silent', 'lint:standards'], dir);
    expect(script.code).toBe(1);
    expect(script.stdout).toContain('perf-standards/no-one-off-scripts: 2 files');
  }, 120_000);

  it('the server, started as the VS Code entry init wrote says, answers every tool for the client root', async () => {
    const entry = (JSON.parse(read(dir, '.vscode/mcp.json')) as { servers: Record<string, { command: string; args: string[] }> }).servers['perf-standards'];
    expect(entry).toEqual({ type: 'stdio', command: 'npx', args: ['perf-standards', 'mcp'] });
    const client = new Client({ name: 'new-user', version: '1.0.0' }, { capabilities: { roots: {} } });
    client.setRequestHandler('roots/list', async () => ({ roots: [{ uri: pathToFileURL(dir).href, name: 'fresh' }] }));
    await client.connect(new StdioClientTransport({ command: entry?.command ?? '', args: entry?.args ?? [], cwd: dir, stderr: 'pipe' }));
    try {
      const tool = async (name: string, args: Record<string, unknown>): Promise<{ isError?: boolean; structuredContent?: Record<string, unknown> }> =>
        (await client.callTool({ name, arguments: args }, { timeout: 120_000 })) as { isError?: boolean; structuredContent?: Record<string, unknown> };
      const checked = await tool('check', {});
      expect(checked.isError).toBeUndefined();
      expect(checked.structuredContent?.['summary']).toMatchObject({ errorCount: 3, config: 'eslint.config.js' });
      const fixed = await tool('fix', { codemod: 'rename-one-off-scripts' });
      expect(fixed.structuredContent).toMatchObject({ dryRun: true, counts: { changed: 2, failed: 0 } });
      expect(fs.existsSync(path.join(dir, 'temp_cleanup.ts'))).toBe(true);
      const coverage = await tool('coverage', {});
      expect(coverage.structuredContent).toMatchObject({ correctCount: 2, totalCount: 2, percent: 100 });
      const explained = await tool('explain', { rule: 'no-one-off-scripts' });
      expect(explained.structuredContent?.['codemod']).toBe('rename-one-off-scripts');
    } finally {
      await client.close();
    }
  }, 180_000);

  // Issue 20's new-user pass: the plugin is a devDependency, so the monitor's default module cannot load in
  // production; check says what to set, and fix --all does the rest and says what it did not do.
  it('with exported async functions in src/services: check says what to set before wrap-performance-monitor; `fix --all` runs the others and reports it not run (exit 1); by name it stops (exit 2)', async () => {
    fs.mkdirSync(path.join(dir, 'src', 'services'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'services', 'orders.ts'), 'export async function placeOrder(id: number): Promise<number> {\n  return id + 1;\n}\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    await run('git', ['init', '-q'], dir);
    await run('git', ['add', '-A'], dir);
    expect((await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'init'], dir)).code).toBe(0);
    const reason =
      'wrap-performance-monitor would import `eslint-plugin-perf-standards/runtime` into production code (src/services/orders.ts), but `eslint-plugin-perf-standards` is only in the devDependencies of package.json, which a production install (`npm ci --omit=dev`) leaves out. Set the `monitor.module` option of `perf-standards/require-performance-monitor` in your ESLint config to a module production code can import: a file of the project (`"./src/monitor.js"`, a path from the project root) or a package in `dependencies`; see docs/codemods/wrap-performance-monitor.md.';
    const checked = await run('npx', ['perf-standards', 'check'], dir);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`\nFix once configured (perf-standards/require-performance-monitor): ${reason}\n  then: perf-standards fix wrap-performance-monitor\n`);
    expect(checked.stdout.slice(checked.stdout.indexOf('Fix automatically:'))).not.toMatch(/^ {2}perf-standards fix wrap-performance-monitor /mu);
    const named = await run('npx', ['perf-standards', 'fix', 'wrap-performance-monitor'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr.split('\n').filter(Boolean).at(-1)).toBe(`perf-standards fix: Nothing was changed. ${reason}`);
    const all = await run('npx', ['perf-standards', 'fix', '--all'], dir);
    expect(all.code, all.stderr).toBe(1);
    expect(all.stdout).toContain(`\nwrap-performance-monitor\n  not run: ${reason}\n`);
    expect(all.stdout).toContain('rename-one-off-scripts\n  renamed  scripts/temp_seed.py → scripts/seed.py\n  renamed  temp_cleanup.ts → cleanup.ts\n');
    expect(read(dir, 'src/services/orders.ts')).toBe('export async function placeOrder(id: number): Promise<number> {\n  return id + 1;\n}\n');
  }, 240_000);
});
