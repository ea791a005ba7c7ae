import type { PythonNode } from '../shared/python-ast.js';
import { decoratorExpression, type PythonNames } from '../shared/python-names.js';

/**
 * The plugin's own Python monitor (runtime/python/performance/monitor.py, written into a project by
 * `perf-standards init`) as other codemods see it: its `@performance_monitor` wraps with `functools.wraps`
 * (`__wrapped__`, so `inspect.signature` and type checkers see the function's parameters) and returns a
 * function of the same kind (an `async def` stays a coroutine function). So a function it decorates is,
 * for `concurrent-await` and `add-explicit-types`, the function itself: `wrap-performance-monitor` running
 * first in `fix --all`, or a project decorated by hand, must not hide its critical functions from them.
 * Any other decorator named `performance_monitor` (a project's own) may change the signature or the kind,
 * so only a module whose text is the plugin's monitor counts.
 */

/** The decorator the plugin's monitor exports. */
export const PLUGIN_MONITOR_DECORATOR = 'performance_monitor';

// The first line of the runtime monitor's docstring, which init copies verbatim.
const PLUGIN_MONITOR_HEADER = "\"\"\"The Performance-First Workspace Standards' performance monitor, for Python.";
const DEFINES_DECORATOR = /^def performance_monitor\(/mu;

/**
 * Whether a Python file's text is the plugin's monitor module: it starts with the runtime's docstring and
 * defines `performance_monitor` at module level.
 * @complexity O(length of the text).
 */
export function isPluginMonitorModule(text: string): boolean {
  return text.trimStart().startsWith(PLUGIN_MONITOR_HEADER) && DEFINES_DECORATOR.test(text);
}

/**
 * The dotted module names (`shop.performance_monitor`) of the project's files that are the plugin's monitor,
 * from `path` relative to the root and a function giving a path's module name.
 * @complexity O(total length of the texts).
 */
export function pluginMonitorModules(files: readonly { readonly path: string; readonly text: string | null }[], moduleName: (projectPath: string) => string): readonly string[] {
  return files.filter((file): boolean => file.text !== null && isPluginMonitorModule(file.text)).map((file): string => moduleName(file.path));
}

// A `from` import names a monitor module when one of them is it, or ends with it (a `src/` layout's
// `src.shop.performance_monitor` is imported as `shop.performance_monitor`).
const namesMonitor = (module: string, monitors: readonly string[]): boolean =>
  monitors.some((candidate: string): boolean => candidate === module || candidate.endsWith(`.${module}`));

/**
 * Whether a decorator is the plugin's monitor: `@performance_monitor` or `@performance_monitor("name")`,
 * the name imported by `from <monitor module> import performance_monitor` (absolute import) and not rebound.
 * @complexity O(scope depth).
 */
export function isPluginMonitorDecorator(decorator: PythonNode, names: PythonNames, monitors: readonly string[]): boolean {
  if (monitors.length === 0) return false;
  let expression = decoratorExpression(decorator);
  if (expression?.type === 'Call') expression = expression.function ?? null;
  if (expression?.type !== 'Identifier') return false;
  const name = names.textOf(expression);
  const resolved = names.scopes.resolve(expression, name);
  return resolved.kind === 'import' && resolved.name === PLUGIN_MONITOR_DECORATOR && !resolved.module.startsWith('.') && namesMonitor(resolved.module, monitors);
}
