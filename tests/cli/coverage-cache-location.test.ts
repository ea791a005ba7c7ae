import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCacheDirectory } from '../../cli/coverage/cache-location.js';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';

// coverage --cache once wrote .type-coverage/ into the project, which the next `perf-standards fix` refused
// as an uncommitted change: the cache now lives where git never looks.
const CACHE_FILE = 'perf-standards-coverage.json';
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** fixtures/coverage/project, committed, with a node_modules/ its .gitignore names (as every Node project). */
function committedProject(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'coverage-cache-')));
  temporary.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures', 'coverage', 'project'), dir, { recursive: true });
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  mkdirSync(path.join(dir, 'node_modules'));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}

describe('coverage --cache keeps its cache where git does not see it', () => {
  it('coverage-cache-untracked: writes node_modules/.cache/perf-standards/, leaving the work tree clean for fix', async () => {
    const dir = committedProject();
    const cold = await runNode([CLI_BIN, 'coverage', '--cache'], dir);
    expect(cold.code).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules', '.cache', 'perf-standards', CACHE_FILE))).toBe(true);
    expect(existsSync(path.join(dir, '.type-coverage'))).toBe(false);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    const warm = await runNode([CLI_BIN, 'coverage', '--cache'], dir);
    expect(warm.stdout).toBe(cold.stdout);
    const fixed = await runNode([CLI_BIN, 'fix', 'performance-now', '--dry-run'], dir);
    expect(fixed.stderr).not.toContain('uncommitted');
  });

  it('coverage-cache-legacy-folder: a cache in .type-coverage/ is read, moved, and the folder removed once empty', async () => {
    const dir = committedProject();
    await runNode([CLI_BIN, 'coverage', '--cache'], dir);
    const counts = readFileSync(path.join(dir, 'node_modules', '.cache', 'perf-standards', CACHE_FILE), 'utf8');
    rmSync(path.join(dir, 'node_modules', '.cache'), { recursive: true });
    mkdirSync(path.join(dir, '.type-coverage'));
    writeFileSync(path.join(dir, '.type-coverage', CACHE_FILE), counts);
    const migrated = await runNode([CLI_BIN, 'coverage', '--cache'], dir);
    expect(migrated.code).toBe(0);
    expect(readFileSync(path.join(dir, 'node_modules', '.cache', 'perf-standards', CACHE_FILE), 'utf8')).toBe(counts);
    expect(existsSync(path.join(dir, '.type-coverage'))).toBe(false);

    // type-coverage's own result.json there is not ours to remove.
    mkdirSync(path.join(dir, '.type-coverage'));
    writeFileSync(path.join(dir, '.type-coverage', CACHE_FILE), counts);
    writeFileSync(path.join(dir, '.type-coverage', 'result.json'), '{}');
    await runNode([CLI_BIN, 'coverage', '--cache'], dir);
    expect(existsSync(path.join(dir, '.type-coverage', CACHE_FILE))).toBe(false);
    expect(readFileSync(path.join(dir, '.type-coverage', 'result.json'), 'utf8')).toBe('{}');
  });

  it("coverage-cache-no-node-modules: without node_modules/ the cache goes to the user's cache folder, one per project", () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'coverage-cache-bare-')));
    temporary.push(dir);
    const env = { XDG_CACHE_HOME: '/home/someone/.cache' };
    const chosen = defaultCacheDirectory(dir, env);
    expect(path.dirname(chosen)).toBe('/home/someone/.cache/perf-standards');
    expect(path.basename(chosen)).toMatch(/^[0-9a-f]{16}$/u);
    expect(defaultCacheDirectory(path.join(dir, 'other'), env)).not.toBe(chosen);
    mkdirSync(path.join(dir, 'node_modules'));
    expect(defaultCacheDirectory(dir, env)).toBe(path.join(dir, 'node_modules', '.cache', 'perf-standards'));
  });
});
