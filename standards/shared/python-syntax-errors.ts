/**
 * Syntax errors of CPython 3 that tree-sitter-python 0.25 does not raise: its grammar also reads Python 2
 * (`print x`, `exec code`, `raise E, V`, `except E, e:`, `0777`, `10L`, `ur''`, `` `x` ``, `<>`, tuple
 * parameters) and lexes a few literals more loosely than CPython's tokenizer (`1_`, `async`/`await` as
 * names). Each form is found on the tree: a node of a type in `CHECKED_NODE_TYPES` (narrowed by
 * `mayBeRejected` while the tree is converted), or the `<>` token of a comparison; strings and comments can
 * therefore never match. Messages and positions are CPython 3.11's (`compile()`: `SyntaxError.msg`, and
 * `offset - 1` as the column), checked against it by tests/python-syntax-errors.test.ts.
 *
 * Against Python 3.14, which the language cannot tell from the file: `t'...'` strings (template strings,
 * PEP 750) are accepted; `except A, B:` (PEP 758) is rejected, as 3.11–3.13 do, because in a Python 2 file
 * it means `except A as B:`. Left to CPython's compiler (no grammar raises them): `from __future__` rules,
 * `'await' outside function` and the like.
 */
import type { PythonNode } from './python-ast.js';

/** A syntax error found on the tree: CPython's message, and the UTF-16 offset of the place it points at. */
export interface RejectedForm {
  readonly message: string;
  readonly offset: number;
  /**
   * Raised by CPython's tokenizer (a malformed number). After a parser error CPython tokenizes the rest of
   * the file and reports its first tokenizer error instead, so a file's first tokenizer error wins over any
   * parser error, wherever they are (`_PyPegen_tokenize_full_source_to_check_for_errors`).
   */
  readonly fromTokenizer?: true;
}

const INVALID_SYNTAX = 'invalid syntax';

/** The node types (PascalCase) that may hold one of the forms; the rest of the tree is never looked at. */
export const CHECKED_NODE_TYPES: ReadonlySet<string> = new Set([
  'PrintStatement',
  'ExecStatement',
  'RaiseStatement',
  'ExceptClause',
  'Integer',
  'Float',
  'StringStart',
  'Identifier',
  'TuplePattern',
]);

/** Python 2's not-equal operator, a `ComparisonOperator` token in the grammar; CPython 3 reads `<>` as invalid syntax. */
export const PYTHON2_NOT_EQUAL = '<>';

/** The error for a `<>` token at `offset`. @complexity O(1). */
export function notEqualError(offset: number): RejectedForm {
  return { message: INVALID_SYNTAX, offset };
}

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKTICK = 0x60;

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * Whether a node of a type in `CHECKED_NODE_TYPES` spanning `[start, end)` of `text`, child of a node of
 * type `parentType`, can be a rejected form, from its first and last characters, so that the converter
 * keeps only those (a few per cent of the checked nodes): an `Identifier` of 5 characters starting with `a`
 * (`async`, `await`: `as…`, `aw…`), an `Integer` starting with `0` or not ending with a digit, a `StringStart` with a
 * prefix or a backtick, a `TuplePattern` in parameters.
 * @complexity O(1).
 * @performance runs on every identifier of a file: two comparisons for nearly all of them.
 */
export function mayBeRejected(type: string, text: string, start: number, end: number, parentType: string): boolean {
  switch (type) {
    case 'Identifier': {
      if (end - start !== 5 || text.charCodeAt(start) !== 0x61) return false;
      const second = text.charCodeAt(start + 1);
      return second === 0x73 || second === 0x77;
    }
    case 'Integer':
      return end - start > 1 && (text.charCodeAt(start) === 0x30 || !isDigit(text.charCodeAt(end - 1)));
    case 'StringStart': {
      // A one-letter prefix is always valid: only `` ` ``, `x``, or two letters and more may be rejected.
      const first = text.charCodeAt(start);
      const second = text.charCodeAt(start + 1);
      return first === BACKTICK || (first !== QUOTE && first !== APOSTROPHE && second !== QUOTE && second !== APOSTROPHE);
    }
    case 'TuplePattern':
      return parentType === 'Parameters' || parentType === 'LambdaParameters' || parentType === 'DefaultParameter';
    default:
      return true;
  }
}

// The offset just past the spaces, tabs, form feeds and line continuations after `offset`: where CPython's
// next token (or the end of the line) starts.
function nextTokenOffset(text: string, offset: number): number {
  let index = offset;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === 0x20 || code === 0x09 || code === 0x0c) index += 1;
    else if (code === 0x5c && (text.charCodeAt(index + 1) === 0x0a || text.charCodeAt(index + 1) === 0x0d)) {
      index += text.charCodeAt(index + 1) === 0x0d && text.charCodeAt(index + 2) === 0x0a ? 3 : 2;
    } else return index;
  }
}

// `print x` / `exec code`; `print >> f, x` is a valid tuple expression in Python 3 (a TypeError only when run).
function python2Statement(node: PythonNode): RejectedForm | null {
  const keyword = node.type === 'ExecStatement' ? 'exec' : 'print';
  if (keyword === 'print' && node.children[0]?.type === 'Chevron') return null;
  return { message: `Missing parentheses in call to '${keyword}'. Did you mean ${keyword}(...)?`, offset: node.range[0] };
}

// `raise E, V` (and `raise E, V, T`): CPython stops at the first comma.
function raiseWithComma(node: PythonNode, text: string): RejectedForm | null {
  const raised = node.children[0];
  if (raised?.type !== 'ExpressionList') return null;
  const first = raised.children[0];
  return first === undefined ? null : { message: INVALID_SYNTAX, offset: text.indexOf(',', first.range[1]) };
}

// `except E, e:`, `except A, B:`, `except* A, B:`: more than one `value` (Python 3.14 accepts the last two, PEP 758).
function exceptWithComma(node: PythonNode): RejectedForm | null {
  const values = node.value;
  if (!Array.isArray(values) || values.length < 2) return null;
  return { message: 'multiple exception types must be parenthesized', offset: (values[0] as PythonNode).range[0] };
}

// Literal kinds as CPython's tokenizer names them in "invalid ... literal", by the second character of `0x`, `0o`, `0b`.
function literalKind(text: string, start: number): string {
  if (text.charCodeAt(start) !== 0x30) return 'decimal';
  const base = text.charCodeAt(start + 1) | 0x20;
  return base === 0x78 ? 'hexadecimal' : base === 0x6f ? 'octal' : base === 0x62 ? 'binary' : 'decimal';
}

// CPython's tokenizer on a number the grammar accepted, in its order: an `_` not followed by a digit (the
// grammar allows `1_`, `1_.5`, `1.5_j`), then leading zeros in a decimal integer (`0777`; `00`, `0777j` and
// the floats `0777.5`, `0e5` are valid), then Python 2's long suffix (`10L`, `0xFFL`).
function numberLiteral(node: PythonNode, text: string): RejectedForm | null {
  const [start, end] = node.range;
  for (let index = start; index < end; index += 1) {
    if (text.charCodeAt(index) === 0x5f && !isDigit(text.charCodeAt(index + 1)) && literalKind(text, start) === 'decimal') {
      return { message: 'invalid decimal literal', offset: index, fromTokenizer: true };
    }
  }
  if (node.type === 'Float') return null;
  const last = text.charCodeAt(end - 1) | 0x20;
  const kind = literalKind(text, start);
  if (kind === 'decimal' && text.charCodeAt(start) === 0x30 && last !== 0x6a) {
    for (let index = start + 1; index < end; index += 1) {
      const code = text.charCodeAt(index);
      if (isDigit(code) && code !== 0x30) {
        return { message: 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', offset: start, fromTokenizer: true };
      }
    }
  }
  if (last === 0x6c) return { message: `invalid ${kind} literal`, offset: end - 2, fromTokenizer: true };
  return null;
}

// The string prefixes of Python 3 (any case, either order): '', u, r, b, f, br, fr; and t, tr (3.14).
const VALID_PREFIXES: ReadonlySet<string> = new Set(['', 'u', 'r', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

// A backtick (Python 2's repr) or a prefix Python 3 does not have (`ur`, `bu`, `fb`, `bb`): CPython reads the
// prefix as a name and fails at the quote that follows it.
function stringStart(node: PythonNode, text: string): RejectedForm | null {
  const [start, end] = node.range;
  let quote = start;
  while (quote < end && text.charCodeAt(quote) !== QUOTE && text.charCodeAt(quote) !== APOSTROPHE && text.charCodeAt(quote) !== BACKTICK) quote += 1;
  if (text.charCodeAt(quote) === BACKTICK || !VALID_PREFIXES.has(text.slice(start, quote).toLowerCase())) return { message: INVALID_SYNTAX, offset: quote };
  return null;
}

// Whether `node` begins a line's first statement, where CPython's grammar allows compound statements (not
// after `;`, nor in a block written on its header's line): only blanks before it on its line, and it and the
// ancestors starting where it starts reach a child of a block or of the module.
function startsCompoundStatement(node: PythonNode, text: string): boolean {
  const start = node.range[0];
  for (let index = start - 1; index >= 0 && text.charCodeAt(index) !== 0x0a && text.charCodeAt(index) !== 0x0d; index -= 1) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0c) return false;
  }
  for (let current: PythonNode = node; current.range[0] === start && current.parent !== null; current = current.parent) {
    if (current.parent.type === 'Block' || current.parent.type === 'Module') return true;
  }
  return false;
}

// `async` and `await` are keywords since Python 3.7; the grammar still reads them as names. CPython fails
// at `async` itself, unless it starts a line's first statement (then it expected `def`, `for` or `with`, and
// fails at the next token), and always at the token after `await` (it expected an operand).
function keywordAsName(node: PythonNode, text: string): RejectedForm | null {
  const name = text.slice(node.range[0], node.range[1]);
  if (name === 'await' || (name === 'async' && startsCompoundStatement(node, text))) return { message: INVALID_SYNTAX, offset: nextTokenOffset(text, node.range[1]) };
  if (name === 'async') return { message: INVALID_SYNTAX, offset: node.range[0] };
  return null;
}

// Python 2's tuple parameters, `def f((a, b)):` and `lambda (a, b): 0`, bare or with a default.
function tupleParameter(node: PythonNode): RejectedForm | null {
  let parameters = node.parent;
  if (parameters?.type === 'DefaultParameter') {
    if (parameters.name !== node) return null;
    parameters = parameters.parent;
  }
  if (parameters?.type === 'Parameters') return { message: 'Function parameters cannot be parenthesized', offset: node.range[0] };
  if (parameters?.type === 'LambdaParameters') return { message: 'Lambda expression parameters cannot be parenthesized', offset: node.range[0] };
  return null;
}

/**
 * The syntax error CPython 3 raises for `node` (a node of a type in `CHECKED_NODE_TYPES`, whole: its
 * children built), or null when the node is valid Python 3.
 * @complexity O(1), O(text of the node) for numbers and string prefixes, O(depth) for `async`.
 */
export function rejectedForm(node: PythonNode, text: string): RejectedForm | null {
  switch (node.type) {
    case 'PrintStatement':
    case 'ExecStatement':
      return python2Statement(node);
    case 'RaiseStatement':
      return raiseWithComma(node, text);
    case 'ExceptClause':
      return exceptWithComma(node);
    case 'Integer':
    case 'Float':
      return numberLiteral(node, text);
    case 'StringStart':
      return stringStart(node, text);
    case 'Identifier':
      return keywordAsName(node, text);
    case 'TuplePattern':
      return tupleParameter(node);
    default:
      return null;
  }
}
