/**
 * Runs the TypeScript programs of codemod fixtures: type-checks a folder with its own tsconfig.json, and
 * runs its `src/main.ts` (each file transpiled by TypeScript into a temporary ES module folder) with Node,
 * so a test can compare what a program prints before and after a codemod; and runs Python fixture programs.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll } from 'vitest';
import { REPO_ROOT, runNode, type Finished } from '../run-node.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The type errors of the project `dir/tsconfig.json`, as `file:line message` lines (empty when it compiles).
 * @performance one TypeScript program over the fixture project.
 */
export function typeErrors(dir: string): string[] {
  const configFile = path.join(dir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (): void => undefined });
  if (parsed === undefined) return [`cannot read ${configFile}`];
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic: ts.Diagnostic): string => {
    const where = diagnostic.file === undefined ? '' : `${path.relative(dir, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} `;
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

/**
 * Transpiles every `src/*.ts` of `dir` to JavaScript and runs `src/main.js`; resolves with how it ended.
 * @performance one transpile per source file and one child `node` process.
 */
export async function runFixtureProgram(dir: string): Promise<Finished> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-program-'));
  temporary.push(out);
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  for (const name of fs.readdirSync(path.join(dir, 'src'))) {
    if (!name.endsWith('.ts')) continue;
    const source = fs.readFileSync(path.join(dir, 'src', name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    fs.writeFileSync(path.join(out, name.replace(/\.ts$/, '.js')), outputText);
  }
  return runNode([path.join(out, 'main.js')], out);
}

/**
 * The interpreter of a Python 3 minor version (`7` for 3.7) that pyenv, the environment's Python manager, has
 * installed, for proving code runs on the oldest Python it is written for; throws naming the install command.
 * @performance one `pyenv root` process and one folder listing.
 */
export function pyenvPython(minor: number): string {
  const versions = path.join(execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim(), 'versions');
  const version = fs.readdirSync(versions).find((name: string): boolean => name.startsWith(`3.${minor}.`));
  if (version === undefined) throw new Error(`this test runs Python 3.${minor}: \`pyenv install 3.${minor}\``);
  return path.join(versions, version, 'bin', 'python3');
}

/**
 * Runs `python3 -B <args>` (default `main.py`; `python`, another interpreter) in `dir` (its folder first on the module path, no `__pycache__`
 * written, so the folder stays byte-identical) and resolves with how it ended, for Python fixture programs.
 * @performance one child `python3` process (~30 ms start-up).
 */
export function runPythonProgram(dir: string, args: readonly string[] = ['main.py'], python = 'python3'): Promise<Finished> {
  return new Promise((resolve: (finished: Finished) => void, reject: (error: Error) => void): void => {
    execFile(
      python,
      ['-B', ...args],
      { cwd: dir, timeout: 60_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' } },
      (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string): void => {
        if (error === null) resolve({ code: 0, stdout, stderr });
        else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
        else reject(new Error(`python3 ${args.join(' ')} failed in ${dir}: ${error.message}\n${stderr}`));
      },
    );
  });
}

interface PyrightReport {
  readonly generalDiagnostics: readonly { readonly file: string; readonly severity: string; readonly message: string; readonly range: { readonly start: { readonly line: number } } }[];
}

/**
 * The errors pyright (npm, a devDependency) reports on the Python files of `dir`, as `file:line message`
 * lines, sorted; a codemod's output must report no more than its input.
 * @performance one pyright process (~2 s CPU on a fixture).
 */
export function pythonTypeErrors(dir: string): Promise<string[]> {
  const pyright = path.join(REPO_ROOT, 'node_modules', 'pyright', 'index.js');
  return new Promise((resolve: (errors: string[]) => void, reject: (error: Error) => void): void => {
    execFile(process.execPath, [pyright, '--outputjson', dir], { cwd: dir, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error: Error | null, stdout: string): void => {
      try {
        const report = JSON.parse(stdout) as PyrightReport;
        resolve(
          report.generalDiagnostics
            .filter((diagnostic) => diagnostic.severity === 'error')
            .map((diagnostic) => `${path.relative(dir, diagnostic.file)}:${diagnostic.range.start.line + 1} ${diagnostic.message}`)
            .sort(),
        );
      } catch {
        reject(new Error(`pyright failed on ${dir}: ${error?.message ?? stdout.slice(0, 200)}`));
      }
    });
  });
}
