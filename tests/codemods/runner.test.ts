import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../cli/fix/report-format.js';
import type { FileCodemod, ProjectChanges, ProjectCodemod } from '../../codemods/runner/contract.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';
import { DirtyWorkTreeError } from '../../codemods/runner/work-tree.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `runner-${label}-`)));
  temporary.push(dir);
  return dir;
}

function write(root: string, files: Readonly<Record<string, string>>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

/** Appends a marker comment to every .ts file; throws on files whose source says `explode`. */
const marker: FileCodemod = {
  kind: 'file',
  name: 'marker',
  description: 'Appends a marker.',
  rule: 'no-one-off-scripts',
  order: 1,
  extensions: ['.ts'],
  transform(file) {
    if (file.source.includes('explode')) throw new Error('boom on purpose');
    return file.source.endsWith('// marked\n') ? undefined : `${file.source}// marked\n`;
  },
};

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
}

describe('runCodemods', () => {
  it('refuses a dirty git work tree, naming the dirty files, and runs with force', async () => {
    const root = tempDir('dirty');
    write(root, { 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'init');
    fs.appendFileSync(path.join(root, 'b.ts'), '// edited\n');
    write(root, { 'new.ts': 'export {};\n' });

    const refused = await runCodemods({ root, codemods: [marker], jobs: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DirtyWorkTreeError);
    expect((refused as DirtyWorkTreeError).files).toEqual(['b.ts', 'new.ts']);
    expect((refused as Error).message).toBe(
      "the git work tree has uncommitted changes (b.ts) and untracked files (new.ts); commit them, or stash them with `git stash --include-untracked` (plain `git stash` leaves untracked files) so the codemod's changes can be reviewed and reverted on their own, or pass --force",
    );
    expect(read(root, 'a.ts')).toBe('export const a = 1;\n');

    const dry = await runCodemods({ root, codemods: [marker], jobs: 1, dryRun: true });
    expect(dry.counts.changed).toBe(3);
    expect(read(root, 'a.ts')).toBe('export const a = 1;\n');

    const forced = await runCodemods({ root, codemods: [marker], jobs: 1, force: true });
    expect(forced.counts).toEqual({ changed: 3, unchanged: 0, skipped: 0, failed: 0, changedAndFailed: 0 });
    expect(read(root, 'a.ts')).toBe('export const a = 1;\n// marked\n');
  });

  it('accepts a folder that is not in a git work tree without force', async () => {
    const root = tempDir('plain');
    write(root, { 'a.ts': 'x;\n' });
    const report = await runCodemods({ root, codemods: [marker], jobs: 1 });
    expect(report.counts.changed).toBe(1);
  });

  it('writes nothing on a dry run and describes every change', async () => {
    const root = tempDir('dry');
    write(root, { 'a.ts': 'const a = 1;\n', 'keep.md': '# keep\n' });
    const renamer: ProjectCodemod = {
      kind: 'project',
      name: 'renamer',
      description: 'Renames and deletes.',
      rule: 'no-one-off-scripts',
      order: 0,
      plan: async ({ root: target }): Promise<ProjectChanges> => ({
        writes: new Map([[path.join(target, 'a.ts'), 'const a = 2;\n']]),
        renames: [{ from: path.join(target, 'a.ts'), to: path.join(target, 'lib/b.ts') }],
        deletes: [path.join(target, 'keep.md')],
        skipped: [],
        failed: [],
        notes: [],
      }),
    };
    const before = fs.readdirSync(root, { recursive: true });
    const report = await runCodemods({ root, codemods: [renamer], dryRun: true });
    expect(fs.readdirSync(root, { recursive: true })).toEqual(before);
    expect(read(root, 'a.ts')).toBe('const a = 1;\n');
    expect(report.changes).toEqual([
      { path: 'a.ts', renamedTo: 'lib/b.ts', before: 'const a = 1;\n', after: 'const a = 2;\n' },
      { path: 'keep.md', deleted: true, before: '# keep\n', after: null },
    ]);

    const real = await runCodemods({ root, codemods: [renamer] });
    expect(real.files.filter((file) => file.status === 'changed').map((file) => [file.path, file.renamedTo ?? null, file.deleted ?? false])).toEqual([
      ['a.ts', 'lib/b.ts', false],
      ['keep.md', null, true],
    ]);
    expect(fs.existsSync(path.join(root, 'a.ts'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'keep.md'))).toBe(false);
    expect(read(root, 'lib/b.ts')).toBe('const a = 2;\n');
  });

  it('never follows or writes through a symlink that leads outside the root', async () => {
    const outside = tempDir('outside');
    write(outside, { 'secret.ts': 'export const secret = 1;\n', 'dir/inner.ts': 'export const inner = 1;\n' });
    const root = tempDir('links');
    write(root, { 'own.ts': 'export const own = 1;\n' });
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'secret.ts'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked-dir'));
    const escaping: ProjectCodemod = {
      kind: 'project',
      name: 'escaping',
      description: 'Tries to write outside.',
      rule: 'no-one-off-scripts',
      order: 0,
      plan: async ({ root: target }): Promise<ProjectChanges> => ({
        writes: new Map([
          [path.join(target, 'linked-dir/inner.ts'), 'hacked\n'],
          [path.join(target, '../escape.ts'), 'hacked\n'],
        ]),
        renames: [],
        deletes: [],
        skipped: [],
        failed: [],
        notes: [],
      }),
    };
    const report = await runCodemods({ root, codemods: [marker, escaping], jobs: 1 });
    expect(read(outside, 'secret.ts')).toBe('export const secret = 1;\n');
    expect(read(outside, 'dir/inner.ts')).toBe('export const inner = 1;\n');
    expect(fs.existsSync(path.join(root, '../escape.ts'))).toBe(false);
    expect(read(root, 'own.ts')).toBe('export const own = 1;\n// marked\n');
    const byPath = new Map(report.files.map((file) => [`${file.codemod}:${file.path}`, file]));
    expect(byPath.get('marker:secret.ts')).toMatchObject({ status: 'skipped', reason: `a symbolic link to ${path.join(outside, 'secret.ts')}, outside the target root; not followed` });
    expect(byPath.get('marker:linked-dir')?.status).toBe('skipped');
    expect(byPath.get('escaping:linked-dir/inner.ts')).toMatchObject({ status: 'failed', reason: `not written: its folder resolves to ${path.join(outside, 'dir')}, outside the target root` });
    expect(byPath.get('escaping:../escape.ts')?.status).toBe('failed');
  });

  it('leaves a file a transform throws on byte-identical and goes on', async () => {
    const root = tempDir('throws');
    write(root, { 'a.ts': 'const a = 1;\n', 'b.ts': 'explode();\n', 'c.ts': 'const c = 3;\n' });
    const report = await runCodemods({ root, codemods: [marker], jobs: 1 });
    expect(read(root, 'b.ts')).toBe('explode();\n');
    expect(read(root, 'c.ts')).toBe('const c = 3;\n// marked\n');
    expect(report.files.find((file) => file.path === 'b.ts')).toEqual({ codemod: 'marker', path: 'b.ts', status: 'failed', reason: 'marker threw: boom on purpose' });
    expect(report.counts).toEqual({ changed: 2, unchanged: 0, skipped: 0, failed: 1, changedAndFailed: 0 });
  });

  it('counts a file one codemod wrote and another failed as changed and as failed, and the summary says so', async () => {
    const root = tempDir('changed-and-failed');
    write(root, { 'a.ts': 'const a = 1;\n', 'b.ts': 'const b = 2;\n', 'c.ts': '// marked\n' });
    // Fails what the marker wrote in a.ts, as add-explicit-types failed the files readonly-data-shapes wrote.
    const picky: FileCodemod = {
      kind: 'file', name: 'picky', description: 'Refuses a.', rule: 'no-one-off-scripts', order: 2, extensions: ['.ts'],
      transform(file) {
        if (file.source.includes('const a')) throw new Error('cannot type a');
        return undefined;
      },
    };
    const report = await runCodemods({ root, codemods: [marker, picky], jobs: 1 });
    expect(read(root, 'a.ts')).toBe('const a = 1;\n// marked\n');
    expect(report.files.filter((file) => file.path === 'a.ts').map((file) => `${file.codemod} ${file.status}`)).toEqual(['marker changed', 'picky failed']);
    // a.ts and b.ts were written; a.ts failed too; c.ts needed nothing: 2 + 1 + 1 - 1 = the 3 files.
    expect(report.counts).toEqual({ changed: 2, unchanged: 1, skipped: 0, failed: 1, changedAndFailed: 1 });
    const timed = { ...report, totalMilliseconds: 1500, timings: [{ codemod: 'marker', milliseconds: 1000 }, { codemod: 'picky', milliseconds: 500 }] };
    expect(formatSummary(timed)).toBe('2 files changed (1 of them also failed in another codemod), 1 unchanged, 0 skipped, 1 failed in 1.50 s (marker 1.00 s, picky 0.50 s).\n');
    expect(formatSummary({ ...timed, counts: { ...timed.counts, changedAndFailed: 0 } })).toBe('2 files changed, 1 unchanged, 0 skipped, 1 failed in 1.50 s (marker 1.00 s, picky 0.50 s).\n');
  });

  it('respects .gitignore and never enters node_modules', async () => {
    const root = tempDir('ignores');
    write(root, { '.gitignore': 'generated/\n', 'a.ts': 'a;\n', 'generated/g.ts': 'g;\n', 'node_modules/m/i.ts': 'm;\n', 'src/b.ts': 'b;\n' });
    const report = await runCodemods({ root, codemods: [marker], jobs: 1 });
    expect(report.files.map((file) => file.path).sort()).toEqual(['a.ts', 'src/b.ts']);
    const narrowed = await runCodemods({ root, codemods: [marker], jobs: 1, paths: ['src'] });
    expect(narrowed.files.map((file) => [file.path, file.status])).toEqual([['src/b.ts', 'unchanged']]);
  });

  it('keeps the file mode when it rewrites a file', async () => {
    const root = tempDir('mode');
    write(root, { 'run.ts': '#!/usr/bin/env node\n' });
    fs.chmodSync(path.join(root, 'run.ts'), 0o754);
    await runCodemods({ root, codemods: [marker], jobs: 1 });
    expect(fs.statSync(path.join(root, 'run.ts')).mode & 0o777).toBe(0o754);
  });
});

const DIST_RUNNER = pathToFileURL(path.resolve('dist/codemods/runner/run-codemods.js')).href;

function workerCodemodModule(dir: string): string {
  const file = path.join(dir, 'shout.mjs');
  fs.writeFileSync(
    file,
    `export default {
  kind: 'file', name: 'shout', description: 'Upper-cases string literals.', rule: 'no-one-off-scripts', order: 1,
  extensions: ['.ts'], module: import.meta.url,
  transform(file, api) {
    if (file.source.includes('explode')) throw new Error('boom in a worker');
    if (file.source.includes('crash')) process.exit(3);
    const j = api.jscodeshift;
    const root = j(file.source);
    root.find(j.StringLiteral).forEach((p) => { p.node.value = p.node.value.toUpperCase(); });
    return root.toSource({ quote: 'single' });
  },
};
`,
  );
  return file;
}

describe('runCodemods with worker threads (built engine)', () => {
  it('runs a per-file codemod on workers, reports a throw or a dead worker, and keeps untouched code byte-identical', async () => {
    const dir = tempDir('workers');
    const root = path.join(dir, 'project');
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index += 1) files[`src/m${index}.ts`] = `// keep   spacing\nexport const v${index} = 'x${index}';\n`;
    files['src/bad.ts'] = "explode('x');\n";
    files['src/crash.ts'] = "crash('x');\n";
    files['src/plain.ts'] = 'export const n = 1;\n';
    write(root, files);
    const { runCodemods: built } = (await import(DIST_RUNNER)) as typeof import('../../codemods/runner/run-codemods.js');
    const codemod = ((await import(pathToFileURL(workerCodemodModule(dir)).href)) as { default: FileCodemod }).default;
    const report = await built({ root, codemods: [codemod], jobs: 2 });
    expect(read(root, 'src/m7.ts')).toBe("// keep   spacing\nexport const v7 = 'X7';\n");
    expect(read(root, 'src/bad.ts')).toBe("explode('x');\n");
    expect(read(root, 'src/plain.ts')).toBe('export const n = 1;\n');
    expect(read(root, 'src/crash.ts')).toBe("crash('x');\n");
    expect(report.counts).toEqual({ changed: 40, unchanged: 1, skipped: 0, failed: 2, changedAndFailed: 0 });
    expect(report.files.find((file) => file.path === 'src/bad.ts')?.reason).toBe('shout threw: boom in a worker');
    expect(report.files.find((file) => file.path === 'src/crash.ts')?.reason).toBe('shout crashed its worker: the worker exited with code 3');
  });

  it('leaves every file wholly old or wholly new when killed with SIGKILL in the middle of a write batch', async () => {
    const root = tempDir('kill');
    const count = 300;
    const oldContent = (index: number): string => `old ${index}\n${'o'.repeat(100_000)}\n`;
    const newContent = (index: number): string => `new ${index}\n${'n'.repeat(300_000)}\n`;
    for (let index = 0; index < count; index += 1) fs.writeFileSync(path.join(root, `f${index}.txt`), oldContent(index));
    const script = path.join(tempDir('kill-script'), 'run.mjs');
    fs.writeFileSync(
      script,
      `import path from 'node:path';
const { runCodemods } = await import(${JSON.stringify(DIST_RUNNER)});
const root = ${JSON.stringify(root)};
const big = { kind: 'project', name: 'big', description: 'd', rule: 'r', order: 0,
  async plan({ files }) {
    const writes = new Map(files.map((file) => { const index = Number(path.basename(file).slice(1, -4)); return [file, 'new ' + index + '\\n' + 'n'.repeat(300000) + '\\n']; }));
    return { writes, renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  } };
await runCodemods({ root, codemods: [big], onProgress: (event) => { if (event.phase === 'write' && event.done === 0) process.stdout.write('writing\\n'); } });
process.stdout.write('finished\\n');
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('writing')) setTimeout(() => child.kill('SIGKILL'), 40);
      });
      child.on('exit', (_code, exitSignal) => resolve(exitSignal));
    });
    expect(signal).toBe('SIGKILL');
    expect(output).not.toContain('finished');
    let wholeNew = 0;
    for (let index = 0; index < count; index += 1) {
      const content = fs.readFileSync(path.join(root, `f${index}.txt`), 'utf8');
      const isOld = content === oldContent(index);
      const isNew = content === newContent(index);
      expect(isOld || isNew, `f${index}.txt is half-written (${content.length} chars)`).toBe(true);
      if (isNew) wholeNew += 1;
    }
    // The kill landed mid-batch: some files were replaced, not all.
    expect(wholeNew).toBeLessThan(count);
  });
});
