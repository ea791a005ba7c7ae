/**
 * `perf-standards/python`: an ESLint language for Python (ESLint's languages API, as @eslint/json,
 * @eslint/markdown and @eslint/css implement it). Enable it with
 * `{ files: ['**\/*.py', '**\/*.pyi'], plugins: { 'perf-standards': plugin }, language: 'perf-standards/python' }`
 * (the plugin's recommended configs do).
 *
 * Parser: tree-sitter-python 0.25.0 run by web-tree-sitter 0.25.10 (WebAssembly), loaded synchronously the
 * first time a Python file is parsed (standards/shared/python-parser.ts): nothing is loaded by an `eslint`
 * run that lints no Python.
 *
 * AST contract (architecture decision 27; details and field list in standards/shared/python-ast.ts):
 * - plain objects, one per named tree-sitter node; `type` is its PascalCase type (`function_definition` →
 *   `FunctionDefinition`, `decorated_definition` → `DecoratedDefinition`, `call` → `Call`); root `Module`;
 * - `range` `[start, end)` in UTF-16 offsets of the text; `loc` lines from 1, columns from 0 (UTF-16);
 * - `parent`; `children`, the named children in order, is the only visitor key, so selectors such as
 *   `"DecoratedDefinition > FunctionDefinition"` or `"Call[function.type='Attribute']"` work;
 * - each tree-sitter field is a camelCase property pointing to the same child objects (`name`,
 *   `parameters`, `returnType`, `body`, `function`, `arguments`, `left`, `right`, ...), an array for a field
 *   that may repeat; `type` fields are `annotation`; `operator(s)` hold operator texts; `async` is a boolean;
 * - comments are not in the tree: `sourceCode.comments`; `# eslint-disable-next-line rule` and the other
 *   directive comments work as in JavaScript;
 * - a syntax error is one fatal message with its line (`parse` never throws on bad Python);
 * - `sourceCode.getScope(node)` / `sourceCode.resolveName(node)`: Python's scopes, telling an import from a
 *   parameter, a local, a module global or a builtin (standards/shared/python-scope.ts).
 *
 * Selector classes: `:statement`, `:expression`, `:pattern`, `:parameter` (tree-sitter-python's supertypes);
 * not `:function`, which ESLint 10 resolves to JavaScript node types before asking the language.
 */
import type { File, Language, OkParseResult, ParseResult } from '@eslint/core';
import { parsePython, pythonNodeTypes, type PythonComment, type PythonModule, type PythonNode } from '../../standards/shared/python-ast.js';
import { PythonSourceCode } from './python-source-code.js';

export type PythonLanguageOptions = Record<string, never>;

/** What `parse` hands to `createSourceCode`: the tree and the comments. */
export interface PythonParseOk extends OkParseResult<PythonModule> {
  readonly comments: readonly PythonComment[];
}

const SELECTOR_CLASSES: Readonly<Record<string, readonly string[]>> = {
  statement: ['_simple_statement', '_compound_statement'],
  expression: ['expression'],
  pattern: ['pattern'],
  parameter: ['parameter'],
};

let selectorClasses: Map<string, ReadonlySet<string>> | undefined;

function typesOfSelectorClass(className: string): ReadonlySet<string> | undefined {
  if (selectorClasses === undefined) {
    const { supertypes } = pythonNodeTypes();
    selectorClasses = new Map();
    for (const [name, sources] of Object.entries(SELECTOR_CLASSES)) {
      selectorClasses.set(name, new Set(sources.flatMap((source: string): string[] => [...(supertypes.get(source) ?? [])])));
    }
  }
  return selectorClasses.get(className);
}

export const pythonLanguage: Language<{
  LangOptions: PythonLanguageOptions;
  Code: PythonSourceCode;
  RootNode: PythonModule;
  Node: PythonNode;
}> = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: 'type',
  // Read from the grammar's node-types.json on first use, not when the plugin loads.
  get visitorKeys(): Record<string, string[]> {
    return pythonNodeTypes().visitorKeys as Record<string, string[]>;
  },
  defaultLanguageOptions: {},

  /**
   * The language has no options. It accepts and ignores every key, as @eslint/json and @eslint/css do: a config
   * block without `files` applies its `languageOptions` to every file, and typescript-eslint's shared configs
   * (`parser`, `sourceType`) or a block setting `globals` must not make Python files fail.
   */
  validateLanguageOptions(): void {},

  matchesSelectorClass(className: string, node: PythonNode): boolean {
    return typesOfSelectorClass(className.toLowerCase())?.has(node.type) ?? false;
  },

  /**
   * Parses a Python file; a syntax error is returned (ESLint shows it as one fatal "Parsing error"), never
   * thrown. Columns of errors are 1-based, as ESLint shows them.
   * @complexity O(text length).
   */
  parse(file: File): ParseResult<PythonModule> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const result = parsePython(text, file.path);
    if (!result.ok) {
      const { message, line, column } = result.error;
      return { ok: false, errors: [{ message, line, column: column + 1 }] };
    }
    const ok: PythonParseOk = { ok: true, ast: result.ast, comments: result.comments };
    return ok;
  },

  createSourceCode(file: File, input: OkParseResult<PythonModule>): PythonSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode({ text, ast: input.ast, comments: (input as PythonParseOk).comments });
  },
} as const;
