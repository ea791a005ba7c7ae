/**
 * Ways a Python project may find a module by its name at run time, which no import rewrite can follow:
 * plugin packages discovered by a file-name prefix (lib2to3 lists `lib2to3/fixes` with
 * `pkgutil.iter_modules`, keeps the names that start with `"fix_"` and imports `pkg + ".fix_" + name`
 * with `__import__`), the name or its prefix in a string, and entry points in packaging files. A module
 * any of these may find keeps its name: renaming it would leave the project importing a file that is gone.
 */
import { parsePython, type PythonNode } from '../shared/python-ast.js';
import type { PythonModuleRename, PythonReferenceProblem } from './python-imports.js';

// Calls that list a package's modules whatever their argument (`iter_modules()` alone lists sys.path).
const MODULE_LISTING_CALLS = new Set(['iter_modules', 'walk_packages']);
// Calls that list a folder: they find a package's modules when pointed at it through its own location.
const FOLDER_LISTING_CALLS = new Set(['listdir', 'scandir', 'glob', 'iglob', 'rglob', 'iterdir', 'walk']);
const PACKAGE_LOCATION = /\b__(?:file|path|spec|package|name)__\b/u;
// Calls that import a module by a dotted name.
const IMPORT_BY_NAME_CALLS = new Set(['import_module', '__import__']);
// Words of a string or packaging-file line: dotted, path and glob parts are separate words.
const WORD = /[\w-]+/gu;

/** One Python file (or packaging file) of the project, to judge the renames against. */
export interface LookupSource {
  /** Path relative to the root, with `/`. */
  readonly file: string;
  readonly text: string;
}

// `fix_` of `fix_next`: a proper prefix of the module's name ending at a separator, as a name convention
// spells it (`name.startswith("fix_")`, `pkg + ".fix_" + name`, `glob("fix_*.py")`).
const isNamePrefix = (word: string, name: string): boolean => word.length < name.length && /[_-]$/u.test(word) && name.startsWith(word);

function stringProblems(word: string, rename: PythonModuleRename, shown: string): string | null {
  if (word === rename.oldName) return `${shown} names it in a string, which may import it at run time`;
  if (isNamePrefix(word, rename.oldName)) return `${shown} holds its name's prefix \`${word}\`, so modules named like it may be found by name at run time`;
  return null;
}

const calleeName = (call: PythonNode, text: (node: PythonNode) => string): string | null => {
  const callee = call.function as PythonNode | null | undefined;
  if (callee === null || callee === undefined) return null;
  if (callee.type === 'Identifier') return text(callee);
  const attribute = callee.type === 'Attribute' ? (callee.attribute as PythonNode | null | undefined) : null;
  return attribute === null || attribute === undefined ? null : text(attribute);
};

const isStringNode = (node: PythonNode | undefined): boolean => node?.type === 'String' || node?.type === 'ConcatenatedString';

/**
 * Where `source` (a Python file) may find one of `renames` by name at run time: a string whose words
 * include a module's old name or a prefix of it that ends at a separator (docstrings left out: they are
 * documentation), and, for the renames `mayList` says the file may look into (its package), calls that
 * list modules (`pkgutil.iter_modules`, `walk_packages`), list the package's own folder (`os.listdir`,
 * `glob`, `Path.iterdir`, ... with `__file__`/`__path__` in the call), or import a name built at run time
 * (`importlib.import_module`, `__import__` with anything but a string literal). Strings the import rewrite
 * already respelled are not found, so run it on the rewritten text. A source with a syntax error yields
 * nothing (the import rewrite reports it).
 * @complexity O(source length × renames) for the strings; sources that name no old name or prefix and
 * call nothing that lists or imports are not parsed.
 */
export function pythonRunTimeLookups(
  source: LookupSource,
  renames: readonly PythonModuleRename[],
  mayList: (rename: PythonModuleRename) => boolean,
): PythonReferenceProblem[] {
  const listed = renames.filter(mayList);
  const calls = listed.length > 0 && /\b(?:iter_modules|walk_packages|listdir|scandir|i?glob|rglob|iterdir|walk|import_module|__import__)\s*\(/u.test(source.text);
  const words = renames.filter((rename: PythonModuleRename): boolean => source.text.includes(rename.oldName.slice(0, rename.oldName.search(/[_-]/u) + 1) || rename.oldName));
  if (!calls && words.length === 0) return [];
  const parsed = parsePython(source.text);
  if (!parsed.ok) return [];
  const text = (node: PythonNode): string => source.text.slice(node.range[0], node.range[1]);
  const problems: PythonReferenceProblem[] = [];
  const stack: PythonNode[] = [parsed.ast];
  while (stack.length > 0) {
    const node = stack.pop() as PythonNode;
    if (node.type === 'String') {
      const parent = node.parent;
      const docstring = parent?.type === 'ExpressionStatement' && parent.children.length === 1;
      if (!docstring) {
        const raw = text(node);
        // Interpolations are code, not the string's words.
        const fixed = raw.replace(/\{[^{}]*\}/gu, ' ');
        const shown = `\`${raw.length > 60 ? `${raw.slice(0, 57)}…` : raw}\``;
        for (const rename of words) {
          for (const [word] of fixed.matchAll(WORD)) {
            const reason = stringProblems(word, rename, shown);
            if (reason !== null) {
              problems.push({ rename, line: node.loc.start.line, reason });
              break;
            }
          }
        }
      }
      continue;
    }
    if (calls && node.type === 'Call') {
      const name = calleeName(node, text);
      const first = node.arguments?.children[0];
      const finds =
        name !== null &&
        (MODULE_LISTING_CALLS.has(name) ||
          (FOLDER_LISTING_CALLS.has(name) && PACKAGE_LOCATION.test(text(node))) ||
          (IMPORT_BY_NAME_CALLS.has(name) && first !== undefined && !isStringNode(first)));
      if (finds) {
        const callee = node.function === null || node.function === undefined ? name : text(node.function as PythonNode);
        for (const rename of listed) {
          problems.push({ rename, line: node.loc.start.line, reason: `\`${callee}(…)\` may find ${rename.folder || '.'}/ modules by a name built at run time` });
        }
      }
    }
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as PythonNode);
  }
  return problems;
}

/** Packaging files whose entry points (`console_scripts`, plugin groups) name modules by dotted path. */
export const PYTHON_PACKAGING_FILES: ReadonlySet<string> = new Set(['pyproject.toml', 'setup.cfg']);

/**
 * Lines of a packaging file (pyproject.toml, setup.cfg) that name one of `renames` as a word, such as an
 * entry point `tool = "pkg.fix_x:main"`: the installed package would import the old name. setup.py is
 * Python and judged by pythonRunTimeLookups.
 * @complexity O(text length × renames).
 */
export function packagingMentions(source: LookupSource, renames: readonly PythonModuleRename[]): PythonReferenceProblem[] {
  const problems: PythonReferenceProblem[] = [];
  const lines = source.text.split('\n');
  for (const rename of renames) {
    if (!source.text.includes(rename.oldName)) continue;
    lines.forEach((line: string, index: number): void => {
      if ([...line.matchAll(WORD)].some(([word]: RegExpMatchArray): boolean => word === rename.oldName)) {
        problems.push({ rename, line: index + 1, reason: 'names it, and an entry point imports what it names by name' });
      }
    });
  }
  return problems;
}
