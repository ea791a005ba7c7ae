import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runNode } from '../run-node.js';
import { createLinkedProject } from './linked-project.js';

// mcp-check-symlink-escape, for the command: `perf-standards check` lints nothing whose real path is outside
// the project. Links to a file and to a folder, by relative and absolute target, a link that leads nowhere,
// a path given through a linked folder, a link that stays inside (linted), and the project reached through a
// link. Each skipped link is named on stderr; skipping is not a finding.

let base = '';
let project = '';
let outside = '';

beforeAll(() => {
  ({ base, project, outside } = createLinkedProject('check-links'));
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

/** `file:line rule` per reported message, paths relative to `cwd`. */
async function check(cwd: string, ...paths: string[]): Promise<{ code: number; reports: string[]; skipped: string[] }> {
  const { code, stdout, stderr } = await runNode([CLI_BIN, 'check', '--format', 'json', ...paths], cwd);
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
  const reports = results.flatMap((result) => result.messages.map((message) => `${path.relative(cwd, result.filePath)}:${message.line} ${message.ruleId}`));
  const skipped = stderr.split('\n').filter((line) => line.startsWith('perf-standards check: skipped '));
  return { code, reports, skipped };
}

const OWN = ['src/alias.js:2 perf-standards/prefer-performance-now', 'src/own.js:2 perf-standards/prefer-performance-now'];

describe('mcp-check-symlink-escape: perf-standards check reads nothing outside the project', { timeout: 120_000 }, () => {
  it('the whole project: every link out (file, folder, absolute, dangling) skipped and named; the link inside linted', async () => {
    const { code, reports, skipped } = await check(project);
    expect(reports).toEqual(OWN);
    expect(skipped).toEqual([
      `perf-standards check: skipped shared: a symbolic link to ${outside}, outside the project; not followed`,
      'perf-standards check: skipped src/broken.js: a symbolic link that leads nowhere; not followed',
      `perf-standards check: skipped src/inner/absolute.js: a symbolic link to ${path.join(outside, 'poll.js')}, outside the project; not followed`,
      `perf-standards check: skipped src/linked.js: a symbolic link to ${path.join(outside, 'clock.js')}, outside the project; not followed`,
      `perf-standards check: skipped src/vendor: a symbolic link to ${outside}, outside the project; not followed`,
    ]);
    expect(code).toBe(1);
  });

  it('links given as paths, and a file reached through a linked folder: skipped, nothing linted, exit 0', async () => {
    const { code, reports, skipped } = await check(project, 'shared', 'src/linked.js', 'shared/poll.js');
    expect(reports).toEqual([]);
    expect(skipped).toEqual([
      `perf-standards check: skipped shared: a symbolic link to ${outside}, outside the project; not followed`,
      `perf-standards check: skipped shared/poll.js: a symbolic link to ${path.join(outside, 'poll.js')}, outside the project; not followed`,
      `perf-standards check: skipped src/linked.js: a symbolic link to ${path.join(outside, 'clock.js')}, outside the project; not followed`,
    ]);
    expect(code).toBe(0);
  });

  it('a folder holding links, given with a file inside: only what is in the project is linted', async () => {
    const { reports, skipped } = await check(project, 'src/inner', 'src/own.js');
    expect(reports).toEqual(['src/own.js:2 perf-standards/prefer-performance-now']);
    expect(skipped).toEqual([`perf-standards check: skipped src/inner/absolute.js: a symbolic link to ${path.join(outside, 'poll.js')}, outside the project; not followed`]);
  });

  it('the project reached through a link: judged by its real path, the same links skipped', async () => {
    const { reports, skipped } = await check(base, 'link-to-project');
    expect(reports).toEqual(OWN.map((report) => `link-to-project/${report}`));
    expect(skipped).toHaveLength(5);
    expect(skipped[0]).toBe(`perf-standards check: skipped shared: a symbolic link to ${outside}, outside the project; not followed`);
  });
});
