// Per-call cost of the Python monitor (runtime/python/performance/monitor.py), in the same terms as
// runtime-overhead.js for the TypeScript one: what `@performance_monitor` adds to a call, divided by what two
// hand-written `time.perf_counter()` reads around the same call (adding the difference to a total) add; and
// the same for an `async def` awaited in one event loop. One python3 process; each variant calls the same
// function CALLS times in its own loop; CPU time (time.process_time(): user + system) around each loop; rounds
// interleave the variants, rotating which goes first, after WARMUP rounds; medians over ROUNDS.
// Run: node bench/python-monitor-overhead.js   CALLS=n ROUNDS=n to change the sizes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CALLS = Number(process.env.CALLS ?? 200_000);
const ROUNDS = Number(process.env.ROUNDS ?? 11);

const program = String.raw`
import asyncio, statistics, sys, time
from performance.monitor import performance_monitor, performance_stats

CALLS, ROUNDS, WARMUP = int(sys.argv[1]), int(sys.argv[2]), 2

def add(a, b):
    return a + b

measured_add = performance_monitor(add)

async def add_later(a, b):
    return a + b

measured_add_later = performance_monitor(add_later)

def plain():
    s = 0
    for i in range(CALLS):
        s += add(i, 1)

def pair():
    s = 0
    total = 0.0
    for i in range(CALLS):
        start = time.perf_counter()
        s += add(i, 1)
        total += time.perf_counter() - start

def monitored():
    s = 0
    for i in range(CALLS):
        s += measured_add(i, 1)

async def loop(fn):
    s = 0
    for i in range(CALLS // 5):
        s += await fn(i, 1)

async def async_pair_body():
    s = 0
    total = 0.0
    for i in range(CALLS // 5):
        start = time.perf_counter()
        s += await add_later(i, 1)
        total += time.perf_counter() - start

variants = {
    "plain call": plain,
    "two perf_counter() around it": pair,
    "@performance_monitor": monitored,
    "async: plain await": lambda: asyncio.run(loop(add_later)),
    "async: two perf_counter() around it": lambda: asyncio.run(async_pair_body()),
    "async: @performance_monitor": lambda: asyncio.run(loop(measured_add_later)),
}
names = list(variants)
times = {name: [] for name in names}
for round_ in range(WARMUP + ROUNDS):
    order = names[round_ % len(names):] + names[:round_ % len(names)]
    for name in order:
        start = time.process_time()
        variants[name]()
        spent = time.process_time() - start
        if round_ >= WARMUP:
            times[name].append(spent)
median = {name: statistics.median(values) for name, values in times.items()}
def per_call(name, calls):
    return median[name] / calls * 1e9
for name in names:
    calls = CALLS if not name.startswith("async") else CALLS // 5
    print(f"{name:40s} {per_call(name, calls):8.1f} ns/call")
sync_ratio = (median["@performance_monitor"] - median["plain call"]) / (median["two perf_counter() around it"] - median["plain call"])
async_ratio = (median["async: @performance_monitor"] - median["async: plain await"]) / (median["async: two perf_counter() around it"] - median["async: plain await"])
print(f"overhead ratio, sync:  {sync_ratio:.2f}x two perf_counter() reads")
print(f"overhead ratio, async: {async_ratio:.2f}x two perf_counter() reads")
print(f"calls recorded: {sum(s['count'] for s in performance_stats().values())}")
`;

process.stdout.write(
  execFileSync('python3', ['-B', '-c', program, String(CALLS), String(ROUNDS)], {
    env: { ...process.env, PYTHONPATH: path.join(repo, 'runtime', 'python') },
    encoding: 'utf8',
  }),
);
