/**
 * Python import statements that name a module file, found and rewritten by text (no Python parser is
 * needed for the statement forms the standard renames): `import a.b [as c]`, `from a.b import …`,
 * `from .b import …` and `from a import b`. Used when a one-off `*.py` file is renamed.
 */

/** A Python module file being renamed, as its importers see it. */
export interface PythonModuleRename {
  /** Folder of the module, relative to the project root, with `/` ('' for the root). */
  readonly folder: string;
  readonly oldName: string;
  readonly newName: string;
}

export interface PythonImportRewrite {
  readonly text: string;
  /** 1-based lines whose statements were rewritten. */
  readonly lines: readonly number[];
}

const IMPORT_LINE = /^([ \t]*)import[ \t]+([^#\n]+?)([ \t]*(?:#[^\n]*)?)$/gmu;
const FROM_LINE = /^([ \t]*)from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\(?)([^#\n()]*?)(\)?[ \t]*(?:#[^\n]*)?)$/gmu;

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

function renameDotted(dotted: string, renames: readonly PythonModuleRename[]): string | null {
  const segments = dotted.split('.');
  const rename = renames.find((candidate: PythonModuleRename): boolean => namesModule(segments, candidate));
  return rename === undefined ? null : [...segments.slice(0, -1), rename.newName].join('.');
}

/**
 * Rewrites every import statement in `source` (a file in `importerFolder`) that names one of `renames`.
 * `import fix_x` becomes `import x as fix_x`, so the name the code uses keeps working; the other forms
 * only change the module path (`from fix_x import run` → `from x import run`). Statements that span lines
 * with backslashes are left alone. Returns `null` when nothing names a renamed module.
 * @complexity O(source length × renames).
 */
export function rewritePythonImports(
  source: string,
  importerFolder: string,
  renames: readonly PythonModuleRename[],
): PythonImportRewrite | null {
  if (!renames.some((rename: PythonModuleRename): boolean => source.includes(rename.oldName))) return null;
  const lines = new Set<number>();
  const lineOf = (offset: number): number => source.slice(0, offset).split('\n').length;

  let text = source.replace(
    IMPORT_LINE,
    (whole: string, indent: string, names: string, trailer: string, offset: number): string => {
      if (names.trimEnd().endsWith('\\')) return whole;
      let changed = false;
      const rewritten = names.split(',').map((part: string): string => {
        const match = /^(\s*)([\w.]+)(\s+as\s+\w+)?(\s*)$/u.exec(part);
        if (match === null) return part;
        const [, before = '', dotted = '', alias, after = ''] = match;
        const renamed = renameDotted(dotted, renames);
        if (renamed === null) return part;
        changed = true;
        const keepName = alias === undefined && !dotted.includes('.') ? ` as ${dotted}` : (alias ?? '');
        return `${before}${renamed}${keepName}${after}`;
      });
      if (!changed) return whole;
      lines.add(lineOf(offset));
      return `${indent}import ${rewritten.join(',')}${trailer}`;
    },
  );
  text = text.replace(
    FROM_LINE,
    (whole: string, indent: string, dots: string, dotted: string, open: string, names: string, trailer: string, offset: number): string => {
      if (names.trimEnd().endsWith('\\')) return whole;
      const segments = dotted === '' ? [] : dotted.split('.');
      // `from a.b.fix_x import run`, `from .fix_x import run`
      if (segments.length > 0) {
        const rename =
          dots === ''
            ? renames.find((candidate: PythonModuleRename): boolean => namesModule(segments, candidate))
            : renames.find(
                (candidate: PythonModuleRename): boolean =>
                  segments.at(-1) === candidate.oldName &&
                  relativeFolder(importerFolder, dots.length, segments.slice(0, -1)) === candidate.folder,
              );
        if (rename !== undefined) {
          lines.add(lineOf(offset));
          const renamed = [...segments.slice(0, -1), rename.newName].join('.');
          return `${indent}from ${dots}${renamed} import ${open}${names}${trailer}`;
        }
      }
      // `from tools import fix_x`, `from . import fix_x`: the module is one of the imported names.
      const folder = dots === '' ? null : relativeFolder(importerFolder, dots.length, segments);
      let changed = false;
      const rewritten = names.split(',').map((part: string): string => {
        const match = /^(\s*)(\w+)(\s+as\s+\w+)?(\s*)$/u.exec(part);
        if (match === null) return part;
        const [, before = '', name = '', alias, after = ''] = match;
        const rename = renames.find(
          (candidate: PythonModuleRename): boolean =>
            candidate.oldName === name &&
            (folder === null ? segments.length > 0 && endsWith(segmentsOf(candidate.folder), segments) : folder === candidate.folder),
        );
        if (rename === undefined) return part;
        changed = true;
        return `${before}${rename.newName}${alias ?? ` as ${name}`}${after}`;
      });
      if (!changed) return whole;
      lines.add(lineOf(offset));
      return `${indent}from ${dots}${dotted} import ${open}${rewritten.join(',')}${trailer}`;
    },
  );
  return text === source ? null : { text, lines: [...lines].sort((a: number, b: number): number => a - b) };
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
