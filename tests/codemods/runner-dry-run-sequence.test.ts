import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectCodemod } from '../../codemods/runner/contract.js';
import { foldChanges } from '../../codemods/runner/dry-run-copy.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';
import { appendingCodemod } from './appending-codemod.js';

// Issue 17 §2: a dry run of several codemods applies them in sequence (on a scratch copy) and reports one
// change per file, counted once.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Readonly<Record<string, string>>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dry-run-sequence-')));
  temporary.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const appending = appendingCodemod;

const renaming: ProjectCodemod = {
  kind: 'project',
  name: 'renaming',
  description: 'Renames temp_a.ts to a.ts.',
  rule: 'no-one-off-scripts',
  order: 0,
  plan: async ({ root }) => ({
    writes: new Map(),
    renames: fs.existsSync(path.join(root, 'src/temp_a.ts')) ? [{ from: path.join(root, 'src/temp_a.ts'), to: path.join(root, 'src/a.ts') }] : [],
    deletes: [],
    skipped: [],
    failed: [],
    notes: [],
  }),
};

describe('a dry run of several codemods', () => {
  it('each codemod sees the previous one\'s result; one change per file, against the file as it is; nothing written', async () => {
    const root = project({ 'src/temp_a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n', 'src/c.ts': 'export const c = 1;\n// one\n// two\n' });
    const report = await runCodemods({ root, codemods: [renaming, appending('one', '// one'), appending('two', '// two')], dryRun: true, jobs: 1 });
    expect(report.changes).toEqual([
      { path: 'src/b.ts', before: 'export const b = 1;\n', after: 'export const b = 1;\n// one\n// two\n' },
      { path: 'src/temp_a.ts', renamedTo: 'src/a.ts', before: 'export const a = 1;\n', after: 'export const a = 1;\n// one\n// two\n' },
    ]);
    expect(report.counts).toEqual({ changed: 2, unchanged: 1, skipped: 0, failed: 0, changedAndFailed: 0 });
    expect(report.root).toBe(root);
    expect(report.dryRun).toBe(true);
    expect(fs.readdirSync(path.join(root, 'src')).sort()).toEqual(['b.ts', 'c.ts', 'temp_a.ts']);
    expect(fs.readFileSync(path.join(root, 'src/b.ts'), 'utf8')).toBe('export const b = 1;\n');
  });

  it('the real run counts each changed file once too', async () => {
    const root = project({ 'src/temp_a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
    const report = await runCodemods({ root, codemods: [renaming, appending('one', '// one'), appending('two', '// two')], force: true, jobs: 1 });
    expect(report.files.filter((file) => file.status === 'changed')).toHaveLength(5);
    expect(report.counts).toEqual({ changed: 2, unchanged: 0, skipped: 0, failed: 0, changedAndFailed: 0 });
  });
});

describe('foldChanges', () => {
  it('keeps the first before and the last after, follows renames, drops what ends as it began', () => {
    expect(
      foldChanges([
        { path: 'x.ts', before: 'x1', after: 'x2' },
        { path: 'x.ts', renamedTo: 'y.ts', before: 'x2', after: 'x2' },
        { path: 'y.ts', before: 'x2', after: 'x3' },
        { path: 'back.ts', before: 'b1', after: 'b2' },
        { path: 'back.ts', before: 'b2', after: 'b1' },
        { path: 'new.md', before: null, after: 'n' },
        { path: 'gone.md', deleted: true, before: 'g', after: null },
        { path: 'brief.md', before: null, after: 't' },
        { path: 'brief.md', deleted: true, before: 't', after: null },
      ]),
    ).toEqual([
      { path: 'gone.md', deleted: true, before: 'g', after: null },
      { path: 'new.md', before: null, after: 'n' },
      { path: 'x.ts', renamedTo: 'y.ts', before: 'x1', after: 'x3' },
    ]);
  });
});
