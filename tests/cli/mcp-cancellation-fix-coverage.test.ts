import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectServer } from './mcp-client.js';
import { cpuOver, sleep } from './proc-usage.js';

// A cancelled `fix` or `coverage` stops as a cancelled `check` does: each runs on a thread of its own that
// the server ends, at once unless a write batch is under way (then right after it). So CPU falls back to
// idle, the next call is answered, and the tree holds every file old or every file new, never a mix nor a
// temporary file.

const FILES = 40;
const temporary: string[] = [];
const clients: Client[] = [];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const timing = (index: number): string =>
  `export function timed${index}(rounds: number): { value: number; elapsed: number } {\n  const start = Date.now();\n  let value = 0;\n  for (let i = 0; i < rounds; i++) value += i % ${index + 2};\n  return { value, elapsed: Date.now() - start };\n}\n`;

/** A committed TypeScript project in which `performance-now` changes every one of FILES files. */
function timingProject(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-cancel-fix-')));
  temporary.push(dir);
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "timing", "version": "1.0.0", "type": "module" }\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext", "noEmit": true }, "include": ["src"] }\n');
  const body = Array.from({ length: 12 }, (_, index) => timing(index)).join('\n');
  for (let file = 0; file < FILES; file++) fs.writeFileSync(path.join(dir, 'src', `timing${file}.ts`), body);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'timing');
  return dir;
}

/** The files under src/ that `performance-now` changed (no `Date.now()` left), and every temporary file. */
function treeState(dir: string): { changed: number; unchanged: number; other: readonly string[] } {
  let changed = 0;
  let unchanged = 0;
  const other: string[] = [];
  for (const name of fs.readdirSync(path.join(dir, 'src'))) {
    const text = fs.readFileSync(path.join(dir, 'src', name), 'utf8');
    if (!/^timing\d+\.ts$/u.test(name)) other.push(name);
    else if (!text.includes('Date.now()') && text.includes('performance.now()')) changed++;
    else if (text.includes('Date.now()') && !text.includes('performance.now()')) unchanged++;
    else other.push(`${name} (half-fixed)`);
  }
  return { changed, unchanged, other };
}

async function connect(root: string): Promise<{ client: Client; pid: number }> {
  const { client, transport } = await connectServer({ roots: [root], cwd: os.tmpdir() });
  clients.push(client);
  const pid = transport.pid;
  if (pid === null) throw new Error('the server has no pid');
  return { client, pid };
}

/** Starts a call and aborts it at the first progress message `when` accepts; resolves once the client gave up. */
async function cancelAt(client: Client, name: string, args: Record<string, unknown>, when: (message: string) => boolean): Promise<readonly string[]> {
  const controller = new AbortController();
  const stages: string[] = [];
  const outcome = client
    .callTool({ name, arguments: args }, {
      signal: controller.signal,
      timeout: 600_000,
      onprogress: (progress) => {
        const message = progress.message ?? '';
        stages.push(message);
        if (when(message)) controller.abort('the user pressed stop');
      },
    })
    .then(() => 'answered', () => 'rejected');
  expect(await outcome).toBe('rejected');
  return stages;
}

let project = '';
beforeAll(() => {
  project = timingProject();
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((open: Client) => open.close()));
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('mcp: a cancelled fix or coverage stops', { timeout: 180_000 }, () => {
  it('fix cancelled while transforming: CPU back to idle, nothing written, the next call answered', async () => {
    const { client, pid } = await connect(project);
    const stages = await cancelAt(client, 'fix', { codemod: 'performance-now', apply: true }, (message) => message.startsWith('transforming'));
    expect(stages[0]).toBe('finding files');
    await sleep(1_000);
    expect(await cpuOver(pid, 2_000), 'CPU seconds over 2 s after the cancellation').toBeLessThan(0.2);
    expect(treeState(project)).toEqual({ changed: 0, unchanged: FILES, other: [] });
    expect(git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    const next = await callTool(client, 'fix', { codemod: 'performance-now', paths: ['src/timing0.ts'] });
    expect(next.isError).toBeUndefined();
    expect(next.structuredContent).toMatchObject({ dryRun: true, counts: { changed: 1 } });
  });

  it('fix cancelled while writing: the batch under way is finished, so every file is new; then the server is idle and answers', async () => {
    const dir = timingProject();
    const { client, pid } = await connect(dir);
    const stages = await cancelAt(client, 'fix', { codemod: 'performance-now', apply: true }, (message) => message === 'writing');
    expect(stages).toContain('writing');
    // The server answers nothing for a cancelled call; it ends the thread once the writes are done.
    for (let waited = 0; treeState(dir).changed < FILES && waited < 30_000; waited += 200) await sleep(200);
    await sleep(1_000);
    expect(await cpuOver(pid, 2_000), 'CPU seconds over 2 s after the cancellation').toBeLessThan(0.2);
    expect(treeState(dir)).toEqual({ changed: FILES, unchanged: 0, other: [] });
    const status = git(dir, 'status', '--porcelain', '--untracked-files=all').trimEnd().split('\n');
    expect(status).toHaveLength(FILES);
    expect(status.every((line) => /^ M src\/timing\d+\.ts$/u.test(line)), status.join('\n')).toBe(true);
    const next = await callTool(client, 'explain', { rule: 'prefer-performance-now' });
    expect(next.structuredContent?.['rule']).toBe('perf-standards/prefer-performance-now');
  });

  it('coverage cancelled while counting: CPU back to idle, the next call answered', async () => {
    const { client, pid } = await connect(project);
    const stages = await cancelAt(client, 'coverage', {}, (message) => message === 'counting');
    expect(stages.slice(0, 1)).toEqual(['loading the tsconfig']);
    expect(stages).toContain('counting');
    await sleep(1_000);
    expect(await cpuOver(pid, 2_000), 'CPU seconds over 2 s after the cancellation').toBeLessThan(0.2);
    const next = await callTool(client, 'coverage', { files: ['src/timing0.ts'] });
    expect(next.isError, JSON.stringify(next.content)).toBeUndefined();
    expect(next.structuredContent).toMatchObject({ filesCounted: 1, percent: 100 });
  });
});
