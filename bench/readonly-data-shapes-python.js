// readonly-data-shapes on Python (issue 20) against its peer dataclass-slots, which proves from the same
// project scan: both plan over the top-level .py files of the machine's python3 standard library (read only,
// nothing is written), each measurement in its own Node process, interleaved round by round, medians of CPU
// time (user+sys of the process). A third worker only reads the files into the facts both proofs share (one
// parse and walk per file: readPythonProject), so each codemod's own plan is seen apart from reading.
// Run: npm run bench:readonly-data-shapes-python -- [--rounds N] (default 5; builds first)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, worker: { type: 'string' } } });
const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const files = fs.readdirSync(stdlib).filter((name) => name.endsWith('.py')).sort().map((name) => path.join(stdlib, name));
const input = { root: stdlib, files, projectFiles: files, optionsFor: () => ({}) };

if (values.worker !== undefined) {
  const start = process.cpuUsage();
  let result;
  if (values.worker === 'readonly') {
    const { planPythonShapes } = await import(path.join(repo, 'dist/codemods/readonly-data-shapes.js'));
    const changes = planPythonShapes(input);
    result = { writes: changes.writes.size, notes: changes.notes.length };
  } else if (values.worker === 'slots') {
    const { planDataclassSlots } = await import(path.join(repo, 'dist/codemods/dataclass-slots.js'));
    const changes = await planDataclassSlots(input);
    result = { writes: changes.writes.size, notes: changes.notes.length };
  } else {
    const { readPythonProject } = await import(path.join(repo, 'dist/codemods/runner/python-project-files.js'));
    result = { writes: 0, notes: readPythonProject(input, () => false).files.length };
  }
  const used = process.cpuUsage(start);
  process.stdout.write(JSON.stringify({ ...result, cpu: (used.user + used.system) / 1000 }));
  process.exit(0);
}

const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
const kinds = ['readonly', 'slots', 'parse'];
const results = new Map(kinds.map((kind) => [kind, []]));
for (let round = 0; round < rounds; round += 1) {
  for (let index = 0; index < kinds.length; index += 1) {
    const kind = kinds[(index + round) % kinds.length];
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', kind], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`${kind} worker failed (${child.status}): ${child.stderr}`);
    results.get(kind).push(JSON.parse(child.stdout));
  }
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const cpu = (kind) => median(results.get(kind).map((result) => result.cpu));
const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
console.log(`Corpus: ${files.length} top-level .py files of ${stdlib}; ${rounds} rounds, medians of CPU (user+sys) in the planning call`);
console.log('');
console.log('| run | CPU | beyond the read | files written | notes |');
console.log('|---|---:|---:|---:|---:|');
for (const kind of kinds) {
  const first = results.get(kind)[0];
  const label = { readonly: 'readonly-data-shapes, Python plan', slots: 'dataclass-slots plan', parse: 'read into facts only' }[kind];
  console.log(`| ${label} | ${ms(cpu(kind))} | ${kind === 'parse' ? '—' : ms(cpu(kind) - cpu('parse'))} | ${kind === 'parse' ? '—' : first.writes} | ${kind === 'parse' ? `${first.notes} files parsed` : first.notes} |`);
}
console.log('');
console.log(`Ratio readonly-data-shapes (Python) / dataclass-slots: ${(cpu('readonly') / cpu('slots')).toFixed(2)}×`);
