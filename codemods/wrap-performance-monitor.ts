import { createRequire } from 'node:module';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { applyTextEdits, type TextEdit } from '../standards/performance-monitoring/body-wrapping.js';
import { findUnmeasuredFunctions, type BlockComment } from '../standards/performance-monitoring/file-analysis.js';
import type { AstNode } from '../standards/performance-monitoring/function-sites.js';
import { packageAvailability, projectModuleFiles } from '../standards/performance-monitoring/monitor-dependency.js';
import { compileMonitorOptions, isProjectModule, type CompiledMonitorOptions } from '../standards/performance-monitoring/options.js';
import { DEFAULT_MONITOR_DECORATORS, pythonMonitorFindings } from '../standards/performance-monitoring/python-critical-functions.js';
import { modulesImportingDecorator, MonitorImportUnknown, planPythonDecorations, projectDecoratorModule } from '../standards/performance-monitoring/python-decorating.js';
import { monitorUnreachableReason } from '../standards/performance-monitoring/python-monitor-reach.js';
import { parsePython } from '../standards/shared/python-ast.js';
import { PythonNames } from '../standards/shared/python-names.js';
import { distributionPackages, shippingDistribution, shipsModule, type PythonDistributionPackages } from '../standards/shared/python-packages.js';
import { memoizeByOptions, relativePath } from '../standards/shared/project-paths.js';
import type { CodemodOptions, FileCodemod, FileCodemodContext, FileCodemodProjectInput } from './runner/contract.js';
import { CodemodConfigurationError } from './runner/preflight.js';
import { codemodDeclaration } from './runner/declarations.js';
import { optionsBase } from './runner/rule-options.js';
import { UnparsableSourceError } from './runner/unparsable-source.js';

const compile = memoizeByOptions((options: CodemodOptions): CompiledMonitorOptions => compileMonitorOptions(options));

// Nested critical functions are wrapped one level per pass (an outer body's edit contains the inner one's);
// real code nests critical functions a level or two deep.
const MAX_PASSES = 8;

interface ParsedFile {
  readonly program: AstNode;
  readonly comments: readonly BlockComment[];
}

interface BabelFile {
  readonly program: AstNode;
  readonly comments?: readonly { readonly type: string; readonly start: number; readonly end: number; readonly value: string }[];
}

type Parser = { parse(source: string): BabelFile };

// jscodeshift's own parsers (the options `j.withParser` uses), called directly: its recast layer is not needed
// for text edits, and recast's offsets count a tab as several columns.
const require = createRequire(import.meta.url);
const PARSERS: Readonly<Record<string, () => Parser>> = Object.freeze({
  ts: (): Parser => (require('jscodeshift/parser/ts.js') as () => Parser)(),
  tsx: (): Parser => (require('jscodeshift/parser/tsx.js') as () => Parser)(),
  babylon: (): Parser => (require('jscodeshift/parser/babylon.js') as () => Parser)(),
});
const loaded = new Map<string, Parser>();

function parserFor(file: string): Parser {
  const extension = path.extname(file).toLowerCase();
  const name = extension === '.tsx' ? 'tsx' : extension === '.ts' || extension === '.mts' || extension === '.cts' ? 'ts' : 'babylon';
  let parser = loaded.get(name);
  if (parser === undefined) {
    parser = (PARSERS[name] ?? PARSERS['babylon'] as () => Parser)();
    loaded.set(name, parser);
  }
  return parser;
}

function parse(file: string, source: string): ParsedFile {
  const parsed = parserFor(file).parse(source);
  const comments: BlockComment[] = [];
  for (const comment of parsed.comments ?? []) {
    if (comment.type === 'CommentBlock') comments.push({ start: comment.start, end: comment.end, value: comment.value });
  }
  return { program: parsed.program, comments };
}

function isModule(program: AstNode): boolean {
  const body = program['body'] as readonly AstNode[];
  return body.some((statement: AstNode): boolean => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
}

/**
 * One pass: the edits for every unmeasured critical function whose body does not contain another one's edit
 * (those wait for the next pass), plus the import once.
 */
function passEdits(parsed: ParsedFile, source: string, projectPath: string, options: CompiledMonitorOptions, leftAlone: Map<string, string>): readonly TextEdit[] {
  const findings = findUnmeasuredFunctions(parsed.program, source, parsed.comments, projectPath, options);
  for (const { site, metric, reason } of findings.untimed) leftAlone.set(metric, `not measured: \`${site.displayName}\`: ${reason}`);
  const edits: TextEdit[] = [];
  const bodies: (readonly [number, number])[] = [];
  let importEdit: TextEdit | null = null;
  for (const { site, metric, fix } of findings.unmeasured) {
    if (!fix.ok) {
      leftAlone.set(metric, `measure \`${site.displayName}\` by hand: it cannot be wrapped because ${fix.reason}`);
      continue;
    }
    const [body, imported] = fix.edits;
    if (body === undefined) continue;
    if (bodies.some(([start, end]: readonly [number, number]): boolean => body.start < end && start < body.end)) continue;
    bodies.push([body.start, body.end]);
    edits.push(body);
    importEdit ??= imported ?? null;
  }
  if (importEdit !== null) {
    if (!isModule(parsed.program)) {
      throw new Error('the file is a script (no import or export): importing the monitor would turn it into a module; measure its critical functions by hand');
    }
    edits.push(importEdit);
  }
  return edits;
}

/**
 * Rewrites the body of every critical function that is not measured into `return measure('<name>', () => …)`
 * (async callback for async functions), importing the monitor's `measure` once; see
 * standards/performance-monitoring/body-wrapping.ts for what is kept. Generators and bodies that would mean
 * something else inside a callback are left alone, and so are critical functions with nothing of their own to
 * time (empty, checks only, factories: trivial-functions.ts); each is a note of the file saying why.
 * @performance one parse (jscodeshift's parser for the extension) per pass, one pass unless critical functions
 * nest; edits are text splices, so untouched code is byte-identical and nothing is printed.
 */
export function wrapPerformanceMonitor(file: FileInfo, _api: API, options: CodemodOptions, context: FileCodemodContext): string | undefined {
  return isPython(file.path) ? decoratePython(file, options, context) : wrapSource(file, options, context);
}

// Stubs (`.pyi`) have no bodies to time.
const isPython = (file: string): boolean => file.toLowerCase().endsWith('.py');

/** The run's knowledge of where the project imports each decorator from (set by `projectOptions`). */
const IMPORTED_MONITORS = 'importedMonitors';
/** Why a Python file run by path cannot import the monitor (set by `projectOptions`, python-monitor-reach.ts). */
const MONITOR_UNREACHABLE = 'monitorUnreachable';

/** The decorator the codemod writes (the first of the rule's `decorators`) and the module the options name. */
function pythonMonitor(options: CodemodOptions): { readonly decorator: string; readonly module: string | null } {
  const decorators = options['decorators'];
  const decorator = Array.isArray(decorators) && typeof decorators[0] === 'string' ? decorators[0] : (DEFAULT_MONITOR_DECORATORS[0] as string);
  const given = options['decoratorModule'];
  const imported = options[IMPORTED_MONITORS] as Readonly<Record<string, string>> | undefined;
  return { decorator, module: typeof given === 'string' && given !== '' ? given : (imported?.[decorator] ?? null) };
}

/**
 * Python: decorates every critical function `require-performance-monitor` reports with the first of its
 * `decorators` (standards/performance-monitoring/python-decorating.ts says where the decorator and its
 * import go), and notes the critical functions with nothing to time. A file it cannot decorate whole (the
 * decorator's name means something else there) throws, so it is left untouched and reported failed.
 * @performance files outside the critical paths that never mention the tag are not parsed; one parse and one
 * scope build per other file.
 */
function decoratePython(file: FileInfo, options: CodemodOptions, context: FileCodemodContext): string | undefined {
  const compiled = compile(options);
  const projectPath = relativePath(optionsBase(options, context.root), file.path);
  if (compiled.isIgnored(projectPath)) return undefined;
  const criticalFile = compiled.isCriticalPath(projectPath);
  if (!criticalFile && !file.source.includes(compiled.tagWithAt)) return undefined;
  const parsed = parsePython(file.source);
  if (!parsed.ok) throw new UnparsableSourceError(parsed.error.message, parsed.error.line);
  const names = PythonNames.of(parsed.ast, file.source);
  const { decorator, module } = pythonMonitor(options);
  const decorators = Array.isArray(options['decorators']) ? (options['decorators'] as readonly string[]) : DEFAULT_MONITOR_DECORATORS;
  const plan = planPythonDecorations(names, pythonMonitorFindings(names, compiled, criticalFile, decorators), decorator, module);
  for (const { name, reason } of plan.untimed) context.note?.(`not measured: \`${name}\`: ${reason}`);
  if (plan.edits.length === 0) return undefined;
  const unreachable = options[MONITOR_UNREACHABLE];
  if (typeof unreachable === 'string') {
    context.note?.(`left its critical functions undecorated: ${unreachable}`);
    return undefined;
  }
  let source = file.source;
  // From the end, so earlier offsets stay valid; at one offset the later edit first, so the import stays above the decorator.
  const order = plan.edits.map((edit, index: number) => ({ edit, index })).sort((a, b): number => b.edit.range[0] - a.edit.range[0] || b.index - a.index);
  for (const { edit } of order) source = source.slice(0, edit.range[0]) + edit.text + source.slice(edit.range[1]);
  return source;
}

function wrapSource(file: FileInfo, options: CodemodOptions, context: FileCodemodContext): string | undefined {
  const compiled = compile(options);
  const projectPath = relativePath(optionsBase(options, context.root), file.path);
  if (compiled.isIgnored(projectPath)) return undefined;
  let source = file.source;
  // Cheap exit for the common file: nothing can be critical without the tag, outside the critical paths.
  if (!compiled.isCriticalPath(projectPath) && !source.includes(compiled.tagWithAt)) return undefined;
  // Critical functions left alone, by metric name (passes meet them again), with what to tell the user.
  const leftAlone = new Map<string, string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = passEdits(parse(file.path, source), source, projectPath, compiled, leftAlone);
    if (edits.length === 0) break;
    source = applyTextEdits(source, edits);
  }
  for (const message of leftAlone.values()) context.note?.(message);
  return source === file.source ? undefined : source;
}

const OPTION = '`monitor.module` option of `perf-standards/require-performance-monitor`';
const PYTHON_OPTION = '`decoratorModule` option of `perf-standards/require-performance-monitor`';

const named = (files: readonly string[]): string => (files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`);

/**
 * Python: for each decorator that files of the run would need to import without a `decoratorModule`, the one
 * module the project's Python files import it from (standards' projectDecoratorModule); a CodemodConfigurationError
 * naming the option when there is none, or more than one, or the decorator is dotted.
 * @performance every Python file of the project is read; only those that mention a needed decorator are parsed.
 */
async function pythonMonitorImports(input: FileCodemodProjectInput, files: readonly string[]): Promise<CodemodOptions | undefined> {
  const needed = new Map<string, string[]>();
  const dotted = new Map<string, string[]>();
  // Files the run would write, with the decorator each imports (its module known now, or once `needed` is settled).
  const changing: { readonly file: string; readonly decorator: string; readonly module: string | null }[] = [];
  const sources = await Promise.all(files.map((file: string): Promise<string> => input.readText(file)));
  for (const [index, file] of files.entries()) {
    try {
      const options = input.optionsFor(file);
      if (decoratePython({ path: file, source: sources[index] ?? '' }, options, { root: input.root }) !== undefined) changing.push({ file, ...pythonMonitor(options) });
    } catch (error) {
      // Any other error fails that one file in the run, and writes nothing to it.
      if (!(error instanceof MonitorImportUnknown)) continue;
      const into = error.dotted ? dotted : needed;
      into.set(error.decorator, [...(into.get(error.decorator) ?? []), relativePath(input.root, file)]);
      if (!error.dotted) changing.push({ file, decorator: error.decorator, module: null });
    }
  }
  const problems: string[] = [];
  for (const [decorator, users] of dotted) {
    problems.push(`wrap-performance-monitor would decorate critical functions with \`@${decorator}\` (${named(users)}), which do not import \`${decorator.split('.')[0] ?? ''}\`; it imports a plain name only: put the plain name first in the \`decorators\` option and set the ${PYTHON_OPTION}.`);
  }
  if (changing.length === 0 && problems.length === 0) return undefined;
  const imported: Record<string, string> = {};
  const pythonFiles = needed.size === 0 ? [] : input.projectFiles.filter(isPython);
  // A file that cannot be read imports nothing this run can see.
  const texts = await Promise.all(pythonFiles.map((file: string): Promise<string> => input.readText(file).catch((): string => '')));
  for (const [decorator, users] of needed) {
    const importers = new Map<string, string[]>();
    for (const [index, file] of pythonFiles.entries()) {
      const text = texts[index] ?? '';
      if (!text.includes(decorator)) continue;
      const parsed = parsePython(text);
      if (!parsed.ok) continue;
      for (const module of modulesImportingDecorator(PythonNames.of(parsed.ast, text), decorator)) {
        importers.set(module, [...(importers.get(module) ?? []), relativePath(input.root, file)]);
      }
    }
    const found = projectDecoratorModule(importers);
    if ('module' in found) {
      imported[decorator] = found.module;
      continue;
    }
    const start = `wrap-performance-monitor would decorate critical functions with \`@${decorator}\` (${named(users)}), but`;
    problems.push(
      found.candidates.length === 0
        ? `${start} no Python file of the project imports \`${decorator}\`, so it does not know the module to import it from.`
        : `${start} the project imports \`${decorator}\` from ${found.candidates.length} modules: ${found.candidates.map((module: string): string => `\`${module}\` (${named(importers.get(module) ?? [])})`).join(', ')}.`,
    );
  }
  if (problems.length === 0) problems.push(...(await unshippedMonitors(input, changing, imported)));
  if (problems.length > 0) {
    const reason = `${problems.join(' ')} Set the ${PYTHON_OPTION} for your Python files in your ESLint config to the module to import it from (\`"app.performance.monitor"\`, an absolute module name, inside a package the distribution ships); a project with no monitor gets one from \`perf-standards init\` (inside its package); see docs/codemods/wrap-performance-monitor.md.`;
    throw new CodemodConfigurationError(`Nothing was changed. ${reason}`, reason);
  }
  return needed.size === 0 ? undefined : { [IMPORTED_MONITORS]: imported };
}

/**
 * Why files the run would decorate could not import their monitor once installed: a file in a package its
 * distribution ships (standards/shared/python-packages.ts) would import a module that distribution does not
 * ship, so the installed code fails with ModuleNotFoundError though the source tree runs. One sentence per
 * module and distribution; none for files of no declared distribution.
 * @performance reads the project's pyproject.toml / setup.py / setup.cfg files once, only when a file would change.
 */
async function unshippedMonitors(
  input: FileCodemodProjectInput,
  changing: readonly { readonly file: string; readonly decorator: string; readonly module: string | null }[],
  imported: Readonly<Record<string, string>>,
): Promise<string[]> {
  if (changing.length === 0) return [];
  const manifestFiles = input.projectFiles.filter((file: string): boolean => /(?:^|[\\/])(?:pyproject\.toml|setup\.py|setup\.cfg)$/u.test(file));
  if (manifestFiles.length === 0) return [];
  // An unreadable manifest declares nothing this run can see.
  const manifests = await Promise.all(manifestFiles.map(async (file: string) => ({ path: relativePath(input.root, file), text: await input.readText(file).catch((): string => '') })));
  const distributions = distributionPackages(manifests, input.projectFiles.map((file: string): string => relativePath(input.root, file)));
  const unshipped = new Map<string, { readonly found: PythonDistributionPackages; readonly module: string; readonly users: string[] }>();
  for (const { file, decorator, module: given } of changing) {
    const module = given ?? imported[decorator];
    const projectPath = relativePath(input.root, file);
    const found = shippingDistribution(distributions, projectPath);
    if (module === undefined || found === null || shipsModule(found, module)) continue;
    const key = `${module}\0${found.distribution.manifest}`;
    const entry = unshipped.get(key) ?? { found, module, users: [] };
    entry.users.push(projectPath);
    unshipped.set(key, entry);
  }
  return [...unshipped.values()].map(
    ({ found, module, users }): string =>
      `wrap-performance-monitor would import \`${module}\` into modules of the distribution "${found.distribution.name}" (${named(users)}), but the packages it ships (${found.distribution.manifest}: ${(found.packages ?? []).join(', ')}) do not include \`${module}\`: installed, that code would fail with ModuleNotFoundError.`,
  );
}

/** Why production code at `file` cannot import `module`, or null when it can (memoized per module and folder by the caller). */
async function importProblem(input: FileCodemodProjectInput, module: string, file: string): Promise<string | null> {
  if (isProjectModule(module)) {
    const candidates = projectModuleFiles(module);
    if (candidates.length === 0) return `\`${module}\` leaves the project root (a \`./\` or \`../\` module is a path from the root)`;
    for (const candidate of candidates) if (await input.fileExists(candidate)) return null;
    return `\`${module}\` names no file of the project (looked for ${candidates.join(', ')})`;
  }
  const available = packageAvailability(module, await input.manifestsOf(file));
  return available.ok ? null : available.problem;
}

/**
 * For every file, where the project imports each Python decorator from (`importedMonitors`). Stops the run
 * when a file the codemod would change would import a monitor that production code cannot load: a package the file's package.json files do not list in production dependencies (the default, this
 * plugin's runtime, is usually a devDependency), or a project module that does not exist.
 * @performance package.json files read once per folder; a file's text is read and transformed in memory only
 * when its import would be a problem, to know whether it would be written at all.
 */
async function projectOptions(input: FileCodemodProjectInput): Promise<(file: string) => CodemodOptions> {
  const problems = new Map<string, string[]>();
  const verdicts = new Map<string, Promise<string | null>>();
  const pythonFiles = input.files.filter(isPython);
  const settled = await pythonMonitorImports(input, pythonFiles);
  const projectPaths = new Set(input.projectFiles.map((file: string): string => relativePath(input.root, file)));
  const unreachable = new Map<string, string>();
  for (const file of pythonFiles) {
    const { module } = pythonMonitor({ ...input.optionsFor(file), ...settled });
    const reason = module === null ? null : monitorUnreachableReason(relativePath(input.root, file), module, projectPaths);
    if (reason !== null) unreachable.set(file, reason);
  }
  const pythonOptions = (file: string): CodemodOptions => {
    const reason = unreachable.get(file);
    return reason === undefined ? (settled ?? {}) : { ...settled, [MONITOR_UNREACHABLE]: reason };
  };
  for (const file of input.files.filter((candidate: string): boolean => !isPython(candidate))) {
    const options = input.optionsFor(file);
    const compiled = compile(options);
    if (compiled.isIgnored(relativePath(input.root, file))) continue;
    const { module } = compiled.monitor;
    const key = `${module}\0${isProjectModule(module) ? '' : path.dirname(file)}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = importProblem(input, module, file);
      verdicts.set(key, verdict);
    }
    const problem = await verdict;
    if (problem === null) continue;
    let wouldChange: boolean;
    try {
      wouldChange = wrapSource({ path: file, source: await input.readText(file) }, options, { root: input.root }) !== undefined;
    } catch {
      wouldChange = false; // the run reports the file failed, and writes nothing to it
    }
    if (!wouldChange) continue;
    const said = `${module}\0${problem}`;
    problems.set(said, [...(problems.get(said) ?? []), relativePath(input.root, file)]);
  }
  if (problems.size === 0) return pythonOptions;
  const sentences = [...problems].map(([said, files]: [string, string[]]): string => {
    const [module, problem] = said.split('\0');
    const named = files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
    return `wrap-performance-monitor would import \`${module ?? ''}\` into production code (${named}), but ${problem ?? ''}.`;
  });
  const reason = `${sentences.join(' ')} Set the ${OPTION} in your ESLint config to a module production code can import: a file of the project (\`"./src/monitor.js"\`, a path from the project root) or a package in \`dependencies\`; see docs/codemods/wrap-performance-monitor.md.`;
  throw new CodemodConfigurationError(`Nothing was changed. ${reason}`, reason);
}

const codemod: FileCodemod = {
  ...codemodDeclaration('wrap-performance-monitor'),
  kind: 'file',
  description:
    'Measures every critical function with the performance monitor: its body becomes `return measure(name, () => …)`, and `measure` is imported (Python: it is decorated with `@performance_monitor`, imported once).',
  // Last in `--all`: the other codemods see the functions as written, not decorated by a monitor that may not be
  // the plugin's (Python: concurrent-await and add-explicit-types skip those) nor moved into `measure`'s callback.
  order: 70,
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'],
  module: import.meta.url,
  projectOptions,
  transform: wrapPerformanceMonitor,
};

export default codemod;
