// add-explicit-types on Python (its pyright-backed part: pyright on PATH) against one plain `pyright --outputjson`
// of the same project (issue 20), on a copy of pure-Python packages of the machine's python3 standard library.
// Also checks the codemod's promise there: pyright reports no error the copy did not have. Exits 1 otherwise.
// CPU time is user+sys of the whole process tree from `/usr/bin/time -f '%U %S %M'` (pyright's processes
// included); runs are interleaved (A B A B …) and the medians compared. Each codemod run gets a fresh copy.
// Run: npm run bench:python-explicit-types   (builds first). ROUNDS=n (default 3), PACKAGES="json textwrap.py …".
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'dist/cli/main.js');
const pyright = path.join(repo, 'node_modules/pyright/index.js');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PACKAGES = (process.env.PACKAGES ?? 'json logging textwrap.py shlex.py').split(' ');
const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const env = { ...process.env, PATH: [path.join(repo, 'node_modules/.bin'), process.env.PATH].join(path.delimiter), NO_COLOR: '1' };

function copy() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-python-types-')));
  for (const name of PACKAGES) fs.cpSync(path.join(stdlib, name), path.join(dir, name), { recursive: true, filter: (source) => !source.includes('__pycache__') });
  return dir;
}

/** CPU seconds (user + sys, children included), peak RSS in MB, and output of one command. */
function timed(args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const [user, sys, kb] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { cpu: user + sys, rssMb: kb / 1024, stdout: result.stdout, status: result.status };
}

function errors(stdout, dir) {
  const report = JSON.parse(stdout);
  return report.generalDiagnostics.filter((d) => d.severity === 'error').map((d) => `${path.relative(dir, d.file)}\u0000${d.message}`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const plain = copy();
const files = fs.readdirSync(plain, { recursive: true }).filter((file) => file.endsWith('.py')).length;
const codemod = [];
const peer = [];
let summary = '';
let broken = false;
for (let round = 0; round < ROUNDS; round++) {
  const dir = copy();
  const fixed = timed([cli, 'fix', 'add-explicit-types', '.', '--force'], dir);
  codemod.push(fixed);
  if (fixed.status !== 0) console.error(fixed.stdout.split('\n').filter((line) => /^\s+failed/.test(line)).join('\n'));
  summary = fixed.stdout.split('\n').filter((line) => /pyright \d|files? changed/.test(line)).map((line) => line.trim()).join(' / ');
  const checked = timed([pyright, '--outputjson'], plain);
  peer.push(checked);
  if (round === 0) {
    const before = new Map();
    for (const key of errors(checked.stdout, plain)) before.set(key, (before.get(key) ?? 0) + 1);
    const after = spawnSync(process.execPath, [pyright, '--outputjson'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    for (const key of errors(after.stdout, dir)) {
      const left = before.get(key) ?? 0;
      if (left === 0) {
        broken = true;
        console.error(`new pyright error after the codemod: ${key.replace('\u0000', ' ')}`);
      } else before.set(key, left - 1);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`round ${round + 1}: codemod ${fixed.cpu.toFixed(2)} s (exit ${fixed.status}), pyright ${checked.cpu.toFixed(2)} s`);
}
fs.rmSync(plain, { recursive: true, force: true });
const a = median(codemod.map((run) => run.cpu));
const b = median(peer.map((run) => run.cpu));
console.log(`\n${PACKAGES.join(', ')} (${files} .py files), ${ROUNDS} interleaved rounds, load ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
console.log(`| run | CPU (median) | peak RSS |\n|---|---:|---:|`);
console.log(`| perf-standards fix add-explicit-types (pyright on PATH) | ${a.toFixed(2)} s | ${Math.max(...codemod.map((run) => run.rssMb)).toFixed(0)} MB |`);
console.log(`| pyright --outputjson | ${b.toFixed(2)} s | ${Math.max(...peer.map((run) => run.rssMb)).toFixed(0)} MB |`);
console.log(`ratio ${(a / b).toFixed(2)}×; ${summary}`);
process.exitCode = broken ? 1 : 0;
