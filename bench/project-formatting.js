// CPU cost of formatting codemod edits with the project's own Prettier (codemods/runner/project-formatting.ts,
// issue 17 §2). Corpus: zod's TypeScript sources (node_modules/zod/src) copied to a temporary project with an
// empty `.prettierrc`, formatted once with Prettier (so `prettier --check` passes before the edit), and
// Prettier linked into its node_modules. Each file gets one unformatted line inserted after its first line;
// the formatter then checks the file as it was, range-formats the edit, checks the result and, where the
// range left the file unformatted, formats it whole.
// CPU is process.cpuUsage() (user + system) of this process around the formatting only.
// Run: npm run bench:project-formatting   (builds first)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadProjectFormatter } = await import(pathToFileURL(path.join(repo, 'dist', 'codemods', 'runner', 'project-formatting.js')).href);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-project-formatting-'));
try {
  fs.cpSync(path.join(repo, 'node_modules', 'zod', 'src'), path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, '.prettierrc'), '{}\n');
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(path.join(repo, 'node_modules', 'prettier'), path.join(root, 'node_modules', 'prettier'), 'dir');
  execFileSync(process.execPath, [path.join(repo, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--write', 'src/**/*.ts', '--log-level', 'warn'], { cwd: root });
  const formatter = await loadProjectFormatter(root);
  if (formatter === null) throw new Error('Prettier did not load from the temporary project');
  const files = fs
    .readdirSync(path.join(root, 'src'), { recursive: true })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(root, 'src', file));
  const inputs = files.map((file) => {
    const before = fs.readFileSync(file, 'utf8');
    const lines = before.split('\n');
    lines.splice(1, 0, 'const   inserted={a:1}');
    return { file, before, after: lines.join('\n') };
  });
  let formatted = 0;
  const start = process.cpuUsage();
  for (const { file, before, after } of inputs) if ((await formatter.format(file, before, after)) !== after) formatted += 1;
  const used = process.cpuUsage(start);
  const milliseconds = (used.user + used.system) / 1000;
  console.log(`Prettier ${formatter.version}: ${files.length} files, ${formatted} formatted, ${milliseconds.toFixed(0)} ms CPU (${(milliseconds / files.length).toFixed(1)} ms per file)`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
