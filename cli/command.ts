/**
 * One `perf-standards` subcommand. Each lives in its own file under cli/ and is listed once in main.ts.
 * `run` returns the exit code: 0 clean, 1 findings or failures, 2 usage error or crash.
 */
export interface Command {
  readonly name: string;
  /** One line for `perf-standards --help`. */
  readonly summary: string;
  /** Full usage text for `perf-standards <name> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CommandIO): Promise<number>;
}

/** Streams and working directory, injected so tests can run commands in-process. */
export interface CommandIO {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/**
 * Bad input from the user: printed without a stack trace, exit code 2.
 * @complexity O(1) to construct.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
