import type { TSESTree } from '@typescript-eslint/utils';
import { busyWaitKind, type BusyLoop } from '../standards/concurrency-and-timing/busy-wait.js';
import { compileConcurrencyOptions, CONCURRENCY_OPTION_DESCRIPTIONS as DESCRIBE } from '../standards/concurrency-and-timing/options.js';
import { withTimerImports } from '../standards/concurrency-and-timing/timer-imports.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { createRule } from './utils/create-rule.js';
import { listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [{ pauses?: ListAdjustment }];
export type MessageIds = 'pollingLoop' | 'spinLoop';

export default createRule<Options, MessageIds>({
  name: 'no-busy-wait',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow loops that poll a condition with pauses or spin on the clock',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    messages: {
      pollingLoop:
        'Wait for the condition itself instead of polling it: await an event (`events.once`) or a promise the producer resolves, and bound the wait with `AbortSignal.timeout`.',
      spinLoop:
        'Await a timer (`setTimeout` from `node:timers/promises`) or an event instead of spinning on the clock, which blocks the thread.',
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
