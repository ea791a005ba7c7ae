import type { PythonNode } from '../shared/python-ast.js';
import { decoratorExpression, decoratorsOf, enclosingClass, type PythonNames } from '../shared/python-names.js';

/**
 * The explicit-types standard on Python ("Type Hints - MANDATORY"): every parameter and every return of a
 * `def` / `async def` is annotated. Exempt: a method's first parameter (`self`, `cls`: Python binds it),
 * except in a `@staticmethod`; the return of `__init__` (always `None`). Lambdas cannot carry annotations.
 */

export interface MissingPythonAnnotation {
  readonly kind: 'parameter' | 'return';
  /** What to report: the parameter, or the function's head from `def` (or `async`) to its `)`. */
  readonly node: PythonNode;
  readonly loc: PythonNode['loc'];
  /** The parameter as written (`"x"`, `"*args"`, `"**kwargs"`) or the function's name, quoted. */
  readonly name: string;
  /** The function's name, quoted. */
  readonly functionName: string;
}

// Parameter node types that carry no annotation; `TypedParameter` / `TypedDefaultParameter` do, and the
// separators `*` and `/` are not parameters.
const UNANNOTATED_PARAMETERS: ReadonlySet<string> = new Set(['Identifier', 'DefaultParameter', 'ListSplatPattern', 'DictionarySplatPattern', 'TuplePattern']);

function isStaticMethod(fn: PythonNode, names: PythonNames): boolean {
  return decoratorsOf(fn).some((decorator: PythonNode): boolean => {
    const expression = decoratorExpression(decorator);
    return expression?.type === 'Identifier' && names.textOf(expression) === 'staticmethod';
  });
}

function parameterName(parameter: PythonNode, names: PythonNames): string {
  const name = parameter.type === 'DefaultParameter' ? (parameter.name as PythonNode) : parameter;
  return `"${names.textOf(name)}"`;
}

/**
 * The annotations one function lacks, parameters in order and then the return.
 * @complexity O(parameters).
 */
export function missingPythonAnnotations(fn: PythonNode, names: PythonNames): MissingPythonAnnotation[] {
  const missing: MissingPythonAnnotation[] = [];
  const name = names.definitionName(fn);
  const functionName = `"${name}"`;
  const isMethod = enclosingClass(fn) !== null;
  const parameters = fn.parameters?.children ?? [];
  const bound = isMethod && !isStaticMethod(fn, names) ? parameters[0] : undefined;
  for (const parameter of parameters) {
    if (parameter === bound || !UNANNOTATED_PARAMETERS.has(parameter.type)) continue;
    missing.push({ kind: 'parameter', node: parameter, loc: parameter.loc, name: parameterName(parameter, names), functionName });
  }
  if (fn.returnType == null && !(isMethod && name === '__init__') && fn.parameters) {
    missing.push({ kind: 'return', node: fn, loc: { start: fn.loc.start, end: fn.parameters.loc.end }, name: functionName, functionName });
  }
  return missing;
}
