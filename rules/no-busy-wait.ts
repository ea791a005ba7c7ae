import type { TSESTree } from '@typescript-eslint/utils';
import { busyWaitKind, type BusyLoop } from '../standards/concurrency-and-timing/busy-wait.js';
import { compileConcurrencyOptions, CONCURRENCY_OPTION_DESCRIPTIONS as DESCRIBE } from '../standards/concurrency-and-timing/options.js';
import { withTimerImports } from '../standards/concurrency-and-timing/timer-imports.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { isBlockingSleepInCoroutine, pythonBusyWaitKind } from '../standards/concurrency-and-timing/python-busy-wait.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';
import { listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [{ pauses?: ListAdjustment }];
export type MessageIds = 'pollingLoop' | 'spinLoop' | 'pollingLoopPython' | 'spinLoopPython' | 'blockingSleep';

export default createRule<Options, MessageIds>({
  name: 'no-busy-wait',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow loops that poll a condition with pauses or spin on the clock',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    messages: {
      pollingLoop:
        'Wait for the condition itself instead of polling it: await an event (`events.once`) or a promise the producer resolves, and bound the wait with `AbortSignal.timeout`.',
      spinLoop:
        'Await a timer (`setTimeout` from `node:timers/promises`) or an event instead of spinning on the clock, which blocks the thread.',
      pollingLoopPython:
        'Wait for the condition itself instead of polling it: await an `asyncio.Event` or a future the producer sets (in threads, `threading.Event.wait`), and bound the wait with `asyncio.timeout(…)`.',
      spinLoopPython: 'Sleep (`await asyncio.sleep(…)`, or `time.sleep(…)` outside async code) or wait for an event instead of spinning on the clock, which keeps a CPU core busy.',
      blockingSleep: 'Use `await asyncio.sleep(…)` instead of `time.sleep(…)` in an `async def`: it blocks the event loop and every task on it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          pauses: { ...listAdjustmentSchema('pause calls', '`"*.nap"`'), description: DESCRIBE.pauses },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const python = pythonNamesOf(context);
    if (python !== null) {
      const { pauses } = compileConcurrencyOptions(options);
      return asRuleListener({
        WhileStatement(loop: PythonNode): void {
          const kind = pythonBusyWaitKind(loop, python, pauses);
          if (kind !== null) context.report({ loc: loop.loc, messageId: kind === 'polling' ? 'pollingLoopPython' : 'spinLoopPython' });
        },
        Call(call: PythonNode): void {
          if (isBlockingSleepInCoroutine(call, python)) context.report({ loc: call.loc, messageId: 'blockingSleep' });
        },
      });
    }
    // Promise timers count under whatever name this file imports them (`import { setTimeout as nap }`).
    const pauses = withTimerImports(compileConcurrencyOptions(options).pauses, context.sourceCode.scopeManager!);
    const check = (loop: BusyLoop): void => {
      const kind = busyWaitKind(loop, pauses);
      if (kind !== null) context.report({ node: loop, messageId: kind === 'polling' ? 'pollingLoop' : 'spinLoop' });
    };
    return {
      WhileStatement: check,
      DoWhileStatement: check,
      ForStatement: check,
    } satisfies Record<string, (loop: TSESTree.Node & BusyLoop) => void>;
  },
});
