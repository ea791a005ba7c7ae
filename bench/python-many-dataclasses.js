// readonly-data-shapes (Python) on one large module (user finding 16): 4,000 dataclasses and 4,000 functions timing
// with `time.time()` in one 40,000-line file, against `perf-standards check` of the same file (the rules that
// report what the codemods fix). The proofs must stay about linear in the classes (docs/architecture_decisions.md,
// decision 35); the file is generated as the finding describes, in a fresh git repository.
// Each command is its own `node` process timed by `/usr/bin/time -f '%U %S %M'` (user + sys CPU of the process
// tree, peak RSS); rounds are interleaved, figures are medians. Variants:
//   fix      perf-standards fix readonly-data-shapes .            (on a fresh clone: it writes)
//   dry-run  perf-standards fix readonly-data-shapes --dry-run .  (the same plan, printed as a unified diff)
//   check    perf-standards check .
// Run: npm run bench:python-many-dataclasses -- [--rounds N] [--classes N] (default 3 rounds, 4,000 classes)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { interleavedRounds, median } from './interleaved-rounds.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, classes: { type: 'string', default: '4000' } } });
const ROUNDS = Number(values.rounds);
const CLASSES = Number(values.classes);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
if (!Number.isInteger(CLASSES) || CLASSES < 1) throw new Error(`--classes needs a whole number of at least 1, got ${values.classes}`);
if (!fs.existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) to measure CPU time');

const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-many-dataclasses-')));
const project = path.join(work, 'project');
fs.mkdirSync(project);
const lines = ['import time', 'from dataclasses import dataclass', ''];
for (let index = 0; index < CLASSES; index += 1) {
  lines.push('', '@dataclass', `class C${index}:`, '    a: int', "    b: str = 'x'", '', '', `def f${index}(x, y=${index}):`, '    start = time.time()', '    return x + y + int(time.time() - start)');
}
fs.writeFileSync(path.join(project, 'big_module.py'), `${lines.join('\n')}\n`);
const git = (cwd, ...args) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
git(project, 'init', '-q');
git(project, 'add', '-A');
git(project, 'commit', '-qm', 'big module');

const cli = path.join(repo, 'dist/cli/main.js');
const VARIANTS = {
  fix: { args: ['fix', 'readonly-data-shapes', '.'], fresh: true },
  'dry-run': { args: ['fix', 'readonly-data-shapes', '--dry-run', '.'], fresh: false },
  check: { args: ['check', '.'], fresh: false },
};
let clones = 0;
function measure(name) {
  const variant = VARIANTS[name];
  let cwd = project;
  if (variant.fresh) {
    cwd = path.join(work, `round-${(clones += 1)}`);
    git(work, 'clone', '-q', project, cwd);
  }
  const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S %M', process.execPath, cli, ...variant.args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const timing = /^cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/mu.exec(run.stderr.trimEnd().split('\n').at(-1) ?? '');
  // check exits 1 (problems); fix 0.
  if (timing === null || (run.status !== 0 && run.status !== 1)) throw new Error(`${name} failed (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
  const result = { cpu: Number(timing[1]) + Number(timing[2]), rssMb: Number(timing[3]) / 1024, exit: run.status };
  if (variant.fresh) {
    result.changed = git(cwd, 'diff', '--shortstat').toString().trim();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  return result;
}

const names = Object.keys(VARIANTS);
let results;
let loads;
try {
  ({ results, loads } = interleavedRounds(names, ROUNDS, measure));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`${CLASSES} dataclasses in one ${lines.length}-line module; ${ROUNDS} interleaved rounds; 1-minute load at the rounds' starts: ${loads.map((load) => load.toFixed(1)).join(', ')}`);
console.log('');
console.log('| command | median CPU | peak RSS | / check |');
console.log('|---|---:|---:|---:|');
const cpu = (name) => median(results[name].map((result) => result.cpu));
for (const name of names) {
  console.log(`| \`perf-standards ${VARIANTS[name].args.join(' ')}\` | ${cpu(name).toFixed(2)} s | ${Math.round(median(results[name].map((result) => result.rssMb)))} MB | ${(cpu(name) / cpu('check')).toFixed(2)} |`);
}
console.log('');
console.log(`fix: exit ${results.fix[0].exit}, ${results.fix[0].changed}`);
