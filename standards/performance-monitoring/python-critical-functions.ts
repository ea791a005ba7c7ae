import type { PythonNode } from '../shared/python-ast.js';
import { bodyDefinitions, decoratorExpression, decoratorsOf, docstringOf, isPublicName, type PythonNames } from '../shared/python-names.js';
import type { CompiledMonitorOptions } from './options.js';
import { pythonUntimedReason } from './python-trivial-functions.js';

/**
 * The performance-monitoring standard on Python (workspace-standards.md: "every critical function is
 * decorated with `@performance_monitor`"). Critical, in a file that matches the `paths` option (the
 * `api`, `services`, `core`, `database` and `workflows` folders by default), by the `functions` option:
 * `"exported-async"` (default) public `async def`s at module level and public async methods of public
 * module-level classes ("public": not starting with `_`; Python's `__all__` is not read); `"exported"` the
 * same, async or not; `"async"` every `async def`; `"all"` every `def`. Anywhere: a function whose
 * docstring contains the tag (`@critical`). Never: dunder methods (`__init__`, …), properties and their
 * setters; nor functions with no work of their own to time (python-trivial-functions.ts).
 */

/** The decorators that measure a function by default: the standard's `performance_monitor`. */
export const DEFAULT_MONITOR_DECORATORS: readonly string[] = Object.freeze(['performance_monitor']);

/** A function and its name. */
export interface UnmonitoredFunction {
  readonly fn: PythonNode;
  readonly name: string;
}

function isPropertyLike(fn: PythonNode, names: PythonNames): boolean {
  return decoratorsOf(fn).some((decorator: PythonNode): boolean => {
    const text = names.textOf(decoratorExpression(decorator) as PythonNode);
    return text === 'property' || text === 'functools.cached_property' || text === 'cached_property' || /\.(?:setter|deleter|getter)$/u.test(text);
  });
}

// The decorator's callee as written (`perf.monitor` for `@perf.monitor("x")`), and as resolved through imports.
function decoratorNames(decorator: PythonNode, names: PythonNames): readonly string[] {
  const expression = decoratorExpression(decorator);
  if (expression === null) return [];
  const callee = expression.type === 'Call' && expression.function ? expression.function : expression;
  const written = names.textOf(callee).replace(/\s+/gu, '');
  const resolved = names.qualifiedName(callee);
  return resolved === null ? [written] : [written, resolved];
}

/**
 * Whether a function carries one of the monitor decorators: a name matches as written (`perf.monitor`) or
 * as the end of what it resolves to through the imports (`from app.perf import performance_monitor as pm`
 * makes `@pm` match `performance_monitor`).
 * @complexity O(decorators × monitor names).
 */
export function isMonitored(fn: PythonNode, names: PythonNames, monitors: readonly string[]): boolean {
  return decoratorsOf(fn).some((decorator: PythonNode): boolean =>
    decoratorNames(decorator, names).some((name: string): boolean =>
      monitors.some((monitor: string): boolean => name === monitor || name.endsWith(`.${monitor}`)),
    ),
  );
}

function hasTag(fn: PythonNode, names: PythonNames, tag: string): boolean {
  const docstring = docstringOf(fn);
  return docstring !== null && names.textOf(docstring).includes(tag);
}

/** A critical function left undecorated on purpose, and why. */
export interface UntimedFunction extends UnmonitoredFunction {
  readonly reason: string;
}

/** The critical functions of a file that no monitor decorator measures, split by whether they do work to time. */
export interface PythonMonitorFindings {
  /** To decorate (the rule reports them, the codemod decorates them). */
  readonly unmonitored: readonly UnmonitoredFunction[];
  /** Left alone: empty, checks only, factories (python-trivial-functions.ts). */
  readonly untimed: readonly UntimedFunction[];
}

/**
 * The critical functions of a file that no monitor decorator measures, those with work to time apart from
 * the others. `criticalFile`: the file matches the `paths` option.
 * @complexity O(functions of the file × decorators + their bodies).
 */
export function pythonMonitorFindings(names: PythonNames, options: CompiledMonitorOptions, criticalFile: boolean, monitors: readonly string[]): PythonMonitorFindings {
  const unmonitored: UnmonitoredFunction[] = [];
  const untimed: UntimedFunction[] = [];
  for (const found of criticalPythonFunctions(names, options, criticalFile)) {
    if (isMonitored(found.fn, names, monitors)) continue;
    const reason = pythonUntimedReason(found.fn, names.textOf);
    if (reason === null) unmonitored.push(found);
    else untimed.push({ ...found, reason });
  }
  return { unmonitored, untimed };
}

/**
 * The critical functions of a file that no monitor decorator measures and that have work to time (what the
 * rule reports). `criticalFile`: the file matches the `paths` option.
 * @complexity O(functions of the file × decorators + their bodies).
 */
export function unmonitoredPythonFunctions(names: PythonNames, options: CompiledMonitorOptions, criticalFile: boolean, monitors: readonly string[]): readonly UnmonitoredFunction[] {
  return pythonMonitorFindings(names, options, criticalFile, monitors).unmonitored;
}

/**
 * The critical functions of a file (see the module's docstring), in source order.
 * @complexity O(functions of the file + docstrings' length).
 */
export function criticalPythonFunctions(names: PythonNames, options: CompiledMonitorOptions, criticalFile: boolean): UnmonitoredFunction[] {
  const found: UnmonitoredFunction[] = [];
  const consider = (fn: PythonNode, publicSurface: boolean): void => {
    const name = names.definitionName(fn);
    if ((name.startsWith('__') && name.endsWith('__')) || isPropertyLike(fn, names)) return;
    const byMode =
      criticalFile &&
      (options.functions === 'all' ||
        (options.functions === 'async' && fn.async === true) ||
        (options.functions === 'exported' && publicSurface && isPublicName(name)) ||
        (options.functions === 'exported-async' && publicSurface && isPublicName(name) && fn.async === true));
    if (byMode || hasTag(fn, names, options.tagWithAt)) found.push({ fn, name });
  };
  const visit = (scope: PythonNode, publicSurface: boolean): void => {
    for (const statement of bodyDefinitions(scope)) {
      if (statement.type === 'FunctionDefinition') {
        consider(statement, publicSurface);
        visit(statement, false);
      } else if (statement.type === 'ClassDefinition') {
        visit(statement, publicSurface && isPublicName(names.definitionName(statement)) && scope.type === 'Module');
      } else {
        for (const nested of statement.children) if (nested.type === 'Block' || /Clause$/u.test(nested.type)) visitBlock(nested, publicSurface && scope.type === 'Module');
      }
    }
  };
  // `if` / `try` / `with` blocks at module level hold module-level definitions too.
  const visitBlock = (block: PythonNode, publicSurface: boolean): void => {
    for (const child of block.children) {
      const definition = child.type === 'DecoratedDefinition' && child.definition ? (child.definition as PythonNode) : child;
      if (definition.type === 'FunctionDefinition') {
        consider(definition, publicSurface);
        visit(definition, false);
      } else if (definition.type === 'ClassDefinition') visit(definition, publicSurface && isPublicName(names.definitionName(definition)));
      else if (definition.type === 'Block' || /Clause$/u.test(definition.type)) visitBlock(definition, publicSurface);
    }
  };
  visit(names.module, true);
  return found;
}
