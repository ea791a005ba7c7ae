import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { lint } from 'type-coverage-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFile, UncoveredKind, type CountFileOptions, type Uncovered } from '../standards/type-coverage/count.js';
import { resolveCountOptions, type CountOptions } from '../standards/type-coverage/options.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtureProject = path.join(root, 'fixtures/type-coverage/tsconfig.json');
const require = createRequire(import.meta.url);

interface FileResult {
  readonly covered: number;
  readonly total: number;
  readonly uncovered: readonly string[];
}

const describeUncovered = ({ line, character, text, kind }: Uncovered): string => `${line}:${character} ${kind} ${text}`;

/** type-coverage's numbers per file; semantic errors and unused directives only reach its grand total, so they are added back per file. */
async function typeCoverageCounts(project: string, options: CountOptions): Promise<{ files: Map<string, FileResult>; program: ts.Program }> {
  const result = await lint(project, {
    strict: options.strict,
    ignoreCatch: options.ignoreCatch,
    ignoreUnreadAnys: options.ignoreUnread,
    ignoreNested: options.ignoreNested,
    ignoreAsAssertion: options.ignoreAsAssertion,
    ignoreTypeAssertion: options.ignoreTypeAssertion,
    ignoreNonNullAssertion: options.ignoreNonNullAssertion,
    ignoreObject: options.ignoreObject,
    ignoreEmptyType: options.ignoreEmptyType,
    reportSemanticError: options.reportSemanticError,
    // Passed even when undefined, as type-coverage's CLI does: undefined follows strict, the API's default false does not.
    reportUnusedIgnore: options.reportUnusedIgnore as boolean,
    fileCounts: true,
    absolutePath: true,
  });
  const files = new Map<string, FileResult>();
  for (const [file, counts] of result.fileCounts) {
    const anys = result.anys.filter((entry: { file: string }): boolean => entry.file === file);
    const extras = anys.filter((entry: Uncovered): boolean => entry.kind === UncoveredKind.semanticError || entry.kind === UncoveredKind.unusedIgnore);
    files.set(file, {
      covered: counts.correctCount,
      total: counts.totalCount + extras.length,
      uncovered: anys.map(describeUncovered),
    });
  }
  return { files, program: result.program };
}

/** Our count over a fresh program with type-coverage's root names and compiler options, files in the same order. */
function ourCounts(program: ts.Program, options: CountFileOptions, files: Iterable<string>): Map<string, FileResult> {
  const ours = ts.createProgram(program.getRootFileNames(), program.getCompilerOptions());
  const wanted = new Set(files);
  const results = new Map<string, FileResult>();
  for (const sourceFile of ours.getSourceFiles()) {
    if (!wanted.has(sourceFile.fileName)) continue;
    const { covered, total, uncovered } = countFile(sourceFile, ours, options);
    results.set(sourceFile.fileName, { covered, total, uncovered: uncovered.map(describeUncovered) });
  }
  return results;
}

async function expectParity(project: string, raw: Partial<CountOptions>): Promise<Map<string, FileResult>> {
  const options = resolveCountOptions(raw);
  const expected = await typeCoverageCounts(project, options);
  const actual = ourCounts(expected.program, options, expected.files.keys());
  expect(expected.files.size).toBeGreaterThan(0);
  // Whole maps first: a mismatch names the file and shows both counts and the uncovered occurrences.
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected.files));
  return actual;
}

const sum = (files: Map<string, FileResult>, key: 'covered' | 'total'): number =>
  [...files.values()].reduce((total: number, file: FileResult): number => total + file[key], 0);

describe('type-coverage parity on the fixtures', () => {
  const cases: readonly (readonly [string, Partial<CountOptions>])[] = [
    ['default', {}],
    ['strict', { strict: true }],
    ['strict, ignoreNested', { strict: true, ignoreNested: true }],
    ['strict, ignoreAsAssertion and ignoreTypeAssertion', { strict: true, ignoreAsAssertion: true, ignoreTypeAssertion: true }],
    ['strict, ignoreNonNullAssertion', { strict: true, ignoreNonNullAssertion: true }],
    ['strict, ignoreObject and ignoreEmptyType', { strict: true, ignoreObject: true, ignoreEmptyType: true }],
    ['strict without reportUnusedIgnore', { strict: true, reportUnusedIgnore: false }],
    ['reportUnusedIgnore', { reportUnusedIgnore: true }],
    ['ignoreUnread', { ignoreUnread: true }],
    ['ignoreUnread, strict', { ignoreUnread: true, strict: true }],
    ['reportSemanticError', { reportSemanticError: true }],
  ];
  it.each(cases)('%s: identical covered, total and uncovered occurrences per file', async (_name: string, raw: Partial<CountOptions>) => {
    const files = await expectParity(fixtureProject, raw);
    expect(files.size).toBe(6);
    // The fixtures exercise the option: something is uncovered in every mode.
    expect(sum(files, 'covered')).toBeLessThan(sum(files, 'total'));
  });

  it('the options move the numbers (the cases above are not all the same count)', async () => {
    const variants = [{}, { strict: true }, { strict: true, ignoreNested: true }, { reportSemanticError: true }, { ignoreUnread: true }];
    const counts = await Promise.all(variants.map((raw) => typeCoverageCounts(fixtureProject, resolveCountOptions(raw))));
    const fixtureTotals = new Set(counts.map(({ files }) => `${sum(files, 'covered')}/${sum(files, 'total')}`));
    expect(fixtureTotals.size).toBe(5);
  });
});

describe('documented difference: ignoreCatch skips only the catch clause variable', () => {
  const code = [
    'export function guarded(task: () => void, parse: (text: string) => any): string {',
    '  try {',
    '    task();',
    '  } catch (error) {',
    '    const parsed = parse(String(error));',
    '    return parsed;',
    '  }',
    "  return 'ok';",
    '}',
  ].join('\n');

  function countSnippet(raw: Partial<CountOptions>, source: string = code): ReturnType<typeof countFile> {
    const fileName = path.join(root, 'fixtures/type-coverage/src/catch-snippet.ts');
    // Catch variables typed `any`, as before TypeScript 4.4 and in many projects still.
    const compilerOptions: ts.CompilerOptions = { strict: true, useUnknownInCatchVariables: false, noEmit: true, types: [] };
    const host = ts.createCompilerHost(compilerOptions);
    const readFile = host.readFile.bind(host);
    host.readFile = (name: string): string | undefined => (name === fileName ? source : readFile(name));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name: string): boolean => name === fileName || fileExists(name);
    const program = ts.createProgram([fileName], compilerOptions, host);
    return countFile(program.getSourceFile(fileName) as ts.SourceFile, program, resolveCountOptions(raw));
  }

  it('counts the catch block, not the variable nor its uses', () => {
    const all = countSnippet({});
    const ignoring = countSnippet({ ignoreCatch: true });
    // type-coverage's order: the block, then the declaration.
    expect(all.uncovered.map(describeUncovered)).toEqual(['4:10 1 parsed', '4:32 1 error', '3:11 1 error']);
    // `error` (declaration and use, both any) leaves the count; the block's `parsed` stays counted and uncovered
    // (type-coverage would drop the whole block: `parsed` twice, `parse`, `String`).
    expect(ignoring.total).toBe(all.total - 2);
    expect(ignoring.covered).toBe(all.covered);
    expect(ignoring.uncovered.map(describeUncovered)).toEqual(['4:10 1 parsed']);
  });

  it('skips the names a catch clause destructures, and their uses', () => {
    const destructuring = code.replace('catch (error)', 'catch ({ message, cause: [first] })').replace('String(error)', 'String(message) + first');
    const all = countSnippet({}, destructuring);
    const ignoring = countSnippet({ ignoreCatch: true }, destructuring);
    expect(all.uncovered.map(describeUncovered)).toEqual(['4:10 1 parsed', '4:32 1 message', '4:43 1 first', '3:13 1 message', '3:30 1 first']);
    // The whole binding (`message`, the covered property name `cause`, `first`) and the uses of its names leave.
    expect(ignoring.total).toBe(all.total - 5);
    expect(ignoring.covered).toBe(all.covered - 1);
    expect(ignoring.uncovered.map(describeUncovered)).toEqual(['4:10 1 parsed']);
  });
});

describe('type-coverage parity on real sources (rxjs/src and zod/src from node_modules)', () => {
  // type-coverage skips every path containing `node_modules`, so the sources are copied out first.
  let corpus = '';
  const tsconfig = (include: readonly string[], exclude: readonly string[]): string =>
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM'],
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
      include,
      exclude,
    });
  beforeAll(() => {
    corpus = mkdtempSync(path.join(os.tmpdir(), 'type-coverage-parity-'));
    for (const name of ['rxjs', 'zod']) {
      cpSync(path.join(path.dirname(require.resolve(`${name}/package.json`)), 'src'), path.join(corpus, name, 'src'), { recursive: true });
    }
    writeFileSync(path.join(corpus, 'rxjs/tsconfig.json'), tsconfig(['src/**/*.ts'], ['src/internal/umd.ts']));
    // zod's tests import vitest; the library itself is what users measure.
    writeFileSync(path.join(corpus, 'zod/tsconfig.json'), tsconfig(['src/**/*.ts'], ['**/tests/**', '**/*.test.ts']));
  });
  afterAll(() => {
    if (corpus !== '') rmSync(corpus, { recursive: true, force: true });
  });

  it.each([
    ['rxjs', 'default', {}],
    ['rxjs', 'strict', { strict: true }],
    ['zod', 'default', {}],
    ['zod', 'strict', { strict: true }],
  ] as const)('%s, %s: identical per file', { timeout: 300_000 }, async (name: string, _mode: string, raw: Partial<CountOptions>) => {
    const files = await expectParity(path.join(corpus, name, 'tsconfig.json'), raw);
    expect(files.size).toBeGreaterThan(90);
  });
});
