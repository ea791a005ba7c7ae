import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Linter, type Rule } from 'eslint';
import plugin from '../index.js';
import { parsePython, type PythonModule, type PythonNode } from '../standards/shared/python-ast.js';
import type { PythonSourceCode } from '../rules/language/python-source-code.js';

function parsed(text: string): PythonModule {
  const result = parsePython(text);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return result.ast;
}

const textOf = (text: string, node: PythonNode | null | undefined): string => (node === null || node === undefined ? '' : text.slice(node.range[0], node.range[1]));
const single = (value: unknown): PythonNode => {
  if (value === null || value === undefined || Array.isArray(value)) throw new Error('expected one node');
  return value as PythonNode;
};

// A rule that reports every node a selector matches, with a text the test chooses.
function probe(listeners: Record<string, (node: PythonNode, sourceCode: PythonSourceCode) => string>): Rule.RuleModule {
  return {
    meta: { type: 'problem', schema: [], messages: { seen: '{{text}}' } },
    create(context) {
      const sourceCode = context.sourceCode as unknown as PythonSourceCode;
      return Object.fromEntries(
        Object.entries(listeners).map(([selector, describe]) => [
          selector,
          (node: unknown) => context.report({ node: node as never, messageId: 'seen', data: { text: describe(node as PythonNode, sourceCode) } }),
        ]),
      );
    },
  };
}

function lint(code: string, rule: Rule.RuleModule, filename = 'app/module.py'): string[] {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.py'],
      plugins: { 'perf-standards': plugin, probe: { rules: { probe: rule } } },
      language: 'perf-standards/python',
      rules: { 'probe/probe': 'error' },
    },
  ];
  return linter
    .verify(code, config, filename)
    .map((message) => `${message.line}:${message.column}-${message.endLine ?? ''}:${message.endColumn ?? ''} ${message.ruleId ?? (message.fatal === true ? 'fatal' : 'eslint')} ${message.message}`);
}

describe('Python AST contract', () => {
  const text = [
    'import os.path, time as t',
    'from .pkg import (a, b as c)',
    '@decorator',
    'async def fetch(self, url: str, retries: int = 3, *args, **kwargs) -> "Résumé":',
    '    """Doc."""',
    '    async for item in source():  # trailing comment',
    '        total = left + right',
    '    return not (a < b <= c is not d)',
    '',
  ].join('\n');
  const ast = parsed(text);

  it('names types in PascalCase and keeps only named nodes in children', () => {
    expect(ast.type).toBe('Module');
    expect(ast.parent).toBeNull();
    expect(ast.children.map((node) => node.type)).toEqual(['ImportStatement', 'ImportFromStatement', 'DecoratedDefinition']);
    const decorated = ast.children[2] as PythonNode;
    expect(decorated.children.map((node) => node.type)).toEqual(['Decorator', 'FunctionDefinition']);
  });

  it('gives every field as a camelCase property pointing to the children, arrays for repeating fields', () => {
    const [imports, fromImport, decorated] = ast.children as [PythonNode, PythonNode, PythonNode];
    expect((imports.name as PythonNode[]).map((node) => textOf(text, node))).toEqual(['os.path', 'time as t']);
    expect(textOf(text, single(fromImport.moduleName))).toBe('.pkg');
    expect((fromImport.name as PythonNode[]).map((node) => node.type)).toEqual(['DottedName', 'AliasedImport']);
    const fn = single(decorated.definition);
    expect(fn).toBe(decorated.children[1]);
    expect(fn.type).toBe('FunctionDefinition');
    expect(fn.async).toBe(true);
    expect(textOf(text, single(fn.name))).toBe('fetch');
    expect(fn.parent).toBe(decorated);
    expect(textOf(text, fn.returnType)).toBe('"Résumé"');
    const parameters = single(fn.parameters);
    expect(parameters.children.map((node) => node.type)).toEqual([
      'Identifier', 'TypedParameter', 'TypedDefaultParameter', 'ListSplatPattern', 'DictionarySplatPattern',
    ]);
    const typed = parameters.children[1] as PythonNode;
    expect(textOf(text, typed.annotation)).toBe('str');
    const typedDefault = parameters.children[2] as PythonNode;
    expect([textOf(text, single(typedDefault.name)), textOf(text, typedDefault.annotation), textOf(text, single(typedDefault.value))]).toEqual(['retries', 'int', '3']);
    const body = single(fn.body);
    const loop = body.children[1] as PythonNode;
    expect(loop.type).toBe('ForStatement');
    expect(loop.async).toBe(true);
    const assignment = single(single(loop.body).children[0]).children[0] as PythonNode;
    expect(assignment.type).toBe('Assignment');
    const sum = single(assignment.right);
    expect([sum.type, sum.operator, textOf(text, single(sum.left)), textOf(text, single(sum.right))]).toEqual(['BinaryOperator', '+', 'left', 'right']);
    const negation = single(single(body.children[2]).children[0]);
    expect(negation.type).toBe('NotOperator');
    const comparison = single(single(negation.argument).children[0]);
    expect(comparison.operators).toEqual(['<', '<=', 'is not']);
    expect(comparison.children.map((node) => textOf(text, node))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives ranges in UTF-16 offsets and lines/columns from 1/0, after non-ASCII text', () => {
    const source = 's = "é😀"; value = call(x)\nt = "ü"\n';
    const tree = parsed(source);
    const call = single(single(single(tree.children[1]).children[0]).right);
    expect(call.type).toBe('Call');
    expect(textOf(source, call)).toBe('call(x)');
    expect(call.range).toEqual([19, 26]);
    expect(call.loc).toEqual({ start: { line: 1, column: 19 }, end: { line: 1, column: 26 } });
    const second = single(tree.children[2]);
    expect(second.loc.start).toEqual({ line: 2, column: 0 });
    expect(tree.range).toEqual([0, source.length]);
    expect(tree.loc).toEqual({ start: { line: 1, column: 0 }, end: { line: 3, column: 0 } });
  });

  it('counts lines at \r\n, and at a lone \r inside a string, as Python does (and as sourceCode.lines does)', () => {
    const source = 'a = 1\r\ns = """x\ry"""\nc = 3\n';
    const tree = parsed(source);
    expect(tree.children.map((node) => [textOf(source, node), node.loc.start.line, node.loc.end.line])).toEqual([
      ['a = 1', 1, 1],
      ['s = """x\ry"""', 2, 3],
      ['c = 3', 4, 4],
    ]);
  });

  it('ends a line at a lone \r outside strings too (CPython universal newlines), offsets and text unchanged', () => {
    const source = 'import time\r\r\rdef f(g):\r    start = time.time()\r    g()\r    return time.time() - start\r';
    const tree = parsed(source);
    expect(tree.children.map((node) => [node.type, textOf(source, node), node.loc.start.line, node.loc.end.line])).toEqual([
      ['ImportStatement', 'import time', 1, 1],
      ['FunctionDefinition', 'def f(g):\r    start = time.time()\r    g()\r    return time.time() - start', 4, 7],
    ]);
    const compiled = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "cr2.py", "exec")'], { input: source, encoding: 'utf8' });
    expect(compiled.status).toBe(0);
    expect(lint(source, probe({ ReturnStatement: () => 'return' }), 'cr2.py')).toEqual(['7:5-7:31 probe/probe return']);
  });

  it('keeps comments out of the tree, with their text after #', () => {
    const result = parsePython('x = 1  # one\n# two\n');
    expect(result.ok && result.comments.map((comment) => [comment.value, comment.loc.start.line, comment.loc.start.column])).toEqual([
      [' one', 1, 7],
      [' two', 2, 0],
    ]);
  });
});

// The tree as data: type, range, loc, fields and children, without the parent links.
function dump(node: PythonNode): unknown {
  const value = (entry: unknown): unknown => (typeof entry === 'object' && entry !== null && 'type' in entry ? dump(entry as PythonNode) : entry);
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'parent')
      .map(([key, entry]) => [key, Array.isArray(entry) ? entry.map(value) : value(entry)]),
  );
}

describe('Python 2 print and exec statements', () => {
  // tree-sitter-python parses them as print_statement / exec_statement; CPython 3 decides what is an error.
  const FORMS = ['print "a"', 'print >>f, x', 'print', 'print(x)', 'print (x)', 'print(x, end="")', 'exec "code"', 'exec(code)', 'exec code in ns', 'print x,', 'print f(x)', 'print ~x', 'print -1', 'print (x), y', 'exec (code) in ns', 'def f():\n    print "a"'];

  it('are a syntax error exactly where CPython says so, with its message and line', () => {
    const script = 'import ast, json, sys\nout = []\nfor source in json.load(sys.stdin):\n    try:\n        ast.parse(source)\n        out.append(None)\n    except SyntaxError as error:\n        out.append([error.msg, error.lineno])\nprint(json.dumps(out))\n';
    const cpython = spawnSync('python3', ['-c', script], { input: JSON.stringify(FORMS), encoding: 'utf8' });
    expect(cpython.status).toBe(0);
    const expected = JSON.parse(cpython.stdout) as ([string, number] | null)[];
    const ours = FORMS.map((source: string): [string, number] | null => {
      const result = parsePython(source);
      return result.ok ? null : [result.error.message, result.error.line];
    });
    expect(ours).toEqual(expected);
    expect(expected.filter((error) => error !== null)).toHaveLength(7);
  });
});

describe('incremental re-parsing of a file (an editor re-linting as the user types)', () => {
  it('gives the same tree as a fresh parse after each edit, including a syntax error and its fix', () => {
    const versions = [
      'import time\n\ndef f(x: int) -> int:\n    return x + 1\n',
      'import time\n\ndef f(x: int) -> int:\n    start = time.time()\n    return x + 1\n',
      'import time\n\ndef f(x: int) -> int:\n    start = time.time(\n    return x + 1\n',
      'import time\n\ndef f(x: int) -> int:\n    start = time.perf_counter()\n    return x + 1  # é😀\n',
      "'''Module.'''\nimport time\n\ndef f(x: int) -> int:\n    start = time.perf_counter()\n    return x + 1  # é😀\n",
    ];
    for (const version of versions) {
      const incremental = parsePython(version, '/project/editing.py');
      const fresh = parsePython(version);
      expect(incremental.ok).toBe(fresh.ok);
      if (incremental.ok && fresh.ok) {
        expect(dump(incremental.ast)).toEqual(dump(fresh.ast));
        expect(incremental.comments).toEqual(fresh.comments);
      } else expect(incremental).toEqual(fresh);
    }
    expect(parsePython(versions[2] as string).ok).toBe(false);
  });
});

describe('perf-standards/python through ESLint', () => {
  it('matches ESLint selectors on the Python tree', () => {
    const code = '@cache\ndef f(x):\n    return g(x).h(1)\n\ndef plain(): pass\n';
    const rule = probe({
      'DecoratedDefinition > FunctionDefinition': (node, sourceCode) => `decorated ${sourceCode.getText(single(node.name))}`,
      'Call[function.type="Attribute"]': (node, sourceCode) => `method call ${sourceCode.getText(node)}`,
      ':statement[type="ReturnStatement"]': () => 'return statement',
    });
    expect(lint(code, rule)).toEqual([
      '2:1-3:21 probe/probe decorated f',
      '3:5-3:21 probe/probe return statement',
      '3:12-3:21 probe/probe method call g(x).h(1)',
    ]);
  });

  it('reports a syntax error as one fatal message with its line and column, and runs no rule', () => {
    const rule = probe({ Module: () => 'module' });
    expect(lint('def ok():\n    pass\n\ndef broken(:\n    pass\n', rule)).toEqual(['4:12-: fatal Parsing error: invalid syntax: expected `)`']);
    expect(lint('x = (1,\nprint(x]\n', rule)).toHaveLength(1);
    expect(lint('import sys\nif sys:\n    exec "x = 1"\n', rule)).toEqual(["3:5-: fatal Parsing error: Missing parentheses in call to 'exec'. Did you mean exec(...)?"]);
  });

  it('applies # eslint-disable-next-line, -line, disable/enable blocks and # eslint inline config', () => {
    const rule = probe({ Call: (node, sourceCode) => sourceCode.getText(node) });
    const code = [
      'a()',
      '# eslint-disable-next-line probe/probe -- reason',
      'b()',
      'c()  # eslint-disable-line probe/probe',
      '# eslint-disable probe/probe',
      'd()',
      '# eslint-enable probe/probe',
      'e()',
      '# eslint-disable-next-line perf-standards/no-busy-wait',
      'f()',
      '',
    ].join('\n');
    // A directive for another rule leaves the probe's report, and is itself reported as unused (ESLint's default).
    expect(lint(code, rule)).toEqual([
      '1:1-1:4 probe/probe a()',
      '8:1-8:4 probe/probe e()',
      "9:1-: eslint Unused eslint-disable directive (no problems were reported from 'perf-standards/no-busy-wait').",
      '10:1-10:4 probe/probe f()',
    ]);
    expect(lint('# eslint probe/probe: "off"\na()\n', rule)).toEqual([]);
    expect(lint('# eslint probe/probe: [\na()\n', rule)[0]).toMatch(/^1:1-1:\d+ fatal Failed to parse JSON from '"probe\/probe": \['/u);
  });

  it("ignores other languages' options that a config block without `files` spreads over every file", () => {
    const linter = new Linter({ configType: 'flat', cwd: '/project' });
    const config: Linter.Config[] = [
      ...plugin.configs.recommended,
      // As typescript-eslint's shared configs and many projects' `globals` blocks do.
      { languageOptions: { sourceType: 'module', ecmaVersion: 2024, globals: { myGlobal: 'readonly' }, parserOptions: { project: true } } },
    ];
    const messages = linter.verify('print("hi")\n', config, '/project/scripts/temp_run.py');
    expect(messages.map((message) => `${message.ruleId ?? 'fatal'} ${message.line}:${message.column}`)).toEqual(['perf-standards/no-one-off-scripts 1:1']);
  });

  it('runs the file-name rules and every other rule of the plugin on a Python file without a crash', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/project' });
    const config: Linter.Config[] = [
      { plugins: { 'perf-standards': plugin } },
      { files: ['**/*.py'], language: 'perf-standards/python' },
      { rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`perf-standards/${id}`, 'error'])) },
    ];
    const messages = linter.verify('import time\n\nasync def main(x):\n    await x\n', config, '/project/scripts/temp_run.py');
    expect(messages.map((message) => `${message.ruleId ?? 'fatal'} ${message.line}:${message.column}`)).toContain('perf-standards/no-one-off-scripts 1:1');
    expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  });
});
