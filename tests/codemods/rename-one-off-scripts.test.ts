import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import plugin from '../../index.js';
import renameOneOffScripts from '../../codemods/rename-one-off-scripts.js';
import { runCodemods, type RunReport } from '../../codemods/runner/run-codemods.js';
import { CODEMOD_FIXTURES, describeFixturePairs, rerun, runFixturePair, snapshotTree, type FixturePairRun } from './fixture-pairs.js';

describeFixturePairs('rename-one-off-scripts', [renameOneOffScripts]);

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Readonly<Record<string, string>>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rename-one-off-')));
  temporary.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const run = (root: string, options: Readonly<Record<string, unknown>> = {}): Promise<RunReport> =>
  runCodemods({
    root,
    codemods: [renameOneOffScripts],
    options: { prepare: () => Promise.resolve(() => options) },
  });

const problems = (report: RunReport): string[][] =>
  report.files.filter((file) => file.status === 'failed' || file.status === 'skipped').map((file) => [file.path, file.status, file.reason ?? '']);

function typeErrors(tsconfig: string): number {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  // The default library is TypeScript's own, checked once upstream; skipping it keeps each check cheap.
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, skipLibCheck: true } });
  return ts.getPreEmitDiagnostics(program).length;
}

describe('rename-one-off-scripts', () => {
  it('leaves the TypeScript fixture type-checking with no more errors than before', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'typescript-nodenext', [renameOneOffScripts]);
    const before = typeErrors(path.join(result.inputDir, 'tsconfig.json'));
    expect(typeErrors(path.join(result.dir, 'tsconfig.json'))).toBeLessThanOrEqual(before);
    expect(before).toBe(0);
  });

  it('lists mentions it does not edit as notes, and skips names with nothing left', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'javascript-and-shell', [renameOneOffScripts]);
    expect(result.report.notes).toEqual([
      {
        codemod: 'rename-one-off-scripts',
        path: 'README.md',
        message:
          'line 3 still mentions `quick_cleanup` (scripts/quick_cleanup.js is now scripts/cleanup.js, scripts/quick_cleanup.json.js is now scripts/cleanup.json.js); not edited',
      },
    ]);
    const python = await runFixturePair('rename-one-off-scripts', 'python', [renameOneOffScripts]);
    expect(problems(python.report)).toEqual([
      [
        'tools/temp.py',
        'skipped',
        'nothing meaningful is left without the one-off prefix: give it a name that says what it does, or move its code into cli/ or utils/',
      ],
    ]);
    expect(python.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'app.py: line 4 still mentions `fix_encoding` (tools/fix_encoding.py is now tools/encoding_repair.py); not edited',
      'tools/log_parser.py: line 9 still mentions `fix_encoding` (tools/fix_encoding.py is now tools/encoding_repair.py); not edited',
    ]);
  });

  it('notes why a script moved into --scripts-dir', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'scripts-dir', [renameOneOffScripts]);
    expect(result.report.notes).toEqual([
      { codemod: 'rename-one-off-scripts', path: 'src/quick_migrate.js', message: 'moved into scripts/ because it is a script (shebang)' },
    ]);
    expect(result.report.files.find((file) => file.path === 'src/quick_migrate.js')?.renamedTo).toBe('scripts/migrate.js');
  });

  it('fails a file whose target exists, without touching it or its importers', async () => {
    const root = project({
      'src/temp_parse.ts': 'export const a = 1;\n',
      'src/parse.ts': 'export const b = 2;\n',
      'src/main.ts': "import { a } from './temp_parse.js';\n",
      'src/temp_other.ts': 'export const c = 3;\n',
      'src/quick_other.ts': 'export const d = 4;\n',
    });
    const before = snapshotTree(root);
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['src/temp_other.ts', 'failed', 'cannot be renamed to src/other.ts: src/quick_other.ts is renamed to it too'],
      ['src/temp_parse.ts', 'failed', 'cannot be renamed to src/parse.ts: that file already exists; merge the two by hand'],
    ]);
    const after = snapshotTree(root);
    expect(after.get('src/parse.ts')).toEqual(before.get('src/parse.ts'));
    expect(after.get('src/temp_parse.ts')).toEqual(before.get('src/temp_parse.ts'));
    expect(after.get('src/main.ts')).toEqual(before.get('src/main.ts'));
    expect(after.get('src/temp_other.ts')).toEqual(before.get('src/temp_other.ts'));
    expect([...after.keys()]).toContain('src/other.ts');
    expect(report.counts.failed).toBe(2);
  });

  it('renames exactly the files the recommended config reports with a new name, and skips the others saying why', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'dotted-names', [renameOneOffScripts]);
    expect(problems(result.report)).toEqual([
      ['src/.tmp.js', 'skipped', 'nothing meaningful is left without the one-off prefix: give it a name that says what it does, or move its code into cli/ or utils/'],
      ['src/quick_helpers.py', 'skipped', '`helpers.py`, the name without the one-off prefix, would break no-generic-filenames: give it a name that says what it does, or move its code into cli/ or utils/'],
    ]);
    const renamed = result.report.files.filter((file) => file.renamedTo !== undefined).map((file) => [file.path, file.renamedTo]);
    expect(renamed).toEqual([
      ['src/.temp_seed.js', 'src/.seed.js'],
      ['src/Temp-Loader.TS', 'src/Loader.TS'],
    ]);
    // The package.json script still runs the renamed dotfile, with the same output.
    const runSeed = (dir: string): string => {
      const { scripts } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: { seed: string } };
      return execFileSync(process.execPath, scripts.seed.split(' ').slice(1), { cwd: dir, encoding: 'utf8' });
    };
    expect(runSeed(result.dir)).toBe(runSeed(result.inputDir));
    expect(runSeed(result.dir)).toBe('seeded 3 rows\n');
    // What `perf-standards check` reports on the same input, with the recommended config.
    const eslint = new ESLint({ cwd: result.inputDir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const reported = (await eslint.lintFiles(['.'])).flatMap((lint) =>
      lint.messages
        .filter((message) => message.ruleId === 'perf-standards/no-one-off-scripts')
        .map((message) => [path.relative(result.inputDir, lint.filePath).split(path.sep).join('/'), message.messageId]),
    );
    expect(reported.filter(([, id]) => id === 'renameOneOffScript').map(([file]) => file)).toEqual(renamed.map(([file]) => file));
    expect(reported.filter(([, id]) => id !== 'renameOneOffScript').map(([file]) => file)).toEqual(problems(result.report).map(([file]) => file));
  });

  it("keeps pytest's test modules in its discovery (default and pytest.ini python_files): pytest collects the same tests after", async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'python-test-discovery', [renameOneOffScripts]);
    expect(problems(result.report)).toEqual([
      [
        'checks/quick_check.py',
        'skipped',
        "`check.py`, the name without the one-off prefix, would take it out of pytest's test discovery (python_files: `test_*.py`, `*_test.py`, `*_check.py`, pytest.ini), so its tests would silently stop running: give it a name that says what it tests and that pytest collects",
      ],
      [
        'tests/quick_test.py',
        'skipped',
        "`test.py`, the name without the one-off prefix, would break pytest's test discovery (it collects `test_*.py` and `*_test.py`; `conftest.py` is a plugin): give it a name that says what it does, or move its code into cli/ or utils/",
      ],
    ]);
    const collected = (dir: string): string[] =>
      execFileSync('python3', ['-B', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--collect-only'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } })
        .split('\n')
        .filter((line: string): boolean => line.includes('::'))
        .map((line: string): string => line.replace('quick_orders_test.py', 'orders_test.py'))
        .sort();
    expect(collected(result.dir)).toEqual(['checks/quick_check.py::test_checked', 'tests/orders_test.py::test_orders_total', 'tests/quick_test.py::test_quick_sum']);
    expect(collected(result.dir)).toEqual(collected(result.inputDir));
  });

  it('refuses to shadow a Python standard library module', async () => {
    const root = project({ 'tools/quick_json.py': 'print(1)\n', 'tools/use.py': 'import quick_json\n' });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['tools/quick_json.py', 'failed', "cannot be renamed to tools/json.py: `json` would shadow Python's standard library module of that name; choose another name"],
    ]);
    expect(fs.readFileSync(path.join(root, 'tools/use.py'), 'utf8')).toBe('import quick_json\n');
  });

  it('follows the rule options: extra prefixes and ignore globs', async () => {
    const root = project({ 'wip_report.ts': 'export {};\n', 'legacy/temp_keep.ts': 'export {};\n' });
    const report = await run(root, { prefixes: { add: ['wip'] }, ignore: ['legacy/**'] });
    expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status, file.renamedTo ?? file.reason])).toEqual([
      ['wip_report.ts', 'changed', 'report.ts'],
      ['legacy/temp_keep.ts', 'skipped', "matched by the rule's `ignore` option"],
    ]);
    expect((await rerun(root, [renameOneOffScripts], { options: { prefixes: { add: ['wip'] }, ignore: ['legacy/**'] } })).counts.changed).toBe(0);
  });

  it('rewrites importers in several tsconfig projects, tsconfig include entries and tsconfig.*.json file entries', async () => {
    const root = project({
      'packages/core/tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "strict": true, "noEmit": true }, "include": ["src/temp_math.ts", "src/index.ts"] }\n',
      'packages/core/tsconfig.build.json': '{\n  // emitted files\n  "extends": "./tsconfig.json",\n  "files": ["./src/temp_math.ts", "src/temp_math.tsx"]\n}\n',
      'packages/core/src/temp_math.ts': 'export const twice = (n: number): number => n * 2;\n',
      'packages/core/src/index.ts': "export { twice } from './temp_math.js';\n",
      'packages/app/tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "strict": true, "noEmit": true }, "include": ["src"] }\n',
      'packages/app/src/main.ts': "import { twice } from '../../core/src/temp_math.js';\nconsole.log(twice(2));\n",
    });
    const report = await run(root);
    expect(problems(report)).toEqual([]);
    const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
    expect(read('packages/core/tsconfig.json')).toBe(
      '{ "compilerOptions": { "module": "NodeNext", "strict": true, "noEmit": true }, "include": ["src/math.ts", "src/index.ts"] }\n',
    );
    expect(read('packages/core/src/index.ts')).toBe("export { twice } from './math.js';\n");
    expect(read('packages/core/tsconfig.build.json')).toBe(
      '{\n  // emitted files\n  "extends": "./tsconfig.json",\n  "files": ["./src/math.ts", "src/temp_math.tsx"]\n}\n',
    );
    expect(read('packages/app/src/main.ts')).toBe("import { twice } from '../../core/src/math.js';\nconsole.log(twice(2));\n");
    expect(fs.existsSync(path.join(root, 'packages/core/src/temp_math.ts'))).toBe(false);
  });
});

// Runs a command of the fixture program and returns what it printed (stdout and stderr), so "behaves the
// same" is judged by running it; Python writes no bytecode into the trees.
function output(dir: string, command: string, args: readonly string[]): string {
  return execFileSync(command, [...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', npm_config_update_notifier: 'false' },
  });
}

// The input as it was, in its own temporary copy (never run inside fixtures/).
function inputCopy(result: FixturePairRun): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rename-one-off-before-')));
  temporary.push(dir);
  fs.cpSync(result.inputDir, dir, { recursive: true });
  return dir;
}

// Type-checks and builds a project (one program for both).
function emit(tsconfig: string): void {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, skipLibCheck: true } });
  expect(ts.getPreEmitDiagnostics(program)).toEqual([]);
  expect(program.emit().diagnostics).toEqual([]);
}

describe('rename-one-off-scripts: the project runs as before (issue #9)', () => {
  it('keeps each require form: extension or none, and node runs the same', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'require-extension-forms', [renameOneOffScripts]);
    expect(fs.readFileSync(path.join(result.dir, 'other.js'), 'utf8')).toBe(
      "const a = require('./lib/lib.js');\nconst b = require('./lib/lib');\nmodule.exports = { a, b };\n",
    );
    const before = inputCopy(result);
    const program = ['-e', "console.log(JSON.stringify(require('./other.js')))"];
    expect(output(result.dir, 'node', ['app.js'])).toBe('42 object\n');
    expect(output(before, 'node', ['app.js'])).toBe('42 object\n');
    expect(output(result.dir, 'node', program)).toBe('{"a":{"answer":42},"b":{"answer":42}}\n');
    expect(output(before, 'node', program)).toBe(output(result.dir, 'node', program));
  });

  it('rewrites parenthesised, backslash-continued, aliased, relative, nested and string imports: python3 -m runs the same', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'python-multiline-imports', [renameOneOffScripts]);
    expect(problems(result.report)).toEqual([]);
    const before = inputCopy(result);
    for (const module of ['app.main', 'app.variants']) {
      expect(output(result.dir, 'python3', ['-m', module])).toBe(output(before, 'python3', ['-m', module]));
    }
    expect(output(result.dir, 'python3', ['-m', 'app.variants'])).toBe('x y z w\nv patched 1 u\n');
  });

  it('rewrites main, types, bin (string and map), files, exports and extensionless scripts: the package works the same', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'package-json-paths', [renameOneOffScripts]);
    // What each command printed on the input, before the rename (the right answers).
    const checks: [string, string, readonly string[], string][] = [
      ['.', 'node', ['-e', "console.log(JSON.stringify(require('./')))"], '{"entry":true}\n'],
      ['.', 'node', ['-e', "require('package-json-paths/cleanup')"], 'cleanup\n'],
      ['.', 'npm', ['run', '-s', 'clean'], 'cleanup\ndone\n'],
      ['.', 'npm', ['run', '-s', 'clean2'], 'cleanup\n'],
      ['.', 'npm', ['run', '-s', 'seed'], 'seed\nseed\n'],
      ['.', 'npm', ['run', '-s', 'temp_task'], ''],
      ['tools', 'npm', ['run', '-s', 'tool'], 'tool verbose\n'],
      ['tools', 'node', ['-e', "console.log(JSON.stringify(require('./')))"], 'tool quiet\n{"tool":true}\n'],
    ];
    for (const [folder, command, args, printed] of checks) {
      expect(output(path.join(result.dir, folder), command, args), `${command} ${args.join(' ')}`).toBe(printed);
    }
    for (const [dir, pkg] of [[result.dir, 'package.json'], [path.join(result.dir, 'tools'), 'package.json']] as const) {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, pkg), 'utf8')) as { bin: string | Record<string, string>; types?: string };
      for (const bin of typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin)) {
        expect(output(dir, path.join(dir, bin), [])).toMatch(/^(cleanup|tool quiet)\n$/u);
      }
      if (manifest.types !== undefined) expect(fs.existsSync(path.join(dir, manifest.types))).toBe(true);
    }
  });

  it('rewrites a script that runs the build output of a renamed source (outDir): tsc builds and npm run works the same', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'typescript-outdir', [renameOneOffScripts]);
    // `npm run report` printed this on the input, built the same way.
    emit(path.join(result.dir, 'tsconfig.json'));
    expect(output(result.dir, 'npm', ['run', '-s', 'report'])).toBe('   1 2\n');
  });

  it('rewrites every TypeScript reference form in place, and the project still type-checks', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'typescript-reference-forms', [renameOneOffScripts]);
    expect(typeErrors(path.join(result.inputDir, 'tsconfig.json'))).toBe(0);
    expect(typeErrors(path.join(result.dir, 'tsconfig.json'))).toBe(0);
  });
});

describe('rename-one-off-scripts: a reference that cannot be rewritten fails that file, untouched (issue #9)', () => {
  const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

  it('refuses to move a script out of the tsconfig rootDir (TS6059) and renames the rest', async () => {
    const root = project(
      Object.fromEntries(
        ['package.json', 'tsconfig.json', 'src/env.d.ts', 'src/lib/format.ts', 'src/main.ts', 'src/tools/quick_report.ts', 'src/tools/rows.ts', 'src/tools/temp_math.ts'].map(
          (file: string): [string, string] => [file, fs.readFileSync(path.join(CODEMOD_FIXTURES, 'rename-one-off-scripts/typescript-outdir/input', file), 'utf8')],
        ),
      ),
    );
    const before = snapshotTree(root);
    const report = await run(root, { scriptsDir: 'scripts' });
    expect(problems(report)).toEqual([
      [
        'src/tools/quick_report.ts',
        'failed',
        'cannot be renamed to scripts/report.ts: tsconfig.json has `rootDir` src, and scripts/report.ts would be outside it (TS6059); package.json script "report" still names it after the rewrite: node out/tools/quick_report.js; fix those by hand, or add the file to the rule\'s `ignore`',
      ],
    ]);
    const after = snapshotTree(root);
    for (const file of ['src/tools/quick_report.ts', 'package.json', 'tsconfig.json']) expect(after.get(file), file).toEqual(before.get(file));
    expect(after.has('scripts/report.ts')).toBe(false);
    expect(read(root, 'src/main.ts')).toContain("import { twice } from './tools/math.js';");
    expect(typeErrors(path.join(root, 'tsconfig.json'))).toBe(0);
  });

  it('fails a file a specifier built at run time may name, and still renames the others', async () => {
    const root = project({
      'lib/temp_x.js': 'module.exports = 1;\n',
      'lib/quick_z.js': 'module.exports = 2;\n',
      'a.cjs': "const name = 'x';\nmodule.exports = [require(`./lib/temp_${name}.js`), require('./lib/' + 'quick_z')];\n",
      'b.cjs': "module.exports = require('./lib/quick_z');\n",
    });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['lib/quick_z.js', 'failed', "cannot be renamed to lib/z.js: a.cjs line 2 (`./lib/…` is built at run time); fix that by hand, or add the file to the rule's `ignore`"],
      ['lib/temp_x.js', 'failed', "cannot be renamed to lib/x.js: a.cjs line 2 (`./lib/temp_…` is built at run time); a.cjs line 2 (`./lib/…` is built at run time); fix those by hand, or add the file to the rule's `ignore`"],
    ]);
    expect(read(root, 'a.cjs')).toContain('require(`./lib/temp_${name}.js`)');
    expect(read(root, 'b.cjs')).toBe("module.exports = require('./lib/quick_z');\n");
  });

  it('fails a Python module whose name an f-string may build at run time', async () => {
    const root = project({
      'pkg/__init__.py': '',
      'pkg/quick_x.py': 'VALUE = 1\n',
      'pkg/temp_y.py': 'VALUE = 2\n',
      'pkg/main.py': 'import importlib\nn = "x"\nmodule = importlib.import_module(f"pkg.quick_{n}")\n',
    });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['pkg/quick_x.py', 'failed', "cannot be renamed to pkg/x.py: pkg/main.py line 3: `f\"pkg.quick_{n}\"` builds a module name at run time; fix that by hand, or add the file to the rule's `ignore`"],
    ]);
    expect(read(root, 'pkg/quick_x.py')).toBe('VALUE = 1\n');
    expect(fs.existsSync(path.join(root, 'pkg/y.py'))).toBe(true);
  });

  it('fails a Python module that a file with a syntax error mentions, naming the error line, and renames the others', async () => {
    const root = project({
      'pkg/__init__.py': '',
      'pkg/fix_x.py': 'VALUE = 1\n',
      'pkg/temp_y.py': 'VALUE = 2\n',
      'pkg/main.py': 'from pkg import fix_x\n\ndef broken(:\n    pass\n',
    });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['pkg/fix_x.py', 'failed', "cannot be renamed to pkg/x_repair.py: pkg/main.py line 3: it cannot be parsed (invalid syntax: expected `)`), so its references to the module cannot be rewritten; fix that by hand, or add the file to the rule's `ignore`"],
    ]);
    expect(read(root, 'pkg/main.py')).toBe('from pkg import fix_x\n\ndef broken(:\n    pass\n');
    expect(fs.existsSync(path.join(root, 'pkg/y.py'))).toBe(true);
  });

  it('fails a Python module imported relative to a run-time package, and still renames the others', async () => {
    const root = project({
      'tools/__init__.py': '',
      'tools/quick_x.py': 'VALUE = 1\n',
      'tools/temp_y.py': 'VALUE = 2\n',
      'tools/user.py': 'import importlib\nfrom . import temp_y\nmodule = importlib.import_module(".quick_x", __package__)\n',
    });
    const report = await run(root);
    expect(problems(report)).toEqual([
      [
        'tools/quick_x.py',
        'failed',
        "cannot be renamed to tools/x.py: tools/user.py line 3: `.quick_x` names it relative to a package known only at run time; fix that by hand, or add the file to the rule's `ignore`",
      ],
    ]);
    expect(read(root, 'tools/user.py')).toBe('import importlib\nfrom . import y as temp_y\nmodule = importlib.import_module(".quick_x", __package__)\n');
    expect(read(root, 'tools/quick_x.py')).toBe('VALUE = 1\n');
  });

  it('fails a file whose package.json `files` glob or script would lose it', async () => {
    const root = project({
      'package.json': '{\n  "files": ["lib/temp_*.js"],\n  "scripts": { "go": "cd scripts && node quick_go.js" }\n}\n',
      'lib/temp_entry.js': 'module.exports = 1;\n',
      'scripts/quick_go.js': 'console.log(1);\n',
    });
    const before = snapshotTree(root);
    const report = await run(root);
    expect(problems(report)).toEqual([
      [
        'lib/temp_entry.js',
        'failed',
        "cannot be renamed to lib/entry.js: package.json `files` would no longer include lib/entry.js, so it would drop out of the published package; fix that by hand, or add the file to the rule's `ignore`",
      ],
      [
        'scripts/quick_go.js',
        'failed',
        'cannot be renamed to scripts/go.js: package.json script "go" still names it after the rewrite: cd scripts && node quick_go.js; fix that by hand, or add the file to the rule\'s `ignore`',
      ],
    ]);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('keeps a file a tsconfig include glob no longer matches in the build, as TypeScript does (an include entry)', async () => {
    const root = project({
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true, "types": [] }, "include": ["src/temp_*.ts", "src/main.ts"] }\n',
      'src/temp_math.ts': 'export const one = 1;\n',
      'src/main.ts': "import { one } from './temp_math';\nexport const two: number = one + 1;\n",
    });
    const report = await run(root);
    expect(problems(report)).toEqual([]);
    expect(read(root, 'tsconfig.json')).toBe(
      '{ "compilerOptions": { "strict": true, "noEmit": true, "types": [] }, "include": ["src/temp_*.ts", "src/main.ts", "src/math.ts"] }\n',
    );
    expect(read(root, 'src/main.ts')).toBe("import { one } from './math';\nexport const two: number = one + 1;\n");
    expect(typeErrors(path.join(root, 'tsconfig.json'))).toBe(0);
  });

  it('fails a Python script --scripts-dir would move away from its relative imports or its importers', async () => {
    const root = project({
      'tools/__init__.py': '',
      'tools/other.py': 'VALUE = 1\n',
      'tools/quick_run.py': 'from . import other\n\nif __name__ == "__main__":\n    print(other.VALUE)\n',
      'tools/temp_job.py': 'import sys\nprint(sys.argv)\n',
      'tools/use.py': 'from tools import temp_job\n',
    });
    const before = snapshotTree(root);
    const report = await run(root, { scriptsDir: 'scripts' });
    expect(problems(report)).toEqual([
      [
        'tools/quick_run.py',
        'failed',
        "cannot be renamed to scripts/run.py: its line 1 imports relative to tools/, which it would leave; fix that by hand, or add the file to the rule's `ignore`",
      ],
      [
        'tools/temp_job.py',
        'failed',
        "cannot be renamed to scripts/job.py: tools/use.py line 1: it is imported here, and a dotted path into job's new folder depends on sys.path; fix that by hand, or add the file to the rule's `ignore`",
      ],
    ]);
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('rename-one-off-scripts: modules found by name at run time stay (lib2to3 fixers)', () => {
  it('refuses plugin modules discovered by prefix and a package imported by __import__, renames the rest: python3 -m app runs the same', async () => {
    const result = await runFixturePair('rename-one-off-scripts', 'python-plugin-packages', [renameOneOffScripts]);
    expect(problems(result.report)).toEqual([
      [
        'legacy/quick_render.py',
        'failed',
        "cannot be renamed to legacy/render.py: legacy/load.py line 10: `__import__(…)` may find legacy/ modules by a name built at run time; fix that by hand, or add the file to the rule's `ignore`",
      ],
      [
        'textkit/fixers/fix_strip.py',
        'failed',
        "cannot be renamed to textkit/fixers/strip_repair.py: " +
          'textkit/discover.py line 9: `pkgutil.iter_modules(…)` may find textkit/fixers/ modules by a name built at run time; ' +
          'textkit/discover.py line 9: `"fix_"` holds its name\'s prefix `fix_`, so modules named like it may be found by name at run time; ' +
          'textkit/discover.py line 14: `__import__(…)` may find textkit/fixers/ modules by a name built at run time; ' +
          'textkit/discover.py line 14: `".fix_"` holds its name\'s prefix `fix_`, so modules named like it may be found by name at run time; ' +
          "fix those by hand, or add the file to the rule's `ignore`",
      ],
      [
        'textkit/fixers/fix_upper.py',
        'failed',
        "cannot be renamed to textkit/fixers/upper_repair.py: " +
          'textkit/discover.py line 9: `pkgutil.iter_modules(…)` may find textkit/fixers/ modules by a name built at run time; ' +
          'textkit/discover.py line 9: `"fix_"` holds its name\'s prefix `fix_`, so modules named like it may be found by name at run time; ' +
          'textkit/discover.py line 14: `__import__(…)` may find textkit/fixers/ modules by a name built at run time; ' +
          'textkit/discover.py line 14: `".fix_"` holds its name\'s prefix `fix_`, so modules named like it may be found by name at run time; ' +
          "fix those by hand, or add the file to the rule's `ignore`",
      ],
    ]);
    expect(result.report.files.filter((file) => file.renamedTo !== undefined).map((file) => [file.path, file.renamedTo])).toEqual([['tools/temp_report.py', 'tools/report.py']]);
    expect(result.report.counts.failed).toBe(3);
    expect(result.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([]);
    const before = inputCopy(result);
    expect(output(before, 'python3', ['-m', 'app'])).toBe('PLUGINS | strip,upper | <7>\n');
    expect(output(result.dir, 'python3', ['-m', 'app'])).toBe(output(before, 'python3', ['-m', 'app']));
  });
});

describe('rename-one-off-scripts: entry points name Python modules', () => {
  it('fails a module an entry point of pyproject.toml, setup.cfg or setup.py names, and renames one only imported', async () => {
    const root = project({
      'tools/__init__.py': '',
      'tools/temp_clean.py': 'def main() -> None:\n    print("clean")\n',
      'tools/quick_sync.py': 'def main() -> None:\n    print("sync")\n',
      'tools/fix_dates.py': 'def main() -> None:\n    print("dates")\n',
      'tools/temp_plain.py': 'VALUE = 1\n',
      'app.py': 'import importlib\nfrom tools import temp_plain\nmodule = importlib.import_module("tools.temp_plain")\n',
      'pyproject.toml': '[project]\nname = "tools"\n\n[project.scripts]\nclean = "tools.temp_clean:main"\n',
      'setup.cfg': '[options.entry_points]\nconsole_scripts =\n    sync = tools.quick_sync:main\n',
      'setup.py': 'from setuptools import setup\n\nsetup(entry_points={"console_scripts": ["dates=tools.fix_dates:main"]})\n',
    });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['tools/fix_dates.py', 'failed', "cannot be renamed to tools/dates_repair.py: setup.py line 3: `\"dates=tools.fix_dates:main\"` names it in a string, which may import it at run time; fix that by hand, or add the file to the rule's `ignore`"],
      ['tools/quick_sync.py', 'failed', "cannot be renamed to tools/sync.py: setup.cfg line 3: names it, and an entry point imports what it names by name; fix that by hand, or add the file to the rule's `ignore`"],
      ['tools/temp_clean.py', 'failed', "cannot be renamed to tools/clean.py: pyproject.toml line 5: names it, and an entry point imports what it names by name; fix that by hand, or add the file to the rule's `ignore`"],
    ]);
    // A literal import_module name is rewritten like an import: nothing is looked up by a built name.
    expect(fs.readFileSync(path.join(root, 'app.py'), 'utf8')).toBe('import importlib\nfrom tools import plain as temp_plain\nmodule = importlib.import_module("tools.plain")\n');
    expect(report.files.filter((file) => file.renamedTo !== undefined).map((file) => [file.path, file.renamedTo])).toEqual([['tools/temp_plain.py', 'tools/plain.py']]);
  });
});

describe('rename-one-off-scripts: JavaScript that lists its folder finds modules by file name', () => {
  it('fails the modules of a folder read with readdirSync(__dirname…) or readdir(new URL(…, import.meta.url)), renames one elsewhere', async () => {
    const root = project({
      'plugins/fix_upper.js': 'module.exports = (text) => text.toUpperCase();\n',
      'plugins/load.js':
        "const fs = require('node:fs');\nconst path = require('node:path');\nmodule.exports = fs.readdirSync(path.join(__dirname, '.'), 'utf8').filter((name) => name.startsWith('fix_')).map((name) => require(path.join(__dirname, name)));\n",
      'esm/quick_lower.mjs': 'export default (text) => text.toLowerCase();\n',
      'esm/load.mjs': "import { readdir } from 'node:fs/promises';\nexport const names = await readdir(new URL('./', import.meta.url));\n",
      'lib/temp_join.js': 'module.exports = (parts) => parts.join(",");\n',
      'main.js': "const join = require('./lib/temp_join.js');\nconsole.log(join(['a', 'b']));\n",
    });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['esm/quick_lower.mjs', 'failed', "cannot be renamed to esm/lower.mjs: esm/load.mjs line 2 (`readdir(…)` lists its folder at run time); fix that by hand, or add the file to the rule's `ignore`"],
      ['plugins/fix_upper.js', 'failed', "cannot be renamed to plugins/upper_repair.js: plugins/load.js line 3 (`fs.readdirSync(…)` lists its folder at run time); fix that by hand, or add the file to the rule's `ignore`"],
    ]);
    expect(fs.readFileSync(path.join(root, 'main.js'), 'utf8')).toBe("const join = require('./lib/join.js');\nconsole.log(join(['a', 'b']));\n");
  });
});
