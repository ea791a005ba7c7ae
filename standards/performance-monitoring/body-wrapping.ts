import { rangeOf, type AstNode, type FunctionSite } from './function-sites.js';
import type { MonitorBindings } from './critical-functions.js';

/**
 * How a function body is rewritten to be measured, as text edits over the original source, so the rule's
 * suggestion and the codemod write the same code and everything outside the edited bodies stays
 * byte-identical:
 *
 *   function f(a) {            function f(a) {
 *     stmt                →      return measure('src/api/x.ts#f', () => {
 *   }                              stmt
 *                                })
 *                              }
 *
 * The callback is an arrow, so `this`, `arguments`, `super` and `new.target` are the outer function's; the
 * outer function keeps its name, parameters, `.length`, overloads, return annotation and kind (a function
 * declaration stays hoisted); an async function gets an async callback. Directives stay in the outer body.
 * Comment directives keep covering what they covered: `// eslint-disable-next-line`, `// @ts-expect-error`
 * and `// @ts-ignore` stay on the line before the same statement; one that covers a returned value gets the
 * callback annotated with the outer return type, so the value is still checked on the line it covers; a
 * comment ending the `{` line (`// eslint-disable-line`) stays on that line.
 */

/** Replace `[start, end)` of the source with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The quote and semicolon habits of a file, so inserted code reads like the code around it. */
export interface WrapStyle {
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
}

export type WrapResult = { readonly ok: true; readonly edit: TextEdit } | { readonly ok: false; readonly reason: string };

const child = (node: AstNode, key: string): AstNode | null => {
  const value = node[key];
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as AstNode) : null;
};
const children = (node: AstNode, key: string): readonly AstNode[] => {
  const value = node[key];
  return Array.isArray(value) ? (value as AstNode[]).filter((entry: AstNode | null): boolean => entry !== null) : [];
};

const TERMINATED: ReadonlySet<string> = new Set(['ImportDeclaration', 'VariableDeclaration', 'ExpressionStatement', 'ExportAllDeclaration', 'ReturnStatement']);

/**
 * Majority vote: quotes from the module specifiers (or every quote character when there are no imports),
 * semicolons from the top-level statements that may end in one; ties go to `'` and `;`.
 * @complexity O(top-level statements), O(length of the source) without imports.
 */
export function detectWrapStyle(program: AstNode, source: string): WrapStyle {
  let single = 0;
  let double = 0;
  let withSemicolon = 0;
  let without = 0;
  for (const statement of children(program, 'body')) {
    const specifier = child(statement, 'source');
    if (specifier !== null) {
      const quote = source[rangeOf(specifier)[0]];
      if (quote === "'") single++;
      else if (quote === '"') double++;
    }
    const declaration = child(statement, 'declaration');
    const votes = TERMINATED.has(statement.type) || (statement.type === 'ExportNamedDeclaration' && (declaration === null || declaration.type === 'VariableDeclaration'));
    if (!votes) continue;
    if (source[rangeOf(statement)[1] - 1] === ';') withSemicolon++;
    else without++;
  }
  if (single + double === 0) {
    for (let index = source.indexOf("'"); index !== -1; index = source.indexOf("'", index + 1)) single++;
    for (let index = source.indexOf('"'); index !== -1; index = source.indexOf('"', index + 1)) double++;
  }
  return { quote: single >= double ? "'" : '"', semicolons: withSemicolon >= without };
}

/**
 * A string literal in the file's quotes.
 * @complexity O(length of the text).
 */
export function quoted(text: string, quote: "'" | '"'): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`).replaceAll('\n', '\\n');
  return `${quote}${escaped}${quote}`;
}

const FUNCTION_NODES: ReadonlySet<string> = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassMethod',
  'ClassPrivateMethod',
  'ObjectMethod',
  'ClassDeclaration',
  'ClassExpression',
]);
const SKIPPED_KEYS: ReadonlySet<string> = new Set(['parent', 'loc', 'range', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'tokens', 'extra', 'original', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

/** Calls `visit` on every node under `node`; `visit` returns false to skip a node's children. */
function walk(node: AstNode, visit: (node: AstNode) => boolean): void {
  if (!visit(node)) return;
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = node[key];
    const entries = Array.isArray(value) ? value : [value];
    for (const entry of entries) {
      if (typeof entry === 'object' && entry !== null && typeof (entry as { type?: unknown }).type === 'string') walk(entry as AstNode, visit);
    }
  }
}

/** Names a binding pattern declares. */
function patternNames(pattern: AstNode | null, into: Set<string>): void {
  if (pattern === null) return;
  switch (pattern.type) {
    case 'Identifier':
      into.add(pattern['name'] as string);
      return;
    case 'AssignmentPattern':
      patternNames(child(pattern, 'left'), into);
      return;
    case 'RestElement':
      patternNames(child(pattern, 'argument'), into);
      return;
    case 'TSParameterProperty':
      patternNames(child(pattern, 'parameter'), into);
      return;
    case 'ArrayPattern':
      for (const element of children(pattern, 'elements')) patternNames(element, into);
      return;
    case 'ObjectPattern':
      for (const property of children(pattern, 'properties')) patternNames(property.type === 'RestElement' ? property : child(property, 'value'), into);
      return;
  }
}

/** Why the body cannot move into a callback unchanged, or null. */
function bodyHazard(fn: AstNode, body: AstNode): string | null {
  const parameters = new Set<string>();
  for (const parameter of children(fn, 'params')) patternNames(parameter, parameters);
  const declared = new Set<string>();
  walk(body, (node: AstNode): boolean => {
    if (node !== body && FUNCTION_NODES.has(node.type)) {
      if (node.type === 'FunctionDeclaration') patternNames(child(node, 'id'), declared);
      return false;
    }
    if (node.type === 'VariableDeclaration' && node['kind'] === 'var') {
      for (const declarator of children(node, 'declarations')) patternNames(child(declarator, 'id'), declared);
    }
    return true;
  });
  if (declared.has('arguments')) return 'its body declares `arguments`, which the callback would see instead of the function\'s own';
  // `var a` re-declares parameter `a` in the function, but would start a new, undefined `a` in the callback.
  for (const name of declared) {
    if (parameters.has(name)) return `a \`var\` in its body re-declares parameter \`${name}\`, which would start undefined inside the callback`;
  }
  return null;
}

// What TypeScript reads as a comment directive (its `commentDirectiveRegEx…`): `// @ts-ignore`,
// `/// @ts-expect-error`, `/* @ts-expect-error */`. It silences errors on the line after the comment.
const TS_DIRECTIVE = /\/\/\/?[ \t]*@ts-(?:expect-error|ignore)\b|\/\*[\s*]*@ts-(?:expect-error|ignore)\b/gu;

/** `[start, end)` of the line after the one holding `position`, or null at the end of the source. */
function nextLine(source: string, position: number): readonly [number, number] | null {
  const newline = source.indexOf('\n', position);
  if (newline === -1) return null;
  const end = source.indexOf('\n', newline + 1);
  return [newline + 1, end === -1 ? source.length : end];
}

/** The value ranges the function returns: its expression body, or the arguments of its own `return`s. */
function returnedRanges(body: AstNode): readonly (readonly [number, number])[] {
  if (body.type !== 'BlockStatement') return [rangeOf(body)];
  const ranges: (readonly [number, number])[] = [];
  walk(body, (node: AstNode): boolean => {
    if (FUNCTION_NODES.has(node.type)) return node === body;
    if (node.type === 'ReturnStatement' && child(node, 'argument') !== null) ranges.push(rangeOf(node));
    return true;
  });
  return ranges;
}

/**
 * Whether a `@ts-expect-error` / `@ts-ignore` comment in `[from, to)` silences a line of a value the function
 * returns. Such an error (the value against the declared return type) would move to the outer
 * `return measure(…)` once the value is the callback's: the comment would then be unused (TS2578) and the
 * error uncovered. Comments inside nested functions count too (conservative: the callback is then typed).
 */
function directiveCoversReturn(source: string, from: number, to: number, body: AstNode): boolean {
  const covered: (readonly [number, number])[] = [];
  for (const match of source.slice(from, to).matchAll(TS_DIRECTIVE)) {
    const at = from + match.index;
    const commentEnd = match[0].startsWith('/*') ? source.indexOf('*/', at) + 2 : at;
    const line = nextLine(source, commentEnd);
    if (line !== null) covered.push(line);
  }
  if (covered.length === 0) return false;
  return returnedRanges(body).some(([start, end]: readonly [number, number]): boolean =>
    covered.some(([lineStart, lineEnd]: readonly [number, number]): boolean => start <= lineEnd && lineStart < end),
  );
}

/**
 * The callback's return annotation (`: T`) that keeps a returned value checked inside the callback, where
 * a directive comment covers it: the outer function's own annotation. Null when the outer function has none
 * and, being a declaration or a method, infers its type from its returns (nothing moves); a reason when the
 * type cannot be restated on an arrow (a type predicate, `asserts`) or may come from the context.
 */
function directiveSafeAnnotation(site: FunctionSite, source: string): { readonly text: string | null } | { readonly reason: string } {
  const returnType = child(site.fn, 'returnType');
  const type = returnType === null ? null : child(returnType, 'typeAnnotation');
  const reason = 'a `@ts-expect-error` or `@ts-ignore` comment covers a value it returns, and that error would move to the new `return measure(…)`';
  if (type === null) {
    const inferred = site.isMethod || site.fn.type === 'FunctionDeclaration';
    return inferred ? { text: null } : { reason: `${reason} (its return type may come from where it is assigned)` };
  }
  if (type.type === 'TSTypePredicate') return { reason: `${reason} (a type predicate cannot annotate the callback)` };
  const [start, end] = rangeOf(type);
  return { text: `: ${source.slice(start, end)}` };
}

/** Ranges of string and template literals spanning lines: their line starts are content, never indentation. */
function multiLineLiterals(body: AstNode, source: string): readonly (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  walk(body, (node: AstNode): boolean => {
    const isString = node.type === 'TemplateLiteral' || node.type === 'StringLiteral' || node.type === 'JSXText' || (node.type === 'Literal' && typeof node['value'] === 'string');
    if (!isString) return true;
    const range = rangeOf(node);
    if (source.slice(range[0], range[1]).includes('\n')) ranges.push(range);
    return node.type === 'TemplateLiteral';
  });
  return ranges;
}

function lineStart(source: string, position: number): number {
  return source.lastIndexOf('\n', position - 1) + 1;
}

function indentationAt(source: string, start: number): string {
  let end = start;
  while (source[end] === ' ' || source[end] === '\t') end++;
  return source.slice(start, end);
}

/** End of the directive prologue (`'use strict'`) of a block body, or just after its `{`. */
function prologueEnd(body: AstNode, open: number): number {
  let end = open + 1;
  for (const directive of children(body, 'directives')) end = Math.max(end, rangeOf(directive)[1]);
  for (const statement of children(body, 'body')) {
    if (typeof statement['directive'] !== 'string') break;
    end = Math.max(end, rangeOf(statement)[1]);
  }
  return end;
}

// A comment ending the `{` line: it stays there (an `eslint-disable-line` keeps covering the function's
// head), unless it covers the next line, which it must keep covering (the body's first statement).
const OPENING_LINE_COMMENT = /^[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*?\*\/[ \t]*)(?=\r?\n)/u;
const NEXT_LINE_DIRECTIVE = /@ts-(?:expect-error|ignore)\b|eslint-disable-next-line\b/u;

function openingLineEnd(source: string, from: number): number {
  const comment = OPENING_LINE_COMMENT.exec(source.slice(from, source.indexOf('\n', from) + 1));
  return comment === null || NEXT_LINE_DIRECTIVE.test(comment[0]) ? from : from + comment[0].length;
}

/**
 * The edit that makes a function time its body with `callee(name, () => body)`; or why it cannot: a
 * generator (a wrapper would time only the creation of its iterator), a missing body, or a body that does
 * not mean the same inside a callback (`var` re-declaring a parameter, a local `arguments`).
 * @complexity O(size of the body).
 */
export function wrapFunctionBody(site: FunctionSite, source: string, callee: string, name: string, style: WrapStyle): WrapResult {
  if (site.generator) return { ok: false, reason: 'it is a generator, and a wrapper would time only the creation of its iterator' };
  const { fn } = site;
  const body = child(fn, 'body');
  if (body === null) return { ok: false, reason: 'it has no body' };
  const hazard = bodyHazard(fn, body);
  if (hazard !== null) return { ok: false, reason: hazard };
  const [bodyStart, bodyEnd] = rangeOf(body);
  const arrowAt = body.type === 'BlockStatement' ? bodyStart : source.lastIndexOf('=>', bodyStart);
  let annotation = '';
  if (directiveCoversReturn(source, arrowAt, bodyEnd, body)) {
    const safe = directiveSafeAnnotation(site, source);
    if ('reason' in safe) return { ok: false, reason: safe.reason };
    annotation = safe.text ?? '';
  }
  const arrow = `${site.async ? 'async ' : ''}()${annotation} =>`;
  const head = `${callee}(${quoted(name, style.quote)}, ${arrow}`;
  const semicolon = style.semicolons ? ';' : '';
  if (body.type !== 'BlockStatement') {
    // An expression body, parentheses included: from the first character after `=>` to the arrow's end.
    // Comments before it stay before it, so a directive keeps covering the line the body starts on.
    let start = arrowAt + 2;
    for (let previous = -1; previous !== start; ) {
      previous = start;
      while (/\s/u.test(source[start] ?? '')) start++;
      if (source.startsWith('//', start)) start = source.includes('\n', start) ? source.indexOf('\n', start) : source.length;
      else if (source.startsWith('/*', start)) start = source.indexOf('*/', start) + 2;
    }
    const end = rangeOf(fn)[1];
    return { ok: true, edit: { start, end, text: `${head} ${source.slice(start, end)})` } };
  }
  const [open, closeEnd] = rangeOf(body);
  const close = closeEnd - 1;
  const afterPrologue = openingLineEnd(source, prologueEnd(body, open));
  const directives = source.slice(open + 1, afterPrologue);
  const rest = source.slice(afterPrologue, close);
  if (!rest.includes('\n')) {
    const inner = rest.trim() === '' ? '' : ` ${rest.trim()} `;
    return { ok: true, edit: { start: open, end: closeEnd, text: `{${directives} return ${head} {${inner}})${semicolon} }` } };
  }
  const closeLine = lineStart(source, close);
  const base = source.slice(closeLine, close).trim() === '' ? source.slice(closeLine, close) : indentationAt(source, lineStart(source, open));
  const core = rest.trimEnd();
  const firstLine = core.indexOf('\n');
  let unit = '  ';
  if (firstLine !== -1) {
    const indentation = indentationAt(core, firstLine + 1);
    if (indentation.length > base.length && indentation.startsWith(base)) unit = indentation.slice(base.length);
    else if (indentation.startsWith('\t')) unit = '\t';
  }
  const literals = multiLineLiterals(body, source);
  let reindented = '';
  let from = 0;
  for (let newline = core.indexOf('\n'); newline !== -1; newline = core.indexOf('\n', newline + 1)) {
    reindented += core.slice(from, newline + 1);
    from = newline + 1;
    const absolute = afterPrologue + newline + 1;
    const blank = core[newline + 1] === '\n' || core[newline + 1] === '\r' || newline + 1 >= core.length;
    const inLiteral = literals.some(([start, end]: readonly [number, number]): boolean => start < absolute && absolute < end);
    if (!blank && !inLiteral) reindented += unit;
  }
  reindented += core.slice(from);
  const inner = core.trim() === '' ? '}' : `${reindented}\n${base}${unit}}`;
  const text = `{${directives}\n${base}${unit}return ${head} {${inner})${semicolon}\n${base}}`;
  return { ok: true, edit: { start: open, end: closeEnd, text } };
}

/** How the file calls the monitor's export, and the import edit that makes it callable (null if none is needed). */
export interface MonitorImport {
  readonly callee: string;
  readonly edit: TextEdit | null;
}

/**
 * How a file calls the monitor's `exportName`: an existing import of it, a namespace import's member, or
 * a new specifier (merged into an existing import of the module, else a new import declaration after the
 * last import). The local name avoids every identifier-like word already in the file.
 * @complexity O(length of the source).
 */
export function monitorImport(program: AstNode, source: string, bindings: MonitorBindings, specifier: string, exportName: string, style: WrapStyle, existing: ReadonlySet<string>): MonitorImport {
  const [imported] = existing;
  if (imported !== undefined) return { callee: imported, edit: null };
  const [namespace] = bindings.namespaces;
  if (namespace !== undefined) return { callee: `${namespace}.${exportName}`, edit: null };
  let local = exportName;
  for (let suffix = 2; new RegExp(`(?<![\\w$])${local.replaceAll('$', '\\$')}(?![\\w$])`, 'u').test(source); suffix++) local = `${exportName}${suffix}`;
  const named = local === exportName ? exportName : `${exportName} as ${local}`;
  const semicolon = style.semicolons ? ';' : '';
  if (bindings.joinable !== null) {
    const specifiers = children(bindings.joinable, 'specifiers');
    const last = specifiers[specifiers.length - 1];
    if (last !== undefined) {
      const at = rangeOf(last)[1];
      const text = last.type === 'ImportSpecifier' ? `, ${named}` : `, { ${named} }`;
      return { callee: local, edit: { start: at, end: at, text } };
    }
  }
  const declaration = `import { ${named} } from ${quoted(specifier, style.quote)}${semicolon}`;
  const imports = children(program, 'body').filter((statement: AstNode): boolean => statement.type === 'ImportDeclaration');
  const lastImport = imports[imports.length - 1];
  if (lastImport !== undefined) {
    const at = rangeOf(lastImport)[1];
    return { callee: local, edit: { start: at, end: at, text: `\n${declaration}` } };
  }
  const at = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
  return { callee: local, edit: { start: at, end: at, text: `${declaration}\n` } };
}

/**
 * Applies non-overlapping edits to a source.
 * @complexity O(length of the source + edits · log edits).
 */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a: TextEdit, b: TextEdit): number => a.start - b.start || a.end - b.end);
  let result = '';
  let from = 0;
  for (const edit of sorted) {
    result += source.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return result + source.slice(from);
}
