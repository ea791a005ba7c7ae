// Writes fixtures/gates/benchmark-results/: results files made by the real benchmark tools whose output the
// regression gate reads, so that tests/cli/gates/benchmark-results.test.ts checks the readers against what
// the tools write, not against shapes copied from their docs. Each tool times the same workload (the sum of
// 2,000 numbers) twice: `<tool>-baseline.json` with one pass, `<tool>-slower.json` with three.
//
//   tinybench         the version vitest depends on (node_modules/tinybench), tasks written as the gate's docs
//                     say: JSON.stringify(bench.tasks.map(({ name, result }) => ({ name, result })))
//   Benchmark.js      2.1.4, not a dependency of this repository: install it in a scratch folder
//                     (`npm install benchmark@2.1.4` there) and pass that folder as --benchmark-js <dir>; the
//                     suite is written as JSON.stringify(suite), the whole Suite object
//   pytest-benchmark  `python3 -m pytest --benchmark-json` (python3 with pytest-benchmark installed)
//
// Usage: node bench/benchmark-result-fixtures.js --benchmark-js /tmp/bjs
// The tools' versions are written to fixtures/gates/benchmark-results/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'fixtures', 'gates', 'benchmark-results');
const { values: options } = parseArgs({ options: { 'benchmark-js': { type: 'string' } } });
if (options['benchmark-js'] === undefined) throw new Error('--benchmark-js <folder where `npm install benchmark@2.1.4` ran> is required');
mkdirSync(out, { recursive: true });

const numbers = Array.from({ length: 2000 }, (_, index) => index);
const workload = (passes) => () => {
  let total = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    total = 0;
    for (const value of numbers) total += value;
  }
  return total;
};
const write = (file, text) => writeFileSync(path.join(out, file), text.endsWith('\n') ? text : `${text}\n`);

async function tinybench(passes) {
  const bench = new Bench({ time: 25, warmupTime: 5 });
  bench.add('sum 2,000 numbers', workload(passes));
  await bench.run();
  return JSON.stringify(bench.tasks.map(({ name, result }) => ({ name, result })));
}

function benchmarkJs(passes) {
  const Benchmark = createRequire(path.join(path.resolve(options['benchmark-js']), 'package.json'))('benchmark');
  const suite = new Benchmark.Suite();
  suite.add('sum 2,000 numbers', workload(passes), { maxTime: 0.5 });
  suite.run();
  return { text: JSON.stringify(suite), version: Benchmark.version };
}

function pytestBenchmark(passes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pytest-benchmark-'));
  try {
    writeFileSync(
      path.join(dir, 'test_sum.py'),
      `NUMBERS = list(range(2000))\n\n\ndef work():\n    total = 0\n    for _ in range(${passes}):\n        total = 0\n        for value in NUMBERS:\n            total += value\n    return total\n\n\ndef test_sum(benchmark):\n    assert benchmark(work) == 1999000\n`,
    );
    execFileSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--benchmark-max-time=0.02', '--benchmark-json', 'out.json', 'test_sum.py'], { cwd: dir, stdio: 'ignore' });
    // The file names this machine (host, paths, CPU): keep the results and the version, not the machine.
    const json = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
    return { text: JSON.stringify({ ...json, machine_info: { python_version: json.machine_info.python_version }, commit_info: {} }, null, 2), version: json.version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const versions = {};
for (const [passes, side] of [[1, 'baseline'], [3, 'slower']]) {
  write(`tinybench-${side}.json`, await tinybench(passes));
  const js = benchmarkJs(passes);
  write(`benchmark-js-${side}.json`, js.text);
  const py = pytestBenchmark(passes);
  write(`pytest-benchmark-${side}.json`, py.text);
  Object.assign(versions, { tinybench: JSON.parse(readFileSync(path.join(root, 'node_modules', 'tinybench', 'package.json'), 'utf8')).version, 'Benchmark.js': js.version, 'pytest-benchmark': py.version });
}
write(
  'README.md',
  `Results files written by the real tools, by \`node bench/benchmark-result-fixtures.js --benchmark-js <dir>\`
(see that script): the sum of 2,000 numbers, one pass (\`*-baseline.json\`) and three passes (\`*-slower.json\`).
Versions: ${Object.entries(versions).map(([tool, version]) => `${tool} ${version}`).join(', ')}; Node ${process.version}.
pytest-benchmark's machine_info and commit_info are cut down to the Python version (they name the machine).
`,
);
console.log(`wrote ${out}`);
