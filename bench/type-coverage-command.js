// `perf-standards coverage` against the `type-coverage` CLI it replaces (issue 4: cold at most 0.8× its wall
// time, a warm cache markedly faster), on npm packages' own sources. Each round runs every contender once, in
// a rotating order, so load from other processes falls on all of them alike; medians and ratios are printed.
// Both tools must print the same counts, or the benchmark stops.
// Run: npm run bench:type-coverage-command   (builds first; `-- --rounds 9` for more rounds)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'dist/cli/main.js');
const typeCoverage = path.join(repo, 'node_modules/type-coverage/bin/type-coverage');
const roundsFlag = process.argv.indexOf('--rounds');
const ROUNDS = roundsFlag === -1 ? 5 : Number(process.argv[roundsFlag + 1]);

// type-coverage skips every path containing `node_modules`, so the sources are copied out first.
const CORPORA = [
  {
    name: 'rxjs 7.8.2 `src/`',
    source: 'node_modules/rxjs/src',
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] },
    exclude: [],
  },
  {
    name: 'zod 4.1.9 `src/` (tests excluded)',
    source: 'node_modules/zod/src',
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] },
    exclude: ['**/tests/**'],
  },
];

function prepare(corpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-coverage-'));
  fs.cpSync(path.join(repo, corpus.source), dir, { recursive: true });
  for (const entry of fs.readdirSync(dir, { recursive: true })) {
    if (/tsconfig.*\.json$/.test(entry)) fs.rmSync(path.join(dir, entry));
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true }));
  const compilerOptions = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [], ...corpus.compilerOptions };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: corpus.exclude }, null, 2));
  return dir;
}

// CPU time of the whole child process (all its threads), written at exit by a preloaded probe: on a machine
// that other work keeps busy, wall time mostly measures the scheduler, CPU time still measures the tool.
const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-coverage-probe-'));
const probe = path.join(probeDir, 'cpu-usage.cjs');
const probeOut = path.join(probeDir, 'usage.json');
fs.writeFileSync(
  probe,
  "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeFileSync(process.env.BENCH_CPU_OUT, String((u.user + u.system) / 1000)); });\n",
);

function timed(args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', probe, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', BENCH_CPU_OUT: probeOut },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  return { ms, cpu: Number(fs.readFileSync(probeOut, 'utf8')), counts: /\(\d+ \/ \d+\) [\d.]+%/.exec(result.stdout)?.[0] };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const CONTENDERS = [
  { name: 'type-coverage 2.30.3', args: (dir) => [typeCoverage, '-p', dir] },
  { name: 'perf-standards coverage (cold, threads by load)', args: (dir) => [cli, 'coverage', '-p', dir] },
  { name: 'perf-standards coverage --jobs 1 (cold, one thread)', args: (dir) => [cli, 'coverage', '-p', dir, '--jobs', '1'] },
  { name: 'perf-standards coverage --jobs 2 (cold, two threads)', args: (dir) => [cli, 'coverage', '-p', dir, '--jobs', '2'] },
  { name: 'perf-standards coverage --cache (warm, nothing changed)', args: (dir) => [cli, 'coverage', '-p', dir, '--cache', '--cache-directory', path.join(dir, '.warm-cache')] },
];

function main() {
  console.log(`node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}, ${ROUNDS} rounds`);
  for (const corpus of CORPORA) {
    const dir = prepare(corpus);
    try {
      // Fills the warm cache and checks the counts agree before timing anything.
      const reference = timed(CONTENDERS[0].args(dir), dir).counts;
      for (const contender of CONTENDERS.slice(1)) {
        const { counts } = timed(contender.args(dir), dir);
        if (counts !== reference) throw new Error(`${corpus.name}: ${contender.name} printed ${counts}, type-coverage ${reference}`);
      }
      const times = CONTENDERS.map(() => []);
      const cpus = CONTENDERS.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (let step = 0; step < CONTENDERS.length; step++) {
          const index = (round + step) % CONTENDERS.length;
          const { ms, cpu } = timed(CONTENDERS[index].args(dir), dir);
          times[index].push(ms);
          cpus[index].push(cpu);
        }
      }
      const base = median(times[0]);
      const baseCpu = median(cpus[0]);
      console.log(`\n${corpus.name}: ${reference}`);
      console.log('| command | median wall time | wall ratio | median CPU time | CPU ratio | wall, all rounds (ms) |');
      console.log('|---|---|---|---|---|---|');
      for (const [index, contender] of CONTENDERS.entries()) {
        const wall = median(times[index]);
        const cpu = median(cpus[index]);
        console.log(
          `| ${contender.name} | ${Math.round(wall)} ms | ${(wall / base).toFixed(2)}× | ${Math.round(cpu)} ms | ${(cpu / baseCpu).toFixed(2)}× | ${times[index].map(Math.round).join(', ')} |`,
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nload average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  fs.rmSync(probeDir, { recursive: true, force: true });
}

main();
