// add-explicit-types against one `tsc --noEmit` of the same project (issue 5: target ≤ 2×), on npm packages'
// own sources, and the codemod's promises on that code: the emitted JavaScript is unchanged, there are no new
// type errors, and a second run writes nothing. Exits 1 when a promise is broken.
// Run: npm run bench:explicit-types   (builds first; needs dist/). ROUNDS=n sets the rounds (5), CORPUS=zod|rxjs picks one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newErrors, typeErrors } from './type-error-diff.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const cli = path.join(repo, 'dist/cli/main.js');
const plugin = pathToFileURL(path.join(repo, 'dist/index.js')).href;
const script = fileURLToPath(import.meta.url);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const CORPORA = [
  {
    name: 'zod 4.1.9 `src/` (tests and v3 excluded)',
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

function prepare(corpus, scope) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-explicit-types-'));
  fs.cpSync(path.join(repo, corpus.source), dir, { recursive: true });
  for (const file of listFiles(dir)) if (/tsconfig.*\.json$/.test(file)) fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...corpus.packageJson }));
  const compilerOptions = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [], ...corpus.compilerOptions };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: corpus.exclude }, null, 2));
  // What `perf-standards fix` reads the rule's options from, as in a user's project.
  const rule = JSON.stringify(['error', { scope }]);
  fs.writeFileSync(
    path.join(dir, 'eslint.config.js'),
    `import perf from '${plugin}';\nexport default [...perf.configs.recommended, { files: ['**/*.ts'], rules: { 'perf-standards/require-explicit-types': ${rule} } }];\n`,
  );
  return dir;
}

function run(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - start, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/**
 * The JavaScript `tsc` emits for the project, per file. `x => …` becomes `(x): T => …`, and the emitter keeps
 * those parentheses, so a lone arrow parameter is compared without them.
 */
function emitted(dir) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-explicit-types-emit-'));
  try {
    run([tsc, '-p', dir, '--noEmit', 'false', '--outDir', out, '--declaration', 'false', '--sourceMap', 'false', '--noEmitOnError', 'false']);
    const files = new Map();
    for (const file of listFiles(out)) {
      files.set(path.relative(out, file), fs.readFileSync(file, 'utf8').replace(/\(([A-Za-z_$][\w$]*)\) =>/g, '$1 =>'));
    }
    return files;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function emitDifferences(before, after) {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Child mode: plan (and optionally apply) once, print a JSON summary. */
async function child(dir, scope, apply) {
  const { default: codemod } = await import(path.join(repo, 'dist/codemods/add-explicit-types.js'));
  const files = listFiles(dir).filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`));
  const changes = await codemod.plan({ root: dir, files, optionsFor: () => ({ scope }) });
  if (apply) for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
  const added = changes.notes.reduce((sum, note) => sum + Number(/^added (\d+)/.exec(note.message)?.[1] ?? 0), 0);
  // Each annotation left out is a note `line:column what not annotated: reason`; count them by reason.
  const reasons = {};
  const left = changes.notes.filter(({ message }) => message.includes(' not annotated: '));
  for (const { message } of left) {
    const reason = message.slice(message.indexOf(' not annotated: ') + ' not annotated: '.length);
    const key = reason.replace(/^the checker infers ".*?"(, |$)/, '').replace(/".*?"/g, '"…"') || 'any';
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  const outside = changes.skipped.filter(({ reason }) => reason.startsWith('not part of the project'));
  const projectFiles = files.filter((file) => file.endsWith('.ts')).length - outside.length;
  process.stdout.write(
    JSON.stringify({ projectFiles, writes: changes.writes.size, added, skipped: left.length, failed: changes.failed, reasons }),
  );
}

function measure(corpus, scope) {
  const dir = prepare(corpus, scope);
  try {
    const errorsBefore = typeErrors(tsc, dir);
    const emitBefore = emitted(dir);
    const tscMs = [];
    const codemodMs = [];
    const cliMs = [];
    // Interleaved, rotating which goes first, so load from other processes hits all three alike.
    for (let round = 0; round < ROUNDS; round++) {
      const measureTsc = () => tscMs.push(run([tsc, '--noEmit', '-p', dir]).ms);
      const measureCodemod = () => {
        const result = run([script, '--child', dir, scope]);
        if (result.status !== 0) throw new Error(result.stderr);
        codemodMs.push(result.ms);
      };
      const measureCli = () => {
        const result = run([cli, 'fix', 'add-explicit-types', '--dry-run', '--json', '--root', dir]);
        if (result.status !== 0) throw new Error(result.stderr);
        cliMs.push(result.ms);
      };
      const order = [measureTsc, measureCodemod, measureCli];
      for (let step = 0; step < order.length; step++) order[(round + step) % order.length]();
    }
    const applied = run([script, '--child', dir, scope, '--apply']);
    if (applied.status !== 0) throw new Error(applied.stderr);
    const summary = JSON.parse(applied.stdout);
    const errorsAfter = typeErrors(tsc, dir);
    const emitChanged = emitDifferences(emitBefore, emitted(dir));
    const second = JSON.parse(run([script, '--child', dir, scope]).stdout);
    return {
      corpus: corpus.name,
      scope,
      files: summary.projectFiles,
      tscMs: median(tscMs),
      codemodMs: median(codemodMs),
      cliMs: median(cliMs),
      summary,
      errorsBefore: errorsBefore.length,
      errorsAfter: errorsAfter.length,
      newErrors: newErrors(errorsBefore, errorsAfter),
      emitChanged,
      secondWrites: second.writes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const rows = [];
  const only = process.env.CORPUS; // e.g. CORPUS=rxjs
  for (const corpus of CORPORA.filter(({ name }) => only === undefined || name.startsWith(only))) {
    for (const scope of ['exported', 'all']) {
      rows.push(measure(corpus, scope));
      process.stderr.write(`${corpus.name} ${scope}: ${JSON.stringify(rows.at(-1))}\n`);
    }
  }
  console.log(`Node ${process.version}, ${os.cpus().length} cores, ${ROUNDS} interleaved rounds, medians.\n`);
  console.log(
    '| corpus | scope | files | `tsc --noEmit` | add-explicit-types (plan) | ratio | `perf-standards fix add-explicit-types --dry-run` | ratio | annotations added | left out (reason noted) | type errors before → after | emitted JS changed | 2nd run writes |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.corpus} | ${row.scope} | ${row.files} | ${(row.tscMs / 1000).toFixed(2)} s | ${(row.codemodMs / 1000).toFixed(2)} s | ${(row.codemodMs / row.tscMs).toFixed(2)}× | ${(row.cliMs / 1000).toFixed(2)} s | ${(row.cliMs / row.tscMs).toFixed(2)}× | ${row.summary.added} | ${row.summary.skipped} | ${row.errorsBefore} → ${row.errorsAfter} | ${row.emitChanged.length} files | ${row.secondWrites} |`,
    );
  }
  for (const row of rows) console.log(`\n${row.corpus}, ${row.scope}: left out by reason ${JSON.stringify(row.summary.reasons)}`);
  const broken = rows.filter((row) => row.newErrors.length > 0 || row.emitChanged.length > 0 || row.secondWrites > 0 || row.summary.failed.length > 0);
  for (const row of broken) {
    console.error(
      `\nBROKEN ${row.corpus} ${row.scope}: new errors ${JSON.stringify(row.newErrors)}; emit changed ${JSON.stringify(row.emitChanged)}; second run writes ${row.secondWrites}; failed ${JSON.stringify(row.summary.failed)}`,
    );
  }
  if (broken.length > 0) process.exitCode = 1;
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5] === '--apply');
else await main();
