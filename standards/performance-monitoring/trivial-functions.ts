import type { AstNode, FunctionSite } from './function-sites.js';

/**
 * Critical functions with no work of their own to time, which `require-performance-monitor` does not ask to
 * measure and `wrap-performance-monitor` leaves alone (saying why):
 *
 * - an empty body;
 * - a body that only checks: `if (…) throw …`, `throw …`, `assert(…)` / `assert.x(…)` / `invariant(…)` /
 *   `console.assert(…)` calls (an assertion helper, a `fail(): never`);
 * - a factory: a body that only builds and returns the function that does the work (hono's `cors(options)`
 *   returning `async function cors(c, next)`, `compose(middleware)` returning `(context, next) => …`),
 *   i.e. an expression body that is a function, or declarations, assignments and checks followed by
 *   `return <function>`, with no `await` of its own. Timing it would time the building, once per
 *   configuration, and never the work; the function it returns is what a caller measures
 *   (`monitored('cors', cors(options))`) or tags.
 */

const FUNCTION_EXPRESSIONS: ReadonlySet<string> = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression']);
const NESTED_SCOPES: ReadonlySet<string> = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassDeclaration',
  'ClassExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
// Statements a factory may build with besides checks: they declare, they do not run the work.
const BUILDING: ReadonlySet<string> = new Set([
  'VariableDeclaration',
  'FunctionDeclaration',
  'ClassDeclaration',
  'TSTypeAliasDeclaration',
  'TSInterfaceDeclaration',
  'TSEnumDeclaration',
  'EmptyStatement',
]);
const ASSERTION_CALLEES: ReadonlySet<string> = new Set(['assert', 'invariant']);
const SKIPPED_KEYS: ReadonlySet<string> = new Set(['parent', 'loc', 'range', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'tokens', 'extra', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

const child = (node: AstNode, key: string): AstNode | null => {
  const value = node[key];
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as AstNode) : null;
};
const children = (node: AstNode, key: string): readonly AstNode[] => {
  const value = node[key];
  return Array.isArray(value) ? (value as (AstNode | null)[]).filter((entry: AstNode | null): entry is AstNode => entry !== null) : [];
};

/** Strips what does not change which value an expression is: `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x`. */
function unwrapExpression(node: AstNode | null): AstNode | null {
  let current = node;
  while (current !== null && /^(?:ParenthesizedExpression|TSAsExpression|TSSatisfiesExpression|TSNonNullExpression|TSTypeAssertion)$/u.test(current.type)) {
    current = child(current, 'expression');
  }
  return current;
}

const isFunctionValue = (node: AstNode | null): boolean => {
  const value = unwrapExpression(node);
  return value !== null && FUNCTION_EXPRESSIONS.has(value.type);
};

function isAssertionCall(expression: AstNode | null): boolean {
  const call = unwrapExpression(expression);
  if (call === null || call.type !== 'CallExpression') return false;
  let callee = child(call, 'callee');
  // `assert.equal(…)`, `console.assert(…)`: the object (or, for `console`, the property) names the assertion.
  if (callee !== null && callee.type === 'MemberExpression' && callee['computed'] !== true) {
    const object = child(callee, 'object');
    const property = child(callee, 'property');
    if (object?.type === 'Identifier' && object['name'] === 'console') return property?.['name'] === 'assert';
    callee = object;
  }
  return callee !== null && callee.type === 'Identifier' && ASSERTION_CALLEES.has(callee['name'] as string);
}

/** `throw …`, `if (…) <check>` (else-branch a check too), `{ <checks> }`, or an assertion call. */
function isCheck(statement: AstNode): boolean {
  switch (statement.type) {
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return children(statement, 'body').every(isCheck);
    case 'IfStatement': {
      const consequent = child(statement, 'consequent');
      const alternate = child(statement, 'alternate');
      return consequent !== null && isCheck(consequent) && (alternate === null || isCheck(alternate));
    }
    case 'ExpressionStatement':
      return isAssertionCall(child(statement, 'expression'));
    default:
      return false;
  }
}

/** Whether `node` awaits (or yields) outside any nested function: then the body does asynchronous work itself. */
function awaitsItself(node: AstNode): boolean {
  if (node.type === 'AwaitExpression' || node.type === 'YieldExpression' || (node.type === 'ForOfStatement' && node['await'] === true)) return true;
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = node[key];
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (typeof entry !== 'object' || entry === null || typeof (entry as { type?: unknown }).type !== 'string') continue;
      const nested = entry as AstNode;
      if (!NESTED_SCOPES.has(nested.type) && awaitsItself(nested)) return true;
    }
  }
  return false;
}

function isBuilding(statement: AstNode): boolean {
  if (isCheck(statement)) return true;
  if (BUILDING.has(statement.type)) return true;
  return statement.type === 'ExpressionStatement' && unwrapExpression(child(statement, 'expression'))?.type === 'AssignmentExpression';
}

/** A statement that is a directive (`'use strict'`), read alike in both ASTs. */
const isDirective = (statement: AstNode): boolean => typeof statement['directive'] === 'string';

/**
 * Why a function has no work of its own worth timing (see the module comment), or null when it has.
 * @complexity O(size of the body) for a factory candidate; O(top-level statements) otherwise.
 */
export function untimedReason(site: FunctionSite): string | null {
  const body = child(site.fn, 'body');
  if (body === null) return null;
  if (body.type !== 'BlockStatement') {
    return isFunctionValue(body) ? 'it only returns the function that does the work; measure that function where it is used' : null;
  }
  const statements = children(body, 'body').filter((statement: AstNode): boolean => !isDirective(statement));
  if (statements.length === 0) return 'its body is empty: there is no work to time';
  if (statements.every(isCheck)) return 'it only checks and throws (`if (…) throw`, `throw`, `assert(…)`): there is no work to time';
  const last = statements[statements.length - 1];
  if (last === undefined || last.type !== 'ReturnStatement' || !isFunctionValue(child(last, 'argument'))) return null;
  const building = statements.slice(0, -1);
  if (!building.every(isBuilding) || building.some(awaitsItself)) return null;
  return 'it only builds and returns the function that does the work (a factory); measure that function where it is used';
}

