import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { main } from '../../../cli/main.js';
import { REPO_ROOT } from '../../run-node.js';

/** What one in-process `perf-standards` run printed and returned. */
export interface GatesRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
      chunks.push(chunk.toString());
      done();
    },
  });
}

/**
 * Runs `perf-standards gates ...args` in-process in `cwd`, as the CLI would.
 * @performance no child process; the gates' own cost.
 */
export async function runGates(cwd: string, args: readonly string[] = []): Promise<GatesRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['gates', ...args], { cwd, stdout: sink(out), stderr: sink(err) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const temporary: string[] = [];

/**
 * A copy of `fixtures/gates/<name>` in a temporary folder, with this repository's node_modules linked in so
 * the fixture's tools (vitest) resolve.
 * @performance one recursive copy of a small fixture.
 */
export function fixtureCopy(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `perf-standards-gates-${name}-`));
  temporary.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', name), dir, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Removes every folder fixtureCopy made.
 * @performance one recursive removal per folder.
 */
export function removeFixtureCopies(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Writes perf-standards.config.json in `dir`.
 * @complexity O(size of the config).
 */
export function writeGatesConfig(dir: string, config: unknown): void {
  writeFileSync(path.join(dir, 'perf-standards.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

export const execFileAsync = promisify(execFile);

/**
 * A Python that has coverage.py: the PATH's python3, else Debian's /usr/bin/python3 (python3-coverage,
 * which .ci/run installs). Throws when neither has it, so the tests fail rather than skip.
 * @performance up to two short child processes.
 */
export async function pythonWithCoverage(): Promise<string> {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      await execFileAsync(python, ['-m', 'coverage', '--version']);
      return python;
    } catch {
      // try the next
    }
  }
  throw new Error('coverage.py is not installed: apt-get install -y python3-coverage (as .ci/run does)');
}
