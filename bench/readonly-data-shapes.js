// readonly-data-shapes against one `tsc --noEmit` of the same project (issue 11: CPU ≤ 2×, goal 1.5×; peak RSS
// stated), and prefer-readonly-data-shapes against parse-only ESLint (≤ 2%), on npm packages' own sources. Also
// checks the codemod's promises on that code: no new type error, the emitted JavaScript unchanged, a second run
// writes nothing. Exits 1 when a promise is broken.
// CPU time is user+sys of the whole process tree from `/usr/bin/time -f '%U %S %M'` (robust to other load);
// runs are interleaved (A B A B …) and the medians compared.
// Run: npm run bench:readonly-data-shapes   (builds first). ROUNDS=n (default 3), CORPUS=zod|rxjs picks one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newErrors, typeErrors } from './type-error-diff.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const script = fileURLToPath(import.meta.url);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const CORPORA = [
  {
    name: 'zod 4.1.9 `src/` (tests excluded)',
    source: 'node_modules/zod/src',
    packageJson: { type: 'module' },
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'] },
    exclude: ['**/tests/**', '**/*.test.ts', 'v3/benchmarks/**'],
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-readonly-'));
  fs.cpSync(path.join(repo, corpus.source), dir, { recursive: true });
  for (const file of listFiles(dir)) if (/tsconfig.*\.json$/.test(file)) fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...corpus.packageJson }));
  const compilerOptions = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [], ...corpus.compilerOptions };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: corpus.exclude }, null, 2));
  return dir;
}

/** CPU seconds (user + sys, children included) and peak RSS in MB of one command. */
function timed(args, env = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [user, sys, kb] = last.split(' ').map(Number);
  return { cpu: user + sys, rssMb: kb / 1024, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function emitted(dir) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-readonly-emit-'));
  try {
    spawnSync(process.execPath, [tsc, '-p', dir, '--noEmit', 'false', '--outDir', out, '--declaration', 'false', '--sourceMap', 'false', '--noEmitOnError', 'false']);
    return new Map(listFiles(out).map((file) => [path.relative(out, file), fs.readFileSync(file, 'utf8')]));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Child mode: plan (and optionally apply) once, print a JSON summary. */
async function planChild(dir, apply) {
  const { default: codemod } = await import(path.join(repo, 'dist/codemods/readonly-data-shapes.js'));
  const files = listFiles(dir).filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`));
  const changes = await codemod.plan({ root: dir, files, optionsFor: () => ({}) });
  if (apply) for (const [file, content] of changes.writes) fs.writeFileSync(file, content);
  const project = changes.notes.find((note) => note.path.endsWith('tsconfig.json'))?.message ?? '';
  process.stdout.write(JSON.stringify({ writes: changes.writes.size, failed: changes.failed.length, project }));
}

/** Child mode: lint every .ts file with the TypeScript parser, with or without the rule. */
async function lintChild(dir, withRule) {
  const { ESLint } = await import('eslint');
  const { default: tsParser } = await import('@typescript-eslint/parser');
  const { default: plugin } = await import(path.join(repo, 'dist/index.js'));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'perf-standards': plugin },
        rules: withRule ? { 'perf-standards/prefer-readonly-data-shapes': 'error' } : {},
      },
    ],
  });
  const results = await eslint.lintFiles(['**/*.ts']);
  process.stdout.write(JSON.stringify({ files: results.length, problems: results.reduce((sum, result) => sum + result.messages.length, 0) }));
}

function measure(corpus) {
  const dir = prepare(corpus);
  try {
    const errorsBefore = typeErrors(tsc, dir);
    const emitBefore = emitted(dir);
    const runs = { tsc: [], codemod: [], parseOnly: [], withRule: [] };
    let plan;
    let lint;
    for (let round = 0; round < ROUNDS; round++) {
      const steps = [
        () => runs.tsc.push(timed([tsc, '--noEmit', '-p', dir])),
        () => {
          const result = timed([script, '--plan', dir]);
          if (result.status !== 0) throw new Error(result.stderr);
          plan = JSON.parse(result.stdout);
          runs.codemod.push(result);
        },
      ];
      for (let step = 0; step < steps.length; step++) steps[(round + step) % steps.length]();
      const lintSteps = [
        () => runs.parseOnly.push(timed([script, '--lint', dir, 'without'])),
        () => {
          const result = timed([script, '--lint', dir, 'with']);
          if (result.status !== 0) throw new Error(result.stderr);
          lint = JSON.parse(result.stdout);
          runs.withRule.push(result);
        },
      ];
      for (let step = 0; step < lintSteps.length; step++) lintSteps[(round + step) % lintSteps.length]();
    }
    const applied = timed([script, '--plan', dir, '--apply']);
    if (applied.status !== 0) throw new Error(applied.stderr);
    const errorsAfter = typeErrors(tsc, dir);
    const emitAfter = emitted(dir);
    const emitChanged = [...new Set([...emitBefore.keys(), ...emitAfter.keys()])].filter((name) => emitBefore.get(name) !== emitAfter.get(name));
    const second = JSON.parse(timed([script, '--plan', dir]).stdout);
    const cpu = (list) => median(list.map((run) => run.cpu));
    const rss = (list) => median(list.map((run) => run.rssMb));
    return {
      corpus: corpus.name,
      tscCpu: cpu(runs.tsc),
      tscRss: rss(runs.tsc),
      codemodCpu: cpu(runs.codemod),
      codemodRss: rss(runs.codemod),
      parseOnlyCpu: cpu(runs.parseOnly),
      withRuleCpu: cpu(runs.withRule),
      plan,
      lint,
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
  const only = process.env.CORPUS;
  for (const corpus of CORPORA.filter(({ name }) => only === undefined || name.startsWith(only))) {
    rows.push(measure(corpus));
    process.stderr.write(`${corpus.name}: ${JSON.stringify(rows.at(-1))}\n`);
  }
  console.log(`Node ${process.version}, ${os.cpus().length} cores, ${ROUNDS} interleaved rounds, medians of CPU (user+sys) and peak RSS.\n`);
  console.log('| corpus | `tsc --noEmit` CPU / RSS | codemod (plan) CPU / RSS | CPU ratio | rounds | type errors before → after | emitted JS changed | 2nd run writes |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.corpus} | ${row.tscCpu.toFixed(2)} s / ${row.tscRss.toFixed(0)} MB | ${row.codemodCpu.toFixed(2)} s / ${row.codemodRss.toFixed(0)} MB | ${(row.codemodCpu / row.tscCpu).toFixed(2)}× | ${row.plan.project} | ${row.errorsBefore} → ${row.errorsAfter} | ${row.emitChanged.length} files | ${row.secondWrites} |`,
    );
  }
  console.log('\n| corpus | files | ESLint parse-only CPU | with prefer-readonly-data-shapes | rule cost | reports |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.corpus} | ${row.lint.files} | ${row.parseOnlyCpu.toFixed(2)} s | ${row.withRuleCpu.toFixed(2)} s | ${(((row.withRuleCpu - row.parseOnlyCpu) / row.parseOnlyCpu) * 100).toFixed(1)}% | ${row.lint.problems} |`,
    );
  }
  const broken = rows.filter((row) => row.newErrors.length > 0 || row.emitChanged.length > 0 || row.secondWrites > 0);
  for (const row of broken) console.error(`${row.corpus}: new errors ${JSON.stringify(row.newErrors)}, emit changed ${JSON.stringify(row.emitChanged)}, second run writes ${row.secondWrites}`);
  process.exitCode = broken.length > 0 ? 1 : 0;
}

if (process.argv[2] === '--plan') await planChild(process.argv[3], process.argv[4] === '--apply');
else if (process.argv[2] === '--lint') await lintChild(process.argv[3], process.argv[4] === 'with');
else await main();
