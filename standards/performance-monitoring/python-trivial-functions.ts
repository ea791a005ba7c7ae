import type { PythonNode } from '../shared/python-ast.js';
import { docstringOf } from '../shared/python-names.js';

/**
 * Critical Python functions with no work of their own to time, which `require-performance-monitor` does not
 * ask to decorate and `wrap-performance-monitor` leaves alone (saying why), as trivial-functions.ts says for
 * TypeScript:
 *
 * - an empty body: only a docstring, `pass` or `...` (a stub, a protocol or abstract method);
 * - a body that only checks: `raise`, `assert`, `if …: <checks>` (its `elif` / `else` checks too);
 * - a factory: a body that only builds and returns the function that does the work (a decorator factory
 *   returning its `decorator`, `make_handler(config)` returning `handle`): `def`s, `class`es, assignments
 *   and checks, then `return <lambda>` or `return <a def of the body>`, with no `await` or `yield` of its
 *   own. Timing it would time the building and never the work.
 */

const SCOPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'ClassDefinition', 'Lambda', 'DecoratedDefinition']);

// Worded as trivial-functions.ts words them for TypeScript.
const EMPTY_BODY = 'its body is empty: there is no work to time';
const FACTORY = 'it only builds and returns the function that does the work (a factory); measure that function where it is used';
const CHECKS_ONLY = 'it only checks and raises (`if …: raise`, `raise`, `assert`): there is no work to time';

const isEmptyStatement = (statement: PythonNode): boolean =>
  statement.type === 'PassStatement' || (statement.type === 'ExpressionStatement' && statement.children.length === 1 && statement.children[0]?.type === 'Ellipsis');

function isCheck(statement: PythonNode): boolean {
  switch (statement.type) {
    case 'RaiseStatement':
    case 'AssertStatement':
      return true;
    case 'Block':
      return statement.children.every(isCheck);
    case 'IfStatement':
      return [statement.consequence, ...((statement.alternative as readonly PythonNode[] | undefined) ?? [])].every(
        (branch: PythonNode | null | undefined): boolean => branch !== null && branch !== undefined && isCheck(branch),
      );
    case 'ElifClause':
      return statement.consequence !== null && statement.consequence !== undefined && isCheck(statement.consequence);
    case 'ElseClause':
      return statement.body !== null && statement.body !== undefined && isCheck(statement.body);
    default:
      return false;
  }
}

// Whether the statement awaits or yields outside any nested function: then the body does work itself.
function worksItself(node: PythonNode): boolean {
  if (SCOPES.has(node.type)) return false;
  if (node.type === 'Await' || node.type === 'Yield' || node.async === true) return true;
  return node.children.some(worksItself);
}

const definedName = (statement: PythonNode, textOf: (node: PythonNode) => string): string | null => {
  const definition = statement.type === 'DecoratedDefinition' ? statement.definition : statement;
  return definition?.type === 'FunctionDefinition' && definition.name ? textOf(definition.name as PythonNode) : null;
};

function isBuilding(statement: PythonNode): boolean {
  if (isCheck(statement) || isEmptyStatement(statement)) return true;
  if (statement.type === 'FunctionDefinition' || statement.type === 'ClassDefinition' || statement.type === 'DecoratedDefinition') return true;
  return statement.type === 'ExpressionStatement' && (statement.children[0]?.type === 'Assignment' || statement.children[0]?.type === 'AugmentedAssignment');
}

/**
 * Why a Python function has no work of its own worth timing (see the module's docstring), or null when it
 * has. `textOf` gives a node's source text.
 * @complexity O(size of the body) for a factory candidate; O(top-level statements) otherwise.
 */
export function pythonUntimedReason(fn: PythonNode, textOf: (node: PythonNode) => string): string | null {
  const docstring = docstringOf(fn);
  const statements = (fn.body?.children ?? []).filter((statement: PythonNode): boolean => docstring === null || statement !== docstring.parent);
  if (statements.every(isEmptyStatement)) return EMPTY_BODY;
  if (statements.every((statement: PythonNode): boolean => isCheck(statement) || isEmptyStatement(statement))) return CHECKS_ONLY;
  const last = statements[statements.length - 1];
  const returned = last?.type === 'ReturnStatement' ? last.children[0] : undefined;
  if (returned === undefined) return null;
  const building = statements.slice(0, -1);
  const returnsBuilt =
    returned.type === 'Lambda' ||
    (returned.type === 'Identifier' && building.some((statement: PythonNode): boolean => definedName(statement, textOf) === textOf(returned)));
  if (!returnsBuilt || !building.every(isBuilding) || building.some(worksItself)) return null;
  return FACTORY;
}
