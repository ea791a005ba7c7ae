import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * pyright (the type checker of the `pyright` npm package) as `add-explicit-types` asks it: found in the
 * project (`node_modules/pyright`) or on PATH, never shipped with the plugin (it is a devDependency), and run
 * once per question over a whole scratch copy of the project with `--outputjson`.
 */

/** How to start pyright: the program and the arguments before pyright's own. */
export interface PyrightCommand {
  readonly program: string;
  readonly prefix: readonly string[];
  /** Where it was found, for notes: `node_modules/pyright` or the PATH entry. */
  readonly source: string;
}

/** One diagnostic: file relative to the checked folder (with `/`), line from 0. */
export interface PyrightDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
}

const PYRIGHT_MAX_BUFFER = 512 * 1024 * 1024;

/**
 * How long one pyright run may take by default: 3 s per Python file of the checked copy, at least 10 minutes.
 * The limit is there for a pyright that hangs, not to cut a slow run short, and wall time grows with the
 * machine's load. Measured on the shared 2-core machine over the python3 3.11 standard library (1,791 files;
 * docs/performance_benchmarks.md): one plain `pyright --outputjson` took 370 s of CPU and 1,327 s of wall time
 * at load 10–14 (0.74 s per file); the codemod's first run, at load 18–20, had not finished after 1,791 s
 * (1 s per file); the old fixed 600 s killed every such run.
 */
export const PYRIGHT_SECONDS_PER_FILE = 3;
export const PYRIGHT_MIN_TIMEOUT_SECONDS = 600;

/** The `require-explicit-types` option that overrides it, and its schema description. */
export const PYRIGHT_TIMEOUT_OPTION = 'pyrightTimeoutSeconds';
export const PYRIGHT_TIMEOUT_DESCRIPTION =
  'Python, for the add-explicit-types codemod only: how many seconds one pyright run over the project may take before the codemod gives up and annotates nothing (default: 3 s per Python file of the project, at least 600).';

/**
 * The seconds one pyright run may take: the configured option when it is a positive whole number, else
 * `PYRIGHT_SECONDS_PER_FILE` per Python file, at least `PYRIGHT_MIN_TIMEOUT_SECONDS`.
 * @complexity O(1).
 */
export function pyrightTimeoutSeconds(configured: unknown, pythonFiles: number): number {
  if (typeof configured === 'number' && Number.isInteger(configured) && configured > 0) return configured;
  return Math.max(PYRIGHT_MIN_TIMEOUT_SECONDS, Math.ceil(pythonFiles * PYRIGHT_SECONDS_PER_FILE));
}

/**
 * pyright did not finish in time: the run annotates nothing, and says so once.
 * @complexity O(1).
 */
export class PyrightTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`pyright did not finish within ${seconds} s`);
    this.name = 'PyrightTimeoutError';
  }
}

/**
 * pyright for a project: `<root>/node_modules/pyright/index.js` run with this Node, else a `pyright`
 * executable on `PATH` (npm's or pip's wrapper); null when neither exists.
 * @performance one `stat` per PATH entry at most.
 */
export function findPyright(root: string, searchPath: string | undefined = process.env['PATH']): PyrightCommand | null {
  const local = path.join(root, 'node_modules', 'pyright', 'index.js');
  if (fs.existsSync(local)) return { program: process.execPath, prefix: [local], source: 'node_modules/pyright' };
  for (const folder of (searchPath ?? '').split(path.delimiter)) {
    if (folder === '') continue;
    for (const name of process.platform === 'win32' ? ['pyright.cmd', 'pyright.exe'] : ['pyright']) {
      const candidate = path.join(folder, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return { program: candidate, prefix: [], source: candidate };
      } catch {
        // Not there: the next PATH entry.
      }
    }
  }
  return null;
}

interface PyrightJson {
  readonly version?: string;
  readonly generalDiagnostics: readonly {
    readonly file: string;
    readonly severity: string;
    readonly message: string;
    readonly range?: { readonly start: { readonly line: number } };
  }[];
}

/**
 * Runs `pyright --outputjson` in `folder` (its pyrightconfig.json / pyproject.toml apply) and resolves with
 * every diagnostic. Rejects with a `PyrightTimeoutError` when it runs longer than `timeoutSeconds` (it is
 * killed), else when pyright cannot run or prints no report (a configuration error), with its message.
 * @performance one pyright process over every Python file of `folder`.
 */
export function runPyright(command: PyrightCommand, folder: string, timeoutSeconds: number): Promise<{ readonly version: string; readonly diagnostics: readonly PyrightDiagnostic[] }> {
  return new Promise((resolve, reject): void => {
    execFile(
      command.program,
      [...command.prefix, '--outputjson'],
      { cwd: folder, timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: PYRIGHT_MAX_BUFFER, windowsHide: true, encoding: 'utf8' },
      (error: (Error & { killed?: boolean; signal?: NodeJS.Signals | null }) | null, stdout: string, stderr: string): void => {
        if (error?.killed === true && error.signal === 'SIGKILL') {
          reject(new PyrightTimeoutError(timeoutSeconds));
          return;
        }
        let report: PyrightJson;
        try {
          report = JSON.parse(stdout) as PyrightJson;
        } catch {
          reject(new Error(`pyright (${command.source}) gave no report: ${(stderr || stdout || error?.message || '').trim().split('\n')[0] ?? ''}`));
          return;
        }
        resolve({
          version: report.version ?? 'unknown',
          diagnostics: report.generalDiagnostics.map((diagnostic): PyrightDiagnostic => ({
            file: path.relative(folder, diagnostic.file).split(path.sep).join('/'),
            line: diagnostic.range?.start.line ?? 0,
            severity: diagnostic.severity === 'error' || diagnostic.severity === 'warning' ? diagnostic.severity : 'information',
            message: diagnostic.message,
          })),
        });
      },
    );
  });
}
