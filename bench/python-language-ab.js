// A change to the Python language against a baseline checkout of the plugin (another worktree, or `git archive`
// of a commit, built), on the standard library of the machine's python3: one worker kind of
// bench/python-language.js (default `language`: tree-sitter's parse + the conversion to the plain-object AST
// + its checks) run by each checkout in its own Node process, the two alternating first round by round, in
// CPU time (user+sys); medians, and the ratio this checkout / baseline. `tree-sitter` (the parse alone, which
// a change to the conversion does not touch) is the control: its ratio shows the noise of the machine.
// Run: npm run build && node bench/python-language-ab.js --baseline /path/to/built/baseline [--rounds 9] [--kind language]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { baseline: { type: 'string' }, rounds: { type: 'string', default: '9' }, kind: { type: 'string', default: 'language' } } });
if (values.baseline === undefined) throw new Error('--baseline needs the folder of a built checkout of the plugin to compare with.');
const baseline = path.resolve(values.baseline);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
for (const checkout of [baseline, repo]) {
  if (!existsSync(path.join(checkout, 'dist/standards/shared/python-ast.js'))) throw new Error(`${checkout} has no dist/: run npm run build there first.`);
}

function run(checkout) {
  const child = spawnSync(process.execPath, [path.join(checkout, 'bench/python-language.js'), '--worker', values.kind], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${checkout}: ${values.kind} worker failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const results = { baseline: [], change: [] };
for (let round = 0; round < rounds; round += 1) {
  const order = round % 2 === 0 ? ['baseline', 'change'] : ['change', 'baseline'];
  for (const which of order) results[which].push(run(which === 'baseline' ? baseline : repo));
  process.stderr.write(`round ${round + 1}/${rounds}: baseline ${results.baseline.at(-1).cpu.toFixed(0)} ms, change ${results.change.at(-1).cpu.toFixed(0)} ms\n`);
}
const cpu = (which) => median(results[which].map((result) => result.cpu));
const first = results.change[0];
console.log(`Kind ${values.kind}, ${first.files} .py files, ${rounds} rounds, medians of CPU time (user+sys)`);
console.log(`baseline ${cpu('baseline').toFixed(0)} ms (${results.baseline[0].errors} files with errors), change ${cpu('change').toFixed(0)} ms (${first.errors} files with errors): ${(cpu('change') / cpu('baseline')).toFixed(3)}×`);
