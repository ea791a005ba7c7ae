import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../shared/typescript-runtime.js';

/**
 * Writes the type the checker infers for a declaration as annotation text that compiles where it is inserted:
 * printed relative to the declaration, never as `import("…")`, never truncated. Refuses (with the reason)
 * `any`, anonymous types that have no name to write, and names that are neither in scope nor importable.
 * Shared by the `require-explicit-types` suggestion and the `add-explicit-types` codemod.
 */

export type AnnotationKind = 'parameter' | 'return' | 'property';

/** A declaration that needs an annotation, as a TypeScript node. */
export interface AnnotationRequest {
  readonly kind: AnnotationKind;
  /** ParameterDeclaration, a function-like declaration (return), or PropertyDeclaration. */
  readonly declaration: ts.Node;
  /** `x?` / `y?;`: the `undefined` the checker adds is implied by the `?` and left out. */
  readonly optional: boolean;
}

/** `import type { name } from 'specifier'` (or `import type name from …` for a default export) that the annotation needs. */
export interface NeededImport {
  readonly name: string;
  readonly specifier: string;
  /** The module's default export, imported under the name its declaration has. */
  readonly isDefault: boolean;
  /** The module file that exports it (to group and to check clashes). */
  readonly fileName: string;
}

/** One way to write an annotation: its text and the type imports it needs. */
export interface AnnotationForm {
  readonly text: string;
  readonly imports: readonly NeededImport[];
}

/**
 * `text` and `imports` are the shortest form (type arguments equal to their defaults left out, the `undefined`
 * an optional `?` implies left out); `alternatives` are the longer forms of the same type, shortest first, for a
 * caller that type-checks and needs a form that compiles where the shortest does not.
 */
export type InferredAnnotation =
  | { readonly ok: true; readonly text: string; readonly imports: readonly NeededImport[]; readonly alternatives: readonly AnnotationForm[] }
  | { readonly ok: false; readonly reason: string };

export interface PrintStyle {
  /** Quote string literal types with `'` (the file's own quote style). */
  readonly singleQuotes: boolean;
}

interface SymbolTracker {
  trackSymbol(symbol: ts.Symbol, enclosingDeclaration: ts.Node | undefined, meaning: ts.SymbolFlags): boolean;
}

/**
 * The node builder reports every symbol it names to a tracker (the same hook declaration emit uses); the public
 * typings stop at three parameters, the implementation takes the tracker fifth. Without it we could not tell
 * which module a bare name comes from.
 */
type TypeToTypeNodeWithTracker = (
  type: ts.Type,
  enclosingDeclaration: ts.Node | undefined,
  flags: ts.NodeBuilderFlags,
  internalFlags: undefined,
  tracker: SymbolTracker,
) => ts.TypeNode | undefined;

// No WriteClassExpressionAsTypeLiteral: a structural stand-in for a class expression drops its private members.
const BASE_FLAGS = typescript.NodeBuilderFlags.NoTruncation | typescript.NodeBuilderFlags.UseAliasDefinedOutsideCurrentScope;

const ANY_MEANING = typescript.SymbolFlags.Type | typescript.SymbolFlags.Value | typescript.SymbolFlags.Namespace;
const SHOWN_TYPE_LENGTH = 160;
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/**
 * One per program: caches module resolutions and per-file import styles.
 * @performance Each `infer` costs one node-builder pass over the inferred type plus one name lookup per
 * referenced symbol; module resolutions (only for names that need an import) are cached.
 */
export class InferredTypePrinter {
  private readonly checker: ts.TypeChecker;
  private readonly printer: ts.Printer = typescript.createPrinter({ removeComments: true, omitTrailingSemicolon: true });
  private readonly resolutionCache: ts.ModuleResolutionCache;
  private readonly extensionStyles = new Map<string, string | undefined>();
  private ambientModules: Map<string, ts.Symbol> | undefined;

  constructor(private readonly program: ts.Program) {
    this.checker = program.getTypeChecker();
    this.resolutionCache = typescript.createModuleResolutionCache(
      program.getCurrentDirectory(),
      (fileName) => (typescript.sys.useCaseSensitiveFileNames ? fileName : fileName.toLowerCase()),
      program.getCompilerOptions(),
    );
  }

  /**
   * The annotation text for `request`, or why it cannot be written safely.
   * @complexity O(size of the printed type + referenced symbols)
   */
  infer(request: AnnotationRequest, style: PrintStyle): InferredAnnotation {
    const { checker } = this;
    const { declaration } = request;
    const location = lookupLocation(request);
    let type: ts.Type;
    let predicatePrefix = '';
    if (request.kind === 'return') {
      const signature = typescript.isFunctionLike(declaration) ? checker.getSignatureFromDeclaration(declaration) : undefined;
      if (signature === undefined) return { ok: false, reason: 'the checker has no signature for it' };
      const predicate = checker.getTypePredicateOfSignature(signature);
      if (predicate !== undefined && predicate.type !== undefined && !isAssertsPredicate(predicate)) {
        type = predicate.type;
        predicatePrefix = `${predicate.kind === typescript.TypePredicateKind.This ? 'this' : predicate.parameterName} is `;
      } else {
        type = checker.getReturnTypeOfSignature(signature);
      }
    } else {
      type = checker.getTypeAtLocation(declaration);
    }
    const shown = (): string =>
      shortenType(
        predicatePrefix +
          checker.typeToString(type, location, typescript.TypeFormatFlags.NoTruncation | typescript.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope),
      );
    if (type.flags & typescript.TypeFlags.Any) return { ok: false, reason: `the checker infers "${shown()}"` };

    const tracked: { symbol: ts.Symbol; meaning: ts.SymbolFlags }[] = [];
    const tracker: SymbolTracker = {
      trackSymbol: (symbol, _enclosing, meaning) => {
        tracked.push({ symbol, meaning });
        return false;
      },
    };
    const flags = BASE_FLAGS | (style.singleQuotes ? typescript.NodeBuilderFlags.UseSingleQuotesForStringLiteralType : 0);
    const toNode = checker.typeToTypeNode as unknown as TypeToTypeNodeWithTracker;
    const built = toNode.call(checker, type, location, flags, undefined, tracker);
    if (built === undefined) return { ok: false, reason: `the checker infers "${shown()}", an anonymous type with no name to write` };
    const full = this.withoutDefaultTypeArguments(built, tracked, declaration.getSourceFile()) ?? built;
    // Shortest first: without default type arguments, without the `undefined` a `?` implies; then longer.
    const nodes = request.optional ? [withoutUndefined(full), withoutUndefined(built), full, built] : [full, built];
    const forms: AnnotationForm[] = [];
    let failure: string | undefined;
    for (const node of nodes) {
      const form = this.form(node, tracked, request, location, predicatePrefix, shown);
      if (typeof form === 'string') failure ??= form;
      else if (!forms.some((known: AnnotationForm): boolean => known.text === form.text)) forms.push(form);
    }
    const [shortest, ...alternatives] = forms;
    if (shortest === undefined) return { ok: false, reason: failure ?? `the checker infers "${shown()}"` };
    return { ok: true, text: shortest.text, imports: shortest.imports, alternatives };
  }

  /** The text and imports of one printed node, or why it cannot be written. */
  private form(
    node: ts.TypeNode,
    tracked: readonly { readonly symbol: ts.Symbol; readonly meaning: ts.SymbolFlags }[],
    request: AnnotationRequest,
    location: ts.Node,
    predicatePrefix: string,
    shown: () => string,
  ): AnnotationForm | string {
    const { checker } = this;
    const { declaration } = request;
    const problem = findUnwritable(node);
    if (problem !== undefined) return `the checker infers "${shown()}", ${problem}`;

    const imports = new Map<string, NeededImport>();
    const printedRoots = leftmostNames(node);
    for (const { symbol, meaning } of tracked) {
      const name = printedName(symbol);
      if (!printedRoots.has(name) || this.isInScope(symbol, name, location, meaning)) continue;
      const needed = this.importFor(symbol, name, declaration.getSourceFile());
      if (typeof needed === 'string') return `the checker infers "${shown()}", ${needed}`;
      const clash = checker.resolveName(needed.name, location, ANY_MEANING, false);
      if (clash !== undefined) {
        return `the checker infers "${shown()}", and importing "${needed.name}" would clash with another "${needed.name}" in this file`;
      }
      imports.set(needed.name, needed);
    }
    for (const name of printedRoots) {
      const viaImport = imports.has(name);
      const viaTracked = tracked.some((entry) => printedName(entry.symbol) === name);
      if (!viaImport && !viaTracked && checker.resolveName(name, location, ANY_MEANING, false) === undefined) {
        return `the checker infers "${shown()}", and "${name}" is not in scope here`;
      }
    }
    setSingleLine(node);
    const text = predicatePrefix + this.printer.printNode(typescript.EmitHint.Unspecified, node, declaration.getSourceFile());
    return { text, imports: [...imports.values()] };
  }

  /**
   * `node` with every trailing type argument that equals its parameter's default left out (`ZodType` rather than
   * `ZodType<unknown, unknown, $ZodTypeInternals<unknown, unknown>>`), or undefined when none does. A default is
   * compared as printed, with the earlier parameters it mentions replaced by their arguments and namespace
   * qualifiers ignored; anything it cannot compare is kept.
   */
  private withoutDefaultTypeArguments(
    root: ts.TypeNode,
    tracked: readonly { readonly symbol: ts.Symbol; readonly meaning: ts.SymbolFlags }[],
    sourceFile: ts.SourceFile,
  ): ts.TypeNode | undefined {
    let changed = false;
    const print = (node: ts.Node): string => this.printer.printNode(typescript.EmitHint.Unspecified, node, sourceFile);
    const parametersOf = (name: ts.EntityName): readonly ts.TypeParameterDeclaration[] | undefined => {
      const simple = typescript.isQualifiedName(name) ? name.right.text : name.text;
      for (const { symbol } of tracked) {
        if (printedName(symbol) !== simple) continue;
        const target = symbol.flags & typescript.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
        for (const declaration of target.declarations ?? []) {
          if (
            (typescript.isInterfaceDeclaration(declaration) || typescript.isClassDeclaration(declaration) || typescript.isTypeAliasDeclaration(declaration)) &&
            declaration.typeParameters !== undefined
          ) {
            return declaration.typeParameters;
          }
        }
      }
      return undefined;
    };
    const transformer = (context: ts.TransformationContext) => (top: ts.Node): ts.Node => {
      const visit = (node: ts.Node): ts.Node => {
        const visited = typescript.visitEachChild(node, visit, context);
        if (!typescript.isTypeReferenceNode(visited) || visited.typeArguments === undefined) return visited;
        const parameters = parametersOf(visited.typeName);
        if (parameters === undefined || parameters.length < visited.typeArguments.length) return visited;
        const args = [...visited.typeArguments];
        const printed = args.map(print);
        while (args.length > 0) {
          const index = args.length - 1;
          const parameter = parameters[index];
          if (parameter?.default === undefined) break;
          let expected = parameter.default.getText();
          for (let earlier = 0; earlier < index; earlier++) {
            const name = parameters[earlier]?.name.text;
            if (name !== undefined) expected = expected.replace(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'), printed[earlier] ?? name);
          }
          if (normalizeType(expected) !== normalizeType(printed[index] ?? '')) break;
          args.pop();
        }
        if (args.length === visited.typeArguments.length) return visited;
        changed = true;
        return context.factory.updateTypeReferenceNode(visited, visited.typeName, args.length === 0 ? undefined : context.factory.createNodeArray(args));
      };
      return visit(top);
    };
    const result = typescript.transform(root, [transformer]);
    const transformed = result.transformed[0] as ts.TypeNode | undefined;
    result.dispose();
    return changed ? transformed : undefined;
  }

  private isInScope(symbol: ts.Symbol, name: string, location: ts.Node, meaning: ts.SymbolFlags): boolean {
    const resolved = this.checker.resolveName(name, location, meaning, false);
    if (resolved === undefined) return false;
    if (resolved === symbol) return true;
    const target = resolved.flags & typescript.SymbolFlags.Alias ? this.checker.getAliasedSymbol(resolved) : resolved;
    return target === symbol || this.checker.getExportSymbolOfSymbol(target) === this.checker.getExportSymbolOfSymbol(symbol);
  }

  /** How `from` can import `symbol`, written as `name`, or why it cannot. */
  private importFor(symbol: ts.Symbol, name: string, from: ts.SourceFile): NeededImport | string {
    if (symbol.flags & typescript.SymbolFlags.TypeParameter) return `and the type parameter "${name}" is not in scope here`;
    const declaration = symbol.declarations?.[0];
    const target = declaration?.getSourceFile();
    if (declaration === undefined || target === undefined) return `and "${name}" is not in scope here`;
    if (target === from) return `and "${name}" is local to another scope of this file`;
    // An import would make a global script a module: its top-level declarations would stop being global.
    if (!typescript.isExternalModule(from)) return `and importing "${name}" would turn this script (no imports or exports) into a module`;
    if (!typescript.isExternalModule(target)) return this.ambientImportFor(symbol, name, declaration, from);
    const exportName = this.exportNameOf(symbol, this.checker.getSymbolAtLocation(target), name);
    if (exportName === undefined) return `and "${name}" is not exported by ${this.displayPath(target, from)}`;
    if (exportName !== name && exportName !== 'default') {
      return `and "${name}" is exported by ${this.displayPath(target, from)} only as "${exportName}"`;
    }
    const specifier = this.specifierFor(target, from);
    if (specifier === undefined || !this.resolvesToExport(specifier, from, symbol, exportName)) {
      return `and "${name}" has no import path from this file`;
    }
    return { name, specifier, isDefault: exportName !== name, fileName: target.fileName };
  }

  /**
   * A type declared in an ambient module (`declare module 'fs' { … }`, as in @types/node) is imported from that
   * module's name: the spelling the file already imports from, else `node:fs` when it is declared too and
   * exports the same type, else `fs`.
   */
  private ambientImportFor(symbol: ts.Symbol, name: string, declaration: ts.Declaration, from: ts.SourceFile): NeededImport | string {
    let ancestor: ts.Node = declaration.parent;
    while (!typescript.isSourceFile(ancestor) && !(typescript.isModuleDeclaration(ancestor) && typescript.isStringLiteral(ancestor.name))) {
      ancestor = ancestor.parent;
    }
    if (!typescript.isModuleDeclaration(ancestor) || !typescript.isStringLiteral(ancestor.name)) return `and "${name}" is not in scope here`;
    this.ambientModules ??= new Map(this.checker.getAmbientModules().map((module) => [module.name.replace(/^"|"$/g, ''), module]));
    const moduleName = ancestor.name.text;
    const bare = moduleName.replace(/^node:/, '');
    const spellings = [`node:${bare}`, bare];
    const used = from.statements.find(
      (statement): statement is ts.ImportDeclaration =>
        typescript.isImportDeclaration(statement) && typescript.isStringLiteral(statement.moduleSpecifier) && spellings.includes(statement.moduleSpecifier.text),
    );
    if (used !== undefined) spellings.unshift((used.moduleSpecifier as ts.StringLiteral).text);
    for (const specifier of spellings) {
      const module = this.ambientModules.get(specifier);
      if (module !== undefined && this.exportNameOf(symbol, module, name) === name) {
        return { name, specifier, isDefault: false, fileName: moduleName };
      }
    }
    return `and "${name}" is not exported by the module "${moduleName}" under that name`;
  }

  /** The name `module` exports `symbol` under: `preferred` when it is one of them, else `default`, else any. */
  private exportNameOf(symbol: ts.Symbol, module: ts.Symbol | undefined, preferred: string): string | undefined {
    if (module === undefined) return undefined;
    let other: string | undefined;
    for (const exported of this.checker.getExportsOfModule(module)) {
      const target = exported.flags & typescript.SymbolFlags.Alias ? this.checker.getAliasedSymbol(exported) : exported;
      if (target !== symbol && exported !== symbol) continue;
      if (exported.name === preferred) return exported.name;
      if (other === undefined || exported.name === 'default') other = exported.name;
    }
    return other;
  }

  private resolvesToExport(specifier: string, from: ts.SourceFile, symbol: ts.Symbol, exportName: string): boolean {
    const resolved = typescript.resolveModuleName(
      specifier,
      from.fileName,
      this.program.getCompilerOptions(),
      typescript.sys,
      this.resolutionCache,
      undefined,
      from.impliedNodeFormat,
    ).resolvedModule;
    const module = resolved === undefined ? undefined : this.program.getSourceFile(resolved.resolvedFileName);
    return module !== undefined && this.exportNameOf(symbol, this.checker.getSymbolAtLocation(module), exportName) === exportName;
  }

  private specifierFor(target: ts.SourceFile, from: ts.SourceFile): string | undefined {
    const fileName = target.fileName;
    const nodeModules = fileName.lastIndexOf('/node_modules/');
    if (nodeModules !== -1) {
      const parts = fileName.slice(nodeModules + '/node_modules/'.length).split('/');
      const first = parts[0];
      if (first === undefined) return undefined;
      const packageName = first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
      return packageName.startsWith('@types/') ? packageName.slice('@types/'.length).replace('__', '/') : packageName;
    }
    let relative = path.posix.relative(path.posix.dirname(from.fileName), fileName);
    if (!relative.startsWith('.')) relative = `./${relative}`;
    const stem = relative.replace(/(\.d)?\.(ts|tsx|mts|cts)$/, '');
    const extension = this.extensionStyle(from);
    if (extension === undefined) return stem.replace(/\/index$/, '') || '.';
    const emitted = /\.mts$/.test(fileName) ? '.mjs' : /\.cts$/.test(fileName) ? '.cjs' : extension;
    return stem + emitted;
  }

  /** The extension `from` writes on relative imports (`.js`, `.ts`), or undefined when it writes none. */
  private extensionStyle(from: ts.SourceFile): string | undefined {
    if (this.extensionStyles.has(from.fileName)) return this.extensionStyles.get(from.fileName);
    let style: string | undefined;
    let seen = false;
    for (const statement of from.statements) {
      if ((!typescript.isImportDeclaration(statement) && !typescript.isExportDeclaration(statement)) || statement.moduleSpecifier === undefined) continue;
      if (!typescript.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith('.')) continue;
      seen = true;
      const match = /\.(m?js|c?js|ts|mts|cts)$/.exec(statement.moduleSpecifier.text);
      style = match ? `.${match[1] === 'mjs' || match[1] === 'cjs' ? 'js' : match[1] === 'mts' || match[1] === 'cts' ? 'ts' : match[1]}` : undefined;
      break;
    }
    if (!seen) {
      const resolution = this.program.getCompilerOptions().moduleResolution;
      const needsExtension =
        resolution === typescript.ModuleResolutionKind.Node16 || resolution === typescript.ModuleResolutionKind.NodeNext;
      style = needsExtension ? '.js' : undefined;
    }
    this.extensionStyles.set(from.fileName, style);
    return style;
  }

  private displayPath(target: ts.SourceFile, from: ts.SourceFile): string {
    return `"${path.posix.relative(path.posix.dirname(from.fileName), target.fileName)}"`;
  }
}

/** A printed type compared loosely: no whitespace, no namespace qualifiers, one quote style. */
function normalizeType(text: string): string {
  return text.replace(/\s+/g, '').replace(/(?<![\w$])[A-Za-z_$][\w$]*\./g, '').replace(/"/g, "'");
}

/** The name the printer writes for `symbol`: a default export's own declaration name rather than `default`. */
function printedName(symbol: ts.Symbol): string {
  if (symbol.name !== 'default') return symbol.name;
  const declaration = symbol.declarations?.[0];
  const name = declaration === undefined ? undefined : typescript.getNameOfDeclaration(declaration);
  return name !== undefined && typescript.isIdentifier(name) ? name.text : symbol.name;
}

function isAssertsPredicate(predicate: ts.TypePredicate): boolean {
  return predicate.kind === typescript.TypePredicateKind.AssertsIdentifier || predicate.kind === typescript.TypePredicateKind.AssertsThis;
}

/**
 * Where names in the annotation are looked up: a node inside the declaration but outside any function body, so
 * type parameters and parameters are visible and the body's own declarations are not.
 */
function lookupLocation(request: AnnotationRequest): ts.Node {
  const { declaration } = request;
  if (request.kind !== 'return' || !typescript.isFunctionLike(declaration)) return declaration;
  return (
    declaration.parameters[0] ??
    declaration.typeParameters?.[0] ??
    (declaration.name as ts.Node | undefined) ??
    (typescript.isArrowFunction(declaration) ? declaration.equalsGreaterThanToken : undefined) ??
    declaration.parent
  );
}

/**
 * A type as messages show it: whole up to 160 characters, cut with `…` beyond (annotations are never cut).
 * @complexity O(1)
 */
export function shortenType(text: string): string {
  return text.length <= SHOWN_TYPE_LENGTH ? text : `${text.slice(0, SHOWN_TYPE_LENGTH - 1)}…`;
}

function withoutUndefined(node: ts.TypeNode): ts.TypeNode {
  if (!typescript.isUnionTypeNode(node)) return node;
  const kept = node.types.filter((member) => member.kind !== typescript.SyntaxKind.UndefinedKeyword);
  if (kept.length === node.types.length || kept.length === 0) return node;
  return kept.length === 1 && kept[0] !== undefined ? kept[0] : typescript.factory.createUnionTypeNode(kept);
}

/** Why the printed node cannot be inserted as is, or undefined. */
function findUnwritable(root: ts.Node): string | undefined {
  let problem: string | undefined;
  const visit = (node: ts.Node): void => {
    if (problem !== undefined) return;
    if (node.kind === typescript.SyntaxKind.AnyKeyword) problem = 'which contains `any`';
    else if (typescript.isImportTypeNode(node)) problem = 'which can only be written with `import(…)`';
    else if (typescript.isTypeOperatorNode(node) && node.operator === typescript.SyntaxKind.UniqueKeyword) {
      problem = 'a `unique symbol` that only its own declaration can name';
    } else if (typescript.isIdentifier(node) && !IDENTIFIER.test(node.text)) {
      problem = `an anonymous type ("${node.text}") with no name to write`;
    } else typescript.forEachChild(node, visit);
  };
  visit(root);
  return problem;
}

/** First identifiers of every entity name in the printed type (`A` in `A.B<C>`, and `C`). */
function leftmostNames(root: ts.Node): ReadonlySet<string> {
  const names = new Set<string>();
  const leftmost = (name: ts.EntityName | ts.Expression): void => {
    let current: ts.Node = name;
    while (typescript.isQualifiedName(current) || typescript.isPropertyAccessExpression(current)) {
      current = typescript.isQualifiedName(current) ? current.left : current.expression;
    }
    if (typescript.isIdentifier(current)) names.add(current.text);
  };
  const visit = (node: ts.Node): void => {
    if (typescript.isTypeReferenceNode(node)) leftmost(node.typeName);
    else if (typescript.isTypeQueryNode(node)) leftmost(node.exprName);
    else if (typescript.isExpressionWithTypeArguments(node)) leftmost(node.expression);
    typescript.forEachChild(node, visit);
  };
  visit(root);
  return names;
}

function setSingleLine(root: ts.Node): void {
  const visit = (node: ts.Node): void => {
    typescript.setEmitFlags(node, typescript.EmitFlags.SingleLine);
    typescript.forEachChild(node, visit);
  };
  visit(root);
}

const printers = new WeakMap<ts.Program, InferredTypePrinter>();

/**
 * The printer for `program`, created once per program (ESLint's project service reuses programs across files).
 * @complexity O(1) after the first call per program
 */
export function printerFor(program: ts.Program): InferredTypePrinter {
  let printer = printers.get(program);
  if (printer === undefined) {
    printer = new InferredTypePrinter(program);
    printers.set(program, printer);
  }
  return printer;
}

const DECLARATION_TESTS: Readonly<Record<AnnotationKind, (node: ts.Node) => boolean>> = {
  parameter: typescript.isParameter,
  return: typescript.isFunctionLike,
  property: typescript.isPropertyDeclaration,
};

/**
 * The declaration the checker reads for a finding, from the node typescript-estree maps its ESTree node to
 * (a parameter's name maps to the name, not to the parameter).
 * @complexity O(1)
 */
export function declarationFor(mapped: ts.Node | undefined, kind: AnnotationKind): ts.Node | undefined {
  let current = mapped;
  for (let depth = 0; current !== undefined && depth < 3; depth++, current = current.parent) {
    if (DECLARATION_TESTS[kind](current)) return current;
  }
  return undefined;
}
