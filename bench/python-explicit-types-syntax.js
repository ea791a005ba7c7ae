// add-explicit-types on Python without pyright (its syntax-only mode) over the standard library of the machine's
// python3, against one parse of the same files (issue 20: the codemod should cost about its parse).
// Corpus: as bench/python-fix-all.js (`sysconfig.get_paths()["stdlib"]` copied whole, `test/` included, without
// `site-packages` and `__pycache__`, committed to a git repository); PATH without pyright.
// Variants, each a separate `node` process timed by `/usr/bin/time -f '%U %S'` (user + sys of the process tree),
// interleaved with the order rotating, medians:
//   codemod  perf-standards fix add-explicit-types --dry-run .   (this repository's dist/; exit 1: unparsable files)
//   before   the same with another build (--before <dist folder>, e.g. main's), when given
//   parse    read every .py file and parsePython it (the plugin's parser, no incremental tree kept): one parse
// The dry runs' diffs must be the same set of per-file diffs (the runner prints them in the order writes finish).
// Run: npm run build && node bench/python-explicit-types-syntax.js [--rounds N] [--before /path/to/other/dist]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { interleavedRounds, median } from './interleaved-rounds.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, before: { type: 'string' } } });
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
if (!fs.existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) to measure CPU time');

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-explicit-types-syntax-')));
const corpus = path.join(work, 'corpus');
const git = (cwd, ...args) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe', maxBuffer: 1 << 28 });
fs.cpSync(stdlib, corpus, { recursive: true, filter: (source) => !['site-packages', '__pycache__'].includes(path.basename(source)) });
git(corpus, 'init', '-q');
git(corpus, 'add', '-A');
git(corpus, 'commit', '-qm', 'python3 standard library');
const pyFiles = fs.readdirSync(corpus, { recursive: true }).filter((file) => file.endsWith('.py'));

const parseScript = path.join(work, 'parse-all.mjs');
fs.writeFileSync(
  parseScript,
  `import fs from 'node:fs';\nimport { parsePython } from ${JSON.stringify(pathToFileURL(path.join(repo, 'dist/standards/shared/python-ast.js')).href)};\n` +
    `let nodes = 0;\nfor (const file of ${JSON.stringify(pyFiles)}) { const parsed = parsePython(fs.readFileSync(file, 'utf8')); if (parsed.ok) nodes += parsed.ast.children.length; }\nconsole.log(nodes);\n`,
);
const env = { ...process.env, PATH: (process.env.PATH ?? '').split(path.delimiter).filter((folder) => !fs.existsSync(path.join(folder, 'pyright'))).join(path.delimiter) };
const VARIANTS = {
  codemod: [path.join(repo, 'dist/cli/main.js'), 'fix', 'add-explicit-types', '--dry-run', '--json', '.'],
  ...(values.before === undefined ? {} : { before: [path.join(path.resolve(values.before), 'cli/main.js'), 'fix', 'add-explicit-types', '--dry-run', '--json', '.'] }),
  parse: [parseScript],
};

function measure(name) {
  const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...VARIANTS[name]], { cwd: corpus, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const timing = /^cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/mu.exec(run.stderr.trimEnd().split('\n').at(-1) ?? '');
  if (timing === null || (run.status !== 0 && run.status !== 1)) throw new Error(`${name} failed (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
  return { cpu: Number(timing[1]) + Number(timing[2]), stdout: run.stdout };
}

const names = Object.keys(VARIANTS);
let results;
let loads;
try {
  ({ results, loads } = interleavedRounds(names, ROUNDS, measure));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const cpus = os.cpus();
const cpu = (name) => median(results[name].map((result) => result.cpu));
console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}; 1-minute load average at the rounds' starts: ${loads.map((load) => load.toFixed(1)).join(', ')}`);
console.log(`Corpus: ${stdlib}, ${pyFiles.length} .py files; ${ROUNDS} interleaved rounds; CPU = user + sys of the process tree; pyright not on PATH`);
console.log('');
console.log('| command | median CPU | / parse (median of per-round ratios) |');
console.log('|---|---:|---:|');
for (const name of names) {
  const ratios = results[name].map((result, round) => result.cpu / results.parse[round].cpu);
  console.log(`| ${name} | ${cpu(name).toFixed(2)} s | ${median(ratios).toFixed(2)} |`);
}
const report = JSON.parse(results.codemod[0].stdout);
console.log('');
console.log(`codemod: ${JSON.stringify(report.counts)}`);
if (values.before !== undefined) {
  const same = comparable(results.codemod[0].stdout) === comparable(results.before[0].stdout);
  console.log(`same report and diffs as --before: ${same}`);
  if (!same) process.exitCode = 1;
}
