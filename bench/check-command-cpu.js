// CPU cost of `perf-standards check src` against `eslint` over the same TypeScript files: the floor is
// `eslint` parsing them with one near-empty core rule, `no-debugger` (issue 18: goal ≤ 1.10×; any lint with a
// rule pays that traversal), beside the older parse-only control (issue 9: goal ≤ 1.05×). Corpus: the TypeScript sources rxjs and zod ship (node_modules/{rxjs,zod}/src),
// copied into a fresh git repository under the OS temp folder, so `check` asks git for ignores as it does
// in a real project.
// Each variant is a separate `node` process timed by `/usr/bin/time -f '%U %S'`: user + system CPU of the
// whole process tree (git included), which the other processes on a shared machine do not inflate the way
// they inflate wall time. Variants run interleaved (A B C D, A B C D, …) and each figure is the median.
// Variants:
//   eslint-one-rule     eslint -c <parse-only config with one core rule, no-debugger> src: the floor
//   eslint-parse-only   eslint -c <config with only @typescript-eslint/parser for **/*.ts> src
//   check               perf-standards check src (zero config: the plugin's recommended config)
//   eslint-recommended  eslint -c <the plugin's recommended config> src: the same rules without the command
//   eslint-plugin-only  eslint -c <parse-only config that also loads the plugin, no rule on>: plugin load cost
// Run: npm run bench:check-cpu   (builds first; needs dist/ and /usr/bin/time)   Options: --rounds N (default 5),
//      --variants a,b,… (default all five)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VARIANT_NAMES = ['eslint-one-rule', 'eslint-parse-only', 'check', 'eslint-recommended', 'eslint-plugin-only'];
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, variants: { type: 'string', default: VARIANT_NAMES.join(',') } },
});
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
const chosen = values.variants.split(',');
for (const name of chosen) if (!VARIANT_NAMES.includes(name)) throw new Error(`unknown variant ${name}; the variants are ${VARIANT_NAMES.join(', ')}`);
if (!fs.existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) to measure CPU time');

// The corpus: a git repository holding src/rxjs and src/zod.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-check-cpu-'));
const corpus = path.join(work, 'project');
fs.mkdirSync(path.join(corpus, 'src'), { recursive: true });
for (const name of ['rxjs', 'zod']) fs.cpSync(path.join(repo, 'node_modules', name, 'src'), path.join(corpus, 'src', name), { recursive: true });
fs.writeFileSync(path.join(corpus, 'package.json'), '{ "name": "check-cpu-corpus", "private": true }\n');
const git = (...args) => spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], { cwd: corpus });
git('init', '-q');
git('add', '-A');
git('commit', '-qm', 'corpus');
const tsFiles = fs.readdirSync(path.join(corpus, 'src'), { recursive: true }).filter((file) => file.endsWith('.ts')).length;

// Configs live outside the corpus, so `check` finds no eslint.config.* there and uses its zero config.
const url = (file) => pathToFileURL(path.join(repo, file)).href;
const configs = {
  parseOnly: [
    `import tsParser from '${url('node_modules/@typescript-eslint/parser/dist/index.js')}';`,
    "export default [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }];",
  ],
  oneRule: [
    `import tsParser from '${url('node_modules/@typescript-eslint/parser/dist/index.js')}';`,
    "export default [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, rules: { 'no-debugger': 'error' } }];",
  ],
  recommended: [`import plugin from '${url('dist/index.js')}';`, 'export default [...plugin.configs.recommended];'],
  pluginOnly: [
    `import tsParser from '${url('node_modules/@typescript-eslint/parser/dist/index.js')}';`,
    `import plugin from '${url('dist/index.js')}';`,
    "export default [{ files: ['**/*.ts'], plugins: { 'perf-standards': plugin }, languageOptions: { parser: tsParser } }];",
  ],
};
const configFile = (name) => {
  const file = path.join(work, `${name}.config.mjs`);
  fs.writeFileSync(file, `${configs[name].join('\n')}\n`);
  return file;
};
const eslintBin = path.join(repo, 'node_modules/eslint/bin/eslint.js');
const VARIANTS = {
  'eslint-one-rule': [eslintBin, '-c', configFile('oneRule'), 'src'],
  'eslint-parse-only': [eslintBin, '-c', configFile('parseOnly'), 'src'],
  check: [path.join(repo, 'dist/cli/main.js'), 'check', 'src'],
  'eslint-recommended': [eslintBin, '-c', configFile('recommended'), 'src'],
  'eslint-plugin-only': [eslintBin, '-c', configFile('pluginOnly'), 'src'],
};

function cpuSeconds(args) {
  const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { cwd: corpus, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const line = run.stderr.trimEnd().split('\n').at(-1) ?? '';
  const match = /^cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/u.exec(line);
  // Both commands exit with 1 here (findings); anything else, or no timing line, is a broken run.
  if (match === null || (run.status !== 0 && run.status !== 1)) throw new Error(`node ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
  return Number(match[1]) + Number(match[2]);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const times = Object.fromEntries(chosen.map((name) => [name, []]));
const ratios = [];
const floorRatios = [];
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const line = [];
    for (const name of chosen) {
      const seconds = cpuSeconds(VARIANTS[name]);
      times[name].push(seconds);
      line.push(`${name} ${seconds.toFixed(2)} s`);
    }
    if (times.check !== undefined && times['eslint-parse-only'] !== undefined) ratios.push(times.check[round] / times['eslint-parse-only'][round]);
    if (times.check !== undefined && times['eslint-one-rule'] !== undefined) floorRatios.push(times.check[round] / times['eslint-one-rule'][round]);
    process.stderr.write(`round ${round + 1}/${ROUNDS}: ${line.join(', ')}\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const cpus = os.cpus();
console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`Corpus: rxjs/src + zod/src in a git repository, ${tsFiles} .ts files; ${ROUNDS} interleaved rounds; CPU = user + sys`);
console.log('');
const baseName = times['eslint-one-rule'] === undefined ? 'eslint-parse-only' : 'eslint-one-rule';
console.log(`| command | median CPU | × ${baseName} |`);
console.log('|---|---:|---:|');
const base = times[baseName] === undefined ? undefined : median(times[baseName]);
for (const name of chosen) {
  const value = median(times[name]);
  console.log(`| ${name} | ${value.toFixed(2)} s | ${base === undefined ? '' : (value / base).toFixed(3)} |`);
}
let failed = false;
const verdict = (label, list, goal) => {
  if (list.length === 0) return;
  const ratio = median(list);
  console.log('');
  console.log(`check / ${label}: ${ratio.toFixed(3)} (median of per-round ratios; each ${list.map((r) => r.toFixed(3)).join(', ')}); goal ≤ ${goal.toFixed(3)}`);
  failed ||= ratio > goal;
};
verdict('eslint with one near-empty rule (the floor)', floorRatios, 1.1);
verdict('parse-only eslint', ratios, 1.05);
process.exitCode = failed ? 1 : 0;
