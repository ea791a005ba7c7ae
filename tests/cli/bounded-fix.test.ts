import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';

// Issue 17 §4 end to end: `fix --all src` on hono wrote four docs outside `src`. A folder argument bounds
// every doc the codemods write.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('perf-standards fix --all <folder>', () => {
  it('writes no doc outside the folder: no scaffolded docs at the root, no doc moved out of src', async () => {
    const cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bounded-fix-')));
    temporary.push(cwd);
    fs.cpSync(path.join(REPO_ROOT, 'fixtures', 'workspace'), cwd, { recursive: true });
    git(cwd, 'init', '-q');
    git(cwd, 'add', '.');
    git(cwd, 'commit', '-q', '-m', 'sample');
    const result = await runNode([CLI_BIN, 'fix', '--all', 'src'], cwd);
    expect(result.code, result.stderr).toBe(0);
    const touched = git(cwd, 'status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.slice(3));
    const docsOutside = touched.filter((file) => /\.(md|mdx|txt|rst)$/u.test(file) && !file.startsWith('src/'));
    expect(docsOutside).toEqual([]);
    // src/README.md has its destination at the root: it stays, and the report says why.
    expect(fs.existsSync(path.join(cwd, 'src/README.md'))).toBe(true);
    expect(result.stdout).toContain(
      '  skipped  src/README.md: its destination docs/architecture_decisions.md is outside the paths given; run without paths (or include it) to move it there\n',
    );
  }, 120_000);
});
