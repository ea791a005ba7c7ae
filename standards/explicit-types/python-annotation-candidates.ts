import type { PythonNode } from '../shared/python-ast.js';
import type { PythonBinding } from '../shared/python-scope.js';
import { decoratorExpression, decoratorsOf, enclosingClass, type PythonNames } from '../shared/python-names.js';
import { isPluginMonitorDecorator } from '../performance-monitoring/python-plugin-monitor.js';
import { missingPythonAnnotations, type MissingPythonAnnotation } from './python-annotations.js';

/**
 * What `add-explicit-types` can write on one Python function without a type checker, from the syntax alone
 * (autotyping's ground): a parameter's type from a literal default (`x=0` → `x: int = 0`), and a return type
 * for a function that returns no value (`-> None`) or only literals of one class (`-> int`). Functions whose
 * decorators may read or replace the signature, `@overload`s and their implementations are left alone:
 * there an annotation may change what runs (a registry that reads `__annotations__`) or is the author's call.
 * The plugin's own `@performance_monitor` (python-plugin-monitor.ts) is not such a decorator: it keeps the
 * signature (`functools.wraps`) and reads no annotation.
 */

/** One missing annotation of a function and what to do about it. */
export interface AnnotationCandidate {
  readonly missing: MissingPythonAnnotation;
  /** `line:column kind name`, as notes name it. */
  readonly where: string;
  /** The type read from the syntax (`int`), or why there is none; computed when first read. */
  readonly syntactic: { readonly ok: true; readonly type: string } | { readonly ok: false; readonly reason: string };
}

/** A function with missing annotations the codemod may annotate, or the reason it leaves all of them. */
export interface FunctionCandidates {
  readonly fn: PythonNode;
  /** The statement that holds the function: its `DecoratedDefinition` when decorated. */
  readonly statement: PythonNode;
  readonly name: string;
  readonly isMethod: boolean;
  readonly candidates: readonly AnnotationCandidate[];
  /** Why the function is left alone as a whole, or null. */
  readonly leftAlone: string | null;
}

/**
 * The node types a `def` can sit in, at any depth (tree-sitter-python 0.25's node-types.json: the types whose
 * children can lead to a `function_definition`). Expressions never hold one, so the search skips them.
 */
export const FUNCTION_CONTAINERS: ReadonlySet<string> = new Set([
  'Block',
  'CaseClause',
  'ClassDefinition',
  'DecoratedDefinition',
  'ElifClause',
  'ElseClause',
  'ExceptClause',
  'FinallyClause',
  'ForStatement',
  'FunctionDefinition',
  'IfStatement',
  'MatchStatement',
  'Module',
  'TryStatement',
  'WhileStatement',
  'WithStatement',
]);

// Decorators that bind the function as it is: its annotations are neither read nor replaced.
const BINDING_DECORATORS: ReadonlySet<string> = new Set(['staticmethod', 'classmethod']);

const KIND_LABEL = { return: 'return type of', parameter: 'parameter' } as const;

/**
 * The class of a literal default value (`0` → `int`, `-1.5` → `float`, `'a'` / f-strings → `str`, `b''` →
 * `bytes`, `True` → `bool`), else null (`None`, containers, names, calls).
 * @complexity O(1).
 */
export function literalClass(value: PythonNode, names: PythonNames): string | null {
  switch (value.type) {
    case 'Integer':
      return 'int';
    case 'Float':
      return /[jJ]$/.test(names.textOf(value)) ? 'complex' : 'float';
    case 'True':
    case 'False':
      return 'bool';
    case 'String':
    case 'ConcatenatedString':
      return /^[a-zA-Z]*[bB][a-zA-Z]*['"]/.test(names.textOf(value)) ? 'bytes' : 'str';
    case 'UnaryOperator': {
      const operand = value.argument as PythonNode | null | undefined;
      return (value.operator === '-' || value.operator === '+') && (operand?.type === 'Integer' || operand?.type === 'Float') ? literalClass(operand, names) : null;
    }
    default:
      return null;
  }
}

// The `return` values (null for a bare `return`) of a function's own body (not of nested functions, classes
// or lambdas), or null when that body yields. An explicit stack: this runs on every function of a project.
function ownReturns(body: PythonNode): (PythonNode | null)[] | null {
  const returned: (PythonNode | null)[] = [];
  const stack: PythonNode[] = [...body.children];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'FunctionDefinition' || node.type === 'ClassDefinition' || node.type === 'Lambda') continue;
    if (node.type === 'Yield') return null;
    if (node.type === 'ReturnStatement') returned.push(node.children[0] ?? null);
    for (const child of node.children) stack.push(child);
  }
  return returned;
}

/**
 * The return type of a function from its syntax: `None` when no `return` has a value, there is no `yield`,
 * and the body is not a placeholder (`...`) nor ends in `raise` (it may never return); the class of the
 * literals when every `return` returns a literal of one class and the body ends with a `return`.
 * @complexity O(nodes of the function's own body).
 */
export function syntacticReturnType(fn: PythonNode, names: PythonNames): AnnotationCandidate['syntactic'] {
  const body = fn.body;
  const statements = body?.children ?? [];
  const last = statements.at(-1);
  if (body === null || body === undefined || last === undefined) return { ok: false, reason: 'it has no body' };
  const returned = ownReturns(body);
  if (returned === null) return { ok: false, reason: 'a generator: its type needs pyright' };
  if (last.type === 'RaiseStatement') return { ok: false, reason: 'it ends by raising: it may never return' };
  if (statements.every((statement: PythonNode): boolean => statement.type === 'ExpressionStatement' && (statement.children[0]?.type === 'Ellipsis' || statement.children[0]?.type === 'String'))) {
    return { ok: false, reason: 'its body is a placeholder' };
  }
  if (returned.every((value: PythonNode | null): boolean => value === null)) return { ok: true, type: 'None' };
  const classes = new Set(returned.map((value: PythonNode | null): string | null => (value === null ? null : literalClass(value, names))));
  const [only] = classes;
  if (classes.size === 1 && only !== null && only !== undefined && last.type === 'ReturnStatement') return { ok: true, type: only };
  return { ok: false, reason: 'it returns values whose type needs pyright' };
}

function parameterType(fn: PythonNode, parameter: PythonNode, names: PythonNames): AnnotationCandidate['syntactic'] {
  if (parameter.type !== 'DefaultParameter') return { ok: false, reason: 'it has no default value to take a type from' };
  const value = parameter.value as PythonNode;
  if (value.type === 'None') return { ok: false, reason: 'its default is None, which does not tell the type of the other values' };
  const found = literalClass(value, names);
  if (found === null) return { ok: false, reason: 'its default is not a literal' };
  // `flag=False` later set to a string: the default's class is not the parameter's (`x += 1` keeps it).
  const bindings = names.scopes.scopeOf(fn)?.bindings.get(names.textOf(parameter.name as PythonNode)) ?? [];
  if (bindings.some((binding: PythonBinding): boolean => binding.kind !== 'parameter' && binding.node.parent?.type !== 'AugmentedAssignment')) {
    return { ok: false, reason: 'the function assigns it another value' };
  }
  return { ok: true, type: found };
}

function decoratorName(decorator: PythonNode, names: PythonNames): string {
  const expression = decoratorExpression(decorator);
  return expression === null ? '' : names.textOf(expression.type === 'Call' ? (expression.function as PythonNode) : expression);
}

function isOverload(fn: PythonNode, names: PythonNames): boolean {
  return decoratorsOf(fn).some((decorator: PythonNode): boolean => /(?:^|\.)overload$/.test(decoratorName(decorator, names)));
}

/**
 * The functions of a module with annotations `require-explicit-types` reports missing, each with the types
 * its syntax gives, or the reason it is left alone as a whole. `monitors`: the project's modules that are the
 * plugin's monitor (`shop.performance_monitor`), whose decorator leaves a function to be annotated.
 * @complexity O(nodes of the module).
 */
export function annotationCandidates(module: PythonNode, names: PythonNames, monitors: readonly string[] = []): FunctionCandidates[] {
  const found: FunctionCandidates[] = [];
  const overloaded = new Set<string>();
  // Overloads and their implementation share the block that holds them.
  const key = (fn: PythonNode): string => `${(fn.parent?.type === 'DecoratedDefinition' ? fn.parent.parent : fn.parent)?.range[0] ?? -1}:${names.definitionName(fn)}`;
  const visit = (node: PythonNode): void => {
    if (node.type === 'FunctionDefinition') {
      if (isOverload(node, names)) overloaded.add(key(node));
      found.push(candidatesOf(node, names, monitors));
    }
    for (const child of node.children) if (FUNCTION_CONTAINERS.has(child.type)) visit(child);
  };
  visit(module);
  return found
    .filter((entry: FunctionCandidates): boolean => entry.candidates.length > 0)
    .map((entry: FunctionCandidates): FunctionCandidates => {
      if (entry.leftAlone !== null || !overloaded.has(key(entry.fn))) return entry;
      return { ...entry, leftAlone: 'an overloaded function: its signatures are the author\'s to write' };
    });
}

function candidatesOf(fn: PythonNode, names: PythonNames, monitors: readonly string[]): FunctionCandidates {
  const name = names.definitionName(fn);
  const statement = fn.parent?.type === 'DecoratedDefinition' ? fn.parent : fn;
  const candidates = missingPythonAnnotations(fn, names).map((missing: MissingPythonAnnotation): AnnotationCandidate => {
    // Read on first use: a method without pyright, or a function left alone, never needs it (nor the scopes).
    let syntactic: AnnotationCandidate['syntactic'] | undefined;
    return {
      missing,
      where: `${missing.loc.start.line}:${missing.loc.start.column + 1} ${KIND_LABEL[missing.kind]} ${missing.name}`,
      get syntactic(): AnnotationCandidate['syntactic'] {
        syntactic ??= missing.kind === 'return' ? syntacticReturnType(fn, names) : parameterType(fn, missing.node, names);
        return syntactic;
      },
    };
  });
  const decorators = decoratorsOf(fn)
    .filter((decorator: PythonNode): boolean => !isPluginMonitorDecorator(decorator, names, monitors))
    .map((decorator: PythonNode): string => decoratorName(decorator, names));
  let leftAlone: string | null = null;
  if (isOverload(fn, names)) leftAlone = 'an @overload signature: its types are the author\'s to write';
  else {
    const other = decorators.find((decorator: string): boolean => !BINDING_DECORATORS.has(decorator));
    if (other !== undefined) leftAlone = `decorated with @${other}, which may read or replace its signature`;
  }
  return { fn, statement, name, isMethod: enclosingClass(fn) !== null, candidates, leftAlone };
}
