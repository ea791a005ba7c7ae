/**
 * The project of mcp-check-symlink-escape, for the tests of `check` (command and MCP tool): links that lead
 * out of it to a file and to a folder, by relative and by absolute target, a link that leads nowhere, a link
 * that stays inside, and the project itself reached through a link. A git repository with one commit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI_BIN } from '../run-node.js';

export interface LinkedProject {
  /** The temporary folder holding the two below; delete it when done. */
  readonly base: string;
  readonly project: string;
  /** Where the links lead: outside the project. */
  readonly outside: string;
  /** A link to `project`, beside it. */
  readonly rootLink: string;
}

const CLOCK = 'export async function timed(task) {\n  const t0 = Date.now();\n  await task();\n  return Date.now() - t0;\n}\n';
const SPIN = 'export function hold(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}\n';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });
}

/**
 * Builds the project in a new temporary folder (`label` names it). Its config enables only the two rules
 * that would report the outside files: `prefer-performance-now` (clock.js) and `no-busy-wait` (poll.js).
 * @performance a few file writes and one git commit.
 */
export function createLinkedProject(label: string): LinkedProject {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`)));
  const project = path.join(base, 'project');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(project, 'src', 'inner'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'clock.js'), CLOCK);
  fs.writeFileSync(path.join(outside, 'poll.js'), SPIN);
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "linked", "version": "1.0.0", "type": "module" }\n');
  const pluginUrl = pathToFileURL(path.join(CLI_BIN, '../../index.js')).href;
  fs.writeFileSync(
    path.join(project, 'eslint.config.js'),
    `import plugin from ${JSON.stringify(pluginUrl)};\nconst only = ['prefer-performance-now', 'no-busy-wait'];\nexport default [...plugin.configs.recommended, { rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => ['perf-standards/' + name, only.includes(name) ? 'error' : 'off'])) }];\n`,
  );
  fs.writeFileSync(path.join(project, 'src', 'own.js'), CLOCK);
  fs.symlinkSync('../../outside/clock.js', path.join(project, 'src', 'linked.js'));
  fs.symlinkSync(path.join(outside, 'poll.js'), path.join(project, 'src', 'inner', 'absolute.js'));
  fs.symlinkSync('../outside', path.join(project, 'shared'));
  fs.symlinkSync(outside, path.join(project, 'src', 'vendor'));
  fs.symlinkSync('../nowhere.js', path.join(project, 'src', 'broken.js'));
  fs.symlinkSync('own.js', path.join(project, 'src', 'alias.js'));
  git(project, 'init', '-q');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'links');
  const rootLink = path.join(base, 'link-to-project');
  fs.symlinkSync(project, rootLink);
  return { base, project, outside, rootLink };
}
