import type { DirectiveType, FileProblem, RulesConfig, SourceLocation } from '@eslint/core';
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
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
  #steps: VisitNodeStep[] | undefined;
  #inlineConfigComments: PythonComment[] | undefined;

  constructor({ text, ast, comments }: { text: string; ast: PythonModule; comments: readonly PythonComment[] }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = comments;
    this.visitorKeys = pythonNodeTypes().visitorKeys as Record<string, string[]>;
  }

  override getParent(node: PythonSyntaxElement): PythonNode | undefined {
    return 'parent' in node ? (node.parent ?? undefined) : undefined;
  }

  /** The comments that are ESLint directives or inline configuration. */
  getInlineConfigNodes(): PythonComment[] {
    this.#inlineConfigComments ??= this.comments.filter((comment: PythonComment): boolean => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  /** `# eslint-disable…` / `# eslint-enable` comments as ESLint directives. */
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

  /** `# eslint rule-id: "off"` comments as rule configuration; a malformed one is a problem at the comment. */
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
   * The innermost scope whose names are visible at `node` (see standards/shared/python-scope.ts).
   * @performance the first call on a file analyses its scopes (one pass over the tree); then O(depth).
   */
  getScope(node: PythonNode): PythonScope {
    return pythonScopes(this.ast, this.text).scopeAt(node);
  }

  /**
   * What `name` means at `node` (by default: the name of `node`, an `Identifier`): an import (with its
   * module and imported name), a parameter, a local, a module-level global, a builtin, or unknown.
   * @performance as getScope, plus O(enclosing scopes).
   */
  resolveName(node: PythonNode, name?: string): PythonNameResolution {
    return pythonScopes(this.ast, this.text).resolve(node, name ?? this.text.slice(node.range[0], node.range[1]));
  }

  /** Enter and exit steps for every node, in source order; computed once (the tree never changes). */
  override traverse(): Iterable<VisitNodeStep> {
    if (this.#steps !== undefined) return this.#steps;
    const steps: VisitNodeStep[] = [];
    // Iterative: deeply nested expressions (long `+` chains in generated code) must not exhaust the stack.
    const stack: { node: PythonNode; exiting: boolean }[] = [{ node: this.ast, exiting: false }];
    while (stack.length > 0) {
      const { node, exiting } = stack.pop() as { node: PythonNode; exiting: boolean };
      steps.push(new VisitNodeStep({ target: node, phase: exiting ? 2 : 1, args: [node, node.parent] }));
      if (exiting) continue;
      stack.push({ node, exiting: true });
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push({ node: node.children[index] as PythonNode, exiting: false });
    }
    this.#steps = steps;
    return steps;
  }
}
