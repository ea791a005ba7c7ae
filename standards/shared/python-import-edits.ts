/**
 * Edits to a Python file's imports that fixes and codemods share: how to name a standard module where new
 * code is written (an existing `import asyncio [as aio]`, else a new `import asyncio` placed among the file's
 * first imports), so fixes never add a second import of a module the file already has, nor shadow a name.
 */
import type { PythonNode } from './python-ast.js';
import type { PythonTextEdit } from './python-dataclasses.js';
import type { PythonNames } from './python-names.js';

/** How new code names a module: `prefix` is what to write before `.member`; `importEdit` adds the import, if needed. */
export interface PythonModuleSpelling {
  readonly prefix: string;
  readonly importEdit: PythonTextEdit | null;
}

const IMPORT_TYPES: ReadonlySet<string> = new Set(['ImportStatement', 'ImportFromStatement']);
const DEFINITION_TYPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedDefinition']);

function mentionsIdentifier(node: PythonNode, name: string, names: PythonNames): boolean {
  const stack: PythonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as PythonNode;
    if (current.type === 'Identifier' && names.textOf(current) === name) return true;
    for (const child of current.children) stack.push(child);
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
