import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Small syntax queries the concurrency-and-timing standards share. They work on typescript-estree's AST as
 * ESLint hands it to rules and as `@typescript-eslint/parser` returns it to the codemods, so a rule and its
 * codemod judge the same code the same way.
 */

export type Node = TSESTree.Node;
export type ScopeManager = TSESLint.Scope.ScopeManager;
export type Reference = TSESLint.Scope.Reference;
export type Variable = TSESLint.Scope.Variable;

// Type positions hold no runtime references; skipping them also keeps walks short on typed code.
const SKIPPED_KEYS: ReadonlySet<string> = new Set(['parent', 'loc', 'range', 'tokens', 'comments', 'typeAnnotation', 'typeArguments', 'typeParameters', 'returnType', 'decorators']);

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Whether `node` starts a new function, whose `await`s and exits are its own.
 * @complexity O(1).
 */
export function isFunction(node: Node): node is TSESTree.FunctionLike {
  return FUNCTION_TYPES.has(node.type);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Calls `visit(node, parent)` for `root` and every runtime node below it, depth first in source order; a
 * visit returning `false` skips that node's children. Type annotations are not visited.
 * @complexity O(nodes under root).
 */
export function walk(root: Node, visit: (node: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (visit(root, parent) === false) return;
  for (const key in root) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value: unknown = (root as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit, root);
    } else if (isNode(value)) {
      walk(value, visit, root);
    }
  }
}

/**
 * Sets `parent` on every node below `root` (typescript-estree leaves it to ESLint's traversal).
 * @complexity O(nodes under root).
 */
export function linkParents(root: Node): void {
  walk(root, (node: Node, parent: Node | null): void => {
    if (parent !== null) (node as { parent: Node }).parent = parent;
  });
}

/**
 * Whether `inner` lies within `outer`'s source range (inclusive).
 * @complexity O(1).
 */
export function contains(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The called name of a call: `sleep` for `sleep(…)`, `timers.setTimeout` → `setTimeout` with its receiver
 * text kept apart. `null` for computed or other callees.
 * @complexity O(length of the callee chain).
 */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): { readonly name: string; readonly receiver: string | null } | null {
  const callee = call.callee;
  if (callee.type === 'Identifier') return { name: callee.name, receiver: null };
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    return { name: callee.property.name, receiver: expressionPath(callee.object) };
  }
  return null;
}

/**
 * Dotted text of a plain member chain (`this.db.pool` → `this.db.pool`), `null` for anything else.
 * @complexity O(length of the chain).
 */
export function expressionPath(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = expressionPath(node.object);
    return object === null ? null : `${object}.${node.property.name}`;
  }
  return null;
}

/**
 * Every reference whose identifier lies inside `within`, keyed by its identifier node.
 * @complexity O(references of the scopes that overlap `within`).
 */
export function referencesInside(scopeManager: ScopeManager, within: Node): Map<TSESTree.Identifier | TSESTree.JSXIdentifier, Reference> {
  const found = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, Reference>();
  const [start, end] = within.range;
  for (const scope of scopeManager.scopes) {
    const [blockStart, blockEnd] = scope.block.range;
    if (blockEnd < start || blockStart > end) continue;
    for (const reference of scope.references) {
      const [from, to] = reference.identifier.range;
      if (from >= start && to <= end) found.set(reference.identifier, reference);
    }
  }
  return found;
}

/**
 * Strips wrappers that do not change a value at runtime: `x as T`, `x!`, `<T>x`, `x satisfies T`, `(x)`.
 * @complexity O(depth of wrappers).
 */
export function unwrapExpression(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'TSSatisfiesExpression'
  ) {
    current = current.expression;
  }
  return current;
}
