import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import tsParser from '@typescript-eslint/parser';
import { Linter, type ESLint } from 'eslint';
import jscodeshift from 'jscodeshift';
import wrapPerformanceMonitor from '../../codemods/wrap-performance-monitor.js';
import requirePerformanceMonitor from '../../rules/require-performance-monitor.js';
import { REPO_ROOT, runNode } from '../run-node.js';
import { CODEMOD_FIXTURES, describeFixturePairs, runFixturePair } from './fixture-pairs.js';
import { runFixtureProgram, typeErrors } from './fixture-programs.js';

describeFixturePairs('wrap-performance-monitor', [wrapPerformanceMonitor]);

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Compiles a fixture program with its tsconfig into `out/` and runs `out/src/main.js`. */
async function compileAndRun(source: string): Promise<{ readonly tscOutput: string; readonly tscCode: number; readonly stdout: string; readonly stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-performance-monitor-run-'));
  temporary.push(dir);
  fs.cpSync(source, dir, { recursive: true });
  const compiled = await runNode([tsc, '-p', 'tsconfig.json'], dir);
  const ran = await runNode([path.join('out', 'src', 'main.js')], dir);
  expect(ran.code, ran.stderr).toBe(0);
  return { tscOutput: compiled.stdout, tscCode: compiled.code, stdout: ran.stdout, stderr: ran.stderr };
}

describe('wrap-performance-monitor keeps behaviour', () => {
  const caseDir = path.join(CODEMOD_FIXTURES, 'wrap-performance-monitor', 'behaviour');

  it('the program prints exactly the same before and after, type-checks, and every critical function is measured', async () => {
    const [before, after] = await Promise.all([compileAndRun(path.join(caseDir, 'input')), compileAndRun(path.join(caseDir, 'output'))]);
    expect(before.tscOutput).toBe('');
    expect(after.tscOutput).toBe('');
    expect([before.tscCode, after.tscCode]).toEqual([0, 0]);
    // Values, errors, `this`, `arguments`, hoisted calls, `.name`, `.length`, kinds, promises and rejections.
    expect(after.stdout).toBe(before.stdout);
    expect(before.stdout).toContain('early: hello\n  early\n');
    expect(before.stdout).toContain('load -1: rejected RangeError: negative id\n');
    expect(before.stdout).toContain('shape load: [1,"AsyncFunction"]\n');
    const measured = (stderr: string): string[] => [...new Set(stderr.split('\n').filter((line: string): boolean => line !== ''))].sort();
    expect(measured(before.stderr)).toEqual(['src/core/text.ts#format', 'src/services/store.ts#counted']);
    expect(measured(after.stderr)).toEqual([
      'src/api/users.ts#Point',
      'src/api/users.ts#area',
      'src/api/users.ts#describe',
      'src/api/users.ts#factorial',
      'src/api/users.ts#greet',
      'src/api/users.ts#helper',
      'src/api/users.ts#isText',
      'src/api/users.ts#load',
      'src/api/users.ts#loadAll',
      'src/api/users.ts#pair',
      'src/api/users.ts#pick',
      'src/core/text.ts#format',
      'src/services/legacy.js#default',
      'src/services/legacy.js#sloppy',
      'src/services/store.ts#Store.create',
      'src/services/store.ts#Store.prototype.describe',
      'src/services/store.ts#Store.prototype.put',
      'src/services/store.ts#Store.prototype.reveal',
      'src/services/store.ts#counted',
    ]);
    // Recursion goes through the measured function: factorial(5) is measured five times.
    expect(after.stderr.split('\n').filter((line: string): boolean => line === 'src/api/users.ts#factorial')).toHaveLength(5);
  });

  it('reports the files it changed and leaves the rest alone', async () => {
    const run = await runFixturePair('wrap-performance-monitor', 'behaviour', [wrapPerformanceMonitor]);
    const byStatus = (status: string): string[] =>
      run.report.files.filter((file) => file.status === status).map((file) => file.path).sort();
    expect(byStatus('changed')).toEqual(['src/api/users.ts', 'src/services/legacy.js', 'src/services/store.ts']);
    expect(byStatus('unchanged')).toEqual(['lib/monitor.ts', 'src/core/text.ts', 'src/main.ts']);
    expect(byStatus('failed')).toEqual([]);
    // What it left alone is said, per file, with the reason.
    expect(run.report.notes).toEqual([
      { codemod: 'wrap-performance-monitor', path: 'src/api/users.ts', message: 'not measured: `fail`: it only checks and throws (`if (…) throw`, `throw`, `assert(…)`): there is no work to time' },
      { codemod: 'wrap-performance-monitor', path: 'src/api/users.ts', message: 'not measured: `assertPositive`: it only checks and throws (`if (…) throw`, `throw`, `assert(…)`): there is no work to time' },
      { codemod: 'wrap-performance-monitor', path: 'src/api/users.ts', message: 'measure `ids` by hand: it cannot be wrapped because it is a generator, and a wrapper would time only the creation of its iterator' },
      { codemod: 'wrap-performance-monitor', path: 'src/services/legacy.js', message: 'measure `legacy` by hand: it cannot be wrapped because a `var` in its body re-declares parameter `a`, which would start undefined inside the callback' },
    ]);
  });
});

describe('wrap-performance-monitor on single files', () => {
  const api = { j: jscodeshift.withParser('ts'), jscodeshift: jscodeshift.withParser('ts'), stats: (): void => undefined, report: (): void => undefined };
  const root = '/project';
  const transform = (source: string, options: Readonly<Record<string, unknown>> = {}, file = 'src/api/users.ts'): string | undefined =>
    wrapPerformanceMonitor.transform({ path: `${root}/${file}`, source }, api, options, { root });

  it('wraps only exported async functions under the default paths, importing the runtime', () => {
    const source = "import { db } from './db';\n\nexport async function find(id: string) {\n  return db.get(id);\n}\n\nexport function sync() {\n  return 1;\n}\n";
    expect(transform(source)).toBe(
      "import { db } from './db';\nimport { measure } from 'eslint-plugin-perf-standards/runtime';\n\nexport async function find(id: string) {\n  return measure('src/api/users.ts#find', async () => {\n    return db.get(id);\n  });\n}\n\nexport function sync() {\n  return 1;\n}\n",
    );
    expect(transform(source, {}, 'src/ui/users.ts')).toBeUndefined();
  });

  it('wraps a function tagged @critical anywhere, nested ones included, outer first then inner', () => {
    const source = '/** @critical */\nexport function outer() {\n  /** @critical */\n  function inner() {\n    return 2;\n  }\n  return inner();\n}\n';
    expect(transform(source, {}, 'src/ui/view.ts')).toBe(
      "import { measure } from 'eslint-plugin-perf-standards/runtime';\n/** @critical */\nexport function outer() {\n  return measure('src/ui/view.ts#outer', () => {\n    /** @critical */\n    function inner() {\n      return measure('src/ui/view.ts#outer.inner', () => {\n        return 2;\n      });\n    }\n    return inner();\n  });\n}\n",
    );
  });

  it('uses another local name when `measure` is taken, and the namespace of an existing namespace import', () => {
    expect(transform('const measure = 1;\nexport async function run() { return measure; }\n')).toBe(
      "import { measure as measure2 } from 'eslint-plugin-perf-standards/runtime';\nconst measure = 1;\nexport async function run() { return measure2('src/api/users.ts#run', async () => { return measure; }); }\n",
    );
    expect(transform("import * as perf from 'eslint-plugin-perf-standards/runtime';\nexport const run = async () => 1;\n")).toBe(
      "import * as perf from 'eslint-plugin-perf-standards/runtime';\nexport const run = async () => perf.measure('src/api/users.ts#run', async () => 1);\n",
    );
  });

  it('reads the monitor option: module, export names; and skips ignored files', () => {
    const options = { monitor: { module: '@acme/perf', measure: 'timed' }, ignore: ['src/api/skip.ts'] };
    // No semicolons in the file, none in the new code; tabs stay tabs.
    expect(transform('const limit = 1\nexport async function run() {\n\treturn limit\n}\n', options)).toBe(
      "import { timed } from '@acme/perf'\nconst limit = 1\nexport async function run() {\n\treturn timed('src/api/users.ts#run', async () => {\n\t\treturn limit\n\t})\n}\n",
    );
    expect(transform('export async function run() { return 1; }\n', options, 'src/api/skip.ts')).toBeUndefined();
  });

  it('keeps a comment ending the `{` line there, unless it covers the next line, which it keeps covering', () => {
    expect(transform('export async function run() { // eslint-disable-line max-params\n  return 1;\n}\n')).toBe(
      "import { measure } from 'eslint-plugin-perf-standards/runtime';\nexport async function run() { // eslint-disable-line max-params\n  return measure('src/api/users.ts#run', async () => {\n    return 1;\n  });\n}\n",
    );
    expect(transform('export async function run() { // @ts-expect-error not declared\n  return missing;\n}\n')).toBe(
      "import { measure } from 'eslint-plugin-perf-standards/runtime';\nexport async function run() {\n  return measure('src/api/users.ts#run', async () => { // @ts-expect-error not declared\n    return missing;\n  });\n}\n",
    );
  });

  it('leaves generators and bodies that would change meaning alone, and refuses to turn a script into a module', () => {
    expect(transform('export async function* stream() {\n  yield 1;\n}\n')).toBeUndefined();
    expect(transform('export async function legacy(a) {\n  var a;\n  return a;\n}\n')).toBeUndefined();
    expect(() => transform('/** @critical */\nfunction run() { return 1; }\n')).toThrow(
      'the file is a script (no import or export): importing the monitor would turn it into a module; measure its critical functions by hand',
    );
  });
});

const NOTE = (path: string, message: string) => ({ codemod: 'wrap-performance-monitor', path, message });
const caseOptions = (caseName: string): Readonly<Record<string, unknown>> =>
  (JSON.parse(fs.readFileSync(path.join(CODEMOD_FIXTURES, 'wrap-performance-monitor', caseName, 'settings.json'), 'utf8')) as { options: Record<string, unknown> }).options;

/** ESLint's problems for one TypeScript file with `rules`, unused disable directives reported as errors. */
function lintTypeScript(file: string, rules: Linter.RulesRecord, plugins: Linter.Config['plugins'] = {}): string[] {
  const linter = new Linter();
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins, rules, linterOptions: { reportUnusedDisableDirectives: 'error' } },
  ];
  return linter.verify(fs.readFileSync(file, 'utf8'), config, { filename: file }).map((message) => `${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`);
}

describe('directive-covers-return: comment directives keep covering what they covered', () => {
  const caseDir = path.join(CODEMOD_FIXTURES, 'wrap-performance-monitor', 'directive-covers-return');

  it('type-checks before and after with every @ts-expect-error still used (no TS2322 moved out, no TS2578)', () => {
    expect(typeErrors(path.join(caseDir, 'input'))).toEqual([]);
    expect(typeErrors(path.join(caseDir, 'output'))).toEqual([]);
  });

  it('keeps eslint-disable-line and eslint-disable-next-line used: the same (no) problems before and after', () => {
    const rules: Linter.RulesRecord = { 'no-console': 'error', 'max-params': ['error', 1] };
    expect(lintTypeScript(path.join(caseDir, 'input', 'src', 'handlers.ts'), rules)).toEqual([]);
    expect(lintTypeScript(path.join(caseDir, 'output', 'src', 'handlers.ts'), rules)).toEqual([]);
  });

  it('the program prints the same before and after, and a function whose return type comes from its context is left to a human, with why', async () => {
    const [before, after] = await Promise.all([runFixtureProgram(path.join(caseDir, 'input')), runFixtureProgram(path.join(caseDir, 'output'))]);
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(after.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'src/handlers.ts#count', 'src/handlers.ts#count',
      'src/handlers.ts#debugLabel', 'src/handlers.ts#debugLabel',
      'src/handlers.ts#describeRow', 'src/handlers.ts#describeRow',
      'src/handlers.ts#first', 'src/handlers.ts#first',
      'src/handlers.ts#parse', 'src/handlers.ts#parse',
      'src/handlers.ts#total',
    ]);
    const run = await runFixturePair('wrap-performance-monitor', 'directive-covers-return', [wrapPerformanceMonitor]);
    expect(run.report.notes).toEqual([
      NOTE('src/handlers.ts', 'measure `handle` by hand: it cannot be wrapped because a `@ts-expect-error` or `@ts-ignore` comment covers a value it returns, and that error would move to the new `return measure(…)` (its return type may come from where it is assigned)'),
    ]);
  });
});

describe('untimed-functions: factories, checks-only and empty helpers are left alone, and the rule agrees', () => {
  const caseDir = path.join(CODEMOD_FIXTURES, 'wrap-performance-monitor', 'untimed-functions');

  it('says why each was left alone; the program prints the same; the output type-checks', async () => {
    const run = await runFixturePair('wrap-performance-monitor', 'untimed-functions', [wrapPerformanceMonitor]);
    const factory = 'it only builds and returns the function that does the work (a factory); measure that function where it is used';
    const checks = 'it only checks and throws (`if (…) throw`, `throw`, `assert(…)`): there is no work to time';
    const empty = 'its body is empty: there is no work to time';
    expect(run.report.notes).toEqual([
      NOTE('src/middleware.ts', `not measured: \`cors\`: ${factory}`),
      NOTE('src/middleware.ts', `not measured: \`compose\`: ${factory}`),
      NOTE('src/middleware.ts', 'not measured: `header`: it only returns the function that does the work; measure that function where it is used'),
      NOTE('src/middleware.ts', `not measured: \`assertOrigin\`: ${checks}`),
      NOTE('src/middleware.ts', `not measured: \`unreachable\`: ${checks}`),
      NOTE('src/middleware.ts', `not measured: \`noop\`: ${empty}`),
      NOTE('src/middleware.ts', `not measured: \`ready\`: ${empty}`),
    ]);
    expect(typeErrors(path.join(caseDir, 'output'))).toEqual([]);
    const [before, after] = await Promise.all([runFixtureProgram(path.join(caseDir, 'input')), runFixtureProgram(path.join(caseDir, 'output'))]);
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect([...new Set(after.stderr.split('\n').filter(Boolean))].sort()).toEqual(['src/middleware.ts#connect', 'src/middleware.ts#originOf', 'src/middleware.ts#register']);
  });

  it('require-performance-monitor reports exactly the functions the codemod wraps', () => {
    const file = path.join(caseDir, 'input', 'src', 'middleware.ts');
    const linter = new Linter({ cwd: path.join(caseDir, 'input') });
    const messages = linter.verify(
      fs.readFileSync(file, 'utf8'),
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as Linter.Parser },
          plugins: { perf: { rules: { 'require-performance-monitor': requirePerformanceMonitor } } as unknown as ESLint.Plugin },
          // No config file belongs to this project: its globs are relative to the project folder, as the codemod's.
          settings: { 'perf-standards': { basePath: path.join(caseDir, 'input') } },
          rules: { 'perf/require-performance-monitor': ['error', caseOptions('untimed-functions')] },
        },
      ],
      { filename: file },
    );
    expect(messages.map((message) => message.message.split(' with ')[0])).toEqual([
      'Measure critical function "connect"',
      'Measure critical function "register"',
      'Measure critical function "originOf"',
    ]);
  });
});
