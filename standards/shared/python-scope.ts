/**
 * Python's scopes over the plugin's Python AST (standards/shared/python-ast.ts): which names each scope
 * binds and what a name means at a given node, enough for a rule to tell `time` the module from a local
 * `time`. Rules reach it through `context.sourceCode.getScope(node)` / `context.sourceCode.resolveName(node)`
 * (rules/language/python-source-code.ts); other code through `pythonScopes(ast)`.
 *
 * The model follows Python's execution model (Python Language Reference §4.2, "Naming and binding"):
 * - Scopes: the module; each `def` (`FunctionDefinition`) and `lambda` (`Lambda`); each class body
 *   (`ClassDefinition`); each comprehension (`ListComprehension`, `SetComprehension`,
 *   `DictionaryComprehension`, `GeneratorExpression`).
 * - A name bound anywhere in a scope is local to all of that scope (no flow analysis): by an import, a
 *   parameter, a `def`/`class`, an assignment target (`=`, `+=`, annotated `x: int`), a `for` target, a
 *   `with … as`, `except … as`, a `case` capture or `as`, a `del`, or a walrus (`:=`, which binds in the
 *   enclosing function or module when written in a comprehension). `global x` / `nonlocal x` send the
 *   name to the module / the nearest enclosing function that binds it.
 * - Evaluated in the ENCLOSING scope: decorators, default values, parameter and return annotations, a
 *   class's bases, and a comprehension's first iterable (`[y for y in x]`: `x`).
 * - A class body's names are visible in the class body only, not in the functions and comprehensions
 *   nested in it.
 * - Not modelled: `from m import *` (a name it may bind is `unknown`), names created through `globals()`
 *   or `exec`, and type-parameter scopes (Python 3.12 `def f[T]()`: `T` is seen as unknown).
 */
import type { PythonNode } from './python-ast.js';

export type PythonScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

/**
 * One way a scope binds a name.
 * - `import`: `import a.b` binds `a` (module `a`, name null); `import a.b as c` binds `c` (module `a.b`,
 *   name null); `from a.b import c [as d]` binds `c`/`d` (module `a.b`, name `c`); relative modules keep
 *   their dots (`from .pkg import x`: module `.pkg`; `from . import x`: module `.`).
 * - `parameter`: a parameter of the function or lambda (`*args`, `**kwargs` included).
 * - `definition`: `def name` / `class name`.
 * - `assignment`: every other binding (targets of `=`, `+=`, `for`, `with … as`, `except … as`, `:=`,
 *   `del`, `case` captures).
 * `node` is the binding identifier (for an import, the name or alias written in the statement).
 */
export type PythonBinding =
  | { readonly kind: 'import'; readonly module: string; readonly name: string | null; readonly node: PythonNode }
  | { readonly kind: 'parameter' | 'definition' | 'assignment'; readonly node: PythonNode };

export interface PythonScope {
  readonly kind: PythonScopeKind;
  /** `Module`, `FunctionDefinition`, `Lambda`, `ClassDefinition` or the comprehension node. */
  readonly node: PythonNode;
  readonly parent: PythonScope | null;
  /** Name → every binding of it in this scope, in source order. */
  readonly bindings: ReadonlyMap<string, readonly PythonBinding[]>;
  /** Names declared `global` in this scope. */
  readonly globals: ReadonlySet<string>;
  /** Names declared `nonlocal` in this scope. */
  readonly nonlocals: ReadonlySet<string>;
  /** Modules this scope imports everything from (`from m import *`). */
  readonly starImports: readonly string[];
}

/**
 * What a name means at a node.
 * - `import`: every binding of the name in the scope that holds it is an import of the same module and
 *   name (`time` after `import time`; `pc` after `from time import perf_counter as pc`: module `time`,
 *   name `perf_counter`; `t` after `import time as t`: module `time`, name null).
 * - `parameter`: a parameter of the function (or lambda) that holds it.
 * - `local`: bound in a function, lambda, class body or comprehension, otherwise.
 * - `global`: bound at module level, otherwise (a `def`, a `class`, an assignment; also a name imported
 *   in one branch and assigned in another).
 * - `builtin`: bound nowhere in the file and a name of Python 3's `builtins` module (`print`, `len`).
 * - `unknown`: bound nowhere in the file and not a builtin (a `from m import *` name, a typo, ...).
 * `scope` is the scope that binds the name (null for builtin and unknown); `bindings` its bindings there.
 */
export type PythonNameResolution =
  | {
      readonly kind: 'import';
      readonly module: string;
      readonly name: string | null;
      readonly scope: PythonScope;
      readonly bindings: readonly PythonBinding[];
    }
  | { readonly kind: 'parameter' | 'local' | 'global'; readonly scope: PythonScope; readonly bindings: readonly PythonBinding[] }
  | { readonly kind: 'builtin' | 'unknown'; readonly scope: null; readonly bindings: readonly [] };

/** The names of Python 3.11's `builtins` module that code uses (`dir(builtins)` without private names). */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError ' +
    'BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ' +
    'ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ' +
    'ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ' +
    'RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration ' +
    'SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError ' +
    'UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError ' +
    'Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __name__ __file__ abs aiter all anext ' +
    'any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits ' +
    'delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash ' +
    'help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object ' +
    'oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum ' +
    'super tuple type vars zip'
  ).split(' '),
);

const COMPREHENSIONS: ReadonlySet<string> = new Set(['ListComprehension', 'SetComprehension', 'DictionaryComprehension', 'GeneratorExpression']);
// Nodes whose children, as assignment targets, are targets too.
const TARGET_CONTAINERS: ReadonlySet<string> = new Set([
  'PatternList', 'TuplePattern', 'ListPattern', 'Tuple', 'List', 'ParenthesizedExpression', 'ListSplatPattern', 'ListSplat', 'AsPatternTarget',
]);

// A scope while its bindings are collected.
interface MutableScope {
  readonly kind: PythonScopeKind;
  readonly node: PythonNode;
  readonly parent: MutableScope | null;
  readonly bindings: Map<string, PythonBinding[]>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  readonly starImports: string[];
}

/** Scopes of one module, answering `scopeAt` and `resolve`. */
export interface PythonScopes {
  readonly module: PythonScope;
  /** The innermost scope in which names written at `node` are looked up. @complexity O(depth of node). */
  scopeAt(node: PythonNode): PythonScope;
  /** The scope `node` creates (`Module`, `FunctionDefinition`, `Lambda`, `ClassDefinition`, a comprehension), else null. @complexity O(1). */
  scopeOf(node: PythonNode): PythonScope | null;
  /** What `name` means at `node`. @complexity O(depth of node + enclosing scopes). */
  resolve(node: PythonNode, name: string): PythonNameResolution;
}

const textOf = (node: PythonNode, text: string): string => text.slice(node.range[0], node.range[1]);

function kindOfScopeNode(node: PythonNode): PythonScopeKind | null {
  switch (node.type) {
    case 'Module':
      return 'module';
    case 'FunctionDefinition':
      return 'function';
    case 'Lambda':
      return 'lambda';
    case 'ClassDefinition':
      return 'class';
    default:
      return COMPREHENSIONS.has(node.type) ? 'comprehension' : null;
  }
}

const fieldNodes = (value: unknown): readonly PythonNode[] =>
  Array.isArray(value) ? (value as PythonNode[]) : value === null || value === undefined ? [] : [value as PythonNode];

// Whether a path that reaches the scope node `scopeNode` through `child` (and `grandchild` below it) is
// evaluated inside that scope. `inParameterValue`: the path went through a parameter's default or annotation.
function isInside(scopeNode: PythonNode, child: PythonNode, grandchild: PythonNode | null, inParameterValue: boolean): boolean {
  switch (scopeNode.type) {
    case 'Module':
      return true;
    case 'FunctionDefinition':
    case 'Lambda':
      return child === scopeNode.body || (child === scopeNode.parameters && !inParameterValue);
    case 'ClassDefinition':
      return child === scopeNode.body;
    default: {
      // A comprehension: all of it but its first `for … in` clause's iterable.
      const first = scopeNode.children.find((entry: PythonNode): boolean => entry.type === 'ForInClause');
      return child !== first || grandchild === null || !fieldNodes(child.right).includes(grandchild);
    }
  }
}

// A parameter's default value or annotation, evaluated where the `def` / `lambda` is.
function isParameterValue(node: PythonNode, child: PythonNode): boolean {
  switch (node.type) {
    case 'DefaultParameter':
      return child === node.value;
    case 'TypedDefaultParameter':
      return child === node.value || child === node.annotation;
    case 'TypedParameter':
      return child === node.annotation;
    default:
      return false;
  }
}

/**
 * The scopes of a module, built on the first call for an AST and cached by its root object; `text` is the
 * source the AST was parsed from (names are read from it).
 * @complexity O(nodes × depth): one pass over the tree, and a walk up from each binding.
 */
export function pythonScopes(ast: PythonNode, text: string): PythonScopes {
  let scopes = cache.get(ast);
  if (scopes === undefined) {
    scopes = buildScopes(ast, text);
    cache.set(ast, scopes);
  }
  return scopes;
}

const cache = new WeakMap<PythonNode, PythonScopes>();

function buildScopes(ast: PythonNode, text: string): PythonScopes {
  const byNode = new Map<PythonNode, MutableScope>();
  const newScope = (node: PythonNode, kind: PythonScopeKind, parent: MutableScope | null): MutableScope => {
    const scope: MutableScope = { kind, node, parent, bindings: new Map(), globals: new Set(), nonlocals: new Set(), starImports: [] };
    byNode.set(node, scope);
    return scope;
  };
  const module = newScope(ast, 'module', null);

  const scopeAt = (node: PythonNode): MutableScope => {
    let grandchild: PythonNode | null = null;
    let child = node;
    let inParameterValue = false;
    for (let current = node.parent; current !== null; grandchild = child, child = current, current = current.parent) {
      if (kindOfScopeNode(current) === null) {
        if (isParameterValue(current, child)) inParameterValue = true;
      } else if (isInside(current, child, grandchild, inParameterValue)) {
        return byNode.get(current) ?? module;
      } else {
        inParameterValue = false;
      }
    }
    return module;
  };

  const bind = (scope: MutableScope, name: string, binding: PythonBinding): void => {
    const list = scope.bindings.get(name);
    if (list === undefined) scope.bindings.set(name, [binding]);
    else list.push(binding);
  };

  const bindTargets = (target: PythonNode | null | undefined, scope: MutableScope): void => {
    if (target === null || target === undefined) return;
    if (target.type === 'Identifier') bind(scope, textOf(target, text), { kind: 'assignment', node: target });
    else if (TARGET_CONTAINERS.has(target.type)) for (const child of target.children) bindTargets(child, scope);
  };

  const bindParameter = (parameter: PythonNode, scope: MutableScope): void => {
    switch (parameter.type) {
      case 'Identifier':
        bind(scope, textOf(parameter, text), { kind: 'parameter', node: parameter });
        return;
      case 'DefaultParameter':
      case 'TypedDefaultParameter':
        for (const name of fieldNodes(parameter.name)) bindParameter(name, scope);
        return;
      case 'TypedParameter':
        for (const child of parameter.children) if (child !== parameter.annotation) bindParameter(child, scope);
        return;
      case 'ListSplatPattern':
      case 'DictionarySplatPattern':
      case 'TuplePattern':
        for (const child of parameter.children) bindParameter(child, scope);
        return;
      default:
    }
  };

  const bindImportName = (item: PythonNode, module: string | null, scope: MutableScope): void => {
    const dotted = item.type === 'AliasedImport' ? (fieldNodes(item.name)[0] ?? null) : item;
    if (dotted === null) return;
    const alias = item.type === 'AliasedImport' ? (item.alias ?? null) : null;
    const path = textOf(dotted, text).replace(/\s+/gu, '');
    if (module === null) {
      // `import a.b` binds `a` to module `a`; `import a.b as c` binds `c` to module `a.b`.
      const first = dotted.children[0] ?? dotted;
      const bound = alias ?? first;
      bind(scope, textOf(bound, text), { kind: 'import', module: alias === null ? textOf(first, text) : path, name: null, node: bound });
    } else {
      const bound = alias ?? dotted;
      bind(scope, textOf(bound, text), { kind: 'import', module, name: path, node: bound });
    }
  };

  // Scopes first (parents before children), in source order.
  const ordered: PythonNode[] = [];
  const stack: PythonNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as PythonNode;
    ordered.push(node);
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as PythonNode);
  }
  for (const node of ordered) {
    if (node === ast) continue;
    const kind = kindOfScopeNode(node);
    if (kind !== null) newScope(node, kind, scopeAt(node));
  }

  for (const node of ordered) {
    switch (node.type) {
      case 'ImportStatement':
        for (const item of fieldNodes(node.name)) bindImportName(item, null, scopeAt(node));
        break;
      case 'ImportFromStatement': {
        const scope: MutableScope = scopeAt(node);
        const moduleName = node.moduleName === null || node.moduleName === undefined ? '' : textOf(node.moduleName, text).replace(/\s+/gu, '');
        for (const item of fieldNodes(node.name)) bindImportName(item, moduleName, scope);
        if (node.children.some((child: PythonNode): boolean => child.type === 'WildcardImport')) scope.starImports.push(moduleName);
        break;
      }
      case 'FutureImportStatement':
        for (const item of fieldNodes(node.name)) bindImportName(item, '__future__', scopeAt(node));
        break;
      case 'FunctionDefinition':
      case 'ClassDefinition':
        for (const name of fieldNodes(node.name)) bind(scopeAt(node), textOf(name, text), { kind: 'definition', node: name });
        break;
      case 'Parameters':
      case 'LambdaParameters': {
        const scope = node.parent === null ? undefined : byNode.get(node.parent);
        if (scope !== undefined) for (const parameter of node.children) bindParameter(parameter, scope);
        break;
      }
      case 'Assignment':
      case 'AugmentedAssignment':
      case 'ForStatement':
      case 'ForInClause':
        for (const left of fieldNodes(node.left)) bindTargets(left, scopeAt(left));
        break;
      case 'AsPattern': {
        // `with a as b`, `except E as e`: the `alias` field; `case [x] as whole`: a last, unlabelled name.
        const last = node.children.at(-1);
        const alias = node.alias ?? (node.parent?.type === 'CasePattern' && node.children.length > 1 && last?.type === 'Identifier' ? last : null);
        if (alias !== null) bindTargets(alias, scopeAt(alias));
        break;
      }
      case 'DeleteStatement':
        for (const child of node.children) bindTargets(child, scopeAt(child));
        break;
      case 'NamedExpression': {
        // Binds in the nearest enclosing function or module, past comprehensions.
        let scope: MutableScope = scopeAt(node);
        while (scope.kind === 'comprehension' && scope.parent !== null) scope = scope.parent as MutableScope;
        for (const name of fieldNodes(node.name)) bindTargets(name, scope);
        break;
      }
      case 'GlobalStatement':
      case 'NonlocalStatement': {
        const scope = scopeAt(node);
        for (const child of node.children) if (child.type === 'Identifier') (node.type === 'GlobalStatement' ? scope.globals : scope.nonlocals).add(textOf(child, text));
        break;
      }
      case 'CasePattern':
      case 'SplatPattern':
      case 'KeywordPattern':
        bindCaptures(node);
        break;
      default:
    }
  }

  // `case x:`, `case [x, *rest]:`, `case {"k": v, **rest}:`, `case Point(x=a)`: a lone name is a capture.
  function bindCaptures(node: PythonNode): void {
    for (const child of node.children) {
      if (child.type === 'DottedName' && child.children.length === 1 && node.type !== 'ClassPattern') {
        const name = child.children[0] as PythonNode;
        if (textOf(name, text) !== '_') bind(scopeAt(name), textOf(name, text), { kind: 'assignment', node: name });
      } else if (child.type === 'Identifier' && node.type === 'SplatPattern') {
        bind(scopeAt(child), textOf(child, text), { kind: 'assignment', node: child });
      }
    }
  }

  const resolveIn = (start: PythonScope, name: string): { scope: PythonScope; bindings: readonly PythonBinding[] } | null => {
    let scope: PythonScope | null = start;
    let first = true;
    while (scope !== null) {
      if (scope.globals.has(name)) {
        const bindings = module.bindings.get(name);
        return bindings === undefined ? null : { scope: module, bindings };
      }
      const skipsClass = scope.kind === 'class' && !first;
      if (!skipsClass && !scope.nonlocals.has(name)) {
        const bindings = scope.bindings.get(name);
        if (bindings !== undefined) return { scope, bindings };
      }
      first = false;
      scope = scope.parent;
      // `nonlocal` looks in enclosing functions only; the module is never reached by it.
    }
    return null;
  };

  return {
    module,
    scopeAt,
    scopeOf: (node: PythonNode): PythonScope | null => byNode.get(node) ?? null,
    resolve(node: PythonNode, name: string): PythonNameResolution {
      const found = resolveIn(scopeAt(node), name);
      if (found === null) return { kind: PYTHON_BUILTINS.has(name) ? 'builtin' : 'unknown', scope: null, bindings: [] };
      const { scope, bindings } = found;
      const first = bindings[0];
      if (first?.kind === 'import' && bindings.every((binding: PythonBinding): boolean => binding.kind === 'import' && binding.module === first.module && binding.name === first.name)) {
        return { kind: 'import', module: first.module, name: first.name, scope, bindings };
      }
      if (bindings.some((binding: PythonBinding): boolean => binding.kind === 'parameter')) return { kind: 'parameter', scope, bindings };
      return { kind: scope.kind === 'module' ? 'global' : 'local', scope, bindings };
    },
  };
}
