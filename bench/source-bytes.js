// CPU cost of writing a codemod's result back byte-exactly (codemods/runner/source-bytes.ts, issue 17 §2)
// against what the runner did before: `Buffer.from(after, 'utf8')`, which loses every byte that is not
// UTF-8. Corpus: zod's TypeScript sources (node_modules/zod/src, every .ts file) and TypeScript's lib.dom.d.ts
// (2.3 MB, the largest file a codemod is likely to meet). Each file gets one edit every 40 lines (an
// annotation appended to the line, as add-explicit-types makes), and is encoded whole.
// CPU is process.cpuUsage() (user + system) around each variant; variants run interleaved, figures are the
// median of the rounds.
// Run: npm run bench:source-bytes   (builds first)   Options: --rounds N (default 7)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
const { encodeEdit } = await import(pathToFileURL(path.join(repo, 'dist', 'codemods', 'runner', 'source-bytes.js')).href);

function edited(text) {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 40) lines[index] += ' /* edited */';
  return lines.join('\n');
}

function load(files) {
  return files.map((file) => {
    const bytes = fs.readFileSync(file);
    return { bytes, after: edited(bytes.toString('utf8')) };
  });
}

const zodRoot = path.join(repo, 'node_modules', 'zod', 'src');
const corpora = [
  { name: 'zod src (.ts)', inputs: load(fs.readdirSync(zodRoot, { recursive: true }).filter((file) => file.endsWith('.ts')).map((file) => path.join(zodRoot, file))) },
  { name: 'lib.dom.d.ts', inputs: load([path.join(repo, 'node_modules', 'typescript', 'lib', 'lib.dom.d.ts')]) },
];

const cpu = (run) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const { name, inputs } of corpora) {
  const bytes = inputs.reduce((sum, input) => sum + input.bytes.length, 0);
  const plain = [];
  const exact = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    plain.push(cpu(() => inputs.forEach((input) => Buffer.from(input.after, 'utf8'))));
    exact.push(
      cpu(() =>
        inputs.forEach((input) => {
          const result = encodeEdit(input.bytes, input.after);
          if ('refusal' in result) throw new Error(result.refusal);
        }),
      ),
    );
  }
  const [p, e] = [median(plain), median(exact)];
  console.log(`${name}: ${inputs.length} files, ${(bytes / 1024).toFixed(0)} KB; Buffer.from ${p.toFixed(1)} ms, encodeEdit ${e.toFixed(1)} ms CPU (${(e / inputs.length).toFixed(2)} ms per file)`);
}
