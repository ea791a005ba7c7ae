import type { PythonNode } from '../shared/python-ast.js';
import { decoratorExpression, decoratorsOf, enclosingClass, type PythonNames } from '../shared/python-names.js';

/**
 * The explicit-types standard on Python ("Type Hints - MANDATORY"): every parameter and every return of a
 * `def` / `async def` is annotated. Exempt: a method's first parameter (`self`, `cls`: Python binds it),
 * except in a `@staticmethod`; the return of `__init__` (always `None`); a function typed by a PEP 484
 * signature type comment (`# type: (int, str) -> bool` after its `:`), which type checkers read as its
 * annotations (adding one as well is mypy's "Function has duplicate type signatures"). Lambdas cannot carry
 * annotations.
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

// Parameter node types that carry no annotation, and those that do; the separators `*` and `/` are not parameters.
const UNANNOTATED_PARAMETERS: ReadonlySet<string> = new Set(['Identifier', 'DefaultParameter', 'ListSplatPattern', 'DictionarySplatPattern', 'TuplePattern']);
const ANNOTATED_PARAMETERS: ReadonlySet<string> = new Set(['TypedParameter', 'TypedDefaultParameter']);

function isStaticMethod(fn: PythonNode, names: PythonNames): boolean {
  return decoratorsOf(fn).some((decorator: PythonNode): boolean => {
    const expression = decoratorExpression(decorator);
    return expression?.type === 'Identifier' && names.textOf(expression) === 'staticmethod';
  });
}

// PEP 484: `# type: (arguments) -> return` right after the `:` of the `def` line, on that line or alone on
// the line(s) before the first statement of the body. Only comments can stand between the two.
const SIGNATURE_TYPE_COMMENT = /#\s*type:\s*\(.*\)\s*->/u;

function hasSignatureTypeComment(fn: PythonNode, names: PythonNames): boolean {
  const parameters = fn.parameters as PythonNode | null | undefined;
  const body = fn.body as PythonNode | null | undefined;
  if (parameters == null || body == null) return false;
  return SIGNATURE_TYPE_COMMENT.test(names.text.slice(parameters.range[1], body.range[0]));
}

function parameterName(parameter: PythonNode, names: PythonNames): string {
  // An annotated parameter is named by what precedes its `:` (`x`, `*args`), as an unannotated one is.
  const name = parameter.type === 'DefaultParameter' || parameter.type === 'TypedDefaultParameter' ? (parameter.name as PythonNode) : parameter.type === 'TypedParameter' ? (parameter.children[0] ?? parameter) : parameter;
  return `"${names.textOf(name)}"`;
}

/** One place the standard wants an annotation: a parameter, or the return. */
export interface PythonAnnotationSlot extends MissingPythonAnnotation {
  /** Annotated, or typed by the function's signature type comment. */
  readonly annotated: boolean;
}

/**
 * Every place one function needs an annotation under the standard (parameters in order, then the return),
 * each marked annotated or not: the unit of the type coverage gate's Python count, whose missing ones are
 * what `require-explicit-types` reports. A signature type comment annotates them all.
 * @complexity O(parameters + characters between the parameters and the body).
 */
export function pythonAnnotationSlots(fn: PythonNode, names: PythonNames): PythonAnnotationSlot[] {
  const slots: PythonAnnotationSlot[] = [];
  const typedByComment = fn.returnType == null && hasSignatureTypeComment(fn, names);
  const name = names.definitionName(fn);
  const functionName = `"${name}"`;
  const isMethod = enclosingClass(fn) !== null;
  const parameters = fn.parameters?.children ?? [];
  const bound = isMethod && !isStaticMethod(fn, names) ? parameters[0] : undefined;
  for (const parameter of parameters) {
    if (parameter === bound) continue;
    const annotated = ANNOTATED_PARAMETERS.has(parameter.type);
    if (!annotated && !UNANNOTATED_PARAMETERS.has(parameter.type)) continue;
    slots.push({ kind: 'parameter', node: parameter, loc: parameter.loc, name: parameterName(parameter, names), functionName, annotated: annotated || typedByComment });
  }
  if (!(isMethod && name === '__init__') && fn.parameters) {
    const annotated = fn.returnType != null || typedByComment;
    slots.push({ kind: 'return', node: fn, loc: { start: fn.loc.start, end: fn.parameters.loc.end }, name: functionName, functionName, annotated });
  }
  return slots;
}

/**
 * The annotations one function lacks, parameters in order and then the return; none when a signature type
 * comment types it.
 * @complexity O(parameters + characters between the parameters and the body).
 */
export function missingPythonAnnotations(fn: PythonNode, names: PythonNames): MissingPythonAnnotation[] {
  return pythonAnnotationSlots(fn, names)
    .filter((slot: PythonAnnotationSlot): boolean => !slot.annotated)
    .map(({ kind, node, loc, name, functionName }: PythonAnnotationSlot): MissingPythonAnnotation => ({ kind, node, loc, name, functionName }));
}
