// wrap-performance-monitor on a real project with its own tests (docs: /shared real-project-tests, issue 10):
// zod's npm package ships its TypeScript sources and ~146 vitest files, mapped to the sources under the
// `@zod/source` export condition. A copy gets every exported function and every public method of exported
// classes of `src/` wrapped (functions: "exported", every path, tests left out), with a stand-in monitor that
// counts calls and returns exactly what it runs. zod's tests and `tsc --noEmit` run before and after (over the
// sources, and over the sources with zod's test files and a consumer file using zod's public API, compared as
// file + error code so moved lines do not count); the counts must match, and a second codemod run must change
// nothing. Exits 1 otherwise. It also prints the critical functions it left alone, by reason.
// Run: npm run test:corpus   (builds first; two vitest and two tsc runs: 5 minutes idle, 25 on a loaded 2-core box)
// The test timeout is raised to 60 s in both runs: zod's "big base64" test takes ~4 s of its 5 s alone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCodemods } from '../dist/codemods/runner/run-codemods.js';
import { newErrors as typeErrorsAdded, typeErrors as typeErrorKinds } from './type-error-diff.js';
import wrapPerformanceMonitor from '../dist/codemods/wrap-performance-monitor.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const OPTIONS = Object.freeze({
  functions: 'exported',
  paths: ['src/**'],
  ignore: ['**/*.test.ts', '**/tests/**', 'monitor.ts'],
  monitor: { module: './monitor.js' },
});

const MONITOR = `// Stand-in for the runtime's measure: counts calls per name, returns exactly what fn returns.
const counts: Map<string, number> = ((globalThis as { __measured?: Map<string, number> }).__measured ??= new Map());

export function measure<T>(name: string, fn: () => T): T {
  counts.set(name, (counts.get(name) ?? 0) + 1);
  return fn();
}

export function monitored<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  return fn;
}
`;

// A consumer of zod's public API, type-checked with zod's sources: a codemod must not change what users see.
const CONSUMER = `import * as z from 'zod';

const User = z.object({ id: z.string(), age: z.number().int().min(0), tags: z.array(z.string()).default([]) });
export type User = z.infer<typeof User>;
export const parsed: User = User.parse({ id: 'a', age: 3 });
const Role = z.enum(['admin', 'user']);
export const roles: readonly ('admin' | 'user')[] = Role.options;
export const errors: { formErrors: string[] } = { formErrors: [] };
const result = User.safeParse({});
if (!result.success) {
  const flat = z.flattenError(result.error);
  errors.formErrors = flat.formErrors;
  result.error.issues[0]?.path.push('extra');
}
export const schema = z.toJSONSchema(User);
export const email = z.email().parse('a@example.org');
`;

/** Copies zod's package and gives it vitest, a vitest config on its sources and a tsconfig. */
function prepare() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wrap-performance-monitor-zod-')));
  const root = path.join(dir, 'zod');
  fs.cpSync(path.join(repo, 'node_modules', 'zod'), root, { recursive: true });
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(path.join(repo, 'node_modules', 'vitest'), path.join(root, 'node_modules', 'vitest'));
  fs.writeFileSync(path.join(root, 'monitor.ts'), MONITOR);
  fs.writeFileSync(
    path.join(root, 'vitest.config.mjs'),
    "export default { resolve: { conditions: ['@zod/source'] }, ssr: { resolve: { conditions: ['@zod/source'] } }, test: { include: ['src/**/*.test.ts'], testTimeout: 60000, reporters: ['json'], outputFile: 'vitest-results.json' } };\n",
  );
  fs.writeFileSync(
    path.join(root, 'tsconfig.check.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', customConditions: ['@zod/source'], noEmit: true, skipLibCheck: true, types: [] },
      include: ['src', 'monitor.ts'],
      exclude: ['**/*.test.ts', '**/tests/**'],
    }),
  );
  // zod's test files and a consumer are type-checked too (issue 17): they use the sources as users do.
  fs.writeFileSync(path.join(root, 'consumer.ts'), CONSUMER);
  fs.writeFileSync(
    path.join(root, 'tsconfig.tests.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', customConditions: ['@zod/source'], noEmit: true, skipLibCheck: true, types: [] },
      include: ['src', 'monitor.ts', 'consumer.ts'],
    }),
  );
  return { dir, root };
}

/** zod's own tests: files and tests passed and failed, from vitest's JSON report. */
function runTests(root) {
  const run = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const report = JSON.parse(fs.readFileSync(path.join(root, 'vitest-results.json'), 'utf8'));
  const failedFiles = report.testResults.filter((file) => file.status !== 'passed').map((file) => path.relative(root, file.name)).sort();
  return {
    files: report.testResults.length,
    failedFiles,
    passedTests: report.numPassedTests,
    failedTests: report.numFailedTests,
    exit: run.status,
  };
}

/** `tsc --noEmit` errors, as `file(line,col): error TSxxxx` lines. */
function typeErrors(root) {
  const run = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.check.json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return run.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
}

function countWrapped(root) {
  let functions = 0;
  for (const entry of fs.readdirSync(path.join(root, 'src'), { recursive: true })) {
    if (!entry.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(root, 'src', entry), 'utf8');
    functions += (text.match(/\bmeasure\('src\//g) ?? []).length + (text.match(/\bmeasure\("src\//g) ?? []).length;
  }
  return functions;
}

const { dir, root } = prepare();
try {
  console.log(`zod ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version} copied to ${root}`);
  const testsBefore = runTests(root);
  const errorsBefore = typeErrors(root);
  const withTestsBefore = typeErrorKinds(tsc, path.join(root, 'tsconfig.tests.json'));
  console.log(`before: ${testsBefore.files} test files, ${testsBefore.passedTests} tests passed, ${testsBefore.failedTests} failed; failing files: ${testsBefore.failedFiles.join(', ') || 'none'}; tsc errors: ${errorsBefore.length}`);

  const options = { prepare: async () => () => OPTIONS };
  const jobs = os.availableParallelism();
  const first = await runCodemods({ root, paths: ['src'], codemods: [wrapPerformanceMonitor], force: true, jobs, options });
  const failed = first.files.filter((file) => file.status === 'failed');
  console.log(`codemod: ${first.counts.changed} files changed, ${first.counts.unchanged} unchanged, ${first.counts.failed} failed, ${countWrapped(root)} functions wrapped, ${(first.totalMilliseconds / 1000).toFixed(2)} s on ${jobs} threads`);
  for (const file of failed) console.log(`  failed ${file.path}: ${file.reason}`);
  // Critical functions left alone, by reason (notes: nothing of their own to time, or to measure by hand).
  const reasons = new Map();
  for (const note of first.notes) {
    const reason = note.message.replace(/`[^`]*`/u, '…').split(':').slice(0, 3).join(':');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  console.log(`left alone: ${first.notes.length}`);
  for (const [reason, count] of reasons) console.log(`  ${count} × ${reason}`);
  const second = await runCodemods({ root, paths: ['src'], codemods: [wrapPerformanceMonitor], force: true, jobs, options });
  console.log(`second run: ${second.counts.changed} files changed`);

  const testsAfter = runTests(root);
  const errorsAfter = typeErrors(root);
  const withTestsAfter = typeErrorKinds(tsc, path.join(root, 'tsconfig.tests.json'));
  const newWithTests = typeErrorsAdded(withTestsBefore, withTestsAfter);
  console.log(`tsc over sources, tests and a consumer of the public API: ${withTestsBefore.length} errors before, ${withTestsAfter.length} after, ${newWithTests.length} new${newWithTests.length === 0 ? '' : `: ${newWithTests.slice(0, 10).join('; ')}`}`);
  console.log(`after: ${testsAfter.files} test files, ${testsAfter.passedTests} tests passed, ${testsAfter.failedTests} failed; failing files: ${testsAfter.failedFiles.join(', ') || 'none'}; tsc errors: ${errorsAfter.length}`);
  const newErrors = errorsAfter.filter((line) => !errorsBefore.includes(line));
  for (const line of newErrors.slice(0, 20)) console.log(`  new: ${line}`);

  const same =
    testsAfter.passedTests === testsBefore.passedTests &&
    testsAfter.failedTests === testsBefore.failedTests &&
    testsAfter.failedFiles.join() === testsBefore.failedFiles.join() &&
    newErrors.length === 0 &&
    newWithTests.length === 0 &&
    second.counts.changed === 0 &&
    first.counts.changed > 0;
  console.log(same ? 'OK: same test results, no new type errors, idempotent.' : 'FAILED: results differ (see above).');
  process.exitCode = same ? 0 : 1;
} finally {
  if (process.env.KEEP === undefined) fs.rmSync(dir, { recursive: true, force: true });
}
