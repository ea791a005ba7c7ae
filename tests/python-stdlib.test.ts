import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { parsePython } from '../standards/shared/python-ast.js';

// Files of CPython's standard library that Python compiles but tree-sitter-python 0.25.0 cannot parse, each
// with the upstream issue. Keep this list to a handful; a new entry needs its issue.
const KNOWN_GRAMMAR_GAPS: Readonly<Record<string, string>> = {
  // `(bar.` then `baz)` on a less indented line, inside brackets.
  'test/test_compile.py': 'https://github.com/tree-sitter/tree-sitter-python/issues/256',
};

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();

// Python's own compile() on every file (relative to the standard library): its SyntaxError as
// [msg, line, offset - 1], or null when the file compiles.
function compiledByPython(files: readonly string[]): Record<string, readonly [string, number, number] | null> {
  const script = [
    'import sys, json, warnings',
    'warnings.simplefilter("ignore")  # SyntaxWarnings of test files: noise here',
    'verdicts = {}',
    'for name in json.load(sys.stdin):',
    '    try:',
    `        compile(open(${JSON.stringify(stdlib)} + "/" + name, "rb").read(), name, "exec")`,
    '        verdicts[name] = None',
    '    except SyntaxError as error:',
    '        verdicts[name] = [error.msg, error.lineno or 0, (error.offset or 0) - 1]',
    'print(json.dumps(verdicts))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, readonly [string, number, number] | null>;
}

// CPython's errors that no grammar raises: its compiler's checks of `from __future__` imports, and the
// decoding of the source bytes (this test reads files as UTF-8 text).
const BEYOND_SYNTAX = /^(?:from __future__ imports must occur at the beginning of the file|future feature .* is not defined|not a chance|unknown encoding|encoding problem|\(unicode error\))/u;
// The language's own wording, for what tree-sitter-python itself cannot parse (ERROR or MISSING nodes).
const GRAMMAR_ERROR = /^invalid syntax(?: at `|: expected `)/u;

describe("the Python language on the python3 standard library (parse only)", () => {
  it('parses every file Python compiles but for the named grammar gaps, rejects every file it rejects, with its message and location', () => {
    const files = fg.sync('**/*.py', { cwd: stdlib, ignore: ['**/site-packages/**'] }).sort();
    expect(files.length).toBeGreaterThan(1000);
    const python = compiledByPython(files);
    const unexplained: string[] = [];
    const missed: string[] = [];
    const worded: string[] = [];
    for (const file of files) {
      const result = parsePython(readFileSync(path.join(stdlib, file), 'utf8'));
      const verdict = python[file] ?? null;
      if (verdict === null) {
        if (!result.ok) unexplained.push(file);
      } else if (result.ok) {
        if (!BEYOND_SYNTAX.test(verdict[0])) missed.push(`${file}: ${verdict[0]}`);
      } else if (!GRAMMAR_ERROR.test(result.error.message)) {
        const ours = [result.error.message, result.error.line, result.error.column];
        if (JSON.stringify(ours) !== JSON.stringify(verdict)) worded.push(`${file}: ${JSON.stringify(ours)} but Python ${JSON.stringify(verdict)}`);
      }
    }
    expect(unexplained.filter((file) => KNOWN_GRAMMAR_GAPS[file] === undefined)).toEqual([]);
    expect(unexplained.length).toBeLessThanOrEqual(Object.keys(KNOWN_GRAMMAR_GAPS).length);
    expect(missed).toEqual([]);
    expect(worded).toEqual([]);
  }, 180_000);
});
