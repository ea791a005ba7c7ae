// A real pure-Python project's own tests judge `perf-standards fix --all` (issue 20; docs/python.md,
// "A real project's own tests"). The project is taken by path and never copied into this repository: a git
// clone of it is cloned again into a scratch folder, where this script
//   1. runs its tests with `python3 -m pytest` (outcome of every test, from a JUnit report written outside the
//      project) and pyright (`node_modules/.bin/pyright --outputjson`, its errors as file + rule + message, so
//      that moved lines do not count);
//   2. runs `perf-standards fix --all .` (with this repository's pyright on the PATH) and prints what it did:
//      files changed, skipped and failed per codemod, its notes, its exit code; then commits the result;
//   3. runs `fix --all` again, which must change nothing (idempotence);
//   4. runs the tests and pyright again.
// It exits 1 when a test's outcome changed, pyright reports an error the project did not have, the second run
// changed a file or `fix --all` crashed (exit ≥ 2); exit 1 of `fix --all` (a file it could not fix safely) is
// printed, not a failure. Projects: the arguments, else PERF_STANDARDS_PYTHON_CORPUS (paths separated by `:`);
// with neither, or when that variable names no existing folder, it says so and exits 0 (`npm run test:corpus`
// runs it that way). A path given as an argument must exist.
// Run: node bench/python-corpus.js [--tests <dir>] [--keep] <project>...   (after `npm run build`)
//      --tests: the test folder, relative to the project (default: the first of tests, unittests, test)
//      --keep: leave the scratch clone (its path is printed)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliBin = path.join(repo, 'dist/cli/main.js');
const pyrightBin = path.join(repo, 'node_modules/.bin/pyright');
const ENV_VAR = 'PERF_STANDARDS_PYTHON_CORPUS';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { tests: { type: 'string' }, keep: { type: 'boolean', default: false } } });

const git = (cwd, ...args) =>
  execFileSync('git', ['-c', 'user.name=corpus', '-c', 'user.email=corpus@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 28 });
// No bytecode or pytest cache in the clone: the tree must stay clean for `fix` and for the idempotence check.
const PYTHON_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };

/** Every test's outcome (`passed`, `failed`, `error`, `skipped`), by pytest's id, from a JUnit XML report. */
function runTests(root, testDir, report) {
  const started = process.hrtime.bigint();
  const run = spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--junitxml=${report}`, testDir], { cwd: root, env: PYTHON_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!fs.existsSync(report)) throw new Error(`pytest wrote no report in ${root} (exit ${run.status}):\n${(run.stdout + run.stderr).slice(-3000)}`);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report);
  const outcomes = new Map();
  for (const suite of xml.testsuites?.testsuite ?? xml.testsuite ?? []) {
    for (const testCase of suite.testcase ?? []) {
      const outcome = testCase.failure !== undefined ? 'failed' : testCase.error !== undefined ? 'error' : testCase.skipped !== undefined ? 'skipped' : 'passed';
      outcomes.set(`${testCase.classname}::${testCase.name}`, outcome);
    }
  }
  const counts = {};
  for (const outcome of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return { outcomes, counts, exit: run.status, seconds, summary: run.stdout.trimEnd().split('\n').at(-1) ?? '' };
}

/** pyright's errors as `file: rule: message` → how many times, plus the total. */
function typeErrors(root) {
  const run = spawnSync(pyrightBin, ['--outputjson'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`pyright failed in ${root} (exit ${run.status}):\n${run.stderr.slice(-2000)}${run.stdout.slice(0, 2000)}`);
  }
  const errors = new Map();
  for (const diagnostic of report.generalDiagnostics.filter((entry) => entry.severity === 'error')) {
    const key = `${path.relative(root, diagnostic.file)}: ${diagnostic.rule ?? '(no rule)'}: ${diagnostic.message.split('\n')[0]}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }
  return { errors, total: report.summary.errorCount, files: report.summary.filesAnalyzed };
}

// pyright on the PATH, as in a project whose developers type-check: the codemods that use it when they find it
// (add-explicit-types on Python) then run in full, not in their reduced mode.
const FIX_ENV = { ...process.env, PATH: `${path.join(repo, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}` };

/** `perf-standards fix --all --json .`: its exit code and JSON report. */
function fixAll(root) {
  const run = spawnSync(process.execPath, [cliBin, 'fix', '--all', '--json', '.'], { cwd: root, env: FIX_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  let report = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    // A crash prints no report; the exit code and stderr say what happened.
  }
  return { exit: run.status, report, stderr: run.stderr };
}

function printFix(label, fix) {
  console.log(`${label}: exit ${fix.exit}`);
  if (fix.report === null) {
    console.log(`  no report; stderr:\n${fix.stderr.slice(-3000)}`);
    return;
  }
  const { counts, files, notes, skippedCodemods } = fix.report;
  console.log(`  ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.failed} failed`);
  for (const codemod of fix.report.codemods) {
    const own = files.filter((file) => file.codemod === codemod && file.status !== 'unchanged');
    const ownNotes = notes.filter((note) => note.codemod === codemod);
    if (own.length + ownNotes.length === 0) continue;
    const byStatus = (status) => own.filter((file) => file.status === status);
    console.log(`  ${codemod}: ${byStatus('changed').length} changed, ${byStatus('skipped').length} skipped, ${byStatus('failed').length} failed, ${ownNotes.length} notes`);
    for (const file of own) console.log(`    ${file.status} ${file.path}${file.renamedTo === undefined ? '' : ` → ${file.renamedTo}`}${file.reason === undefined ? '' : `: ${file.reason}`}`);
    // Notes repeat a reason per class or function; the first ones show the kinds.
    for (const note of ownNotes.slice(0, 8)) console.log(`    note ${note.path}: ${note.message}`);
    if (ownNotes.length > 8) console.log(`    … ${ownNotes.length - 8} more notes`);
  }
  for (const skipped of skippedCodemods ?? []) console.log(`  not run: ${typeof skipped === 'string' ? skipped : JSON.stringify(skipped)}`);
}

const countsText = (counts) =>
  Object.entries(counts)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ') || 'no tests';

function judge(project) {
  const source = path.resolve(project);
  const testDir = values.tests ?? ['tests', 'unittests', 'test'].find((dir) => fs.existsSync(path.join(source, dir)));
  if (testDir === undefined) throw new Error(`${source} has none of tests/, unittests/, test/; name its test folder with --tests`);
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-python-corpus-')));
  const root = path.join(scratch, path.basename(source));
  const report = path.join(scratch, 'junit.xml');
  const problems = [];
  try {
    git(scratch, 'clone', '-q', source, root);
    let origin = 'no remote';
    try {
      origin = git(source, 'config', '--get', 'remote.origin.url').trim();
    } catch {
      // A clone made with `git init` has no origin; the commit still names the code.
    }
    console.log(`\n== ${path.basename(source)} at ${git(root, 'rev-parse', 'HEAD').trim()} (from ${origin}), cloned to ${root}`);
    const testsBefore = runTests(root, testDir, report);
    const typesBefore = typeErrors(root);
    console.log(`before: pytest ${testDir}: ${countsText(testsBefore.counts)} (exit ${testsBefore.exit}, ${testsBefore.seconds.toFixed(1)} s); pyright: ${typesBefore.total} errors in ${typesBefore.files} files`);
    if (git(root, 'status', '--porcelain').trim() !== '') throw new Error(`the tests left files the project does not ignore:\n${git(root, 'status', '--porcelain')}`);

    const first = fixAll(root);
    printFix('fix --all', first);
    if (first.exit !== 0 && first.exit !== 1) problems.push(`fix --all exited ${first.exit}`);
    else if (first.exit === 1) console.log('  (exit 1: a file it could not fix safely was left untouched and reported, or a codemod the configuration keeps from running was not run; not a failure of this check)');
    git(root, 'add', '-A');
    console.log(`  git diff --shortstat: ${git(root, 'diff', '--cached', '--shortstat').trim() || 'nothing'}`);
    git(root, 'commit', '-qm', 'perf-standards fix --all', '--allow-empty');

    const second = fixAll(root);
    const secondChanged = git(root, 'status', '--porcelain', '--untracked-files=all').trim();
    console.log(`second fix --all: exit ${second.exit}, ${second.report?.counts.changed ?? '?'} files changed${secondChanged === '' ? '' : `:\n${secondChanged}\n${git(root, 'diff').slice(0, 3000)}`}`);
    if (secondChanged !== '' || second.report === null || second.report.counts.changed !== 0) problems.push('the second fix --all changed files (not idempotent)');
    if (second.exit !== 0 && second.exit !== 1) problems.push(`the second fix --all exited ${second.exit}`);
    if (secondChanged !== '') {
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', 'second perf-standards fix --all');
    }

    const testsAfter = runTests(root, testDir, report);
    const typesAfter = typeErrors(root);
    console.log(`after: pytest ${testDir}: ${countsText(testsAfter.counts)} (exit ${testsAfter.exit}, ${testsAfter.seconds.toFixed(1)} s); pyright: ${typesAfter.total} errors in ${typesAfter.files} files`);
    const changedTests = [...new Set([...testsBefore.outcomes.keys(), ...testsAfter.outcomes.keys()])].filter((id) => testsBefore.outcomes.get(id) !== testsAfter.outcomes.get(id));
    for (const id of changedTests.slice(0, 20)) console.log(`  test ${id}: ${testsBefore.outcomes.get(id) ?? 'absent'} → ${testsAfter.outcomes.get(id) ?? 'absent'}`);
    if (changedTests.length > 0) problems.push(`${changedTests.length} tests changed outcome`);
    if (testsBefore.exit !== testsAfter.exit) problems.push(`pytest exited ${testsBefore.exit} before, ${testsAfter.exit} after`);
    const newErrors = [...typesAfter.errors].filter(([key, count]) => count > (typesBefore.errors.get(key) ?? 0));
    for (const [key, count] of newErrors.slice(0, 20)) console.log(`  new pyright error (${count} after, ${typesBefore.errors.get(key) ?? 0} before): ${key}`);
    if (newErrors.length > 0) problems.push(`${newErrors.length} kinds of pyright error are new or more frequent`);
    console.log(problems.length === 0 ? 'OK: same test outcomes, no new pyright error, idempotent.' : `FAILED: ${problems.join('; ')}`);
    return problems.length === 0;
  } finally {
    if (values.keep) console.log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const fromEnv = (process.env[ENV_VAR] ?? '').split(':').filter(Boolean);
const projects = positionals.length > 0 ? positionals : fromEnv.filter((dir) => fs.existsSync(dir));
const notClones = positionals.filter((dir) => !fs.existsSync(path.join(dir, '.git')));
if (notClones.length > 0) {
  console.error(`python-corpus: ${notClones.join(', ')}: not a git clone (no .git); docs/python.md ("A real project's own tests") gives the git clone commands`);
  process.exitCode = 2;
} else if (projects.length === 0) {
  const missing = fromEnv.length === 0 ? `${ENV_VAR} is not set` : `none of ${ENV_VAR}'s folders exists (${fromEnv.join(', ')})`;
  console.log(`python-corpus: skipped, no Python project to judge the codemods on: ${missing}. See docs/python.md ("A real project's own tests") for the git clone commands.`);
} else {
  for (const dir of fromEnv.filter((entry) => positionals.length === 0 && !fs.existsSync(entry))) console.log(`python-corpus: ${dir} does not exist; skipped`);
  if (!fs.existsSync(cliBin)) throw new Error(`${cliBin} is missing: run npm run build first`);
  let ok = true;
  for (const project of projects) ok = judge(project) && ok;
  process.exitCode = ok ? 0 : 1;
}
