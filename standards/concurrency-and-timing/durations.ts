import type { TSESTree } from '@typescript-eslint/utils';
import { wallClockRead, type WallClockRead } from './clocks.js';
import { isFunction, unwrapExpression, type Node, type Variable } from './syntax.js';

/**
 * Durations measured with the wall clock, as `prefer-performance-now` reports them: a variable initialised
 * with a wall-clock read (`const start = Date.now()`) that a later clock read subtracts (`Date.now() - start`).
 * Timestamps (stored, returned, sent) and deadlines (`Date.now() > deadline`) are never subtracted from a later
 * read, so they are not durations.
 */

/** One measured duration's start and what switching it to `performance.now()` rewrites. */
export interface WallClockDuration {
  /** The clock read that starts the measurement (the variable's initializer). */
  readonly start: Node;
  readonly clock: WallClockRead;
  /** Every wall-clock read to replace with `performance.now()`: the start, later assignments, the ends. */
  readonly reads: readonly Node[];
  /**
   * Safe as an autofix: both ends are in the same function, the start is used only in the subtractions, and
   * every end is a clock read written in the subtraction itself; otherwise a suggestion.
   */
  readonly fixable: boolean;
}

function enclosingFunction(node: Node): Node | null {
  for (let current = node.parent as Node | undefined; current != null; current = current.parent as Node | undefined) {
    if (isFunction(current)) return current;
  }
  return null;
}

function wrapperParent(node: Node): Node | undefined {
  let current = node.parent as Node | undefined;
  while (current != null && unwrapExpression(current) !== current) current = current.parent as Node | undefined;
  return current;
}

// `end` in `end - start`: a const initialised with a wall-clock read.
function clockConstant(identifier: Node, resolve: (identifier: TSESTree.Identifier) => Variable | null): Node | null {
  if (identifier.type !== 'Identifier') return null;
  const variable = resolve(identifier);
  const definition = variable?.defs[0];
  if (variable?.defs.length !== 1 || definition?.node.type !== 'VariableDeclarator') return null;
  const declarator = definition.node;
  const declaration = declarator.parent as Node | undefined;
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || declarator.init === null) return null;
  const init = unwrapExpression(declarator.init);
  return wallClockRead(init) === null ? null : init;
}

/**
 * The duration `declarator` starts, or `null` when its variable is not subtracted from a later clock read.
 * `variable` is the declared variable; `resolve` finds the variable an identifier refers to.
 * @complexity O(references of the variable).
 */
export function wallClockDuration(
  declarator: TSESTree.VariableDeclarator,
  variable: Variable,
  resolve: (identifier: TSESTree.Identifier) => Variable | null,
): WallClockDuration | null {
  if (declarator.init === null || declarator.id.type !== 'Identifier') return null;
  const start = unwrapExpression(declarator.init);
  const clock = wallClockRead(start);
  if (clock === null) return null;
  const reads: Node[] = [start];
  const home = enclosingFunction(declarator);
  let fixable = true;
  let measured = false;
  for (const reference of variable.references) {
    const identifier = reference.identifier as Node;
    if (reference.isWrite()) {
      if (identifier === declarator.id) continue;
      const written = reference.writeExpr === null || reference.writeExpr === undefined ? null : unwrapExpression(reference.writeExpr as Node);
      // A start reset from anything but the clock is not a measurement this rule understands.
      if (written === null || wallClockRead(written) === null) return null;
      reads.push(written);
      continue;
    }
    const parent = wrapperParent(identifier);
    const subtraction = parent?.type === 'BinaryExpression' && parent.operator === '-' && unwrapExpression(parent.right) === identifier ? parent : null;
    if (subtraction === null) {
      fixable = false;
      continue;
    }
    const left = unwrapExpression(subtraction.left);
    if (wallClockRead(left) !== null) {
      measured = true;
      reads.push(left);
      if (enclosingFunction(subtraction) !== home) fixable = false;
      continue;
    }
    const end = clockConstant(left, resolve);
    if (end === null) {
      fixable = false;
      continue;
    }
    measured = true;
    fixable = false;
    if (!reads.includes(end)) reads.push(end);
  }
  return measured ? { start, clock, reads, fixable } : null;
}
