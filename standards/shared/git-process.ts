import { execFile } from 'node:child_process';

const GIT_TIMEOUT_MS = 30_000;
const GIT_MAX_BUFFER = 256 * 1024 * 1024;

/**
 * Runs `git -C cwd ...args` and resolves to its stdout, or `null` when git is missing, fails, or `cwd`
 * is not in a work tree: every caller has an answer for "no git".
 * @performance one child process; nothing is read through a shell.
 */
export function runGit(cwd: string, args: readonly string[]): Promise<string | null> {
  return new Promise((resolve: (output: string | null) => void): void => {
    execFile(
      'git',
      ['-C', cwd, ...args],
      { encoding: 'utf8', maxBuffer: GIT_MAX_BUFFER, timeout: GIT_TIMEOUT_MS, windowsHide: true },
      (error: Error | null, stdout: string): void => resolve(error === null ? stdout : null),
    );
  });
}

/**
 * The root of the git work tree that holds `cwd`, or `null` outside one.
 * @performance one `git rev-parse` process.
 */
export async function repositoryRoot(cwd: string): Promise<string | null> {
  const output = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  return output === null ? null : output.trim();
}
