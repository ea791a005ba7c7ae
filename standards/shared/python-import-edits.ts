/**
 * Edits to a Python file's imports that fixes and codemods share: how to name a standard module where new
 * code is written (an existing `import asyncio [as aio]`, else a new `import asyncio` placed among the file's
 * first imports), so fixes never add a second import of a module the file already has, nor shadow a name.
 */
import { type PythonComment, type PythonNode, visitPythonNodes as walk } from './python-ast.js';
import type { PythonTextEdit } from './python-dataclasses.js';
import type { PythonNames } from './python-names.js';

/** How new code names a module: `prefix` is what to write before `.member`; `importEdit` adds the import, if needed. */
export interface PythonModuleSpelling {
  readonly prefix: string;
  readonly importEdit: PythonTextEdit | null;
}

const IMPORT_TYPES: ReadonlySet<string> = new Set(['ImportStatement', 'ImportFromStatement']);
const DEFINITION_TYPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedDefinition']);

// The module named by `from typing import X` is not a use of the name `typing` (it binds only `X`).
function mentionsIdentifier(node: PythonNode, name: string, names: PythonNames): boolean {
  const stack: PythonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    if (current.type === 'Identifier' && names.textOf(current) === name) return true;
    const moduleName = current.type === 'ImportFromStatement' ? current.moduleName : undefined;
    for (const child of current.children) if (child !== moduleName) stack.push(child);
  }
  return false;
}

// The module a top-level import statement names first (`import a.b, c` → `a.b`; `from a import b` → `a`).
function importedModule(statement: PythonNode, names: PythonNames): string | null {
  if (statement.type === 'ImportFromStatement') return statement.moduleName ? names.textOf(statement.moduleName) : null;
  const first = Array.isArray(statement.name) ? (statement.name as readonly PythonNode[])[0] : undefined;
  if (first === undefined) return null;
  return names.textOf(first.type === 'AliasedImport' && first.name ? (first.name as PythonNode) : first);
}

/**
 * Where `import <module>` goes, tidily: in the file's first group of top-level imports (consecutive import
 * lines, after any `from __future__` import), in isort's order: among the group's `import x` lines where it
 * sorts (after the last of them when they are not sorted), or before the group's first line when it has only
 * `from x import y` lines; with no imports, before the first statement that is not the docstring
 * (two blank lines after it when that statement is a `def` or `class`, as PEP 8 spaces top-level
 * definitions).
 * @complexity O(top-level statements).
 */
export function importInsertion(module: string, names: PythonNames): PythonTextEdit {
  const statements = names.module.children;
  const line = `import ${module}`;
  const firstImport = statements.findIndex((statement: PythonNode): boolean => IMPORT_TYPES.has(statement.type));
  if (firstImport >= 0) {
    const group: PythonNode[] = [];
    for (let index = firstImport; index < statements.length; index += 1) {
      const statement = statements[index] as PythonNode;
      const previous = group.at(-1);
      if (!IMPORT_TYPES.has(statement.type) || (previous !== undefined && statement.loc.start.line !== previous.loc.end.line + 1)) break;
      group.push(statement);
    }
    // isort's order (its default, and ruff's): `import x` lines first, then `from x import y` lines, each sorted.
    const plain = group.filter((statement: PythonNode): boolean => statement.type === 'ImportStatement');
    const modules = plain.map((statement: PythonNode): string => (importedModule(statement, names) ?? '').toLowerCase());
    const sorted = modules.every((name: string, index: number): boolean => index === 0 || (modules[index - 1] as string) <= name);
    const before = plain.length === 0 ? group[0] : sorted ? plain.find((_statement: PythonNode, index: number): boolean => (modules[index] as string) > module) : undefined;
    if (before !== undefined) return { range: [before.range[0], before.range[0]], text: `${line}\n` };
    const last = (sorted ? plain.at(-1) : undefined) ?? (group.at(-1) as PythonNode);
    return { range: [last.range[1], last.range[1]], text: `\n${line}` };
  }
  const future = statements.filter((statement: PythonNode): boolean => statement.type === 'FutureImportStatement').at(-1);
  const docstring = statements[0]?.type === 'ExpressionStatement' && statements[0].children[0]?.type === 'String' ? statements[0] : undefined;
  const after = future ?? docstring;
  const next = statements.find((statement: PythonNode): boolean => statement !== docstring && statement.type !== 'FutureImportStatement' && (after === undefined || statement.range[0] >= after.range[1]));
  if (next === undefined) {
    const at = after?.range[1] ?? 0;
    return { range: [at, at], text: after === undefined ? `${line}\n` : `\n${line}` };
  }
  const gap = DEFINITION_TYPES.has(next.type) ? '\n\n\n' : '\n';
  return { range: [next.range[0], next.range[0]], text: `${line}${gap}` };
}

/**
 * How code written at `sites` names the standard module `module` (`asyncio`): through an existing
 * `import asyncio` / `import asyncio as aio` that every site sees, else through a new `import asyncio`
 * (importInsertion) when the name is nowhere in the file (a name bound or read elsewhere, even one a
 * `from m import *` may supply, would change meaning); null when neither is sure.
 * @complexity O(nodes of the file) when a new import is needed, else O(module bindings × sites × depth).
 */
export function pythonModuleSpelling(module: string, sites: readonly PythonNode[], names: PythonNames): PythonModuleSpelling | null {
  for (const [name, bindings] of names.scopes.module.bindings) {
    const binding = bindings[0];
    if (binding?.kind !== 'import' || binding.module !== module || binding.name !== null) continue;
    const everywhere = sites.every((site: PythonNode): boolean => {
      const resolved = names.scopes.resolve(site, name);
      return resolved.kind === 'import' && resolved.module === module && resolved.name === null;
    });
    if (everywhere) return { prefix: name, importEdit: null };
  }
  if (mentionsIdentifier(names.module, module, names)) return null;
  return { prefix: module, importEdit: importInsertion(module, names) };
}

/** An import a fix left without a read, and the edit that removes it. */
export interface PythonUnusedImport {
  /** The name the import binds (`now` for `from time import time as now`). */
  readonly name: string;
  /** Bound at module level, where other modules can import it (`from m import now`). */
  readonly moduleLevel: boolean;
  /** 1-based line of the import statement. */
  readonly line: number;
  /** Removes the name from its statement, or the whole statement (its line) when it is the only one. */
  readonly edit: PythonTextEdit;
}

const DYNAMIC_NAME_ACCESS = /\b(?:globals|locals|vars|eval|exec)\s*\(|__getattr__|__dict__|sys\s*\.\s*modules/u;

function insideImport(node: PythonNode): boolean {
  for (let current = node.parent; current !== null; current = current.parent) if (IMPORT_TYPES.has(current.type)) return true;
  return false;
}

// Reads of `name` that resolve to the scope `scopeNode` binds it in: every mention outside import statements
// but a member name (`obj.name`) or a keyword (`f(name=…)`); `global name` and `del name` count.
function readsIn(names: PythonNames, name: string, scopeNode: PythonNode): number {
  let count = 0;
  walk(names.module, (node: PythonNode): void => {
    if (node.type !== 'Identifier' || names.textOf(node) !== name || insideImport(node)) return;
    const parent = node.parent;
    if ((parent?.type === 'Attribute' && parent.attribute === node) || (parent?.type === 'KeywordArgument' && parent.name === node)) return;
    if (names.scopes.resolve(node, name).scope?.node === scopeNode) count += 1;
  });
  return count;
}

// The name an import item binds: `x` of `x` / `m import x`, the alias of `… as y`, `a` of `import a.b`.
function boundName(item: PythonNode, statement: PythonNode, names: PythonNames): string {
  if (item.type === 'AliasedImport' && item.alias) return names.textOf(item.alias);
  const dotted = item.type === 'DottedName' ? item : null;
  const first = statement.type === 'ImportStatement' ? dotted?.children[0] : dotted?.children.at(-1);
  return first === undefined ? names.textOf(item) : names.textOf(first);
}

function importedName(item: PythonNode, names: PythonNames): string {
  return names.textOf(item.type === 'AliasedImport' && item.name ? (item.name as PythonNode) : item);
}

// The names `__all__` lists, or null when the module builds it in a way not read here (anything but literals).
function allNames(names: PythonNames): ReadonlySet<string> | null {
  const listed = new Set<string>();
  let readable = true;
  walk(names.module, (node: PythonNode): void => {
    if (!readable || node.type !== 'Identifier' || names.textOf(node) !== '__all__') return;
    const assignment = node.parent;
    const value = assignment?.type === 'Assignment' && assignment.left === node && assignment.right && !Array.isArray(assignment.right) ? (assignment.right as PythonNode) : null;
    if (value === null || (value.type !== 'List' && value.type !== 'Tuple') || !value.children.every((entry: PythonNode): boolean => entry.type === 'String' && entry.children.every((part: PythonNode): boolean => part.type !== 'Interpolation'))) {
      readable = false;
      return;
    }
    for (const entry of value.children) listed.add(names.textOf(entry).slice(1, -1));
  });
  return readable ? listed : null;
}

function removal(statement: PythonNode, item: PythonNode, names: PythonNames, comments: readonly PythonComment[]): PythonTextEdit | null {
  const text = names.text;
  const items = Array.isArray(statement.name) ? (statement.name as readonly PythonNode[]) : [];
  const index = items.indexOf(item);
  let range: readonly [number, number];
  if (items.length === 1) {
    const start = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
    const newline = text.indexOf('\n', statement.range[1]);
    const end = newline === -1 ? text.length : newline + 1;
    // Only a statement alone on its lines, and never a block's only statement (that would leave it empty).
    if (text.slice(start, statement.range[0]).trim() !== '' || text.slice(statement.range[1], end).trim() !== '') return null;
    if (statement.parent?.type === 'Block' && statement.parent.children.length === 1) return null;
    range = [start, end];
  } else if (index < items.length - 1) range = [item.range[0], (items[index + 1] as PythonNode).range[0]];
  else range = [(items[index - 1] as PythonNode).range[1], item.range[1]];
  if (comments.some((comment: PythonComment): boolean => comment.range[0] >= range[0] && comment.range[0] < range[1])) return null;
  return { range, text: '' };
}

/**
 * The imports of `module` that a fix left unused: names that `before` (the file before the fix) reads and
 * `after` (the same file after it) binds by an import of `module` but no longer reads, each with the edit that
 * removes it. An import no other module can reach (inside a function) is always listed; a module-level one
 * only when the file itself cannot be exporting it: not an `__init__.py` (a package's face), not in
 * `__all__` (nor an `__all__` built otherwise than from literals), not a redundant alias (`import x as x`,
 * the typing spec's explicit re-export), and no dynamic name lookup in the file (`globals()`, `vars()`,
 * `__getattr__`, `sys.modules`, ...). Whether another module of the project imports it is for the caller,
 * which sees the project (`moduleLevel`). An import whose removal would take a comment, share a line with
 * another statement or empty a block is kept.
 * @complexity O(nodes × imports of `module`) on both trees.
 */
export function importsLeftUnused(before: PythonNames, after: PythonNames, afterComments: readonly PythonComment[], module: string, fileName: string): PythonUnusedImport[] {
  const unused: PythonUnusedImport[] = [];
  const initModule = /(?:^|[\\/])__init__\.pyi?$/u.test(fileName);
  const dynamic = DYNAMIC_NAME_ACCESS.test(after.text);
  let exported: ReadonlySet<string> | null | undefined;
  // Whether `before` read `name` through an import of `module` anywhere (the fix only rewrites such reads).
  const readBefore = (name: string): boolean => {
    let found = false;
    walk(before.module, (node: PythonNode): void => {
      if (found || node.type !== 'Identifier' || before.textOf(node) !== name || insideImport(node)) return;
      const resolved = before.scopes.resolve(node, name);
      found = resolved.kind === 'import' && resolved.module === module;
    });
    return found;
  };
  walk(after.module, (statement: PythonNode): void => {
    if (!IMPORT_TYPES.has(statement.type)) return;
    const fromModule = statement.type === 'ImportFromStatement';
    if (fromModule && (!statement.moduleName || after.textOf(statement.moduleName) !== module)) return;
    for (const item of Array.isArray(statement.name) ? (statement.name as readonly PythonNode[]) : []) {
      if (!fromModule && importedName(item, after).split('.')[0] !== module) continue;
      const name = boundName(item, statement, after);
      const scope = after.scopes.scopeAt(statement);
      const bindings = scope.bindings.get(name) ?? [];
      // Every binding of the name in that scope is this kind of import: nothing else could be what is read.
      if (!bindings.every((binding): boolean => binding.kind === 'import' && binding.module.split('.')[0] === module)) continue;
      if (readsIn(after, name, scope.node) > 0 || !readBefore(name)) continue;
      const moduleLevel = scope.kind === 'module';
      if (moduleLevel) {
        if (initModule || dynamic || (item.type === 'AliasedImport' && importedName(item, after) === name)) continue;
        exported = exported === undefined ? allNames(after) : exported;
        if (exported === null || exported.has(name)) continue;
      } else if (/\b(?:locals|vars|eval|exec)\s*\(/u.test(after.textOf(scope.node))) continue;
      const edit = removal(statement, item, after, afterComments);
      if (edit !== null) unused.push({ name, moduleLevel, line: statement.loc.start.line, edit });
    }
  });
  return unused;
}

/**
 * Which of `candidates`, names a module binds at module level, other modules of the project may read from it,
 * judged from their text, conservatively: a file that names the module (its file name without `.py` as a word:
 * `from pkg.mod import now`, `import pkg.mod`, `from . import mod`) may read every candidate it mentions as a
 * word, and all of them when it imports with `*` or looks names up by string (`getattr`). Names built at run
 * time (`import_module("pkg." + name)`) are not seen.
 * @complexity O(total length of `others`).
 */
export function namesOtherModulesMayRead(moduleFile: string, candidates: readonly string[], others: readonly { readonly path: string; readonly text: string }[]): string[] {
  const stem = moduleFile.replace(/^.*[\\/]/u, '').replace(/\.pyi?$/u, '');
  const word = (name: string): RegExp => new RegExp(`(?<![\\w])${name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\w])`, 'u');
  const namesModule = word(stem);
  const read = new Set<string>();
  for (const other of others) {
    if (other.path === moduleFile || !namesModule.test(other.text)) continue;
    const everything = /\bimport\s+\*|\bgetattr\s*\(/u.test(other.text);
    for (const name of candidates) if (everything || word(name).test(other.text)) read.add(name);
  }
  return candidates.filter((name: string): boolean => read.has(name));
}
