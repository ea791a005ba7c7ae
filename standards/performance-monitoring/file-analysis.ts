import { monitorBindings, isCriticalFunction, isMeasured, jsDocBefore, metricName, monitorSpecifierFor, type MonitorBindings } from './critical-functions.js';
import { collectFunctionSites, type AstNode, type FileSites, type FunctionSite } from './function-sites.js';
import type { CompiledMonitorOptions } from './options.js';
import { untimedReason } from './trivial-functions.js';
import { detectWrapStyle, monitorImport, wrapFunctionBody, type MonitorImport, type TextEdit, type WrapResult, type WrapStyle } from './body-wrapping.js';

/** A block comment of either AST, by offsets. */
export interface BlockComment {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** A critical function that is not measured, with how to measure it (or why it cannot be wrapped). */
export interface UnmeasuredFunction {
  readonly site: FunctionSite;
  readonly metric: string;
  /** The body edit plus the import edit, or why the body cannot be wrapped. */
  readonly fix: { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly reason: string };
}

/** A critical function with no work of its own to time (empty, checks only, a factory), and why. */
export interface UntimedFunction {
  readonly site: FunctionSite;
  readonly metric: string;
  readonly reason: string;
}

/** The file's critical functions that are not measured. */
export interface MonitorFindings {
  readonly sites: FileSites;
  readonly bindings: MonitorBindings;
  readonly unmeasured: readonly UnmeasuredFunction[];
  /** Critical, not measured, and not asked to be: nothing of their own to time (trivial-functions.ts). */
  readonly untimed: readonly UntimedFunction[];
}

/**
 * The shared pass of `require-performance-monitor` and `wrap-performance-monitor` over one parsed file:
 * its named functions, which are critical (by options, path and tag), which of those are not measured, and
 * for each the edits that wrap its body with the monitor's `measure` (import included); critical functions
 * with no work of their own (empty, checks only, factories) are listed apart as `untimed`. Nested functions
 * are visited only when they can be critical: for `"async"` and `"all"`, or when the file mentions the tag.
 * `projectPath` is the file relative to the project root (null for unsaved buffers: no path globs apply).
 * `collect` finds the named functions (collectFunctionSites; a rule passes one that shares the result with
 * the other rule reading the same file).
 * @complexity O(top-level statements + class members) per file; O(nodes) when nested functions are visited.
 */
export function findUnmeasuredFunctions(
  program: AstNode,
  source: string,
  comments: readonly BlockComment[],
  projectPath: string | null,
  options: CompiledMonitorOptions,
  collect: (program: AstNode, source: string, nested: boolean) => FileSites = collectFunctionSites,
): MonitorFindings {
  const nested = options.functions === 'async' || options.functions === 'all' || source.includes(options.tagWithAt);
  const sites = collect(program, source, nested);
  const bindings = monitorBindings(program, options.monitor, projectPath);
  const inCriticalPath = projectPath !== null && options.isCriticalPath(projectPath);
  const unmeasured: UnmeasuredFunction[] = [];
  const untimed: UntimedFunction[] = [];
  // The style and the import are the same for every function of the file: computed at the first one.
  let style: WrapStyle | null = null;
  let measureImport: MonitorImport | null = null;
  for (const site of sites.functions) {
    if (!site.hasBody) continue;
    let doc: string | null = null;
    for (const node of site.docNodes) doc ??= jsDocBefore(node, comments, source);
    if (!isCriticalFunction(site, options, inCriticalPath, doc)) continue;
    if (isMeasured(site, bindings, options.monitor)) continue;
    const metric = metricName(projectPath ?? '<input>', site);
    const untimedBecause = untimedReason(site);
    if (untimedBecause !== null) {
      untimed.push({ site, metric, reason: untimedBecause });
      continue;
    }
    style ??= detectWrapStyle(program, source);
    measureImport ??= monitorImport(program, source, bindings, monitorSpecifierFor(options.monitor, projectPath), options.monitor.measure, style, bindings.measure);
    const wrapped = wrapFunctionBody(site, source, measureImport.callee, metric, style);
    unmeasured.push({ site, metric, fix: withImport(wrapped, measureImport.edit) });
  }
  return { sites, bindings, unmeasured, untimed };
}

function withImport(wrapped: WrapResult, importEdit: TextEdit | null): UnmeasuredFunction['fix'] {
  if (!wrapped.ok) return wrapped;
  return { ok: true, edits: importEdit === null ? [wrapped.edit] : [wrapped.edit, importEdit] };
}
