// Does a longer round lower the regression gate's per-round noise? A/A rounds of bench/regression-subject.js
// (this repository's lcov reader, CPU time per iteration) at several round lengths (timed iterations per
// process), the lengths interleaved within each round so that the machine's load weighs on all of them alike;
// each length's round is two processes, ABAB order alternating per round, as the gate runs them. Prints per
// length: the standard deviation of the per-round log ratio, the rounds the gate's design then needs
// (((z₀.₉₉₅ + z₀.₉₀) · sd / ln 1.05)², from the estimate itself), CPU and wall time per round, and so the wall
// time of a decision. --save DIR writes each length's log ratios as DIR/regression-noise-iterations-N.json,
// which `node bench/regression-gate.js --real 0 --noise FILE` replays through the whole decision procedure.
// Run: npm run build && node bench/regression-round-length.js --rounds 40 --iterations 10,40,160 [--save bench]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' }, iterations: { type: 'string', default: '10,40,160' }, save: { type: 'string' } } });
const ROUNDS = Number(values.rounds);
const LENGTHS = values.iterations.split(',').map(Number);
const Z = 2.5758293 + 1.2815516;

// One process of the subject: its mean CPU time per iteration, and the CPU (user+sys) and wall time it took.
function run(iterations) {
  const started = performance.now();
  const { stdout, status, stderr } = spawnSync(process.execPath, [path.join(repo, 'bench', 'regression-subject.js')], { encoding: 'utf8', env: { ...process.env, ITERATIONS: String(iterations) } });
  if (status !== 0) throw new Error(`subject failed: ${stderr}`);
  return { mean: JSON.parse(stdout)[0].result.mean, wallMs: performance.now() - started };
}

// CPU time (user+sys) of this process's waited-for children so far, in ms: /proc/self/stat's cutime and
// cstime, in clock ticks of 10 ms (Linux).
const childrenCpuMs = () => {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};

const byLength = new Map(LENGTHS.map((length) => [length, { logs: [], wallMs: 0, cpuMs: 0 }]));
const load = [];
for (let round = 0; round < ROUNDS; round += 1) {
  load.push(os.loadavg()[0]);
  // Rotate which length goes first, so none always runs after the same neighbour.
  for (const length of LENGTHS.map((_, index) => LENGTHS[(index + round) % LENGTHS.length])) {
    const entry = byLength.get(length);
    const before = childrenCpuMs();
    const [first, second] = [run(length), run(length)];
    const after = childrenCpuMs();
    // ABAB: in even rounds the first process is the baseline, in odd rounds the current side.
    const ratio = round % 2 === 0 ? second.mean / first.mean : first.mean / second.mean;
    entry.logs.push(Math.log(ratio));
    entry.wallMs += first.wallMs + second.wallMs;
    entry.cpuMs += after - before;
  }
}

const sdOf = (xs) => {
  const centre = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - centre) ** 2, 0) / (xs.length - 1));
};
const sortedLoad = [...load].sort((a, b) => a - b);
console.log(`${ROUNDS} A/A rounds per length, ${os.cpus().length} cores, 1-minute load average median ${sortedLoad[Math.floor(load.length / 2)].toFixed(1)} (${sortedLoad[0].toFixed(1)}–${sortedLoad.at(-1).toFixed(1)})`);
console.log('| Iterations per process | sd of per-round log ratio | Rounds needed | CPU per round | Wall per round | Wall per decision (rounds needed, ≥ 10) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [length, { logs, wallMs, cpuMs }] of byLength) {
  const sd = sdOf(logs);
  const needed = Math.max(10, Math.ceil(((Z * sd) / Math.log(1.05)) ** 2));
  const wallPerRound = wallMs / ROUNDS / 1000;
  console.log(`| ${length} | ${(100 * sd).toFixed(1)}% | ${needed} | ${(cpuMs / ROUNDS / 1000).toFixed(2)} s | ${wallPerRound.toFixed(2)} s | ${Math.round(needed * wallPerRound)} s |`);
  if (values.save !== undefined) fs.writeFileSync(path.join(values.save, `regression-noise-iterations-${length}.json`), JSON.stringify(logs));
}
