import type { PythonComment, PythonNode } from '../shared/python-ast.js';
import type { PythonTextEdit } from '../shared/python-dataclasses.js';
import { enclosingFunction, type PythonNames } from '../shared/python-names.js';
import type { PythonLoopAnalysis } from './python-loops.js';

/**
 * Which independent Python loops the `concurrent-await` codemod rewrites into `asyncio.gather`, and into
 * what (architecture decision 34). Starting later calls before earlier ones finish must be the only change,
 * so only two bodies qualify, each one statement that awaits one call per item, the await
 * `prefer-concurrent-await` reports (python-loops.ts):
 * - collecting: `results = []` right before `for x in xs: results.append(await f(x))` →
 *   `results = await asyncio.gather(*(f(x) for x in xs))` (gather's list keeps the items' order);
 * - effects: `for x in xs: await f(x)` → `await asyncio.gather(*(f(x) for x in xs))`.
 * With a limit, each call's coroutine goes through a nested `async def` that awaits it holding an
 * `asyncio.Semaphore(limit)`, so at most `limit` run at once. The helper is annotated (`typing.Coroutine`, and a
 * `typing.TypeVar` for the result of a collecting loop: valid from Python 3.5), so `require-explicit-types`
 * reports nothing on it. Calling the function only makes the coroutine (the codemod rewrites only calls of
 * coroutine functions: python-event-loops.ts), so its body still runs in its turn; its arguments are evaluated
 * as gather takes the items, as without a limit. A coroutine still waiting for its turn when the run is
 * cancelled is closed, so Python does not warn that it was never awaited (the loop would not have made it).
 * Everything else the rule reports is left with a reason: a body that does more (a second statement, a
 * result transformed, a dict filled by key), an `else` clause, a loop variable read after the loop (the loop
 * leaves it bound to the last item; the generator expression binds its own), a collecting loop inside `try`
 * (a handler could read the partly filled list, which gather never binds), a list a nested function reads,
 * an iterable that mentions the list or awaits, and comments the rewrite would drop.
 */

/** A loop the codemod rewrites: the statements it replaces and the parts the new code is made of. */
export interface PythonGatherLoop {
  readonly loop: PythonNode;
  /** `results = []` before a collecting loop; null for an effects loop. */
  readonly declaration: PythonNode | null;
  /** The awaited expression, `f(x)` of `await f(x)`. */
  readonly call: PythonNode;
}

export type PythonGatherShape = { readonly ok: true; readonly gather: PythonGatherLoop } | { readonly ok: false; readonly reason: string };

const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set(['FunctionDefinition', 'Lambda', 'ClassDefinition']);
const COMPREHENSIONS: ReadonlySet<string> = new Set(['ListComprehension', 'SetComprehension', 'DictionaryComprehension', 'GeneratorExpression']);
const TARGET_PATTERNS: ReadonlySet<string> = new Set(['Identifier', 'PatternList', 'TuplePattern', 'ListPattern', 'ListSplatPattern', 'ParenthesizedExpression', 'Tuple', 'List']);
// Expressions a generator expression takes as its iterable without parentheses.
const PRIMARY: ReadonlySet<string> = new Set([
  'Identifier', 'Attribute', 'Call', 'Subscript', 'List', 'Tuple', 'ParenthesizedExpression', 'Dictionary', 'Set', 'String',
  'ConcatenatedString', 'Integer', 'ListComprehension', 'SetComprehension', 'DictionaryComprehension', 'GeneratorExpression',
]);

function descendants(node: PythonNode, visit: (node: PythonNode) => boolean | void): void {
  const stack: PythonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    if (visit(current) === false) continue;
    for (let index = current.children.length - 1; index >= 0; index -= 1) stack.push(current.children[index] as PythonNode);
  }
}

function containsType(node: PythonNode, types: ReadonlySet<string>): boolean {
  let found = false;
  descendants(node, (current: PythonNode): boolean => {
    if (types.has(current.type)) found = true;
    return !found;
  });
  return found;
}

function identifierMentions(node: PythonNode, name: string, names: PythonNames): PythonNode[] {
  const found: PythonNode[] = [];
  descendants(node, (current: PythonNode): void => {
    if (current.type !== 'Identifier' || names.textOf(current) !== name) return;
    // `obj.name` and `f(name=…)` are not the name.
    const parent = current.parent;
    if (parent?.type === 'Attribute' && parent.attribute === current) return;
    if (parent?.type === 'KeywordArgument' && parent.name === current) return;
    found.push(current);
  });
  return found;
}

/**
 * The names a `for` target binds, in order (`x`; `k, v`; `(a, b), *rest`); null when it assigns anything
 * else (`for self.item in …`, `for row[0] in …`), which a generator expression would not do.
 * @complexity O(size of the target).
 */
export function pythonTargetNames(target: PythonNode, names: PythonNames): string[] | null {
  const bound: string[] = [];
  let plain = true;
  descendants(target, (current: PythonNode): boolean => {
    if (current.type === 'Identifier') bound.push(names.textOf(current));
    else if (!TARGET_PATTERNS.has(current.type)) plain = false;
    return plain && current.type !== 'Identifier';
  });
  return plain ? bound : null;
}

// Whether a mention of `name` reads a binding of its own: another `for` that binds it (in its target or
// body), or a comprehension that does (its own scope).
function bindsItselfAt(identifier: PythonNode, name: string, fn: PythonNode, names: PythonNames): boolean {
  let child = identifier;
  for (let ancestor = identifier.parent; ancestor !== null && ancestor !== fn; child = ancestor, ancestor = ancestor.parent) {
    if (ancestor.type === 'ForStatement' && ancestor.left && (child === ancestor.left || child === ancestor.body) && pythonTargetNames(ancestor.left, names)?.includes(name) === true) return true;
    if (COMPREHENSIONS.has(ancestor.type)) {
      const clauses = ancestor.children.filter((clause: PythonNode): boolean => clause.type === 'ForInClause');
      if (clauses.some((clause: PythonNode): boolean => clause.left !== null && clause.left !== undefined && pythonTargetNames(clause.left, names)?.includes(name) === true)) return true;
    }
  }
  return false;
}

function scopeNodeOf(node: PythonNode): PythonNode | null {
  for (let current = node.parent; current !== null; current = current.parent) if (SCOPE_BOUNDARIES.has(current.type)) return current;
  return null;
}

function previousStatement(statement: PythonNode): PythonNode | null {
  const siblings = statement.parent?.children ?? [];
  const index = siblings.indexOf(statement);
  return index > 0 ? (siblings[index - 1] as PythonNode) : null;
}

// `results = []` / `results: list[T] = []` binding the plain name `name`.
function emptyListAssignment(statement: PythonNode | null, name: string, names: PythonNames): statement is PythonNode {
  const assignment = statement?.type === 'ExpressionStatement' && statement.children.length === 1 ? statement.children[0] : undefined;
  if (assignment?.type !== 'Assignment' || assignment.left?.type !== 'Identifier' || names.textOf(assignment.left) !== name) return false;
  const value = assignment.right;
  return value !== null && value !== undefined && !Array.isArray(value) && (value as PythonNode).type === 'List' && (value as PythonNode).children.length === 0;
}

const leave = (reason: string): PythonGatherShape => ({ ok: false, reason });

/**
 * Whether the codemod rewrites a loop the rule reports (`analysis` has no exemption and reports awaits), and
 * the parts it rewrites from; otherwise why it stays, as a clause ("its body does more than …").
 * @complexity O(nodes of the enclosing function).
 */
export function pythonGatherShape(loop: PythonNode, analysis: PythonLoopAnalysis, names: PythonNames, comments: readonly PythonComment[]): PythonGatherShape {
  const fn = enclosingFunction(loop);
  if (fn?.type !== 'FunctionDefinition' || fn.async !== true) return leave('it is not in an `async def`');
  if (loop.alternative !== null && loop.alternative !== undefined && !(Array.isArray(loop.alternative) && loop.alternative.length === 0)) return leave('it has an `else` clause');
  const statements = loop.body?.children ?? [];
  const only = statements.length === 1 && statements[0]?.type === 'ExpressionStatement' && statements[0].children.length === 1 ? statements[0].children[0] : undefined;
  let awaited: PythonNode | undefined;
  let collection: string | null = null;
  if (only?.type === 'Await') awaited = only;
  else if (only?.type === 'Call' && only.function?.type === 'Attribute' && only.function.object?.type === 'Identifier' && only.function.attribute && names.textOf(only.function.attribute) === 'append') {
    const argumentsOf = only.arguments?.children ?? [];
    if (argumentsOf.length === 1 && argumentsOf[0]?.type === 'Await') {
      awaited = argumentsOf[0];
      collection = names.textOf(only.function.object);
    }
  }
  if (awaited === undefined) {
    const byKey = only?.type === 'Assignment' && only.left?.type === 'Subscript';
    return leave(byKey ? 'it fills a collection by key; gather returns a list, so rewrite it by hand (`dict(zip(keys, await asyncio.gather(…)))` with the keys in a list)' : 'its body does more than await one call per item (`await f(x)`) or append it (`results.append(await f(x))`)');
  }
  const call = awaited.children[0];
  if (call === undefined || !analysis.awaits.includes(awaited)) return leave('its await is not one the rule reports');
  if (containsType(call, new Set(['Await', 'Yield', 'NamedExpression']))) return leave('the awaited call holds another `await`, a `yield` or a `:=`');
  const target = loop.left;
  const iterable = loop.right && !Array.isArray(loop.right) ? (loop.right as PythonNode) : null;
  const targets = target ? pythonTargetNames(target, names) : null;
  if (target === null || target === undefined || iterable === null || targets === null) return leave('its target is not a plain name or tuple of names');
  if (containsType(iterable, new Set(['Await']))) return leave('its iterable awaits');
  const functionBody = fn.body as PythonNode;
  for (const name of targets) {
    const elsewhere = identifierMentions(functionBody, name, names).some(
      (identifier: PythonNode): boolean => (identifier.range[0] < loop.range[0] || identifier.range[1] > loop.range[1]) && !bindsItselfAt(identifier, name, fn, names),
    );
    if (elsewhere) return leave(`\`${name}\` is also used outside the loop, which leaves it bound to the last item (a generator expression binds its own)`);
  }
  let declaration: PythonNode | null = null;
  if (collection !== null) {
    const previous = previousStatement(loop);
    if (!emptyListAssignment(previous, collection, names) || names.text.slice(previous.range[1], loop.range[0]).trim() !== '') {
      return leave(`the list \`${collection}\` is not created empty (\`${collection} = []\`) right before the loop`);
    }
    declaration = previous;
    if (identifierMentions(iterable, collection, names).length > 0) return leave(`its iterable reads \`${collection}\``);
    const resolved = names.scopes.resolve(previous.children[0]?.left as PythonNode, collection);
    if (resolved.kind !== 'local' || resolved.scope.node !== fn) return leave(`\`${collection}\` is not a local variable of the function`);
    const closures = identifierMentions(functionBody, collection, names).some((identifier: PythonNode): boolean => scopeNodeOf(identifier) !== fn);
    if (closures) return leave(`a nested function or class reads \`${collection}\``);
    for (let ancestor = loop.parent; ancestor !== null && ancestor !== fn; ancestor = ancestor.parent) {
      if (ancestor.type === 'TryStatement') return leave(`it is inside \`try\`, where a handler could read the partly filled \`${collection}\`, which gather does not bind until every call is done`);
    }
  }
  const start = (declaration ?? loop).range[0];
  if (names.text.slice(lineStart(names.text, start), start).trim() !== '') return leave('it shares its first line with another statement');
  if (comments.some((comment): boolean => comment.range[0] >= start && comment.range[0] < loop.range[1])) return leave('the rewrite would drop a comment inside it');
  return { ok: true, gather: { loop, declaration, call } };
}

/** How the rewrite is written. */
export interface PythonGatherStyle {
  /** How the file names `asyncio` where the loop is (`asyncio`, `aio`). */
  readonly asyncio: string;
  /** How the file names `typing` (`typing`, `t`), for the bounded helper's annotations; needed with a limit. */
  readonly typing: string | null;
  /** At most this many calls in flight, or null for no bound. */
  readonly limit: number | null;
  /** Names taken in the file (identifiers and earlier rewrites'): the semaphore and helper avoid them, and are added. */
  readonly taken: Set<string>;
}

function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}_${suffix}`;
  taken.add(name);
  return name;
}

function containsMultilineString(node: PythonNode): boolean {
  let found = false;
  descendants(node, (current: PythonNode): boolean => {
    if ((current.type === 'String' || current.type === 'ConcatenatedString') && current.loc.start.line !== current.loc.end.line) found = true;
    return !found;
  });
  return found;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The edit that replaces a loop (and its `results = []`) with the gather form. The semaphore form's nested
 * `async def` takes each item's coroutine (the call, made in the generator expression where the loop's
 * target names are bound) and returns its result; throws when `style.typing` is null with a limit.
 * @complexity O(length of the replaced text).
 */
export function pythonGatherEdit(shape: PythonGatherLoop, names: PythonNames, style: PythonGatherStyle): PythonTextEdit {
  const { loop, declaration, call } = shape;
  const text = names.text;
  const first = declaration ?? loop;
  const indent = text.slice(lineStart(text, first.range[0]), first.range[0]);
  const bodyStatement = loop.body?.children[0] as PythonNode;
  // One level deeper, as the file indents the loop's body (or four spaces when the body is on the `for` line).
  const bodyIndent = bodyStatement.loc.start.line === loop.loc.start.line ? `${indent}    ` : text.slice(lineStart(text, bodyStatement.range[0]), bodyStatement.range[0]);
  const step = bodyIndent.slice(indent.length);
  const iterable = loop.right as PythonNode;
  const iterableText = PRIMARY.has(iterable.type) ? names.textOf(iterable) : `(${names.textOf(iterable)})`;
  const targetText = names.textOf(loop.left as PythonNode);
  const head = declaration === null ? '' : text.slice(declaration.range[0], (declaration.children[0]?.right as PythonNode).range[0]);
  let lines = '';
  // The call's continuation lines follow it one level out (gather) or in (the helper), unless a string spans lines.
  const multilineString = containsMultilineString(call);
  const callText = (shift: 'in' | 'out'): string => {
    const written = names.textOf(call);
    if (multilineString || !written.includes('\n')) return written;
    const [firstLine, ...rest] = written.split('\n');
    if (shift === 'in') return [firstLine, ...rest.map((line: string): string => (line.trim() === '' ? line : `${step}${line}`))].join('\n');
    if (!rest.every((line: string): boolean => line.trim() === '' || line.startsWith(bodyIndent))) return written;
    return [firstLine, ...rest.map((line: string): string => line.slice(step.length))].join('\n');
  };
  let element = callText('out');
  if (style.limit !== null) {
    const typing = style.typing;
    if (typing === null) throw new Error('pythonGatherEdit: a limit needs the spelling of `typing`');
    const semaphore = freeName('semaphore', style.taken);
    const helper = freeName('bounded', style.taken);
    const call = freeName('coroutine', style.taken);
    // A collecting loop's helper returns each call's result, as its own type: a TypeVar (PEP 695's `[T]` is 3.12+).
    const result = declaration === null ? null : freeName('Result', style.taken);
    const typeVariable = result === null ? '' : `${indent}${result} = ${typing}.TypeVar("${result}")\n`;
    const signature = `${call}: ${typing}.Coroutine[object, None, ${result ?? 'object'}]) -> ${result ?? 'None'}`;
    lines =
      `${semaphore} = ${style.asyncio}.Semaphore(${style.limit})\n${typeVariable}\n` +
      `${indent}async def ${helper}(${signature}:\n` +
      `${indent}${step}try:\n` +
      `${indent}${step}${step}async with ${semaphore}:\n` +
      `${indent}${step}${step}${step}${result === null ? '' : 'return '}await ${call}\n` +
      `${indent}${step}finally:\n` +
      // Cancelled while waiting for its turn: closed, so Python does not warn that it was never awaited.
      `${indent}${step}${step}${call}.close()\n\n${indent}`;
    element = `${helper}(${element})`;
  }
  return { range: [first.range[0], loop.range[1]], text: `${lines}${head}await ${style.asyncio}.gather(*(${element} for ${targetText} in ${iterableText}))` };
}
