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
  if (!isAnyOrInTypeArguments(type, nested, context, new Set())) {
    context.covered++;
    return;
  }
  // getContextualType takes expressions; for an identifier in any other position it answers undefined.
  const contextualType = checker.getContextualType(node as ts.Expression);
  if (contextualType === undefined || isAnyOrInTypeArguments(contextualType, nested, context, new Set())) {
    const plainAny =
      isAnyOrInTypeArguments(type, false, context, new Set()) &&
      (contextualType === undefined || isAnyOrInTypeArguments(contextualType, false, context, new Set()));
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

function isAnyOrInTypeArguments(type: ts.Type, anyCanBeInTypeArguments: boolean, context: Context, seen: Set<ts.Type>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
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
      return typeArguments.some((argument: ts.Type): boolean => isAnyOrInTypeArguments(argument, true, context, seen));
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

function checkNodes(nodes: readonly ts.Node[] | undefined, context: Context): void {
  if (nodes === undefined) return;
  for (const node of nodes) checkNode(node, context);
}

function isCatchVariable(node: ts.Identifier, context: Context): boolean {
  if (!context.catchNames.has(node.text)) return false;
  const symbol = context.checker.getSymbolAtLocation(node);
  return symbol !== undefined && context.catchSymbols.has(symbol);
}

type AnyNode = ts.Node & Record<string, unknown>;

// Mirrors type-coverage's checkNode field by field: which children it visits decides what is counted.
function checkNode(node: ts.Node | undefined, context: Context): void {
  if (node === undefined) return;
  const n = node as AnyNode;
  checkNodes((n as { modifiers?: readonly ts.Node[] }).modifiers, context);
  if (SKIPPED_KINDS.has(node.kind)) return;
  if (node.kind === ts.SyntaxKind.ThisKeyword) {
    collectData(node, context);
    return;
  }
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
    if (PROTOTYPE_NAMES.has(node.escapedText as string)) return;
    if (context.catchNames.size > 0 && ts.isIdentifier(node) && isCatchVariable(node, context)) return;
    collectData(node, context);
    return;
  }
  const visit = (child: unknown): void => checkNode(child as ts.Node | undefined, context);
  const visitAll = (children: unknown): void => checkNodes(children as readonly ts.Node[] | undefined, context);
  if (ts.isQualifiedName(node)) return (visit(node.left), visit(node.right));
  if (ts.isComputedPropertyName(node)) return visit(node.expression);
  if (ts.isTypeParameterDeclaration(node)) return (visit(node.name), visit(node.default), visit(node.expression), visit(node.constraint));
  if (ts.isParameter(node)) {
    return (visit(node.dotDotDotToken), visit(node.name), visit(node.initializer), visit(node.type), visit(node.questionToken));
  }
  if (ts.isDecorator(node)) return visit(node.expression);
  if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) {
    // PropertySignature has no `initializer` in the types, but a parse error can leave one on the node.
    return (visit(node.name), visit(node.questionToken), visit(node.type), visit(n.initializer));
  }
  if (ts.isMethodSignature(node) || ts.isCallSignatureDeclaration(node) || ts.isConstructSignatureDeclaration(node) || ts.isIndexSignatureDeclaration(node)) {
    return (visit(n.name), visitAll(node.parameters), visit(n.questionToken), visit(node.type), visitAll(node.typeParameters));
  }
  if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) {
    return (visit(n.name), visitAll(node.parameters), visit(node.type), visitAll(node.typeParameters));
  }
  if (
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionDeclaration(node)
  ) {
    visit(n.name);
    visitAll(node.parameters);
    visit(node.body);
    visit(n.asteriskToken);
    visit(n.questionToken);
    visit(node.type);
    visitAll(node.typeParameters);
    return;
  }
  if (ts.isTypePredicateNode(node)) return (visit(node.type), visit(node.parameterName));
  if (ts.isTypeReferenceNode(node)) return (visit(node.typeName), visitAll(node.typeArguments));
  if (ts.isTypeQueryNode(node)) return visit(node.exprName);
  if (ts.isTypeLiteralNode(node)) return visitAll(node.members);
  if (ts.isArrayTypeNode(node)) return visit(node.elementType);
  if (ts.isTupleTypeNode(node)) return visitAll(node.elements);
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node) || ts.isHeritageClause(node)) return visitAll(node.types);
  if (ts.isConditionalTypeNode(node)) return (visit(node.checkType), visit(node.extendsType), visit(node.trueType), visit(node.falseType));
  if (ts.isInferTypeNode(node)) return visit(node.typeParameter);
  if (ts.isParenthesizedTypeNode(node) || ts.isTypeOperatorNode(node)) return visit(node.type);
  if (ts.isIndexedAccessTypeNode(node)) return (visit(node.objectType), visit(node.indexType));
  if (ts.isMappedTypeNode(node)) return (visit(node.questionToken), visit(node.readonlyToken), visit(node.type), visit(node.typeParameter));
  if (ts.isLiteralTypeNode(node)) return visit(node.literal);
  if (ts.isImportTypeNode(node)) return (visit(node.qualifier), visit(node.argument), visitAll(node.typeArguments));
  if (ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node) || ts.isArrayLiteralExpression(node) || ts.isNamedImports(node) || ts.isNamedExports(node)) {
    return visitAll(node.elements);
  }
  if (ts.isBindingElement(node)) return (visit(node.name), visit(node.initializer), visit(node.dotDotDotToken), visit(node.propertyName));
  if (ts.isObjectLiteralExpression(node) || ts.isJsxAttributes(node)) return visitAll(node.properties);
  if (ts.isPropertyAccessExpression(node) || ts.isExportAssignment(node) || ts.isJsxSpreadAttribute(node) || ts.isSpreadAssignment(node)) {
    return (visit(node.expression), visit(n.name));
  }
  if (ts.isElementAccessExpression(node)) return (visit(node.expression), visit(node.argumentExpression));
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return (visit(node.expression), visitAll(node.arguments), visitAll(node.typeArguments));
  if (ts.isTypeAssertionExpression(node)) {
    checkTypeAssertion(node, context, UncoveredKind.unsafeTypeAssertion);
    return (visit(node.expression), visit(node.type));
  }
  if (
    ts.isParenthesizedExpression(node) ||
    ts.isDeleteExpression(node) ||
    ts.isTypeOfExpression(node) ||
    ts.isVoidExpression(node) ||
    ts.isAwaitExpression(node) ||
    ts.isYieldExpression(node) ||
    ts.isSpreadElement(node) ||
    ts.isExpressionStatement(node) ||
    ts.isReturnStatement(node) ||
    ts.isThrowStatement(node) ||
    ts.isExternalModuleReference(node)
  ) {
    return visit(node.expression);
  }
  if (ts.isTaggedTemplateExpression(node)) return visit(node.template);
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) return visit(node.operand);
  if (ts.isBinaryExpression(node)) return (visit(node.left), visit(node.right), visit(node.operatorToken));
  if (ts.isConditionalExpression(node)) {
    return (visit(node.condition), visit(node.colonToken), visit(node.questionToken), visit(node.whenTrue), visit(node.whenFalse));
  }
  if (ts.isTemplateExpression(node)) return visitAll(node.templateSpans);
  if (ts.isClassExpression(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
    return (visit(node.name), visitAll(node.typeParameters), visitAll(node.members), visitAll(node.heritageClauses));
  }
  if (ts.isExpressionWithTypeArguments(node)) return (visit(node.expression), visitAll(node.typeArguments));
  if (ts.isAsExpression(node)) {
    checkTypeAssertion(node, context, UncoveredKind.unsafeAs);
    return (visit(node.expression), visit(node.type));
  }
  if (ts.isNonNullExpression(node)) {
    checkTypeAssertion(node, context, UncoveredKind.unsafeNonNull);
    return visit(node.expression);
  }
  if (ts.isMetaProperty(node) || ts.isSemicolonClassElement(node) || ts.isNamespaceExportDeclaration(node) || ts.isNamespaceImport(node) || ts.isMissingDeclaration(node)) {
    return visit(n.name);
  }
  if (ts.isTemplateSpan(node)) return (visit(node.expression), visit(node.literal));
  if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isDefaultClause(node)) return visitAll(node.statements);
  if (ts.isVariableStatement(node)) return visit(node.declarationList);
  if (ts.isIfStatement(node)) return (visit(node.expression), visit(node.thenStatement), visit(node.elseStatement));
  if (ts.isDoStatement(node) || ts.isWhileStatement(node) || ts.isWithStatement(node)) return (visit(node.expression), visit(node.statement));
  if (ts.isForStatement(node)) return (visit(node.initializer), visit(node.condition), visit(node.incrementor), visit(node.statement));
  if (ts.isForInStatement(node)) return (visit(node.initializer), visit(node.expression), visit(node.statement));
  if (ts.isForOfStatement(node)) return (visit(node.initializer), visit(node.statement), visit(node.expression), visit(node.awaitModifier));
  if (ts.isSwitchStatement(node)) return (visit(node.expression), visit(node.caseBlock));
  if (ts.isLabeledStatement(node)) return (visit(node.label), visit(node.statement));
  if (ts.isTryStatement(node)) return (visit(node.tryBlock), visit(node.catchClause), visit(node.finallyBlock));
  if (ts.isVariableDeclaration(node)) return (visit(node.name), visit(node.type), visit(node.initializer));
  if (ts.isVariableDeclarationList(node)) return visitAll(node.declarations);
  if (ts.isTypeAliasDeclaration(node)) return (visit(node.name), visit(node.type), visitAll(node.typeParameters));
  if (ts.isEnumDeclaration(node)) return (visit(node.name), visitAll(node.members));
  if (ts.isModuleDeclaration(node)) return (visit(node.name), visit(node.body));
  if (ts.isCaseBlock(node)) return visitAll(node.clauses);
  if (ts.isImportEqualsDeclaration(node)) return (visit(node.name), visit(node.moduleReference));
  if (ts.isImportDeclaration(node)) return (visit(node.importClause), visit(node.moduleSpecifier));
  if (ts.isImportClause(node)) return (visit(node.name), visit(node.namedBindings));
  if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) return (visit(node.name), visit(node.propertyName));
  if (ts.isExportDeclaration(node)) return (visit(node.exportClause), visit(n.name), visit(node.moduleSpecifier));
  if (ts.isJsxElement(node)) return (visit(node.openingElement), visit(node.closingElement), visitAll(node.children));
  if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) return (visit(node.attributes), visit(node.tagName));
  if (ts.isJsxClosingElement(node)) return visit(node.tagName);
  if (ts.isJsxFragment(node)) return (visit(node.openingFragment), visit(node.closingFragment), visitAll(node.children));
  if (ts.isJsxAttribute(node)) return (visit(node.name), visit(node.initializer));
  if (ts.isJsxExpression(node)) return (visit(node.dotDotDotToken), visit(node.expression));
  if (ts.isCaseClause(node)) return (visitAll(node.statements), visit(node.expression));
  if (ts.isCatchClause(node)) return checkCatchClause(node, context);
  if (ts.isPropertyAssignment(node)) return (visit(node.name), visit(n.questionToken), visit(node.initializer));
  if (ts.isShorthandPropertyAssignment(node)) {
    return (visit(node.name), visit(n.questionToken), visit(node.equalsToken), visit(node.objectAssignmentInitializer));
  }
  if (ts.isRestTypeNode(node)) return visit(node.type);
  if (ts.isNamedTupleMember(node)) return (visit(node.name), visit(node.type));
  if (ts.isTemplateLiteralTypeNode(node)) return (visit(node.head), visitAll(node.templateSpans));
  if (ts.isTemplateLiteralTypeSpan(node)) return (visit(node.literal), visit(node.type));
  if (ts.isNamespaceExport(node)) return visit(node.name);
  if (ts.isSatisfiesExpression(node)) return (visit(node.expression), visit(node.type));
  if (ts.isClassStaticBlockDeclaration(node)) return visit(node.body);
  // Any other kind (JsxNamespacedName, ...) is not counted, as in type-coverage (which only logs a warning).
}

function checkCatchClause(node: ts.CatchClause, context: Context): void {
  const declaration = node.variableDeclaration;
  if (!context.options.ignoreCatch || declaration === undefined || !ts.isIdentifier(declaration.name)) {
    checkNode(node.block, context);
    checkNode(declaration, context);
    return;
  }
  // Our documented difference: only the catch variable (declaration and uses) is skipped, the block is counted.
  const symbol = context.checker.getSymbolAtLocation(declaration.name);
  const name = declaration.name.text;
  const hadName = context.catchNames.has(name);
  if (symbol !== undefined) context.catchSymbols.add(symbol);
  context.catchNames.add(name);
  checkNode(declaration.type, context);
  checkNode(node.block, context);
  if (!hadName) context.catchNames.delete(name);
  if (symbol !== undefined) context.catchSymbols.delete(symbol);
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
