import { existsSync } from 'node:fs';
import path from 'node:path';
import type TS from 'typescript';
import { typescript as ts } from '../../standards/shared/typescript-runtime.js';

/**
 * Every place a TypeScript or JavaScript file names another file by a string, and the specifier's own
 * form, so a rename can rewrite each one as it was written: `./lib/temp_lib.js` keeps its extension,
 * `./lib/temp_lib` stays without one, `./db` stays a folder import.
 */

/** One string that names a module or file, with the span of its text (inside the quotes). */
export interface ModuleReference {
  readonly specifier: string;
  /** Offset of the first character inside the quotes, and the text length. */
  readonly start: number;
  readonly length: number;
  /** `/// <reference path>` names a file relative to its folder even without `./`. */
  readonly isReferencePath: boolean;
}

// `vi.mock('./x')`, `jest.requireActual('./x')`: the test runners' module calls take a specifier first.
const RUNNER_OBJECTS = new Set(['vi', 'jest']);
const RUNNER_CALLS = new Set(['mock', 'doMock', 'unmock', 'doUnmock', 'dontMock', 'setMock', 'requireActual', 'requireMock', 'importActual', 'importMock', 'createMockFromModule']);

function specifierArgument(call: TS.CallExpression): TS.Expression | undefined {
  const callee = call.expression;
  const first = call.arguments[0];
  if (first === undefined) return undefined;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return first;
  if (ts.isIdentifier(callee) && callee.text === 'require') return first;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const object = callee.expression.text;
    const method = callee.name.text;
    if (object === 'require' && method === 'resolve') return first;
    if (RUNNER_OBJECTS.has(object) && RUNNER_CALLS.has(method)) return first;
  }
  return undefined;
}

// `new URL('./worker.js', import.meta.url)`: a file next to the module, as bundlers and Node resolve it.
function isUrlFromModule(node: TS.NewExpression): boolean {
  const base = node.arguments?.[1];
  return (
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'URL' &&
    base !== undefined &&
    ts.isPropertyAccessExpression(base) &&
    ts.isMetaProperty(base.expression) &&
    base.name.text === 'url'
  );
}

/**
 * The module references of one file: `import`/`export … from`, `import x = require()`, `import()`,
 * `require()`, `require.resolve()`, `typeof import('…')` (in JSDoc too), `declare module '…'`,
 * `/// <reference path>`, `new URL('…', import.meta.url)`, and the module calls of vitest and jest
 * (`vi.mock`, `jest.requireActual`, …). `parsed`, when its text is `text`, saves parsing it again.
 * @complexity O(nodes of the file).
 */
export function moduleReferences(fileName: string, text: string, parsed?: TS.SourceFile): ModuleReference[] {
  const source = parsed?.text === text ? parsed : ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: ModuleReference[] = [];
  const literal = (node: TS.Node | undefined): void => {
    if (node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
      found.push({ specifier: node.text, start: node.getStart(source) + 1, length: node.getWidth(source) - 2, isReferencePath: false });
    }
  };
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isExternalModuleReference(node)) literal(node.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) literal(node.name);
    else if (ts.isCallExpression(node)) literal(specifierArgument(node));
    else if (ts.isNewExpression(node) && isUrlFromModule(node)) literal(node.arguments?.[0]);
    // `/** @type {import('./x.js').T} */` in JavaScript files.
    for (const doc of (node as { readonly jsDoc?: readonly TS.JSDoc[] }).jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const reference of source.referencedFiles) {
    // The span covers the attribute value; its text has no quotes.
    const raw = text.slice(reference.pos, reference.end);
    const offset = raw.indexOf(reference.fileName);
    if (offset !== -1) found.push({ specifier: reference.fileName, start: reference.pos + offset, length: reference.fileName.length, isReferencePath: true });
  }
  return found;
}

/** A specifier built at run time (`` `./lib/temp_${name}.js` ``, `'./lib/' + name`): its fixed relative start. */
export interface DynamicReference {
  readonly prefix: string;
  /** Offset of the expression, for the line to name. */
  readonly start: number;
}

// The string a template or a `+` chain starts with, when it starts with one.
function leadingText(node: TS.Expression): string | undefined {
  if (ts.isTemplateExpression(node)) return node.head.text;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    if (ts.isStringLiteral(node.left) || ts.isNoSubstitutionTemplateLiteral(node.left)) return node.left.text;
    return leadingText(node.left);
  }
  if (ts.isParenthesizedExpression(node)) return leadingText(node.expression);
  return undefined;
}

/**
 * The module references of one file whose specifier is computed at run time but starts with a relative path
 * (`./` or `../`): a rename cannot rewrite them, and must not leave a file they may name behind.
 * @complexity O(nodes of the file).
 */
export function dynamicModuleReferences(fileName: string, text: string, parsed?: TS.SourceFile): DynamicReference[] {
  const source = parsed?.text === text ? parsed : ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: DynamicReference[] = [];
  const consider = (node: TS.Expression | undefined): void => {
    if (node === undefined) return;
    const prefix = leadingText(node);
    if (prefix !== undefined && (prefix.startsWith('./') || prefix.startsWith('../'))) found.push({ prefix, start: node.getStart(source) });
  };
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) consider(specifierArgument(node));
    else if (ts.isNewExpression(node) && isUrlFromModule(node)) consider(node.arguments?.[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** How a relative specifier reached its file, which decides how its new spelling is written. */
type Resolution =
  | { readonly kind: 'exact'; readonly file: string }
  /** `./x.js` naming `x.ts`: the written extension stays, the real one is `realExtension`. */
  | { readonly kind: 'mapped'; readonly file: string; readonly writtenExtension: string; readonly realExtension: string }
  /** `./x` naming `x.ts`. */
  | { readonly kind: 'added'; readonly file: string; readonly extension: string }
  /** `./db` naming `db/index.js`. */
  | { readonly kind: 'index'; readonly file: string };

const ADDED_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'];
const MAPPED_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};

/** Whether a file exists before any move; a project's file list answers most questions without the disk. */
export type ExistsBefore = (file: string) => boolean;

/**
 * A file-existence test over the project's files before any move, falling back to the disk (for files
 * discovery leaves out, such as ignored build output).
 * @complexity O(1) per known file; one `existsSync` per other path, cached.
 */
export function existsBeforeMoves(projectFiles: readonly string[]): ExistsBefore {
  const known = new Set(projectFiles);
  const disk = new Map<string, boolean>();
  return (file: string): boolean => {
    if (known.has(file)) return true;
    let found = disk.get(file);
    if (found === undefined) {
      found = existsSync(file);
      disk.set(file, found);
    }
    return found;
  };
}

const isRelative = (reference: ModuleReference): boolean =>
  reference.specifier.startsWith('./') || reference.specifier.startsWith('../') || reference.specifier === '.' || reference.specifier === '..' ||
  (reference.isReferencePath && !path.isAbsolute(reference.specifier) && reference.specifier !== '');

/** Resolves a relative specifier from `folder` the way Node and TypeScript do, before any move. */
function resolveRelative(folder: string, specifier: string, exists: ExistsBefore): Resolution | null {
  const base = path.resolve(folder, specifier);
  if (!specifier.endsWith('/') && exists(base)) return { kind: 'exact', file: base };
  const written = path.extname(base);
  for (const real of MAPPED_EXTENSIONS[written] ?? []) {
    const file = base.slice(0, -written.length) + real;
    if (exists(file)) return { kind: 'mapped', file, writtenExtension: written, realExtension: real };
  }
  for (const extension of ADDED_EXTENSIONS) {
    if (exists(base + extension)) return { kind: 'added', file: base + extension, extension };
  }
  for (const extension of ADDED_EXTENSIONS) {
    const file = path.join(base, `index${extension}`);
    if (exists(file)) return { kind: 'index', file };
  }
  return null;
}

function spell(fromFolder: string, target: string, reference: ModuleReference): string {
  let relative = path.relative(fromFolder, target).split(path.sep).join('/');
  if (relative === '') relative = '.';
  if (reference.isReferencePath && !reference.specifier.startsWith('.')) return relative;
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The new spelling of `reference`, written in `importer` (now at `importerAfter`), when the file it names
 * moved (per `movedTo`) or the importer did; `null` when it stays as it is or names no file. The form is
 * kept: extension or none, the written `.js` of a `.ts` file, the folder form of an index file, `./` or
 * not for reference paths.
 * @complexity O(1) file-existence tests per reference (at most 2 × the known extensions).
 */
export function respell(
  reference: ModuleReference,
  importer: string,
  importerAfter: string,
  movedTo: ReadonlyMap<string, string>,
  exists: ExistsBefore,
): string | null {
  if (!isRelative(reference)) return null;
  const resolution = resolveRelative(path.dirname(importer), reference.specifier, exists);
  if (resolution === null) return null;
  const target = movedTo.get(resolution.file) ?? resolution.file;
  if (target === resolution.file && importer === importerAfter) return null;
  const folder = path.dirname(importerAfter);
  let next: string;
  switch (resolution.kind) {
    case 'exact':
      next = spell(folder, target, reference);
      break;
    case 'mapped':
      next = spell(folder, target.slice(0, -resolution.realExtension.length) + resolution.writtenExtension, reference);
      break;
    case 'added':
      next = spell(folder, target.slice(0, -resolution.extension.length), reference);
      break;
    case 'index':
      next = spell(folder, path.dirname(target), reference);
      if (reference.specifier.endsWith('/')) next = `${next}/`;
      break;
  }
  return next === reference.specifier ? null : next;
}

/** A folder a file lists at run time (`fs.readdirSync(path.join(__dirname, 'plugins'))`), relative to that file. */
export interface FolderListing {
  /** The folder, relative to the listing file's folder ('.' for its own). */
  readonly folder: string;
  /** What lists it, for the message (`fs.readdirSync`). */
  readonly callee: string;
  /** Offset of the call, for the line to name. */
  readonly start: number;
}

const LISTING_CALLS = new Set(['readdirSync', 'readdir', 'opendirSync', 'opendir', 'globSync', 'glob']);
const FILE_LOCATION = /\b__dirname\b|\bimport\.meta\b/u;

/**
 * Calls that list a folder found from the file's own location (`readdirSync(__dirname)`,
 * `readdir(new URL('./plugins/', import.meta.url))`, `globSync('fixers/*.js', { cwd: __dirname })`): code that
 * finds modules by their file names (plugins). The folder is the string parts of the call joined to the
 * file's folder, a glob cut at its first wildcard.
 * @complexity O(nodes of the file).
 */
export function folderListings(fileName: string, text: string, parsed?: TS.SourceFile): FolderListing[] {
  const source = parsed?.text === text ? parsed : ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: FolderListing[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : '';
      const callText = node.getText(source);
      if (LISTING_CALLS.has(callee) && FILE_LOCATION.test(callText)) {
        const parts: string[] = [];
        const strings = (child: TS.Node): void => {
          if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) {
            const wildcard = child.text.search(/[*?[{]/u);
            parts.push(wildcard === -1 ? child.text : child.text.slice(0, child.text.lastIndexOf('/', wildcard) + 1));
          }
          ts.forEachChild(child, strings);
        };
        // The first argument is the folder or pattern; later ones are options (`'utf8'`, `{ cwd }`).
        const first = node.arguments[0];
        if (first !== undefined) strings(first);
        found.push({ folder: path.posix.join('.', ...parts), callee: node.expression.getText(source), start: node.getStart(source) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
