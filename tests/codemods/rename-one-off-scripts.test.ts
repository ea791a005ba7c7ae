import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import renameOneOffScripts from '../../codemods/rename-one-off-scripts.js';
import { runCodemods, type RunReport } from '../../codemods/runner/run-codemods.js';
import { describeFixturePairs, rerun, runFixturePair, snapshotTree } from './fixture-pairs.js';

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
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
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
      'app.py: line 4 still mentions `fix_encoding` (tools/fix_encoding.py is now tools/encoding.py); not edited',
      'tools/log_parser.py: line 9 still mentions `fix_encoding` (tools/fix_encoding.py is now tools/encoding.py); not edited',
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
      'src/fix_other.ts': 'export const c = 3;\n',
      'src/quick_other.ts': 'export const d = 4;\n',
    });
    const before = snapshotTree(root);
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['src/quick_other.ts', 'failed', 'cannot be renamed to src/other.ts: src/fix_other.ts is renamed to it too'],
      ['src/temp_parse.ts', 'failed', 'cannot be renamed to src/parse.ts: that file already exists; merge the two by hand'],
    ]);
    const after = snapshotTree(root);
    expect(after.get('src/parse.ts')).toEqual(before.get('src/parse.ts'));
    expect(after.get('src/temp_parse.ts')).toEqual(before.get('src/temp_parse.ts'));
    expect(after.get('src/main.ts')).toEqual(before.get('src/main.ts'));
    expect(after.get('src/quick_other.ts')).toEqual(before.get('src/quick_other.ts'));
    expect([...after.keys()]).toContain('src/other.ts');
    expect(report.counts.failed).toBe(2);
  });

  it('refuses to shadow a Python standard library module', async () => {
    const root = project({ 'tools/fix_json.py': 'print(1)\n', 'tools/use.py': 'import fix_json\n' });
    const report = await run(root);
    expect(problems(report)).toEqual([
      ['tools/fix_json.py', 'failed', "cannot be renamed to tools/json.py: `json` would shadow Python's standard library module of that name; choose another name"],
    ]);
    expect(fs.readFileSync(path.join(root, 'tools/use.py'), 'utf8')).toBe('import fix_json\n');
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
