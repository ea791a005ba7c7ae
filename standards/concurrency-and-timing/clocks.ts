import type { TSESTree } from '@typescript-eslint/utils';
import { walk, type Node } from './syntax.js';

/** A wall-clock read in milliseconds, as prefer-performance-now rewrites it, with how it was spelled. */
export type WallClockRead = 'Date.now()' | 'new Date().getTime()' | 'new Date().valueOf()' | '+new Date()';

function isNewDate(node: Node): node is TSESTree.NewExpression {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0;
}

function isMethodCall(node: Node, object: (receiver: Node) => boolean, method: string): boolean {
  return (
    node.type === 'CallExpression' &&
    node.arguments.length === 0 &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === method &&
    object(node.callee.object)
  );
}

const isDateGlobal = (node: Node): boolean => node.type === 'Identifier' && node.name === 'Date';

/**
 * Which wall-clock read `node` is: `Date.now()`, `new Date().getTime()`, `new Date().valueOf()` or
 * `+new Date()`; `null` for anything else (a `new Date(x)` with an argument is a date, not a clock read).
 * @complexity O(1).
 */
export function wallClockRead(node: Node): WallClockRead | null {
  if (isMethodCall(node, isDateGlobal, 'now')) return 'Date.now()';
  if (isMethodCall(node, isNewDate, 'getTime')) return 'new Date().getTime()';
  if (isMethodCall(node, isNewDate, 'valueOf')) return 'new Date().valueOf()';
  if (node.type === 'UnaryExpression' && node.operator === '+' && isNewDate(node.argument)) return '+new Date()';
  return null;
}

/**
 * Whether `node` reads any clock: a wall-clock read, `new Date()`, `performance.now()`, `process.hrtime(…)` or
 * `process.hrtime.bigint()`.
 * @complexity O(1).
 */
export function isClockRead(node: Node): boolean {
  if (wallClockRead(node) !== null || isNewDate(node)) return true;
  if (isMethodCall(node, (object: Node): boolean => object.type === 'Identifier' && object.name === 'performance', 'now')) return true;
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const isProcess = (object: Node): boolean => object.type === 'Identifier' && object.name === 'process';
  if (callee.property.name === 'hrtime') return isProcess(callee.object);
  return (
    callee.property.name === 'bigint' &&
    callee.object.type === 'MemberExpression' &&
    !callee.object.computed &&
    callee.object.property.type === 'Identifier' &&
    callee.object.property.name === 'hrtime' &&
    isProcess(callee.object.object)
  );
}

/**
 * Whether `node` or anything below it reads a clock (nested functions included).
 * @complexity O(size of node).
 */
export function readsClock(node: Node): boolean {
  let found = false;
  walk(node, (child: Node): boolean => {
    if (!found && isClockRead(child)) found = true;
    return !found;
  });
  return found;
}
