/**
 * Runs the TypeScript programs of codemod fixtures: type-checks a folder with its own tsconfig.json, and
 * runs its `src/main.ts` (each file transpiled by TypeScript into a temporary ES module folder) with Node,
 * so a test can compare what a program prints before and after a codemod; and runs Python fixture programs.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll } from 'vitest';
import { runNode, type Finished } from '../run-node.js';

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
 * Runs `python3 -B <args>` (default `main.py`) in `dir` (its folder first on the module path, no `__pycache__`
 * written, so the folder stays byte-identical) and resolves with how it ended, for Python fixture programs.
 * @performance one child `python3` process (~30 ms start-up).
 */
export function runPythonProgram(dir: string, args: readonly string[] = ['main.py']): Promise<Finished> {
  return new Promise((resolve: (finished: Finished) => void, reject: (error: Error) => void): void => {
    execFile(
      'python3',
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
