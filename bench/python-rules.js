// The plugin's Python rules on the standard library of the machine's python3 (issue 19), in CPU time
// (user+sys), each measurement in its own Node process, interleaved round by round, medians:
//   - ESLint's Linter with the recommended config on every .py file (the Python language and every rule that
//     declares `perf-standards/python`), against @astral-sh/ruff-wasm-nodejs checking the same files with its
//     ANN, ASYNC and PERF rules (the ruff rules nearest to these standards);
//   - the same ESLint run with one Python rule at a time, minus a run with no rule enabled (parse and
//     traversal only), so each rule's own cost is seen.
// The workers are bench/python-language.js's (`--worker eslint-rules` / `ruff-rules`), so both benches measure
// the same thing the same way; this one adds the per-rule split. Memory: each worker's peak RSS.
// Run: npm run bench:python-rules -- [--rounds N] (default 3; builds first)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const languageBench = path.join(repo, 'bench', 'python-language.js');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, rules: { type: 'string', default: 'all' } } });

const { rules } = await import(path.join(repo, 'dist/index.js'));
const pythonRules = Object.entries(rules)
  .filter(([, rule]) => rule.meta.languages?.includes('perf-standards/python') && !rule.meta.languages.includes('*'))
  .map(([id]) => id);

function run(kind, only) {
  const env = { ...process.env, PERF_STANDARDS_BENCH_ONLY_RULE: only ?? '' };
  const child = spawnSync(process.execPath, [languageBench, '--worker', kind], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${kind} ${only ?? ''} worker failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;

const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
const jobs = [['eslint-rules', undefined], ['ruff-rules', undefined]];
if (values.rules !== 'none') for (const id of ['(none)', ...pythonRules]) jobs.push(['eslint-rules', id]);
const results = new Map(jobs.map(([kind, only]) => [`${kind} ${only ?? ''}`, []]));
for (let round = 0; round < rounds; round += 1) {
  for (let index = 0; index < jobs.length; index += 1) {
    const [kind, only] = jobs[(index + round) % jobs.length];
    results.get(`${kind} ${only ?? ''}`).push(run(kind, only));
  }
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}
const cpu = (key) => median(results.get(key).map((result) => result.cpu));
const rss = (key) => Math.max(...results.get(key).map((result) => result.maxRssMb));
const eslint = cpu('eslint-rules ');
const ruff = cpu('ruff-rules ');
const files = results.get('eslint-rules ')[0].files;
console.log(`Corpus: ${files} .py files of the python3 standard library; ${rounds} rounds, medians of CPU (user+sys)`);
console.log('');
console.log('| run | CPU | per file | peak RSS | findings |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| ESLint, recommended config (Python rules: ${pythonRules.join(', ')}) | ${ms(eslint)} | ${((eslint * 1000) / files).toFixed(0)} µs | ${rss('eslint-rules ').toFixed(0)} MB | ${results.get('eslint-rules ')[0].findings} |`);
console.log(`| ruff-wasm, ANN + ASYNC + PERF | ${ms(ruff)} | ${((ruff * 1000) / files).toFixed(0)} µs | ${rss('ruff-rules ').toFixed(0)} MB | ${results.get('ruff-rules ')[0].findings} |`);
console.log('');
console.log(`Ratio ESLint / ruff: ${(eslint / ruff).toFixed(2)}× (target ≤ 2.5×, goal 1.5×)`);
const fatal = results.get('eslint-rules ')[0].fatal;
console.log(`Fatal messages through ESLint: ${fatal.length === 0 ? 'none' : `${fatal.length}: ${fatal.join('; ')}`} (a rule that throws fails the run)`);
if (values.rules !== 'none') {
  const floor = cpu('eslint-rules (none)');
  console.log('');
  console.log(`Per rule (one rule enabled, minus ${ms(floor)} for parsing and traversal with no rule):`);
  for (const id of pythonRules) console.log(`- ${id}: ${ms(cpu(`eslint-rules ${id}`) - floor)}`);
}
