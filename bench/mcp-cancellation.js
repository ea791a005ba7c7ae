// A cancelled `check` in `perf-standards mcp` (issue 18): what the server process does after the client gives up.
// A generated project (150 files of 60 async functions, many seconds of linting) is checked whole; 6 s into the
// call the client aborts it (the SDK client sends notifications/cancelled). Reported, from /proc/<pid>:
//   - resident memory idle (SDK loaded, one explain call), during the run, and 4 s after the cancellation;
//   - CPU seconds (user + sys, all threads) over the 3 s that start 1 s after the cancellation;
//   - wall time of the next call (a one-file check);
//   - where the memory is, idle and after the cancellation: the server runs with --expose-gc and a probe that, on
//     SIGUSR2, collects garbage and writes process.memoryUsage() (the main thread's heap; rss counts every
//     thread and the allocator's free pages), so retained heap and allocator slack can be told apart.
// Run: npm run build && node bench/mcp-cancellation.js [path/to/cli/main.js]   (default: this build)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.resolve(process.argv[2] ?? path.join(repo, 'dist/cli/main.js'));
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

const cpu = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
};
const rss = (pid) => Number(/VmRSS:\s+(\d+)/u.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const probeFile = path.join(os.tmpdir(), `bench-mcp-memory-${process.pid}.json`);
const PROBE = `import fs from 'node:fs'; process.on('SIGUSR2', () => { globalThis.gc(); globalThis.gc(); fs.writeFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify(process.memoryUsage())); });`;
const probeUrl = `data:text/javascript,${encodeURIComponent(PROBE)}`;
const mb = (bytes) => Math.round(bytes / 1024 / 1024);
/** The server's memory after two full collections, in MB. */
async function heapAfterGc(pid) {
  fs.rmSync(probeFile, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; !fs.existsSync(probeFile) && waited < 10_000; waited += 50) await sleep(50);
  await sleep(50);
  const usage = JSON.parse(fs.readFileSync(probeFile, 'utf8'));
  return { rss: mb(usage.rss), heapUsed: mb(usage.heapUsed), heapTotal: mb(usage.heapTotal), external: mb(usage.external), arrayBuffers: mb(usage.arrayBuffers) };
}

const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mcp-cancel-')));
fs.mkdirSync(path.join(project, 'src'));
fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "large", "version": "1.0.0", "type": "module" }\n');
fs.writeFileSync(path.join(project, 'small.js'), 'export const one = 1;\n');
const body = Array.from(
  { length: 60 },
  (_, i) => `/** @complexity O(n) */\nexport async function step${i}(items) {\n  const out = [];\n  for (const item of items) {\n    out.push(await load(item, ${i}));\n  }\n  const start = Date.now();\n  while (Date.now() - start < 1) {}\n  return out;\n}\n`,
).join('');
for (let file = 0; file < 150; file++) fs.writeFileSync(path.join(project, 'src', `module${file}.js`), `import { load } from './load.js';\n${body}`);
fs.writeFileSync(path.join(project, 'src', 'load.js'), 'export async function load(item) {\n  return item;\n}\n');

const client = new Client({ name: 'bench', version: '1.0.0' }, { capabilities: { roots: {} } });
client.setRequestHandler('roots/list', async () => ({ roots: [{ uri: pathToFileURL(project).href, name: 'large' }] }));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: ['--expose-gc', '--import', probeUrl, bin, 'mcp'],
  cwd: os.tmpdir(),
  stderr: 'pipe',
  env: { ...process.env, MEMORY_PROBE_FILE: probeFile },
});
try {
  await client.connect(transport);
  const pid = transport.pid;
  await client.callTool({ name: 'explain', arguments: { rule: 'no-busy-wait' } });
  const idle = rss(pid);
  const idleHeap = await heapAfterGc(pid);
  const controller = new AbortController();
  const running = client.callTool({ name: 'check', arguments: {} }, { signal: controller.signal, timeout: 600_000 }).catch(() => 'cancelled');
  await sleep(6_000);
  const busy = rss(pid);
  controller.abort();
  await running;
  await sleep(1_000);
  const before = cpu(pid);
  await sleep(3_000);
  const after = cpu(pid);
  const settled = rss(pid);
  const settledHeap = await heapAfterGc(pid);
  const start = performance.now();
  const next = await client.callTool({ name: 'check', arguments: { paths: ['small.js'] } }, { timeout: 600_000 });
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; ${path.relative(repo, bin) || bin}`);
  console.log(
    JSON.stringify({
      idleMB: Math.round(idle),
      duringRunMB: Math.round(busy),
      afterCancelMB: Math.round(settled),
      cpuSecondsOver3sFrom1sAfterCancel: Number((after - before).toFixed(2)),
      nextCallMs: Math.round(performance.now() - start),
      nextCallAnswered: next.isError !== true,
      afterGcIdleMB: idleHeap,
      afterGcAfterCancelMB: settledHeap,
    }),
  );
} finally {
  await client.close();
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(probeFile, { force: true });
}
