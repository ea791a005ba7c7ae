// CPU cost of `perf-standards gates --only coverage` reading a 5,000-file istanbul coverage-final.json plus
// an lcov.info of the same files (issue 21: goal ≤ 1 s CPU).
// The reports: 5,000 source files of 120 statements, 12 functions and 16 two-way branches each (a mid-sized
// module), about two thirds covered at random (seeded), as an istanbul coverage map; the lcov is written
// from that map by istanbul-reports' own `lcovonly` reporter, as vitest, Jest and nyc write it.
// Each run is a separate `node dist/cli/main.js` process timed by `/usr/bin/time -f '%U %S'` (user + system
// CPU of the whole process, Node's start included); the figure is the median of the runs.
// Run: npm run bench:gates-reports   (builds first; needs /usr/bin/time)   Options: --runs N (default 5),
//      --files N (default 5000)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, files: { type: 'string', default: '5000' } } });
const RUNS = Number(values.runs);
const FILES = Number(values.files);
if (!fs.existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) to measure CPU time');

// A small seeded generator (mulberry32), so every run reads the same reports.
let seed = 21;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const hits = () => (random() < 0.66 ? 1 + Math.floor(random() * 20) : 0);
const span = (line) => ({ start: { line, column: 2 }, end: { line, column: 40 } });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-gates-reports-'));
const data = {};
for (let index = 0; index < FILES; index += 1) {
  const file = path.join(work, 'src', `module-${Math.floor(index / 100)}`, `file-${index}.ts`);
  const coverage = { path: file, statementMap: {}, fnMap: {}, branchMap: {}, s: {}, f: {}, b: {} };
  for (let s = 0; s < 120; s += 1) {
    coverage.statementMap[s] = span(s + 1);
    coverage.s[s] = hits();
  }
  for (let f = 0; f < 12; f += 1) {
    coverage.fnMap[f] = { name: `fn${f}`, decl: span(f * 10 + 1), loc: span(f * 10 + 1), line: f * 10 + 1 };
    coverage.f[f] = hits();
  }
  for (let b = 0; b < 16; b += 1) {
    coverage.branchMap[b] = { type: 'if', line: b * 7 + 2, loc: span(b * 7 + 2), locations: [span(b * 7 + 2), span(b * 7 + 3)] };
    coverage.b[b] = [hits(), hits()];
  }
  data[file] = coverage;
}
fs.mkdirSync(path.join(work, 'coverage'));
fs.writeFileSync(path.join(work, 'coverage', 'coverage-final.json'), JSON.stringify(data));
const context = libReport.createContext({ dir: path.join(work, 'coverage'), coverageMap: libCoverage.createCoverageMap(data) });
reports.create('lcovonly', { file: 'lcov.info' }).execute(context);
// The gate reads both reports (the same files in two formats; the one listed last wins per file).
fs.writeFileSync(
  path.join(work, 'perf-standards.config.json'),
  JSON.stringify({ gates: { coverage: { report: ['coverage/coverage-final.json', 'coverage/lcov.info'], metric: ['lines', 'branches', 'functions'] } } }),
);
const sizes = Object.fromEntries(['coverage-final.json', 'lcov.info'].map((name) => [name, (fs.statSync(path.join(work, 'coverage', name)).size / 1e6).toFixed(1)]));

const cpu = [];
let output = '';
for (let run = 0; run < RUNS; run += 1) {
  const { stderr, stdout, status } = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, path.join(repo, 'dist', 'cli', 'main.js'), 'gates', '--only', 'coverage'], {
    cwd: work,
    encoding: 'utf8',
  });
  if (status !== 0 && status !== 1) throw new Error(`gates failed (${status}): ${stderr}`);
  const [user, system] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  cpu.push(user + system);
  output = stdout;
}
if (process.env.KEEP === undefined) fs.rmSync(work, { recursive: true, force: true }); else console.log(`kept ${work}`);
const median = [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)];
console.log(output.split('\n').slice(0, 2).join('\n'));

console.log(`\n${FILES} files: coverage-final.json ${sizes['coverage-final.json']} MB + lcov.info ${sizes['lcov.info']} MB`);
console.log(`CPU (user+sys) per run: ${cpu.map((value) => value.toFixed(2)).join(', ')} s; median ${median.toFixed(2)} s (goal ≤ 1 s)`);
