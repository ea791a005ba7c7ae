import type { TSESTree } from '@typescript-eslint/utils';
import { isPause, type CallMatcher } from './call-lists.js';
import { readsClock } from './clocks.js';
import type { Node } from './syntax.js';

/**
 * Busy waiting, as `no-busy-wait` reports it: a loop whose only work is to check a condition and pause
 * (`while (!ready()) await sleep(100)`), or one that spins on the clock without pausing at all
 * (`while (Date.now() < end) {}`). Loops that do real work per iteration and pause between items (rate
 * limiting, retries around real work) are not busy waiting.
 */

export type BusyLoop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** `polling`: checks and pauses; `spinning`: checks the clock without pausing. */
export type BusyWaitKind = 'polling' | 'spinning';

const EXITS: ReadonlySet<string> = new Set(['BreakStatement', 'ReturnStatement', 'ThrowStatement', 'ContinueStatement']);

function statementsOf(statement: TSESTree.Statement): readonly TSESTree.Statement[] {
  return statement.type === 'BlockStatement' ? statement.body : [statement];
}

function isExitOnly(statement: TSESTree.Statement | null): boolean {
  if (statement === null) return true;
  return statementsOf(statement).every((inner: TSESTree.Statement): boolean => EXITS.has(inner.type));
}

const isStep = (node: Node): boolean => (node.type === 'Literal' && typeof node.value === 'number') || node.type === 'Identifier';

/**
 * `spins += 1`, `n -= step`, `count = count + 1`: bookkeeping that counts iterations, not work done in them
 * (SonarSource/SonarJS#1275's `sleep` spins `while (waitTill > new Date()) { count += 1; }`).
 */
function isCounterBump(assignment: TSESTree.AssignmentExpression): boolean {
  const { left, right, operator } = assignment;
  if (operator === '+=' || operator === '-=') return isStep(right);
  return (
    operator === '=' &&
    left.type === 'Identifier' &&
    right.type === 'BinaryExpression' &&
    (right.operator === '+' || right.operator === '-') &&
    right.left.type === 'Identifier' &&
    right.left.name === left.name &&
    isStep(right.right)
  );
}

interface BodyShape {
  /** Every statement is a pause, a condition check or an exit on a condition. */
  readonly onlyChecks: boolean;
  readonly pauses: number;
  /** The conditions of `if (…) break;`-style exits. */
  readonly exitConditions: readonly Node[];
  /** Statements that read something other than a clock into a variable (`state = await status()`). */
  readonly reads: number;
  /** Statements that read a clock into a variable (`const now = Date.now()`). */
  readonly clockReads: number;
}

function shapeOf(body: TSESTree.Statement, pauses: CallMatcher): BodyShape {
  let pauseCount = 0;
  let reads = 0;
  let clockReads = 0;
  const exitConditions: Node[] = [];
  const visit = (statements: readonly TSESTree.Statement[]): boolean => {
    for (const statement of statements) {
      switch (statement.type) {
        case 'EmptyStatement':
          break;
        case 'BlockStatement':
          if (!visit(statement.body)) return false;
          break;
        case 'VariableDeclaration':
          if (statement.declarations.every((declarator: TSESTree.VariableDeclarator): boolean => declarator.init !== null && readsClock(declarator.init))) clockReads += 1;
          else reads += 1;
          break;
        case 'IfStatement':
          if (!isExitOnly(statement.consequent) || !isExitOnly(statement.alternate)) return false;
          exitConditions.push(statement.test);
          break;
        case 'ExpressionStatement': {
          const expression = statement.expression;
          if (expression.type === 'AwaitExpression' && isPause(expression.argument, pauses)) pauseCount += 1;
          else if (expression.type === 'AssignmentExpression' && expression.left.type === 'Identifier') {
            if (isCounterBump(expression)) break;
            if (readsClock(expression.right)) clockReads += 1;
            else reads += 1;
          }
          else if (expression.type !== 'UpdateExpression' || expression.argument.type !== 'Identifier') return false;
          break;
        }
        default:
          return false;
      }
    }
    return true;
  };
  const onlyChecks = visit(statementsOf(body));
  return { onlyChecks, pauses: pauseCount, exitConditions, reads, clockReads };
}

function isAlwaysTrue(test: Node | null): boolean {
  return test === null || (test.type === 'Literal' && test.value === true);
}

/**
 * Whether `loop` busy-waits, and how; `null` when it does real work or is not a wait at all.
 * @complexity O(statements of the loop body), plus the size of the conditions for clock spins.
 */
export function busyWaitKind(loop: BusyLoop, pauses: CallMatcher): BusyWaitKind | null {
  const shape = shapeOf(loop.body, pauses);
  if (!shape.onlyChecks) return null;
  // A counting `for`'s test bounds the loop (`for (let i = 0; i < 10; i++) await sleep(100)` is a long sleep),
  // unless it reads the clock (`for (let n = 0; Date.now() < end; n++) {}` spins like a `while`).
  const test = loop.type === 'ForStatement' && loop.update !== null && (loop.test === null || !readsClock(loop.test)) ? null : loop.test;
  const hasCondition = !isAlwaysTrue(test) || shape.exitConditions.length > 0;
  if (!hasCondition) return null;
  if (shape.pauses > 0) return 'polling';
  // Without a pause, a loop that only checks spins; it waits on time when a condition reads the clock.
  const conditions = test === null ? shape.exitConditions : [test, ...shape.exitConditions];
  if (shape.reads === 0 && (shape.clockReads > 0 || conditions.some((condition: Node): boolean => readsClock(condition)))) return 'spinning';
  return null;
}
