// Per-call cost of the monitor (issue 10: `monitored(fn)` ≤ 1.5× the cost of two `performance.now()` calls
// around the same call, goal 1.0×), side by side with Node's `performance.timerify`, in one process.
// Each variant calls the same function CALLS times in its own loop; CPU time (user + system, process.cpuUsage())
// is read around each loop. Rounds interleave the variants, rotating which goes first, after WARMUP rounds that
// let V8 optimise every loop; medians over ROUNDS. Overhead = variant − plain call; the ratio divides it by the
// overhead of the hand-written pair of performance.now() reads (which also adds the difference to a total).
// Run: npm run bench:runtime   (builds first)   CALLS=n ROUNDS=n to change the sizes.
import path from 'node:path';
import { createHistogram, performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { monitored, performanceStats } = await import(pathToFileURL(path.join(repo, 'dist/runtime/index.js')).href);

const CALLS = Number(process.env.CALLS ?? 1_000_000);
const ASYNC_CALLS = Math.max(1, Math.floor(CALLS / 5));
const ROUNDS = Number(process.env.ROUNDS ?? 11);
const WARMUP = 3;

function add(a, b) {
  return a + b;
}
async function addLater(a, b) {
  return a + b;
}

let checksum = 0;
const syncVariants = {
  'plain call': () => {
    let sum = 0;
    for (let i = 0; i < CALLS; i++) sum += add(i, 1);
    checksum += sum;
  },
  'two performance.now() around it': () => {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      sum += add(i, 1);
      total += performance.now() - start;
    }
    checksum += sum + total;
  },
  'monitored(fn), default sink': (() => {
    const measured = monitored('add', add);
    return () => {
      let sum = 0;
      for (let i = 0; i < CALLS; i++) sum += measured(i, 1);
      checksum += sum;
    };
  })(),
  'performance.timerify(fn)': (() => {
    const timed = performance.timerify(add);
    return () => {
      let sum = 0;
      for (let i = 0; i < CALLS; i++) sum += timed(i, 1);
      checksum += sum;
    };
  })(),
  'performance.timerify(fn, { histogram })': (() => {
    const timed = performance.timerify(add, { histogram: createHistogram() });
    return () => {
      let sum = 0;
      for (let i = 0; i < CALLS; i++) sum += timed(i, 1);
      checksum += sum;
    };
  })(),
};
const asyncVariants = {
  'plain call': async () => {
    let sum = 0;
    for (let i = 0; i < ASYNC_CALLS; i++) sum += await addLater(i, 1);
    checksum += sum;
  },
  'two performance.now() around it': async () => {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < ASYNC_CALLS; i++) {
      const start = performance.now();
      sum += await addLater(i, 1);
      total += performance.now() - start;
    }
    checksum += sum + total;
  },
  'monitored(fn), default sink': (() => {
    const measured = monitored('addLater', addLater);
    return async () => {
      let sum = 0;
      for (let i = 0; i < ASYNC_CALLS; i++) sum += await measured(i, 1);
      checksum += sum;
    };
  })(),
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function measureAll(variants, calls) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const order = names.map((_, index) => names[(index + round) % names.length]);
    for (const name of order) {
      const before = cpuMs();
      // Each variant is timed alone: run together, their CPU times would mix.
      // eslint-disable-next-line perf-standards/prefer-concurrent-await -- sequential by design
      await variants[name]();
      const nsPerCall = ((cpuMs() - before) * 1e6) / calls;
      if (round >= WARMUP) samples[name].push(nsPerCall);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
}

function report(title, perCall) {
  const plain = perCall['plain call'];
  const baseline = perCall['two performance.now() around it'] - plain;
  console.log(`\n${title}: ns per call (CPU, median of ${ROUNDS}); overhead = minus the plain call; ratio = overhead / baseline overhead`);
  console.log('| variant | ns per call | overhead ns | ratio |');
  console.log('|---|---|---|---|');
  for (const [name, ns] of Object.entries(perCall)) {
    const overhead = ns - plain;
    const ratio = name === 'plain call' ? '' : `${(overhead / baseline).toFixed(2)}×`;
    console.log(`| ${name} | ${ns.toFixed(1)} | ${name === 'plain call' ? '' : overhead.toFixed(1)} | ${ratio} |`);
  }
  return (perCall['monitored(fn), default sink'] - plain) / baseline;
}

console.log(`Node ${process.version}, ${CALLS} sync calls and ${ASYNC_CALLS} async calls per variant and round, ${WARMUP} warm-up rounds`);
const syncRatio = report('synchronous function', await measureAll(syncVariants, CALLS));
const asyncRatio = report('async function (awaited)', await measureAll(asyncVariants, ASYNC_CALLS));
const stats = performanceStats();
if (stats.add?.count !== CALLS * (WARMUP + ROUNDS) || stats.addLater?.count !== ASYNC_CALLS * (WARMUP + ROUNDS)) {
  throw new Error(`the monitor missed calls: ${JSON.stringify(stats)}`);
}
console.log(`\nmonitored(fn) overhead: ${syncRatio.toFixed(2)}× (sync), ${asyncRatio.toFixed(2)}× (async) the two performance.now() reads; budget 1.5×, goal 1.0×`);
if (checksum === 0) console.log('(checksum 0)');
process.exitCode = syncRatio <= 1.5 ? 0 : 1;
