// What require-type-coverage adds to a type-aware lint run (issue 4: at most +10% wall time), on the sources rxjs
// and zod ship. Baseline: a `projectService` run of @typescript-eslint/no-unsafe-assignment alone (the issue's
// yardstick) and, for context, of typescript-eslint's whole `recommended-type-checked` rule set; measured: the same
// runs with require-type-coverage added (default options: threshold 95, one report per uncovered occurrence).
// Each run is a fresh Node process (a cold lint, as in CI), timed from outside; each round runs both
// configurations one right after the other, alternating which goes first, so both see the same machine load.
// One warm-up round per corpus (both configurations, so the file cache is warm for both) is discarded.
// The figures are medians over rounds. Each child also reports its own CPU time (user + system), which other
// processes' load disturbs less than wall time, and ESLint's per-rule `stats` time of the rule itself.
// Run: npm run bench:type-coverage-rule   (builds first; needs dist/)
// Options: --rounds N (default 5); --baseline no-unsafe-assignment|recommended-type-checked (default: both).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = fileURLToPath(import.meta.url);

const CORPORA = [
  { name: 'rxjs 7.8.2 `src/`', source: 'node_modules/rxjs/src', exclude: ['src/internal/umd.ts'] },
  { name: 'zod 4.1.9 `src/` (tests excluded)', source: 'node_modules/zod/src', exclude: ['**/tests/**'] },
];

const OUR_RULE = 'perf-standards/require-type-coverage';
// `recommended-type-checked` stands for the rules of that typescript-eslint config; the child expands it.
const BASELINES = [
  { name: '`no-unsafe-assignment`', rules: ['@typescript-eslint/no-unsafe-assignment'] },
  { name: 'typescript-eslint `recommended-type-checked`', rules: ['recommended-type-checked'] },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A copy outside node_modules (ESLint never lints node_modules) with a tsconfig the project service finds. */
function prepare(corpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-type-coverage-rule-'));
  fs.cpSync(path.join(repo, corpus.source), path.join(dir, 'src'), { recursive: true });
  const compilerOptions = {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src/**/*.ts'], exclude: corpus.exclude }));
  return dir;
}

/** Child mode: one lint run of `dir` with the given rules; prints a JSON summary. */
async function child(dir, ruleIds, excludes) {
  const { ESLint } = await import('eslint');
  const { default: tsParser } = await import('@typescript-eslint/parser');
  const { default: tsPlugin } = await import('@typescript-eslint/eslint-plugin');
  const { default: plugin } = await import(path.join(repo, 'dist/index.js'));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [
      { ignores: excludes },
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
        plugins: { '@typescript-eslint': tsPlugin, 'perf-standards': plugin },
        rules: Object.fromEntries(
          ruleIds.flatMap((id) =>
            id === 'recommended-type-checked'
              ? tsPlugin.configs['flat/recommended-type-checked'].flatMap((config) => Object.entries(config.rules ?? {}))
              : [[id, 'error']],
          ),
        ),
      },
    ],
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const ruleMs = {};
  const messages = {};
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [id, { total }] of Object.entries(pass.rules ?? {})) ruleMs[id] = (ruleMs[id] ?? 0) + total;
    }
    for (const message of result.messages) {
      // A fatal message is a file that did not parse; rule-less ones such as unused disable directives are not.
      const key = message.fatal === true ? 'fatal' : (message.ruleId ?? 'other');
      messages[key] = (messages[key] ?? 0) + 1;
    }
  }
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stdout.write(JSON.stringify({ files: results.length, ruleMs, messages, cpuMs: (userCPUTime + systemCPUTime) / 1000 }));
}

function run(dir, ruleIds, excludes) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [script, '--child', dir, ruleIds.join(','), excludes.join(',')], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`lint of ${dir} failed:\n${result.stderr}`);
  return { ms, ...JSON.parse(result.stdout) };
}

function measure(corpus, set, rounds) {
  const dir = prepare(corpus);
  const BASELINE = set.rules;
  const WITH_RULE = [...set.rules, OUR_RULE];
  try {
    for (const ruleIds of [BASELINE, WITH_RULE]) run(dir, ruleIds, corpus.exclude);
    const baseline = [];
    const withRule = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [BASELINE, WITH_RULE] : [WITH_RULE, BASELINE];
      for (const ruleIds of order) (ruleIds === BASELINE ? baseline : withRule).push(run(dir, ruleIds, corpus.exclude));
      process.stderr.write(
        `${corpus.name}, ${set.name}, round ${round + 1}: ${baseline.at(-1).ms.toFixed(0)} ms without, ${withRule.at(-1).ms.toFixed(0)} ms with the rule\n`,
      );
    }
    const last = withRule.at(-1);
    if (baseline.at(-1).messages.fatal !== undefined || last.messages.fatal !== undefined) {
      throw new Error(`${corpus.name}: parsing errors, the runs did not lint the same thing`);
    }
    return {
      corpus: corpus.name,
      baseline: set.name,
      files: last.files,
      baselineMs: median(baseline.map((entry) => entry.ms)),
      withRuleMs: median(withRule.map((entry) => entry.ms)),
      baselineCpuMs: median(baseline.map((entry) => entry.cpuMs)),
      withRuleCpuMs: median(withRule.map((entry) => entry.cpuMs)),
      ruleMs: median(withRule.map((entry) => entry.ruleMs[OUR_RULE] ?? 0)),
      reports: last.messages[OUR_RULE] ?? 0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, baseline: { type: 'string' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
  const sets = values.baseline === undefined ? BASELINES : BASELINES.filter((set) => set.rules[0].endsWith(values.baseline));
  if (sets.length === 0) throw new Error(`--baseline is no-unsafe-assignment or recommended-type-checked, got ${values.baseline}`);
  const rows = sets.flatMap((set) => CORPORA.map((corpus) => measure(corpus, set, rounds)));
  console.log(`Node ${process.version}, ${os.cpus().length} cores, ${rounds} interleaved rounds, medians of whole-process wall time.\n`);
  console.log(
    '| baseline rules | corpus | files | baseline wall | + require-type-coverage | added wall | baseline CPU | + rule CPU | added CPU | rule time (ESLint stats) | rule reports |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
    const percent = (after, before) => `${((after / before - 1) * 100).toFixed(1)}%`;
    console.log(
      `| ${row.baseline} | ${row.corpus} | ${row.files} | ${seconds(row.baselineMs)} | ${seconds(row.withRuleMs)} | ${percent(row.withRuleMs, row.baselineMs)} | ${seconds(row.baselineCpuMs)} | ${seconds(row.withRuleCpuMs)} | ${percent(row.withRuleCpuMs, row.baselineCpuMs)} | ${seconds(row.ruleMs)} | ${row.reports} |`,
    );
  }
  const over = rows.filter((row) => row.baseline === BASELINES[0].name && row.withRuleMs > row.baselineMs * 1.1);
  for (const row of over) console.error(`OVER BUDGET ${row.corpus}: +${((row.withRuleMs / row.baselineMs - 1) * 100).toFixed(1)}% (budget 10%)`);
  if (over.length > 0) process.exitCode = 1;
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4].split(','), process.argv[5].split(',').filter(Boolean));
else await main();
