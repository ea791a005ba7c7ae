/**
 * Types as pyright prints them (`reveal_type`, hover: `list[int]`, `Literal[1, 'a']`, `int | None`,
 * `Generator[int, Any, None]`, `CoroutineType[Any, Any, str]`), turned into annotations a person would write:
 * literal types widened to their class (`Literal[1]` → `int`, as autotyping's scalar returns), a generator
 * that is never sent to written `Iterator[Y]`, a coroutine function's awaited type unwrapped. A type that
 * names `Any`, `Unknown`, a type variable or `Self@C` (pyright's scoped names), a callable or a module is not
 * writable: the codemod never writes `Any` and never guesses.
 */

/** A parsed printed type: a (dotted) name with optional arguments, a union, or a value inside `Literal[…]`. */
type PrintedType =
  | { readonly kind: 'name'; readonly name: string; readonly args: readonly PrintedType[] | null }
  | { readonly kind: 'union'; readonly items: readonly PrintedType[] }
  | { readonly kind: 'value'; readonly text: string; readonly valueClass: string }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'emptyTuple' };

/** An annotation to write: its text, the names it uses (to resolve where it is written), and what it imports. */
export type WritableType =
  | { readonly ok: true; readonly text: string; readonly names: readonly string[]; readonly imports: readonly { readonly module: string; readonly name: string }[] }
  | { readonly ok: false; readonly reason: string };

const TOKEN = /\s*(?:(\.\.\.)|([A-Za-z_][\w.@]*)|(-?\d[\w.]*)|((?:[rRbBuU]{0,2})'(?:[^'\\]|\\.)*'|(?:[rRbBuU]{0,2})"(?:[^"\\]|\\.)*")|(->|[[\](),|*:=]))/y;

class Parser {
  private readonly tokens: string[] = [];
  private position = 0;

  constructor(text: string) {
    TOKEN.lastIndex = 0;
    let at = 0;
    while (at < text.length) {
      TOKEN.lastIndex = at;
      const match = TOKEN.exec(text);
      if (match === null) {
        if (/^\s*$/.test(text.slice(at))) break;
        throw new Error(`cannot read "${text.slice(at, at + 20)}"`);
      }
      this.tokens.push(match[0].trim());
      at = TOKEN.lastIndex;
    }
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private take(expected?: string): string {
    const token = this.tokens[this.position];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Error(`expected ${expected ?? 'more'} at "${token ?? 'end'}"`);
    this.position++;
    return token;
  }

  parseAll(): PrintedType {
    const type = this.union(false);
    if (this.position !== this.tokens.length) throw new Error(`unexpected "${this.peek() ?? ''}"`);
    return type;
  }

  private union(inLiteral: boolean): PrintedType {
    const items = [this.primary(inLiteral)];
    while (this.peek() === '|') {
      this.take('|');
      items.push(this.primary(inLiteral));
    }
    return items.length === 1 ? (items[0] as PrintedType) : { kind: 'union', items };
  }

  private primary(inLiteral: boolean): PrintedType {
    const token = this.take();
    if (token === '...') return { kind: 'ellipsis' };
    if (token === '(') {
      if (this.peek() === ')') {
        this.take(')');
        if (this.peek() === '->') throw new Error('a callable type');
        return { kind: 'emptyTuple' };
      }
      // A parenthesized union (`(int | None)` as a type argument's part); a callable's parameters fail here.
      const inner = this.union(false);
      this.take(')');
      if (this.peek() === '->') throw new Error('a callable type');
      return inner;
    }
    if (inLiteral) {
      if (/^-?\d/.test(token)) return { kind: 'value', text: token, valueClass: /[.eEjJ]/.test(token) ? 'float' : 'int' };
      if (/^[bB]/.test(token) && /['"]/.test(token)) return { kind: 'value', text: token, valueClass: 'bytes' };
      if (/['"]/.test(token)) return { kind: 'value', text: token, valueClass: 'str' };
      if (token === 'True' || token === 'False') return { kind: 'value', text: token, valueClass: 'bool' };
      if (token === 'None') return { kind: 'name', name: 'None', args: null };
      const dot = token.lastIndexOf('.');
      if (dot > 0) return { kind: 'value', text: token, valueClass: token.slice(0, dot) };
      throw new Error(`a literal "${token}"`);
    }
    if (!/^[A-Za-z_]/.test(token)) throw new Error(`unexpected "${token}"`);
    if (this.peek() !== '[') return { kind: 'name', name: token, args: null };
    this.take('[');
    const args: PrintedType[] = [];
    const literal = token === 'Literal';
    while (this.peek() !== ']') {
      args.push(this.union(literal));
      if (this.peek() === ',') this.take(',');
      else break;
    }
    this.take(']');
    return { kind: 'name', name: token, args };
  }
}

// Literal types are widened: `Literal[1, 2]` → `int`, `Literal[Color.RED]` → `Color`, `LiteralString` → `str`.
function widen(type: PrintedType): PrintedType {
  switch (type.kind) {
    case 'name':
      if (type.name === 'Literal' && type.args !== null) {
        return unionOf(type.args.map((arg: PrintedType): PrintedType => (arg.kind === 'value' ? { kind: 'name', name: arg.valueClass, args: null } : widen(arg))));
      }
      if (type.name === 'LiteralString') return { kind: 'name', name: 'str', args: null };
      return type.args === null ? type : { ...type, args: type.args.map(widen) };
    case 'union':
      return unionOf(type.items.map(widen));
    default:
      return type;
  }
}

function unionOf(items: readonly PrintedType[]): PrintedType {
  const flat = items.flatMap((item: PrintedType): readonly PrintedType[] => (item.kind === 'union' ? item.items : [item]));
  const seen = new Map<string, PrintedType>();
  for (const item of flat) if (!seen.has(print(item))) seen.set(print(item), item);
  // `None` last, as people write `int | None`.
  const unique = [...seen.values()].sort((a: PrintedType, b: PrintedType): number => Number(print(a) === 'None') - Number(print(b) === 'None'));
  return unique.length === 1 ? (unique[0] as PrintedType) : { kind: 'union', items: unique };
}

function print(type: PrintedType): string {
  switch (type.kind) {
    case 'name':
      return type.args === null ? type.name : `${type.name}[${type.args.map(print).join(', ')}]`;
    case 'union':
      return type.items.map(print).join(' | ');
    case 'value':
      return type.text;
    case 'ellipsis':
      return '...';
    default:
      return '()';
  }
}

function namesOf(type: PrintedType, into: Set<string>): Set<string> {
  if (type.kind === 'name') {
    into.add(type.name);
    for (const arg of type.args ?? []) namesOf(arg, into);
  } else if (type.kind === 'union') {
    for (const item of type.items) namesOf(item, into);
  }
  return into;
}

const isName = (type: PrintedType | undefined, name: string): boolean => type?.kind === 'name' && type.name === name && type.args === null;

/**
 * The return annotation to write for a function whose type pyright printed as `(<parameters>) -> <return>`.
 * `isAsync`: an `async def`, whose printed return is the coroutine (`CoroutineType[Any, Any, R]`), so `R`
 * is written. A generator never sent to (`Generator[Y, Any, None]`) is written `Iterator[Y]` (from
 * `collections.abc`), an async one (`AsyncGenerator[Y, Any]`) `AsyncIterator[Y]`.
 * @complexity O(length of the printed type).
 */
export function writableReturnType(printedFunction: string, isAsync: boolean): WritableType {
  const returned = returnPart(printedFunction);
  if (returned === null) return { ok: false, reason: `pyright's type "${printedFunction}" is not a plain function's` };
  let type: PrintedType;
  try {
    type = new Parser(returned).parseAll();
  } catch {
    return { ok: false, reason: `pyright infers "${returned}", which has no written form` };
  }
  if (isAsync) {
    if (type.kind !== 'name' || !/^(?:Coroutine|CoroutineType)$/.test(type.name) || type.args?.length !== 3) return { ok: false, reason: `pyright infers "${returned}" for an async def` };
    type = type.args[2] as PrintedType;
  }
  const imports: { module: string; name: string }[] = [];
  if (type.kind === 'name' && type.name === 'Generator' && type.args?.length === 3) {
    if (!isName(type.args[2], 'None')) return { ok: false, reason: `pyright infers "${returned}": a generator that returns a value, whose send type is Any` };
    type = { kind: 'name', name: 'Iterator', args: [type.args[0] as PrintedType] };
    imports.push({ module: 'collections.abc', name: 'Iterator' });
  } else if (type.kind === 'name' && type.name === 'AsyncGenerator' && type.args?.length === 2) {
    type = { kind: 'name', name: 'AsyncIterator', args: [type.args[0] as PrintedType] };
    imports.push({ module: 'collections.abc', name: 'AsyncIterator' });
  }
  type = widen(type);
  const names = namesOf(type, new Set());
  for (const name of names) {
    if (name === 'Any' || name === 'Unknown') return { ok: false, reason: `pyright infers "${returned}", which contains ${name}` };
    if (name.includes('@')) return { ok: false, reason: `pyright infers "${returned}", which names a type variable or Self` };
    if (name === 'NoReturn' || name === 'Never') return { ok: false, reason: `pyright infers "${returned}": it never returns` };
  }
  const imported = new Set(imports.map((entry: { module: string; name: string }): string => entry.name));
  return { ok: true, text: print(type), names: [...names].filter((name: string): boolean => !imported.has(name)), imports };
}

// The text after the parameter list's `) -> `, or null for anything else (an overload, a decorated object).
function returnPart(printed: string): string | null {
  if (!printed.startsWith('(')) return null;
  let depth = 0;
  let quote: string | null = null;
  for (let index = 0; index < printed.length; index++) {
    const char = printed[index] as string;
    if (quote !== null) {
      if (char === '\\') index++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      depth--;
      if (depth === 0) return printed.startsWith(' -> ', index + 1) ? printed.slice(index + 5) : null;
    }
  }
  return null;
}
