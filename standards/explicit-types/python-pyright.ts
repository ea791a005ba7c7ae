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

const PYRIGHT_TIMEOUT_MS = 600_000;
const PYRIGHT_MAX_BUFFER = 512 * 1024 * 1024;

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
 * every diagnostic. Rejects when pyright cannot run or prints no report (a configuration error), with its
 * message.
 * @performance one pyright process over every Python file of `folder`.
 */
export function runPyright(command: PyrightCommand, folder: string): Promise<{ readonly version: string; readonly diagnostics: readonly PyrightDiagnostic[] }> {
  return new Promise((resolve, reject): void => {
    execFile(
      command.program,
      [...command.prefix, '--outputjson'],
      { cwd: folder, timeout: PYRIGHT_TIMEOUT_MS, maxBuffer: PYRIGHT_MAX_BUFFER, windowsHide: true, encoding: 'utf8' },
      (error: Error | null, stdout: string, stderr: string): void => {
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
