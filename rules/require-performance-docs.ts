import type { TSESTree } from '@typescript-eslint/utils';
import { isCriticalFunction, jsDocBefore } from '../standards/performance-monitoring/critical-functions.js';
import { rangeOf, type AstNode } from '../standards/performance-monitoring/function-sites.js';
import { compileMonitorOptions, isTestFile, type CriticalFunctions } from '../standards/performance-monitoring/options.js';
import { DEFAULT_PERFORMANCE_TAGS, performanceDocProblem } from '../standards/performance-monitoring/performance-docs.js';
import { memoizeByOptions, toProjectPath } from '../standards/shared/project-paths.js';
import { optionsBaseFolder } from '../standards/shared/config-folder.js';
import { criticalPythonFunctions } from '../standards/performance-monitoring/python-critical-functions.js';
import { publicPythonFunctions, pythonPerformanceDocProblem } from '../standards/performance-monitoring/python-performance-docs.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';
import { MONITOR_OPTION_PROPERTIES } from './require-performance-monitor.js';
import { lintedBlockComments, lintedFunctionSites } from './utils/linted-function-sites.js';

export type Options = [
  {
    tags?: string[];
    critical?: boolean;
    functions?: CriticalFunctions;
    paths?: string[];
    tag?: string;
    ignore?: string[];
  },
];
export type MessageIds = 'missingPerformanceDoc' | 'malformedComplexity' | 'missingPerformanceDocstring' | 'malformedDocstringComplexity';

const compile = memoizeByOptions((options: Options[0]) => ({
  monitor: compileMonitorOptions(options),
  tags: (options.tags ?? DEFAULT_PERFORMANCE_TAGS).map((tag: string): string => (tag.startsWith('@') ? tag : `@${tag}`)),
  critical: options.critical === true,
}));

const DECLARATION_FILE = /\.d\.[cm]?ts$/u;

export default createRule<Options, MessageIds>({
  name: 'require-performance-docs',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require exported functions, classes and public methods to state their performance in JSDoc (`@complexity O(…)` or `@performance …`)',
      recommended: 'recommended',
      defaultSeverity: 'warn',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    messages: {
      missingPerformanceDoc: 'State the performance of {{name}} in its JSDoc with a non-empty {{tags}} tag.',
      malformedComplexity: 'Write the `@complexity` of {{name}} as Big-O, such as `O(n log n)` or `O(1) amortized`, instead of "{{value}}".',
      missingPerformanceDocstring:
        'State the performance of {{name}} in its docstring: a Sphinx field `:complexity: O(…)` or a `Complexity:` / `Performance:` section.',
      malformedDocstringComplexity: 'Write the complexity of {{name}} as Big-O, such as `O(n log n)` or `O(1) amortized`, instead of "{{value}}".',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          tags: {
            type: 'array',
            items: { type: 'string', minLength: 2 },
            minItems: 1,
            uniqueItems: true,
            description: 'The JSDoc tags that state a performance characteristic; any one, with a value, is enough. Default `["@complexity", "@performance"]`.',
          },
          critical: {
            type: 'boolean',
            description:
              'Check only the functions `require-performance-monitor` calls critical (set `functions`, `paths` and `tag` as for that rule), not classes nor the rest of the exported API. Default `false`.',
          },
          functions: MONITOR_OPTION_PROPERTIES['functions'],
          paths: MONITOR_OPTION_PROPERTIES['paths'],
          tag: MONITOR_OPTION_PROPERTIES['tag'],
          ignore: MONITOR_OPTION_PROPERTIES['ignore'],
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    if (DECLARATION_FILE.test(context.filename)) return {};
    const { monitor, tags, critical } = compile(options);
    const projectPath = toProjectPath(context.filename, optionsBaseFolder(context.filename, context.cwd, context.settings));
    if (projectPath !== null && monitor.isIgnored(projectPath)) return {};
    const python = pythonNamesOf(context);
    if (python !== null) {
      return asRuleListener({
        Module(): void {
          const functions = critical
            ? criticalPythonFunctions(python, monitor, projectPath !== null && monitor.isCriticalPath(projectPath)).map((found): PythonNode => found.fn)
            : publicPythonFunctions(python, projectPath !== null && isTestFile(projectPath));
          for (const fn of functions) {
            const problem = pythonPerformanceDocProblem(fn, python);
            if (problem === null) continue;
            const name = `"${python.definitionName(fn)}"`;
            const loc = (fn.name as PythonNode).loc;
            if (problem.kind === 'missing') context.report({ loc, messageId: 'missingPerformanceDocstring', data: { name } });
            else context.report({ loc, messageId: 'malformedDocstringComplexity', data: { name, value: problem.value } });
          }
        },
      });
    }
    const { sourceCode } = context;
    const source = sourceCode.text;
    const inCriticalPath = projectPath !== null && monitor.isCriticalPath(projectPath);
    // Nothing to report: without `critical`, only the exported API is judged (every export is written
    // `export`); with it, a function is critical by its tag or by the file's path.
    if (critical ? !inCriticalPath && !source.includes(monitor.tagWithAt) : !source.includes('export')) return {};
    const tagList = tags.map((tag: string): string => `\`${tag}\``).join(' or ');
    return {
      Program(program: TSESTree.Program): void {
        const nested = critical && (monitor.functions === 'async' || monitor.functions === 'all' || source.includes(monitor.tagWithAt));
        const sites = lintedFunctionSites(program, source, nested);
        const comments = lintedBlockComments(program, sourceCode.getAllComments());
        const docOf = (nodes: readonly AstNode[]): string | null => {
          let doc: string | null = null;
          for (const node of nodes) doc ??= jsDocBefore(node, comments, source);
          return doc;
        };
        const check = (nameNode: AstNode, name: string, doc: string | null): void => {
          const problem = performanceDocProblem(doc, tags);
          if (problem === null) return;
          const [start, end] = rangeOf(nameNode);
          const loc = { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
          if (problem.kind === 'missing') context.report({ loc, messageId: 'missingPerformanceDoc', data: { name: `"${name}"`, tags: tagList } });
          else context.report({ loc, messageId: 'malformedComplexity', data: { name: `"${name}"`, value: problem.value } });
        };
        for (const site of sites.functions) {
          // Without `critical` only the exported API is judged: the rest is skipped before its comment is read.
          if (!critical && !site.publicApi) continue;
          const doc = docOf(site.docNodes);
          if (critical && !isCriticalFunction(site, monitor, inCriticalPath, doc)) continue;
          check(site.nameNode, site.displayName, doc);
        }
        if (critical) return;
        for (const site of sites.classes) check(site.nameNode, site.displayName, docOf(site.docNodes));
      },
    };
  },
});
