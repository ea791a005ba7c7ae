// Cost and findings of the three concurrency-and-timing rules (prefer-concurrent-await, no-busy-wait,
// prefer-performance-now) on real TypeScript sources: rxjs/src and zod/src from node_modules, plus any folder
// given with --corpus name=dir (e.g. effect's src, unpacked from `npm pack effect`).
// Two measurements, both in this one run:
// 1. ESLint's own per-rule clock (the `stats` option: each rule's create() and listeners per file, what
//    `TIMING=all` sums), against the parse time ESLint records for the same files; the sum over files of each
//    rule's fastest time across rounds drops what the rule did not cause (other processes, GC of the parser).
// 2. CPU time of whole processes (user+sys, /usr/bin/time): `eslint` with no rule (parse only) against `eslint`
//    with all three rules, interleaved A B A B ..., medians; the difference is the three rules' cost.
// The target (issue 12): each rule ≤ 2% of parse-only time.
// Run: npm run bench:concurrency   Options: --rounds N (default 5), --cpu-runs N (default 5, 0 skips),
//      --corpus name=dir (repeatable), --reports FILE (writes every report with its source line, for reading)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: plugin } = await import(path.join(repo, 'dist/index.js'));
const RULES = ['perf-standards/prefer-concurrent-await', 'perf-standards/no-busy-wait', 'perf-standards/prefer-performance-now'];

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    'cpu-runs': { type: 'string', default: '5' },
    corpus: { type: 'string', multiple: true, default: [] },
    reports: { type: 'string' },
    child: { type: 'string' },
  },
});
const whole = (text, name, min) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} needs a whole number of at least ${min}, got ${text}`);
  return value;
};
const ROUNDS = whole(values.rounds, 'rounds', 1);
const CPU_RUNS = whole(values['cpu-runs'], 'cpu-runs', 0);
const CORPORA = [
  { name: 'rxjs', dir: path.join(repo, 'node_modules/rxjs') },
  { name: 'zod', dir: path.join(repo, 'node_modules/zod') },
  ...values.corpus.map((entry) => {
    const [name, dir] = entry.split('=');
    if (!name || !dir || !fs.existsSync(path.join(dir, 'src'))) throw new Error(`--corpus needs name=dir with a src/ folder, got ${entry}`);
    return { name, dir: path.resolve(dir) };
  }),
];

function linterFor(cwd, rules) {
  return new ESLint({
    cwd,
    cache: false,
    stats: true,
    allowInlineConfig: false,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'perf-standards': plugin },
        rules: Object.fromEntries(rules.map((id) => [id, 'error'])),
      },
    ],
  });
}

// Child mode: one lint of every corpus, with the named rules ('none' = parse only); measured from outside.
if (values.child !== undefined) {
  // `floor`: one core rule that does next to nothing, so ESLint walks the tree as it does for any rule.
  const rules = values.child === 'none' ? [] : values.child === 'floor' ? ['no-debugger'] : values.child === 'floor+rules' ? ['no-debugger', ...RULES] : RULES;
  await Promise.all(CORPORA.map((corpus) => linterFor(corpus.dir, rules).lintFiles(['src/**/*.ts'])));
  process.exit(0);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;
const pct = (part, of) => `${((100 * part) / of).toFixed(2)}%`;

const linters = CORPORA.map((corpus) => linterFor(corpus.dir, RULES));
const fastest = new Map();
const parseFastest = new Map();
const reports = [];
let files = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  files = 0;
  for (const [index, corpus] of CORPORA.entries()) {
    const results = await linters[index].lintFiles(['src/**/*.ts']);
    files += results.length;
    for (const result of results) {
      for (const message of result.messages) {
        // A crash of one of the rules is a fatal message naming it: the run must never see one.
        if (message.fatal || message.ruleId === null) throw new Error(`${result.filePath}: ${message.message}`);
        if (round === 0) {
          const line = (result.source ?? fs.readFileSync(result.filePath, 'utf8')).split('\n')[message.line - 1]?.trim() ?? '';
          reports.push({ corpus: corpus.name, rule: message.ruleId, file: path.relative(corpus.dir, result.filePath), line: message.line, column: message.column, text: line });
        }
      }
      let parse = 0;
      for (const pass of result.stats?.times.passes ?? []) {
        parse += pass.parse?.total ?? 0;
        for (const id of RULES) {
          const key = `${id}\0${result.filePath}`;
          fastest.set(key, Math.min(fastest.get(key) ?? Infinity, pass.rules?.[id]?.total ?? 0));
        }
      }
      parseFastest.set(result.filePath, Math.min(parseFastest.get(result.filePath) ?? Infinity, parse));
    }
  }
  process.stderr.write(`stats round ${round + 1}/${ROUNDS}\n`);
}
const ruleTotal = Object.fromEntries(RULES.map((id) => [id, 0]));
for (const [key, time] of fastest) ruleTotal[key.slice(0, key.indexOf('\0'))] += time;
const parseTotal = [...parseFastest.values()].reduce((sum, time) => sum + time, 0);

const cpus = os.cpus();
console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ESLint ${ESLint.version}`);
console.log(`Corpus: ${CORPORA.map((corpus) => `${corpus.name}/src`).join(' + ')}, ${files} .ts files; ${ROUNDS} rounds`);
console.log('');
console.log('| rule | sum of per-file fastest | share of parse time | reports |');
console.log('|---|---:|---:|---:|');
for (const id of RULES) {
  const count = reports.filter((report) => report.rule === id).length;
  console.log(`| \`${id}\` | ${ms(ruleTotal[id])} | ${pct(ruleTotal[id], parseTotal)} | ${count} |`);
}
console.log(`| (parsing, @typescript-eslint/parser) | ${ms(parseTotal)} | 100% | |`);
const over = RULES.filter((id) => ruleTotal[id] > 0.02 * parseTotal);

if (CPU_RUNS > 0) {
  // user+sys of the child, whole process tree; A (parse only) and B (three rules) interleaved.
  const cpuOf = (mode) => {
    // /usr/bin/time writes its line to stderr, after whatever the child wrote there.
    const { stderr, status } = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, fileURLToPath(import.meta.url), '--child', mode, ...values.corpus.flatMap((entry) => ['--corpus', entry])], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (status !== 0) throw new Error(`the ${mode} child failed: ${stderr}`);
    const [user, system] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
    return (user + system) * 1000;
  };
  const parseOnly = [];
  const withRules = [];
  const floor = [];
  const floorWithRules = [];
  for (let run = 0; run < CPU_RUNS; run += 1) {
    parseOnly.push(cpuOf('none'));
    withRules.push(cpuOf('rules'));
    floor.push(cpuOf('floor'));
    floorWithRules.push(cpuOf('floor+rules'));
    process.stderr.write(`cpu run ${run + 1}/${CPU_RUNS}\n`);
  }
  const a = median(parseOnly);
  const b = median(withRules);
  const c = median(floor);
  const d = median(floorWithRules);
  console.log('');
  console.log(`Process CPU (user+sys, median of ${CPU_RUNS} interleaved runs): parse only ${ms(a)}, with the three rules ${ms(b)}, difference ${ms(b - a)} (${pct(b - a, a)})`);
  // With no rule at all ESLint skips its traversal; any one rule pays for it. The floor separates the two.
  console.log(`With one near-empty core rule (no-debugger) as the floor: ${ms(c)}; floor + the three rules ${ms(d)}, difference ${ms(d - c)} (${pct(d - c, a)} of parse only)`);
}
if (values.reports !== undefined) {
  fs.writeFileSync(values.reports, reports.map((r) => `${r.rule}\t${r.corpus}/${r.file}:${r.line}:${r.column}\t${r.text}`).join('\n') + '\n');
  console.log(`\nReports written to ${values.reports}`);
}
console.log(over.length === 0 ? '\nEvery rule ≤ 2% of parse time.' : `\nOver 2% of parse time: ${over.join(', ')}`);
process.exitCode = over.length === 0 ? 0 : 1;
