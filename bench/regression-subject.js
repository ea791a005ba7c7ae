// One side of one round for bench/regression-gate.js: a real workload of this repository (reading a
// 100-file lcov report with the coverage gate's reader, 17 ms or so), timed over 10 iterations after 3
// warm-ups; prints tinybench-style JSON. PLANT=1.05 plants a 5% slowdown: after each iteration it spins for
// 5% of that iteration's own time, so the slowdown is exactly proportional whatever the machine does.
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

const iteration = () => {
  const start = performance.now();
  readCoverageReport(text, repo, 'bench.lcov');
  const elapsed = performance.now() - start;
  const until = start + elapsed * factor;
  // The planted slowdown must cost CPU like real work, so it spins rather than sleeps.
  // eslint-disable-next-line perf-standards/no-busy-wait -- a measured slowdown, not a wait
  while (performance.now() < until) {
    // spin
  }
  return performance.now() - start;
};
for (let warm = 0; warm < 3; warm += 1) iteration();
const times = Array.from({ length: 10 }, iteration);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
process.stdout.write(JSON.stringify([{ name: 'read lcov (100 files)', result: { mean, samples: times.length } }]));
