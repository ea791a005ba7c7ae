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
 * Declares the plugin a production dependency in `dir`'s package.json, so wrap-performance-monitor may import
 * its runtime there (it stops a run that would import a devDependency into production code).
 * @performance one read and one write of package.json.
 */
export function monitorInProduction(dir: string): void {
  const file = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, `${JSON.stringify({ ...manifest, dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } }, null, 2)}\n`);
}

/**
 * A copy of fixtures/workspace in a new temporary folder, with the plugin as a production dependency,
 * committed to a fresh git repository (what `fix` needs to write without --force); its path is pushed onto
 * `temporary` for the caller to delete.
 * @performance one copy of the fixture (about 25 files) and three git processes.
 */
export function committedWorkspace(label: string, temporary: string[]): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`)));
  temporary.push(dir);
  fs.cpSync(path.join(REPO_ROOT, 'fixtures', 'workspace'), dir, { recursive: true });
  monitorInProduction(dir);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}
