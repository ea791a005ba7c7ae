import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runNode } from '../run-node.js';

// `perf-standards fix` given paths that lead out of the root through a link (a file link, a folder link, a
// file inside a linked folder, a glob whose base is a linked folder) skips them as the whole-root walk does:
// same wording, never read, never "failed". Proof of "never read": the outside folder holds a FIFO with no
// writer, so opening it blocks and the run would time out (a chmod 000 file proves nothing under root).
// performance-now is a per-file codemod, dataclass-slots a project codemod (it reads projectFiles).

const TIMED = 'import time\n\n\ndef timed(work):\n    start = time.time()\n    work()\n    return time.time() - start\n';
const SHAPE = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Point:\n    x: int\n    y: int\n';

let base = '';
let project = '';
let outside = '';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });
}

beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fix-links-')));
  project = path.join(base, 'project');
  outside = path.join(base, 'outside');
  fs.mkdirSync(project);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 't.py'), TIMED);
  fs.writeFileSync(path.join(outside, 'core.py'), SHAPE);
  execFileSync('mkfifo', [path.join(outside, 'pipe.py')]);
  fs.writeFileSync(path.join(project, 'own.py'), TIMED);
  fs.writeFileSync(path.join(project, 'models.py'), SHAPE);
  fs.symlinkSync('../outside', path.join(project, 'outdir'));
  fs.symlinkSync('../outside/t.py', path.join(project, 'linked.py'));
  fs.symlinkSync(path.join(outside, 'pipe.py'), path.join(project, 'pipe.py'));
  git(project, 'init', '-q');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'links');
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

/** The run's exit code, its per-file lines and its summary without the timings. */
async function fix(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const { code, stdout, stderr } = await runNode([CLI_BIN, 'fix', ...args], project);
  const report = args.includes('--dry-run') ? stderr : stdout;
  const lines = report
    .split('\n')
    .filter((line: string): boolean => line.startsWith('  ') || /^(Dry run: )?\d+ files? /u.test(line))
    .map((line: string): string => line.replace(/ in [\d.]+ s \(.*\)\.$/u, '.'));
  return { code, lines };
}

const skippedOut = (link: string, target: string): string => `  skipped  ${link}: a symbolic link to ${path.join(outside, target)}, outside the target root; not followed`;

describe('perf-standards fix reads nothing outside the root through a path argument', { timeout: 300_000 }, () => {
  it('a file inside a linked folder, for a per-file codemod: skipped, not "failed", exit 0', async () => {
    expect(await fix('performance-now', 'outdir/t.py', '--dry-run')).toEqual({
      code: 0,
      lines: [skippedOut('outdir/t.py', 't.py'), 'Dry run: 0 files would change, 0 unchanged, 1 skipped, 0 failed.'],
    });
  });

  it('file links (one to a FIFO) and a file in the root, for a per-file codemod: only the file in the root is read', async () => {
    expect(await fix('performance-now', 'linked.py', 'pipe.py', 'own.py', '--dry-run')).toEqual({
      code: 0,
      lines: [
        skippedOut('linked.py', 't.py'),
        skippedOut('pipe.py', 'pipe.py'),
        '  changed  own.py',
        'Dry run: 1 file would change, 0 unchanged, 2 skipped, 0 failed.',
      ],
    });
  });

  it('a FIFO and a file inside a linked folder, for a project codemod: neither read, the file in the root fixed', async () => {
    expect(await fix('dataclass-slots', 'outdir/core.py', 'outdir/pipe.py', 'models.py', '--dry-run')).toEqual({
      code: 0,
      lines: [
        skippedOut('outdir/core.py', 'core.py'),
        skippedOut('outdir/pipe.py', 'pipe.py'),
        '  changed  models.py',
        'Dry run: 1 file would change, 0 unchanged, 2 skipped, 0 failed.',
      ],
    });
  });

  it('the linked folder itself, and a glob whose base is that folder (the FIFO, not a file, is not listed): skipped as the whole-root walk skips them', async () => {
    expect(await fix('dataclass-slots', 'outdir', '--dry-run')).toEqual({
      code: 0,
      lines: [`  skipped  outdir: a symbolic link to ${outside}, outside the target root; not followed`, 'Dry run: 0 files would change, 0 unchanged, 1 skipped, 0 failed.'],
    });
    expect(await fix('dataclass-slots', 'outdir/*.py', '--dry-run')).toEqual({
      code: 0,
      lines: [
        skippedOut('outdir/core.py', 'core.py'),
        skippedOut('outdir/t.py', 't.py'),
        'Dry run: 0 files would change, 0 unchanged, 2 skipped, 0 failed.',
      ],
    });
  });

  it('the whole root: the same links skipped with the same words', async () => {
    expect(await fix('dataclass-slots', '--dry-run')).toEqual({
      code: 0,
      lines: [
        skippedOut('linked.py', 't.py'),
        `  skipped  outdir: a symbolic link to ${outside}, outside the target root; not followed`,
        skippedOut('pipe.py', 'pipe.py'),
        '  changed  models.py',
        'Dry run: 1 file would change, 1 unchanged, 3 skipped, 0 failed.',
      ],
    });
  });

  it('a real run: the file in the root written, the outside files byte-identical', async () => {
    expect(await fix('dataclass-slots', 'outdir/core.py', 'pipe.py', 'models.py')).toEqual({
      code: 0,
      lines: [skippedOut('outdir/core.py', 'core.py'), skippedOut('pipe.py', 'pipe.py'), '  changed  models.py', '1 file changed, 0 unchanged, 2 skipped, 0 failed.'],
    });
    expect(fs.readFileSync(path.join(project, 'models.py'), 'utf8')).toBe(SHAPE.replace('@dataclass\n', '@dataclass(slots=True)\n'));
    expect(fs.readFileSync(path.join(outside, 'core.py'), 'utf8')).toBe(SHAPE);
    expect(fs.lstatSync(path.join(project, 'outdir')).isSymbolicLink()).toBe(true);
  });

  it('links to files no codemod of the run edits are counted in one note, not listed; code-named, folder and broken code-named links are listed', async () => {
    const root = path.join(base, 'many-links');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(outside, 'ABORT.7.gz'), 'gz');
    fs.writeFileSync(path.join(root, 'own.py'), TIMED);
    fs.symlinkSync(path.join(outside, 'ABORT.7.gz'), path.join(root, 'ABORT.7.gz'));
    fs.symlinkSync(path.join(outside, 'ABORT.7.gz'), path.join(root, 'hostname'));
    fs.symlinkSync(path.join(outside, 'ABORT.7.gz'), path.join(root, 'notes.md'));
    fs.symlinkSync(path.join(base, 'nowhere'), path.join(root, 'gone'));
    fs.symlinkSync(path.join(base, 'nowhere'), path.join(root, 'gone.ts'));
    fs.symlinkSync(path.join(outside, 't.py'), path.join(root, 't.py'));
    fs.symlinkSync(outside, path.join(root, 'outdir'));
    const { code, stderr } = await runNode([CLI_BIN, 'fix', 'performance-now', '--dry-run'], root);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((line: string): boolean => line.startsWith('  ') || line.startsWith('Dry run: ')).map((line: string): string => line.replace(/ in [\d.]+ s \(.*\)\.$/u, '.'))).toEqual([
      '  skipped  gone.ts: a broken symbolic link; not followed',
      `  skipped  outdir: a symbolic link to ${outside}, outside the target root; not followed`,
      skippedOut('t.py', 't.py'),
      '  changed  own.py',
      '  note     .: 4 other symbolic links not followed, not listed: no codemod run here edits files with their names',
      'Dry run: 1 file would change, 0 unchanged, 3 skipped, 0 failed.',
    ]);
  });
});
