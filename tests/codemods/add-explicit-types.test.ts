import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import addExplicitTypes from '../../codemods/add-explicit-types.js';
import type { ProjectChanges } from '../../codemods/runner/contract.js';

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const casesDir = path.join(repoRoot, 'fixtures/codemods/add-explicit-types');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** `relative path: reason` of every file it leaves alone. */
  readonly skipped: readonly string[];
  /** `relative path: message`: what it added per written file, and why it left each other annotation out. */
  readonly notes: readonly string[];
}

const CASES: readonly Case[] = [
  {
    // Named and default (`import type SourceLocation from …`) type imports, merged into an existing `import type`
    // when there is one; header comments kept above them.
    name: 'imports',
    options: {},
    skipped: ['src/clash.ts: its missing annotation cannot be written safely (see the notes)'],
    notes: [
      'src/clash.ts: 5:28 return type of "fromEntries" not annotated: the checker infers "Promise<readonly Entry[]>", and importing "Entry" would clash with another "Entry" in this file',
      'src/header.ts: 5:26 return type of "makeClass" not annotated: the checker infers "typeof (Anonymous class)", an anonymous type with no name to write',
      'src/header.ts: added 1 type annotation and 1 type import',
      'src/list.ts: 13:8 return type of "load" not annotated: the checker infers "any"',
      'src/list.ts: 9:8 return type of "reveal" not annotated: the checker infers "Hidden", and "Hidden" is not exported by "entry.ts"',
      'src/list.ts: added 7 type annotations and 2 type imports',
      'src/merge.ts: added 1 type annotation and 1 type import',
      'src/span.ts: added 2 type annotations and 2 type imports',
      'src/totals.ts: added 2 type annotations and 1 type import',
    ],
  },
  {
    name: 'style',
    options: { scope: 'all' },
    skipped: [],
    notes: ['labels.ts: 3:16 parameter "x" not annotated: the checker infers "any"', 'labels.ts: added 4 type annotations'],
  },
  {
    // Regressions: a solution tsconfig (`files: []` + references), a global script that an import would turn
    // into a module, comments trailing the last import, code after it on its line, `x!;` without a type.
    name: 'projects',
    options: { scope: 'all' },
    skipped: ['tools/loose.ts: not part of the project tsconfig.json (nor of a project it references)'],
    notes: [
      'src/inline.ts: added 1 type annotation and 1 type import',
      'src/script.ts: 2:1 return type of "listAll" not annotated: the checker infers "readonly Entry[]", and importing "Entry" would turn this script (no imports or exports) into a module',
      'src/script.ts: added 1 type annotation',
      'src/trailing.ts: 11:10 property "shared" not annotated: the checker infers "any"',
      'src/trailing.ts: added 3 type annotations and 1 type import',
    ],
  },
  {
    // Types from ambient modules (how @types/node declares `fs` and `node:fs`) are imported by module name, in
    // the spelling the file already uses; a type exported only under another name is left alone.
    name: 'ambient',
    options: {},
    skipped: [],
    notes: [
      'src/drawing.ts: 3:21 return type of "draw" not annotated: the checker infers "Shape", and "Shape" is exported by "shape.ts" only as "Form"',
      'src/drawing.ts: added 1 type annotation',
      'src/report.ts: added 1 type annotation and 1 type import',
      'src/store.ts: added 1 type annotation and 1 type import',
    ],
  },
];

function listFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((entry) => path.join(root, entry))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
}

function copyInput(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `add-explicit-types-${name}-`));
  temporary.push(dir);
  fs.cpSync(path.join(casesDir, name, 'input'), dir, { recursive: true });
  return dir;
}

async function plan(root: string, options: Readonly<Record<string, unknown>>): Promise<ProjectChanges> {
  return addExplicitTypes.plan({ root, files: listFiles(root), optionsFor: () => options });
}

function apply(changes: ProjectChanges): void {
  for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
}

function parsedConfig(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${config}`);
  return parsed;
}

/** The case's tsconfig projects that list files (a solution config with `files: []` lists none). */
function projects(root: string): ts.ParsedCommandLine[] {
  return fs
    .readdirSync(root)
    .filter((name) => /^tsconfig.*\.json$/.test(name))
    .map((name) => parsedConfig(path.join(root, name)))
    .filter((parsed) => parsed.fileNames.length > 0);
}

/** `file TSnnnn` per type error over every project: positions move when a line gains an annotation. */
function typeErrors(root: string): string[] {
  return projects(root)
    .flatMap((parsed) => ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options)))
    .map((diagnostic) => `${path.relative(root, diagnostic.file?.fileName ?? root)} TS${diagnostic.code}`)
    .sort();
}

/**
 * The JavaScript `tsc` emits for every project, per output file, kept in memory. `x => …` becomes
 * `(x): T => …` and the emitter keeps those parentheses, so a lone arrow parameter is compared without them.
 */
function emittedJavaScript(root: string): Map<string, string> {
  const out = path.join(root, '.emit');
  const emitted = new Map<string, string>();
  for (const parsed of projects(root)) {
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: false,
      noEmitOnError: false,
      declaration: false,
      composite: false,
      incremental: false,
      sourceMap: false,
      outDir: out,
      rootDir: root,
    };
    ts.createProgram(parsed.fileNames, options).emit(undefined, (fileName, text) => {
      emitted.set(path.relative(out, fileName), text.replace(/\(([A-Za-z_$][\w$]*)\) =>/g, '$1 =>'));
    });
  }
  return emitted;
}

describe('add-explicit-types', () => {
  it('is a project codemod for require-explicit-types', () => {
    expect(addExplicitTypes).toMatchObject({ kind: 'project', name: 'add-explicit-types', rule: 'require-explicit-types' });
  });

  for (const testCase of CASES) {
    describe(testCase.name, () => {
      it('writes the output fixture and skips what it cannot print, with the reason', async () => {
        const root = copyInput(testCase.name);
        const before = new Map(listFiles(root).map((file) => [file, fs.readFileSync(file)]));

        const changes = await plan(root, testCase.options);
        // plan() never writes: the tree is untouched until the test applies the changes.
        for (const [file, content] of before) expect(fs.readFileSync(file).equals(content), file).toBe(true);
        expect(changes.failed).toEqual([]);
        expect(changes.renames).toEqual([]);
        expect(changes.deletes).toEqual([]);
        expect(changes.skipped.map((entry) => `${path.relative(root, entry.path)}: ${entry.reason}`)).toEqual(testCase.skipped);
        expect(changes.notes.map((note) => `${path.relative(root, note.path)}: ${note.message}`).sort()).toEqual(testCase.notes);
        apply(changes);

        const expectedDir = path.join(casesDir, testCase.name, 'output');
        const actual = listFiles(root).map((file) => path.relative(root, file));
        expect(actual).toEqual(listFiles(expectedDir).map((file) => path.relative(expectedDir, file)));
        for (const relative of actual) {
          expect(fs.readFileSync(path.join(root, relative), 'utf8'), relative).toBe(
            fs.readFileSync(path.join(expectedDir, relative), 'utf8'),
          );
        }
      });

      it('keeps the emitted JavaScript and the type errors, leaves other files byte-identical, and is idempotent', async () => {
        const root = copyInput(testCase.name);
        const before = new Map(listFiles(root).map((file) => [file, fs.readFileSync(file)]));
        const errorsBefore = typeErrors(root);
        const emitBefore = emittedJavaScript(root);
        expect(emitBefore.size).toBeGreaterThan(0);

        const changes = await plan(root, testCase.options);
        expect(changes.writes.size).toBeGreaterThan(0);
        for (const [file, content] of changes.writes) {
          expect(before.get(file)?.toString('utf8'), `${file} is written only when it changes`).not.toBe(content);
        }
        apply(changes);

        for (const [file, content] of before) {
          if (!changes.writes.has(file)) expect(fs.readFileSync(file).equals(content), `${file} is untouched`).toBe(true);
        }
        expect(Object.fromEntries(emittedJavaScript(root))).toEqual(Object.fromEntries(emitBefore));
        const errorsAfter = typeErrors(root);
        expect(errorsAfter.length).toBeLessThanOrEqual(errorsBefore.length);
        // No error of a new kind in any file (an annotation may fix one, never add one).
        for (const error of errorsAfter) expect(errorsBefore, error).toContain(error);

        const again = await plan(root, testCase.options);
        expect([...again.writes.keys()]).toEqual([]);
        expect(again.failed).toEqual([]);
      });
    });
  }

  it('reads the rule options per file', async () => {
    const root = copyInput('imports');
    const list = path.join(root, 'src/list.ts');
    const changes = await addExplicitTypes.plan({
      root,
      files: listFiles(root),
      optionsFor: (file) => (file === list ? { allowedNames: ['list', 'modes', 'isText', 'next', 'internal', 'count', 'label'] } : {}),
    });
    expect([...changes.writes.keys()].map((file) => path.relative(root, file)).sort()).toEqual(['src/header.ts', 'src/merge.ts', 'src/span.ts', 'src/totals.ts']);
  });

  it('runs through `perf-standards fix add-explicit-types` with the options of the user\'s ESLint config', () => {
    const root = copyInput('imports');
    const plugin = pathToFileURL(path.join(repoRoot, 'dist/index.js')).href;
    fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }\n');
    fs.writeFileSync(
      path.join(root, 'eslint.config.js'),
      `import perf from '${plugin}';\nexport default [\n  ...perf.configs.recommended,\n  { files: ['**/*.ts'], rules: { 'perf-standards/require-explicit-types': ['error', { allowedNames: ['list'] }] } },\n];\n`,
    );
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli/main.js'), 'fix', 'add-explicit-types', '--force', '--root', root], {
      encoding: 'utf8',
    });
    expect(run.stderr.replace(/^add-explicit-types: .*\n/gm, '')).toBe('');
    expect(run.status).toBe(0);
    const expected = fs.readFileSync(path.join(casesDir, 'imports/output/src/list.ts'), 'utf8');
    // allowedNames leaves `list` alone, so `Entry` is not imported either.
    expect(fs.readFileSync(path.join(root, 'src/list.ts'), 'utf8')).toBe(
      expected.replace('import type { Entry, Mode }', 'import type { Mode }').replace('list(prefix: string): Entry[]', 'list(prefix: string)'),
    );
    expect(fs.readFileSync(path.join(root, 'src/totals.ts'), 'utf8')).toBe(
      fs.readFileSync(path.join(casesDir, 'imports/output/src/totals.ts'), 'utf8'),
    );
  });

  it('never plans an edit inside node_modules, even when a caller lists such files', async () => {
    const root = copyInput('style');
    const dependency = path.join(root, 'node_modules/dep/index.ts');
    fs.mkdirSync(path.dirname(dependency), { recursive: true });
    fs.writeFileSync(dependency, 'export function dep(x: number) { return x; }\n');
    const changes = await addExplicitTypes.plan({ root, files: [...listFiles(root)], optionsFor: () => ({ scope: 'all' }) });
    expect([...changes.writes.keys()].map((file) => path.relative(root, file))).toEqual(['labels.ts']);
    expect(changes.skipped.concat(changes.failed).map((entry) => entry.path)).not.toContain(dependency);
  });

  it('skips files outside any tsconfig project', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'add-explicit-types-bare-'));
    temporary.push(root);
    fs.writeFileSync(path.join(root, 'loose.ts'), 'export function f() { return 1; }\n');
    const changes = await plan(root, {});
    expect(changes.writes.size).toBe(0);
    expect(changes.skipped).toEqual([
      { path: path.join(root, 'loose.ts'), reason: 'no tsconfig.json in its folder or above it, so there are no types to read' },
    ]);
  });
});
