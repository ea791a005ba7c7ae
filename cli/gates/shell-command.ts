import { spawn } from 'node:child_process';

const OUTPUT_KEPT = 2000;

/** How a shell command ended, with the end of its output (stdout and stderr together). */
export interface CommandOutcome {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs `command` through the shell in `cwd` with `env`, keeping the last 2,000 characters of its output
 * for error messages (the gates' own output owns stdout). Rejects only when the shell cannot start.
 * @performance the command's own run.
 */
export function runShellCommand(command: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CommandOutcome> {
  return new Promise((resolve: (outcome: CommandOutcome) => void, reject: (error: Error) => void): void => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code: number | null): void => resolve({ code, output }));
  });
}
