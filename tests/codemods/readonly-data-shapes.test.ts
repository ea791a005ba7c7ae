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
  return readonlyDataShapes.plan({ root, files, projectFiles: files, optionsFor: () => options });
}

function notes(root: string, changes: ProjectChanges): string[] {
  return [
    ...changes.skipped.map((entry) => `skipped ${path.relative(root, entry.path)}: ${entry.reason}`),
    ...changes.notes.map((note) => `${path.relative(root, note.path)}: ${note.message}`),
  ].sort();
}

function apply(changes: ProjectChanges): void {
  for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
}

function sources(root: string): string[] {
  return listTree(root).filter((file: string): boolean => /\.ts$/.test(file));
}

/** `file TSnnnn` per type error of a tsconfig project of the case: positions move when a line gains `readonly`. */
function typeErrors(root: string, configName = 'tsconfig.json'): string[] {
  const config = path.join(root, configName);
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
      'src/shapes.ts: made 2 readonly properties, 2 `as const` constants; left 25 as they were: 14 written or mutated by some code, 11 kept mutable with the rest of their shape',
      'tsconfig.json: 3 rounds (2 full type checks of tsconfig.json): kept 4 of 29 candidates; 14 written or mutated by some code; 11 kept mutable with the rest of their shape',
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

  it('second-tsconfig: test/tsconfig.json, which imports and writes the shapes, is part of the proof (readonly-second-tsconfig)', async () => {
    const root = copyInput('second-tsconfig');
    const before = ['tsconfig.json', 'test/tsconfig.json'].map((config: string): string[] => typeErrors(root, config));
    expect(before).toEqual([[], []]);
    const changes = await plan(root);
    expect(changes.failed).toEqual([]);
    expect(notes(root, changes)).toEqual([
      'skipped src/cart.ts: none of its 4 candidates changed: 2 written or mutated by some code, 2 kept mutable with the rest of their shape',
      'src/receipt.ts: made 2 readonly properties, 1 readonly array type',
      'tsconfig.json: 3 rounds (2 full type checks of tsconfig.json, test/tsconfig.json): kept 3 of 7 candidates; 2 written or mutated by some code; 2 kept mutable with the rest of their shape',
    ]);
    apply(changes);
    expect(['tsconfig.json', 'test/tsconfig.json'].map((config: string): string[] => typeErrors(root, config))).toEqual([[], []]);
    expect(fs.readFileSync(path.join(root, 'src/cart.ts'), 'utf8')).toBe(fs.readFileSync(path.join(casesDir, 'second-tsconfig/input/src/cart.ts'), 'utf8'));
  }, 120_000);

  it('solution-references: the projects a solution references and a scripts/ project are part of the proof', async () => {
    const root = copyInput('solution-references');
    const configs = ['tsconfig.app.json', 'tsconfig.spec.json', 'scripts/tsconfig.json'];
    const before = configs.map((config: string): string[] => typeErrors(root, config));
    const changes = await plan(root);
    expect(changes.failed).toEqual([]);
    expect(notes(root, changes)).toEqual([
      'src/queue.ts: made 2 readonly properties, 1 readonly array type; left 5 as they were: 4 written or mutated by some code, 1 kept mutable with the rest of their shape',
      'tsconfig.json: 3 rounds (2 full type checks of scripts/tsconfig.json, tsconfig.spec.json, tsconfig.app.json): kept 3 of 8 candidates; 4 written or mutated by some code; 1 kept mutable with the rest of their shape',
    ]);
    apply(changes);
    expect(configs.map((config: string): string[] => typeErrors(root, config))).toEqual(before);
  }, 120_000);

  it('published-package: leaves the types its entry points expose alone, says how many, and changes them with changePublicApi', async () => {
    const root = copyInput('published-package');
    const changes = await plan(root);
    expect(notes(root, changes)).toEqual([
      'skipped src/index.ts: none of its 6 candidates changed: 6 exposed by a published package (see the summary)',
      'src/options.ts: made 2 readonly properties, 1 readonly array type; left 3 as they were: 3 exposed by a published package (see the summary)',
      'tsconfig.json: 1 round (1 full type check of tsconfig.json): kept 3 of 12 candidates; 9 left alone as the public API of "fetch-kit" (--change-public-api changes them too)',
    ]);
    const opted = await plan(root, { changePublicApi: true });
    expect(notes(root, opted)).toEqual([
      'src/index.ts: made 5 readonly properties, 1 readonly array type',
      'src/options.ts: made 4 readonly properties, 2 readonly array types',
      'tsconfig.json: 1 round (1 full type check of tsconfig.json): kept 12 of 12 candidates',
    ]);
    // Nothing in the repository writes `Options`: only a user's `init` hook would, which is why it is left alone.
    expect(opted.writes.get(path.join(root, 'src/index.ts'))).toContain('  readonly searchParams: Record<string, string>;');
  }, 120_000);

  it('whole-shapes: a shape changes as a whole, and an annotated constant gets no `as const`', async () => {
    const root = copyInput('whole-shapes');
    const changes = await plan(root);
    expect(notes(root, changes)).toEqual([
      'src/schema.ts: made 4 readonly properties, 1 readonly array type, 1 `as const` constant; left 5 as they were: 1 written or mutated by some code, 4 kept mutable with the rest of their shape',
      'tsconfig.json: 3 rounds (2 full type checks of tsconfig.json): kept 6 of 11 candidates; 1 written or mutated by some code; 4 kept mutable with the rest of their shape; 1 annotated constant not given `as const` (the annotation decides its type)',
    ]);
    const schema = changes.writes.get(path.join(root, 'src/schema.ts')) ?? '';
    expect(schema).toContain("export const globalConfig: Config = { locale: 'en' };");
    expect(schema).toContain('  title?: string;');
    expect(schema).toContain('  properties: Record<string, JSONSchema>;');
  }, 120_000);
});

describe('perf-standards fix --change-public-api', () => {
  it('reaches the codemods as the changePublicApi option', async () => {
    const { parseFixArguments } = await import('../../cli/fix/arguments.js');
    expect(parseFixArguments(['readonly-data-shapes', '--change-public-api'], ['readonly-data-shapes']).changePublicApi).toBe(true);
    expect(parseFixArguments(['readonly-data-shapes'], ['readonly-data-shapes']).changePublicApi).toBe(false);
  });
});
