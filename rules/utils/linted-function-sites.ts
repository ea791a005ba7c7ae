import type { TSESTree } from '@typescript-eslint/utils';
import type { BlockComment } from '../../standards/performance-monitoring/file-analysis.js';
import { collectFunctionSites, type AstNode, type FileSites } from '../../standards/performance-monitoring/function-sites.js';

/**
 * `require-performance-monitor` and `require-performance-docs` read the same facts of a file, one rule right
 * after the other: its named functions (`collectFunctionSites`, a walk of the top level, or of every node in
 * nested mode) and its block comments. They are kept for the file being linted, keyed by its `Program` node,
 * so the second rule reuses what the first one built. ESLint does not change an AST while rules read it, and
 * every parse (a new file, or a re-lint after fixes) makes a new `Program`, so an entry never outlives the
 * tree it describes; the WeakMaps let a tree and its entries go together.
 */
const sitesByProgram = new WeakMap<TSESTree.Program, Map<boolean, FileSites>>();
const commentsByProgram = new WeakMap<TSESTree.Program, readonly BlockComment[]>();

/**
 * `collectFunctionSites(program, source, nested)`, computed once per linted tree and mode. `source` must be
 * the text `program` was parsed from (`sourceCode.text`).
 * @complexity O(top-level statements + class members), O(nodes) when nested, the first time for a tree and mode; O(1) after.
 */
export function lintedFunctionSites(program: TSESTree.Program, source: string, nested: boolean): FileSites {
  let byMode = sitesByProgram.get(program);
  if (byMode === undefined) {
    byMode = new Map();
    sitesByProgram.set(program, byMode);
  }
  let sites = byMode.get(nested);
  if (sites === undefined) {
    sites = collectFunctionSites(program as unknown as AstNode, source, nested);
    byMode.set(nested, sites);
  }
  return sites;
}

/**
 * The block comments of a linted tree (`sourceCode.getAllComments()` of the file `program` is the root of),
 * by offsets, in source order; computed once per tree.
 * @complexity O(comments) the first time for a tree; a WeakMap lookup after.
 */
export function lintedBlockComments(program: TSESTree.Program, comments: readonly TSESTree.Comment[]): readonly BlockComment[] {
  const known = commentsByProgram.get(program);
  if (known !== undefined) return known;
  const blocks: BlockComment[] = [];
  for (const comment of comments) if (comment.type === 'Block') blocks.push({ start: comment.range[0], end: comment.range[1], value: comment.value });
  commentsByProgram.set(program, blocks);
  return blocks;
}
