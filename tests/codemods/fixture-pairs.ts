/**
 * Fixture-pair harness for codemods: `fixtures/codemods/<name>/<case>/input/` is copied to a temporary
 * folder, the engine's programmatic API (`runCodemods`, not the CLI) runs there, and the result must
 * equal `output/` file by file, byte for byte (renames and deletions included). Every case also asserts
 * the two properties every codemod owes: a second run changes nothing, and files the report does not
 * mark changed are byte-identical to the input.
 *
 * Usage, in a test file:
 *   describeFixturePairs('rename-one-off-scripts', [renameOneOffScripts]);
 *   describeFixturePairs('consolidate-docs', [consolidateDocs], { options: { mapping: {...} } });
 * A case folder may hold `settings.json` (`{ "options": {...}, "extraOptions": {...}, "paths": [...] }`),
 * which wins over the settings given in code for that case; with `"error"`, the case is a run that stops
 * before writing (a configuration error with that message) and its output is its input.
 * or, for one case with extra assertions: `const run = await runFixturePair(name, caseName, codemods)`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Codemod, CodemodOptions } from '../../codemods/runner/contract.js';
import { runCodemods, type RunReport } from '../../codemods/runner/run-codemods.js';
import type { OptionsSource } from '../../codemods/runner/rule-options.js';

export const CODEMOD_FIXTURES: string = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/codemods');

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export interface FixturePairOptions {
  /** Options every file gets, as if from the user's ESLint config for the codemod's rule. */
  readonly options?: CodemodOptions;
  /** Options of other rules a codemod `alsoReads`, by rule id (e.g. `{ "require-docs": { "roots": [...] } }`). */
  readonly otherRules?: Readonly<Record<string, CodemodOptions>>;
  /** Command-line options (e.g. `{ scriptsDir: 'scripts' }`). */
  readonly extraOptions?: CodemodOptions;
  /** Paths relative to the copied root; default everything. */
  readonly paths?: readonly string[];
  /** The message of the CodemodConfigurationError the run stops with, writing nothing. */
  readonly error?: string;
}

export interface FixturePairRun {
  /** The temporary copy the codemods ran in. */
  readonly dir: string;
  readonly inputDir: string;
  readonly outputDir: string;
  readonly report: RunReport;
  /** The settings the case ran with (its settings.json applied). */
  readonly settings: FixturePairOptions;
}

/**
 * The settings a case runs with: its `settings.json` over `settings`.
 * @performance one file read.
 */
export function caseSettings(caseDir: string, settings: FixturePairOptions): FixturePairOptions {
  const file = path.join(caseDir, 'settings.json');
  if (!fs.existsSync(file)) return settings;
  return { ...settings, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as FixturePairOptions) };
}

/**
 * Relative paths (with `/`) of every file under `root`, sorted.
 * @complexity O(n log n) for n files; one recursive directory read.
 */
export function listTree(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry: fs.Dirent): boolean => entry.isFile())
    .map((entry: fs.Dirent): string => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Every file's bytes under `root`, by relative path.
 * @complexity O(total size of the files).
 */
export function snapshotTree(root: string): Map<string, Buffer> {
  return new Map(listTree(root).map((file: string): [string, Buffer] => [file, fs.readFileSync(path.join(root, file))]));
}

/**
 * The case folders of a codemod's fixtures.
 * @complexity O(n log n) for n entries of the codemod's fixture folder.
 */
export function fixtureCases(name: string): string[] {
  return fs
    .readdirSync(path.join(CODEMOD_FIXTURES, name), { withFileTypes: true })
    .filter((entry: fs.Dirent): boolean => entry.isDirectory())
    .map((entry: fs.Dirent): string => entry.name)
    .sort();
}

function fixedOptions(codemods: readonly Codemod[], settings: FixturePairOptions): OptionsSource {
  const own = new Set(codemods.map((codemod: Codemod): string => codemod.rule));
  return {
    prepare: (rule: string): Promise<(file: string) => CodemodOptions> => {
      const frozen = Object.freeze({ ...(own.has(rule) ? settings.options : settings.otherRules?.[rule]) });
      return Promise.resolve((): CodemodOptions => frozen);
    },
  };
}

/**
 * Runs the codemods once more on `dir` with the same settings (force: the copy is not a git tree anyway).
 * @performance one codemod run on one thread.
 */
export function rerun(dir: string, codemods: readonly Codemod[], settings: FixturePairOptions = {}): Promise<RunReport> {
  return runCodemods({
    root: dir,
    paths: settings.paths ?? [],
    codemods,
    force: true,
    jobs: 1,
    options: fixedOptions(codemods, settings),
    ...(settings.extraOptions === undefined ? {} : { extraOptions: settings.extraOptions }),
  });
}

/**
 * Copies a case's input to a temporary folder and runs the codemods there through `runCodemods`.
 * @performance one copy of the input tree and one codemod run.
 */
export async function runFixturePair(
  name: string,
  caseName: string,
  codemods: readonly Codemod[],
  settings: FixturePairOptions = {},
): Promise<FixturePairRun> {
  const caseDir = path.join(CODEMOD_FIXTURES, name, caseName);
  const inputDir = path.join(caseDir, 'input');
  const outputDir = path.join(caseDir, 'output');
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `${name}-${caseName}-`)));
  temporary.push(dir);
  fs.cpSync(inputDir, dir, { recursive: true });
  const effective = caseSettings(caseDir, settings);
  const report = await rerun(dir, codemods, effective);
  return { dir, inputDir, outputDir, report, settings: effective };
}

/**
 * Asserts `actualDir` holds exactly the files of `expectedDir`, byte for byte.
 * @complexity O(total size of both trees).
 */
export function expectSameTree(actualDir: string, expectedDir: string): void {
  const actual = listTree(actualDir);
  expect(actual).toEqual(listTree(expectedDir));
  for (const file of actual) {
    const got = fs.readFileSync(path.join(actualDir, file));
    const want = fs.readFileSync(path.join(expectedDir, file));
    // Compared as text first so a failure shows a readable diff, then as bytes.
    expect(got.toString('utf8'), file).toBe(want.toString('utf8'));
    expect(got.equals(want), file).toBe(true);
  }
}

/**
 * Asserts every file the report does not mark changed (and that still exists) kept its input bytes.
 * @complexity O(total size of the input tree).
 */
export function expectUntouchedIdentical(run: FixturePairRun): void {
  const touched = new Set<string>();
  for (const file of run.report.files) {
    if (file.status === 'changed') touched.add(file.path);
  }
  const input = snapshotTree(run.inputDir);
  for (const [file, bytes] of input) {
    if (touched.has(file)) continue;
    const now = path.join(run.dir, file);
    expect(fs.existsSync(now), `${file} was not reported changed but is gone`).toBe(true);
    expect(fs.readFileSync(now).equals(bytes), `${file} was not reported changed but its bytes differ`).toBe(true);
  }
}

/**
 * Registers one test per fixture case of `name`: output matches, a second run changes nothing (no file
 * reported changed, tree byte-identical), untouched files byte-identical, and no file failed.
 * @performance two codemod runs per case.
 */
export function describeFixturePairs(name: string, codemods: readonly Codemod[], settings: FixturePairOptions = {}): void {
  describe(`${name} fixtures`, (): void => {
    for (const caseName of fixtureCases(name)) {
      const stops = caseSettings(path.join(CODEMOD_FIXTURES, name, caseName), settings).error;
      if (stops !== undefined) {
        it(`${caseName}: stops with a configuration error and writes nothing`, async (): Promise<void> => {
          const caseDir = path.join(CODEMOD_FIXTURES, name, caseName);
          const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `${name}-${caseName}-`)));
          temporary.push(dir);
          fs.cpSync(path.join(caseDir, 'input'), dir, { recursive: true });
          await expect(rerun(dir, codemods, caseSettings(caseDir, settings))).rejects.toThrow(expect.objectContaining({ name: 'CodemodConfigurationError', message: stops }));
          expectSameTree(dir, path.join(caseDir, 'output'));
          expectSameTree(dir, path.join(caseDir, 'input'));
        });
        continue;
      }
      it(`${caseName}: output, idempotence, untouched files`, async (): Promise<void> => {
        const run = await runFixturePair(name, caseName, codemods, settings);
        // A case may list, in failed.json, the files the codemod must refuse (left as they are, exit 1).
        const failedFile = path.join(CODEMOD_FIXTURES, name, caseName, 'failed.json');
        const failed = fs.existsSync(failedFile) ? (JSON.parse(fs.readFileSync(failedFile, 'utf8')) as string[]) : [];
        const failedPaths = (report: RunReport): string[] => report.files.filter((file) => file.status === 'failed').map((file) => file.path);
        expect(failedPaths(run.report)).toEqual(failed);
        expectSameTree(run.dir, run.outputDir);
        expectUntouchedIdentical(run);
        const before = snapshotTree(run.dir);
        const again = await rerun(run.dir, codemods, run.settings);
        expect(again.files.filter((file) => file.status === 'changed')).toEqual([]);
        expect(failedPaths(again)).toEqual(failed);
        expect(snapshotTree(run.dir)).toEqual(before);
      });
    }
  });
}
