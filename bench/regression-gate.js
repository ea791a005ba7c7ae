// The regression gate's error rates (issue 21 goals: an A/A comparison fails ≤ 1% of the time; a planted 5%
// slowdown is caught ≥ 90%; 10% ≥ 99%), measured two ways in one run on this machine:
// 1. Real: whole decisions as the gate makes them (a 10-round pilot, rounds planned from an upper confidence
//    bound of its noise and re-planned when reached, up to --max-rounds, then decideRegression), each round one `node bench/regression-subject.js`
//    process per side (its CPU time per iteration), ABAB order alternating per round, for A/A, +5% and +10% (PLANT) — a real workload of
//    this repository on a shared, noisy machine. Few decisions: this part shows the real behaviour and cost.
// 2. Simulation: the per-round log ratios recorded in part 1's A/A rounds (real noise of this machine),
//    resampled with replacement and shifted by the planted slowdown, through the same two-stage procedure,
//    --simulations times per scenario: the error rates with tight confidence.
// Prints the rates, the rounds used (median, 90th percentile), and wall time per decision.
// Run: npm run bench:regression   Options: --real N (decisions per scenario, default 10; 0 skips part 1),
//      --simulations N (default 20000), --max-rounds N (default 80, the gate's; a comma-separated list simulates each),
//      --save-noise FILE (write the recorded A/A log ratios), --noise FILE (replay a saved recording),
//      --pilot N (pilot rounds, default the gate's), --iterations N (the subject's timed iterations per
//      process, default 10: longer rounds, see bench/regression-round-length.js),
//      --noise-sd P (rescale the centred recording to a standard deviation of P percent, keeping its shape:
//      the method at another machine's noise level), --symmetric (each resampled log ratio gets a random sign:
//      with the order alternating per round, an A/A ratio and its inverse are equally likely, so a recording's
//      chance skew is not replayed as if it were the machine's)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { decideRegression, plannedRounds, REGRESSION_DESIGN } = await import(path.join(repo, 'dist', 'standards', 'quality-gates', 'regression-statistics.js'));
const { values } = parseArgs({
  options: {
    real: { type: 'string', default: '10' },
    simulations: { type: 'string', default: '20000' },
    'max-rounds': { type: 'string', default: '80' },
    'save-noise': { type: 'string' },
    noise: { type: 'string' },
    pilot: { type: 'string' },
    'noise-sd': { type: 'string' },
    symmetric: { type: 'boolean', default: false },
    iterations: { type: 'string', default: '10' },
  },
});
// The gate's pilot is REGRESSION_DESIGN.pilotRounds; --pilot tries another in the simulation and real runs.
const PILOT = values.pilot === undefined ? REGRESSION_DESIGN.pilotRounds : Number(values.pilot);
const REAL = Number(values.real);
const SIMULATIONS = Number(values.simulations);
const MAX_ROUNDS_LIST = values['max-rounds'].split(',').map(Number);
let MAX_ROUNDS = MAX_ROUNDS_LIST[0];
const THRESHOLD = 5;
const SCENARIOS = [
  ['A/A (no change)', 1],
  ['planted +5%', 1.05],
  ['planted +10%', 1.1],
];

const sdOf = (values) => {
  const center = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - center) ** 2, 0) / (values.length - 1));
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// The gate's procedure, with `nextRatio()` giving one round's current/baseline ratio.
function decide(nextRatio) {
  const ratios = [];
  while (ratios.length < Math.min(PILOT, MAX_ROUNDS)) ratios.push(nextRatio());
  // Re-planned from all rounds whenever the plan is reached, as cli/gates/regression.ts does.
  for (let target = Math.min(MAX_ROUNDS, plannedRounds(ratios, THRESHOLD)); ratios.length < target; target = Math.min(MAX_ROUNDS, plannedRounds(ratios, THRESHOLD))) {
    while (ratios.length < target) ratios.push(nextRatio());
  }
  return decideRegression(ratios, THRESHOLD);
}

function runSide(factor) {
  const { stdout, status, stderr } = spawnSync(process.execPath, [path.join(repo, 'bench', 'regression-subject.js')], { encoding: 'utf8', env: { ...process.env, PLANT: String(factor), ITERATIONS: values.iterations } });
  if (status !== 0) throw new Error(`subject failed: ${stderr}`);
  return JSON.parse(stdout)[0].result.mean;
}

const recorded = [];
let roundIndex = 0;
function realRatio(factor) {
  // ABAB: alternate which side runs first.
  const first = roundIndex % 2 === 0 ? 'baseline' : 'current';
  roundIndex += 1;
  const times = {};
  for (const side of first === 'baseline' ? ['baseline', 'current'] : ['current', 'baseline']) times[side] = runSide(side === 'current' ? factor : 1);
  return times.current / times.baseline;
}

function summarize(label, decisions, seconds) {
  const failed = decisions.filter((decision) => decision.verdict === 'failed').length;
  const inconclusive = decisions.filter((decision) => decision.verdict === 'inconclusive').length;
  const rounds = decisions.map((decision) => decision.rounds).sort((a, b) => a - b);
  const pct = (count) => `${((100 * count) / decisions.length).toFixed(2)}%`;
  const wall = seconds === undefined ? '' : `, wall ${(seconds / decisions.length).toFixed(1)} s per decision`;
  console.log(`  ${label.padEnd(16)} failed ${pct(failed).padStart(7)}  inconclusive ${pct(inconclusive).padStart(7)}  rounds median ${quantile(rounds, 0.5)}, p90 ${quantile(rounds, 0.9)}${wall}`);
}

if (values.noise !== undefined) recorded.push(...JSON.parse(fs.readFileSync(values.noise, 'utf8')));
if (REAL > 0) console.log(`Real decisions (${REAL} per scenario; workload: bench/regression-subject.js; max ${MAX_ROUNDS} rounds):`);
for (const [label, factor] of REAL > 0 ? SCENARIOS : []) {
  const start = performance.now();
  const decisions = [];
  for (let index = 0; index < REAL; index += 1) {
    decisions.push(
      decide(() => {
        const ratio = realRatio(factor);
        if (factor === 1) recorded.push(Math.log(ratio));
        return ratio;
      }),
    );
  }
  summarize(label, decisions, (performance.now() - start) / 1000);
}

if (values['save-noise'] !== undefined) fs.writeFileSync(values['save-noise'], JSON.stringify(recorded));
const sorted = [...recorded].sort((a, b) => a - b);
console.log(
  `\nRecorded A/A noise: ${recorded.length} rounds, sd of log ratio ${(100 * sdOf(recorded)).toFixed(2)}%, ` +
    `median ${(100 * quantile(sorted, 0.5)).toFixed(2)}%, 5th–95th percentile ${(100 * quantile(sorted, 0.05)).toFixed(2)}% … ${(100 * quantile(sorted, 0.95)).toFixed(2)}%`,
);

// Resampling: the recorded log ratios, centred on zero (the A/A truth), plus the planted shift.
const centre = recorded.reduce((a, b) => a + b, 0) / recorded.length;
const scale = values['noise-sd'] === undefined ? 1 : Number(values['noise-sd']) / 100 / sdOf(recorded);
let seed = 28;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (const maxRounds of MAX_ROUNDS_LIST) {
  MAX_ROUNDS = maxRounds;
  console.log(`\nSimulation (${SIMULATIONS} decisions per scenario, recorded noise resampled${values.symmetric ? ' with random signs' : ''}${scale === 1 ? '' : `, rescaled to sd ${values['noise-sd']}%`}, max ${maxRounds} rounds):`);
  for (const [label, factor] of SCENARIOS) {
    const decisions = [];
    for (let index = 0; index < SIMULATIONS; index += 1) {
      decisions.push(
        decide(() => {
          const noise = (recorded[Math.floor(random() * recorded.length)] - centre) * scale;
          return Math.exp((values.symmetric && random() < 0.5 ? -noise : noise) + Math.log(factor));
        }),
      );
    }
    summarize(label, decisions);
  }
}
