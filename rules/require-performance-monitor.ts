import type { TSESTree } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { findUnmeasuredFunctions } from '../standards/performance-monitoring/file-analysis.js';
import { rangeOf, type AstNode, type FileSites } from '../standards/performance-monitoring/function-sites.js';
import {
  compileMonitorOptions,
  PERFORMANCE_MONITOR_OPTION_DESCRIPTIONS as DESCRIBE,
  type CriticalFunctions,
} from '../standards/performance-monitoring/options.js';
import { memoizeByOptions, toProjectPath } from '../standards/shared/project-paths.js';
import { optionsBaseFolder } from '../standards/shared/config-folder.js';
import { DEFAULT_MONITOR_DECORATORS, unmonitoredPythonFunctions } from '../standards/performance-monitoring/python-critical-functions.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';
import { ignoreSchema } from './utils/option-schemas.js';
import { lintedBlockComments, lintedFunctionSites } from './utils/linted-function-sites.js';

export type Options = [
  {
    functions?: CriticalFunctions;
    paths?: string[];
    tag?: string;
    ignore?: string[];
    monitor?: { module?: string; monitored?: string; measure?: string };
    decorators?: string[];
    decoratorModule?: string;
  },
];
export type MessageIds = 'unmeasured' | 'unmeasuredByHand' | 'wrapWithMeasure' | 'undecorated';

const globList = (description: string): JSONSchema4 => ({ type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description });
const name = (description: string): JSONSchema4 => ({ type: 'string', minLength: 1, description });

/** The rule's option schema, shared with `require-performance-docs` (its `critical` mode reads these options). */
export const MONITOR_OPTION_PROPERTIES: Readonly<Record<'functions' | 'paths' | 'tag' | 'ignore' | 'monitor', JSONSchema4>> = Object.freeze({
  functions: { type: 'string', enum: ['exported-async', 'exported', 'async', 'all'], description: DESCRIBE.functions },
  paths: globList(DESCRIBE.paths),
  tag: name(DESCRIBE.tag),
  ignore: ignoreSchema,
  monitor: {
    type: 'object',
    additionalProperties: false,
    description: DESCRIBE.monitor,
    properties: { module: name(DESCRIBE.module), monitored: name(DESCRIBE.monitored), measure: name(DESCRIBE.measure) },
  },
});

const compile = memoizeByOptions((options: Options[0]) => compileMonitorOptions(options));

export default createRule<Options, MessageIds>({
  name: 'require-performance-monitor',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require critical functions (exported async functions in api, services, core, database and workflows folders, or tagged `@critical`) to be measured by the performance monitor',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    hasSuggestions: true,
    messages: {
      unmeasured:
        'Measure critical function {{name}} with the performance monitor: wrap it in `{{monitored}}(…)` or make its body `return {{measure}}(\'{{metric}}\', () => …)` (the suggestion and `perf-standards fix wrap-performance-monitor` do it).',
      unmeasuredByHand:
        'Measure critical function {{name}} by hand with `{{measure}}(…)` around the work it does: it cannot be wrapped automatically because {{reason}}.',
      wrapWithMeasure: 'Wrap the body of {{name}} in `{{measure}}(\'{{metric}}\', …)`.',
      undecorated: 'Measure critical function "{{name}}" with the performance monitor: decorate it with `@{{decorator}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...MONITOR_OPTION_PROPERTIES,
          decorators: {
            type: 'array',
            items: { type: 'string', minLength: 1, pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
            uniqueItems: true,
            minItems: 1,
            description:
              'Python: the decorators that measure a function, as written (`perf.monitor`) or the name they are imported under; default `["performance_monitor"]`, the standard\'s. The first one is named in the message.',
          },
          decoratorModule: {
            type: 'string',
            minLength: 1,
            pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$',
            description:
              'Python: the module `wrap-performance-monitor` imports the first of `decorators` from (`from app.performance.monitor import performance_monitor`), an absolute dotted name; default: the one module the project already imports it from.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const compiled = compile(options);
    const projectPath = toProjectPath(context.filename, optionsBaseFolder(context.filename, context.cwd, context.settings));
    if (projectPath !== null && compiled.isIgnored(projectPath)) return {};
    const python = pythonNamesOf(context);
    if (python !== null) {
      const decorators = options.decorators ?? DEFAULT_MONITOR_DECORATORS;
      const criticalFile = projectPath !== null && compiled.isCriticalPath(projectPath);
      return asRuleListener({
        Module(): void {
          for (const { fn, name: functionName } of unmonitoredPythonFunctions(python, compiled, criticalFile, decorators)) {
            context.report({
              loc: (fn.name as typeof fn).loc,
              messageId: 'undecorated',
              data: { name: functionName, decorator: decorators[0] ?? DEFAULT_MONITOR_DECORATORS[0] },
            });
          }
        },
      });
    }
    const { sourceCode } = context;
    // A function is critical by its tag or by the file's path: a file with neither has nothing to report.
    if (!(projectPath !== null && compiled.isCriticalPath(projectPath)) && !sourceCode.text.includes(compiled.tagWithAt)) return {};
    return {
      Program(program: TSESTree.Program): void {
        const findings = findUnmeasuredFunctions(
          program as unknown as AstNode,
          sourceCode.text,
          lintedBlockComments(program, sourceCode.getAllComments()),
          projectPath,
          compiled,
          (_root: AstNode, source: string, nested: boolean): FileSites => lintedFunctionSites(program, source, nested),
        );
        const { monitored, measure } = compiled.monitor;
        for (const { site, metric, fix } of findings.unmeasured) {
          const [start, end] = rangeOf(site.nameNode);
          const loc = { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
          const data = { name: `"${site.displayName}"`, monitored, measure, metric };
          if (!fix.ok) {
            context.report({ loc, messageId: 'unmeasuredByHand', data: { name: data.name, measure, reason: fix.reason } });
            continue;
          }
          context.report({
            loc,
            messageId: 'unmeasured',
            data,
            suggest: [
              {
                messageId: 'wrapWithMeasure',
                data,
                fix: (fixer) => fix.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
              },
            ],
          });
        }
      },
    };
  },
});
