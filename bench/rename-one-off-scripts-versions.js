// rename-one-off-scripts against an earlier build of itself (issue 9: the reference checks must not cost much):
// CPU time (user+sys of the whole child process, /usr/bin/time) on a generated NodeNext project where one module
// has 2,000 importers, earlier build and this one interleaved (A B B A ...), medians.
// Run: npm run build && BASE_DIST=/path/to/earlier/dist ROUNDS=5 node bench/rename-one-off-scripts-versions.js
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const [,, mode, ...rest] = process.argv;
if (mode === '--child') {
  const [dist, dir] = rest;
  const { runCodemods } = await import(pathToFileURL(path.join(dist, 'codemods/runner/run-codemods.js')).href);
  const { default: codemod } = await import(pathToFileURL(path.join(dist, 'codemods/rename-one-off-scripts.js')).href);
  const report = await runCodemods({ root: dir, codemods: [codemod], force: true });
  if (report.counts.failed > 0 || report.counts.changed < 2001) throw new Error(JSON.stringify(report.counts));
  process.exit(0);
}
const template = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rename-versions-'));
fs.mkdirSync(path.join(template, 'src/features'), { recursive: true });
fs.writeFileSync(path.join(template, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
fs.writeFileSync(path.join(template, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true }, include: ['src'] }));
fs.writeFileSync(path.join(template, 'src/temp_shared.ts'), 'export interface Row { readonly id: number }\nexport const shared = (id: number): Row => ({ id });\n');
for (let i = 0; i < 2000; i += 1) {
  const sibling = i === 0 ? '' : `import { feature${i - 1} } from './feature${i - 1}.js';\n`;
  fs.writeFileSync(path.join(template, `src/features/feature${i}.ts`), `import { shared, type Row } from '../temp_shared.js';\n${sibling}\nexport function feature${i}(): Row {\n  return shared(${i});\n}\n`);
}
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.BASE_DIST === undefined) throw new Error('set BASE_DIST to the dist/ folder of the build to compare against');
const dists = { base: path.resolve(process.env.BASE_DIST), branch: path.join(repo, 'dist') };
const cpu = { base: [], branch: [] };
const rounds = Number(process.env.ROUNDS ?? 5);
for (let round = 0; round < rounds; round += 1) {
  for (const which of round % 2 === 0 ? ['base', 'branch'] : ['branch', 'base']) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rename-versions-run-'));
    fs.cpSync(template, dir, { recursive: true });
    const result = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, process.argv[1], '--child', dists[which], dir], { encoding: 'utf8' });
    const line = result.stderr.trim().split('\n').at(-1);
    if (result.status !== 0) throw new Error(result.stderr);
    const [user, sys] = line.split(' ').map(Number);
    // Checked outside the measured process: every importer names the new file as it named the old one.
    const stale = fs.readdirSync(path.join(dir, 'src/features')).filter((file) => !fs.readFileSync(path.join(dir, 'src/features', file), 'utf8').includes("from '../shared.js'"));
    if (stale.length > 0 || !fs.existsSync(path.join(dir, 'src/shared.ts'))) throw new Error(`${which}: ${stale.length} importers not rewritten`);
    cpu[which].push(user + sys);
    console.error(which, (user + sys).toFixed(2));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(JSON.stringify({ base: median(cpu.base), branch: median(cpu.branch), ratio: median(cpu.branch) / median(cpu.base), cpu, load: os.loadavg()[0] }));
fs.rmSync(template, { recursive: true, force: true });
