import type { PythonNode } from '../shared/python-ast.js';
import { bodyDefinitions, decoratorExpression, decoratorsOf, docstringOf, isPublicName, type PythonNames } from '../shared/python-names.js';
import { isBigO, type PerformanceDocProblem } from './performance-docs.js';

/**
 * The performance-docs standard on Python: a public function's docstring states its performance, in one of
 * the three docstring styles Python tools read:
 * - Sphinx / reST fields: `:complexity: O(n log n)` or `:performance: one query per call`;
 * - Google style sections: `Complexity:` or `Performance:`, the text on the same line or indented below;
 * - NumPy style sections: `Complexity` or `Performance` underlined with dashes, the text below.
 * A stated complexity must read as Big-O, with the TypeScript rule's parser (`isBigO`).
 */

const SECTION = /^(complexity|performance):\s*(.*)$/iu;
const FIELD = /^:(complexity|performance):\s*(.*)$/iu;
const UNDERLINE = /^-{3,}$/u;

/** One statement of a docstring: which kind (`complexity` or `performance`) and its text. */
export interface DocstringStatement {
  readonly kind: 'complexity' | 'performance';
  readonly value: string;
}

// The docstring's text without its prefix and quotes.
function docstringText(node: PythonNode, names: PythonNames): string {
  return names.textOf(node).replace(/^[rRuUbBfF]*("""|'''|"|')/u, '').replace(/("""|'''|"|')$/u, '');
}

/**
 * The performance statements of a docstring, in order.
 * @complexity O(length of the docstring).
 */
export function docstringStatements(text: string): DocstringStatement[] {
  const lines = text.split(/\r\n|\r|\n/u).map((line: string): string => line.trim());
  const found: DocstringStatement[] = [];
  const nextText = (from: number): string => {
    for (let index = from; index < lines.length; index += 1) {
      const line = lines[index] ?? '';
      if (line !== '') return UNDERLINE.test(line) ? '' : line;
    }
    return '';
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const field = FIELD.exec(line) ?? SECTION.exec(line);
    if (field !== null) {
      const kind = (field[1] ?? '').toLowerCase() as DocstringStatement['kind'];
      const value = (field[2] ?? '').trim();
      found.push({ kind, value: value === '' ? nextText(index + 1) : value });
      continue;
    }
    const heading = /^(complexity|performance)$/iu.exec(line);
    if (heading !== null && UNDERLINE.test(lines[index + 1] ?? '')) {
      found.push({ kind: (heading[1] ?? '').toLowerCase() as DocstringStatement['kind'], value: nextText(index + 2) });
    }
  }
  return found;
}

/**
 * What a function's docstring lacks, if anything (null when it states its performance well).
 * @complexity O(length of the docstring).
 */
export function pythonPerformanceDocProblem(fn: PythonNode, names: PythonNames): PerformanceDocProblem | null {
  const docstring = docstringOf(fn);
  if (docstring === null) return { kind: 'missing' };
  let stated = false;
  for (const { kind, value } of docstringStatements(docstringText(docstring, names))) {
    if (value === '') continue;
    if (kind === 'complexity' && !isBigO(value)) return { kind: 'malformedComplexity', value };
    stated = true;
  }
  return stated ? null : { kind: 'missing' };
}

// pytest's fixture decorator, bare or called: `@pytest.fixture`, `@pytest.fixture(scope="module")`, `@fixture`.
function isPytestFixture(fn: PythonNode, names: PythonNames): boolean {
  return decoratorsOf(fn).some((decorator: PythonNode): boolean => {
    const expression = decoratorExpression(decorator);
    if (expression === null) return false;
    return names.qualifiedName(expression.type === 'Call' ? expression.function : expression) === 'pytest.fixture';
  });
}

// What pytest calls, not code a reader calls: its contract is pytest's (a test states no performance), so
// asking it for `:complexity:` would be noise. Tests are `test*` functions and `test*` methods of `Test*`
// classes (pytest's default `python_functions` / `python_classes`) or of `unittest.TestCase` subclasses,
// fixtures are `@pytest.fixture` functions, hooks are `pytest_*` functions.
function isPytestEntry(fn: PythonNode, owner: PythonNode | null, names: PythonNames): boolean {
  const name = names.definitionName(fn);
  if (owner === null) return name.startsWith('test') || name.startsWith('pytest_') || isPytestFixture(fn, names);
  if (isPytestFixture(fn, names)) return true;
  if (!name.startsWith('test')) return false;
  if (names.definitionName(owner).startsWith('Test')) return true;
  return (owner.superclasses?.children ?? []).some((base: PythonNode): boolean => /(^|\.)TestCase$/u.test(names.textOf(base)));
}

/**
 * The public functions of a file: public module-level `def`s and public methods of public module-level
 * classes (dunder methods, properties' setters included, are left out: their contract is Python's). In a
 * test file (`testFile`), pytest's tests, fixtures and hooks are left out too (`isPytestEntry`).
 * @complexity O(top-level statements + methods).
 */
export function publicPythonFunctions(names: PythonNames, testFile = false): PythonNode[] {
  const found: PythonNode[] = [];
  const isPublicFunction = (fn: PythonNode, owner: PythonNode | null): boolean => {
    const name = names.definitionName(fn);
    return isPublicName(name) && !(name.startsWith('__') && name.endsWith('__')) && !(testFile && isPytestEntry(fn, owner, names));
  };
  for (const statement of bodyDefinitions(names.module)) {
    if (statement.type === 'FunctionDefinition' && isPublicFunction(statement, null)) found.push(statement);
    if (statement.type === 'ClassDefinition' && isPublicName(names.definitionName(statement))) {
      for (const member of bodyDefinitions(statement)) if (member.type === 'FunctionDefinition' && isPublicFunction(member, statement)) found.push(member);
    }
  }
  return found;
}
