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
 * 25 ms CPU, docs/performance_benchmarks.md) is paid by the first Python file of a process, never by an
 * `eslint` run that lints no Python. The versions are pinned: web-tree-sitter 0.25.10 reads grammars of
 * ABI 13–15 and tree-sitter-python 0.25.0 ships ABI 15.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { Language, Parser, Tree } from 'web-tree-sitter';

interface WebTreeSitter {
  readonly Parser: typeof Parser;
  readonly Language: typeof Language;
}

interface LoadResult {
  parser?: Parser;
  language?: Language;
  error?: unknown;
}

/** The loaded grammar: tree-sitter's tables, shared by every parse of the process. */
export interface PythonGrammar {
  readonly parser: Parser;
  readonly language: Language;
}

const require = createRequire(import.meta.url);

// Runs inside the context: `runtime` and `grammar` are the two .wasm files' bytes, `result` receives the parser.
const LOAD_SCRIPT = `(async () => {
  const { Parser, Language } = webTreeSitter;
  await Parser.init({
    instantiateWasm(imports, receiveInstance) {
      const module = new WebAssembly.Module(runtime);
      receiveInstance(new WebAssembly.Instance(module, imports), module);
      return {};
    },
  });
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
  const context = vm.createContext(
    {
      process,
      console,
      performance,
      TextDecoder,
      result,
    },
    { microtaskMode: 'afterEvaluate', name: 'web-tree-sitter' },
  );
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
  return { parser: result.parser, language: result.language };
}

let grammar: PythonGrammar | undefined;

/**
 * The process's Python parser, loaded on the first call.
 * @throws Error naming the grammar file when web-tree-sitter or tree-sitter-python is missing or broken.
 * @performance first call: about 25 ms CPU (compiling two WebAssembly modules, 0.2 MB and 0.46 MB); then O(1).
 */
export function pythonGrammar(): PythonGrammar {
  grammar ??= load();
  return grammar;
}

/**
 * Parses Python source text into a tree-sitter tree. The caller owns the tree and must `delete()` it
 * (its memory lives in the WebAssembly heap, not in JavaScript's). Offsets and columns in the tree are
 * UTF-16 code units, as in JavaScript strings (web-tree-sitter hands the text to tree-sitter as UTF-16).
 * Never throws on bad Python: the tree then contains ERROR or MISSING nodes (`rootNode.hasError`).
 * @complexity O(text length).
 */
export function parsePythonTree(text: string): Tree {
  const tree = pythonGrammar().parser.parse(text);
  if (tree === null) throw new Error('tree-sitter returned no tree for a Python source (parsing was cancelled).');
  return tree;
}
