import path from 'node:path';
import { dirName } from '../shared/project-paths.js';
import { rangeOf, type AstNode, type FunctionSite } from './function-sites.js';
import { isProjectModule, type CompiledMonitorOptions, type MonitorModule } from './options.js';

/**
 * Which functions are critical and whether they are measured: the knowledge `require-performance-monitor`,
 * `require-performance-docs` (`critical: true`) and the `wrap-performance-monitor` codemod share.
 */

const child = (node: AstNode, key: string): AstNode | null => {
  const value = node[key];
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as AstNode) : null;
};
const children = (node: AstNode, key: string): readonly AstNode[] => {
  const value = node[key];
  return Array.isArray(value) ? (value as AstNode[]) : [];
};

/**
 * Whether a JSDoc comment's text (without `/*` and `*\/`) carries `tag` (with its `@`) as a block tag.
 * @complexity O(length of the comment).
 */
export function hasJsDocTag(doc: string | null, tag: string): boolean {
  if (doc === null) return false;
  let from = doc.indexOf(tag);
  while (from !== -1) {
    const before = from === 0 ? ' ' : (doc[from - 1] ?? ' ');
    const after = doc[from + tag.length] ?? ' ';
    if (/[\s*]/u.test(before) && !/[\w-]/u.test(after)) return true;
    from = doc.indexOf(tag, from + tag.length);
  }
  return false;
}

/**
 * Whether a function is critical: tagged (anywhere), or in a file matching `paths` and of the kind
 * `functions` selects. `doc` is the text of its JSDoc comment, if any.
 * @complexity O(length of the doc comment).
 */
export function isCriticalFunction(site: FunctionSite, options: CompiledMonitorOptions, inCriticalPath: boolean, doc: string | null): boolean {
  if (hasJsDocTag(doc, options.tagWithAt)) return true;
  if (!inCriticalPath) return false;
  switch (options.functions) {
    case 'exported-async':
      return site.publicApi && site.async;
    case 'exported':
      return site.publicApi;
    case 'async':
      return site.async;
    case 'all':
      return true;
  }
}

/** The local names a file binds to the monitor's exports. */
export interface MonitorBindings {
  /** Local names of `measure` (`import { measure as m }` → `m`). */
  readonly measure: ReadonlySet<string>;
  /** Local names of `monitored`. */
  readonly monitored: ReadonlySet<string>;
  /** Namespace imports of the monitor module (`import * as perf`), whose members count too. */
  readonly namespaces: ReadonlySet<string>;
  /** The import declaration a new specifier can join (a value import with named or default specifiers), if any. */
  readonly joinable: AstNode | null;
}

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

/**
 * The specifier a file at `projectPath` imports the monitor by: the configured one for a package, and a
 * relative path from the file for a project module (`./src/monitor.js` from `src/api/users.ts` → `../monitor.js`).
 * @complexity O(length of the paths).
 */
export function monitorSpecifierFor(monitor: MonitorModule, projectPath: string | null): string {
  if (!isProjectModule(monitor.module) || projectPath === null) return monitor.module;
  const relative = path.posix.relative(dirName(projectPath), path.posix.normalize(monitor.module));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function importsMonitor(specifier: string, monitor: MonitorModule, projectPath: string | null): boolean {
  if (specifier === monitor.module) return true;
  if (!isProjectModule(monitor.module) || projectPath === null || !specifier.startsWith('.')) return false;
  const resolved = path.posix.normalize(path.posix.join(dirName(projectPath), specifier));
  return resolved.replace(SOURCE_EXTENSION, '') === path.posix.normalize(monitor.module).replace(SOURCE_EXTENSION, '');
}

function stringValue(node: AstNode | null): string | null {
  if (node === null) return null;
  if (node.type === 'Identifier') return node['name'] as string;
  return typeof node['value'] === 'string' ? node['value'] : null;
}

/**
 * Reads the file's imports of the monitor module (type-only imports do not count).
 * @complexity O(top-level statements).
 */
export function monitorBindings(program: AstNode, monitor: MonitorModule, projectPath: string | null): MonitorBindings {
  const measure = new Set<string>();
  const monitored = new Set<string>();
  const namespaces = new Set<string>();
  let joinable: AstNode | null = null;
  for (const statement of children(program, 'body')) {
    if (statement.type !== 'ImportDeclaration' || statement['importKind'] === 'type') continue;
    const specifier = stringValue(child(statement, 'source'));
    if (specifier === null || !importsMonitor(specifier, monitor, projectPath)) continue;
    const specifiers = children(statement, 'specifiers');
    for (const entry of specifiers) {
      const local = stringValue(child(entry, 'local'));
      if (local === null) continue;
      if (entry.type === 'ImportNamespaceSpecifier') namespaces.add(local);
      if (entry.type !== 'ImportSpecifier' || entry['importKind'] === 'type') continue;
      const imported = stringValue(child(entry, 'imported'));
      if (imported === monitor.measure) measure.add(local);
      if (imported === monitor.monitored) monitored.add(local);
    }
    const namespaced = specifiers.some((entry: AstNode): boolean => entry.type === 'ImportNamespaceSpecifier');
    if (joinable === null && specifiers.length > 0 && !namespaced) joinable = statement;
  }
  return { measure, monitored, namespaces, joinable };
}

function isMonitorCallee(callee: AstNode | null, names: ReadonlySet<string>, bindings: MonitorBindings, exported: string): boolean {
  if (callee === null) return false;
  if (callee.type === 'Identifier') return names.has(callee['name'] as string);
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee['computed'] !== true) {
    const object = child(callee, 'object');
    return object !== null && object.type === 'Identifier' && bindings.namespaces.has(object['name'] as string) && stringValue(child(callee, 'property')) === exported;
  }
  return false;
}

function unwrapAwait(node: AstNode | null): AstNode | null {
  let current = node;
  while (current !== null && (current.type === 'AwaitExpression' || current.type === 'ParenthesizedExpression' || current.type === 'TSAsExpression')) {
    current = child(current, current.type === 'AwaitExpression' ? 'argument' : 'expression');
  }
  return current;
}

function isMeasureCall(node: AstNode | null, bindings: MonitorBindings, monitor: MonitorModule): boolean {
  const call = unwrapAwait(node);
  return call !== null && call.type === 'CallExpression' && isMonitorCallee(child(call, 'callee'), bindings.measure, bindings, monitor.measure);
}

/**
 * Whether a function is measured by the monitor: passed to `monitored(…)`, decorated with it, or timing
 * its body with `measure(…)` in one of its top-level statements (`return measure(…)`, `await measure(…)`,
 * `const x = measure(…)`), or an arrow whose expression is such a call.
 * @complexity O(top-level statements of its body).
 */
export function isMeasured(site: FunctionSite, bindings: MonitorBindings, monitor: MonitorModule): boolean {
  if (site.wrapper !== null && isMonitorCallee(child(site.wrapper, 'callee'), bindings.monitored, bindings, monitor.monitored)) return true;
  for (const decorator of site.decorators) {
    let expression = child(decorator, 'expression');
    if (expression !== null && expression.type === 'CallExpression') expression = child(expression, 'callee');
    if (isMonitorCallee(expression, bindings.monitored, bindings, monitor.monitored)) return true;
  }
  const body = child(site.fn, 'body');
  if (body === null) return false;
  if (body.type !== 'BlockStatement') return isMeasureCall(body, bindings, monitor);
  for (const statement of children(body, 'body')) {
    if (statement.type === 'ReturnStatement' && isMeasureCall(child(statement, 'argument'), bindings, monitor)) return true;
    if (statement.type === 'ExpressionStatement' && isMeasureCall(child(statement, 'expression'), bindings, monitor)) return true;
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of children(statement, 'declarations')) if (isMeasureCall(child(declarator, 'init'), bindings, monitor)) return true;
    }
  }
  return false;
}

/**
 * The metric name a function is measured under: `<project-relative path>#<qualified name>`, e.g.
 * `src/api/users.ts#UserService.prototype.find`; stable while the file and the function keep their names.
 * @complexity O(length of the name).
 */
export function metricName(projectPath: string, site: FunctionSite): string {
  return `${projectPath}#${site.qualifiedName}`;
}

/**
 * The text of a node's JSDoc (`/** … *\/`, without the delimiters) from the comment that ends right before
 * it, given the file's block comments sorted by start.
 * @complexity O(log comments).
 */
export function jsDocBefore(node: AstNode, comments: readonly { readonly start: number; readonly end: number; readonly value: string }[], source: string): string | null {
  let [start] = rangeOf(node);
  // A decorated method's comment sits above its decorators, which one AST counts in its range and the other not;
  // a class's decorators written before `export` (`@sealed export class A`) lie before the export statement.
  const declaration = child(node, 'declaration');
  for (const decorated of declaration === null ? [node] : [node, declaration]) {
    for (const decorator of children(decorated, 'decorators')) start = Math.min(start, rangeOf(decorator)[0]);
  }
  let low = 0;
  let high = comments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((comments[middle]?.end ?? 0) <= start) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const comment = comments[found];
  if (comment === undefined || !comment.value.startsWith('*')) return null;
  // Only whitespace between the comment and the node: otherwise it documents something else.
  return source.slice(comment.end, start).trim() === '' ? comment.value : null;
}
