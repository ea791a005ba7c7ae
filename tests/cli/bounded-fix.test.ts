import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runNode } from '../run-node.js';
import { committedWorkspace, git } from './committed-workspace.js';

// Issue 17 §4 end to end: `fix --all src` on hono wrote four docs outside `src`. A folder argument bounds
// every doc the codemods write.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});


describe('perf-standards fix --all <folder>', () => {
  it('writes no doc outside the folder: no scaffolded docs at the root, no doc moved out of src', async () => {
    const cwd = committedWorkspace('bounded-fix', temporary);
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
