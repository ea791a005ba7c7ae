import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkedProject } from './linked-project.js';
import { callTool as call, connectServer, textOf, type ToolResult } from './mcp-client.js';

// mcp-check-symlink-escape (modelcontextprotocol/servers#1845): the MCP `check` tool reads nothing whose real
// path is outside its root. A project whose links lead out: to a file, to a folder, by relative and by
// absolute target; a link that leads nowhere; a link that stays inside; and the root itself reached
// through a link.

const temporary: string[] = [];
const clients: Client[] = [];
let base = '';
let project = '';
let outside = '';
let rootLink = '';

beforeAll(() => {
  ({ base, project, outside, rootLink } = createLinkedProject('mcp-links'));
  temporary.push(base);
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((open: Client) => open.close()));
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function connect(roots: readonly string[] | null, cwd: string): Promise<Client> {
  const { client } = await connectServer({ roots, cwd });
  clients.push(client);
  return client;
}

const files = (result: ToolResult): string[] =>
  (result.structuredContent?.['results'] as { filePath: string; messages: { ruleId: string; line: number }[] }[]).flatMap((entry) =>
    entry.messages.map((message) => `${entry.filePath}:${message.line} ${message.ruleId}`),
  );

const OWN_CLOCK = ['src/alias.js:2 perf-standards/prefer-performance-now', 'src/own.js:2 perf-standards/prefer-performance-now'];

describe('mcp-check-symlink-escape: check reads nothing outside its root', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect([project], os.tmpdir());
  });

  it('the whole root: links out (file, folder, relative, absolute) and a dangling link are skipped and listed; a link inside is checked', async () => {
    const result = await call(client, 'check', {});
    expect(result.isError).toBeUndefined();
    expect(files(result)).toEqual(OWN_CLOCK);
    const summary = result.structuredContent?.['summary'] as Record<string, unknown>;
    expect(summary['skipped']).toEqual([
      { filePath: 'shared', reason: `a symbolic link to ${outside}, outside the root; not followed` },
      { filePath: 'src/broken.js', reason: 'a symbolic link that leads nowhere; not followed' },
      { filePath: 'src/inner/absolute.js', reason: `a symbolic link to ${path.join(outside, 'poll.js')}, outside the root; not followed` },
      { filePath: 'src/linked.js', reason: `a symbolic link to ${path.join(outside, 'clock.js')}, outside the root; not followed` },
      { filePath: 'src/vendor', reason: `a symbolic link to ${outside}, outside the root; not followed` },
    ]);
    expect(textOf(result)).toContain(`Skipped src/linked.js: a symbolic link to ${path.join(outside, 'clock.js')}, outside the root; not followed.`);
    // eslint.config.js, package.json, src/own.js, src/alias.js.
    expect(summary['filesChecked']).toBe(4);
  });

  it('a folder inside the root: the links under it are skipped', async () => {
    const result = await call(client, 'check', { paths: ['src/inner', 'src/own.js'] });
    expect(files(result)).toEqual(['src/own.js:2 perf-standards/prefer-performance-now']);
    expect((result.structuredContent?.['summary'] as Record<string, unknown>)['skipped']).toEqual([
      { filePath: 'src/inner/absolute.js', reason: `a symbolic link to ${path.join(outside, 'poll.js')}, outside the root; not followed` },
    ]);
  });

  // Paths are built in the test: the folders exist only once beforeAll ran.
  it.each([
    ['a file link', (): string => 'src/linked.js', (): string => path.join(outside, 'clock.js')],
    ['a folder link', (): string => 'shared', (): string => outside],
    ['a file through a folder link', (): string => 'shared/poll.js', (): string => path.join(outside, 'poll.js')],
    ['an absolute link', (): string => 'src/inner/absolute.js', (): string => path.join(outside, 'poll.js')],
    ['an absolute path to a link', (): string => path.join(project, 'src', 'vendor'), (): string => outside],
  ])('naming %s out of the root is refused', async (_kind: string, given: () => string, real: () => string) => {
    const result = await call(client, 'check', { paths: [given()] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`paths: ${given()} resolves through a symbolic link to ${real()}, outside the root ${project}; links out of the root are not followed`);
  });

  it('a path outside by name is refused as before, and the server keeps serving', async () => {
    const result = await call(client, 'check', { paths: [path.join(outside, 'clock.js')] });
    expect(textOf(result)).toBe(`paths: ${path.join(outside, 'clock.js')} is outside the root ${project}`);
    expect(files(await call(client, 'check', { paths: ['src/alias.js'] }))).toEqual(['src/alias.js:2 perf-standards/prefer-performance-now']);
  });

  it('links in the root path itself: a client root and absolute paths through a link to the project', async () => {
    const linked = await connect([rootLink], os.tmpdir());
    const whole = await call(linked, 'check', {});
    expect(files(whole)).toEqual(OWN_CLOCK);
    expect((whole.structuredContent?.['summary'] as { skipped: unknown[] }).skipped).toHaveLength(5);
    const absolute = await call(linked, 'check', { paths: [path.join(rootLink, 'src', 'own.js')] });
    expect(files(absolute)).toEqual(['src/own.js:2 perf-standards/prefer-performance-now']);
    const escape = await call(linked, 'check', { paths: [path.join(rootLink, 'src', 'linked.js')] });
    expect(textOf(escape)).toBe(
      `paths: ${path.join(rootLink, 'src', 'linked.js')} resolves through a symbolic link to ${path.join(outside, 'clock.js')}, outside the root ${project}; links out of the root are not followed`,
    );
  });

  it('fix writes inside the root only, and the links stay links', async () => {
    const before = fs.readFileSync(path.join(outside, 'clock.js'), 'utf8');
    const result = await call(client, 'fix', { codemod: 'performance-now', apply: true });
    expect(result.isError).toBeUndefined();
    const changed = (result.structuredContent?.['files'] as { path: string; status: string }[]).filter((file) => file.status === 'changed');
    expect(changed.map((file) => file.path)).toEqual(['src/own.js']);
    expect(fs.readFileSync(path.join(outside, 'clock.js'), 'utf8')).toBe(before);
    expect(fs.readFileSync(path.join(project, 'src', 'own.js'), 'utf8')).toContain('performance.now()');
    for (const link of ['shared', 'src/linked.js', 'src/vendor', 'src/inner/absolute.js', 'src/alias.js']) {
      expect(fs.lstatSync(path.join(project, link)).isSymbolicLink(), link).toBe(true);
    }
  });
});
