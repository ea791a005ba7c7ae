// wrap-performance-monitor's speed against the floor of a jscodeshift transform (issue 10: ≤ 1.2× a no-op
// jscodeshift transform, parse + print, over the same files, CPU, all cores). Both run through the codemod
// runner's worker pool (`transformFiles`, one worker per core) over the non-test sources of zod's npm package,
// nothing written. Each measurement is a fresh Node process timed by /usr/bin/time (user + sys of the whole
// process tree, worker threads included), the two interleaved A B A B, medians.
// Run: npm run bench:wrap-performance-monitor   (builds first)   ROUNDS=n to change the rounds (default 5).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = fileURLToPath(import.meta.url);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const OPTIONS = Object.freeze({ functions: 'exported', paths: ['**'], ignore: ['**/*.test.ts', '**/tests/**'] });

function sources(root) {
  return fs
    .readdirSync(root, { recursive: true })
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.split(path.sep).includes('tests'))
    .map((entry) => path.join(root, entry))
    .sort();
}

async function child(mode, root) {
  const { transformFiles } = await import('../dist/codemods/runner/file-pool.js');
  const codemod =
    mode === 'wrap'
      ? (await import('../dist/codemods/wrap-performance-monitor.js')).default
      : (await import('./jscodeshift-print-codemod.js')).default;
  const files = sources(root);
  const results = await transformFiles(codemod, files, () => OPTIONS, os.availableParallelism(), () => undefined, root);
  const changed = results.filter((result) => result.outcome.status === 'changed').length;
  const failed = results.filter((result) => result.outcome.status === 'failed').length;
  process.stdout.write(JSON.stringify({ files: files.length, changed, failed }));
}

function measure(mode, root) {
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, script, '--child', mode, root], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${mode} failed: ${run.stderr}`);
  const [user, sys] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { cpu: user + sys, result: JSON.parse(run.stdout) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const root = path.join(repo, 'node_modules', 'zod', 'src');
  const times = { wrap: [], print: [] };
  let last = null;
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    for (const mode of round % 2 === 0 ? ['wrap', 'print'] : ['print', 'wrap']) {
      const { cpu, result } = measure(mode, root);
      times[mode].push(cpu);
      if (mode === 'wrap') last = result;
    }
  }
  const wrap = median(times.wrap);
  const print = median(times.print);
  console.log(`zod src: ${last.files} files, ${last.changed} would change, ${last.failed} failed; ${os.availableParallelism()} threads, ${ROUNDS} rounds`);
  console.log(`wrap-performance-monitor  CPU median ${wrap.toFixed(2)} s  (${times.wrap.map((t) => t.toFixed(2)).join(' ')})`);
  console.log(`jscodeshift parse+print   CPU median ${print.toFixed(2)} s  (${times.print.map((t) => t.toFixed(2)).join(' ')})`);
  console.log(`ratio ${(wrap / print).toFixed(2)}× (budget ≤ 1.20×)`);
}
