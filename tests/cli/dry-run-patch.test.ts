import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT } from '../run-node.js';
import { git, monitorInProduction } from './committed-workspace.js';

// Issue 17 §2: `fix --all --dry-run` prints ONE patch, the codemods applied in sequence; `git apply` of it
// gives, byte for byte, the tree the real run writes, and each changed file is counted once.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function committed(label: string, fill: (dir: string) => void): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `fix-dry-run-${label}-`)));
  temporary.push(dir);
  fill(dir);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}

function clone(source: string, label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `fix-dry-run-${label}-`)));
  temporary.push(dir);
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

/** Every file under `root` but .git, as bytes. */
function tree(root: string): Map<string, Buffer> {
  const files = (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile() && !path.join(entry.parentPath, entry.name).split(path.sep).includes('.git'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  return new Map(files.map((file) => [file, fs.readFileSync(path.join(root, file))]));
}

function fix(cwd: string, ...args: string[]): { code: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_BIN, 'fix', ...args], { cwd, encoding: 'buffer', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Runs the dry run and the real run on two copies; returns both trees and the dry run's output. */
function dryAndReal(source: string): { applied: Map<string, Buffer>; written: Map<string, Buffer>; patch: Buffer; summary: string; real: string } {
  const dry = clone(source, 'dry');
  const before = tree(dry);
  const preview = fix(dry, '--all', '--dry-run');
  expect(preview.code, preview.stderr).not.toBe(2);
  // A dry run writes nothing.
  expect(tree(dry)).toEqual(before);
  fs.writeFileSync(path.join(os.tmpdir(), `${path.basename(dry)}.diff`), preview.stdout);
  execFileSync('git', ['apply', '--whitespace=nowarn', path.join(os.tmpdir(), `${path.basename(dry)}.diff`)], { cwd: dry });
  fs.rmSync(path.join(os.tmpdir(), `${path.basename(dry)}.diff`));
  const real = clone(source, 'real');
  const run = fix(real, '--all');
  expect(run.code, run.stderr).not.toBe(2);
  return { applied: tree(dry), written: tree(real), patch: preview.stdout, summary: preview.stderr, real: run.stdout.toString('utf8') };
}

const fileHeaders = (patch: Buffer): string[] => patch.toString('latin1').split('\n').filter((line) => line.startsWith('diff --git '));

// Files in the sample workspace's critical folders that three codemods edit (performance-now,
// add-explicit-types, wrap-performance-monitor), spelled in latin-1, and with CRLF and a BOM.
const BYTES_FILES: Readonly<Record<string, Buffer>> = {
  'src/api/timing.ts': Buffer.from(
    '// Mesure de durée (café)\nexport async function timed(run: () => Promise<void>) {\n  const start = Date.now(); // début\n  await run();\n  return Date.now() - start;\n}\n',
    'latin1',
  ),
  'src/core/clock.ts': Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('// Horloge\r\nexport function elapsed(since: number) {\r\n  return Date.now() - since;\r\n}\r\nexport async function started() {\r\n  const t0 = Date.now();\r\n  return Date.now() - t0;\r\n}\r\n', 'utf8'),
  ]),
};

describe('fix --all --dry-run prints the patch the real run writes', () => {
  it('renames, moved docs, several codemods on one file, latin-1, CRLF, a BOM: git apply of the patch == the real run, byte for byte', () => {
    const source = committed('workspace', (dir: string): void => {
      fs.cpSync(path.join(REPO_ROOT, 'fixtures', 'workspace'), dir, { recursive: true });
      monitorInProduction(dir);
      for (const [file, bytes] of Object.entries(BYTES_FILES)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), bytes);
      }
    });
    const { applied, written, patch, summary, real } = dryAndReal(source);
    expect(applied).toEqual(written);
    // The real run edited these files in place, keeping their own bytes.
    const timing = written.get('src/api/timing.ts')?.toString('latin1') ?? '';
    expect(timing).toContain('// Mesure de durée (café)\n');
    expect(timing).toContain('performance.now()');
    expect(timing).toContain('measure(');
    expect(written.get('src/core/clock.ts')?.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(written.get('src/core/clock.ts')?.toString('utf8')).not.toMatch(/[^\r]\n/u);
    // One diff per file; each changed file counted once, the same in the preview and the real run.
    const headers = fileHeaders(patch);
    expect(headers).toEqual([...new Set(headers)]);
    expect(headers).toContain('diff --git a/src/api/timing.ts b/src/api/timing.ts');
    expect(headers.length).toBeGreaterThan(5);
    expect(summary).toMatch(new RegExp(`^Dry run: ${headers.length} files would change, `, 'mu'));
    expect(real).toMatch(new RegExp(`^${headers.length} files changed, `, 'mu'));
  }, 300_000);
});
