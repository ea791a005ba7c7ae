/**
 * Python references to a module file, read with a real Python grammar (@lezer/python) so that every
 * statement form is covered: `import a.b [as c]`, `from a.b import …`, `from .b import …`,
 * `from a import b`, parenthesised and backslash-continued statements, imports inside functions,
 * `a.b.module.attr` chains after `import a.b.module`, and module names in strings (`importlib.import_module`,
 * `mock.patch("a.b.module.attr")`). Used when a one-off `*.py` file is renamed.
 */
import { parser } from '@lezer/python';

type PythonNode = ReturnType<typeof parser.parse>['topNode'];

/** A Python module file being renamed, as its importers see it. */
export interface PythonModuleRename {
  /** Folder of the module, relative to the project root, with `/` ('' for the root). */
  readonly folder: string;
  readonly oldName: string;
  readonly newName: string;
  /**
   * The module moves to another folder (`--scripts-dir`): its dotted path then depends on `sys.path`, so a
   * reference to it is reported, never rewritten.
   */
  readonly movesFolder: boolean;
}

/** A reference to a renamed module that is left as it is, so that module must not be renamed. */
export interface PythonReferenceProblem {
  /** The rename it concerns (one of the `renames` given). */
  readonly rename: PythonModuleRename;
  /** 1-based line of the reference. */
  readonly line: number;
  /** Why it is not rewritten, as a clause: "`importlib.import_module('.fix_x')` names it relative to a package". */
  readonly reason: string;
}

export interface PythonImportRewrite {
  /** The new text (the source itself when nothing could be rewritten). */
  readonly text: string;
  /** 1-based lines that were rewritten. */
  readonly lines: readonly number[];
  readonly problems: readonly PythonReferenceProblem[];
}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

interface Token {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

// `import_module(f"…")` and the like: a cheap test before parsing a file that names no old module.
const MODULE_NAME_FROM_F_STRING = /\b(?:import_module|__import__|run_module|find_spec)\s*\(\s*[a-zA-Z]*[fF][a-zA-Z]*['"]/u;

// Calls whose first argument is a module's dotted name.
const MODULE_NAME_CALLS = new Set(['import_module', '__import__', 'run_module', 'find_spec', 'reload']);
const DOTTED_NAME = /^\.*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/u;

const segmentsOf = (folder: string): readonly string[] => (folder === '' ? [] : folder.split('/'));

function endsWith(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length > haystack.length) return false;
  const offset = haystack.length - needle.length;
  return needle.every((segment: string, index: number): boolean => haystack[offset + index] === segment);
}

// An absolute dotted path names the module when its last segment is the module's name and the segments
// before it end the module's folder: `tools.fix_x` names tools/fix_x.py and src/tools/fix_x.py (with
// src on sys.path), never other/fix_x.py.
function namesModule(dotted: readonly string[], rename: PythonModuleRename): boolean {
  return dotted.at(-1) === rename.oldName && endsWith(segmentsOf(rename.folder), dotted.slice(0, -1));
}

// A relative `from ..pkg import` resolves against the importer's folder: one dot is its own package.
function relativeFolder(importerFolder: string, dots: number, rest: readonly string[]): string | null {
  const base = [...segmentsOf(importerFolder)];
  for (let level = 1; level < dots; level += 1) {
    if (base.length === 0) return null;
    base.pop();
  }
  return [...base, ...rest].join('/');
}

function childrenOf(node: PythonNode, source: string): Token[] {
  const tokens: Token[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    tokens.push({ name: child.name, from: child.from, to: child.to, text: source.slice(child.from, child.to) });
  }
  return tokens;
}

// `a . b . c` as tokens; dots before the first name (relative imports) are counted, `...` included.
interface DottedPath {
  readonly dots: number;
  readonly names: readonly Token[];
}

function dottedPath(tokens: readonly Token[]): DottedPath {
  let dots = 0;
  const names: Token[] = [];
  for (const token of tokens) {
    if (token.name === 'VariableName') names.push(token);
    else if (names.length === 0 && /^\.+$/u.test(token.text)) dots += token.text.length;
  }
  return { dots, names };
}

// Splits `a.b as c, d` (tokens after `import`) into items at top-level commas, without parentheses.
function importItems(tokens: readonly Token[]): Token[][] {
  const items: Token[][] = [[]];
  for (const token of tokens) {
    if (token.name === ',') items.push([]);
    else if (token.name !== '(' && token.name !== ')') items.at(-1)?.push(token);
  }
  return items.filter((item: Token[]): boolean => item.length > 0);
}

class PythonRewriter {
  readonly edits = new Map<number, Edit>();
  readonly problems: PythonReferenceProblem[] = [];
  // Dotted chains bound by `import a.b.fix_x`, rewritten where code spells them out.
  readonly chains: { readonly segments: readonly string[]; readonly rename: PythonModuleRename }[] = [];

  constructor(
    private readonly source: string,
    private readonly importerFolder: string,
    private readonly renames: readonly PythonModuleRename[],
  ) {}

  lineOf(offset: number): number {
    let line = 1;
    for (let index = this.source.indexOf('\n'); index !== -1 && index < offset; index = this.source.indexOf('\n', index + 1)) line += 1;
    return line;
  }

  // Records an edit, or a problem when the module moves to another folder.
  replace(rename: PythonModuleRename, from: number, to: number, text: string): void {
    if (rename.movesFolder) {
      this.problems.push({ rename, line: this.lineOf(from), reason: `it is imported here, and a dotted path into ${rename.newName}'s new folder depends on sys.path` });
      return;
    }
    this.edits.set(from, { from, to, text });
  }

  absolute(names: readonly string[]): PythonModuleRename | undefined {
    return this.renames.find((rename: PythonModuleRename): boolean => namesModule(names, rename));
  }

  relative(dots: number, names: readonly string[]): PythonModuleRename | undefined {
    return this.renames.find(
      (rename: PythonModuleRename): boolean =>
        names.at(-1) === rename.oldName && relativeFolder(this.importerFolder, dots, names.slice(0, -1)) === rename.folder,
    );
  }

  importStatement(node: PythonNode): void {
    const tokens = childrenOf(node, this.source);
    const importAt = tokens.findIndex((token: Token): boolean => token.name === 'import');
    if (importAt === -1) return;
    if (tokens[0]?.name === 'from') this.fromImport(dottedPath(tokens.slice(1, importAt)), importItems(tokens.slice(importAt + 1)));
    else for (const item of importItems(tokens.slice(importAt + 1))) this.plainImport(item);
  }

  // `import a.b.fix_x`, `import fix_x`, `import a.fix_x as y`
  plainImport(item: readonly Token[]): void {
    const asAt = item.findIndex((token: Token): boolean => token.name === 'as');
    const { names } = dottedPath(asAt === -1 ? item : item.slice(0, asAt));
    const last = names.at(-1);
    const rename = this.absolute(names.map((token: Token): string => token.text));
    if (rename === undefined || last === undefined) return;
    if (asAt !== -1) this.replace(rename, last.from, last.to, rename.newName);
    else if (names.length === 1) this.replace(rename, last.from, last.to, `${rename.newName} as ${rename.oldName}`);
    else {
      this.replace(rename, last.from, last.to, rename.newName);
      this.chains.push({ segments: names.map((token: Token): string => token.text), rename });
    }
  }

  // `from a.fix_x import b`, `from .fix_x import (b,\n c)`, `from a import fix_x [as y]`, `from . import fix_x`
  fromImport(module: DottedPath, items: readonly Token[][]): void {
    const moduleNames = module.names.map((token: Token): string => token.text);
    const last = module.names.at(-1);
    const named = moduleNames.length === 0 ? undefined : module.dots === 0 ? this.absolute(moduleNames) : this.relative(module.dots, moduleNames);
    if (named !== undefined && last !== undefined) {
      this.replace(named, last.from, last.to, named.newName);
      return;
    }
    const folder = module.dots === 0 ? null : relativeFolder(this.importerFolder, module.dots, moduleNames);
    for (const item of items) {
      const name = item[0];
      if (name?.name !== 'VariableName') continue;
      const rename = this.renames.find(
        (candidate: PythonModuleRename): boolean =>
          candidate.oldName === name.text &&
          (folder === null ? moduleNames.length > 0 && endsWith(segmentsOf(candidate.folder), moduleNames) : folder === candidate.folder),
      );
      if (rename === undefined) continue;
      const aliased = item.some((token: Token): boolean => token.name === 'as');
      this.replace(rename, name.from, name.to, aliased ? rename.newName : `${rename.newName} as ${rename.oldName}`);
    }
  }

  // `tools.fix_x.run()` after `import tools.fix_x`
  memberChain(node: PythonNode): void {
    if (this.chains.length === 0) return;
    const parts: Token[] = [];
    let current: PythonNode | null = node;
    while (current?.name === 'MemberExpression') {
      const tokens = childrenOf(current, this.source);
      const property = tokens.at(-1);
      if (property?.name !== 'PropertyName' || tokens[1]?.name !== '.') return;
      parts.unshift(property);
      current = current.firstChild;
    }
    if (current?.name !== 'VariableName') return;
    parts.unshift({ name: current.name, from: current.from, to: current.to, text: this.source.slice(current.from, current.to) });
    for (const chain of this.chains) {
      const target = parts[chain.segments.length - 1];
      if (target !== undefined && chain.segments.every((segment: string, index: number): boolean => parts[index]?.text === segment)) {
        this.replace(chain.rename, target.from, target.to, chain.rename.newName);
      }
    }
  }

  // `importlib.import_module("tools.fix_x")`, `mock.patch("tools.fix_x.run")`
  string(node: PythonNode): void {
    const raw = this.source.slice(node.from, node.to);
    const quote = /^([rRuU]?)('''|"""|'|")/u.exec(raw);
    if (quote === null) return;
    const open = (quote[1] ?? '').length + (quote[2] ?? '').length;
    const content = raw.slice(open, raw.length - (quote[2] ?? '').length);
    if (!DOTTED_NAME.test(content)) return;
    const dots = /^\.*/u.exec(content)?.[0].length ?? 0;
    const names = content.slice(dots).split('.');
    const moduleCall = this.isModuleNameArgument(node);
    const start = node.from + open + dots;
    for (let length = moduleCall ? 1 : 2; length <= names.length; length += 1) {
      const prefix = names.slice(0, length);
      if (dots > 0) {
        // `import_module(".fix_x", package)`: the package is a run-time value; read as the importer's own.
        const relative = moduleCall ? this.relative(dots, prefix) : undefined;
        if (relative !== undefined) {
          this.problems.push({ rename: relative, line: this.lineOf(node.from), reason: `\`${content}\` names it relative to a package known only at run time` });
          return;
        }
        continue;
      }
      const rename = this.absolute(prefix);
      if (rename === undefined) continue;
      const offset = start + prefix.slice(0, -1).reduce((sum: number, name: string): number => sum + name.length + 1, 0);
      this.replace(rename, offset, offset + rename.oldName.length, rename.newName);
      return;
    }
  }

  // `importlib.import_module(f"tools.fix_{name}")`: a name built at run time cannot be rewritten, so every
  // module whose dotted name starts like it must stay.
  formatString(node: PythonNode): void {
    if (!this.isModuleNameArgument(node)) return;
    const raw = this.source.slice(node.from, node.to);
    const quote = /^([a-zA-Z]*)('''|"""|'|")/u.exec(raw);
    if (quote === null) return;
    const content = raw.slice((quote[1] ?? '').length + (quote[2] ?? '').length);
    const brace = content.indexOf('{');
    const fixed = brace === -1 ? content : content.slice(0, brace);
    const dots = /^\.*/u.exec(fixed)?.[0].length ?? 0;
    for (const rename of this.renames) {
      const dotted = [...(rename.folder === '' ? [] : rename.folder.split('/')), rename.oldName].join('.');
      // Relative to a package known only at run time: only the module's own name can be compared.
      const mayName = dots > 0 ? rename.oldName.startsWith(fixed.slice(fixed.lastIndexOf('.') + 1)) : dotted.startsWith(fixed);
      if (mayName) this.problems.push({ rename, line: this.lineOf(node.from), reason: `\`${raw}\` builds a module name at run time` });
    }
  }

  isModuleNameArgument(node: PythonNode): boolean {
    const list = node.parent;
    const call = list?.parent;
    if (list?.name !== 'ArgList' || call?.name !== 'CallExpression') return false;
    const first = list.firstChild?.nextSibling;
    if (first?.from !== node.from) return false;
    const callee = call.firstChild;
    if (callee === null) return false;
    const name = callee.name === 'MemberExpression' ? callee.lastChild : callee;
    return name !== null && MODULE_NAME_CALLS.has(this.source.slice(name.from, name.to));
  }
}

/**
 * Rewrites every reference in `source` (a file in `importerFolder`, relative to the root with `/`) to one
 * of `renames`. `import fix_x` becomes `import x as fix_x` and `from a import fix_x` becomes
 * `from a import x as fix_x`, so the name the code uses keeps working; the other forms change the module
 * path only (`from fix_x import run` → `from x import run`, `import a.fix_x` → `import a.x` together with
 * every `a.fix_x` chain in the code, `import_module("a.fix_x")` → `import_module("a.x")`). References that
 * cannot be rewritten are returned as problems. Returns `null` when the source names no renamed module.
 * @complexity O(source length + import statements × renames); sources without any old name are not parsed.
 */
export function rewritePythonImports(
  source: string,
  importerFolder: string,
  renames: readonly PythonModuleRename[],
): PythonImportRewrite | null {
  // A module name built by an f-string may name any module, whether or not its name is written out.
  const buildsNames = MODULE_NAME_FROM_F_STRING.test(source);
  const relevant = buildsNames ? renames : renames.filter((rename: PythonModuleRename): boolean => source.includes(rename.oldName));
  if (relevant.length === 0) return null;
  const rewriter = new PythonRewriter(source, importerFolder, relevant);
  const members: PythonNode[] = [];
  parser.parse(source).iterate({
    enter: (ref): boolean => {
      if (ref.name === 'ImportStatement') {
        rewriter.importStatement(ref.node);
        return false;
      }
      if (ref.name === 'MemberExpression') members.push(ref.node);
      else if (ref.name === 'String') rewriter.string(ref.node);
      else if (ref.name === 'FormatString') rewriter.formatString(ref.node);
      return true;
    },
  });
  // Chains are known only once every import (possibly below the use, inside functions) was read.
  for (const member of members) rewriter.memberChain(member);
  if (rewriter.edits.size === 0 && rewriter.problems.length === 0) return null;
  let text = source;
  const lines = new Set<number>();
  for (const edit of [...rewriter.edits.values()].sort((a: Edit, b: Edit): number => b.from - a.from)) {
    text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
    lines.add(rewriter.lineOf(edit.from));
  }
  return { text, lines: [...lines].sort((a: number, b: number): number => a - b), problems: rewriter.problems };
}

/** One module an `import` statement of a file reads. */
export interface PythonImportedModule {
  /** Leading dots of a relative import (0 for absolute). */
  readonly dots: number;
  /** The dotted module path, without the leading dots; empty for `from . import x`. */
  readonly names: readonly string[];
  /** 1-based line of the statement. */
  readonly line: number;
}

/**
 * The modules a Python source imports, every statement form (`from . import x` yields dots 1 and no
 * names), for judging whether a file can move to another folder.
 * @complexity O(source length).
 */
export function pythonImportedModules(source: string): PythonImportedModule[] {
  const rewriter = new PythonRewriter(source, '', []);
  const modules: PythonImportedModule[] = [];
  parser.parse(source).iterate({
    enter: (ref): boolean => {
      if (ref.name !== 'ImportStatement') return true;
      const tokens = childrenOf(ref.node, source);
      const importAt = tokens.findIndex((token: Token): boolean => token.name === 'import');
      const line = rewriter.lineOf(ref.from);
      if (tokens[0]?.name === 'from') {
        const { dots, names } = dottedPath(tokens.slice(1, importAt));
        modules.push({ dots, names: names.map((token: Token): string => token.text), line });
      } else {
        for (const item of importItems(tokens.slice(importAt + 1))) {
          const asAt = item.findIndex((token: Token): boolean => token.name === 'as');
          const { names } = dottedPath(asAt === -1 ? item : item.slice(0, asAt));
          modules.push({ dots: 0, names: names.map((token: Token): string => token.text), line });
        }
      }
      return false;
    },
  });
  return modules;
}

/**
 * Top-level modules of the Python standard library (CPython 3.12's `sys.stdlib_module_names`, private
 * ones left out). A module renamed to one of these names would shadow it for every file in its folder:
 * `fix_json.py` must not become `json.py`.
 */
export const PYTHON_STANDARD_MODULES: ReadonlySet<string> = new Set([
  'abc', 'aifc', 'argparse', 'array', 'ast', 'asynchat', 'asyncio', 'asyncore', 'atexit', 'audioop', 'base64',
  'bdb', 'binascii', 'bisect', 'builtins', 'bz2', 'cProfile', 'calendar', 'cgi', 'cgitb', 'chunk', 'cmath',
  'cmd', 'code', 'codecs', 'codeop', 'collections', 'colorsys', 'compileall', 'concurrent', 'configparser',
  'contextlib', 'contextvars', 'copy', 'copyreg', 'crypt', 'csv', 'ctypes', 'curses', 'dataclasses',
  'datetime', 'dbm', 'decimal', 'difflib', 'dis', 'distutils', 'doctest', 'email', 'encodings', 'ensurepip',
  'enum', 'errno', 'faulthandler', 'fcntl', 'filecmp', 'fileinput', 'fnmatch', 'fractions', 'ftplib',
  'functools', 'gc', 'genericpath', 'getopt', 'getpass', 'gettext', 'glob', 'graphlib', 'grp', 'gzip',
  'hashlib', 'heapq', 'hmac', 'html', 'http', 'idlelib', 'imaplib', 'imghdr', 'imp', 'importlib', 'inspect',
  'io', 'ipaddress', 'itertools', 'json', 'keyword', 'lib2to3', 'linecache', 'locale', 'logging', 'lzma',
  'mailbox', 'mailcap', 'marshal', 'math', 'mimetypes', 'mmap', 'modulefinder', 'msilib', 'msvcrt',
  'multiprocessing', 'netrc', 'nis', 'nntplib', 'nt', 'ntpath', 'nturl2path', 'numbers', 'opcode', 'operator',
  'optparse', 'os', 'ossaudiodev', 'pathlib', 'pdb', 'pickle', 'pickletools', 'pipes', 'pkgutil', 'platform',
  'plistlib', 'poplib', 'posix', 'posixpath', 'pprint', 'profile', 'pstats', 'pty', 'pwd', 'py_compile',
  'pyclbr', 'pydoc', 'pydoc_data', 'pyexpat', 'queue', 'quopri', 'random', 're', 'readline', 'reprlib',
  'resource', 'rlcompleter', 'runpy', 'sched', 'secrets', 'select', 'selectors', 'shelve', 'shlex', 'shutil',
  'signal', 'site', 'smtpd', 'smtplib', 'sndhdr', 'socket', 'socketserver', 'spwd', 'sqlite3', 'sre_compile',
  'sre_constants', 'sre_parse', 'ssl', 'stat', 'statistics', 'string', 'stringprep', 'struct', 'subprocess',
  'sunau', 'symtable', 'sys', 'sysconfig', 'syslog', 'tabnanny', 'tarfile', 'telnetlib', 'tempfile',
  'termios', 'textwrap', 'threading', 'time', 'timeit', 'tkinter', 'token', 'tokenize', 'tomllib', 'trace',
  'traceback', 'tracemalloc', 'tty', 'turtle', 'turtledemo', 'types', 'typing', 'unicodedata', 'unittest',
  'urllib', 'uu', 'uuid', 'venv', 'warnings', 'wave', 'weakref', 'webbrowser', 'winreg', 'winsound',
  'wsgiref', 'xdrlib', 'xml', 'xmlrpc', 'zipapp', 'zipfile', 'zipimport', 'zlib', 'zoneinfo',
]);
