import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This repository's root. */
export const REPO_ROOT: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built command; `npm test` builds dist/ first, so end-to-end tests run what users install. */
export const CLI_BIN: string = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** How a child process ended: a non-zero exit is a result to assert on, not an error. */
export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node ...args` in `cwd` without colours and resolves with its exit code and output; rejects only when
 * the process could not run or was killed (timeout), so a test sees why.
 * @performance one child process, output buffered up to 64 MiB.
 */
export function runNode(args: readonly string[], cwd: string = REPO_ROOT): Promise<Finished> {
  return new Promise((resolve: (finished: Finished) => void, reject: (error: Error) => void): void => {
    execFile(
      process.execPath,
      [...args],
      { cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string): void => {
        if (error === null) resolve({ code: 0, stdout, stderr });
        else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
        else reject(new Error(`node ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      },
    );
  });
}
