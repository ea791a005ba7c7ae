// Where `perf-standards check` spends CPU beyond the floor of issue 18 (`eslint` with one near-empty core rule),
// measured inside one process, which the load of a shared machine disturbs far less than whole-process runs
// (bench/check-command-cpu.js). Corpus: the TypeScript sources rxjs and zod ship (node_modules/{rxjs,zod}/src).
// Every file is parsed once with @typescript-eslint/parser (as the recommended config does) and kept as
// ESLint SourceCode; then each rule of the recommended config runs alone over all of them through
// `Linter#verify` (no parsing), `no-debugger` runs the same way as the traversal baseline, and the whole
// recommended rule set runs together. Each figure is process CPU time (`process.cpuUsage`, user + sys) of one
// pass over the corpus, median of --rounds passes after one warm-up pass, rules interleaved within a round.
// The "own" column subtracts the no-debugger pass: what the rule adds to the traversal every lint pays.
// Run: npm run bench:check-rule-cpu   (builds first)   Options: --rounds N (default 5), --rules id,id,… (default all)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, rules: { type: 'string' } } });
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);

const { Linter } = await import(pathToFileURL(path.join(repo, 'node_modules/eslint/lib/api.js')).href);
const { default: tsParser } = await import(pathToFileURL(path.join(repo, 'node_modules/@typescript-eslint/parser/dist/index.js')).href);
const { default: plugin } = await import(pathToFileURL(path.join(repo, 'dist/index.js')).href);

// The rules the recommended config enables on TypeScript files, with their severities.
const recommended = {};
for (const block of plugin.configs.recommended) {
  if (block.rules === undefined) continue;
  if (block.files !== undefined && !block.files.some((glob) => glob.endsWith('.ts}') || glob.endsWith('.ts') || glob.includes('ts,'))) continue;
  Object.assign(recommended, block.rules);
}
const ruleIds = values.rules === undefined ? Object.keys(recommended) : values.rules.split(',').map((id) => (id.includes('/') ? id : `perf-standards/${id}`));
for (const id of ruleIds) if (!(id in recommended)) throw new Error(`${id} is not in the recommended config for .ts files: ${Object.keys(recommended).join(', ')}`);

// Copied out of node_modules, which flat config ignores; the files are read once and the copy removed.
const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-check-rule-cpu-'));
const files = [];
try {
  for (const name of ['rxjs', 'zod']) {
    fs.cpSync(path.join(repo, 'node_modules', name, 'src'), path.join(corpus, name), { recursive: true });
    for (const entry of fs.readdirSync(path.join(corpus, name), { recursive: true })) if (entry.endsWith('.ts')) files.push(path.join(corpus, name, entry));
  }
} catch (error) {
  fs.rmSync(corpus, { recursive: true, force: true });
  throw error;
}
files.sort();

const linter = new Linter({ cwd: corpus });
const base = { files: ['**/*.ts'], languageOptions: { parser: tsParser }, linterOptions: { reportUnusedDisableDirectives: 'off' } };
const settings = { 'perf-standards': { basePath: corpus } };
const configFor = (rules) => [{ plugins: { 'perf-standards': plugin } }, { ...base, settings, rules }];

// Parse once: `Linter#verify` accepts the SourceCode of an earlier run and then does not parse again.
const parseConfig = configFor({});
let sources;
try {
  sources = files.map((file) => {
    // Inline comments naming other plugins' rules (`ban/ban`) give errors that are not parse errors.
    const fatal = linter.verify(fs.readFileSync(file, 'utf8'), parseConfig, file).find((problem) => problem.fatal === true);
    if (fatal !== undefined) throw new Error(`${file}: ${fatal.message}`);
    return { file, sourceCode: linter.getSourceCode() };
  });
} finally {
  fs.rmSync(corpus, { recursive: true, force: true });
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
function pass(config) {
  let messages = 0;
  const start = cpuMs();
  for (const { file, sourceCode } of sources) messages += linter.verify(sourceCode, config, file).length;
  return { ms: cpuMs() - start, messages };
}

const variants = [
  ['no-debugger (baseline)', configFor({ 'no-debugger': 'error' })],
  ...ruleIds.map((id) => [id, configFor({ [id]: recommended[id] })]),
  ['all recommended rules', configFor(Object.fromEntries(ruleIds.map((id) => [id, recommended[id]])))],
];
const times = new Map(variants.map(([name]) => [name, []]));
const counts = new Map();
for (let round = 0; round <= ROUNDS; round += 1) {
  for (const [name, config] of variants) {
    const { ms, messages } = pass(config);
    counts.set(name, messages);
    if (round > 0) times.get(name).push(ms); // round 0 warms the JIT up
  }
  if (round > 0) process.stderr.write(`round ${round}/${ROUNDS} done\n`);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const baseline = median(times.get('no-debugger (baseline)'));
console.log(`Node ${process.version}; ${files.length} files (rxjs/src + zod/src), parsed once; ${ROUNDS} rounds after a warm-up; CPU = user + sys`);
console.log('');
console.log('| rules | median CPU per pass | own (minus no-debugger) | problems |');
console.log('|---|---:|---:|---:|');
for (const [name] of variants) {
  const value = median(times.get(name));
  console.log(`| ${name} | ${value.toFixed(0)} ms | ${name.startsWith('no-debugger') ? '' : `${(value - baseline).toFixed(0)} ms`} | ${counts.get(name)} |`);
}
