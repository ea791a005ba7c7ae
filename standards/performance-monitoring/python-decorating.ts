import type { PythonNode } from '../shared/python-ast.js';
import type { PythonTextEdit } from '../shared/python-dataclasses.js';
import type { PythonNames } from '../shared/python-names.js';
import type { PythonMonitorFindings, UntimedFunction } from './python-critical-functions.js';

/**
 * How `wrap-performance-monitor` decorates Python's critical functions: `@<decorator>` directly above each
 * `def` (under every other decorator, so `@staticmethod`, `@classmethod` and registering decorators such as
 * `@app.get(…)` get the measured function), and the decorator imported once. An existing import of it is
 * reused, under whatever name the file gives it; else `from <module> import <decorator>` joins an existing
 * `from <module> import …`, or goes on its own line after the module's leading imports (after its docstring
 * and `from __future__` imports), or, with none, before its first statement.
 */

/**
 * Why a file cannot be decorated: the import's module is unknown, or the decorator is not a plain name.
 * @complexity O(1) to construct.
 */
export class MonitorImportUnknown extends Error {
  override readonly name = 'MonitorImportUnknown';
  constructor(
    readonly decorator: string,
    readonly dotted: boolean,
  ) {
    super(
      dotted
        ? `the first of the \`decorators\` option, \`${decorator}\`, is a dotted name and the file does not import \`${decorator.split('.')[0] ?? ''}\`: the codemod imports a plain name only`
        : `no module to import \`${decorator}\` from: set the \`decoratorModule\` option of \`perf-standards/require-performance-monitor\``,
    );
  }
}

/** The edits for one file, and the critical functions it leaves alone. */
export interface PythonDecorationPlan {
  readonly edits: readonly PythonTextEdit[];
  readonly untimed: readonly UntimedFunction[];
}

const IMPORTS: ReadonlySet<string> = new Set(['ImportStatement', 'ImportFromStatement', 'FutureImportStatement']);

const lineStartOf = (text: string, offset: number): number => Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;

function lineEndOf(text: string, offset: number): number {
  const match = /\r\n|\r|\n/u.exec(text.slice(offset));
  return match === null ? text.length : offset + match.index + match[0].length;
}

const eolOf = (text: string): string => /\r\n|\r|\n/u.exec(text)?.[0] ?? '\n';

// The local name a module-level import gives the decorator (`pm` for `from app.perf import performance_monitor
// as pm`), or for a dotted decorator its own text when its first part is imported; null when none.
function importedSpelling(names: PythonNames, decorator: string, firstUse: number): string | null {
  const [root = '', ...rest] = decorator.split('.');
  for (const [local, bindings] of names.scopes.module.bindings) {
    // An import that runs after a decorated `def` would leave the decorator undefined when the `def` runs.
    const imports = bindings.every((binding): boolean => binding.kind === 'import' && binding.node.range[1] <= firstUse);
    if (!imports) continue;
    if (rest.length > 0) {
      if (local === root) return decorator;
    } else if (bindings.every((binding): boolean => binding.kind === 'import' && binding.name === decorator)) {
      return local;
    }
  }
  return null;
}

/** The statement's imported names' nodes of `from <module> import a, b as c` (none for `*` or another module). */
function fromImportNames(statement: PythonNode, module: string, names: PythonNames): readonly PythonNode[] {
  if (statement.type !== 'ImportFromStatement' || !statement.moduleName || names.textOf(statement.moduleName) !== module) return [];
  return Array.isArray(statement.name) ? (statement.name as readonly PythonNode[]) : [];
}

/**
 * The edit that imports `decorator` from `module` (see the module's docstring).
 * @complexity O(module-level statements).
 */
function importEdit(names: PythonNames, module: string, decorator: string, firstUse: number): PythonTextEdit {
  const { text } = names;
  const statements = names.module.children;
  for (const statement of statements) {
    const imported = fromImportNames(statement, module, names).at(-1);
    // Only an import that runs before the first decorated `def` does.
    if (imported !== undefined && statement.range[1] <= firstUse) return { range: [imported.range[1], imported.range[1]], text: `, ${decorator}` };
  }
  const eol = eolOf(text);
  const line = `from ${module} import ${decorator}`;
  let index = 0;
  const first = statements[0];
  const docstring = first?.type === 'ExpressionStatement' && first.children.length === 1 && first.children[0]?.type === 'String' ? first : null;
  if (docstring !== null) index = 1;
  let lastImport: PythonNode | null = null;
  while (index < statements.length && IMPORTS.has((statements[index] as PythonNode).type)) lastImport = statements[index++] as PythonNode;
  const next = statements[index];
  // Two blank lines before a top-level `def` or `class`, as PEP 8 asks; one before other code.
  const gap = next !== undefined && /^(?:FunctionDefinition|ClassDefinition|DecoratedDefinition)$/u.test(next.type) ? `${eol}${eol}` : eol;
  const after = lastImport ?? docstring;
  if (after !== null) {
    // After the whole line (a trailing comment stays on its statement's line).
    const end = lineEndOf(text, after.range[1]);
    const ending = end === text.length && !/[\r\n]$/u.test(text) ? eol : '';
    return { range: [end, end], text: lastImport !== null ? `${ending}${line}${eol}` : `${ending}${eol}${line}${next === undefined ? eol : gap}` };
  }
  const start = first === undefined ? text.length : lineStartOf(text, first.range[0]);
  const ending = start === text.length && text.length > 0 && !/[\r\n]$/u.test(text) ? eol : '';
  return { range: [start, start], text: first === undefined ? `${ending}${line}${eol}` : `${line}${eol}${gap}` };
}

/**
 * Plans the decorator and import edits of one file. `module` is where to import `decorator` from when the
 * file does not import it yet (null: not known). Throws MonitorImportUnknown when an import is needed and
 * cannot be written; throws an Error naming the function when the decorator's name means something else
 * where a function is defined, or a function does not start its line (the file is then left whole).
 * @complexity O(critical functions × scope depth + module-level statements).
 */
export function planPythonDecorations(names: PythonNames, findings: PythonMonitorFindings, decorator: string, module: string | null): PythonDecorationPlan {
  const { untimed } = findings;
  if (findings.unmonitored.length === 0) return { edits: [], untimed };
  const { text } = names;
  const firstUse = Math.min(...findings.unmonitored.map(({ fn }): number => (fn.parent?.type === 'DecoratedDefinition' ? fn.parent : fn).range[0]));
  const existing = importedSpelling(names, decorator, firstUse);
  const edits: PythonTextEdit[] = [];
  let spelling = existing;
  if (spelling === null) {
    if (decorator.includes('.') || module === null) throw new MonitorImportUnknown(decorator, decorator.includes('.'));
    const bound = names.scopes.module.bindings.get(decorator)?.[0];
    if (bound !== undefined) {
      throw new Error(`\`${decorator}\` is already bound in this file (line ${bound.node.loc.start.line}), but not by an import that runs before the functions to decorate; decorate them by hand`);
    }
    spelling = decorator;
    edits.push(importEdit(names, module, decorator, firstUse));
  }
  const root = spelling.split('.')[0] ?? spelling;
  const eol = eolOf(text);
  for (const { fn, name } of findings.unmonitored) {
    const nameNode = fn.name as PythonNode;
    const resolved = names.scopes.resolve(nameNode, root);
    const meansMonitor = existing === null ? resolved.kind === 'unknown' : resolved.kind === 'import' && resolved.scope === names.scopes.module;
    if (!meansMonitor) {
      throw new Error(`\`${root}\` means something else where \`${name}\` is defined (line ${fn.loc.start.line}); decorate its critical functions by hand`);
    }
    const start = fn.range[0];
    const indent = text.slice(lineStartOf(text, start), start);
    if (!/^[ \t]*$/u.test(indent)) throw new Error(`\`${name}\` (line ${fn.loc.start.line}) does not start its line; decorate it by hand`);
    edits.push({ range: [start, start], text: `@${spelling}${eol}${indent}` });
  }
  return { edits, untimed };
}

/**
 * The absolute modules a file imports `decorator` from (`from app.perf import performance_monitor [as pm]`,
 * at any level of the file); relative imports are not read (their module depends on how the project is
 * installed).
 * @complexity O(nodes of the file).
 */
export function modulesImportingDecorator(names: PythonNames, decorator: string): readonly string[] {
  const found = new Set<string>();
  const stack: PythonNode[] = [names.module];
  while (stack.length > 0) {
    const node = stack.pop() as PythonNode;
    if (node.type === 'ImportFromStatement' && node.moduleName && node.moduleName.type === 'DottedName') {
      const module = names.textOf(node.moduleName);
      const imported = (Array.isArray(node.name) ? (node.name as readonly PythonNode[]) : []).some((item: PythonNode): boolean => {
        const dotted = item.type === 'AliasedImport' ? (item.name as PythonNode | null) : item;
        return dotted !== null && names.textOf(dotted) === decorator;
      });
      if (imported) found.add(module);
      continue;
    }
    for (const child of node.children) stack.push(child);
  }
  return [...found].sort();
}

/**
 * The one module a project imports `decorator` from, given which files import it from which module
 * (`importers`: module → project paths, `/`-separated): a module whose own file (`a/b.py` or `a/b/__init__.py`
 * for `a.b`, at any folder depth) imports it from another module re-exports it, and the other one is not
 * counted (users import `performance`, which imports from `performance.monitor`). Returns the module, or the
 * modules left when there is not exactly one.
 * @complexity O(modules² × importers).
 */
export function projectDecoratorModule(importers: ReadonlyMap<string, readonly string[]>): { readonly module: string } | { readonly candidates: readonly string[] } {
  const filesOf = (module: string): readonly string[] => {
    const base = module.split('.').join('/');
    return [`${base}.py`, `${base}/__init__.py`];
  };
  const isFileOf = (file: string, module: string): boolean => filesOf(module).some((suffix: string): boolean => file === suffix || file.endsWith(`/${suffix}`));
  const modules = [...importers.keys()];
  const reexported = new Set(
    modules.filter((inner: string): boolean =>
      modules.some((outer: string): boolean => outer !== inner && (importers.get(inner) ?? []).some((file: string): boolean => isFileOf(file, outer))),
    ),
  );
  const left = modules.filter((module: string): boolean => !reexported.has(module)).sort();
  return left.length === 1 ? { module: left[0] as string } : { candidates: left.length === 0 ? modules.sort() : left };
}
