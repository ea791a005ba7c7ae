import type { TSESTree } from '@typescript-eslint/utils';
import type { LoopAnalysis } from './loop-independence.js';
import { contains, walk, type Node, type ScopeManager } from './syntax.js';

/**
 * Which independent loops the `concurrent-await` codemod rewrites, and into what. It converts a loop only
 * when starting later iterations before earlier ones finish is the only change in behaviour: the body's
 * other effects are local (declarations, awaited calls, assignments to its own variables, `if`s of those)
 * and its results are collected in an order-independent way (by `push` into a fresh array, replaced by
 * `Promise.all`'s ordered result, or by the counter as index).
 */

/** How a convertible loop produces its results. */
export type ConversionShape =
  | { readonly kind: 'effects' }
  | {
      readonly kind: 'push';
      /** `const results: T[] = [];` right before the loop. */
      readonly declaration: TSESTree.VariableDeclaration;
      /** The last statement, `results.push(value);`. */
      readonly push: TSESTree.ExpressionStatement;
      readonly value: Node;
    }
  | { readonly kind: 'index'; readonly length: Node };

/** A loop the codemod can rewrite. */
export interface ConvertibleLoop {
  readonly analysis: LoopAnalysis;
  readonly shape: ConversionShape;
}

function isLocalStatement(statement: TSESTree.Statement, analysis: LoopAnalysis, allowed: ReadonlySet<Node>, references: (identifier: TSESTree.Identifier) => boolean): boolean {
  if (allowed.has(statement)) return true;
  switch (statement.type) {
    case 'EmptyStatement':
      return true;
    case 'VariableDeclaration':
      return statement.kind === 'const' || statement.kind === 'let';
    case 'BlockStatement':
      return statement.body.every((inner: TSESTree.Statement): boolean => isLocalStatement(inner, analysis, allowed, references));
    case 'IfStatement':
      return (
        isLocalStatement(statement.consequent, analysis, allowed, references) &&
        (statement.alternate === null || isLocalStatement(statement.alternate, analysis, allowed, references))
      );
    case 'ContinueStatement':
      return analysis.continues.includes(statement);
    case 'ExpressionStatement': {
      const expression = statement.expression;
      if (expression.type === 'AwaitExpression') return true;
      // An assignment to the body's own variable stays inside the iteration.
      return expression.type === 'AssignmentExpression' && expression.left.type === 'Identifier' && references(expression.left);
    }
    default:
      return false;
  }
}

function isEmptyArrayDeclaration(node: Node | undefined, name: string): node is TSESTree.VariableDeclaration {
  if (node?.type !== 'VariableDeclaration' || node.kind === 'var' || node.declarations.length !== 1) return false;
  const declarator = node.declarations[0];
  return (
    declarator?.id.type === 'Identifier' &&
    declarator.id.name === name &&
    declarator.init?.type === 'ArrayExpression' &&
    declarator.init.elements.length === 0
  );
}

function siblingsOf(node: Node): readonly Node[] | null {
  const parent = node.parent as Node | undefined;
  if (parent?.type === 'BlockStatement' || parent?.type === 'Program' || parent?.type === 'StaticBlock') return parent.body;
  if (parent?.type === 'SwitchCase') return parent.consequent;
  return null;
}

function pushShape(analysis: LoopAnalysis, body: readonly TSESTree.Statement[], source: string): ConversionShape | null {
  const last = body[body.length - 1];
  if (last?.type !== 'ExpressionStatement' || last.expression.type !== 'CallExpression') return null;
  const call = last.expression;
  if (call.callee.type !== 'MemberExpression' || call.callee.computed || call.callee.property.type !== 'Identifier' || call.callee.property.name !== 'push') return null;
  const target = call.callee.object;
  const value = call.arguments[0];
  if (target.type !== 'Identifier' || call.arguments.length !== 1 || value === undefined || value.type === 'SpreadElement') return null;
  const use = analysis.outer.get(target.name);
  // The one push is the only use of the array in the loop, and the array is empty when the loop starts.
  if (use?.identifiers.length !== 1 || use.identifiers[0] !== target) return null;
  const siblings = siblingsOf(analysis.loop);
  const index = siblings?.indexOf(analysis.loop) ?? -1;
  const declaration = index > 0 ? siblings?.[index - 1] : undefined;
  if (!isEmptyArrayDeclaration(declaration, target.name)) return null;
  if (source.slice(declaration.range[1], analysis.loop.range[0]).trim() !== '') return null;
  return { kind: 'push', declaration, push: last, value };
}

function countingLength(loop: TSESTree.ForStatement, counter: string): Node | null {
  const { init, test, update } = loop;
  const start = init?.type === 'VariableDeclaration' ? init.declarations[0]?.init : null;
  if (start?.type !== 'Literal' || start.value !== 0) return null;
  if (test?.type !== 'BinaryExpression' || test.operator !== '<' || test.left.type !== 'Identifier' || test.left.name !== counter) return null;
  const increments =
    (update?.type === 'UpdateExpression' && update.operator === '++') ||
    (update?.type === 'AssignmentExpression' && update.operator === '+=' && update.right.type === 'Literal' && update.right.value === 1);
  if (!increments) return null;
  const length = test.right;
  const isPlain = (node: Node): boolean =>
    node.type === 'Identifier' || (node.type === 'Literal' && typeof node.value === 'number') || (node.type === 'MemberExpression' && !node.computed && isPlain(node.object));
  return isPlain(length) ? length : null;
}

/**
 * How the codemod can rewrite an independent loop (its analysis has no exemption), or `null` to leave it
 * as a report.
 * @complexity O(size of the loop).
 */
export function conversionOf(analysis: LoopAnalysis, scopeManager: ScopeManager, source: string): ConvertibleLoop | null {
  const loop = analysis.loop;
  if (analysis.exemption !== null || analysis.awaits.length === 0 || analysis.exits.length > 0) return null;
  if (loop.parent?.type === 'LabeledStatement') return null;
  if (loop.type !== 'ForOfStatement' && loop.type !== 'ForStatement') return null;
  // One level at a time: an inner loop is converted first, and the outer one on the next round.
  let nested = false;
  walk(loop.body, (node: Node): boolean => {
    if (node.type.startsWith('For') || node.type === 'WhileStatement' || node.type === 'DoWhileStatement') nested = true;
    return !nested;
  });
  if (nested) return null;
  if (loop.type === 'ForOfStatement') {
    if (loop.left.type !== 'VariableDeclaration' || loop.left.kind === 'var') return null;
    const iterated = loop.right;
    const plain = (node: Node): boolean => node.type === 'Identifier' || node.type === 'ThisExpression' || (node.type === 'MemberExpression' && !node.computed && plain(node.object));
    if (!plain(iterated)) return null;
  }
  const body = loop.body.type === 'BlockStatement' ? loop.body.body : [loop.body];
  const isOwn = (identifier: TSESTree.Identifier): boolean => {
    const variable = scopeManager.scopes
      .filter((scope): boolean => contains(scope.block as Node, identifier))
      .map((scope) => scope.set.get(identifier.name))
      .find((found): boolean => found !== undefined);
    return variable !== undefined && analysis.inner.has(variable);
  };
  const collected = [...analysis.outer.values()].filter((use): boolean => use.collected);
  let shape: ConversionShape | null = null;
  const allowed = new Set<Node>();
  if (loop.type === 'ForStatement') {
    const counter = analysis.counter;
    const length = counter === null ? null : countingLength(loop, counter.name);
    if (length === null) return null;
    // Collected only by the counter as index: `results[i] = …` lands in the same slot whichever call ends first.
    for (const use of collected) {
      for (const identifier of use.identifiers) {
        const target = identifier.parent;
        const assignment = target?.parent;
        const statement = assignment?.parent;
        if (target?.type !== 'MemberExpression' || assignment?.type !== 'AssignmentExpression' || assignment.left !== target || statement?.type !== 'ExpressionStatement') return null;
        allowed.add(statement);
      }
    }
    shape = { kind: 'index', length };
  } else if (collected.length === 0) {
    shape = { kind: 'effects' };
  } else if (collected.length === 1 && analysis.continues.length === 0) {
    shape = pushShape(analysis, body, source);
    if (shape?.kind === 'push') allowed.add(shape.push);
  }
  if (shape === null) return null;
  if (!body.every((statement: TSESTree.Statement): boolean => isLocalStatement(statement, analysis, allowed, isOwn))) return null;
  return { analysis, shape };
}
