import type { TSESTree } from '@typescript-eslint/utils';

// Keys whose values are not child nodes, or are back-references a walk must not follow.
const NOT_CHILDREN: ReadonlySet<string> = new Set(['parent', 'range', 'loc', 'tokens', 'comments']);

/**
 * Whether a property value of an ESTree node is itself a node.
 * @complexity O(1).
 */
export function isEstreeNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Sets `parent` on `root` and every node below it, as ESLint does before rules run (the parser alone does
 * not), and calls `after(node)` once a node's children are done: depth first, in source order.
 * @complexity O(nodes under root).
 */
export function walkWithParents(root: TSESTree.Node, after?: (node: TSESTree.Node) => void): void {
  const visit = (node: TSESTree.Node, parent: TSESTree.Node | undefined): void => {
    (node as { parent?: TSESTree.Node }).parent = parent;
    for (const key in node) {
      if (NOT_CHILDREN.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isEstreeNode(item)) visit(item, node);
      } else if (isEstreeNode(value)) visit(value, node);
    }
    after?.(node);
  };
  visit(root, undefined);
}
