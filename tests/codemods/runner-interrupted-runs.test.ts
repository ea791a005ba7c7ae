import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCodemods } from '../../codemods/runner/run-codemods.js';
import { DirtyWorkTreeError } from '../../codemods/runner/work-tree.js';
import { appendingCodemod } from './appending-codemod.js';

// Issue 17 §2: a run killed mid-write (kill -9) leaves `.*.perf-standards-tmp` files; Ctrl-C stops between codemods.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function committed(label: string, files: Readonly<Record<string, string>>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `interrupted-${label}-`)));
  temporary.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  return root;
}

/** The pid of a process that has exited: what a temporary of a killed run carries. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const appending = appendingCodemod;

describe('stale temporaries of a killed run', () => {
  it('are deleted before the work-tree check, reported, and the run goes on without --force', async () => {
    const root = committed('stale', { 'src/a.ts': 'export const a = 1;\n' });
    const pid = deadPid();
    const stale = [`src/.a.ts.${pid}.1.perf-standards-tmp`, `.package.json.${pid}.7.perf-standards-tmp`];
    for (const file of stale) fs.writeFileSync(path.join(root, file), 'half of a file');
    const report = await runCodemods({ root, codemods: [appending('marker', '// marked')], jobs: 1 });
    expect(report.removedTemporaries).toEqual([`.package.json.${pid}.7.perf-standards-tmp`, `src/.a.ts.${pid}.1.perf-standards-tmp`]);
    for (const file of stale) expect(fs.existsSync(path.join(root, file))).toBe(false);
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n// marked\n');
  });

  it('a temporary of a process still running (another run) is left alone, and the tree is dirty', async () => {
    const root = committed('live', { 'src/a.ts': 'export const a = 1;\n' });
    const live = `src/.a.ts.${process.pid}.1.perf-standards-tmp`;
    fs.writeFileSync(path.join(root, live), 'being written');
    const refused = await runCodemods({ root, codemods: [appending('marker', '// marked')], jobs: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DirtyWorkTreeError);
    expect((refused as DirtyWorkTreeError).files).toEqual([live]);
    expect(fs.existsSync(path.join(root, live))).toBe(true);
  });

  it('files that only look like temporaries (another naming, a folder) are not touched; a dry run deletes nothing', async () => {
    const root = committed('lookalike', { 'src/a.ts': 'export const a = 1;\n' });
    const pid = deadPid();
    fs.writeFileSync(path.join(root, 'notes.perf-standards-tmp'), 'mine');
    fs.mkdirSync(path.join(root, `.dir.${pid}.1.perf-standards-tmp`));
    fs.writeFileSync(path.join(root, `.dir.${pid}.1.perf-standards-tmp`, 'inside.txt'), 'mine');
    fs.writeFileSync(path.join(root, `src/.a.ts.${pid}.2.perf-standards-tmp`), 'stale');
    const dry = await runCodemods({ root, codemods: [appending('marker', '// marked')], dryRun: true, jobs: 1 });
    expect(dry.removedTemporaries).toEqual([]);
    expect(fs.existsSync(path.join(root, `src/.a.ts.${pid}.2.perf-standards-tmp`))).toBe(true);
    const report = await runCodemods({ root, codemods: [appending('marker', '// marked')], force: true, jobs: 1 });
    expect(report.removedTemporaries).toEqual([`src/.a.ts.${pid}.2.perf-standards-tmp`]);
    expect(fs.readFileSync(path.join(root, 'notes.perf-standards-tmp'), 'utf8')).toBe('mine');
    expect(fs.readFileSync(path.join(root, `.dir.${pid}.1.perf-standards-tmp`, 'inside.txt'), 'utf8')).toBe('mine');
  });
});

describe('an interrupted run (Ctrl-C) stops between codemods', () => {
  it('stopped while the first codemod plans: nothing is written, both are named as not applied', async () => {
    const root = committed('first', { 'src/a.ts': 'export const a = 1;\n' });
    const controller = new AbortController();
    const report = await runCodemods({
      root,
      codemods: [appending('first', '// one', () => controller.abort()), appending('second', '// two')],
      signal: controller.signal,
      jobs: 1,
    });
    expect(report.applied).toEqual([]);
    expect(report.interrupted).toEqual({ notApplied: ['first', 'second'] });
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('stopped while the second plans: the first is applied whole, the second not at all', async () => {
    const root = committed('second', { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
    const controller = new AbortController();
    const report = await runCodemods({
      root,
      codemods: [appending('first', '// one'), appending('second', '// two', () => controller.abort()), appending('third', '// three')],
      signal: controller.signal,
      jobs: 1,
    });
    expect(report.applied).toEqual(['first']);
    expect(report.interrupted).toEqual({ notApplied: ['second', 'third'] });
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n// one\n');
    expect(fs.readFileSync(path.join(root, 'src/b.ts'), 'utf8')).toBe('export const b = 1;\n// one\n');
  });

  it('a run that is not stopped reports every codemod applied and no interruption', async () => {
    const root = committed('whole', { 'src/a.ts': 'export const a = 1;\n' });
    const report = await runCodemods({ root, codemods: [appending('first', '// one'), appending('second', '// two')], signal: new AbortController().signal, jobs: 1 });
    expect(report.applied).toEqual(['first', 'second']);
    expect(report.interrupted).toBeUndefined();
  });
});
