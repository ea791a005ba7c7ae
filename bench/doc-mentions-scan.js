// What the consolidate-docs scan for docs other files name (standards/docs/doc-mentions.ts) adds to a run: the
// scan alone, on each project's git-tracked files, against the whole `fix consolidate-docs --dry-run` of the
// same project as the reference. CPU time (user+sys) of this process for the scan, of the child process tree
// for the command; rounds interleave the two; medians.
// Run: npm run build && node bench/doc-mentions-scan.js <project> <doc>... [--rounds N]
//   e.g. node bench/doc-mentions-scan.js /tmp/boltons CHANGELOG.md TODO.rst
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { findDocMentions } = await import(path.join(repo, 'dist/standards/docs/doc-mentions.js'));

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '5' } } });
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
const [root, ...docs] = positionals;
if (root === undefined || docs.length === 0) throw new Error('usage: node bench/doc-mentions-scan.js <project> <doc>... [--rounds N]');

const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter((file) => file !== '');
const read = (file) => {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return null;
  }
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const scans = [];
const commands = [];
let named = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const before = process.cpuUsage();
  named = [...findDocMentions({ files, docs, read, rewrittenSpans: () => [] }).keys()];
  const used = process.cpuUsage(before);
  scans.push((used.user + used.system) / 1000);
  // bash's `times` after the child: user and sys of the finished process tree.
  const timed = spawnSync('bash', ['-c', 'node "$0" fix consolidate-docs --dry-run . >/dev/null 2>&1; times', path.join(repo, 'dist/cli/main.js')], { cwd: root, encoding: 'utf8' });
  const children = timed.stdout.trim().split('\n').at(-1).match(/(\d+)m([\d.]+)s/gu).map((part) => {
    const [, minutes, seconds] = /(\d+)m([\d.]+)s/u.exec(part);
    return Number(minutes) * 60_000 + Number(seconds) * 1000;
  });
  commands.push(children.reduce((sum, value) => sum + value, 0));
}
const scan = median(scans);
const command = median(commands);
console.log(`${path.basename(root)}: ${files.length} files; named: ${named.join(', ') || 'none'}`);
console.log(`scan ${scan.toFixed(1)} ms CPU (rounds ${scans.map((value) => value.toFixed(1)).join(', ')})`);
console.log(`fix consolidate-docs --dry-run ${command.toFixed(0)} ms CPU (rounds ${commands.map((value) => value.toFixed(0)).join(', ')}); scan / command ${(scan / command).toFixed(3)}`);
