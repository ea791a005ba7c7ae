import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WriteGate } from '../../codemods/runner/atomic-write.js';
import type { FileCodemod } from '../../codemods/runner/contract.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';

// The runner's stopping points (RunOptions.signal, RunOptions.writeGate): before a codemod, between the files
// a per-file codemod transforms, before a codemod writes; never inside a codemod's writes.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const FILES = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];

function project(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runner-signal-')));
  temporary.push(root);
  for (const file of FILES) fs.writeFileSync(path.join(root, file), `export const ${file[0]} = 1;\n`);
  return root;
}

const contents = (root: string): string[] => FILES.map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
const listing = (root: string): string[] => fs.readdirSync(root).sort();

function marking(name: string): FileCodemod {
  return {
    kind: 'file',
    name,
    description: 'Appends a marker.',
    rule: 'no-one-off-scripts',
    order: 1,
    extensions: ['.ts'],
    transform: (file) => `${file.source}// ${name}\n`,
  };
}

describe('runCodemods: signal and write gate', () => {
  it('a signal aborted between files: no file of that codemod is written, and the report says it was not applied', async () => {
    const root = project();
    const controller = new AbortController();
    const report = await runCodemods({
      root,
      codemods: [marking('first'), marking('second')],
      force: true,
      jobs: 1,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.phase === 'transform' && event.done === 1) controller.abort();
      },
    });
    expect(contents(root)).toEqual(FILES.map((file) => `export const ${file[0]} = 1;\n`));
    expect(listing(root)).toEqual(FILES);
    expect(report.applied).toEqual([]);
    expect(report.interrupted).toEqual({ notApplied: ['first', 'second'] });
  });

  it('a signal aborted during a codemod\'s writes: they all finish, the next codemod does not start', async () => {
    const root = project();
    const controller = new AbortController();
    const events: string[] = [];
    const gate: WriteGate = {
      enter: () => {
        events.push(`enter ${contents(root).filter((text) => text.includes('// first')).length}`);
        controller.abort();
        return true;
      },
      leave: () => {
        events.push(`leave ${contents(root).filter((text) => text.includes('// first')).length}`);
      },
    };
    const report = await runCodemods({ root, codemods: [marking('first'), marking('second')], force: true, jobs: 1, signal: controller.signal, writeGate: gate });
    expect(events).toEqual(['enter 0', 'leave 4']);
    expect(contents(root)).toEqual(FILES.map((file) => `export const ${file[0]} = 1;\n// first\n`));
    expect(listing(root)).toEqual(FILES);
    expect(report.applied).toEqual(['first']);
    expect(report.interrupted).toEqual({ notApplied: ['second'] });
  });

  it('a write gate that refuses: nothing is written', async () => {
    const root = project();
    const report = await runCodemods({ root, codemods: [marking('first')], force: true, jobs: 1, writeGate: { enter: () => false, leave: () => undefined } });
    expect(contents(root)).toEqual(FILES.map((file) => `export const ${file[0]} = 1;\n`));
    expect(report.applied).toEqual([]);
  });

  it('no signal, no gate: both codemods applied, nothing interrupted', async () => {
    const root = project();
    const report = await runCodemods({ root, codemods: [marking('first'), marking('second')], force: true, jobs: 1 });
    expect(contents(root)).toEqual(FILES.map((file) => `export const ${file[0]} = 1;\n// first\n// second\n`));
    expect(report.applied).toEqual(['first', 'second']);
    expect(report.interrupted).toBeUndefined();
  });
});
