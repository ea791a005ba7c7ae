import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parsePython } from '../standards/shared/python-ast.js';

// [source, CPython 3.11's SyntaxError as [msg, line, offset - 1] or null when it compiles]. Each row is checked
// twice: python3's compile() must give exactly this, and so must the language (message, line, column).
const INVALID_SYNTAX = 'invalid syntax';
const LEADING_ZEROS = 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
const MULTIPLE_TYPES = 'multiple exception types must be parenthesized';
const PRINT = "Missing parentheses in call to 'print'. Did you mean print(...)?";
type Expected = readonly [message: string, line: number, column: number] | null;
const TABLE: readonly (readonly [string, Expected])[] = [
  // Python 2 forms tree-sitter-python parses without an error.
  ['print x\n', [PRINT, 1, 0]],
  ['exec code\n', ["Missing parentheses in call to 'exec'. Did you mean exec(...)?", 1, 0]],
  ['raise ValueError, "bad"\n', [INVALID_SYNTAX, 1, 16]],
  ['raise E, V, T\n', [INVALID_SYNTAX, 1, 7]],
  ['try:\n    pass\nexcept ValueError, e:\n    pass\n', [MULTIPLE_TYPES, 3, 7]],
  ['try: pass\nexcept (A, B), e: pass\n', [MULTIPLE_TYPES, 2, 7]],
  ['try: pass\nexcept A, B as e: pass\n', [MULTIPLE_TYPES, 2, 7]],
  ['try: pass\nexcept* A, B: pass\n', [MULTIPLE_TYPES, 2, 8]],
  ['x = 0777\n', [LEADING_ZEROS, 1, 4]],
  ['x = 09\n', [LEADING_ZEROS, 1, 4]],
  ['x = 00_7\n', [LEADING_ZEROS, 1, 4]],
  ['x = 0777L\n', [LEADING_ZEROS, 1, 4]],
  ['x = 10L\n', ['invalid decimal literal', 1, 5]],
  ['x = 0L\n', ['invalid decimal literal', 1, 4]],
  ['x = 00L\n', ['invalid decimal literal', 1, 5]],
  ['x = 0xFFl\n', ['invalid hexadecimal literal', 1, 7]],
  ['x = 0o7L\n', ['invalid octal literal', 1, 6]],
  ['x = 0b1L\n', ['invalid binary literal', 1, 6]],
  ['if 1 <> 2: pass\n', [INVALID_SYNTAX, 1, 5]],
  ['x = 1 < 2 <> 3\n', [INVALID_SYNTAX, 1, 10]],
  ['x = `1`\n', [INVALID_SYNTAX, 1, 4]],
  ['x = r`1`\n', [INVALID_SYNTAX, 1, 5]],
  ['x = ur"a"\n', [INVALID_SYNTAX, 1, 6]],
  ['x = uR"a"\n', [INVALID_SYNTAX, 1, 6]],
  ['x = bu"a"\n', [INVALID_SYNTAX, 1, 6]],
  ['x = fb""\n', [INVALID_SYNTAX, 1, 6]],
  ['x = bb""\n', [INVALID_SYNTAX, 1, 6]],
  ['def f((a, b)): pass\n', ['Function parameters cannot be parenthesized', 1, 6]],
  ['def f(a, (b, c)=(1, 2)): pass\n', ['Function parameters cannot be parenthesized', 1, 9]],
  ['g = lambda (a, b): 0\n', ['Lambda expression parameters cannot be parenthesized', 1, 11]],
  // Literals the grammar lexes more loosely than CPython's tokenizer.
  ['x = 1_\n', ['invalid decimal literal', 1, 5]],
  ['x = 0777_\n', ['invalid decimal literal', 1, 8]],
  ['x = 1_.5\n', ['invalid decimal literal', 1, 5]],
  ['x = 1_e5\n', ['invalid decimal literal', 1, 5]],
  ['x = 1.5_j\n', ['invalid decimal literal', 1, 7]],
  ['x = 1_j\n', ['invalid decimal literal', 1, 5]],
  // async and await are keywords: at `async` itself, or the next token when `async` could begin `async def`.
  ['async = 1\n', [INVALID_SYNTAX, 1, 6]],
  ['await = 1\n', [INVALID_SYNTAX, 1, 6]],
  ['async.x = 1\n', [INVALID_SYNTAX, 1, 5]],
  ['async, b = 1, 2\n', [INVALID_SYNTAX, 1, 5]],
  ['async  # note\n', [INVALID_SYNTAX, 1, 7]],
  ['class C:\n    async = 1\n', [INVALID_SYNTAX, 2, 10]],
  ['if x: async = 1\n', [INVALID_SYNTAX, 1, 6]],
  ['x = 1; async = 2\n', [INVALID_SYNTAX, 1, 7]],
  ['x = async\n', [INVALID_SYNTAX, 1, 4]],
  ['f(async=1)\n', [INVALID_SYNTAX, 1, 2]],
  ['@async\ndef f(): pass\n', [INVALID_SYNTAX, 1, 1]],
  ['x = (1,\n     async)\n', [INVALID_SYNTAX, 2, 5]],
  ['x = await\n', [INVALID_SYNTAX, 1, 9]],
  ['x = await  # note\n', [INVALID_SYNTAX, 1, 11]],
  ['f(await)\n', [INVALID_SYNTAX, 1, 7]],
  ['await \\\n  = 1\n', [INVALID_SYNTAX, 2, 2]],
  ['async def f():\n    return await\n', [INVALID_SYNTAX, 2, 16]],
  // The first error of a file, in source order, whichever check finds it.
  ['x = 0777 if 1 <> 2 else 1\n', [LEADING_ZEROS, 1, 4]],
  ['y = 1 <> 2\nprint y\n', [INVALID_SYNTAX, 1, 6]],
  // ... but CPython tokenizes the rest of the file after a parser error: a malformed number anywhere wins.
  ['y = 1 <> 2\nprint y\nz = 0777\n', [LEADING_ZEROS, 3, 4]],
  ['x = 0777\ny = 10L\nprint y\n', [LEADING_ZEROS, 1, 4]],
  ['print y\nx = 1_\ny = 10L\n', ['invalid decimal literal', 2, 5]],
  ['import sys\ntry:\n    t = 1\nexcept ValueError, e:\n    print >> sys.stderr, "bad", e\n', [MULTIPLE_TYPES, 4, 7]],
  // Valid Python 3 that looks close.
  ['print >> f, x\n', null],
  ['x = 0\ny = 00\nz = 0_0\nw = 0o777\nv = 0e5\nu = 0777.5\nt = 0777j\ns = 0777J\nr = 0777e1\n', null],
  ['x = 0x_1f + 0XFF + 0b1_0 + 1_000_000 + 1_000.000_1e1_0j + 10j + 0j + 007e3\n', null],
  ['x = [u"a", U"a", r"a", R"a", b"a", B"a", rb"a", Rb"a", bR"a", BR"a", f"{x}", F"{x}", rf"{x}", fR"{x}", Rf"{x}"]\n', null],
  ['x = rb"""a""" + Rb\'\'\'b\'\'\' + f"{\'`\'}"\n', null],
  ['s = "print x; except E, e: 0777 `x` <> ur\'\' async = 1 10L"\n# print x\n# except E, e: raise E, V\n', null],
  ['doc = """\nraise E, V\nx = 0777\n"""\n', null],
  ['match = 1\ncase = 2\ntype = 3\nprint = exec = 4\n', null],
  ['match x:\n    case (a, b):\n        pass\n', null],
  ['try: pass\nexcept (A, B) as e: pass\n', null],
  ['try: pass\nexcept* E: pass\n', null],
  ['try: pass\nexcept* (A, B) as e: pass\n', null],
  ['raise E from C\n', null],
  ['raise (A, B)\n', null],
  ['raise\n', null],
  ['def f(a=(1, 2), *args, b: int = 0, **kw): pass\ng = lambda a=(1, 2): a\n', null],
  ['for (a, b) in pairs: pass\n(c, d) = 1, 2\n', null],
  ['async def f(x):\n    async with x: pass\n    async for y in x: pass\n    return await x\n', null],
  ['apple = 1\nasyncio = 2\nawaited = 3\nx.asyncio = 4\n', null],
  ['if 1 != 2: pass\n', null],
];

// Rows both reject, where tree-sitter-python itself reports an error: our message is the grammar's.
const GRAMMAR_ERRORS: readonly (readonly [string, Expected, string])[] = [
  ['x.async\n', [INVALID_SYNTAX, 1, 2], 'invalid syntax at `x.`'],
  ['def async(): pass\n', [INVALID_SYNTAX, 1, 4], 'invalid syntax at `def async():`'],
];

// CPython 3's verdict on each source: [msg, line, offset - 1] or null.
function compiledByPython(sources: readonly string[]): Expected[] {
  const script = [
    'import sys, json',
    'out = []',
    'for source in json.load(sys.stdin):',
    '    try:',
    '        compile(source, "<snippet>", "exec")',
    '        out.append(None)',
    '    except SyntaxError as error:',
    '        out.append([error.msg, error.lineno, error.offset - 1])',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8' })) as Expected[];
}

function languageVerdict(source: string): Expected {
  const result = parsePython(source);
  return result.ok ? null : [result.error.message, result.error.line, result.error.column];
}

describe('the Python language rejects what CPython 3 rejects, with its message and location', () => {
  it('python3 compile() gives each row of the table', () => {
    const python = compiledByPython([...TABLE, ...GRAMMAR_ERRORS].map(([source]) => source));
    expect(python).toEqual([...TABLE, ...GRAMMAR_ERRORS].map(([, expected]) => expected));
  });

  it.each(TABLE.map(([source, expected]) => [JSON.stringify(source), source, expected] as const))('%s', (_name, source, expected) => {
    expect(languageVerdict(source)).toEqual(expected);
  });

  it('rejects the rows tree-sitter-python cannot parse, with the grammar error', () => {
    expect(GRAMMAR_ERRORS.map(([source]) => languageVerdict(source)?.[0])).toEqual(GRAMMAR_ERRORS.map(([, , message]) => message));
  });

  it('counts lines and columns of the universal newlines and UTF-16, as the rest of the tree', () => {
    expect(languageVerdict('s = "é𝄞"\r\nx = 10L\r\n')).toEqual(['invalid decimal literal', 2, 5]);
    expect(languageVerdict('s = "𝄞"; x = 0777\n')).toEqual([LEADING_ZEROS, 1, 14]);
  });
});
