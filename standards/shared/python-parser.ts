/**
 * The one Python parser of the plugin: tree-sitter-python's grammar (npm `tree-sitter-python`, its
 * `tree-sitter-python.wasm`) run by web-tree-sitter's WebAssembly runtime (npm `web-tree-sitter`), loaded
 * synchronously on first use.
 *
 * Why synchronously: ESLint calls a language's `parse` synchronously, and web-tree-sitter only offers
 * `async` loading (`Parser.init()`, `Language.load()`). Every step it awaits can complete at once when
 * the WebAssembly modules are compiled synchronously (`new WebAssembly.Module`, as emscripten's
 * `instantiateWasm` hook allows for the runtime, and a synchronous `WebAssembly.instantiate` for the
 * grammar), so what remains are promise reactions only. web-tree-sitter is therefore evaluated in its own
 * `node:vm` context with `microtaskMode: 'afterEvaluate'`: V8 runs that context's microtasks before
 * `runInContext` returns, and the loaded parser is ready when this function returns. The cost (about
 * 30 ms CPU, docs/performance_benchmarks.md) is paid by the first Python file of a process, never by an
 * `eslint` run that lints no Python. The versions are pinned: web-tree-sitter 0.25.10 reads grammars of
 * ABI 13–15 and tree-sitter-python 0.25.0 ships ABI 15; `withTreeCursor` relies on 0.25.10's cursor calls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { Language, Parser, Tree, TreeCursor } from 'web-tree-sitter';

interface WebTreeSitter {
  readonly Parser: typeof Parser;
  readonly Language: typeof Language;
}

/** The calls into web-tree-sitter's WebAssembly that walk a cursor kept in its transfer buffer. */
export interface TreeCursorCalls {
  /** 1 when the cursor moved to the current node's first child, else 0. */
  readonly gotoFirstChild: (tree: number) => number;
  readonly gotoNextSibling: (tree: number) => number;
  readonly gotoParent: (tree: number) => number;
  /** The grammar symbol of the current node (aliases applied): an index into `language.types`. */
  readonly nodeTypeId: (tree: number) => number;
  /** The field of the current node in its parent (an index into `language.fields`; 0 for none). */
  readonly fieldId: (tree: number) => number;
  /** Start and end of the current node, in UTF-16 code units. */
  readonly startIndex: (tree: number) => number;
  readonly endIndex: (tree: number) => number;
}

interface EmscriptenModule {
  readonly HEAP32: Int32Array;
  readonly _ts_init: () => number;
  readonly _ts_tree_cursor_goto_first_child_wasm: (tree: number) => number;
  readonly _ts_tree_cursor_goto_next_sibling_wasm: (tree: number) => number;
  readonly _ts_tree_cursor_goto_parent_wasm: (tree: number) => number;
  readonly _ts_tree_cursor_current_node_type_id_wasm: (tree: number) => number;
  readonly _ts_tree_cursor_current_field_id_wasm: (tree: number) => number;
  readonly _ts_tree_cursor_start_index_wasm: (tree: number) => number;
  readonly _ts_tree_cursor_end_index_wasm: (tree: number) => number;
}

// Written by LOAD_SCRIPT, inside the context.
interface LoadResult {
  readonly parser?: Parser;
  readonly language?: Language;
  readonly error?: unknown;
}

/** The loaded grammar: tree-sitter's tables, shared by every parse of the process. */
export interface PythonGrammar {
  readonly parser: Parser;
  readonly language: Language;
  readonly cursorCalls: TreeCursorCalls;
  /** Address of web-tree-sitter's transfer buffer, in 32-bit words of `heap`. */
  readonly transferWord: number;
  readonly heap: () => Int32Array;
}

const require = createRequire(import.meta.url);

// Runs inside the context: `runtime` and `grammar` are the two .wasm files' bytes, `emscripten` becomes the
// runtime's module object (emscripten fills the options object it is given), `result` receives the parser.
const LOAD_SCRIPT = `(async () => {
  const { Parser, Language } = webTreeSitter;
  await Parser.init(Object.assign(emscripten, {
    instantiateWasm(imports, receiveInstance) {
      const module = new WebAssembly.Module(runtime);
      receiveInstance(new WebAssembly.Instance(module, imports), module);
      return {};
    },
  }));
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (bytes, imports) => {
    const module = new WebAssembly.Module(bytes);
    return { module, instance: new WebAssembly.Instance(module, imports) };
  };
  try {
    result.language = await Language.load(new Uint8Array(grammar));
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  result.parser = new Parser();
  result.parser.setLanguage(result.language);
})().catch((error) => { result.error = error; });`;

function load(): PythonGrammar {
  const runtimePath = require.resolve('web-tree-sitter');
  const grammarPath = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const module = { exports: {} as WebTreeSitter };
  const result: LoadResult = {};
  const emscripten = {} as EmscriptenModule;
  const context = vm.createContext({ process, console, performance, TextDecoder, result, emscripten }, { microtaskMode: 'afterEvaluate', name: 'web-tree-sitter' });
  // Wrapped like a CommonJS module, so that its top-level variables are locals, not properties of the
  // context's global object (reaching those goes through V8's interceptors, ten times slower).
  const wrapped = `(function (module, exports, require, __filename, __dirname) {${readFileSync(runtimePath, 'utf8')}\n})`;
  const evaluate = new vm.Script(wrapped, { filename: runtimePath }).runInContext(context) as (...args: unknown[]) => void;
  evaluate(module, module.exports, require, runtimePath, path.dirname(runtimePath));
  context['webTreeSitter'] = module.exports;
  context['runtime'] = readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'));
  context['grammar'] = readFileSync(grammarPath);
  new vm.Script(LOAD_SCRIPT, { filename: 'load-python-grammar.js' }).runInContext(context);
  if (result.error !== undefined || result.parser === undefined || result.language === undefined) {
    const reason = result.error instanceof Error ? result.error.message : result.error === undefined ? 'loading did not complete synchronously' : String(result.error);
    throw new Error(`perf-standards could not load the Python grammar (${grammarPath}) with web-tree-sitter: ${reason}. Reinstall eslint-plugin-perf-standards and its dependencies web-tree-sitter and tree-sitter-python.`);
  }
  const cursorCalls: TreeCursorCalls = {
    gotoFirstChild: emscripten._ts_tree_cursor_goto_first_child_wasm,
    gotoNextSibling: emscripten._ts_tree_cursor_goto_next_sibling_wasm,
    gotoParent: emscripten._ts_tree_cursor_goto_parent_wasm,
    nodeTypeId: emscripten._ts_tree_cursor_current_node_type_id_wasm,
    fieldId: emscripten._ts_tree_cursor_current_field_id_wasm,
    startIndex: emscripten._ts_tree_cursor_start_index_wasm,
    endIndex: emscripten._ts_tree_cursor_end_index_wasm,
  };
  for (const [name, call] of Object.entries(cursorCalls)) {
    if (typeof call !== 'function') throw new Error(`perf-standards: web-tree-sitter has no cursor call for ${name}; it needs web-tree-sitter 0.25.10.`);
  }
  // `ts_init` only writes the ABI versions into the transfer buffer and returns its address.
  const transferWord = emscripten._ts_init() >> 2;
  // The heap's buffer is replaced when WebAssembly memory grows: read the current view each time.
  return { parser: result.parser, language: result.language, cursorCalls, transferWord, heap: (): Int32Array => emscripten.HEAP32 };
}

let grammar: PythonGrammar | undefined;

/**
 * The process's Python parser, loaded on the first call.
 * @throws Error naming the grammar file when web-tree-sitter or tree-sitter-python is missing or broken.
 * @performance first call: about 30 ms CPU (compiling two WebAssembly modules, 0.2 MB and 0.46 MB); then O(1).
 */
export function pythonGrammar(): PythonGrammar {
  grammar ??= load();
  return grammar;
}

type CursorState = TreeCursor & Record<0 | 1 | 2 | 3, number>;

/**
 * Walks `tree` with a tree-sitter cursor through `calls` (each takes `treeAddress`), three times faster than
 * web-tree-sitter's `TreeCursor` methods: those copy the cursor's four words into the WebAssembly transfer
 * buffer before every call and back after it; here the cursor lives in the buffer for the whole walk and is
 * copied back once, before it is freed. `walk` must not call any other web-tree-sitter API (they reuse the
 * buffer). The cursor starts on the root node.
 * @complexity O(1) besides `walk`.
 */
export function withTreeCursor<Result>(tree: Tree, walk: (calls: TreeCursorCalls, treeAddress: number) => Result): Result {
  const { cursorCalls, transferWord, heap } = pythonGrammar();
  const cursor = tree.walk() as CursorState;
  for (let word = 0; word < 4; word += 1) heap()[transferWord + word] = cursor[word as 0 | 1 | 2 | 3];
  try {
    return walk(cursorCalls, (tree as unknown as Record<0, number>)[0]);
  } finally {
    const words = heap();
    for (let word = 0; word < 4; word += 1) cursor[word as 0 | 1 | 2 | 3] = words[transferWord + word] ?? 0;
    cursor.delete();
  }
}

// The last trees parsed, by file, for incremental re-parsing (an editor re-lints the file being typed in).
const RECENT_TREES = 4;
const recent = new Map<string, { readonly text: string; readonly tree: Tree }>();

// tree-sitter's point (row, column in UTF-16 code units) of an offset: rows end at `\n` only.
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    row += 1;
    lineStart = index + 1;
  }
  return { row, column: offset - lineStart };
}

// Tells tree-sitter what changed between the old and new text (one replaced span), so it reuses the rest.
function editFor(tree: Tree, before: string, after: string): void {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  tree.edit({
    startIndex: prefix,
    oldEndIndex: before.length - suffix,
    newEndIndex: after.length - suffix,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, before.length - suffix),
    newEndPosition: pointAt(after, after.length - suffix),
  });
}

/**
 * Parses Python source text into a tree-sitter tree. The caller owns the tree and must `delete()` it
 * (its memory lives in the WebAssembly heap, not in JavaScript's). Offsets and columns in the tree are
 * UTF-16 code units, as in JavaScript strings (web-tree-sitter hands the text to tree-sitter as UTF-16).
 * Never throws on bad Python: the tree then contains ERROR or MISSING nodes (`rootNode.hasError`).
 * A lone `\r` ends a line, as in CPython; node text spells it `\n` (slice `source` for the original).
 * With a `file` key (a path), the tree is kept (for the last four files) and the next parse of that file
 * re-parses incrementally: only the span that changed, as an editor re-lints after each keystroke.
 * @complexity O(text length); a re-parse of a file is O(changed span + log(text length)) in tree-sitter.
 */
export function parsePythonTree(source: string, file?: string): Tree {
  // CPython ends a line at a lone `\r` too (universal newlines); tree-sitter does not. Same length: offsets hold.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/gu, '\n') : source;
  const { parser } = pythonGrammar();
  const previous = file === undefined ? undefined : recent.get(file);
  let tree: Tree | null;
  if (previous === undefined) tree = parser.parse(text);
  else if (previous.text === text) tree = previous.tree.copy();
  else {
    editFor(previous.tree, previous.text, text);
    tree = parser.parse(text, previous.tree);
  }
  if (tree === null) throw new Error('tree-sitter returned no tree for a Python source (parsing was cancelled).');
  if (file !== undefined) {
    if (previous !== undefined) {
      recent.delete(file);
      if (previous.tree !== tree) previous.tree.delete();
    }
    recent.set(file, { text, tree: tree.copy() });
    if (recent.size > RECENT_TREES) {
      const [oldest, entry] = recent.entries().next().value as [string, { readonly tree: Tree }];
      recent.delete(oldest);
      entry.tree.delete();
    }
  }
  return tree;
}
