import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runNode } from '../run-node.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Readonly<Record<string, string>>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'check-python-')));
  temporary.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

interface JsonMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fatal?: boolean;
}

describe('perf-standards check on a Python + TypeScript project (recommended config)', () => {
  it('parses Python with the Python language: syntax errors, # eslint-disable comments, file names', async () => {
    const root = project({
      'package.json': '{ "name": "mixed", "version": "1.0.0" }\n',
      'src/math.ts': '/** Adds. @complexity O(1) */\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n',
      'app/main.py': 'import time\n\n\nasync def main() -> None:\n    await run(time.perf_counter())\n',
      // A name the rules report, silenced by a Python directive comment.
      'app/utils.py': '# eslint-disable perf-standards/no-generic-filenames -- kept for the public API\nVALUE = 1\n',
      'app/helpers.py': 'VALUE = 2\n',
      // A syntax error: one parsing error, and the name is still judged.
      'scripts/temp_seed.py': 'def seed(:\n    pass\n',
      // Python 2, which tree-sitter-python accepts and CPython 3 rejects: one parsing error, no rule runs.
      'legacy/report.py': 'import sys\n\n\ndef report(total: int) -> None:\n    print "total", total\n',
    });
    const { code, stdout } = await runNode([CLI_BIN, 'check', '--format', 'json'], root);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
    const reports = results
      .flatMap((result) =>
        result.messages.map((message) => `${path.relative(root, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId ?? (message.fatal === true ? 'fatal' : 'eslint')}`),
      )
      .sort();
    expect(reports).toEqual([
      'app/helpers.py:1:1 perf-standards/no-generic-filenames',
      'app/main.py:4:11 perf-standards/require-performance-docs',
      'legacy/report.py:5:5 fatal',
      'package.json:1:1 perf-standards/require-docs',
      'scripts/temp_seed.py:1:1 perf-standards/no-one-off-scripts',
      'scripts/temp_seed.py:1:10 fatal',
    ]);
    const fatal = results.flatMap((result) => result.messages).filter((message) => message.fatal === true);
    expect(fatal.map((message) => message.message).sort()).toEqual([
      "Parsing error: Missing parentheses in call to 'print'. Did you mean print(...)?",
      'Parsing error: invalid syntax: expected `)`',
    ]);
  });
});
