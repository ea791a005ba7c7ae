// `perf-standards mcp` against ESLint's own MCP server, `@eslint/mcp` (issue 13), in one run on one machine:
//   1. spawn → tool list: a fresh process answering initialize then tools/list (budget: ≤ 0.8× @eslint/mcp;
//      the standard's goal is 100 ms). Wall time from spawn to the tools/list answer, and the CPU time
//      (user + sys, `/usr/bin/time -f '%U %S'`) of the whole process, which then exits on end of input.
//   2. a warm one-file check: our `check { paths: [file] }` against its `lint-files { filePaths: [file] }`,
//      same file, same eslint.config.js (budget: ≤ 1.5×), and sequential checks per second (budget: ≥ 100).
//      CPU per call is the server's own CPU plus its finished children's (git), read from /proc/<pid>/stat
//      around blocks of calls; wall per call is measured by this client.
// Rounds alternate the contenders (A B A B ...) so load from other processes falls on both alike.
// Run: npm run bench:mcp   (builds first; `-- --rounds 15 --calls 100` for more, `-- --functions 1` for a tiny file)
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const ROUNDS = option('--rounds', 11);
const CALLS = option('--calls', 60);
const BLOCKS = option('--blocks', 4);
const FUNCTIONS = option('--functions', 40);
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

const SERVERS = [
  { name: 'perf-standards mcp', args: [path.join(repo, 'dist/cli/main.js'), 'mcp'] },
  { name: '@eslint/mcp 0.3.13', args: [path.join(repo, 'node_modules/@eslint/mcp/src/mcp-cli.js')] },
];

function project() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mcp-')));
  const plugin = pathToFileURL(path.join(repo, 'dist/index.js')).href;
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench", "private": true, "type": "module" }\n');
  fs.writeFileSync(path.join(dir, 'eslint.config.js'), `import plugin from ${JSON.stringify(plugin)};\nexport default [...plugin.configs.recommended];\n`);
  fs.mkdirSync(path.join(dir, 'src'));
  const body = Array.from({ length: FUNCTIONS }, (_, i) => `export function scale${i}(value: number, factor: number): number {\n  return value * factor + ${i};\n}\n`).join('\n');
  fs.writeFileSync(path.join(dir, 'src/scale.ts'), body);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** A minimal line-delimited JSON-RPC client, so the harness costs the same for both servers. */
function start(server, cwd, timed) {
  const command = timed ? '/usr/bin/time' : process.execPath;
  const args = timed ? ['-f', 'CPU %U %S', process.execPath, ...server.args] : server.args;
  const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let stderr = '';
  const waiting = new Map();
  let nextId = 1;
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim() === '') continue;
      const message = JSON.parse(line);
      if (message.id !== undefined && waiting.has(message.id)) {
        waiting.get(message.id)(message);
        waiting.delete(message.id);
      }
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', () => resolve(stderr)));
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (message) => (message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result)));
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  const notify = (method) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method })}\n`);
  return { child, request, notify, exited };
}

async function handshake(connection) {
  await connection.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } });
  connection.notify('notifications/initialized');
  return connection.request('tools/list', {});
}

async function startup(server, cwd) {
  const began = performance.now();
  const connection = start(server, cwd, true);
  const { tools } = await handshake(connection);
  const wall = performance.now() - began;
  connection.child.stdin.end();
  const stderr = await connection.exited;
  const match = /CPU ([\d.]+) ([\d.]+)\s*$/u.exec(stderr);
  if (match === null) throw new Error(`${server.name}: no CPU figures in\n${stderr}`);
  return { wall, cpu: (Number(match[1]) + Number(match[2])) * 1000, tools: tools.map((tool) => tool.name) };
}

function processCpuMs(pid) {
  // Fields after the command name: utime stime cutime cstime are 14-17 (1-based) of /proc/<pid>/stat.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  console.log(`node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  const dir = project();
  try {
    // 1. Startup, interleaved.
    const walls = SERVERS.map(() => []);
    const cpus = SERVERS.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (let step = 0; step < SERVERS.length; step++) {
        const index = (round + step) % SERVERS.length;
        const { wall, cpu, tools } = await startup(SERVERS[index], dir);
        if (tools.length === 0) throw new Error(`${SERVERS[index].name} listed no tools`);
        walls[index].push(wall);
        cpus[index].push(cpu);
      }
    }
    console.log(`\nspawn → tools/list, ${ROUNDS} rounds`);
    console.log('| server | median wall | wall ratio | median CPU (user+sys) | CPU ratio |');
    console.log('|---|---|---|---|---|');
    for (const [index, server] of SERVERS.entries()) {
      console.log(`| ${server.name} | ${Math.round(median(walls[index]))} ms | ${(median(walls[index]) / median(walls[1])).toFixed(2)}× | ${Math.round(median(cpus[index]))} ms | ${(median(cpus[index]) / median(cpus[1])).toFixed(2)}× |`);
    }

    // 2. Warm one-file checks.
    const file = path.join(dir, 'src/scale.ts');
    const calls = [
      (connection) => connection.request('tools/call', { name: 'check', arguments: { paths: ['src/scale.ts'] } }),
      (connection) => connection.request('tools/call', { name: 'lint-files', arguments: { filePaths: [file] } }),
    ];
    const connections = SERVERS.map((server) => start(server, dir, false));
    await Promise.all(connections.map(handshake));
    // Warm-up: loads ESLint, the config and the rules; checks both see the same (clean) file.
    for (const [index, connection] of connections.entries()) {
      for (let i = 0; i < 5; i++) {
        const result = await calls[index](connection);
        if (result.isError) throw new Error(`${SERVERS[index].name}: ${JSON.stringify(result.content)}`);
      }
    }
    const perCallWall = SERVERS.map(() => []);
    const perCallCpu = SERVERS.map(() => []);
    for (let block = 0; block < BLOCKS; block++) {
      for (let step = 0; step < SERVERS.length; step++) {
        const index = (block + step) % SERVERS.length;
        const connection = connections[index];
        const cpuBefore = processCpuMs(connection.child.pid);
        const began = performance.now();
        for (let i = 0; i < CALLS; i++) {
          const callBegan = performance.now();
          await calls[index](connection);
          perCallWall[index].push(performance.now() - callBegan);
        }
        const blockWall = performance.now() - began;
        perCallCpu[index].push((processCpuMs(connection.child.pid) - cpuBefore) / CALLS);
        if (index === 0) perCallCpu.blockRates = [...(perCallCpu.blockRates ?? []), (CALLS * 1000) / blockWall];
      }
    }
    console.log(`\nwarm one-file check (${path.relative(dir, file)}, ${FUNCTIONS} functions), ${BLOCKS} blocks of ${CALLS} sequential calls per server`);
    console.log('| server | tool | median wall per call | wall ratio | CPU per call (server + children) | CPU ratio |');
    console.log('|---|---|---|---|---|---|');
    const toolNames = ['check', 'lint-files'];
    for (const [index, server] of SERVERS.entries()) {
      const wall = median(perCallWall[index]);
      const cpu = median(perCallCpu[index]);
      console.log(`| ${server.name} | ${toolNames[index]} | ${wall.toFixed(2)} ms | ${(wall / median(perCallWall[1])).toFixed(2)}× | ${cpu.toFixed(2)} ms | ${(cpu / median(perCallCpu[1])).toFixed(2)}× |`);
    }
    const rate = median(perCallCpu.blockRates);
    console.log(`\nperf-standards check: ${Math.round(rate)} sequential one-file checks per second (median of blocks; wall clock), ${Math.round(1000 / median(perCallCpu[0]))} per CPU-second`);
    await Promise.all(connections.map((connection) => {
      connection.child.stdin.end();
      return connection.exited;
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nload average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
}

await main();
