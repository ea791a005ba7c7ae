// add-explicit-types against one `tsc --noEmit` of the same project (issue 5: target ≤ 2×), on npm packages'
// own sources. Also checks the codemod's promises on that code: no new type errors, a second run writes nothing.
// Run: npm run bench:explicit-types   (builds first; needs dist/)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const RUNS = 3;

const CORPORA = [
  {
    name: 'zod 4.1.9 `src/` (tests excluded)',
    source: 'node_modules/zod/src',
    packageJson: { type: 'module' },
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'] },
    exclude: ['**/tests/**', 'v3/**'],
  },
  {
    name: 'rxjs 7.8.2 `src/`',
    source: 'node_modules/rxjs/src',
    packageJson: {},
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] },
    exclude: [],
  },
];

function listFiles(root) {
  return fs
    .readdirSync(root, { recursive: true })
    .map((entry) => path.join(root, entry))
    .filter((file) => fs.statSync(file).isFile());
}

function prepare(corpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-explicit-types-'));
  fs.cpSync(path.join(repo, corpus.source), dir, { recursive: true });
  for (const file of listFiles(dir)) if (/tsconfig.*\.json$/.test(file)) fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...corpus.packageJson }));
  const compilerOptions = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [], ...corpus.compilerOptions };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: corpus.exclude }, null, 2));
  return dir;
}

function timed(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function typeErrors(dir) {
  const { stdout } = timed([tsc, '--noEmit', '-p', dir]);
  return (stdout.match(/error TS\d+/g) ?? []).length;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Child mode: plan (and optionally apply) once, print a JSON summary. */
async function child(dir, scope, apply) {
  const { planExplicitTypes } = await import(path.join(repo, 'dist/codemods/add-explicit-types.js'));
  const files = listFiles(dir).filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`));
  const changes = await planExplicitTypes({ root: dir, files, optionsFor: () => ({ scope }) });
  if (apply) for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
  const added = changes.notes.reduce((sum, note) => sum + Number(/added (\d+)/.exec(note.message)?.[1] ?? 0), 0);
  const reasons = {};
  const outside = changes.skipped.filter(({ reason }) => reason.startsWith('not part of the project'));
  const skipped = changes.skipped.filter(({ reason }) => !reason.startsWith('not part of the project'));
  for (const { reason } of skipped) {
    const key = reason.replace(/^.*?: the checker infers ".*?"(, |$)/, '').replace(/".*?"/g, '"…"') || 'any';
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  const projectFiles = files.filter((file) => file.endsWith('.ts')).length - outside.length;
  process.stdout.write(JSON.stringify({ projectFiles, writes: changes.writes.size, added, skipped: skipped.length, failed: changes.failed, reasons }));
}

async function main() {
  const script = fileURLToPath(import.meta.url);
  const rows = [];
  for (const corpus of CORPORA) {
    for (const scope of ['exported', 'all']) {
      const dir = prepare(corpus);
      try {
        const errorsBefore = typeErrors(dir);
        const tscMs = median(Array.from({ length: RUNS }, () => timed([tsc, '--noEmit', '-p', dir]).ms));
        const codemodMs = median(Array.from({ length: RUNS }, () => timed([script, '--child', dir, scope]).ms));
        const applied = timed([script, '--child', dir, scope, '--apply']);
        if (applied.status !== 0) throw new Error(applied.stderr);
        const summary = JSON.parse(applied.stdout);
        const errorsAfter = typeErrors(dir);
        const second = JSON.parse(timed([script, '--child', dir, scope]).stdout);
        rows.push({ corpus: corpus.name, scope, files: summary.projectFiles, tscMs, codemodMs, summary, errorsBefore, errorsAfter, secondWrites: second.writes });
        process.stderr.write(`${corpus.name} ${scope}: ${JSON.stringify(rows.at(-1))}\n`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log('| corpus | scope | files in project | `tsc --noEmit` | add-explicit-types (plan) | ratio | annotations added | skipped | type errors before → after | 2nd run writes |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.corpus} | ${row.scope} | ${row.files} | ${(row.tscMs / 1000).toFixed(2)} s | ${(row.codemodMs / 1000).toFixed(2)} s | ${(row.codemodMs / row.tscMs).toFixed(2)}× | ${row.summary.added} | ${row.summary.skipped} | ${row.errorsBefore} → ${row.errorsAfter} | ${row.secondWrites} |`,
    );
  }
  for (const row of rows) console.log(`\n${row.corpus}, ${row.scope}: skipped by reason ${JSON.stringify(row.summary.reasons)}`);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5] === '--apply');
else await main();
