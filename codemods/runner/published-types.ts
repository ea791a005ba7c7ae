import fs from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../../standards/shared/typescript-runtime.js';
import type { LoadedProject } from './tsconfig-projects.js';

// What a publishable package exposes to code the codemods cannot see: a package.json that is not `private`, its
// entry points (`exports`, `types`, `typings`, `main`, `module`) mapped back to the sources of the tsconfig
// projects that build them, and every declaration the types of those entry points reach.

/** A package.json under the root that is not `private`, with its entry points as source files. */
export interface PublishedPackage {
  /** Absolute path of the package.json. */
  readonly manifest: string;
  /** Its `name`, or the folder's name. */
  readonly name: string;
  /** Absolute paths of the source files its entry points resolve to (those a program of the proof includes). */
  readonly entries: readonly string[];
}

const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts'];
const MAX_SYMBOLS = 200_000;

/**
 * The publishable packages among `manifests` (absolute package.json paths; `node_modules` left out), each with
 * the source files its entry points come from: a `.ts` entry itself (zod's `@zod/source` condition), a built
 * file (`dist/index.js`, `dist/index.d.ts`) through the `outDir` / `declarationDir` and `rootDir` of a project
 * that emits it, or the source beside it.
 * @performance one read of each package.json; O(entries × projects) path arithmetic.
 */
export function publishedPackages(manifests: readonly string[], projects: readonly LoadedProject[]): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const manifest of manifests) {
    if (manifest.split(path.sep).includes('node_modules')) continue;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (json.private === true) continue;
    const dir = path.dirname(manifest);
    const targets = new Set<string>();
    collectTargets(json.exports, targets);
    for (const field of ['types', 'typings', 'main', 'module']) if (typeof json[field] === 'string') targets.add(json[field]);
    const entries = new Set<string>();
    for (const target of targets) {
      if (target.includes('*') || target.endsWith('package.json')) continue;
      const source = sourceOf(path.resolve(dir, target), projects);
      if (source !== undefined) entries.add(source);
    }
    found.push({ manifest, name: typeof json.name === 'string' ? json.name : path.basename(dir), entries: [...entries].sort() });
  }
  return found;
}

/** Every string of an `exports` value, whatever the conditions and subpaths. */
function collectTargets(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const item of value) collectTargets(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectTargets(item, out);
}

/** The source file a built or source entry point comes from, if a project lists it. */
function sourceOf(target: string, projects: readonly LoadedProject[]): string | undefined {
  const stem = target.replace(/(?:\.d)?\.(?:[cm]?[jt]sx?)$/, '');
  const listed = (candidate: string): boolean => projects.some((project: LoadedProject): boolean => project.files.has(candidate));
  const withSource = (base: string): string | undefined =>
    SOURCE_EXTENSIONS.map((extension: string): string => base + extension).find((candidate: string): boolean => listed(candidate));
  if (!/\.d\.[cm]?ts$/.test(target) && SOURCE_EXTENSIONS.some((extension: string): boolean => target.endsWith(extension)) && listed(target)) return target;
  for (const project of projects) {
    const options = project.parsed.options;
    const sourceRoot = options.rootDir ?? commonDirectory(project.parsed.fileNames);
    for (const out of [options.outDir, options.declarationDir]) {
      if (out === undefined || sourceRoot === undefined) continue;
      const relative = path.relative(out, stem);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const source = withSource(path.join(sourceRoot, relative));
      if (source !== undefined) return source;
    }
  }
  // No build step: the source sits beside the entry (`index.js` next to `index.ts`).
  return withSource(stem);
}

/** The deepest folder holding every non-declaration file, as TypeScript computes a project's common source directory. */
function commonDirectory(files: readonly string[]): string | undefined {
  const sources = files.filter((file: string): boolean => !/\.d\.[cm]?ts$/.test(file)).map((file: string): string[] => path.dirname(path.resolve(file)).split(path.sep));
  const first = sources[0];
  if (first === undefined) return undefined;
  let length = first.length;
  for (const parts of sources) {
    let same = 0;
    while (same < length && parts[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join(path.sep) || path.sep;
}

/**
 * The declarations (`file\0start`, start without trivia) that the entry points of published packages expose:
 * their exports, and, through the types those mention (declared and inferred), the interfaces, type aliases,
 * classes, their members and the constants they reach, in files `owned` accepts. Instantiations are not
 * expanded: a generic shape is reached through its declaration once.
 * @performance O(declarations reached), bounded to 200,000 symbols; asks the checker for the types of the
 * symbols it reaches only.
 */
export function publishedDeclarations(entries: readonly { readonly file: string; readonly program: ts.Program }[], owned: (file: string) => boolean): ReadonlySet<string> {
  const marks = new Set<string>();
  for (const { file, program } of entries) {
    const source = program.getSourceFile(file);
    if (source === undefined) continue;
    new Reach(program.getTypeChecker(), marks, owned).fromModule(source);
  }
  return marks;
}

/**
 * Key of a declaration in `publishedDeclarations`' set.
 * @complexity O(length of the path).
 */
export function declarationKey(file: string, start: number): string {
  return `${path.resolve(file)}\u0000${start}`;
}

class Reach {
  private readonly symbols = new Set<ts.Symbol>();
  private readonly types = new Set<ts.Type>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly marks: Set<string>,
    private readonly owned: (file: string) => boolean,
  ) {}

  fromModule(source: ts.SourceFile): void {
    const module = this.checker.getSymbolAtLocation(source);
    if (module === undefined) return;
    for (const exported of this.checker.getExportsOfModule(module)) this.symbol(exported);
  }

  private symbol(input: ts.Symbol): void {
    const { checker } = this;
    const symbol = input.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(input) : input;
    if (this.symbols.has(symbol) || this.symbols.size >= MAX_SYMBOLS) return;
    this.symbols.add(symbol);
    const declarations = symbol.declarations ?? [];
    let ours = false;
    for (const declaration of declarations) {
      const file = declaration.getSourceFile();
      if (!this.owned(path.resolve(file.fileName))) continue;
      ours = true;
      this.marks.add(declarationKey(file.fileName, declaration.getStart(file)));
      // An exported `const x = {…}` is a VariableDeclaration; its statement is what a reader sees as declared.
    }
    if (!ours) return;
    const flags = symbol.flags;
    if (flags & (typescript.SymbolFlags.Interface | typescript.SymbolFlags.Class | typescript.SymbolFlags.TypeAlias | typescript.SymbolFlags.Enum)) {
      this.type(checker.getDeclaredTypeOfSymbol(symbol));
    }
    if (flags & (typescript.SymbolFlags.Value | typescript.SymbolFlags.Accessor)) this.type(checker.getTypeOfSymbol(symbol));
    if (flags & (typescript.SymbolFlags.Module | typescript.SymbolFlags.Namespace)) for (const exported of checker.getExportsOfModule(symbol)) this.symbol(exported);
    for (const declaration of declarations) if (typescript.isTypeAliasDeclaration(declaration) || typescript.isInterfaceDeclaration(declaration)) this.syntax(declaration);
  }

  /** Names a declaration's syntax mentions: heritage clauses, constraints, mapped types the checker resolves away. */
  private syntax(root: ts.Node): void {
    const visit = (node: ts.Node): void => {
      if (typescript.isTypeReferenceNode(node) || typescript.isExpressionWithTypeArguments(node)) {
        const name = typescript.isTypeReferenceNode(node) ? node.typeName : node.expression;
        const symbol = this.checker.getSymbolAtLocation(typescript.isQualifiedName(name) ? name.right : typescript.isPropertyAccessExpression(name) ? name.name : name);
        if (symbol !== undefined) this.symbol(symbol);
      }
      typescript.forEachChild(node, visit);
    };
    visit(root);
  }

  private type(type: ts.Type): void {
    const { checker } = this;
    if (this.types.has(type) || this.symbols.size >= MAX_SYMBOLS) return;
    this.types.add(type);
    if (type.aliasSymbol !== undefined) this.symbol(type.aliasSymbol);
    for (const argument of type.aliasTypeArguments ?? []) this.type(argument);
    if (type.isUnionOrIntersection()) {
      for (const member of type.types) this.type(member);
      return;
    }
    if (!(type.flags & typescript.TypeFlags.Object)) return;
    const object = type as ts.ObjectType;
    if (object.objectFlags & typescript.ObjectFlags.Reference) {
      const reference = object as ts.TypeReference;
      for (const argument of checker.getTypeArguments(reference)) this.type(argument);
      // A named generic is reached once, through its declaration.
      if (reference.target !== reference) {
        if (reference.target.symbol !== undefined) this.symbol(reference.target.symbol);
        return;
      }
    }
    if (object.objectFlags & typescript.ObjectFlags.ClassOrInterface) {
      for (const base of checker.getBaseTypes(object as ts.InterfaceType)) this.type(base);
    }
    if (type.symbol !== undefined && type.symbol.flags & (typescript.SymbolFlags.Interface | typescript.SymbolFlags.Class) && !this.symbols.has(type.symbol)) {
      this.symbol(type.symbol);
    }
    for (const property of checker.getPropertiesOfType(type)) this.symbol(property);
    for (const kind of [typescript.SignatureKind.Call, typescript.SignatureKind.Construct]) {
      for (const signature of checker.getSignaturesOfType(type, kind)) {
        for (const parameter of signature.getParameters()) this.symbol(parameter);
        this.type(signature.getReturnType());
        for (const parameter of signature.getTypeParameters() ?? []) {
          const constraint = parameter.getConstraint();
          if (constraint !== undefined) this.type(constraint);
        }
      }
    }
    for (const info of checker.getIndexInfosOfType(type)) this.type(info.type);
  }
}
