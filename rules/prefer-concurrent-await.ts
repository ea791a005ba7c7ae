import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { analyzeLoop, enclosingLoop, type LoopAnalysis, type LoopNode } from '../standards/concurrency-and-timing/loop-independence.js';
import { compileConcurrencyOptions, CONCURRENCY_OPTION_DESCRIPTIONS as DESCRIBE } from '../standards/concurrency-and-timing/options.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { tsApiUtils } from '../standards/shared/typescript-runtime.js';
import { analyzePythonLoop, enclosingPythonLoop, type PythonLoopAnalysis } from '../standards/concurrency-and-timing/python-loops.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';
import { listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [{ sequential?: ListAdjustment; pauses?: ListAdjustment }];
export type MessageIds = 'preferConcurrentAwait' | 'preferGather';

export default createRule<Options, MessageIds>({
  name: 'prefer-concurrent-await',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow awaiting independent calls one at a time in a loop',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    messages: {
      preferConcurrentAwait:
        'Start these independent calls together with `await Promise.all(…)` (or `mapConcurrent` to bound them) instead of awaiting each in turn; `perf-standards fix concurrent-await` converts loops that only collect results.',
      preferGather:
        'Start these independent calls together with `asyncio.gather(…)` or in an `asyncio.TaskGroup` (with a semaphore to bound them) instead of awaiting each in turn; `perf-standards fix concurrent-await` converts loops that only collect results.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          sequential: { ...listAdjustmentSchema('calls that must stay in order', '`"*.upload"` or `"queue.put"`'), description: DESCRIBE.sequential },
          pauses: { ...listAdjustmentSchema('pause calls', '`"*.nap"`'), description: DESCRIBE.pauses },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const { sequential, pauses } = compileConcurrencyOptions(options);
    const python = pythonNamesOf(context);
    if (python !== null) {
      const analysedLoops = new Map<PythonNode, PythonLoopAnalysis>();
      return asRuleListener({
        Await(node: PythonNode): void {
          const loop = enclosingPythonLoop(node);
          if (loop === null) return;
          let analysis = analysedLoops.get(loop);
          if (analysis === undefined) {
            analysis = analyzePythonLoop(loop, python, sequential, pauses);
            analysedLoops.set(loop, analysis);
          }
          if (analysis.awaits.includes(node)) context.report({ loc: node.loc, messageId: 'preferGather' });
        },
      });
    }
    const { sourceCode } = context;
    // Only `await` expressions are judged, and the keyword cannot be escaped: a file without it has none.
    if (!sourceCode.text.includes('await')) return {};
    const analysed = new Map<LoopNode, LoopAnalysis>();
    const services = sourceCode.parserServices;
    const checker = services?.program?.getTypeChecker();
    const nodeMap = services?.esTreeNodeToTSNodeMap;
    // With type information, an `await` of a value that is not a promise does not wait on anything.
    const waitsOnPromise = (node: TSESTree.AwaitExpression): boolean => {
      if (checker === undefined || nodeMap === undefined) return true;
      const tsNode = nodeMap.get(node.argument as never) as ts.Node | undefined;
      return tsNode === undefined || tsApiUtils.isThenableType(checker, tsNode as ts.Expression);
    };
    return {
      AwaitExpression(node: TSESTree.AwaitExpression): void {
        const loop = enclosingLoop(node);
        if (loop === null) return;
        let analysis = analysed.get(loop);
        if (analysis === undefined) {
          analysis = analyzeLoop(loop, sourceCode.scopeManager!, sequential, pauses);
          analysed.set(loop, analysis);
        }
        if (analysis.exemption !== null || !analysis.awaits.includes(node) || !waitsOnPromise(node)) return;
        context.report({ node, messageId: 'preferConcurrentAwait' });
      },
    };
  },
});
