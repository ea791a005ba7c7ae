import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODEMOD_NAMES } from '../../codemods/runner/declarations.js';
import { CLI_BIN, runNode } from '../run-node.js';
import { committedWorkspace, git } from './committed-workspace.js';

// Issue 17 §2 end to end: `kill -9` leftovers and Ctrl-C, through the built command.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('perf-standards fix after and during an interruption', () => {
  it('removes the temporaries a killed run left, says so, and no longer refuses the tree', async () => {
    const cwd = committedWorkspace('fix-interrupted', temporary);
    const pid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const stale = `.package.json.${pid}.3.perf-standards-tmp`;
    fs.writeFileSync(path.join(cwd, stale), '{"name": "half');
    const result = await runNode([CLI_BIN, 'fix', 'performance-now'], cwd);
    expect(result.stderr).not.toContain('uncommitted changes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`removed 1 temporary file an interrupted earlier run left (their files were never changed)\n  removed  ${stale}\n`);
    expect(fs.existsSync(path.join(cwd, stale))).toBe(false);
  });

  it('Ctrl-C: stops before the next codemod writes, names the codemods applied and not, exits 130, leaves no temporary', async () => {
    const cwd = committedWorkspace('fix-interrupted', temporary);
    const child = spawn(process.execPath, [CLI_BIN, 'fix', '--all'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer): void => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer): void => {
      stderr += chunk.toString();
      // The first codemod is written once the second one starts.
      if (!sent && stderr.includes('consolidate-docs: finding files')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(sent).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('perf-standards fix: interrupted; stopping before the next codemod writes (Ctrl-C again stops at once)\n');
    const line = /^Interrupted\. Codemods applied: (.+)\. Not applied \(nothing of theirs was written\): (.+)\.$/mu.exec(stderr);
    expect(line, stderr).not.toBeNull();
    const applied = (line?.[1] ?? '').split(', ');
    const notApplied = (line?.[2] ?? '').split(', ');
    expect(applied[0]).toBe('rename-one-off-scripts');
    expect(notApplied.length).toBeGreaterThan(0);
    // Every codemod is named once, applied or not.
    expect(new Set([...applied, ...notApplied]).size).toBe(applied.length + notApplied.length);
    expect(applied.length + notApplied.length).toBe(CODEMOD_NAMES.length);
    // The first codemod's renames are on disk; nothing is half-written and no temporary is left.
    expect(stdout).toContain('rename-one-off-scripts\n');
    expect(git(cwd, 'status', '--porcelain', '--untracked-files=all')).not.toContain('perf-standards-tmp');
  }, 120_000);
});
