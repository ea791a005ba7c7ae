// `perf-standards fix --all` over the standard library of the machine's python3 against `eslint` with the
// plugin's Python rules over the same .py files (issue 20: the codemods must not cost much more than finding the
// problems; goal ≤ 1.5× eslint's CPU).
// Corpus: `sysconfig.get_paths()["stdlib"]` copied whole (its `test` package included: 820 of its 1,790 .py
// files and real code of every kind; data files too, since `fix --all` is given the whole tree) except
// `site-packages` and `__pycache__`, with an eslint.config.js that spreads the plugin's recommended config (the
// plugin taken from this repository's dist/ by file URL), committed to a fresh git repository. `fix --all` reads
// its codemods' options from that config, as in a real project.
// Each command is a separate `node` process timed by `/usr/bin/time -f '%U %S'`: user + system CPU of the whole
// process tree (worker threads and git included). Rounds are interleaved (the order rotates) and each figure is a
// median; `fix --all` writes, so every round fixes a fresh `git clone` of the corpus. Variants:
//   fix          perf-standards fix --all .                      (every codemod; exit 0 or 1)
//   eslint       eslint '**/*.py'                                (the default formatter, output to a pipe)
//   eslint-count eslint -f <formatter that only counts> '**/*.py' (finding the problems without printing them)
// The ratio of record is fix / eslint-count (the stricter one: it does not charge eslint for printing).
// Run: npm run bench:python-fix-all -- [--rounds N] (default 5; builds first; needs python3, git, /usr/bin/time)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { interleavedRounds, median } from './interleaved-rounds.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } } });
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
if (!fs.existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) to measure CPU time');
const GOAL = 1.5;

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-python-fix-all-')));
const corpus = path.join(work, 'corpus');
const git = (cwd, ...args) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe', maxBuffer: 1 << 28 });
fs.cpSync(stdlib, corpus, {
  recursive: true,
  filter: (source) => !['site-packages', '__pycache__'].includes(path.basename(source)),
});
fs.writeFileSync(
  path.join(corpus, 'eslint.config.js'),
  `import plugin from ${JSON.stringify(pathToFileURL(path.join(repo, 'dist/index.js')).href)};\n\nexport default [...plugin.configs.recommended];\n`,
);
git(corpus, 'init', '-q');
git(corpus, 'add', '-A');
git(corpus, 'commit', '-qm', 'python3 standard library');
const pyFiles = fs.readdirSync(corpus, { recursive: true }).filter((file) => file.endsWith('.py')).length;
// Outside the corpus, so neither command sees it as a project file.
const countFormatter = path.join(work, 'count-formatter.cjs');
fs.writeFileSync(countFormatter, "module.exports = (results) => `${results.reduce((sum, result) => sum + result.messages.length, 0)} problems in ${results.length} files\\n`;\n");

const eslintBin = path.join(repo, 'node_modules/eslint/bin/eslint.js');
const cliBin = path.join(repo, 'dist/cli/main.js');
const VARIANTS = {
  fix: { args: [cliBin, 'fix', '--all', '.'], fresh: true },
  eslint: { args: [eslintBin, '**/*.py'], fresh: false },
  'eslint-count': { args: [eslintBin, '-f', countFormatter, '**/*.py'], fresh: false },
};

let clones = 0;
function measure(name) {
  const variant = VARIANTS[name];
  let cwd = corpus;
  if (variant.fresh) {
    cwd = path.join(work, `round-${(clones += 1)}`);
    git(work, 'clone', '-q', corpus, cwd);
  }
  const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...variant.args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const timing = /^cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/mu.exec(run.stderr.trimEnd().split('\n').at(-1) ?? '');
  // eslint exits 1 here (problems), fix 0 or 1 (files it could not fix); anything else is a broken run.
  if (timing === null || (run.status !== 0 && run.status !== 1)) throw new Error(`${name} failed (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
  const result = { cpu: Number(timing[1]) + Number(timing[2]), exit: run.status, stdout: run.stdout };
  if (variant.fresh) {
    result.changedFiles = git(cwd, 'status', '--porcelain', '--untracked-files=all').toString().split('\n').filter(Boolean).length;
    if (!values.keep) fs.rmSync(cwd, { recursive: true, force: true });
  }
  return result;
}

const names = Object.keys(VARIANTS);
let results;
let loads;
try {
  ({ results, loads } = interleavedRounds(names, ROUNDS, measure));
} finally {
  if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
}

const cpus = os.cpus();
const cpu = (name) => median(results[name].map((result) => result.cpu));
const perRound = (against) => results.fix.map((result, round) => result.cpu / results[against][round].cpu);
console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}; 1-minute load average at the rounds' starts: ${loads.map((load) => load.toFixed(1)).join(', ')}`);
console.log(`Corpus: ${stdlib} (site-packages and __pycache__ left out, test/ included), ${pyFiles} .py files, in a git repository; ${ROUNDS} interleaved rounds; CPU = user + sys of the process tree`);
console.log('');
console.log('| command | median CPU | fix / this (median of per-round ratios) |');
console.log('|---|---:|---:|');
console.log(`| \`perf-standards fix --all .\` | ${cpu('fix').toFixed(2)} s | |`);
for (const name of ['eslint', 'eslint-count']) console.log(`| \`eslint ${VARIANTS[name].args.slice(1).map((arg) => (arg === countFormatter ? '<count-formatter>' : arg)).join(' ')}\` | ${cpu(name).toFixed(2)} s | ${median(perRound(name)).toFixed(2)} |`);
console.log('');
const fix = results.fix[0];
console.log(`fix --all: exit ${fix.exit}, ${fix.changedFiles} paths changed in git status; summary: ${fix.stdout.trimEnd().split('\n').at(-1)}`);
console.log(`eslint: ${results['eslint-count'][0].stdout.trim()}`);
const ratio = median(perRound('eslint-count'));
console.log(`fix / eslint-count: ${ratio.toFixed(2)} (per round ${perRound('eslint-count').map((value) => value.toFixed(2)).join(', ')}); goal ≤ ${GOAL}`);
process.exitCode = ratio <= GOAL ? 0 : 1;
