/**
 * Python source as a tree of plain objects: the AST of the plugin's Python language (`perf-standards/python`),
 * also read by the standards' Python knowledge (`standards/<standard>/python-*.ts`) and codemods.
 *
 * ## The contract (architecture decision 27)
 * - One object per NAMED tree-sitter-python node (grammar 0.25.0, `node-types.json`). `type` is the node
 *   type in PascalCase: `function_definition` → `FunctionDefinition`, `decorated_definition` →
 *   `DecoratedDefinition`, `call` → `Call`, `identifier` → `Identifier`; the root is `Module`.
 * - `range`: `[start, end)` offsets in UTF-16 code units of the source text, as JavaScript strings index it
 *   (`text.slice(...node.range)` is the node's text; non-ASCII text included). The root spans the whole text.
 * - `loc`: `{ start: { line, column }, end }`, lines from 1, columns from 0 in UTF-16 code units; lines end
 *   at `\r\n`, `\r` or `\n` (Python's universal newlines), the same lines as `sourceCode.lines`.
 * - `parent`: the enclosing node (`null` for `Module`); `children`: the named child nodes in source order,
 *   the only visitor key, so ESLint's selectors (`"DecoratedDefinition > FunctionDefinition"`) work.
 * - Every tree-sitter FIELD of the node type is also a camelCase property that points to the same objects as
 *   `children`: `name`, `parameters`, `returnType`, `body`, `function`, `arguments`, `left`, `right`,
 *   `value`, `moduleName`, `superclasses`, `typeParameters`, ... A field that `node-types.json` marks
 *   `multiple` is an array (`ImportStatement.name`, `ImportFromStatement.name`, `Subscript.subscript`,
 *   `IfStatement.alternative`, `ComparisonOperator.operators`, ...); an absent single field is `null`.
 *   Exceptions: the field `type` (`TypedParameter`, `TypedDefaultParameter`, `Assignment`) is `annotation`,
 *   because `type` is the node type; `operator` (`BinaryOperator`, `UnaryOperator`, `BooleanOperator`,
 *   `AugmentedAssignment`) is the operator's text (`'+'`, `'and'`, `'+='`) and `operators`
 *   (`ComparisonOperator`) the operators' texts (`'<'`, `'not in'`, `'is not'`); other anonymous tokens
 *   are left out of fields (the `,` in `ForInClause.right`).
 * - `async`: `true` on `FunctionDefinition`, `ForStatement`, `WithStatement` and `ForInClause` written
 *   with `async`, `false` on the others of those types (the keyword is an anonymous token in the grammar).
 * - Comments are not nodes of the tree: they are `comments`, `{ type: 'Comment', value, range, loc }`,
 *   `value` being the text after `#`. Line continuations (`\` at a line's end) are left out.
 * - Syntax errors (tree-sitter ERROR or MISSING nodes) give no tree, only the first error's message and
 *   location (see `parsePython`). So do the forms the grammar accepts and CPython 3 rejects (Python 2's
 *   `print x`, `exec code`, `raise E, V`, `except E, e:`, `0777`, `10L`, `ur''`, backticks, `<>`, tuple
 *   parameters; `async`/`await` as names; see python-syntax-errors.ts), with CPython's message and
 *   location; `print >> f, x` stays a `PrintStatement` (with a `Chevron`), as CPython 3 reads it as a
 *   tuple expression.
 */
import { createRequire } from 'node:module';
import type { Language, Node } from 'web-tree-sitter';
import { parsePythonTree, pythonGrammar, withTreeCursor, type TreeCursorCalls } from './python-parser.js';
import { CHECKED_NODE_TYPES, mayBeRejected, notEqualError, PYTHON2_NOT_EQUAL, rejectedForm, type RejectedForm } from './python-syntax-errors.js';

/** `{ line, column }`: line from 1, column from 0, in UTF-16 code units. */
export interface PythonPosition {
  readonly line: number;
  readonly column: number;
}

export interface PythonLocation {
  readonly start: PythonPosition;
  readonly end: PythonPosition;
}

/** A field's value: a node or `null` for a single field, an array for a field that may repeat. */
export type PythonField = PythonNode | null | readonly PythonNode[];

/**
 * A node of the Python AST (see the module's docstring). The tree-sitter fields are listed so that rules
 * read them with types; each exists only on the node types whose grammar rule has that field.
 */
export interface PythonNode {
  readonly type: string;
  readonly range: readonly [number, number];
  readonly loc: PythonLocation;
  readonly parent: PythonNode | null;
  readonly children: readonly PythonNode[];
  readonly alias?: PythonNode | null;
  readonly alternative?: PythonField;
  readonly annotation?: PythonNode | null;
  readonly argument?: PythonField;
  readonly arguments?: PythonNode | null;
  readonly async?: boolean;
  readonly attribute?: PythonNode | null;
  readonly body?: PythonNode | null;
  readonly cause?: PythonNode | null;
  readonly code?: PythonNode | null;
  readonly condition?: PythonNode | null;
  readonly consequence?: PythonNode | null;
  readonly definition?: PythonNode | null;
  readonly expression?: PythonNode | null;
  readonly formatSpecifier?: PythonNode | null;
  readonly function?: PythonNode | null;
  readonly guard?: PythonNode | null;
  readonly key?: PythonField;
  readonly left?: PythonNode | null;
  readonly moduleName?: PythonNode | null;
  readonly name?: PythonField;
  readonly object?: PythonNode | null;
  readonly operator?: string;
  readonly operators?: readonly string[];
  readonly parameters?: PythonNode | null;
  readonly returnType?: PythonNode | null;
  readonly right?: PythonField;
  readonly subject?: PythonField;
  readonly subscript?: PythonField;
  readonly superclasses?: PythonNode | null;
  readonly typeConversion?: PythonNode | null;
  readonly typeParameters?: PythonNode | null;
  readonly value?: PythonField;
}

/** The root node: the whole file. */
export interface PythonModule extends PythonNode {
  readonly type: 'Module';
  readonly parent: null;
}

/** A `#` comment; `value` is its text after the `#`. */
export interface PythonComment {
  readonly type: 'Comment';
  readonly value: string;
  readonly range: readonly [number, number];
  readonly loc: PythonLocation;
}

/** The first syntax error of a source: a message (no "Parsing error" prefix) and where it is. */
export interface PythonSyntaxError {
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 0-based, UTF-16 code units. */
  readonly column: number;
}

export type PythonParseResult =
  | { readonly ok: true; readonly ast: PythonModule; readonly comments: readonly PythonComment[] }
  | { readonly ok: false; readonly error: PythonSyntaxError };

interface NodeTypeEntry {
  readonly type: string;
  readonly named: boolean;
  readonly fields?: Record<string, { readonly multiple: boolean }>;
  readonly subtypes?: readonly { readonly type: string }[];
}

/** PascalCase of a tree-sitter node type: `function_definition` → `FunctionDefinition`. @complexity O(type length). */
export function pascalCaseNodeType(treeSitterType: string): string {
  return treeSitterType
    .split('_')
    .map((part: string): string => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The property a tree-sitter field is exposed as: camelCase, and `type` → `annotation`. @complexity O(name length). */
export function fieldProperty(fieldName: string): string {
  if (fieldName === 'type') return 'annotation';
  return fieldName.replace(/_([a-z])/gu, (_match: string, letter: string): string => letter.toUpperCase());
}

const ASYNC_TYPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'ForStatement', 'WithStatement', 'ForInClause']);
// Extras: comments become `comments`; line continuations carry nothing.
const COMMENT = 'comment';
const LINE_CONTINUATION = 'line_continuation';

/** The grammar's named node types, fields and supertypes, from tree-sitter-python's `node-types.json`. */
export interface PythonNodeTypes {
  /** PascalCase type → its fields: property name → whether it is an array. */
  readonly fields: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
  /** Visitor keys for every node type: `['children']`. */
  readonly visitorKeys: Readonly<Record<string, readonly string[]>>;
  /** Supertype (`expression`, `primary_expression`, `_simple_statement`, `pattern`, `parameter`, ...) → PascalCase types. */
  readonly supertypes: ReadonlyMap<string, ReadonlySet<string>>;
}

let nodeTypes: PythonNodeTypes | undefined;

/**
 * The grammar's node types (read once from tree-sitter-python's `src/node-types.json`, no WebAssembly).
 * @performance first call: reads and parses a 60 kB JSON file (about 1 ms); then O(1).
 */
export function pythonNodeTypes(): PythonNodeTypes {
  if (nodeTypes !== undefined) return nodeTypes;
  const entries = createRequire(import.meta.url)('tree-sitter-python/src/node-types.json') as readonly NodeTypeEntry[];
  const fields = new Map<string, Map<string, boolean>>();
  const visitorKeys: Record<string, readonly string[]> = { Module: ['children'] };
  const supertypes = new Map<string, Set<string>>();
  const subtypesOf = new Map<string, readonly string[]>();
  for (const entry of entries) {
    if (!entry.named) continue;
    if (entry.subtypes !== undefined) {
      subtypesOf.set(entry.type, entry.subtypes.map((subtype: { readonly type: string }): string => subtype.type));
      continue;
    }
    const type = pascalCaseNodeType(entry.type);
    visitorKeys[type] = ['children'];
    const own = new Map<string, boolean>();
    for (const [name, field] of Object.entries(entry.fields ?? {})) own.set(fieldProperty(name), field.multiple);
    fields.set(type, own);
  }
  // Supertypes nest (`primary_expression` is an `expression`): flatten to concrete types.
  const flatten = (supertype: string, seen: Set<string>): Set<string> => {
    const concrete = new Set<string>();
    for (const subtype of subtypesOf.get(supertype) ?? []) {
      if (subtypesOf.has(subtype)) {
        if (!seen.has(subtype)) for (const type of flatten(subtype, new Set([...seen, subtype]))) concrete.add(type);
      } else concrete.add(pascalCaseNodeType(subtype));
    }
    return concrete;
  };
  for (const supertype of subtypesOf.keys()) supertypes.set(supertype, flatten(supertype, new Set([supertype])));
  nodeTypes = { fields, visitorKeys, supertypes };
  return nodeTypes;
}

/** Per grammar symbol id: what the converter does with a node of that symbol. */
interface SymbolInfo {
  /** PascalCase type, or null for an anonymous token. */
  readonly type: string | null;
  /** The token's text for an anonymous symbol (`'+'`, `'not in'`, `'async'`). */
  readonly token: string;
  readonly isComment: boolean;
  /** Named nodes left out of the tree: line continuations. */
  readonly isSkipped: boolean;
  /** The node type's fields as properties, and what each starts as: 0 null, 1 an empty array, 2 ''. */
  readonly fieldProperties: readonly string[];
  readonly fieldStarts: readonly (0 | 1 | 2)[];
  readonly hasAsync: boolean;
  /** A type that may hold a form the grammar accepts and CPython 3 rejects (`CHECKED_NODE_TYPES`). */
  readonly isChecked: boolean;
  /** Whether anonymous children may be field values (`operator`, `operators`) or the `async` keyword. */
  readonly readsTokens: boolean;
}

interface SymbolTable {
  readonly symbols: readonly SymbolInfo[];
  /** Field id → property name. */
  readonly fieldProperties: readonly (string | null)[];
  /** The root's symbol (`module`). */
  readonly module: SymbolInfo;
}

let symbolTableCache: SymbolTable | undefined;

function symbolTable(language: Language): SymbolTable {
  if (symbolTableCache !== undefined) return symbolTableCache;
  const { fields } = pythonNodeTypes();
  const symbols: SymbolInfo[] = [];
  for (let id = 0; id < language.types.length; id += 1) {
    const raw = language.types[id] ?? '';
    const type = language.nodeTypeIsNamed(id) ? pascalCaseNodeType(raw) : null;
    const own = type === null ? undefined : fields.get(type);
    const fieldProperties = own === undefined ? [] : [...own.keys()];
    const fieldStarts = fieldProperties.map((property: string): 0 | 1 | 2 => (property === 'operator' ? 2 : own?.get(property) === true ? 1 : 0));
    const hasAsync = type !== null && ASYNC_TYPES.has(type);
    symbols.push({
      type,
      token: raw,
      isComment: raw === COMMENT,
      isSkipped: raw === LINE_CONTINUATION,
      fieldProperties,
      fieldStarts,
      hasAsync,
      isChecked: type !== null && CHECKED_NODE_TYPES.has(type),
      readsTokens: hasAsync || fieldProperties.includes('operator') || fieldProperties.includes('operators'),
    });
  }
  const fieldProperties = language.fields.map((name: string | null): string | null => (name === null ? null : fieldProperty(name)));
  const module = symbols.find((info: SymbolInfo): boolean => info.type === 'Module');
  if (module === undefined) throw new Error('tree-sitter-python has no `module` node type.');
  symbolTableCache = { symbols, fieldProperties, module };
  return symbolTableCache;
}

/**
 * Calls `visit` on `node` and every node below it, depth first, each node before its children and the last
 * child first (a stack, no recursion, so deep trees cannot overflow). Callers that keep the first thing
 * found see it in that order.
 * @complexity O(nodes below `node`).
 */
export function visitPythonNodes(node: PythonNode, visit: (node: PythonNode) => void): void {
  const stack: PythonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    visit(current);
    for (const child of current.children) stack.push(child);
  }
}

/**
 * Start offsets of the lines of `text` (Python's universal newlines `\r\n`, `\r`, `\n`).
 * @complexity O(text length).
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10) starts.push(index + 1);
    else if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) index += 1;
      starts.push(index + 1);
    }
  }
  return starts;
}

/** Index of the line holding `offset`, searching from line index `from` (at or before it). */
function lineIndexOf(lineStarts: readonly number[], offset: number, from: number): number {
  let low = from;
  let high = lineStarts.length - 1;
  // Most nodes end on the line they start on, or the next one.
  if (low >= high || (lineStarts[low + 1] as number) > offset) return low;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

// A node while it is built: its fields are assigned by name as the cursor meets them.
interface MutableNode {
  readonly type: string;
  readonly range: readonly [number, number];
  readonly loc: PythonLocation;
  readonly parent: PythonNode | null;
  readonly children: PythonNode[];
  [field: string]: unknown;
}

function newNode(info: SymbolInfo, type: string, start: number, end: number, loc: PythonLocation, parent: PythonNode | null): MutableNode {
  const node: MutableNode = { type, range: [start, end], loc, parent, children: [] };
  const { fieldProperties, fieldStarts } = info;
  for (let index = 0; index < fieldProperties.length; index += 1) {
    const starts = fieldStarts[index];
    node[fieldProperties[index] as string] = starts === 1 ? [] : starts === 2 ? '' : null;
  }
  if (info.hasAsync) node.async = false;
  return node;
}

function firstSyntaxError(root: Node, lineStarts: readonly number[], text: string): PythonSyntaxError {
  // Down the first erroneous child at each level: tree-sitter's recovery often wraps a large region (up to
  // the whole file) in one ERROR node, and the innermost one is where the parser stumbled.
  let node = root;
  for (;;) {
    if (node.isMissing) break;
    const next = node.children.find((child): boolean => child !== null && (child.hasError || child.isMissing)) ?? null;
    if (next === null) break;
    node = next;
  }
  const line = lineIndexOf(lineStarts, node.startIndex, 0);
  const position = { line: line + 1, column: node.startIndex - (lineStarts[line] as number) };
  if (node.isMissing) return { message: `invalid syntax: expected \`${node.type}\``, ...position };
  const snippet = text.slice(node.startIndex, node.endIndex).split(/\r\n|[\r\n]/u)[0]?.trim() ?? '';
  const shown = snippet.length > 40 ? `${snippet.slice(0, 40)}…` : snippet;
  return { message: shown === '' ? 'invalid syntax' : `invalid syntax at \`${shown}\``, ...position };
}

// The error CPython 3 reports among the forms it rejects in the `checked` nodes and the `<>` tokens met: the
// first from its tokenizer if any (see `RejectedForm.fromTokenizer`), else the first.
function firstRejectedForm(checked: readonly PythonNode[], notEqual: readonly RejectedForm[], text: string, lineStarts: readonly number[]): PythonSyntaxError | null {
  let first: RejectedForm | null = notEqual[0] ?? null;
  for (const node of checked) {
    if (first?.fromTokenizer === true && node.range[0] > first.offset) break;
    const rejected = rejectedForm(node, text);
    if (rejected !== null && (first === null || (rejected.fromTokenizer === first.fromTokenizer ? rejected.offset < first.offset : rejected.fromTokenizer === true))) first = rejected;
  }
  if (first === null) return null;
  const line = lineIndexOf(lineStarts, first.offset, 0);
  return { message: first.message, line: line + 1, column: first.offset - (lineStarts[line] as number) };
}

// Converts the tree under the cursor (on the root) into plain objects below `root`. `checked` collects the
// nodes that may be a form CPython 3 rejects (in source order) and `notEqual` the `<>` tokens.
function convert(calls: TreeCursorCalls, tree: number, table: SymbolTable, text: string, lineStarts: readonly number[], root: MutableNode, comments: PythonComment[], checked: PythonNode[], notEqual: RejectedForm[]): void {
  const { gotoFirstChild, gotoNextSibling, gotoParent, nodeTypeId, fieldId, startIndex, endIndex } = calls;
  const { symbols, fieldProperties } = table;
  const parents: MutableNode[] = [root];
  const parentSymbols: (SymbolInfo | undefined)[] = [undefined];
  // Nodes come in source order, so the line of each start only moves forward.
  let line = 0;
  if (gotoFirstChild(tree) === 0) return;
  for (;;) {
    const parent: MutableNode = parents[parents.length - 1] as MutableNode;
    const info = symbols[nodeTypeId(tree)] as SymbolInfo;
    let entered: MutableNode | null = null;
    if (info.type !== null) {
      if (!info.isSkipped) {
        const start = startIndex(tree);
        const end = endIndex(tree);
        line = lineIndexOf(lineStarts, start, line);
        const endLine = lineIndexOf(lineStarts, end, line);
        const loc = {
          start: { line: line + 1, column: start - (lineStarts[line] as number) },
          end: { line: endLine + 1, column: end - (lineStarts[endLine] as number) },
        };
        if (info.isComment) comments.push({ type: 'Comment', value: text.slice(start + 1, end), range: [start, end], loc });
        else {
          const node = newNode(info, info.type, start, end, loc, parent);
          parent.children.push(node);
          const property = fieldProperties[fieldId(tree)] ?? null;
          if (property !== null) {
            const slot = parent[property];
            if (Array.isArray(slot)) (slot as PythonNode[]).push(node);
            else parent[property] = node;
          }
          entered = node;
          if (info.isChecked && mayBeRejected(info.type, text, start, end, parent.type)) checked.push(node as unknown as PythonNode);
        }
      }
    } else if (parentSymbols[parentSymbols.length - 1]?.readsTokens === true) {
      if (info.token === 'async') parent.async = true;
      else {
        const property = fieldProperties[fieldId(tree)] ?? null;
        if (property === 'operator') parent.operator = info.token;
        else if (property === 'operators') {
          (parent.operators as string[]).push(info.token);
          if (info.token === PYTHON2_NOT_EQUAL) notEqual.push(notEqualError(startIndex(tree)));
        }
      }
    }
    if (entered !== null && gotoFirstChild(tree) !== 0) {
      parents.push(entered);
      parentSymbols.push(info);
      continue;
    }
    while (gotoNextSibling(tree) === 0) {
      if (parents.length === 1 || gotoParent(tree) === 0) return;
      parents.pop();
      parentSymbols.pop();
    }
  }
}

/**
 * Parses Python source text into the plain-object AST described above, with its comments; or, when the
 * source has a syntax error (the forms of python-syntax-errors.ts included), the first error. Never throws on bad Python. With `file` (a path), the
 * tree-sitter tree is kept so that the next parse of that file is incremental (see `parsePythonTree`).
 * @throws Error only when the parser itself cannot be loaded (see `pythonGrammar`).
 * @complexity O(text length): tree-sitter's parse, then one cursor walk over the tree, freed before returning.
 * @performance about 0.3 µs per tree-sitter node on top of tree-sitter's parse (docs/performance_benchmarks.md).
 */
export function parsePython(text: string, file?: string): PythonParseResult {
  const { language } = pythonGrammar();
  const table = symbolTable(language);
  const tree = parsePythonTree(text, file);
  try {
    const lineStarts = lineStartsOf(text);
    if (tree.rootNode.hasError) return { ok: false, error: firstSyntaxError(tree.rootNode, lineStarts, text) };
    const endLine = lineStarts.length - 1;
    const end = { line: endLine + 1, column: text.length - (lineStarts[endLine] as number) };
    const root = newNode(table.module, 'Module', 0, text.length, { start: { line: 1, column: 0 }, end }, null);
    const comments: PythonComment[] = [];
    const checked: PythonNode[] = [];
    const notEqual: RejectedForm[] = [];
    withTreeCursor(tree, (calls: TreeCursorCalls, address: number): void => convert(calls, address, table, text, lineStarts, root, comments, checked, notEqual));
    const rejected = firstRejectedForm(checked, notEqual, text, lineStarts);
    if (rejected !== null) return { ok: false, error: rejected };
    return { ok: true, ast: root as unknown as PythonModule, comments };
  } finally {
    tree.delete();
  }
}
