import ts from 'typescript';
import type { CountOptions } from './options.js';
import { collectIgnoreLines } from './ignore-directives.js';

/** Why an occurrence is uncovered; the numbers are type-coverage's `FileAnyInfoKind`, so `--json` output matches. */
export const UncoveredKind = Object.freeze({
  any: 1,
  containsAny: 2,
  unsafeAs: 3,
  unsafeTypeAssertion: 4,
  unsafeNonNull: 5,
  semanticError: 6,
  unusedIgnore: 7,
} as const);
export type UncoveredKind = (typeof UncoveredKind)[keyof typeof UncoveredKind];

/** One uncovered occurrence; `line` and `character` are 0-based, as type-coverage reports them. */
export interface Uncovered {
  readonly line: number;
  readonly character: number;
  readonly text: string;
  readonly kind: UncoveredKind;
  /** With `explain`: the type the checker gives the occurrence (`any`, `Promise<any>`, `Object`). */
  readonly type?: string;
  /** With `explain`: what a use of the same symbol in this file expects (its contextual type), when not `any`. */
  readonly betterType?: string;
}

/**
 * One file's count. `total` includes the semantic errors and unused directives counted as uncovered (type-coverage
 * adds those to its grand total but leaves them out of its per-file `fileCounts`).
 */
export interface FileCoverage {
  readonly covered: number;
  readonly total: number;
  readonly uncovered: readonly Uncovered[];
}

export interface CountFileOptions extends CountOptions {
  /** Fill `type` and `betterType` of each uncovered occurrence (the rule's messages); costs a little per `any`. */
  readonly explain?: boolean;
}

interface MutableUncovered {
  line: number;
  character: number;
  text: string;
  kind: UncoveredKind;
  type?: string;
  betterType?: string;
  symbol?: ts.Symbol;
}

interface Context {
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  readonly options: CountFileOptions;
  readonly nestedAnyIsAny: boolean;
  readonly ignoreLines: ReadonlySet<number> | undefined;
  readonly usedIgnoreLines: Set<number>;
  readonly uncovered: MutableUncovered[];
  /** Catch variables in scope (ignoreCatch): their symbols. */
  readonly catchSymbols: Set<ts.Symbol>;
  readonly catchNames: Set<string>;
  /** explain: symbol → a non-any contextual type seen at one of its occurrences. */
  readonly knownTypes: Map<ts.Symbol, string>;
  covered: number;
  total: number;
}

// type-coverage keeps catch variables in a plain object and tests `catchVariables[name]`, so identifiers that
// name an Object.prototype member are never counted; names starting with `__` are escaped (`___proto__`) and miss.
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((name: string): boolean => !name.startsWith('__')),
);

/**
 * Counts one file exactly as type-coverage 2.30 does (its `checkNode` walk, `collectData`, the strict-mode
 * assertions, the ignore directives, and the unused-directive and semantic-error extras it adds to the total).
 * One documented difference: `ignoreCatch` skips only the catch variable and its uses, not the whole catch block.
 * Mirrored quirk: identifiers named after an `Object.prototype` member (`toString`, `constructor`) are not counted.
 * @complexity O(nodes in the file); one `getTypeAtLocation` per identifier and `this`, which is where the time
 * goes (the checker is lazy and caches per node), plus `getContextualType` for the few typed `any`.
 */
export function countFile(sourceFile: ts.SourceFile, program: ts.Program, options: CountFileOptions): FileCoverage {
  const context: Context = {
    sourceFile,
    checker: program.getTypeChecker(),
    options,
    nestedAnyIsAny: options.strict && !options.ignoreNested,
    ignoreLines: collectIgnoreLines(sourceFile),
    usedIgnoreLines: new Set(),
    uncovered: [],
    catchSymbols: new Set(),
    catchNames: new Set(),
    knownTypes: new Map(),
    covered: 0,
    total: 0,
  };
  let extraTotal = 0;
  const extras: Uncovered[] = [];
  if (options.reportSemanticError) {
    for (const diagnostic of program.getSemanticDiagnostics(sourceFile)) {
      if (diagnostic.start === undefined) continue;
      extraTotal++;
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
      const text = typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText;
      extras.push({ line, character, text, kind: UncoveredKind.semanticError });
    }
  }
  sourceFile.forEachChild((node: ts.Node): void => {
    checkNode(node, context);
  });
  const reportUnused = options.reportUnusedIgnore ?? options.strict;
  const unused: Uncovered[] = [];
  if (reportUnused && context.ignoreLines !== undefined) {
    for (const line of context.ignoreLines) {
      if (context.usedIgnoreLines.has(line)) continue;
      extraTotal++;
      unused.push({
        line,
        character: 0,
        text: 'Unused ignore line directive(no problems reported on that line)',
        kind: UncoveredKind.unusedIgnore,
      });
    }
  }
  if (options.explain === true) explainUncovered(context);
  const uncovered = context.uncovered.map(({ symbol: _symbol, ...rest }: MutableUncovered): Uncovered => rest);
  return {
    covered: context.covered,
    total: context.total + extraTotal,
    // type-coverage's order: semantic errors, unused directives, then the walk.
    uncovered: [...extras, ...unused, ...uncovered],
  };
}

function explainUncovered(context: Context): void {
  for (const entry of context.uncovered) {
    if (entry.betterType !== undefined || entry.symbol === undefined) continue;
    const better = context.knownTypes.get(entry.symbol);
    if (better !== undefined) entry.betterType = better;
  }
}

// The type an uncovered occurrence is shown with, and a better one: what the context of `a.b` (the whole access,
// not the name) expects, e.g. the declared return type in `return this.value`. Only runs for uncovered entries.
function explainEntry(entry: MutableUncovered, node: ts.Node, type: ts.Type, context: Context): void {
  const { checker } = context;
  entry.type = checker.typeToString(type);
  const symbol = checker.getSymbolAtLocation(node);
  if (symbol !== undefined) entry.symbol = symbol;
  const { parent } = node;
  if (!ts.isPropertyAccessExpression(parent) || parent.name !== node) return;
  const expected = checker.getContextualType(parent);
  if (expected === undefined || (expected.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return;
  entry.betterType = checker.typeToString(expected);
  if (symbol !== undefined && !context.knownTypes.has(symbol)) context.knownTypes.set(symbol, entry.betterType);
}

function positionOf(node: ts.Node, sourceFile: ts.SourceFile): ts.LineAndCharacter {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
}

/** type-coverage's `collectAny`: false when an ignore directive or `ignoreUnread` lets the occurrence pass. */
function collectAny(node: ts.Node, context: Context, kind: UncoveredKind, type?: ts.Type): boolean {
  const { line, character } = positionOf(node, context.sourceFile);
  if (context.ignoreLines?.has(line) === true) {
    context.usedIgnoreLines.add(line);
    return false;
  }
  if (context.options.ignoreUnread && isEvolvingAssignment(node)) return false;
  const entry: MutableUncovered = { line, character, text: node.getText(context.sourceFile), kind };
  if (context.options.explain === true && type !== undefined) explainEntry(entry, node, type, context);
  context.uncovered.push(entry);
  return true;
}

function collectData(node: ts.Node, context: Context): void {
  const { checker } = context;
  const type = checker.getTypeAtLocation(node);
  context.total++;
  const nested = context.nestedAnyIsAny;
  // Uncovered only when every collected type is any: a type that is not settles it, so the contextual type (the
  // second query type-coverage makes for every identifier) is only asked for the few that are.
  if (!isAnyOrInTypeArguments(type, nested, context)) {
    context.covered++;
    return;
  }
  // getContextualType takes expressions; for an identifier in any other position it answers undefined.
  const contextualType = checker.getContextualType(node as ts.Expression);
  if (contextualType === undefined || isAnyOrInTypeArguments(contextualType, nested, context)) {
    const plainAny =
      isAnyOrInTypeArguments(type, false, context) &&
      (contextualType === undefined || isAnyOrInTypeArguments(contextualType, false, context));
    if (!collectAny(node, context, plainAny ? UncoveredKind.any : UncoveredKind.containsAny, type)) context.covered++;
    return;
  }
  context.covered++;
  if (context.options.explain === true && type.flags === ts.TypeFlags.Any && (contextualType.flags & ts.TypeFlags.Unknown) === 0) {
    // An `any` saved by its context: the context's type is what the symbol should have been declared as.
    const symbol = checker.getSymbolAtLocation(node);
    if (symbol !== undefined && !context.knownTypes.has(symbol)) context.knownTypes.set(symbol, checker.typeToString(contextualType));
  }
}

/** type-coverage's `typeIsAnyOrInTypeArguments`; `seen` (its cycle guard) is only allocated once it recurses. */
function isAnyOrInTypeArguments(type: ts.Type, anyCanBeInTypeArguments: boolean, context: Context, seen?: Set<ts.Type>): boolean {
  if (seen !== undefined) {
    if (seen.has(type)) return false;
    seen.add(type);
  }
  if (type.flags === ts.TypeFlags.Any) return (type as { intrinsicName?: string }).intrinsicName === 'any';
  const { options } = context;
  if (type.flags === ts.TypeFlags.Object && type.symbol !== undefined) {
    if (options.strict && !options.ignoreObject && type.symbol.escapedName === 'Object') return true;
    if (
      options.strict &&
      !options.ignoreEmptyType &&
      (type as ts.ObjectType).objectFlags === ts.ObjectFlags.Anonymous &&
      type.getProperties().length === 0 &&
      type.getCallSignatures().length === 0 &&
      type.getConstructSignatures().length === 0 &&
      type.symbol.flags === (ts.SymbolFlags.Transient | ts.SymbolFlags.TypeLiteral) &&
      !(type.symbol.members?.size ?? 0)
    ) {
      return true;
    }
  }
  if (anyCanBeInTypeArguments && type.flags === ts.TypeFlags.Object) {
    const typeArguments = (type as ts.TypeReference).typeArguments;
    if (typeArguments !== undefined) {
      const visited = seen ?? new Set<ts.Type>([type]);
      return typeArguments.some((argument: ts.Type): boolean => isAnyOrInTypeArguments(argument, true, context, visited));
    }
  }
  return false;
}

// `let foo`, `let foo = null` (not `let foo: any`) and `foo = 123`: see type-coverage issue #28.
function isEvolvingAssignment(node: ts.Node): boolean {
  const { parent } = node;
  if (ts.isVariableDeclaration(parent)) return parent.type === undefined;
  if (ts.isBinaryExpression(parent)) return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return false;
}

function checkTypeAssertion(
  node: ts.AsExpression | ts.TypeAssertion | ts.NonNullExpression,
  context: Context,
  kind: UncoveredKind,
): void {
  const { options, checker } = context;
  if (!options.strict) return;
  if (kind === UncoveredKind.unsafeNonNull && options.ignoreNonNullAssertion) return;
  if (kind === UncoveredKind.unsafeAs && options.ignoreAsAssertion) return;
  if (kind === UncoveredKind.unsafeTypeAssertion && options.ignoreTypeAssertion) return;
  if (!ts.isNonNullExpression(node) && node.type.kind !== ts.SyntaxKind.AnyKeyword) {
    if (ts.isTypeReferenceNode(node.type) && node.type.getText(context.sourceFile) === 'const') return;
    if (node.type.kind === ts.SyntaxKind.UnknownKeyword) return;
    if (checker.isTypeAssignableTo(checker.getTypeAtLocation(node.expression), checker.getTypeFromTypeNode(node.type))) return;
  }
  if (collectAny(node, context, kind)) context.total++;
}

function isCatchVariable(node: ts.Identifier, context: Context): boolean {
  if (!context.catchNames.has(node.text)) return false;
  const symbol = context.checker.getSymbolAtLocation(node);
  return symbol !== undefined && context.catchSymbols.has(symbol);
}

/**
 * The children type-coverage's `checkNode` visits, per kind, in its order (the order decides which uncovered
 * occurrence is listed first and which checker query runs first); which children it visits decides what is counted.
 * Kinds not listed here and not special-cased in `checkNode` are not counted, as there (it only logs them). Fields are
 * read by name, as type-coverage reads them: a few (`initializer` of a property signature, `questionToken` of a
 * property assignment) are not in the public node types, but a parse error can leave them on the node.
 */
const CHILDREN: ReadonlyMap<ts.SyntaxKind, readonly string[]> = childTable([
  [['QualifiedName'], ['left', 'right']],
  [['ComputedPropertyName', 'Decorator'], ['expression']],
  [['TypeParameter'], ['name', 'default', 'expression', 'constraint']],
  [['Parameter'], ['dotDotDotToken', 'name', 'initializer', 'type', 'questionToken']],
  [['PropertySignature', 'PropertyDeclaration'], ['name', 'questionToken', 'type', 'initializer']],
  [['MethodSignature', 'CallSignature', 'ConstructSignature', 'IndexSignature'], ['name', 'parameters', 'questionToken', 'type', 'typeParameters']],
  [['FunctionType', 'ConstructorType'], ['name', 'parameters', 'type', 'typeParameters']],
  [
    ['MethodDeclaration', 'Constructor', 'GetAccessor', 'SetAccessor', 'FunctionExpression', 'ArrowFunction', 'FunctionDeclaration'],
    ['name', 'parameters', 'body', 'asteriskToken', 'questionToken', 'type', 'typeParameters'],
  ],
  [['TypePredicate'], ['type', 'parameterName']],
  [['TypeReference'], ['typeName', 'typeArguments']],
  [['TypeQuery'], ['exprName']],
  [['TypeLiteral'], ['members']],
  [['ArrayType'], ['elementType']],
  [['TupleType'], ['elements', 'elementTypes']],
  [['UnionType', 'IntersectionType', 'HeritageClause'], ['types']],
  [['ConditionalType'], ['checkType', 'extendsType', 'trueType', 'falseType']],
  [['InferType'], ['typeParameter']],
  [['ParenthesizedType', 'TypeOperator', 'RestType'], ['type']],
  [['IndexedAccessType'], ['objectType', 'indexType']],
  [['MappedType'], ['questionToken', 'readonlyToken', 'type', 'typeParameter']],
  [['LiteralType'], ['literal']],
  [['ImportType'], ['qualifier', 'argument', 'typeArguments']],
  [['ObjectBindingPattern', 'ArrayBindingPattern', 'ArrayLiteralExpression', 'NamedImports', 'NamedExports'], ['elements']],
  [['BindingElement'], ['name', 'initializer', 'dotDotDotToken', 'propertyName']],
  [['ObjectLiteralExpression', 'JsxAttributes'], ['properties']],
  [['PropertyAccessExpression', 'ExportAssignment', 'JsxSpreadAttribute', 'SpreadAssignment'], ['expression', 'name']],
  [['ElementAccessExpression'], ['expression', 'argumentExpression']],
  [['CallExpression', 'NewExpression'], ['expression', 'arguments', 'typeArguments']],
  [['TypeAssertionExpression', 'AsExpression', 'SatisfiesExpression'], ['expression', 'type']],
  [
    [
      'ParenthesizedExpression',
      'DeleteExpression',
      'TypeOfExpression',
      'VoidExpression',
      'AwaitExpression',
      'YieldExpression',
      'SpreadElement',
      'ExpressionStatement',
      'ReturnStatement',
      'ThrowStatement',
      'ExternalModuleReference',
      'NonNullExpression',
    ],
    ['expression'],
  ],
  [['TaggedTemplateExpression'], ['template']],
  [['PrefixUnaryExpression', 'PostfixUnaryExpression'], ['operand']],
  [['BinaryExpression'], ['left', 'right', 'operatorToken']],
  [['ConditionalExpression'], ['condition', 'colonToken', 'questionToken', 'whenTrue', 'whenFalse']],
  [['TemplateExpression'], ['templateSpans']],
  [['ClassExpression', 'ClassDeclaration', 'InterfaceDeclaration'], ['name', 'typeParameters', 'members', 'heritageClauses']],
  [['ExpressionWithTypeArguments'], ['expression', 'typeArguments']],
  [['MetaProperty', 'SemicolonClassElement', 'NamespaceExportDeclaration', 'NamespaceImport', 'MissingDeclaration', 'NamespaceExport'], ['name']],
  [['TemplateSpan'], ['expression', 'literal']],
  [['Block', 'ModuleBlock', 'DefaultClause'], ['statements']],
  [['VariableStatement'], ['declarationList']],
  [['IfStatement'], ['expression', 'thenStatement', 'elseStatement']],
  [['DoStatement', 'WhileStatement', 'WithStatement'], ['expression', 'statement']],
  [['ForStatement'], ['initializer', 'condition', 'incrementor', 'statement']],
  [['ForInStatement'], ['initializer', 'expression', 'statement']],
  [['ForOfStatement'], ['initializer', 'statement', 'expression', 'awaitModifier']],
  [['SwitchStatement'], ['expression', 'caseBlock']],
  [['LabeledStatement'], ['label', 'statement']],
  [['TryStatement'], ['tryBlock', 'catchClause', 'finallyBlock']],
  [['VariableDeclaration'], ['name', 'type', 'initializer']],
  [['VariableDeclarationList'], ['declarations']],
  [['TypeAliasDeclaration'], ['name', 'type', 'typeParameters']],
  [['EnumDeclaration'], ['name', 'members']],
  [['ModuleDeclaration'], ['name', 'body']],
  [['CaseBlock'], ['clauses']],
  [['ImportEqualsDeclaration'], ['name', 'moduleReference']],
  [['ImportDeclaration'], ['importClause', 'moduleSpecifier']],
  [['ImportClause'], ['name', 'namedBindings']],
  [['ImportSpecifier', 'ExportSpecifier'], ['name', 'propertyName']],
  [['ExportDeclaration'], ['exportClause', 'name', 'moduleSpecifier']],
  [['JsxElement'], ['openingElement', 'closingElement', 'children']],
  [['JsxSelfClosingElement', 'JsxOpeningElement'], ['attributes', 'tagName']],
  [['JsxClosingElement'], ['tagName']],
  [['JsxFragment'], ['openingFragment', 'closingFragment', 'children']],
  [['JsxAttribute'], ['name', 'initializer']],
  [['JsxExpression'], ['dotDotDotToken', 'expression']],
  [['CaseClause'], ['statements', 'expression']],
  [['PropertyAssignment'], ['name', 'questionToken', 'initializer']],
  [['ShorthandPropertyAssignment'], ['name', 'questionToken', 'equalsToken', 'objectAssignmentInitializer']],
  [['NamedTupleMember'], ['name', 'type']],
  [['TemplateLiteralType'], ['head', 'templateSpans']],
  [['TemplateLiteralTypeSpan'], ['literal', 'type']],
  [['ClassStaticBlockDeclaration'], ['body']],
]);

function childTable(rows: readonly (readonly [readonly (keyof typeof ts.SyntaxKind)[], readonly string[]])[]): Map<ts.SyntaxKind, readonly string[]> {
  const table = new Map<ts.SyntaxKind, readonly string[]>();
  for (const [kinds, fields] of rows) for (const kind of kinds) table.set(ts.SyntaxKind[kind], Object.freeze([...fields]));
  return table;
}

const ASSERTION_KINDS: ReadonlyMap<ts.SyntaxKind, UncoveredKind> = new Map<ts.SyntaxKind, UncoveredKind>([
  [ts.SyntaxKind.TypeAssertionExpression, UncoveredKind.unsafeTypeAssertion],
  [ts.SyntaxKind.AsExpression, UncoveredKind.unsafeAs],
  [ts.SyntaxKind.NonNullExpression, UncoveredKind.unsafeNonNull],
]);

function checkNode(node: ts.Node, context: Context): void {
  const fields = node as unknown as Readonly<Record<string, ts.Node | readonly ts.Node[] | undefined>>;
  const modifiers = fields['modifiers'] as readonly ts.Node[] | undefined;
  if (modifiers !== undefined) for (const modifier of modifiers) checkNode(modifier, context);
  const { kind } = node;
  if (SKIPPED_KINDS.has(kind)) return;
  if (kind === ts.SyntaxKind.ThisKeyword) return collectData(node, context);
  if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) {
    if (PROTOTYPE_NAMES.has((node as ts.Identifier | ts.PrivateIdentifier).escapedText as string)) return;
    if (context.catchNames.size > 0 && kind === ts.SyntaxKind.Identifier && isCatchVariable(node as ts.Identifier, context)) return;
    return collectData(node, context);
  }
  if (kind === ts.SyntaxKind.CatchClause) return checkCatchClause(node as ts.CatchClause, context);
  const children = CHILDREN.get(kind);
  if (children === undefined) return;
  const assertion = ASSERTION_KINDS.get(kind);
  if (assertion !== undefined) checkTypeAssertion(node as ts.AsExpression | ts.TypeAssertion | ts.NonNullExpression, context, assertion);
  for (const field of children) {
    const child = fields[field];
    if (child === undefined) continue;
    if (isNodeList(child)) for (const item of child) checkNode(item, context);
    else checkNode(child, context);
  }
}

function isNodeList(value: ts.Node | readonly ts.Node[]): value is readonly ts.Node[] {
  return Array.isArray(value);
}

function checkCatchClause(node: ts.CatchClause, context: Context): void {
  const declaration = node.variableDeclaration;
  if (!context.options.ignoreCatch || declaration === undefined) {
    checkNode(node.block, context);
    if (declaration !== undefined) checkNode(declaration, context);
    return;
  }
  // Our documented difference: only the catch variable (or the names it destructures) and its uses are skipped;
  // the block is counted. type-coverage skips the whole block.
  const added: { readonly name: string; readonly symbol: ts.Symbol | undefined; readonly hadName: boolean }[] = [];
  for (const name of bindingNames(declaration.name)) {
    const symbol = context.checker.getSymbolAtLocation(name);
    added.push({ name: name.text, symbol, hadName: context.catchNames.has(name.text) });
    if (symbol !== undefined) context.catchSymbols.add(symbol);
    context.catchNames.add(name.text);
  }
  if (declaration.type !== undefined) checkNode(declaration.type, context);
  checkNode(node.block, context);
  for (const { name, symbol, hadName } of added) {
    if (!hadName) context.catchNames.delete(name);
    if (symbol !== undefined) context.catchSymbols.delete(symbol);
  }
}

function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const names: ts.Identifier[] = [];
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) names.push(...bindingNames(element.name));
  return names;
}

const SKIPPED_KINDS: ReadonlySet<ts.SyntaxKind> = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Unknown,
  ts.SyntaxKind.EndOfFileToken,
  ts.SyntaxKind.SingleLineCommentTrivia,
  ts.SyntaxKind.MultiLineCommentTrivia,
  ts.SyntaxKind.NewLineTrivia,
  ts.SyntaxKind.WhitespaceTrivia,
  ts.SyntaxKind.ShebangTrivia,
  ts.SyntaxKind.ConflictMarkerTrivia,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.JsxText,
  ts.SyntaxKind.JsxTextAllWhiteSpaces,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  // Every punctuation token and keyword: type-coverage lists them one by one; the ranges are the same set.
  ...kindRange(ts.SyntaxKind.FirstPunctuation, ts.SyntaxKind.LastPunctuation),
  ...kindRange(ts.SyntaxKind.FirstAssignment, ts.SyntaxKind.LastAssignment),
  ...kindRange(ts.SyntaxKind.BreakKeyword, ts.SyntaxKind.OfKeyword).filter((kind: ts.SyntaxKind): boolean => kind !== ts.SyntaxKind.ThisKeyword),
  ts.SyntaxKind.OptionalType,
  ts.SyntaxKind.ThisType,
  ts.SyntaxKind.OmittedExpression,
  ts.SyntaxKind.EmptyStatement,
  ts.SyntaxKind.ContinueStatement,
  ts.SyntaxKind.BreakStatement,
  ts.SyntaxKind.DebuggerStatement,
  ts.SyntaxKind.JsxOpeningFragment,
  ts.SyntaxKind.JsxClosingFragment,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Bundle,
  ts.SyntaxKind.SyntaxList,
  ts.SyntaxKind.NotEmittedStatement,
  ts.SyntaxKind.PartiallyEmittedExpression,
  ts.SyntaxKind.CommaListExpression,
]);

function kindRange(first: ts.SyntaxKind, last: ts.SyntaxKind): ts.SyntaxKind[] {
  const kinds: ts.SyntaxKind[] = [];
  for (let kind = first; kind <= last; kind++) kinds.push(kind);
  return kinds;
}
