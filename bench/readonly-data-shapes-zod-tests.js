// zod's own test suite judges readonly-data-shapes (issue 11): zod's npm package ships its TypeScript sources and
// ~146 vitest files, and its `@zod/source` export condition maps every entry to those sources, so the tests run
// against the sources the codemod rewrote. Steps: copy the package, give it vitest and a tsconfig that includes
// the tests (they write zod's objects too, so the type checker must see them), run vitest and `tsc --noEmit`,
// run the codemod, run both again. Exits 1 when a count differs or a type error is new.
// Run: npm run bench:readonly-data-shapes-zod-tests   (builds first; a few minutes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const vitest = path.join(repo, 'node_modules/vitest/vitest.mjs');

function listFiles(root) {
  return fs
    .readdirSync(root, { recursive: true })
    .map((entry) => path.join(root, entry))
    .filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`) && fs.statSync(file).isFile());
}

function prepare() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zod-readonly-'));
  fs.cpSync(path.join(repo, 'node_modules/zod'), dir, { recursive: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(
    path.join(dir, 'vitest.config.mjs'),
    "export default { resolve: { conditions: ['@zod/source'] }, ssr: { resolve: { conditions: ['@zod/source'] } }, test: { include: ['src/**/*.test.ts'] } };\n",
  );
  const compilerOptions = {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    customConditions: ['@zod/source'],
    lib: ['ES2022', 'DOM'],
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  // The benchmarks need the `benchmark` package, which zod does not ship.
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'], exclude: ['src/v3/benchmarks'] }, null, 2));
  return dir;
}

function typeErrors(dir) {
  const { stdout } = spawnSync(process.execPath, [tsc, '--noEmit', '-p', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (stdout.match(/^\S+?\(\d+,\d+\): error TS\d+/gm) ?? []).map((line) => line.replace(/\(\d+,\d+\)/, '')).sort();
}

function tests(dir) {
  const report = path.join(dir, 'vitest-report.json');
  spawnSync(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${report}`], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report);
  return {
    files: json.numTotalTestSuites,
    failedFiles: json.testResults.filter((result) => result.status !== 'passed').length,
    tests: json.numTotalTests,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
  };
}

const dir = prepare();
try {
  const before = { errors: typeErrors(dir), tests: tests(dir) };
  const { default: codemod } = await import(path.join(repo, 'dist/codemods/readonly-data-shapes.js'));
  const start = performance.now();
  const changes = await codemod.plan({ root: dir, files: listFiles(dir), optionsFor: () => ({}) });
  const seconds = (performance.now() - start) / 1000;
  for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
  const after = { errors: typeErrors(dir), tests: tests(dir) };
  const added = after.errors.filter((error) => !before.errors.includes(error));
  const project = changes.notes.find((note) => note.path.endsWith('tsconfig.json'))?.message ?? '';
  console.log(`| zod 4.1.9 src (with its tests) | ${changes.writes.size} files changed | ${project} | type errors ${before.errors.length} → ${after.errors.length} (new: ${added.length}) | vitest before: ${JSON.stringify(before.tests)} | after: ${JSON.stringify(after.tests)} | plan ${seconds.toFixed(1)} s wall |`);
  const same = JSON.stringify(before.tests) === JSON.stringify(after.tests);
  if (added.length > 0) console.error(`new type errors: ${JSON.stringify(added)}`);
  process.exitCode = same && added.length === 0 ? 0 : 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
