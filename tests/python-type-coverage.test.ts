import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { countPythonSource, moduleAnnotationSlots } from '../standards/type-coverage/python-type-coverage.js';
import { parsePython } from '../standards/shared/python-ast.js';
import { REPO_ROOT } from './run-node.js';

// What the type coverage gate counts in Python: the annotation slots of require-explicit-types, each
// annotated or not; the uncovered ones are exactly the rule's reports.
const SOURCE = [
  'class Shape:',
  '    def __init__(self, x: int):',
  '        self.x = x',
  '',
  '    def scale(self, *args, **kwargs) -> None:',
  '        pass',
  '',
  '    @classmethod',
  '    def build(cls, a, /, b: int, *, d=1):',
  '        return cls(a)',
  '',
  '    @staticmethod',
  '    def area(x: int) -> int:',
  '        return x * x',
  '',
  '',
  'def outer() -> None:',
  '    def inner(y):',
  '        return y',
  '    twice = lambda z: z * 2',
  '',
  '',
  'def typed(a, b):  # type: (int, str) -> bool',
  '    return True',
  '',
].join('\n');

describe('Python type coverage: annotation slots', () => {
  it("counts each parameter but a method's bound one and each return but __init__'s; a signature type comment covers its function; lambdas are not counted", () => {
    const parsed = parsePython(SOURCE);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const slots = moduleAnnotationSlots(parsed.ast, SOURCE)
      .map((slot) => `${slot.loc.start.line}:${slot.loc.start.column + 1} ${slot.kind} ${slot.name} of ${slot.functionName}: ${slot.annotated ? 'annotated' : 'missing'}`)
      .sort((a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true }));
    expect(slots).toEqual([
      '2:24 parameter "x" of "__init__": annotated',
      '5:5 return "scale" of "scale": annotated',
      '5:21 parameter "*args" of "scale": missing',
      '5:28 parameter "**kwargs" of "scale": missing',
      '9:5 return "build" of "build": missing',
      '9:20 parameter "a" of "build": missing',
      '9:26 parameter "b" of "build": annotated',
      '9:37 parameter "d" of "build": missing',
      '13:5 return "area" of "area": annotated',
      '13:14 parameter "x" of "area": annotated',
      '17:1 return "outer" of "outer": annotated',
      '18:5 return "inner" of "inner": missing',
      '18:15 parameter "y" of "inner": missing',
      '23:1 return "typed" of "typed": annotated',
      '23:11 parameter "a" of "typed": annotated',
      '23:14 parameter "b" of "typed": annotated',
    ]);
    expect(countPythonSource(SOURCE)).toEqual({ covered: 9, total: 16 });
  });

  it("the missing slots are require-explicit-types' reports, place for place", () => {
    const parsed = parsePython(SOURCE);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const missing = moduleAnnotationSlots(parsed.ast, SOURCE)
      .filter((slot) => !slot.annotated)
      .map((slot) => `${slot.loc.start.line}:${slot.loc.start.column + 1}`)
      .sort();
    const linter = new Linter({ configType: 'flat' });
    const reports = linter.verify(SOURCE, [{ files: ['**/*.py'], plugins: { 'perf-standards': plugin }, language: 'perf-standards/python', rules: { 'perf-standards/require-explicit-types': 'error' } }], 'shapes.py');
    expect(reports.map((report) => `${report.line}:${report.column}`).sort()).toEqual(missing);
  });

  it('a file with a syntax error has no count, only its first error', () => {
    expect(countPythonSource('def f(:\n    pass\n')).toEqual({ error: { message: expect.any(String) as string, line: 1, column: 6 } });
  });

  it("in a package whose functions are all public, the missing slots are pyright --verifytypes' missing annotations", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'python-type-coverage-pyright-'));
    try {
      cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', 'python-app'), dir, { recursive: true });
      writeFileSync(path.join(dir, 'inventory', 'py.typed'), '');
      // pyright finds the package through the interpreter's sys.path, as it would once installed.
      const pyright = path.join(REPO_ROOT, 'node_modules', '.bin', 'pyright');
      const { stdout } = await promisify(execFile)(pyright, ['--verifytypes', 'inventory', '--ignoreexternal'], { cwd: dir, env: { ...process.env, PYTHONPATH: dir } }).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout }),
      );
      const fromPyright = [...stdout.matchAll(/stock\.py:(\d+):\d+ - error: (Type annotation for parameter "\w+" is missing|Return type annotation is missing)/gu)].map((match) => `${match[1]}: ${match[2]}`);
      const text = readFileSync(path.join(dir, 'inventory', 'stock.py'), 'utf8');
      const parsed = parsePython(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const ours = moduleAnnotationSlots(parsed.ast, text)
        .filter((slot) => !slot.annotated)
        .map((slot) => `${slot.loc.start.line}: ${slot.kind === 'return' ? 'Return type annotation is missing' : `Type annotation for parameter ${slot.name} is missing`}`);
      expect(fromPyright.sort()).toEqual(['14: Return type annotation is missing', '14: Type annotation for parameter "line" is missing', '23: Type annotation for parameter "items" is missing']);
      expect(ours.sort()).toEqual(fromPyright);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
