// The type-changing codemods on a real project, judged by everything that can see their edits (issue 17, part 1):
// zod's npm package (its TypeScript sources and ~146 vitest files, mapped to the sources by the `@zod/source`
// export condition) copied to a temp folder with two tsconfig projects, `tsconfig.json` (the sources, tests
// excluded) and `tsconfig.test.json` (sources AND tests), plus a consumer project OUTSIDE the codemods' root that
// uses zod's public API mutably (`schema.options`, `issue.path`, `flatten().formErrors`, the JSON Schema override
// context), as a user's code would. Counts before, after `add-explicit-types`, and after `readonly-data-shapes`:
// zod's own tests (before and at the end: both codemods make type-only edits), `tsc --noEmit` errors of both
// projects by file and code, and the consumer's errors. Also the cost: each codemod's plan (CPU user+sys and peak
// RSS of its process, from /usr/bin/time) against the summed `tsc --noEmit` of the projects in its proof.
// Exits 1 when a count differs or an error is new. One run, not interleaved medians (the run is slow).
// Run: npm run test:corpus   (builds first; it also runs bench/wrap-performance-monitor-zod.js), or
//      npm run build && node bench/type-codemods-zod.js   (about 15 minutes idle, much longer on a loaded box)
// With CHANGE_PUBLIC_API=1 the codemods also change zod's exported shapes (then the consumer is expected to break:
// that is what the default protects).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newErrors } from './type-error-diff.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const vitest = path.join(repo, 'node_modules/vitest/vitest.mjs');
const script = fileURLToPath(import.meta.url);

const COMPILER_OPTIONS = {
  strict: true,
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  customConditions: ['@zod/source'],
  lib: ['es2022', 'dom'],
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

// What a user of zod may write today: every line type-checks against zod 4.1.9 as published.
const CONSUMER = `import * as z from 'zod';

const mode = z.enum(['fast', 'slow']);
const options = mode.options;
options.push('fast');
mode.options = ['slow'];

const parsed = z.object({ name: z.string() }).safeParse({ name: 1 });
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  if (issue !== undefined) issue.path.push('extra');
  const flat = parsed.error.flatten();
  flat.formErrors.push('form error');
  const tree = z.treeifyError(parsed.error);
  tree.errors.push('tree error');
}

const jsonSchema = z.toJSONSchema(z.object({ id: z.string() }), {
  override: (context) => {
    context.jsonSchema.title = 'Identified';
    context.jsonSchema.$id = 'urn:id';
  },
});
jsonSchema.description = 'consumer';
z.config({ jitless: true });
console.log(options.length, jsonSchema.title);
`;

function listFiles(root) {
  return fs
    .readdirSync(root, { recursive: true })
    .map((entry) => path.join(root, entry))
    .filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`) && fs.statSync(file).isFile());
}

function prepare() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'type-codemods-zod-')));
  const root = path.join(dir, 'zod');
  fs.cpSync(path.join(repo, 'node_modules/zod'), root, { recursive: true });
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(path.join(repo, 'node_modules/vitest'), path.join(root, 'node_modules/vitest'));
  fs.writeFileSync(
    path.join(root, 'vitest.config.mjs'),
    "export default { resolve: { conditions: ['@zod/source'] }, ssr: { resolve: { conditions: ['@zod/source'] } }, test: { include: ['src/**/*.test.ts'], testTimeout: 60000 } };\n",
  );
  // The benchmarks need the `benchmark` package, which zod does not ship.
  const exclude = ['src/v3/benchmarks'];
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ['src'], exclude: [...exclude, '**/*.test.ts', '**/tests/**'] }, null, 2));
  fs.writeFileSync(path.join(root, 'tsconfig.test.json'), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ['src'], exclude }, null, 2));
  const consumer = path.join(dir, 'consumer');
  fs.mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
  fs.symlinkSync(root, path.join(consumer, 'node_modules/zod'), 'dir');
  fs.writeFileSync(path.join(consumer, 'consumer.ts'), CONSUMER);
  fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files: ['consumer.ts'] }, null, 2));
  return { dir, root, consumer };
}

/** CPU seconds (user + sys, children included) and peak RSS in MB of one command. */
function timed(args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const [user, sys, kb] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { cpu: user + sys, rssMb: kb / 1024, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** `file TSnnnn` per error of `tsc -p config` (only those in files under `only`, when given), sorted; and its cost. */
function typeErrors(config, only) {
  const run = timed([tsc, '--noEmit', '-p', config], path.dirname(config));
  const errors = (run.stdout.match(/^\S+?\(\d+,\d+\): error TS\d+/gm) ?? [])
    .map((line) => line.replace(/\(\d+,\d+\)/, ''))
    .filter((line) => only === undefined || line.startsWith(only))
    .sort();
  return { errors, cpu: run.cpu, rssMb: run.rssMb };
}

function tests(root) {
  const report = path.join(root, 'vitest-report.json');
  spawnSync(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${report}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report);
  return {
    files: json.testResults.length,
    failedFiles: json.testResults.filter((result) => result.status !== 'passed').map((result) => path.relative(root, result.name)).sort(),
    passed: json.numPassedTests,
    failed: json.numFailedTests,
  };
}

function counts(root, consumer) {
  return {
    sources: typeErrors(path.join(root, 'tsconfig.json')),
    withTests: typeErrors(path.join(root, 'tsconfig.test.json')),
    consumer: typeErrors(path.join(consumer, 'tsconfig.json'), 'consumer.ts'),
  };
}

/** Child mode: plans one codemod over the root (every file selected), applies it, prints a JSON summary. */
async function planChild(name, root) {
  const { default: codemod } = await import(path.join(repo, 'dist/codemods', `${name}.js`));
  const files = listFiles(root);
  // CHANGE_PUBLIC_API=1: as `--change-public-api`, so readonly-data-shapes also tries zod's exported shapes.
  const options = process.env.CHANGE_PUBLIC_API === '1' ? { changePublicApi: true } : {};
  const changes = await codemod.plan({ root, files, projectFiles: files, optionsFor: () => options });
  for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
  const summary = changes.notes.filter((note) => note.path.endsWith('tsconfig.json')).map((note) => note.message);
  process.stdout.write(JSON.stringify({ writes: changes.writes.size, failed: changes.failed.length, summary }));
}

async function main() {
  const { dir, root, consumer } = prepare();
  const rows = [];
  let broken = false;
  try {
    const testsBefore = tests(root);
    const before = counts(root, consumer);
    const tscSum = before.sources.cpu + before.withTests.cpu;
    const tscRss = Math.max(before.sources.rssMb, before.withTests.rssMb);
    console.log(`zod ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version} at ${root}`);
    console.log(
      `before: ${testsBefore.files} test files, ${testsBefore.passed} passed, ${testsBefore.failed} failed (${testsBefore.failedFiles.join(', ') || 'none'}); tsc errors: sources ${before.sources.errors.length}, with tests ${before.withTests.errors.length}, consumer ${before.consumer.errors.length}; tsc CPU ${before.sources.cpu.toFixed(1)} s + ${before.withTests.cpu.toFixed(1)} s, peak RSS ${tscRss.toFixed(0)} MB`,
    );
    let previous = before;
    for (const name of ['add-explicit-types', 'readonly-data-shapes']) {
      const run = timed([script, '--plan', name, root], root);
      if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
      const plan = JSON.parse(run.stdout);
      const after = counts(root, consumer);
      const added = ['sources', 'withTests', 'consumer'].flatMap((key) => newErrors(previous[key].errors, after[key].errors).map((error) => `${key}: ${error}`));
      const same = ['sources', 'withTests', 'consumer'].every((key) => after[key].errors.length === previous[key].errors.length);
      if (added.length > 0 || !same || plan.failed > 0) broken = true;
      rows.push({ name, plan, cpu: run.cpu, rssMb: run.rssMb, after, added });
      console.log(`${name}: ${plan.writes} files changed, ${plan.failed} failed; ${plan.summary.join(' | ')}`);
      console.log(`  CPU ${run.cpu.toFixed(1)} s (${(run.cpu / tscSum).toFixed(2)}× the summed tsc ${tscSum.toFixed(1)} s), peak RSS ${run.rssMb.toFixed(0)} MB (${(run.rssMb / tscRss).toFixed(2)}× tsc's)`);
      console.log(`  tsc errors: sources ${after.sources.errors.length}, with tests ${after.withTests.errors.length}, consumer ${after.consumer.errors.length}; new: ${added.length === 0 ? 'none' : added.join(', ')}`);
      previous = after;
    }
    const testsAfter = tests(root);
    console.log(`after both: ${testsAfter.files} test files, ${testsAfter.passed} passed, ${testsAfter.failed} failed (${testsAfter.failedFiles.join(', ') || 'none'})`);
    if (JSON.stringify(testsAfter) !== JSON.stringify(testsBefore)) broken = true;
    console.log('\n| step | files changed | tests (files / passed / failed) | tsc errors: sources / with tests / consumer | CPU vs summed tsc | peak RSS vs tsc |');
    console.log('|---|---|---|---|---|---|');
    console.log(`| before | | ${testsBefore.files} / ${testsBefore.passed} / ${testsBefore.failed} | ${before.sources.errors.length} / ${before.withTests.errors.length} / ${before.consumer.errors.length} | ${tscSum.toFixed(1)} s (1×) | ${tscRss.toFixed(0)} MB |`);
    for (const row of rows) {
      console.log(
        `| ${row.name} | ${row.plan.writes} | ${row.name === 'readonly-data-shapes' ? `${testsAfter.files} / ${testsAfter.passed} / ${testsAfter.failed}` : '(type-only edits)'} | ${row.after.sources.errors.length} / ${row.after.withTests.errors.length} / ${row.after.consumer.errors.length} | ${row.cpu.toFixed(1)} s (${(row.cpu / tscSum).toFixed(2)}×) | ${row.rssMb.toFixed(0)} MB (${(row.rssMb / tscRss).toFixed(2)}×) |`,
      );
    }
    console.log(broken ? 'FAILED: a count differs or an error is new (see above).' : 'OK: same test results, no new type error in either project or the consumer.');
    process.exitCode = broken ? 1 : 0;
  } finally {
    if (process.env.KEEP === undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--plan') await planChild(process.argv[3], process.argv[4]);
else await main();
