import { parsePython, type PythonNode, visitPythonNodes as walk } from '../shared/python-ast.js';
import { decoratorsOf, enclosingClass, enclosingFunction, PythonNames } from '../shared/python-names.js';
import { isPluginMonitorDecorator, pluginMonitorModules } from '../performance-monitoring/python-plugin-monitor.js';

/**
 * What `concurrent-await` must know before it writes `asyncio.gather` on Python (architecture decision 34):
 * gather needs a running asyncio loop and coroutines (or asyncio futures). A loop of awaits runs under
 * whatever drives its coroutine: asyncio, trio, curio, anyio, or a project's own loop that answers only its
 * own awaitables (`yield Schedule(…)` sent back by `coro.send(…)`). So the rewrite is proven only when
 * - no file of the project imports another event loop (`trio`, `curio`, `anyio`) or runs one of its own (a
 *   class whose `__await__` yields to its driver; a `.send(…)` in a `try` that catches `StopIteration`), and
 * - the awaited call is a coroutine function: an undecorated `async def` of the project (the file's own, a
 *   method of the enclosing class through `self`, or one imported from a project module), or one of
 *   asyncio's coroutine functions. A class (`Schedule(…)`), a decorated or unknown callable may return any
 *   awaitable, which gather cannot run. The plugin's own `@performance_monitor` (python-plugin-monitor.ts)
 *   does not count as a decorator: it keeps an `async def` a coroutine function.
 */

/** Project facts, plain data (they cross to worker threads as codemod options). */
export interface PythonAsyncFacts {
  /**
   * Every Python module (dotted path from the project root, `pkg.jobs`) → its module-level `async def` names
   * that are undecorated, or decorated only by the plugin's monitor.
   */
  readonly coroutineFunctions: Readonly<Record<string, readonly string[]>>;
  /** The project's modules that are the plugin's monitor (python-plugin-monitor.ts), `shop.performance_monitor`. */
  readonly monitorModules: readonly string[];
  /** Why the project may not run its coroutines under asyncio (`tests/loop.py runs its own event loop: …`), or null. */
  readonly foreignLoop: string | null;
}

/** Event loops other than asyncio; a project importing one may run any coroutine under it. */
const OTHER_LOOPS: ReadonlySet<string> = new Set(['trio', 'curio', 'anyio']);
/** asyncio's coroutine functions that start work (not pauses or combinators, which the rule handles). */
const ASYNCIO_COROUTINES: ReadonlySet<string> = new Set([
  'to_thread', 'open_connection', 'open_unix_connection', 'start_server', 'start_unix_server', 'create_subprocess_exec', 'create_subprocess_shell',
]);

/**
 * The dotted module name of a project file from its path relative to the root (`pkg/jobs.py` → `pkg.jobs`,
 * `pkg/__init__.py` → `pkg`).
 * @complexity O(length of the path).
 */
export function pythonModuleName(projectPath: string): string {
  return projectPath.replace(/\\/gu, '/').replace(/\.pyi?$/u, '').replace(/\/__init__$/u, '').split('/').join('.');
}

function nameOf(definition: PythonNode, names: PythonNames): string | null {
  const name = definition.name;
  return name === null || name === undefined || Array.isArray(name) ? null : names.textOf(name as PythonNode);
}

// An `async def` whose name is its coroutine function: undecorated, or decorated by the plugin's monitor only.
function isCoroutineDef(node: PythonNode | null | undefined, names: PythonNames, monitors: readonly string[]): node is PythonNode {
  if (node?.type !== 'FunctionDefinition' || node.async !== true) return false;
  return decoratorsOf(node).every((decorator: PythonNode): boolean => isPluginMonitorDecorator(decorator, names, monitors));
}

/**
 * Why a file may run coroutines outside asyncio, or null: it imports trio, curio or anyio, or runs its own
 * loop (an `__await__` that yields a value to its driver; a `.send(…)` in a `try` that catches `StopIteration`).
 * @complexity O(nodes of the file).
 */
export function pythonForeignLoop(names: PythonNames): string | null {
  let reason: string | null = null;
  walk(names.module, (node: PythonNode): void => {
    if (reason !== null) return;
    if (node.type === 'ImportStatement' || node.type === 'ImportFromStatement') {
      const imported = node.type === 'ImportFromStatement' ? [node.children[0]] : node.children;
      for (const item of imported) {
        const root = item === undefined ? '' : names.textOf(item).split(/[.\s]/u)[0] ?? '';
        if (OTHER_LOOPS.has(root)) reason = `imports \`${root}\`, another event loop`;
      }
    } else if (node.type === 'Yield' && !/^yield\s+from\b/u.test(names.textOf(node)) && node.children.length > 0) {
      const fn = enclosingFunction(node);
      if (fn?.type === 'FunctionDefinition' && nameOf(fn, names) === '__await__' && enclosingClass(fn) !== null) {
        reason = `runs its own event loop: an \`__await__\` yields \`${names.textOf(node.children[0] as PythonNode)}\` to whatever drives it (line ${node.loc.start.line})`;
      }
    } else if (node.type === 'TryStatement' && node.children.some((clause: PythonNode): boolean => clause.type === 'ExceptClause' && /\bStopIteration\b/u.test(names.textOf(clause)))) {
      const body = node.children[0];
      if (body === undefined) return;
      walk(body, (inner: PythonNode): void => {
        if (reason === null && inner.type === 'Call' && inner.function?.type === 'Attribute' && inner.function.attribute && names.textOf(inner.function.attribute) === 'send') {
          reason = `runs its own event loop: it drives coroutines with \`${names.textOf(inner)}\` (line ${inner.loc.start.line})`;
        }
      });
    }
  });
  return reason;
}

// A file whose text has none of these words defines no `async def`, imports no other loop and runs none of
// its own (each check below needs one of them), so it is not parsed: on the standard library 233 of 1,790 files.
const MAY_CONCERN_LOOPS = /async|trio|curio|anyio|__await__|StopIteration/u;

/**
 * The facts over the project's Python files (`path` relative to the root): each module's module-level
 * `async def` names (undecorated, or decorated by the plugin's monitor only), the modules that are the
 * plugin's monitor, and the first file that may run coroutines outside asyncio. A file that does not parse
 * counts as running its own loop when its text says one of the words the checks look for (nothing else about
 * it is known); a file that says none of them is not parsed.
 * @complexity O(nodes of the files whose text mentions `async`, another loop, `__await__` or `StopIteration`).
 */
export function pythonAsyncFacts(files: readonly { readonly path: string; readonly text: string | null }[]): PythonAsyncFacts {
  const coroutineFunctions: Record<string, readonly string[]> = {};
  let foreignLoop: string | null = null;
  const monitorModules = pluginMonitorModules(files, pythonModuleName);
  for (const file of files) {
    if (file.text === null) {
      foreignLoop ??= `${file.path} cannot be read, so it may run another event loop`;
      continue;
    }
    if (!MAY_CONCERN_LOOPS.test(file.text)) {
      coroutineFunctions[pythonModuleName(file.path)] = [];
      continue;
    }
    const parsed = parsePython(file.text, file.path);
    if (!parsed.ok) {
      foreignLoop ??= `${file.path} does not parse, so it may run another event loop`;
      continue;
    }
    const names = PythonNames.of(parsed.ast, file.text);
    const reason: string | null = foreignLoop === null ? pythonForeignLoop(names) : null;
    if (reason !== null) foreignLoop = `${file.path} ${reason}`;
    const defined = parsed.ast.children
      .map((statement: PythonNode): PythonNode | undefined => (statement.type === 'DecoratedDefinition' ? statement.children.find((child: PythonNode): boolean => child.type === 'FunctionDefinition') : statement))
      .filter((fn: PythonNode | undefined): fn is PythonNode => isCoroutineDef(fn, names, monitorModules))
      .map((fn: PythonNode): string => nameOf(fn, names) ?? '');
    // Every module is listed, so an import is matched against all the modules it may name.
    coroutineFunctions[pythonModuleName(file.path)] = defined;
  }
  return { coroutineFunctions, monitorModules, foreignLoop };
}

// `from ..a import b` in module `pkg.sub.mod` → `pkg.a`; null when it climbs above the root.
function absoluteModule(module: string, importer: string): string | null {
  const dots = /^\.*/u.exec(module)?.[0].length ?? 0;
  if (dots === 0) return module;
  const parts = importer.split('.');
  // One dot is the importer's package (an `__init__` importer arrives as `pkg.__init__`).
  const base = parts.slice(0, Math.max(0, parts.length - dots));
  if (parts.length - dots < 0) return null;
  const rest = module.slice(dots);
  return [...base, ...(rest === '' ? [] : [rest])].join('.');
}

// Whether `module` (as imported) names a project module defining `async def name`: every project module it
// may be (the root itself, or a source folder such as `src/`) agrees, and there is one.
function projectCoroutine(module: string, name: string, facts: PythonAsyncFacts, modules: readonly string[]): boolean {
  const matches = modules.filter((candidate: string): boolean => candidate === module || candidate.endsWith(`.${module}`));
  return matches.length > 0 && matches.every((candidate: string): boolean => facts.coroutineFunctions[candidate]?.includes(name) === true);
}

/**
 * Null when the awaited `call` is proven to call a coroutine function; otherwise why not, as a clause.
 * `modulePath` is the file's path relative to the root (for relative imports); `facts` null when the
 * project was not read (only the file's own `async def`s and asyncio's then count).
 * @complexity O(depth of the call + modules of the project).
 */
export function awaitedCoroutineProblem(call: PythonNode, names: PythonNames, modulePath: string, facts: PythonAsyncFacts | null): string | null {
  const fn = call.function;
  const written = fn === null || fn === undefined ? 'the awaited expression' : `\`${names.textOf(fn)}\``;
  const monitors = facts?.monitorModules ?? [];
  const problem = `${written} is not an undecorated \`async def\` of the project or an asyncio coroutine function, so it may return an awaitable that \`asyncio.gather\` cannot run (a class instance, another event loop's)`;
  // A package's `__init__` resolves `from . import m` inside the package itself.
  const importer = `${pythonModuleName(modulePath)}${/(?:^|\/)__init__\.pyi?$/u.test(modulePath) ? '.__init__' : ''}`;
  const modules = facts === null ? [] : Object.keys(facts.coroutineFunctions);
  const imported = (module: string, name: string): boolean => {
    const absolute = absoluteModule(module, importer);
    if (absolute === 'asyncio') return ASYNCIO_COROUTINES.has(name);
    return absolute !== null && facts !== null && projectCoroutine(absolute, name, facts, modules);
  };
  if (fn?.type === 'Identifier') {
    const name = names.textOf(fn);
    const resolved = names.scopes.resolve(fn, name);
    if (resolved.kind === 'import') return resolved.name !== null && imported(resolved.module, resolved.name) ? null : problem;
    if ((resolved.kind === 'global' || resolved.kind === 'local') && resolved.bindings.length > 0 && resolved.bindings.every((binding): boolean => binding.kind === 'definition' && isCoroutineDef(binding.node.parent, names, monitors))) return null;
    return problem;
  }
  if (fn?.type === 'Attribute' && fn.object?.type === 'Identifier' && fn.attribute) {
    const receiver = names.textOf(fn.object);
    const name = names.textOf(fn.attribute);
    if (receiver === 'self') {
      // `self.method(…)`: the enclosing class's own undecorated `async def method`.
      const method = enclosingFunction(call);
      const owner = method === null ? null : enclosingClass(method);
      const defined = owner?.body?.children.some((statement: PythonNode): boolean => {
        const fn = statement.type === 'DecoratedDefinition' ? statement.children.find((child: PythonNode): boolean => child.type === 'FunctionDefinition') : statement;
        return isCoroutineDef(fn, names, monitors) && nameOf(fn, names) === name;
      });
      return defined === true ? null : problem;
    }
    const resolved = names.scopes.resolve(fn.object, receiver);
    if (resolved.kind !== 'import') return problem;
    const module = resolved.name === null ? resolved.module : `${resolved.module}${resolved.module.endsWith('.') ? '' : '.'}${resolved.name}`;
    return imported(module, name) ? null : problem;
  }
  return problem;
}
