import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import readonlyDataShapes from '../../codemods/readonly-data-shapes.js';
import type { ProjectChanges } from '../../codemods/runner/contract.js';
import { CODEMOD_FIXTURES, describeFixturePairs, listTree } from './fixture-pairs.js';

const casesDir = path.join(CODEMOD_FIXTURES, 'readonly-data-shapes');
const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

describeFixturePairs('readonly-data-shapes', [readonlyDataShapes]);

function copyInput(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `readonly-data-shapes-${name}-`)));
  temporary.push(dir);
  fs.cpSync(path.join(casesDir, name, 'input'), dir, { recursive: true });
  return dir;
}

function plan(root: string, options: Readonly<Record<string, unknown>> = {}): Promise<ProjectChanges> {
  const files = listTree(root).map((file: string): string => path.join(root, file));
  return readonlyDataShapes.plan({ root, files, optionsFor: () => options });
}

function apply(changes: ProjectChanges): void {
  for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
}

function sources(root: string): string[] {
  return listTree(root).filter((file: string): boolean => /\.ts$/.test(file));
}

/** `file TSnnnn` per type error of the case's tsconfig project: positions move when a line gains `readonly`. */
function typeErrors(root: string): string[] {
  const config = path.join(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (): void => {} });
  if (parsed === undefined) throw new Error(`cannot read ${config}`);
  return ts
    .getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options))
    .map((diagnostic: ts.Diagnostic): string => `${path.relative(root, diagnostic.file?.fileName ?? root)} TS${diagnostic.code}`)
    .sort();
}

/** What `ts.transpileModule` emits for every source file: the JavaScript must not change by one byte. */
function emitted(root: string): Map<string, string> {
  return new Map(
    sources(root).map((file: string): [string, string] => [
      file,
      ts.transpileModule(fs.readFileSync(path.join(root, file), 'utf8'), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
        fileName: file,
      }).outputText,
    ]),
  );
}

/** Emits the case to JavaScript beside a `package.json` and runs `src/main.js`: its output is the program's behaviour. */
function runProgram(root: string): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'readonly-data-shapes-run-'));
  temporary.push(out);
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  for (const [file, javascript] of emitted(root)) {
    const target = path.join(out, file.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, javascript);
  }
  const run = spawnSync(process.execPath, [path.join(out, 'src/main.js')], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('readonly-data-shapes', () => {
  it('is a project codemod for prefer-readonly-data-shapes', () => {
    expect(readonlyDataShapes).toMatchObject({ kind: 'project', name: 'readonly-data-shapes', rule: 'prefer-readonly-data-shapes' });
  });

  it('keeps every writer kind mutable and says what it made readonly', async () => {
    const root = copyInput('writers');
    const changes = await plan(root);
    expect(changes.failed).toEqual([]);
    expect(changes.skipped).toEqual([]);
    expect(changes.notes.map((note) => `${path.relative(root, note.path)}: ${note.message}`).sort()).toEqual([
      'src/shapes.ts: made 12 readonly properties, 1 readonly array type, 2 `as const` constants; left 14 mutable (written or mutated by some code)',
      'tsconfig.json: 3 rounds (2 full type checks): kept 15 of 29 candidates',
    ]);
  });

  for (const name of ['writers', 'baseline-errors']) {
    it(`${name}: same emitted JavaScript, same program output, no new type error, untouched files byte-identical`, async () => {
      const root = copyInput(name);
      const before = new Map(listTree(root).map((file: string): [string, Buffer] => [file, fs.readFileSync(path.join(root, file))]));
      const emitBefore = emitted(root);
      const errorsBefore = typeErrors(root);
      const outputBefore = fs.existsSync(path.join(root, 'src/main.ts')) ? runProgram(root) : '';

      const changes = await plan(root);
      expect(changes.writes.size).toBeGreaterThan(0);
      apply(changes);

      for (const [file, bytes] of before) {
        if (!changes.writes.has(path.join(root, file))) expect(fs.readFileSync(path.join(root, file)).equals(bytes), `${file} is untouched`).toBe(true);
      }
      expect(Object.fromEntries(emitted(root))).toEqual(Object.fromEntries(emitBefore));
      expect(typeErrors(root)).toEqual(errorsBefore);
      if (outputBefore !== '') expect(runProgram(root)).toBe(outputBefore);

      const again = await plan(root);
      expect([...again.writes.keys()]).toEqual([]);
    }, 300_000);
  }

  it('keeps an error the project already had, edits around it, and skips files outside any project', async () => {
    const root = copyInput('baseline-errors');
    const changes = await plan(root);
    expect(changes.failed).toEqual([]);
    expect(changes.skipped.map((entry) => `${path.relative(root, entry.path)}: ${entry.reason}`)).toEqual([
      'tools/loose.ts: not part of the project tsconfig.json (nor of a project it references)',
    ]);
    expect([...changes.writes.keys()].map((file: string): string => path.relative(root, file))).toEqual(['src/legacy.ts']);
  });

  it('reads the rule options per file: ignore, ignoreTypes, arrays, constants, classes', async () => {
    const root = copyInput('writers');
    const changes = await plan(root, { ignoreTypes: ['^(Settings|Counter|Totals|Pair|Point|Cursor)$'], arrays: false, constants: false });
    const shapes = changes.writes.get(path.join(root, 'src/shapes.ts')) ?? '';
    expect(shapes).toContain('  readonly pushed: number[];');
    expect(shapes).toContain('  readonly readOnly: string[];');
    expect(shapes).toContain('  name: string;');
    expect(shapes).toContain("export const ORDER = ['low', 'high'];");
    const ignored = await plan(root, { ignore: ['src/**'] });
    expect(ignored.writes.size).toBe(0);
  });

  it('never plans an edit inside node_modules or a declaration file', async () => {
    const root = copyInput('writers');
    const dependency = path.join(root, 'node_modules/dep/index.ts');
    fs.mkdirSync(path.dirname(dependency), { recursive: true });
    fs.writeFileSync(dependency, 'export interface Dep { name: string }\n');
    fs.writeFileSync(path.join(root, 'src/ambient.d.ts'), 'export interface Ambient { name: string }\n');
    const changes = await readonlyDataShapes.plan({
      root,
      files: [...listTree(root).map((file: string): string => path.join(root, file))],
      optionsFor: () => ({}),
    });
    expect([...changes.writes.keys()].map((file: string): string => path.relative(root, file))).toEqual(['src/shapes.ts']);
  });
});
