import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import addExplicitTypes from '../../codemods/add-explicit-types.js';
import type { ProjectChanges } from '../../codemods/runner/contract.js';

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/codemods/add-explicit-types');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** `relative path: reason` of every annotation it must leave alone. */
  readonly skipped: readonly string[];
  /** `relative path: message` per written file. */
  readonly notes: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'imports',
    options: {},
    skipped: [
      'src/clash.ts: 5:28 return type of "fromEntries": the checker infers "Promise<readonly Entry[]>", and importing "Entry" would clash with another "Entry" in this file',
      'src/header.ts: 5:26 return type of "makeClass": the checker infers "typeof (Anonymous class)", an anonymous type with no name to write',
      'src/list.ts: 9:8 return type of "reveal": the checker infers "Hidden", and "Hidden" is not exported by "entry.ts"',
      'src/list.ts: 13:8 return type of "load": the checker infers "any"',
    ],
    notes: [
      'src/header.ts: added 1 type annotation and 1 type import',
      'src/list.ts: added 7 type annotations and 2 type imports',
      'src/totals.ts: added 2 type annotations and 1 type import',
    ],
  },
  {
    name: 'style',
    options: { scope: 'all' },
    skipped: ['labels.ts: 3:16 parameter "x": the checker infers "any"'],
    notes: ['labels.ts: added 4 type annotations'],
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

function parsedConfig(root: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`no tsconfig.json in ${root}`);
  return parsed;
}

function typeErrors(root: string): number {
  const parsed = parsedConfig(root);
  return ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options)).length;
}

function emittedJavaScript(source: string, fileName: string, options: ts.CompilerOptions): string {
  return ts.transpileModule(source, { compilerOptions: { ...options, noEmit: false }, fileName }).outputText;
}

/**
 * What the emitted JavaScript does and says: its syntax tree (kinds and leaf texts) and its comments. Layout is
 * left out on purpose: `x => x` becomes `(x): T => x`, and the printer keeps those parentheses.
 */
function javaScriptShape(javaScript: string): { readonly tree: readonly string[]; readonly comments: readonly string[] } {
  const sourceFile = ts.createSourceFile('out.js', javaScript, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const tree: string[] = [];
  const visit = (node: ts.Node): void => {
    let leaf = true;
    ts.forEachChild(node, () => {
      leaf = false;
    });
    tree.push(leaf ? `${ts.SyntaxKind[node.kind]} ${node.getText(sourceFile)}` : ts.SyntaxKind[node.kind]);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const comments: string[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, javaScript);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push(scanner.getTokenText());
    }
  }
  return { tree, comments };
}

describe('add-explicit-types', () => {
  it('is a project codemod for require-explicit-types', () => {
    expect(addExplicitTypes).toMatchObject({ kind: 'project', name: 'add-explicit-types', rule: 'require-explicit-types' });
  });

  for (const testCase of CASES) {
    describe(testCase.name, () => {
      it('writes the output fixture, skips what it cannot print, and keeps JavaScript and type errors unchanged', async () => {
        const root = copyInput(testCase.name);
        const before = new Map(listFiles(root).map((file) => [file, fs.readFileSync(file, 'utf8')]));
        const errorsBefore = typeErrors(root);

        const changes = await plan(root, testCase.options);
        // plan() never writes: the tree is untouched until the test applies the changes.
        for (const [file, content] of before) expect(fs.readFileSync(file, 'utf8')).toBe(content);
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

        const options = parsedConfig(root).options;
        for (const [file, content] of changes.writes) {
          expect(javaScriptShape(emittedJavaScript(content, file, options)), file).toEqual(
            javaScriptShape(emittedJavaScript(before.get(file) ?? '', file, options)),
          );
        }
        expect(typeErrors(root)).toBeLessThanOrEqual(errorsBefore);

        const again = await plan(root, testCase.options);
        expect([...again.writes.keys()]).toEqual([]);
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
    expect([...changes.writes.keys()].map((file) => path.relative(root, file)).sort()).toEqual(['src/header.ts', 'src/totals.ts']);
  });

  it('skips files outside any tsconfig project', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'add-explicit-types-bare-'));
    temporary.push(root);
    fs.writeFileSync(path.join(root, 'loose.ts'), 'export function f() { return 1; }\n');
    const changes = await plan(root, {});
    expect(changes.writes.size).toBe(0);
    expect(changes.skipped).toEqual([
      { path: path.join(root, 'loose.ts'), reason: 'no tsconfig.json above it inside the target, so there are no types to read' },
    ]);
  });
});
