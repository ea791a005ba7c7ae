import { describe, expect, it } from 'vitest';
import { parsePython, type PythonNode } from '../standards/shared/python-ast.js';
import { pythonScopes, type PythonNameResolution } from '../standards/shared/python-scope.js';

// Resolves the identifier written at each `«name»` marker of `marked` (markers removed before parsing).
function resolveMarked(marked: string): string[] {
  const offsets: number[] = [];
  let text = '';
  for (const part of marked.split(/(«[^»]+»)/u)) {
    if (part.startsWith('«')) {
      offsets.push(text.length);
      text += part.slice(1, -1);
    } else text += part;
  }
  const result = parsePython(text);
  if (!result.ok) throw new Error(result.error.message);
  const scopes = pythonScopes(result.ast, text);
  const identifierAt = (offset: number): PythonNode => {
    let node: PythonNode = result.ast;
    for (;;) {
      const child = node.children.find((entry) => entry.range[0] <= offset && offset < entry.range[1]);
      if (child === undefined) return node;
      node = child;
    }
  };
  const describeResolution = (name: string, resolution: PythonNameResolution): string =>
    resolution.kind === 'import'
      ? `${name}: import ${resolution.module}${resolution.name === null ? '' : `.${resolution.name}`}`
      : `${name}: ${resolution.kind}${resolution.scope === null ? '' : ` (${resolution.scope.kind})`}`;
  return offsets.map((offset) => {
    const node = identifierAt(offset);
    const name = text.slice(node.range[0], node.range[1]);
    return describeResolution(name, scopes.resolve(node, name));
  });
}

describe('Python scopes: what a name means at a node', () => {
  it('tells the time module from a local time, and follows aliases', () => {
    expect(
      resolveMarked(`import time
import time as t
from time import perf_counter as pc
import os.path

def measure(time):
    start = «pc»()
    «time».sleep(1)
    return «t».time() - start

def other():
    «time».time()
    «os».path.join("a")
    time = 3
    return «time»
`),
    ).toEqual([
      'pc: import time.perf_counter',
      'time: parameter (function)',
      't: import time',
      'time: local (function)',
      'os: import os',
      'time: local (function)',
    ]);
  });

  it('resolves module globals, builtins, unknown names, global and nonlocal declarations', () => {
    expect(
      resolveMarked(`counter = 0
def bump():
    global counter
    counter += 1
    return «counter», «len»([]), «undefined_name»

def outer():
    total = 0
    def inner():
        nonlocal total
        total += 1
        return «total»
    return inner
`),
    ).toEqual(['counter: global (module)', 'len: builtin', 'undefined_name: unknown', 'total: local (function)']);
  });

  it('evaluates defaults, annotations, decorators and bases in the enclosing scope', () => {
    expect(
      resolveMarked(`import time
limit = 3
def f(limit=«limit», clock: «time» = None) -> «time»:
    return «limit»

class Timer(«time».Base):
    time = 1
    value = «time»
    def method(self):
        return «time»
`),
    ).toEqual([
      'limit: global (module)',
      'time: import time',
      'time: import time',
      'limit: parameter (function)',
      'time: import time',
      'time: local (class)',
      // A class body's names are not visible in its methods.
      'time: import time',
    ]);
  });

  it('gives comprehensions their own scope, except for the first iterable, and sends := outside', () => {
    expect(
      resolveMarked(`items = []
x = 1
values = [«x» for x in «items» if (last := x)]
after = «last»
gen = (y for y in «x»)
`),
    ).toEqual(['x: local (comprehension)', 'items: global (module)', 'last: global (module)', 'x: global (module)']);
  });

  it('binds for, with, except, match captures and del targets, and lambda parameters', () => {
    expect(
      resolveMarked(`def f(p):
    for a, (b, c) in p:
        pass
    with open(p) as handle, p as (d, e):
        pass
    try:
        pass
    except ValueError as error:
        pass
    match p:
        case Point(x=captured) | [first, *rest] as whole:
            pass
    g = lambda q: «q» + «p»
    return «a», «c», «handle», «e», «error», «captured», «first», «rest», «whole», «Point»
`),
    ).toEqual([
      'q: parameter (lambda)',
      'p: parameter (function)',
      'a: local (function)',
      'c: local (function)',
      'handle: local (function)',
      'e: local (function)',
      'error: local (function)',
      'captured: local (function)',
      'first: local (function)',
      'rest: local (function)',
      'whole: local (function)',
      'Point: unknown',
    ]);
  });

  it('is an import only when every binding in the scope imports the same thing', () => {
    expect(
      resolveMarked(`try:
    import ujson as json
except ImportError:
    import json
try:
    from time import perf_counter
except ImportError:
    from time import perf_counter
from .pkg import helper
from . import sibling
«json», «perf_counter», «helper», «sibling»
`),
    ).toEqual(['json: global (module)', 'perf_counter: import time.perf_counter', 'helper: import .pkg.helper', 'sibling: import ..sibling']);
  });
});

describe('sourceCode.getScope, as ESLint defines it', () => {
  it("gives a def its own scope, and other nodes the scope they are looked up in", async () => {
    const { Linter } = await import('eslint');
    const { default: plugin } = await import('../index.js');
    const seen: string[] = [];
    const rule = {
      meta: { type: 'problem' as const, schema: [] },
      create(context: { sourceCode: unknown }) {
        const sourceCode = context.sourceCode as { getScope(node: PythonNode): { kind: string; bindings: ReadonlyMap<string, unknown> } };
        const describeScope = (node: PythonNode): string => {
          const scope = sourceCode.getScope(node);
          return `${node.type}: ${scope.kind} [${[...scope.bindings.keys()].join(', ')}]`;
        };
        return {
          FunctionDefinition: (node: PythonNode) => seen.push(describeScope(node)),
          Decorator: (node: PythonNode) => seen.push(describeScope(node)),
          ReturnStatement: (node: PythonNode) => seen.push(describeScope(node)),
        };
      },
    };
    new Linter({ configType: 'flat' }).verify(
      'import functools\n\n@functools.cache\ndef f(x):\n    y = x\n    return y\n',
      [{ files: ['**/*.py'], plugins: { 'perf-standards': plugin, probe: { rules: { probe: rule as never } } }, language: 'perf-standards/python', rules: { 'probe/probe': 'error' } }],
      'a.py',
    );
    expect(seen).toEqual(['Decorator: module [functools, f]', 'FunctionDefinition: function [x, y]', 'ReturnStatement: function [x, y]']);
  });
});
