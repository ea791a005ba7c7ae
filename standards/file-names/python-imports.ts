/**
 * Python references to a module file, read with the plugin's Python parser (tree-sitter-python, as plain
 * objects: standards/shared/python-ast.ts) so that every statement form is covered: `import a.b [as c]`,
 * `from a.b import …`, `from .b import …`, `from a import b`, parenthesised and backslash-continued
 * statements, imports inside functions, `a.b.module.attr` chains after `import a.b.module`, and module names
 * in strings (`importlib.import_module`, `mock.patch("a.b.module.attr")`). Used when a one-off `*.py` file
 * is renamed. A source with a syntax error is not read: its references to a renamed module are unknown, so
 * they are reported as problems, never guessed.
 */
import { parsePython, type PythonNode } from '../shared/python-ast.js';

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

const asNodes = (value: unknown): readonly PythonNode[] =>
  Array.isArray(value) ? (value as PythonNode[]) : value === null || value === undefined ? [] : [value as PythonNode];

// A module path: the identifiers of a `DottedName`, and the dots before a relative import's name.
interface DottedPath {
  readonly dots: number;
  readonly names: readonly PythonNode[];
}

function dottedPath(node: PythonNode | null | undefined, source: string): DottedPath {
  if (node === null || node === undefined) return { dots: 0, names: [] };
  if (node.type === 'DottedName') return { dots: 0, names: node.children.filter((child: PythonNode): boolean => child.type === 'Identifier') };
  if (node.type === 'RelativeImport') {
    const prefix = node.children.find((child: PythonNode): boolean => child.type === 'ImportPrefix');
    const dots = prefix === undefined ? 0 : source.slice(prefix.range[0], prefix.range[1]).replace(/[^.]/gu, '').length;
    return { dots, names: dottedPath(node.children.find((child: PythonNode): boolean => child.type === 'DottedName'), source).names };
  }
  return { dots: 0, names: [] };
}

// The name an import item binds or reads first: `b` in `from a import b` / `from a import b as c`.
const importedPath = (item: PythonNode, source: string): DottedPath =>
  dottedPath(item.type === 'AliasedImport' ? asNodes(item.name)[0] : item, source);

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

  text(node: PythonNode): string {
    return this.source.slice(node.range[0], node.range[1]);
  }

  // Records an edit of [from, to), or a problem when the module moves to another folder.
  replace(rename: PythonModuleRename, from: number, to: number, text: string, line: number): void {
    if (rename.movesFolder) {
      this.problems.push({ rename, line, reason: `it is imported here, and a dotted path into ${rename.newName}'s new folder depends on sys.path` });
      return;
    }
    this.edits.set(from, { from, to, text });
  }

  replaceNode(rename: PythonModuleRename, node: PythonNode, text: string): void {
    this.replace(rename, node.range[0], node.range[1], text, node.loc.start.line);
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

  // `import a.b.fix_x`, `import fix_x`, `import a.fix_x as y`
  plainImport(item: PythonNode): void {
    const { names } = importedPath(item, this.source);
    const last = names.at(-1);
    const rename = this.absolute(names.map((name: PythonNode): string => this.text(name)));
    if (rename === undefined || last === undefined) return;
    if (item.type === 'AliasedImport') this.replaceNode(rename, last, rename.newName);
    else if (names.length === 1) this.replaceNode(rename, last, `${rename.newName} as ${rename.oldName}`);
    else {
      this.replaceNode(rename, last, rename.newName);
      this.chains.push({ segments: names.map((name: PythonNode): string => this.text(name)), rename });
    }
  }

  // `from a.fix_x import b`, `from .fix_x import (b,\n c)`, `from a import fix_x [as y]`, `from . import fix_x`
  fromImport(statement: PythonNode): void {
    const module = dottedPath(asNodes(statement.moduleName)[0], this.source);
    const moduleNames = module.names.map((name: PythonNode): string => this.text(name));
    const last = module.names.at(-1);
    const named = moduleNames.length === 0 ? undefined : module.dots === 0 ? this.absolute(moduleNames) : this.relative(module.dots, moduleNames);
    if (named !== undefined && last !== undefined) {
      this.replaceNode(named, last, named.newName);
      return;
    }
    const folder = module.dots === 0 ? null : relativeFolder(this.importerFolder, module.dots, moduleNames);
    for (const item of asNodes(statement.name)) {
      const name = importedPath(item, this.source).names[0];
      if (name === undefined) continue;
      const text = this.text(name);
      const rename = this.renames.find(
        (candidate: PythonModuleRename): boolean =>
          candidate.oldName === text &&
          (folder === null ? moduleNames.length > 0 && endsWith(segmentsOf(candidate.folder), moduleNames) : folder === candidate.folder),
      );
      if (rename === undefined) continue;
      this.replaceNode(rename, name, item.type === 'AliasedImport' ? rename.newName : `${rename.newName} as ${rename.oldName}`);
    }
  }

  // `tools.fix_x.run()` after `import tools.fix_x`
  memberChain(node: PythonNode): void {
    if (this.chains.length === 0) return;
    const parts: PythonNode[] = [];
    let current: PythonNode | undefined = node;
    while (current?.type === 'Attribute') {
      const attribute = asNodes(current.attribute)[0];
      if (attribute === undefined) return;
      parts.unshift(attribute);
      current = asNodes(current.object)[0];
    }
    if (current?.type !== 'Identifier') return;
    parts.unshift(current);
    const texts = parts.map((part: PythonNode): string => this.text(part));
    for (const chain of this.chains) {
      const target = parts[chain.segments.length - 1];
      if (target !== undefined && chain.segments.every((segment: string, index: number): boolean => texts[index] === segment)) {
        this.replaceNode(chain.rename, target, chain.rename.newName);
      }
    }
  }

  // `importlib.import_module("tools.fix_x")`, `mock.patch("tools.fix_x.run")`
  string(node: PythonNode): void {
    const raw = this.text(node);
    const quote = /^([rRuU]?)('''|"""|'|")/u.exec(raw);
    if (quote === null) return;
    const open = (quote[1] ?? '').length + (quote[2] ?? '').length;
    const content = raw.slice(open, raw.length - (quote[2] ?? '').length);
    if (!DOTTED_NAME.test(content)) return;
    const dots = /^\.*/u.exec(content)?.[0].length ?? 0;
    const names = content.slice(dots).split('.');
    const moduleCall = this.isModuleNameArgument(node);
    const start = node.range[0] + open + dots;
    const line = node.loc.start.line;
    for (let length = moduleCall ? 1 : 2; length <= names.length; length += 1) {
      const prefix = names.slice(0, length);
      if (dots > 0) {
        // `import_module(".fix_x", package)`: the package is a run-time value; read as the importer's own.
        const relative = moduleCall ? this.relative(dots, prefix) : undefined;
        if (relative !== undefined) {
          this.problems.push({ rename: relative, line, reason: `\`${content}\` names it relative to a package known only at run time` });
          return;
        }
        continue;
      }
      const rename = this.absolute(prefix);
      if (rename === undefined) continue;
      const offset = start + prefix.slice(0, -1).reduce((sum: number, name: string): number => sum + name.length + 1, 0);
      this.replace(rename, offset, offset + rename.oldName.length, rename.newName, line);
      return;
    }
  }

  // `importlib.import_module(f"tools.fix_{name}")`: a name built at run time cannot be rewritten, so every
  // module whose dotted name starts like it must stay.
  formatString(node: PythonNode): void {
    if (!this.isModuleNameArgument(node)) return;
    const raw = this.text(node);
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
      if (mayName) this.problems.push({ rename, line: node.loc.start.line, reason: `\`${raw}\` builds a module name at run time` });
    }
  }

  isModuleNameArgument(node: PythonNode): boolean {
    const list = node.parent;
    const call = list?.parent;
    if (list?.type !== 'ArgumentList' || call?.type !== 'Call' || list.children[0] !== node) return false;
    const callee = asNodes(call.function)[0];
    const name = callee?.type === 'Attribute' ? asNodes(callee.attribute)[0] : callee;
    return name !== undefined && MODULE_NAME_CALLS.has(this.text(name));
  }
}

// Every node in source order; `enter` returns false to skip a node's children.
function visit(root: PythonNode, enter: (node: PythonNode) => boolean): void {
  const stack: PythonNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as PythonNode;
    if (!enter(node)) continue;
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as PythonNode);
  }
}

// `f"…"`, `rf'…'`, `Fr"""…"""`: the prefix letters before the quote include an f.
const isFormatString = (node: PythonNode, source: string): boolean => /^[a-zA-Z]*[fF]/u.test(source.slice(node.range[0], node.range[0] + 3));

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = source.indexOf('\n'); index !== -1 && index < offset; index = source.indexOf('\n', index + 1)) line += 1;
  return line;
}

/**
 * Rewrites every reference in `source` (a file in `importerFolder`, relative to the root with `/`) to one
 * of `renames`. `import fix_x` becomes `import x as fix_x` and `from a import fix_x` becomes
 * `from a import x as fix_x`, so the name the code uses keeps working; the other forms change the module
 * path only (`from fix_x import run` → `from x import run`, `import a.fix_x` → `import a.x` together with
 * every `a.fix_x` chain in the code, `import_module("a.fix_x")` → `import_module("a.x")`). References that
 * cannot be rewritten are returned as problems; a source with a syntax error is a problem for every rename
 * it may name, at the error's line. Returns `null` when the source names no renamed module.
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
  const parsed = parsePython(source);
  if (!parsed.ok) {
    const { line, message } = parsed.error;
    const reason = `it cannot be parsed (${message}), so its references to the module cannot be rewritten`;
    return { text: source, lines: [], problems: relevant.map((rename: PythonModuleRename): PythonReferenceProblem => ({ rename, line, reason })) };
  }
  const rewriter = new PythonRewriter(source, importerFolder, relevant);
  const members: PythonNode[] = [];
  visit(parsed.ast, (node: PythonNode): boolean => {
    switch (node.type) {
      case 'ImportStatement':
        for (const item of asNodes(node.name)) rewriter.plainImport(item);
        return false;
      case 'ImportFromStatement':
        rewriter.fromImport(node);
        return false;
      case 'Attribute':
        members.push(node);
        return true;
      case 'String':
        if (isFormatString(node, source)) rewriter.formatString(node);
        else rewriter.string(node);
        return true;
      default:
        return true;
    }
  });
  // Chains are known only once every import (possibly below the use, inside functions) was read.
  for (const member of members) rewriter.memberChain(member);
  if (rewriter.edits.size === 0 && rewriter.problems.length === 0) return null;
  let text = source;
  const lines = new Set<number>();
  for (const edit of [...rewriter.edits.values()].sort((a: Edit, b: Edit): number => b.from - a.from)) {
    text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
    lines.add(lineOf(source, edit.from));
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

/** The modules a Python source imports, or, when it has a syntax error, where (they are then unknown). */
export type PythonImportedModules =
  | { readonly ok: true; readonly modules: readonly PythonImportedModule[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * The modules a Python source imports, every statement form (`from . import x` yields dots 1 and no
 * names), for judging whether a file can move to another folder.
 * @complexity O(source length).
 */
export function pythonImportedModules(source: string): PythonImportedModules {
  const parsed = parsePython(source);
  if (!parsed.ok) return { ok: false, line: parsed.error.line, message: parsed.error.message };
  const modules: PythonImportedModule[] = [];
  const text = (node: PythonNode): string => source.slice(node.range[0], node.range[1]);
  visit(parsed.ast, (node: PythonNode): boolean => {
    if (node.type === 'ImportFromStatement') {
      const { dots, names } = dottedPath(asNodes(node.moduleName)[0], source);
      modules.push({ dots, names: names.map(text), line: node.loc.start.line });
      return false;
    }
    if (node.type === 'ImportStatement') {
      for (const item of asNodes(node.name)) modules.push({ dots: 0, names: importedPath(item, source).names.map(text), line: node.loc.start.line });
      return false;
    }
    return true;
  });
  return { ok: true, modules };
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
