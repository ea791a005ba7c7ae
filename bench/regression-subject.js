// One side of one round for bench/regression-gate.js: a real workload of this repository (reading a
// 100-file lcov report with the coverage gate's reader, about 9 ms of CPU), timed in CPU time over ITERATIONS
// iterations (default 10) after 3 warm-ups; prints tinybench-style JSON. PLANT=1.05 plants a 5% slowdown:
// after each iteration it spins for 5% of that iteration's own CPU time, so the slowdown is exactly
// proportional. ITERATIONS=40 makes a round four times as long (bench/regression-round-length.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { readCoverageReport } = await import(path.join(repo, 'dist', 'standards', 'quality-gates', 'coverage-report.js'));
const factor = Number(process.env.PLANT ?? '1');

const records = [];
for (let file = 0; file < 100; file += 1) {
  const lines = [];
  for (let line = 1; line <= 120; line += 1) lines.push(`DA:${line},${(line * 7 + file) % 5}`);
  records.push(['TN:', `SF:src/module-${file}.ts`, 'FNF:12', 'FNH:9', ...lines, 'LF:120', `LH:${96 + (file % 10)}`, 'BRF:16', 'BRH:12', 'end_of_record'].join('\n'));
}
const text = records.join('\n');

// CPU time of this process (user + system), in milliseconds: on a shared machine, wall time also counts the
// time spent waiting for a core, which other jobs decide.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const iteration = () => {
  const start = cpuMs();
  readCoverageReport(text, repo, 'bench.lcov');
  const elapsed = cpuMs() - start;
  const until = start + elapsed * factor;
  // The planted slowdown must cost CPU like real work, so it spins rather than sleeps.
  while (cpuMs() < until) {
    // spin
  }
  return cpuMs() - start;
};
for (let warm = 0; warm < 3; warm += 1) iteration();
const times = Array.from({ length: Number(process.env.ITERATIONS ?? '10') }, iteration);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
process.stdout.write(JSON.stringify([{ name: 'read lcov (100 files)', result: { mean, samples: times.length } }]));
