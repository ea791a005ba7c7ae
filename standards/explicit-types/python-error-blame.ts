import { visitPythonNodes, type PythonNode } from '../shared/python-ast.js';
import type { PythonNames } from '../shared/python-names.js';
import type { AnnotationCandidate, FunctionCandidates } from './python-annotation-candidates.js';
import type { PyrightDiagnostic } from './python-pyright.js';

/**
 * Which planned annotations a new pyright error of `add-explicit-types`' proof points at (architecture
 * decision 33). The proof drops what an error is tied to and checks again, so a tie only has to be a sound
 * guess: a wrong one costs a round, never a wrong write. From the most precise tie to the broadest:
 * 1. the function or parameter the message names (`Argument … in function "f"`, `Method "m" overrides …`);
 * 2. the file's added imports, when the error is on a line the codemod added;
 * 3. the functions a name on the error's line means: a `def` of the same scope (`sep_func = sep` beside a
 *    `def sep_func(x) -> bool`: the annotation gave the name a declared type) or a project function imported
 *    under that name (`exact: Literal[1] = one()`);
 * 4. the innermost function or class around the line that holds planned annotations: its own return type
 *    when the message is about a return type, else those of the functions nested in it, else its own; up to
 *    the module: every annotation of the file.
 * An error in a file without planned annotations that none of these ties stays untied;
 * `importedAnnotatedFiles` names the annotated files that file imports, which the proof treats as a whole.
 */

/** A source file as the blame reads it: project path (with `/`), syntax tree and names. */
export interface BlameSource {
  readonly relative: string;
  readonly module: PythonNode;
  readonly names: PythonNames;
}

/** One planned annotation, as the blame needs it. */
export interface BlamedAnnotation<File extends BlameSource = BlameSource> {
  readonly file: File;
  readonly fn: FunctionCandidates;
  readonly candidate: AnnotationCandidate;
  readonly imports: readonly unknown[];
}

/** The annotations an error is tied to, and why they go (the note of each). */
export interface ErrorTie<T> {
  readonly annotations: readonly T[];
  /** `it added a pyright error: <message>`, `… where "f" is used (a.py:3): …`, `dropped with …`. */
  readonly reason: string;
  /** Whether the error points at each of them (levels 1-3 and the function's own), not just at their scope. */
  readonly precise: boolean;
}

/** A new error, its file as the blame reads it (null when unreadable), its line in that file (0-based) or null on an added line. */
export interface BlameSite {
  readonly diagnostic: PyrightDiagnostic;
  readonly source: BlameSource | null;
  readonly line: number | null;
}

const SCOPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'ClassDefinition']);

/**
 * The planned annotations a new error points at (see the module's docstring), or an empty tie.
 * @param moduleOf a project file's import name (`pkg.mod`), or null.
 * @complexity O(nodes of the error's file + names on its line × planned annotations) per error.
 */
export function tiePythonError<File extends BlameSource, T extends BlamedAnnotation<File>>(site: BlameSite, planned: readonly T[], moduleOf: (relative: string) => string | null): ErrorTie<T> {
  const { diagnostic, source, line } = site;
  const message = diagnostic.message.split('\n')[0] ?? '';
  const none = { annotations: [], reason: '', precise: true };
  const parameter = /parameter "([^"]+)"/.exec(diagnostic.message)?.[1];
  const functionName = /(?:in function|Method) "([^"]+)"/.exec(diagnostic.message)?.[1];
  if (functionName !== undefined) {
    const named = planned.filter(
      (entry: T): boolean => entry.fn.name === functionName && (parameter === undefined || entry.candidate.missing.name === `"${parameter}"` || entry.candidate.missing.kind === 'return' && /override/.test(diagnostic.message)),
    );
    if (named.length > 0) return { annotations: named, reason: `it added a pyright error: ${message}`, precise: true };
  }
  if (source === null) return none;
  const ofFile = planned.filter((entry: T): boolean => entry.file.relative === source.relative);
  if (line === null) return { annotations: ofFile.filter((entry: T): boolean => entry.imports.length > 0), reason: `it added a pyright error: ${message}`, precise: true };
  const where = `${source.relative}:${line + 1}`;
  for (const [name, functions] of namesAtLine(source, line, moduleOf, planned)) {
    const tied = planned.filter((entry: T): boolean => functions.has(entry.fn.fn));
    if (tied.length > 0) return { annotations: tied, reason: `it added a pyright error where "${name}" is used (${where}): ${message}`, precise: true };
  }
  for (const scope of scopesAround(source.module, line + 1)) {
    const own = ofFile.filter((entry: T): boolean => entry.fn.fn === scope);
    const ownReturn = own.filter((entry: T): boolean => entry.candidate.missing.kind === 'return');
    if (ownReturn.length > 0 && /return type/i.test(message)) return { annotations: ownReturn, reason: `it added a pyright error in its function (${where}): ${message}`, precise: true };
    // Else the functions nested in it: an annotation of one declares the type of its name in the scope.
    const nested = ofFile.filter((entry: T): boolean => entry.fn.fn !== scope && entry.fn.fn.range[0] >= scope.range[0] && entry.fn.fn.range[1] <= scope.range[1]);
    const kind = scope.type === 'ClassDefinition' ? 'class' : 'function';
    if (nested.length > 0) return { annotations: nested, reason: `dropped with the annotations of the functions nested in the ${kind} "${source.names.definitionName(scope)}": a new pyright error there could not be tied to one (${where}): ${message}`, precise: false };
    if (own.length > 0) return { annotations: own, reason: `it added a pyright error in its function (${where}): ${message}`, precise: true };
  }
  if (ofFile.length === 0) return none;
  return { annotations: ofFile, reason: `dropped with every annotation of the file: a new pyright error in it could not be tied to one (${where}): ${message}`, precise: false };
}

// Function and class definitions around a 1-based line, innermost first.
function scopesAround(module: PythonNode, line: number): PythonNode[] {
  const around: PythonNode[] = [];
  let current: PythonNode | undefined = module;
  while (current !== undefined) {
    if (SCOPES.has(current.type)) around.unshift(current);
    current = current.children.find((child: PythonNode): boolean => child.loc.start.line <= line && line <= child.loc.end.line);
  }
  return around;
}

// The names written on a 0-based line, each with the planned functions it means there: `def`s binding it in
// the scope it resolves to, or the project function it imports. An attribute or keyword is not a name.
function namesAtLine(source: BlameSource, line: number, moduleOf: (relative: string) => string | null, planned: readonly BlamedAnnotation[]): Map<string, Set<PythonNode>> {
  const found = new Map<string, Set<PythonNode>>();
  const identifiers: PythonNode[] = [];
  visitPythonNodes(source.module, (node: PythonNode): void => {
    if (node.type !== 'Identifier' || node.loc.start.line !== line + 1) return;
    const parent = node.parent;
    if ((parent?.type === 'Attribute' && parent.attribute === node) || (parent?.type === 'KeywordArgument' && parent.name === node)) return;
    identifiers.push(node);
  });
  identifiers.sort((a: PythonNode, b: PythonNode): number => a.range[0] - b.range[0]);
  const importer = moduleOf(source.relative);
  for (const identifier of identifiers) {
    const name = source.names.textOf(identifier);
    if (found.has(name)) continue;
    const resolved = source.names.scopes.resolve(identifier, name);
    const functions = new Set<PythonNode>();
    for (const binding of resolved.bindings) {
      if (binding.kind === 'definition' && binding.node.parent?.type === 'FunctionDefinition') functions.add(binding.node.parent);
    }
    if (resolved.kind === 'import' && resolved.name !== null && importer !== null) {
      const module = absoluteImport(resolved.module, importer, /(?:^|\/)__init__\.pyi?$/.test(source.relative));
      for (const entry of planned) {
        if (entry.fn.name === resolved.name && isTopLevel(entry.fn.fn) && moduleOf(entry.file.relative) === module) functions.add(entry.fn.fn);
      }
    }
    if (functions.size > 0) found.set(name, functions);
  }
  return found;
}

function isTopLevel(fn: PythonNode): boolean {
  return (fn.parent?.type === 'DecoratedDefinition' ? fn.parent.parent : fn.parent)?.type === 'Module';
}

// `from ..models import x` in `pkg.api.views` → `pkg.models`; an absolute module is itself; null above the top.
function absoluteImport(module: string, importer: string, isPackage: boolean): string | null {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  if (dots === 0) return module;
  const parts = importer.split('.');
  const keep = parts.length - dots + (isPackage ? 1 : 0);
  if (keep < 1) return null;
  const base = parts.slice(0, keep);
  const rest = module.slice(dots);
  return [...base, ...(rest === '' ? [] : [rest])].join('.');
}

/**
 * The project paths of the annotated files a file without planned annotations imports (`import a.b`,
 * `from a import b`, relative imports; `from pkg import mod` names the module `pkg.mod` too): where an error
 * in it that no annotation could be tied to most likely comes from.
 * @complexity O(nodes of the file + annotated files).
 */
export function importedAnnotatedFiles(source: BlameSource, annotated: ReadonlySet<string>, moduleOf: (relative: string) => string | null): Set<string> {
  const byModule = new Map<string, string>();
  for (const relative of annotated) {
    const module = moduleOf(relative);
    if (module !== null) byModule.set(module, relative);
  }
  const importer = moduleOf(source.relative);
  const isPackage = /(?:^|\/)__init__\.pyi?$/.test(source.relative);
  const imported = new Set<string>();
  const add = (module: string | null): void => {
    const relative = module === null ? undefined : byModule.get(module);
    if (relative !== undefined) imported.add(relative);
  };
  const dotted = (node: PythonNode): string => source.names.textOf(node.type === 'AliasedImport' ? (node.name as PythonNode) : node).replace(/\s+/g, '');
  visitPythonNodes(source.module, (node: PythonNode): void => {
    if (node.type === 'ImportStatement') {
      for (const item of fieldList(node.name)) add(dotted(item));
    } else if (node.type === 'ImportFromStatement' && node.moduleName !== null && node.moduleName !== undefined) {
      const written = source.names.textOf(node.moduleName).replace(/\s+/g, '');
      const module = importer === null && written.startsWith('.') ? null : absoluteImport(written, importer ?? '', isPackage);
      if (module === null) return;
      add(module);
      for (const item of fieldList(node.name)) add(`${module}.${dotted(item)}`);
    }
  });
  return imported;
}

// A node field that holds one node or several.
function fieldList(value: unknown): readonly PythonNode[] {
  if (Array.isArray(value)) return value as PythonNode[];
  return value === null || value === undefined ? [] : [value as PythonNode];
}
