import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { ExplicitTypesOptions } from './options.js';

/**
 * Which declarations lack the annotation the explicit-types standard asks for. Works on the ESTree that both
 * ESLint (the rule) and `@typescript-eslint/parser` (the codemod) produce, so the rule and the codemod agree on
 * every case. Nodes must carry `parent` (ESLint sets it; the codemod sets it after parsing).
 */

/** Files whose syntax allows type annotations (not `.js`/`.jsx`, which the recommended config also lints). */
export const ANNOTATABLE_FILE: RegExp = /\.(?:ts|tsx|mts|cts)$/;

export type MissingAnnotationKind = 'parameter' | 'return' | 'property';

export type FunctionLikeNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.TSDeclareFunction
  | TSESTree.TSEmptyBodyFunctionExpression;

export type ParameterTarget =
  | TSESTree.Identifier
  | TSESTree.ObjectPattern
  | TSESTree.ArrayPattern
  | TSESTree.RestElement;

export type PropertyTarget = TSESTree.PropertyDefinition | TSESTree.TSAbstractPropertyDefinition | TSESTree.AccessorProperty;

interface MissingBase {
  /** How to name it in a message, quotes included: `"parse"`, or `the anonymous function`. */
  readonly name: string;
  /** Source range to report. */
  readonly report: readonly [number, number];
  /** Offset where `: Type` goes. */
  readonly insertAt: number;
  /** A single unparenthesised arrow parameter (`x => …`): its range, which must be wrapped in `( )` first. */
  readonly parenthesize?: readonly [number, number];
}

export interface MissingParameterType extends MissingBase {
  readonly kind: 'parameter';
  readonly node: ParameterTarget;
  /** The function, named as in `name`. */
  readonly functionName: string;
  readonly optional: boolean;
}

export interface MissingReturnType extends MissingBase {
  readonly kind: 'return';
  readonly node: FunctionLikeNode;
}

export interface MissingPropertyType extends MissingBase {
  readonly kind: 'property';
  readonly node: PropertyTarget;
  readonly optional: boolean;
}

export type MissingAnnotation = MissingParameterType | MissingReturnType | MissingPropertyType;

/** One text insertion; `rank` orders insertions at the same offset (`(` … `: P` … `)` … `: R`). */
export interface Insertion {
  readonly at: number;
  readonly rank: number;
  readonly text: string;
}

/**
 * The insertions that give `missing`, sorted by offset then rank the annotation `typeText` (without the colon).
 * @complexity O(1)
 */
export function annotationInsertions(missing: MissingAnnotation, typeText: string): readonly Insertion[] {
  const annotation: Insertion = { at: missing.insertAt, rank: missing.kind === 'return' ? 3 : 1, text: `: ${typeText}` };
  if (missing.parenthesize === undefined) return [annotation];
  const close: Insertion = { at: missing.parenthesize[1], rank: 2, text: ')' };
  const open: Insertion = { at: missing.parenthesize[0], rank: 0, text: '(' };
  return missing.kind === 'return' ? [open, close, annotation] : [open, annotation, close];
}

/**
 * Applies insertions to `text`; identical insertions (the shared `(`/`)` of an arrow parameter) count once.
 * @complexity O(n log n + text length) for n insertions
 */
export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  const unique = new Map<string, Insertion>();
  for (const insertion of insertions) unique.set(`${insertion.at}\u0000${insertion.rank}\u0000${insertion.text}`, insertion);
  const sorted = [...unique.values()].sort((a, b) => a.at - b.at || a.rank - b.rank);
  let result = '';
  let cursor = 0;
  for (const insertion of sorted) {
    result += text.slice(cursor, insertion.at) + insertion.text;
    cursor = insertion.at;
  }
  return result + text.slice(cursor);
}

const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionDeclaration,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.TSDeclareFunction,
  AST_NODE_TYPES.TSEmptyBodyFunctionExpression,
]);

const PROPERTY_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.TSAbstractPropertyDefinition,
  AST_NODE_TYPES.AccessorProperty,
]);

function isFunctionLike(node: TSESTree.Node | null | undefined): node is FunctionLikeNode {
  return node != null && FUNCTION_TYPES.has(node.type);
}

const SKIPPED_KEYS: ReadonlySet<string> = new Set(['parent', 'range', 'loc', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);

/** Children of an ESTree node, in source order; types and decorators hold no functions worth checking. */
function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node) => void): void {
  for (const key in node) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Every declaration in `program` that needs an annotation under `options`, in source order.
 * `text` is the file's source; `tokens` its token list (`program.tokens`).
 * @complexity O(nodes) with `scope: "all"`; with `scope: "exported"` only exported declarations and what they
 * expose are visited.
 */
export function findMissingAnnotations(
  program: TSESTree.Program,
  text: string,
  tokens: readonly TSESTree.Token[],
  options: ExplicitTypesOptions,
): readonly MissingAnnotation[] {
  const finder = new Finder(program, text, tokens, options);
  if (options.scope === 'all') finder.checkEverything(program);
  else finder.checkExports(program);
  return finder.found.sort((a, b) => a.report[0] - b.report[0] || a.insertAt - b.insertAt);
}

class Finder {
  readonly found: MissingAnnotation[] = [];
  private readonly visited = new Set<TSESTree.Node>();
  private moduleDeclarations: Map<string, TSESTree.Node[]> | undefined;

  constructor(
    private readonly program: TSESTree.Program,
    private readonly text: string,
    private readonly tokens: readonly TSESTree.Token[],
    private readonly options: ExplicitTypesOptions,
  ) {}

  checkEverything(root: TSESTree.Node): void {
    const walk = (node: TSESTree.Node): void => {
      if (isFunctionLike(node)) this.checkFunction(node);
      else if (PROPERTY_TYPES.has(node.type)) this.checkProperty(node as PropertyTarget);
      forEachChild(node, walk);
    };
    walk(root);
  }

  checkExports(program: TSESTree.Program): void {
    for (const statement of program.body) {
      switch (statement.type) {
        case AST_NODE_TYPES.ExportDefaultDeclaration:
          this.checkNode(statement.declaration);
          break;
        case AST_NODE_TYPES.ExportNamedDeclaration:
          if (statement.source !== null) break;
          if (statement.declaration) this.checkNode(statement.declaration);
          else for (const specifier of statement.specifiers) if (specifier.local.type === AST_NODE_TYPES.Identifier) this.checkNode(specifier.local);
          break;
        case AST_NODE_TYPES.TSExportAssignment:
          this.checkNode(statement.expression);
          break;
        default:
      }
    }
  }

  /** Follows what an export exposes, as explicit-module-boundary-types does. */
  private checkNode(node: TSESTree.Node | null | undefined): void {
    if (node == null || this.visited.has(node)) return;
    this.visited.add(node);
    switch (node.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.TSDeclareFunction:
      case AST_NODE_TYPES.TSEmptyBodyFunctionExpression:
        this.checkFunction(node);
        for (const returned of returnedFunctions(node)) this.checkNode(returned);
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of node.elements) this.checkNode(element);
        return;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.TSAbstractPropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty:
      case AST_NODE_TYPES.MethodDefinition:
      case AST_NODE_TYPES.TSAbstractMethodDefinition:
        if (node.accessibility === 'private' || node.key.type === AST_NODE_TYPES.PrivateIdentifier) return;
        if (node.type !== AST_NODE_TYPES.MethodDefinition && node.type !== AST_NODE_TYPES.TSAbstractMethodDefinition) {
          this.checkProperty(node);
        }
        this.checkNode(node.value);
        return;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        for (const element of node.body.body) this.checkNode(element);
        return;
      case AST_NODE_TYPES.Identifier:
        for (const declaration of this.declarationsNamed(node.name)) this.checkNode(declaration);
        return;
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of node.properties) this.checkNode(property);
        return;
      case AST_NODE_TYPES.Property:
        this.checkNode(node.value);
        return;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of node.declarations) this.checkNode(declarator);
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        this.checkNode(node.init);
        return;
      default:
    }
  }

  private declarationsNamed(name: string): readonly TSESTree.Node[] {
    if (this.moduleDeclarations === undefined) {
      const map = new Map<string, TSESTree.Node[]>();
      const add = (id: string, node: TSESTree.Node): void => {
        const list = map.get(id);
        if (list) list.push(node);
        else map.set(id, [node]);
      };
      for (const raw of this.program.body) {
        const statement =
          raw.type === AST_NODE_TYPES.ExportNamedDeclaration && raw.declaration ? raw.declaration : raw;
        if (
          (statement.type === AST_NODE_TYPES.FunctionDeclaration ||
            statement.type === AST_NODE_TYPES.TSDeclareFunction ||
            statement.type === AST_NODE_TYPES.ClassDeclaration) &&
          statement.id
        ) {
          add(statement.id.name, statement);
        } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of statement.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier) add(declarator.id.name, declarator);
          }
        }
      }
      this.moduleDeclarations = map;
    }
    return this.moduleDeclarations.get(name) ?? [];
  }

  private checkFunction(node: FunctionLikeNode): void {
    const holder = nameHolder(node);
    if (this.isAllowedName(holder)) return;
    const isExpression =
      node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
    if (isExpression && this.options.allowTypedFunctionExpressions && isTypedFunctionExpression(node)) return;
    if (ancestorHasReturnType(node)) return;
    const name = functionName(node, this.text);
    if (this.needsReturnType(node, isExpression)) this.reportReturn(node, name);
    for (const param of node.params) this.checkParameter(node, param, name);
  }

  private needsReturnType(node: FunctionLikeNode, isExpression: boolean): boolean {
    if (node.returnType) return false;
    const parent = node.parent;
    if (
      (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition) &&
      (parent.kind === 'constructor' || parent.kind === 'set')
    ) {
      return false;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.kind === 'set') return false;
    if (this.options.allowHigherOrderFunctions && immediatelyReturnsFunction(node)) return false;
    if (!isExpression) return true;
    if (
      this.options.allowExpressions &&
      parent.type !== AST_NODE_TYPES.VariableDeclarator &&
      parent.type !== AST_NODE_TYPES.MethodDefinition &&
      parent.type !== AST_NODE_TYPES.ExportDefaultDeclaration &&
      parent.type !== AST_NODE_TYPES.PropertyDefinition
    ) {
      return false;
    }
    if (this.options.allowDirectConstAssertionInArrowFunctions && node.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      let body: TSESTree.Node = node.body;
      while (body.type === AST_NODE_TYPES.TSSatisfiesExpression) body = body.expression;
      if (isConstAssertion(body)) return false;
    }
    return true;
  }

  private isAllowedName(holder: TSESTree.Node | undefined): boolean {
    if (this.options.allowedNames.length === 0 || holder === undefined) return false;
    const name = plainName(holder);
    return name !== undefined && this.options.allowedNames.includes(name);
  }

  private reportReturn(node: FunctionLikeNode, name: string): void {
    const close = this.closingParen(node);
    if (close === undefined) return;
    const head = headStart(node);
    this.found.push({
      kind: 'return',
      node,
      name,
      report: [head, close.range[1]],
      insertAt: close.range[1],
      ...this.parenthesizeFor(node),
    });
  }

  private checkParameter(fn: FunctionLikeNode, param: TSESTree.Parameter, functionName: string): void {
    const target: TSESTree.Node = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    if (
      target.type !== AST_NODE_TYPES.Identifier &&
      target.type !== AST_NODE_TYPES.ObjectPattern &&
      target.type !== AST_NODE_TYPES.ArrayPattern &&
      target.type !== AST_NODE_TYPES.RestElement
    ) {
      return; // a default value types it
    }
    if (target.typeAnnotation) return;
    if (target.type === AST_NODE_TYPES.Identifier && target.name === 'this') return;
    this.found.push({
      kind: 'parameter',
      node: target,
      name: parameterName(target),
      functionName,
      optional: target.type === AST_NODE_TYPES.Identifier && target.optional === true,
      report: [param.range[0], param.range[1]],
      insertAt: target.range[1],
      ...this.parenthesizeFor(fn),
    });
  }

  private checkProperty(node: PropertyTarget): void {
    if (node.value !== null || node.typeAnnotation) return;
    const holderName = plainName(node);
    if (holderName !== undefined && this.options.allowedNames.includes(holderName)) return;
    const last = this.lastTokenIn(node.range, true);
    if (last === undefined) return;
    this.found.push({
      kind: 'property',
      node,
      name: `"${keyName(node.key, node.computed, this.text)}"`,
      optional: node.optional === true,
      report: [node.key.range[0], node.key.range[1]],
      insertAt: last.range[1],
    });
  }

  /** `x => …` needs parentheses before either `x` or the function can be annotated. */
  private parenthesizeFor(fn: FunctionLikeNode): { parenthesize?: readonly [number, number] } {
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression || fn.params.length !== 1) return {};
    const param = fn.params[0];
    if (param === undefined) return {};
    const before = this.tokenBefore(param.range[0]);
    if (before !== undefined && before.value === '(' && before.range[0] >= fn.range[0]) return {};
    return { parenthesize: [param.range[0], param.range[1]] };
  }

  /** The `)` that closes the parameter list; a return type goes right after it. */
  private closingParen(node: FunctionLikeNode): TSESTree.Token | undefined {
    let token: TSESTree.Token | undefined;
    if (node.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      let arrow = this.tokenBefore(node.body.range[0]);
      while (arrow !== undefined && arrow.value !== '=>' && arrow.range[0] > node.range[0]) arrow = this.tokenBefore(arrow.range[0]);
      if (arrow === undefined || arrow.value !== '=>') return undefined;
      token = this.tokenBefore(arrow.range[0]);
    } else if (node.body) {
      token = this.tokenBefore(node.body.range[0]);
    } else {
      token = this.lastTokenIn(node.range, true);
    }
    if (token === undefined) return undefined;
    // `x => …`: the parameter itself; the `)` comes with the parentheses added around it.
    return token.value === ')' || node.type === AST_NODE_TYPES.ArrowFunctionExpression ? token : undefined;
  }

  private tokenIndexBefore(offset: number): number {
    let low = 0;
    let high = this.tokens.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const token = this.tokens[middle];
      if (token !== undefined && token.range[1] <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  private tokenBefore(offset: number): TSESTree.Token | undefined {
    return this.tokens[this.tokenIndexBefore(offset)];
  }

  private lastTokenIn(range: TSESTree.Range, skipSemicolon: boolean): TSESTree.Token | undefined {
    let index = this.tokenIndexBefore(range[1]);
    let token = this.tokens[index];
    while (skipSemicolon && token !== undefined && (token.value === ';' || token.value === ',') && token.range[0] > range[0]) {
      token = this.tokens[--index];
    }
    return token !== undefined && token.range[0] >= range[0] ? token : undefined;
  }
}

/** The node whose name `allowedNames` matches: the function itself, its variable, method or property. */
function nameHolder(node: FunctionLikeNode): TSESTree.Node | undefined {
  if ((node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.TSDeclareFunction) && node.id) return node;
  const parent = node.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSAbstractMethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.AccessorProperty:
    case AST_NODE_TYPES.Property:
      return parent;
    default:
      return node.type === AST_NODE_TYPES.FunctionExpression && node.id ? node : undefined;
  }
}

function plainName(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.TSDeclareFunction:
      return node.id?.name;
    case AST_NODE_TYPES.VariableDeclarator:
      return node.id.type === AST_NODE_TYPES.Identifier ? node.id.name : undefined;
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSAbstractMethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.TSAbstractPropertyDefinition:
    case AST_NODE_TYPES.AccessorProperty:
    case AST_NODE_TYPES.Property:
      if (node.computed) return node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : undefined;
      if (node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
      if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.key.name}`;
      return node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : undefined;
    default:
      return undefined;
  }
}

function keyName(key: TSESTree.Node, computed: boolean, text: string): string {
  if (key.type === AST_NODE_TYPES.Identifier && !computed) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
  return `[${text.slice(key.range[0], key.range[1])}]`;
}

function functionName(node: FunctionLikeNode, text: string): string {
  if ('id' in node && node.id) return `"${node.id.name}"`;
  const parent = node.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id.type === AST_NODE_TYPES.Identifier ? `"${parent.id.name}"` : 'the anonymous function';
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSAbstractMethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.AccessorProperty:
    case AST_NODE_TYPES.Property:
      return `"${keyName(parent.key, parent.computed, text)}"`;
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return '"default"';
    default:
      return 'the anonymous function';
  }
}

function parameterName(node: ParameterTarget): string {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return `"${node.name}"`;
    case AST_NODE_TYPES.RestElement:
      return node.argument.type === AST_NODE_TYPES.Identifier ? `"...${node.argument.name}"` : 'the rest parameter';
    case AST_NODE_TYPES.ObjectPattern:
      return 'the object pattern';
    case AST_NODE_TYPES.ArrayPattern:
      return 'the array pattern';
  }
}

/** Start of a function's head: its method or property key when it has one, so decorators are left out. */
function headStart(node: FunctionLikeNode): number {
  const parent = node.parent;
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
      (parent.type === AST_NODE_TYPES.Property && (parent.method || parent.kind !== 'init'))) &&
    parent.value === node
  ) {
    return parent.key.range[0];
  }
  return node.range[0];
}

function isConstAssertion(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSTypeAssertion) &&
    node.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference &&
    node.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier &&
    node.typeAnnotation.typeName.name === 'const'
  );
}

function isTypedParent(parent: TSESTree.Node, callee: TSESTree.Node | undefined): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.JSXExpressionContainer:
    case AST_NODE_TYPES.JSXSpreadAttribute:
    case AST_NODE_TYPES.NewExpression:
      return true;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id.typeAnnotation != null;
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.left.typeAnnotation != null;
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.typeAnnotation != null;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee !== callee; // an argument, not an IIFE
    default:
      return false;
  }
}

/**
 * `node` sits in an object or array literal (at any depth) that is itself in a typed place, e.g. a property of
 * the options object passed to a call. typescript-eslint follows object literals only; elements of a typed
 * array literal (`suggest: [{ fix: (fixer) => … }]`) are just as contextually typed.
 */
function isInTypedLiteral(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent: TSESTree.Node | undefined = node.parent;
  while (parent !== undefined) {
    if (parent.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      child = parent.parent;
    } else if (parent.type === AST_NODE_TYPES.ArrayExpression) {
      child = parent;
    } else {
      return child !== node && isTypedParent(parent, child);
    }
    parent = child.parent;
  }
  return false;
}

/** Typed by its context: a callback, a typed variable or property, an assertion, a typed object or array literal. */
function isTypedFunctionExpression(node: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): boolean {
  return isTypedParent(node.parent, node) || isInTypedLiteral(node);
}

/** A function returned from a function whose return type is written is typed by it. */
function ancestorHasReturnType(node: FunctionLikeNode): boolean {
  let ancestor: TSESTree.Node | undefined = node.parent;
  if (ancestor.type === AST_NODE_TYPES.Property) ancestor = ancestor.value;
  const returned =
    ancestor.type === AST_NODE_TYPES.ReturnStatement ||
    (ancestor.type === AST_NODE_TYPES.ArrowFunctionExpression && ancestor.body.type !== AST_NODE_TYPES.BlockStatement);
  if (!returned) return false;
  while (ancestor) {
    switch (ancestor.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        if (ancestor.returnType) return true;
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        return ancestor.id.typeAnnotation != null;
      case AST_NODE_TYPES.PropertyDefinition:
        return ancestor.typeAnnotation != null;
      case AST_NODE_TYPES.ExpressionStatement:
        return false;
      default:
    }
    ancestor = ancestor.parent;
  }
  return false;
}

/**
 * Pushes the `return` statements among `statements` and the statements nested in them, in source order. Only
 * statements are entered: outside a nested function or class body (whose returns are not the function's own)
 * an expression holds no statement, so the expressions of a body, most of its nodes, are never visited.
 */
function collectReturns(statements: readonly (TSESTree.Node | null | undefined)[], returns: TSESTree.ReturnStatement[]): void {
  for (const statement of statements) {
    if (statement == null) continue;
    switch (statement.type) {
      case AST_NODE_TYPES.ReturnStatement:
        returns.push(statement);
        break;
      case AST_NODE_TYPES.BlockStatement:
        collectReturns(statement.body, returns);
        break;
      case AST_NODE_TYPES.IfStatement:
        collectReturns([statement.consequent, statement.alternate], returns);
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.LabeledStatement:
      case AST_NODE_TYPES.WithStatement:
        collectReturns([statement.body], returns);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        for (const switchCase of statement.cases) collectReturns(switchCase.consequent, returns);
        break;
      case AST_NODE_TYPES.TryStatement:
        collectReturns([statement.block, statement.handler?.body, statement.finalizer], returns);
        break;
      // Not valid in a function body, but parsed: the walk this replaces entered them too.
      case AST_NODE_TYPES.TSModuleDeclaration:
        collectReturns([statement.body], returns);
        break;
      case AST_NODE_TYPES.TSModuleBlock:
        collectReturns(statement.body, returns);
        break;
      default:
    }
  }
}

/** The `return` statements of `node` itself, not of nested functions. */
function ownReturns(node: FunctionLikeNode): readonly TSESTree.ReturnStatement[] {
  const returns: TSESTree.ReturnStatement[] = [];
  const body = node.body;
  if (!body || body.type !== AST_NODE_TYPES.BlockStatement) return returns;
  collectReturns(body.body, returns);
  return returns;
}

function returnedFunctions(node: FunctionLikeNode): readonly TSESTree.Node[] {
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression && node.body.type !== AST_NODE_TYPES.BlockStatement) {
    return isFunctionLike(node.body) ? [node.body] : [];
  }
  return ownReturns(node)
    .map((statement) => statement.argument)
    .filter((argument): argument is TSESTree.Expression => isFunctionLike(argument));
}

function immediatelyReturnsFunction(node: FunctionLikeNode): boolean {
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression && isFunctionLike(node.body)) return true;
  const returns = ownReturns(node);
  return returns.length > 0 && returns.every((statement) => isFunctionLike(statement.argument));
}
