import { compileGlobs, type PathMatcher } from '../shared/project-paths.js';

/**
 * What `require-performance-monitor` (and the `wrap-performance-monitor` codemod and the `critical` mode of
 * `require-performance-docs`, which read the same options) call a critical function, and which monitor
 * measures it. workspace-standards.md, "Performance monitoring in all critical functions".
 */

/** Which named functions of a matching file are critical (a `tag` makes any function critical). */
export type CriticalFunctions = 'exported-async' | 'exported' | 'async' | 'all';

/** The monitor: the module to import and its two exports. */
export interface MonitorModule {
  /** Import specifier; one starting with `./` or `../` is a path from the project root, written relative to each file. */
  readonly module: string;
  /** The export that wraps a function: `monitored(name, fn)`. */
  readonly monitored: string;
  /** The export that runs and times a callback now: `measure(name, fn)`. */
  readonly measure: string;
}

export interface PerformanceMonitorOptions {
  readonly functions: CriticalFunctions;
  readonly paths: readonly string[];
  readonly tag: string;
  readonly ignore: readonly string[];
  readonly monitor: MonitorModule;
}

/** The standard's folders of critical code. */
export const DEFAULT_CRITICAL_PATHS: readonly string[] = Object.freeze(['**/{api,services,core,database,workflows}/**']);

/**
 * Test files, which the default `paths` leave out (`tests/api/test_endpoints.py` is under `api/`, but its
 * functions are tests and fakes, not critical code): pytest's default discovery (`test_*.py`, `*_test.py`),
 * `conftest.py`, anything under a `tests/` or `test/` folder; TypeScript's `*.test.*`, `*.spec.*`, `__tests__/`.
 * A user's own `paths` are taken as given.
 */
export const DEFAULT_NOT_CRITICAL_TEST_FILES: readonly string[] = Object.freeze([
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/{tests,test,__tests__}/**',
  '**/*.{test,spec}.*',
]);

export const DEFAULT_MONITOR: MonitorModule = Object.freeze({
  module: 'eslint-plugin-perf-standards/runtime',
  monitored: 'monitored',
  measure: 'measure',
});

export const DEFAULT_PERFORMANCE_MONITOR_OPTIONS: PerformanceMonitorOptions = Object.freeze({
  functions: 'exported-async',
  paths: DEFAULT_CRITICAL_PATHS,
  tag: '@critical',
  ignore: Object.freeze([]) as readonly string[],
  monitor: DEFAULT_MONITOR,
});

/** One line per option, shared by the rule schemas and the docs. */
export const PERFORMANCE_MONITOR_OPTION_DESCRIPTIONS = Object.freeze({
  functions:
    'Which named functions of a file matching `paths` are critical: `"exported-async"` (default) exported async functions and async public methods of exported classes; `"exported"` all of those, async or not; `"async"` every named async function; `"all"` every named function. Constructors, getters and setters never are.',
  paths:
    'Globs, relative to the folder of the ESLint config file, of the files whose functions are critical; default `["**/{api,services,core,database,workflows}/**"]`, test files left out (`test_*.py`, `*_test.py`, `conftest.py`, `tests/`, `test/`, `__tests__/`, `*.test.*`, `*.spec.*`).',
  tag: 'A JSDoc tag that makes any function critical, wherever it is; default `"@critical"`.',
  ignore: 'Glob patterns, relative to the folder of the ESLint config file, of files this rule skips (compiled once per configuration).',
  monitor:
    'The monitor that measures: `module` (import specifier; `./` or `../` means a path from the project root), and the names of its `monitored(name, fn)` and `measure(name, fn)` exports; default this package\'s runtime.',
  module:
    'Import specifier of the monitor; a specifier starting with `./` or `../` is a path from the project root. Production code imports it, so it must load in production: a file of the project, or a package in `dependencies` (the default, this plugin, is usually a devDependency; `wrap-performance-monitor` stops when it would not load).',
  monitored: 'Name of the export that wraps a function: `monitored(name, fn)`.',
  measure: 'Name of the export that runs and times a callback: `measure(name, fn)`.',
} as const);

const FUNCTION_MODES: ReadonlySet<string> = new Set(['exported-async', 'exported', 'async', 'all']);

const isStringList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((entry: unknown): boolean => typeof entry === 'string');
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Fills the defaults in; `raw` is what ESLint (or the codemod runner) resolved from the user's config.
 * Values of the wrong type fall back to the default (ESLint's schema rejects them first for the rules).
 * @complexity O(number of globs).
 */
export function resolvePerformanceMonitorOptions(raw: Readonly<Record<string, unknown>> | undefined): PerformanceMonitorOptions {
  const given = raw ?? {};
  const monitor = (typeof given['monitor'] === 'object' && given['monitor'] !== null ? given['monitor'] : {}) as Readonly<Record<string, unknown>>;
  const functions = given['functions'];
  return {
    functions: typeof functions === 'string' && FUNCTION_MODES.has(functions) ? (functions as CriticalFunctions) : DEFAULT_PERFORMANCE_MONITOR_OPTIONS.functions,
    paths: isStringList(given['paths']) ? given['paths'] : DEFAULT_CRITICAL_PATHS,
    tag: isName(given['tag']) ? given['tag'] : DEFAULT_PERFORMANCE_MONITOR_OPTIONS.tag,
    ignore: isStringList(given['ignore']) ? given['ignore'] : [],
    monitor: {
      module: isName(monitor['module']) ? monitor['module'] : DEFAULT_MONITOR.module,
      monitored: isName(monitor['monitored']) ? monitor['monitored'] : DEFAULT_MONITOR.monitored,
      measure: isName(monitor['measure']) ? monitor['measure'] : DEFAULT_MONITOR.measure,
    },
  };
}

/** The options with their globs compiled, built once per configuration. */
export interface CompiledMonitorOptions extends PerformanceMonitorOptions {
  readonly isCriticalPath: PathMatcher;
  readonly isIgnored: PathMatcher;
  /** The tag with its `@`, e.g. `@critical`. */
  readonly tagWithAt: string;
}

/** Whether a project path is a test file by DEFAULT_NOT_CRITICAL_TEST_FILES (pytest's default discovery and the like). */
export const isTestFile: PathMatcher = compileGlobs(DEFAULT_NOT_CRITICAL_TEST_FILES);
const withoutTestFiles = (matcher: PathMatcher): PathMatcher => (projectPath: string): boolean => matcher(projectPath) && !isTestFile(projectPath);

/**
 * Resolves and compiles the options (globs once); the default `paths` leave test files out
 * (DEFAULT_NOT_CRITICAL_TEST_FILES).
 * @complexity O(total glob length).
 */
export function compileMonitorOptions(raw: Readonly<Record<string, unknown>> | undefined): CompiledMonitorOptions {
  const options = resolvePerformanceMonitorOptions(raw);
  return {
    ...options,
    isCriticalPath: options.paths === DEFAULT_CRITICAL_PATHS ? withoutTestFiles(compileGlobs(options.paths)) : compileGlobs(options.paths),
    isIgnored: compileGlobs(options.ignore),
    tagWithAt: options.tag.startsWith('@') ? options.tag : `@${options.tag}`,
  };
}

/**
 * Whether a monitor `module` names a file of the project (`./x.js`, `../x.js`) rather than a package.
 * @complexity O(1).
 */
export function isProjectModule(module: string): boolean {
  return module.startsWith('./') || module.startsWith('../');
}
