import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { wallClockDuration } from '../standards/concurrency-and-timing/durations.js';
import type { Node, Variable } from '../standards/concurrency-and-timing/syntax.js';
import { pythonWallClockDuration } from '../standards/concurrency-and-timing/python-durations.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import type { PythonTextEdit } from '../standards/shared/python-dataclasses.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';

export type Options = [];
export type MessageIds = 'preferPerformanceNow' | 'usePerformanceNow' | 'preferPerfCounter' | 'usePerfCounter' | 'usePerfCounterForTimedelta';

const PERF_HOOKS: ReadonlySet<string> = new Set(['perf_hooks', 'node:perf_hooks']);

// `performance` names the global (or the one imported from perf_hooks) unless a local binding hides it.
function performanceIsGlobal(scope: TSESLint.Scope.Scope | null): boolean {
  for (let current = scope; current !== null; current = current.upper) {
    const variable = current.set.get('performance');
    if (variable === undefined || current.type === 'global') continue;
    const definition = variable.defs[0];
    return (
      definition?.type === 'ImportBinding' &&
      definition.parent.type === 'ImportDeclaration' &&
      PERF_HOOKS.has(definition.parent.source.value)
    );
  }
  return true;
}

export default createRule<Options, MessageIds>({
  name: 'prefer-performance-now',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `performance.now()` instead of the wall clock to measure durations',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      preferPerformanceNow:
        'Measure this duration with `performance.now()` at both ends instead of `{{clock}}`, which jumps when the system clock is adjusted.',
      usePerformanceNow: 'Read both ends of the duration with `performance.now()`.',
      preferPerfCounter:
        'Measure this duration with `time.perf_counter()` at both ends instead of `{{clock}}`, which jumps when the system clock is adjusted.',
      usePerfCounter: 'Read both ends of the duration with `time.perf_counter()`.',
      usePerfCounterForTimedelta: 'Read both ends of the duration with `time.perf_counter()` (the duration becomes seconds as a float, not a `timedelta`).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const python = pythonNamesOf(context);
    if (python !== null) {
      return asRuleListener({
        Assignment(assignment: PythonNode): void {
          if (assignment.left?.type !== 'Identifier') return;
          const duration = pythonWallClockDuration(assignment, python);
          if (duration === null) return;
          const edits = duration.edits;
          const fix = edits === null ? null : (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => edits.map((edit: PythonTextEdit): TSESLint.RuleFix => fixer.replaceTextRange([...edit.range], edit.text));
          context.report({
            loc: duration.start.loc,
            messageId: 'preferPerfCounter',
            data: { clock: duration.clockText },
            ...(fix !== null && duration.fixable ? { fix } : {}),
            ...(fix !== null && !duration.fixable
              ? { suggest: [{ messageId: duration.clock === 'datetime' ? ('usePerfCounterForTimedelta' as const) : ('usePerfCounter' as const), fix }] }
              : {}),
          });
        },
      });
    }
    const { sourceCode } = context;
    // Every wall-clock read names `Date` (clocks.ts), written out or with a `\u` escape: a file with neither has none.
    if (!sourceCode.text.includes('Date') && !sourceCode.text.includes('\\u')) return {};
    const resolve = (identifier: TSESTree.Identifier): Variable | null => {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope !== null; scope = scope.upper) {
        const variable = scope.set.get(identifier.name);
        if (variable !== undefined) return variable;
      }
      return null;
    };
    return {
      VariableDeclarator(declarator: TSESTree.VariableDeclarator): void {
        // Cheap syntactic filter first: most declarators are not clock reads.
        const init = declarator.init;
        if (init === null || declarator.id.type !== 'Identifier' || (init.type !== 'CallExpression' && init.type !== 'UnaryExpression' && init.type !== 'TSAsExpression')) return;
        const variable = sourceCode.getDeclaredVariables(declarator)[0];
        if (variable === undefined) return;
        const duration = wallClockDuration(declarator, variable, resolve);
        if (duration === null) return;
        const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] =>
          duration.reads.map((read: Node): TSESLint.RuleFix => fixer.replaceText(read, 'performance.now()'));
        const safe = performanceIsGlobal(sourceCode.getScope(declarator));
        context.report({
          node: duration.start,
          messageId: 'preferPerformanceNow',
          data: { clock: duration.clock },
          ...(duration.fixable && safe ? { fix } : {}),
          ...(!duration.fixable && safe ? { suggest: [{ messageId: 'usePerformanceNow' as const, fix }] } : {}),
        });
      },
    };
  },
});
