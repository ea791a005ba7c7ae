import path from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { API, FileInfo } from 'jscodeshift';
import { conversionOf, type ConvertibleLoop } from '../standards/concurrency-and-timing/loop-conversion.js';
import { analyzeLoop, enclosingLoop, type LoopNode } from '../standards/concurrency-and-timing/loop-independence.js';
import { compileConcurrencyOptions, type ConcurrentAwaitOptions } from '../standards/concurrency-and-timing/options.js';
import { pythonGatherEdit, pythonGatherShape, type PythonGatherLoop } from '../standards/concurrency-and-timing/python-loop-conversion.js';
import { awaitedCoroutineProblem, pythonAsyncFacts, pythonForeignLoop, type PythonAsyncFacts } from '../standards/concurrency-and-timing/python-event-loops.js';
import { analyzePythonLoop, enclosingPythonLoop } from '../standards/concurrency-and-timing/python-loops.js';
import { linkParents, walk, type Node, type ScopeManager } from '../standards/concurrency-and-timing/syntax.js';
import { parsePython, type PythonNode } from '../standards/shared/python-ast.js';
import type { PythonTextEdit } from '../standards/shared/python-dataclasses.js';
import { pythonModuleSpelling } from '../standards/shared/python-import-edits.js';
import { enclosingFunction, PythonNames } from '../standards/shared/python-names.js';
import { pythonLanguage } from '../rules/language/python-language.js';
import preferConcurrentAwait from '../rules/prefer-concurrent-await.js';
import type { CodemodOptions, FileCodemod, FileCodemodContext, FileCodemodProjectInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { UnparsableSourceError } from './runner/unparsable-source.js';

/** Where `mapConcurrent` is imported from unless the `runtimeModule` option says otherwise. */
export const DEFAULT_RUNTIME_MODULE = 'eslint-plugin-perf-standards/runtime';

// Stubs (`.pyi`) have no function bodies, so no loops.
const PYTHON_EXTENSION = '.py';

// Rounds per file: converting an inner loop can make its outer loop convertible; each round converts one level.
const MAX_ROUNDS = 4;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Settings {
  readonly limit: number | null;
  readonly runtimeModule: string;
}

/** `limit` (bounded concurrency) and `runtimeModule` (where `mapConcurrent` comes from), checked. */
function settingsOf(options: CodemodOptions): Settings {
  const { limit, runtimeModule } = options;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
    throw new Error(`the limit option must be a whole number of at least 1, got ${JSON.stringify(limit)}`);
  }
  if (runtimeModule !== undefined && (typeof runtimeModule !== 'string' || runtimeModule === '')) {
    throw new Error(`the runtimeModule option must be a module specifier, got ${JSON.stringify(runtimeModule)}`);
  }
  return { limit: limit ?? null, runtimeModule: runtimeModule ?? DEFAULT_RUNTIME_MODULE };
}

interface FileStyle {
  readonly semicolon: string;
  readonly quote: string;
}

function styleOf(program: TSESTree.Program, source: string): FileStyle {
  const statement = program.body.find((node: Node): boolean => node.type === 'VariableDeclaration' || node.type === 'ExpressionStatement' || node.type === 'ImportDeclaration');
  const semicolon = statement === undefined || source.slice(statement.range[0], statement.range[1]).trimEnd().endsWith(';') ? ';' : '';
  const imported = program.body.find((node: Node): node is TSESTree.ImportDeclaration => node.type === 'ImportDeclaration');
  const quote = imported === undefined ? "'" : (source[imported.source.range[0]] ?? "'");
  return { semicolon, quote };
}

// Names the rewrite introduces must mean the globals (and `mapConcurrent` our import) wherever they land.
function declaresAnywhere(scopeManager: ScopeManager, name: string): boolean {
  return scopeManager.scopes.some((scope): boolean => scope.type !== 'global' && scope.set.has(name));
}

function unusedName(scopeManager: ScopeManager, loop: Node): string {
  for (const name of ['_', '_item', '_unused']) {
    const used = scopeManager.scopes.some((scope): boolean => scope.set.has(name)) || scopeManager.globalScope?.through.some((reference): boolean => reference.identifier.name === name);
    if (!used) return name;
  }
  return `_${loop.range[0]}`;
}

function bodyText(loop: LoopNode, source: string, replacements: readonly Edit[]): string {
  const body = loop.body;
  const [start, end] = body.type === 'BlockStatement' ? [body.range[0] + 1, body.range[1] - 1] : body.range;
  let text = '';
  let at = start;
  for (const edit of [...replacements].sort((a: Edit, b: Edit): number => a.start - b.start)) {
    text += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  text += source.slice(at, end);
  return body.type === 'BlockStatement' ? `{${text}}` : `{ ${text} }`;
}

function rewrite(conversion: ConvertibleLoop, source: string, scopeManager: ScopeManager, style: FileStyle, settings: Settings): Edit {
  const { analysis, shape } = conversion;
  const loop = analysis.loop;
  const inner: Edit[] = analysis.continues.map((statement: TSESTree.ContinueStatement): Edit => ({ start: statement.range[0], end: statement.range[1], text: `return${style.semicolon}` }));
  let items: string;
  let parameters: string;
  if (loop.type === 'ForOfStatement') {
    const declarator = (loop.left as TSESTree.VariableDeclaration).declarations[0] as TSESTree.VariableDeclarator;
    items = source.slice(loop.right.range[0], loop.right.range[1]);
    parameters = `(${source.slice(declarator.id.range[0], declarator.id.range[1])})`;
  } else {
    const length = shape.kind === 'index' ? source.slice(shape.length.range[0], shape.length.range[1]) : '0';
    items = `Array.from({ length: ${length} })`;
    parameters = `(${unusedName(scopeManager, loop)}, ${analysis.counter?.name ?? 'index'})`;
  }
  if (shape.kind === 'push') {
    const value = source.slice(shape.value.range[0], shape.value.range[1]);
    inner.push({ start: shape.push.range[0], end: shape.push.range[1], text: `return ${value}${style.semicolon}` });
  }
  let callback = `async ${parameters} => ${bodyText(loop, source, inner)}`;
  if (shape.kind === 'push' && loop.body.type !== 'BlockStatement') {
    // `for (const x of xs) out.push(await f(x));` → `async (x) => await f(x)`.
    const value = source.slice(shape.value.range[0], shape.value.range[1]);
    callback = `async ${parameters} => ${value.startsWith('{') ? `(${value})` : value}`;
  }
  const concurrent =
    settings.limit === null
      ? loop.type === 'ForOfStatement'
        ? `await Promise.all(Array.from(${items}, ${callback}))`
        : `await Promise.all(${items.slice(0, -1)}, ${callback}))`
      : `await mapConcurrent(${items}, ${settings.limit}, ${callback})`;
  if (shape.kind !== 'push') return { start: loop.range[0], end: loop.range[1], text: `${concurrent}${style.semicolon}` };
  const declaration = shape.declaration;
  const declarator = declaration.declarations[0] as TSESTree.VariableDeclarator;
  const head = source.slice(declaration.range[0], declarator.init?.range[0] ?? declarator.range[1]);
  return { start: declaration.range[0], end: loop.range[1], text: `${head}${concurrent}${style.semicolon}` };
}

function importEdit(program: TSESTree.Program, source: string, style: FileStyle, runtimeModule: string): Edit | null {
  const present = program.body.some(
    (node: Node): boolean =>
      node.type === 'ImportDeclaration' &&
      node.source.value === runtimeModule &&
      node.specifiers.some((specifier): boolean => specifier.type === 'ImportSpecifier' && specifier.local.name === 'mapConcurrent'),
  );
  if (present) return null;
  const line = `import { mapConcurrent } from ${style.quote}${runtimeModule}${style.quote}${style.semicolon}`;
  const imports = program.body.filter((node: Node): boolean => node.type === 'ImportDeclaration');
  const last = imports[imports.length - 1];
  if (last !== undefined) return { start: last.range[1], end: last.range[1], text: `\n${line}` };
  // After a shebang line, if any.
  const start = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
  return { start, end: start, text: `${line}\n` };
}

function convertOnce(source: string, filePath: string, options: CodemodOptions, settings: Settings): string | null {
  const { ast, scopeManager } = parseForESLint(source, {
    filePath,
    range: true,
    loc: true,
    comment: true,
    sourceType: 'module',
    ecmaVersion: 'latest',
  });
  if (scopeManager === null) return null;
  linkParents(ast);
  const { sequential, pauses } = compileConcurrencyOptions(options as ConcurrentAwaitOptions);
  const loops = new Set<LoopNode>();
  walk(ast, (node: Node): void => {
    if (node.type !== 'AwaitExpression') return;
    const loop = enclosingLoop(node);
    if (loop !== null) loops.add(loop);
  });
  const conversions: ConvertibleLoop[] = [];
  for (const loop of loops) {
    const conversion = conversionOf(analyzeLoop(loop, scopeManager, sequential, pauses), scopeManager, source);
    if (conversion !== null) conversions.push(conversion);
  }
  if (conversions.length === 0) return null;
  if (declaresAnywhere(scopeManager, 'Promise') || declaresAnywhere(scopeManager, 'Array')) return null;
  const isModule = ast.body.some((node: Node): boolean => node.type === 'ImportDeclaration' || node.type.startsWith('Export'));
  // `mapConcurrent` needs an import: only in ES modules, and only where the name is free.
  if (settings.limit !== null && (!(isModule || /\.(?:mts|ts|tsx|mjs)$/.test(filePath)) || (declaresAnywhere(scopeManager, 'mapConcurrent') && importEdit(ast, source, styleOf(ast, source), settings.runtimeModule) !== null))) return null;
  const style = styleOf(ast, source);
  const edits = conversions.map((conversion: ConvertibleLoop): Edit => rewrite(conversion, source, scopeManager, style, settings));
  if (settings.limit !== null) {
    const added = importEdit(ast, source, style, settings.runtimeModule);
    if (added !== null) edits.push(added);
  }
  let result = source;
  for (const edit of edits.sort((a: Edit, b: Edit): number => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

function identifiersIn(node: PythonNode, names: PythonNames): Set<string> {
  const found = new Set<string>();
  const stack: PythonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    if (current.type === 'Identifier') found.add(names.textOf(current));
    for (const child of current.children) stack.push(child);
  }
  return found;
}

const RULE_ID = 'perf-standards/prefer-concurrent-await';
// The option `projectOptions` sets on Python files: the project's PythonAsyncFacts.
const PYTHON_ASYNC_FACTS = 'pythonAsyncFacts';

/**
 * The project's PythonAsyncFacts (every module's `async def`s, any other event loop) as each selected
 * Python file's `pythonAsyncFacts` option; nothing when no Python file is selected. A project file that
 * cannot be read counts as one that may run another event loop.
 * @performance reads every `.py` file of the project once per run, only when a selected one exists, and parses
 *   only those whose text mentions `async`, another event loop, `__await__` or `StopIteration`.
 */
export async function pythonAsyncFactsOption(input: FileCodemodProjectInput): Promise<(file: string) => CodemodOptions> {
  if (!input.files.some((file: string): boolean => file.endsWith(PYTHON_EXTENSION))) return (): CodemodOptions => ({});
  const pythonFiles = input.projectFiles.filter((file: string): boolean => file.endsWith(PYTHON_EXTENSION));
  const read = await Promise.all(
    pythonFiles.map(async (file: string) => ({ path: path.relative(input.root, file).split(path.sep).join('/'), text: await input.readText(file).catch((): null => null) })),
  );
  const facts = { [PYTHON_ASYNC_FACTS]: pythonAsyncFacts(read) };
  return (file: string): CodemodOptions => (file.endsWith(PYTHON_EXTENSION) ? facts : {});
}
// Built once per thread: the linter holds no per-file state.
let pythonLinter: Linter | undefined;

// Where the rule reports on a Python file as ESLint runs it (`line:column`), so `eslint-disable` comments
// for the rule keep their loops; the rule's own options only (`limit` and `runtimeModule` are the codemod's).
function reportedAwaits(file: FileInfo, options: CodemodOptions): ReadonlySet<string> {
  pythonLinter ??= new Linter({ configType: 'flat', cwd: '/' });
  const { sequential, pauses } = options as ConcurrentAwaitOptions;
  const ruleOptions = { ...(sequential === undefined ? {} : { sequential }), ...(pauses === undefined ? {} : { pauses }) };
  const messages = pythonLinter.verify(
    file.source,
    [
      {
        files: [`**/*${PYTHON_EXTENSION}`],
        plugins: { 'perf-standards': { rules: { 'prefer-concurrent-await': preferConcurrentAwait as never }, languages: { python: pythonLanguage as never } } },
        language: 'perf-standards/python',
        rules: { [RULE_ID]: ['error', ruleOptions] },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
      },
    ],
    { filename: file.path },
  );
  const fatal = messages.find((message: Linter.LintMessage): boolean => message.fatal === true);
  if (fatal !== undefined) throw new UnparsableSourceError(fatal.message, fatal.line);
  return new Set(messages.filter((message: Linter.LintMessage): boolean => message.ruleId === RULE_ID).map((message: Linter.LintMessage): string => `${message.line}:${message.column}`));
}

// Python: one pass (the rewritten bodies hold no loop), so no rounds.
function convertPythonLoops(file: FileInfo, options: CodemodOptions, settings: Settings, context: FileCodemodContext | undefined): string | undefined {
  const parsed = parsePython(file.source, file.path);
  if (!parsed.ok) throw new UnparsableSourceError(parsed.error.message, parsed.error.line);
  const names = PythonNames.of(parsed.ast, file.source);
  const { sequential, pauses } = compileConcurrencyOptions(options as ConcurrentAwaitOptions);
  const loops = new Set<PythonNode>();
  const stack: PythonNode[] = [parsed.ast];
  while (stack.length > 0) {
    const node = stack.pop() as PythonNode;
    if (node.type === 'Await') {
      const loop = enclosingPythonLoop(node);
      if (loop !== null) loops.add(loop);
    }
    for (const child of node.children) stack.push(child);
  }
  if (loops.size === 0) return undefined;
  const reported = reportedAwaits(file, options);
  const shapes: PythonGatherLoop[] = [];
  const note = (loop: PythonNode, reason: string): void => context?.note?.(`line ${loop.loc.start.line}: left this loop as it is: ${reason}`);
  // gather needs asyncio's loop and coroutines: proven from the project's facts, or this file's alone without them.
  const facts = (options[PYTHON_ASYNC_FACTS] as PythonAsyncFacts | undefined) ?? null;
  const modulePath = context === undefined ? path.basename(file.path) : path.relative(context.root, file.path).split(path.sep).join('/');
  const ownLoop = pythonForeignLoop(names);
  const foreignLoop = ownLoop === null ? (facts?.foreignLoop ?? null) : `this file ${ownLoop}`;
  for (const loop of [...loops].sort((a: PythonNode, b: PythonNode): number => a.range[0] - b.range[0])) {
    const analysis = analyzePythonLoop(loop, names, sequential, pauses);
    if (analysis.exemption !== null || analysis.awaits.length === 0) continue;
    // A report turned off by an `eslint-disable` comment keeps its loop, unmentioned.
    if (!analysis.awaits.every((node: PythonNode): boolean => reported.has(`${node.loc.start.line}:${node.loc.start.column + 1}`))) continue;
    const shape = pythonGatherShape(loop, analysis, names, parsed.comments);
    if (!shape.ok) {
      note(loop, shape.reason);
      continue;
    }
    const problem = awaitedCoroutineProblem(shape.gather.call, names, modulePath, facts);
    if (problem !== null) note(loop, problem);
    else if (foreignLoop !== null) note(loop, `\`asyncio.gather\` needs an asyncio event loop, and the project may run its coroutines under another: ${foreignLoop}`);
    else shapes.push(shape.gather);
  }
  if (shapes.length === 0) return undefined;
  const sites = shapes.map((shape: PythonGatherLoop): PythonNode => shape.loop);
  const spelling = pythonModuleSpelling('asyncio', sites, names);
  if (spelling === null) {
    for (const shape of shapes) note(shape.loop, 'the name `asyncio` is used in this file for something other than the `asyncio` module');
    return undefined;
  }
  // The bounded helper's annotations name `typing.Coroutine` (and `typing.TypeVar`).
  const typing = settings.limit === null ? null : pythonModuleSpelling('typing', sites, names);
  if (settings.limit !== null && typing === null) {
    for (const shape of shapes) note(shape.loop, 'the name `typing` is used in this file for something other than the `typing` module, and the bounded helper (`--limit`) is annotated with it');
    return undefined;
  }
  // The semaphore and helper are locals of the loop's function: they avoid every name written in it.
  const taken = new Map<PythonNode, Set<string>>();
  const edits: PythonTextEdit[] = shapes.map((shape: PythonGatherLoop): PythonTextEdit => {
    const fn = enclosingFunction(shape.loop) as PythonNode;
    let inFunction = taken.get(fn);
    if (inFunction === undefined) {
      inFunction = identifiersIn(fn, names);
      taken.set(fn, inFunction);
    }
    return pythonGatherEdit(shape, names, { asyncio: spelling.prefix, typing: typing?.prefix ?? null, limit: settings.limit, taken: inFunction });
  });
  edits.push(...joinedImports([spelling.importEdit, typing?.importEdit ?? null]));
  let result = file.source;
  for (const edit of edits.sort((a: PythonTextEdit, b: PythonTextEdit): number => b.range[0] - a.range[0])) result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  return result;
}

/**
 * New imports as edits, in the order given (isort's, for `asyncio` then `typing`): two at one offset are one
 * edit, the first's line above the second's, with the blank lines the last one leaves before the code.
 * @complexity O(edits).
 */
function joinedImports(imports: readonly (PythonTextEdit | null)[]): PythonTextEdit[] {
  const joined: PythonTextEdit[] = [];
  for (const edit of imports) {
    if (edit === null) continue;
    const same = joined.findIndex((other: PythonTextEdit): boolean => other.range[0] === edit.range[0] && other.range[1] === edit.range[1]);
    const other = joined[same];
    if (other === undefined) {
      joined.push(edit);
      continue;
    }
    // `import a\n` / `import a\n\n\n` before a statement, or `\nimport a` after the last import.
    joined[same] = { range: other.range, text: other.text.startsWith('\n') ? `${other.text}${edit.text}` : `${other.text.replace(/\n+$/u, '\n')}${edit.text}` };
  }
  return joined;
}

/**
 * Rewrites loops that `prefer-concurrent-await` reports and whose bodies only compute, await and collect
 * into concurrent code that keeps result order: `await Promise.all(Array.from(items, async (item) => …))`, or
 * with the `limit` option `await mapConcurrent(items, limit, async (item) => …)` imported from the package's
 * runtime. It reads the rule's options (`sequential`, `pauses`). Parsing and analysis are the rule's own
 * (typescript-estree and its scope manager), so the codemod converts exactly what the rule proves independent;
 * the edits are text splices, so everything else in the file stays byte-identical.
 * On `.py` files it rewrites the loops the rule's Python analysis reports whose body only awaits one call per
 * item, or appends it to a list created empty right before, into `await asyncio.gather(*(f(x) for x in xs))`
 * (with `limit`, through a nested helper holding an `asyncio.Semaphore`), adding or reusing `import asyncio`
 * (python-loop-conversion.ts); every other reported loop is left and noted with the reason. A Python file
 * that does not parse is failed.
 * @performance a text check skips files without `await`; otherwise one parse and scope analysis per round,
 * at most 4 rounds (one per nesting level converted); Python: one parse and one walk of the file, and one
 * lint of it with the rule (ESLint's Linter, so `eslint-disable` comments count) when it has a loop that awaits.
 */
export function convertConcurrentAwaits(file: FileInfo, _api: API, options: CodemodOptions, context?: FileCodemodContext): string | undefined {
  if (!file.source.includes('await')) return undefined;
  const settings = settingsOf(options);
  if (file.path.endsWith(PYTHON_EXTENSION)) return convertPythonLoops(file, options, settings, context);
  let source = file.source;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const next = convertOnce(source, file.path, options, settings);
    if (next === null) break;
    source = next;
  }
  return source === file.source ? undefined : source;
}

const concurrentAwait: FileCodemod = {
  ...codemodDeclaration('concurrent-await'),
  kind: 'file',
  description: 'Rewrite loops of independent awaits into Promise.all (or mapConcurrent with --limit; Python: asyncio.gather, with a semaphore for --limit), keeping result order.',
  order: 40,
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', PYTHON_EXTENSION],
  module: import.meta.url,
  projectOptions: pythonAsyncFactsOption,
  transform: convertConcurrentAwaits,
};

export default concurrentAwait;
