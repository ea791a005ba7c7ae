import type { DirectiveType, FileProblem, RulesConfig, SourceLocation, TraversalStep } from '@eslint/core';
import { ConfigCommentParser, Directive, TextSourceCodeBase } from '@eslint/plugin-kit';
import { pythonNodeTypes, type PythonComment, type PythonModule, type PythonNode } from '../../standards/shared/python-ast.js';
import { pythonScopes, type PythonNameResolution, type PythonScope } from '../../standards/shared/python-scope.js';

const commentParser = new ConfigCommentParser();

// `# eslint-disable-next-line rule`, `# eslint rule: off`, ...: the comments ESLint reads as directives.
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

type PythonSyntaxElement = PythonNode | PythonComment;

/**
 * The `sourceCode` of a Python file (`context.sourceCode` in a rule): the text, its lines (Python's
 * universal newlines), the AST (`ast`, a `Module`; contract in standards/shared/python-ast.ts), the
 * comments, and the scope view (`getScope`, `resolveName`, standards/shared/python-scope.ts). Comments
 * starting with `eslint-disable`, `eslint-disable-line`, `eslint-disable-next-line`, `eslint-enable` or
 * `eslint` are directives and inline configuration, as `//` and `/* *\/` comments are in JavaScript.
 * @performance construction O(1) besides the line index (O(text length), plugin-kit's); scopes are analysed
 * only when a rule asks for them.
 */
export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, never>;
  RootNode: PythonModule;
  SyntaxElementWithLoc: PythonSyntaxElement;
  ConfigNode: PythonComment;
}> {
  override readonly ast: PythonModule;
  readonly comments: readonly PythonComment[];
  readonly visitorKeys: Record<string, string[]>;
  #inlineConfigComments: PythonComment[] | undefined;

  constructor({ text, ast, comments }: { text: string; ast: PythonModule; comments: readonly PythonComment[] }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = comments;
    this.visitorKeys = pythonNodeTypes().visitorKeys as Record<string, string[]>;
  }

  /** The node's parent (undefined for the root and for comments). @complexity O(1). */
  override getParent(node: PythonSyntaxElement): PythonNode | undefined {
    return 'parent' in node ? (node.parent ?? undefined) : undefined;
  }

  /** The comments that are ESLint directives or inline configuration. @complexity O(comments), once per file. */
  getInlineConfigNodes(): PythonComment[] {
    this.#inlineConfigComments ??= this.comments.filter((comment: PythonComment): boolean => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  /** `# eslint-disable…` / `# eslint-enable` comments as ESLint directives. @complexity O(directive comments). */
  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const { label, value, justification } = commentParser.parseDirective(comment.value) ?? { label: '', value: '', justification: '' };
      if (label === 'eslint-disable' || label === 'eslint-enable' || label === 'eslint-disable-next-line' || label === 'eslint-disable-line') {
        directives.push(new Directive({ type: label.slice('eslint-'.length) as DirectiveType, node: comment, value, justification }));
      }
    }
    // A `#` comment is one line, so no directive can span lines.
    return { problems: [], directives };
  }

  /**
   * `# eslint rule-id: "off"` comments as rule configuration; a malformed one is a problem at the comment.
   * @complexity O(directive comments' length).
   */
  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== 'eslint') continue;
      const parsed = commentParser.parseJSONLikeConfig(directive.value);
      if (parsed.ok) configs.push({ config: { rules: parsed.config as RulesConfig }, loc: comment.loc });
      else problems.push({ ruleId: null, message: parsed.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  /**
   * The scope of `node`, as ESLint's `getScope` on JavaScript: the scope a `Module`, `FunctionDefinition`,
   * `Lambda`, `ClassDefinition` or comprehension creates, else the innermost scope in which names written at
   * `node` are looked up (standards/shared/python-scope.ts).
   * @performance the first call on a file analyses its scopes (one pass over the tree); then O(depth).
   */
  getScope(node: PythonNode): PythonScope {
    const scopes = pythonScopes(this.ast, this.text);
    return scopes.scopeOf(node) ?? scopes.scopeAt(node);
  }

  /**
   * What `name` means at `node` (by default: the name of `node`, an `Identifier`): an import (with its
   * module and imported name), a parameter, a local, a module-level global, a builtin, or unknown.
   * @performance as getScope, plus O(enclosing scopes).
   */
  resolveName(node: PythonNode, name?: string): PythonNameResolution {
    return pythonScopes(this.ast, this.text).resolve(node, name ?? this.text.slice(node.range[0], node.range[1]));
  }

  /**
   * Enter and exit steps for every node, in source order, made as ESLint consumes them: each step is garbage
   * as soon as ESLint has applied it, so a lint keeps no second copy of the tree alive (listeners get
   * `(node, parent)`, as in JavaScript).
   * @complexity O(nodes) over the whole iteration, O(depth) memory.
   */
  override *traverse(): Iterable<TraversalStep> {
    yield { kind: 1, target: this.ast, phase: 1, args: [this.ast, null] };
    // Iterative (a node and the index of its next child per level): deeply nested expressions, such as
    // long `+` chains in generated code, must not exhaust the call stack.
    const nodes: PythonNode[] = [this.ast];
    const next: number[] = [0];
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const node = nodes[top] as PythonNode;
      const index = next[top] as number;
      const child = node.children[index];
      if (child === undefined) {
        yield { kind: 1, target: node, phase: 2, args: [node, node.parent] };
        nodes.pop();
        next.pop();
      } else {
        next[top] = index + 1;
        yield { kind: 1, target: child, phase: 1, args: [child, node] };
        nodes.push(child);
        next.push(0);
      }
    }
  }
}
