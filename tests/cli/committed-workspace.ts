import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../run-node.js';

/**
 * Runs git in `cwd` with a throwaway identity and no signing; returns its stdout.
 * @performance one git process, synchronous.
 */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/**
 * A copy of fixtures/workspace in a new temporary folder, committed to a fresh git repository (what `fix`
 * needs to write without --force); its path is pushed onto `temporary` for the caller to delete.
 * @performance one copy of the fixture (about 25 files) and three git processes.
 */
export function committedWorkspace(label: string, temporary: string[]): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`)));
  temporary.push(dir);
  fs.cpSync(path.join(REPO_ROOT, 'fixtures', 'workspace'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}
