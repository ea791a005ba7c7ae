import type ts from 'typescript';
import type { CountOptions } from './options.js';
import { collectIgnoreLines } from './ignore-directives.js';
import { typescript } from '../shared/typescript-runtime.js';

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

/**
 * A count whose explanations (`type`, `betterType`) are only computed on demand: a file at or above the threshold
 * never pays for `typeToString`, `getSymbolAtLocation` and the contextual types of its `any`s.
 */
export interface ExplainableCoverage extends FileCoverage {
  /** `uncovered` with `type` and `betterType` filled, the same entries `countFile` returns with `explain`. */
  explain(): readonly Uncovered[];
}

interface MutableUncovered {
  readonly line: number;
  readonly character: number;
  readonly text: string;
  readonly kind: UncoveredKind;
  type?: string;
  betterType?: string;
  symbol?: ts.Symbol;
}

/**
 * What the walk saw that an explanation needs, in walk order (the first type known for a symbol wins, as when the
 * explanations were computed during the walk): an uncovered occurrence and its type, or an `any` saved by its
 * contextual type (`entry` undefined).
 */
interface ExplanationInput {
  readonly entry: MutableUncovered | undefined;
  readonly node: ts.Node;
  readonly type: ts.Type;
}

interface Context {
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  readonly options: CountOptions;
  readonly nestedAnyIsAny: boolean;
  readonly ignoreLines: ReadonlySet<number> | undefined;
  readonly usedIgnoreLines: Set<number>;
  readonly uncovered: MutableUncovered[];
  /** Catch variables in scope (ignoreCatch): their symbols. */
  readonly catchSymbols: Set<ts.Symbol>;
  readonly catchNames: Set<string>;
  /** Recorded when explanations may be asked for; undefined otherwise. */
  readonly explanationInputs: ExplanationInput[] | undefined;
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
  const coverage = walkFile(sourceFile, program, options, options.explain === true);
  if (options.explain !== true) return coverage;
  return { covered: coverage.covered, total: coverage.total, uncovered: coverage.explain() };
}

/**
 * `countFile` without `explain`, plus `explain()` to fill `type` and `betterType` later, only if the caller reports
 * the occurrences (the rule: only for a file under its threshold). Same counts and entries as `countFile`.
 * @complexity as `countFile` without `explain`, plus one array push per uncovered occurrence and per `any` saved by
 * its contextual type; `explain()` then costs O(those) checker calls (`typeToString`, `getSymbolAtLocation`, and
 * `getContextualType` for property accesses), computed once.
 */
export function countFileExplainable(sourceFile: ts.SourceFile, program: ts.Program, options: CountOptions): ExplainableCoverage {
  return walkFile(sourceFile, program, options, true);
}

function walkFile(sourceFile: ts.SourceFile, program: ts.Program, options: CountOptions, recordExplanations: boolean): ExplainableCoverage {
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
    explanationInputs: recordExplanations ? [] : undefined,
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
  // type-coverage's order: semantic errors, unused directives, then the walk.
  const uncovered: readonly Uncovered[] = [...extras, ...unused, ...context.uncovered.map(withoutSymbol)];
  let explained: readonly Uncovered[] | undefined;
  return {
    covered: context.covered,
    total: context.total + extraTotal,
    uncovered,
    explain(): readonly Uncovered[] {
      if (explained !== undefined) return explained;
      if (context.explanationInputs === undefined) throw new Error('countFile: explanations were not recorded');
      explainUncovered(context, context.explanationInputs);
      explained = [...extras, ...unused, ...context.uncovered.map(withoutSymbol)];
      return explained;
    },
  };
}

function withoutSymbol({ symbol: _symbol, ...rest }: MutableUncovered): Uncovered {
  return rest;
}

function explainUncovered(context: Context, inputs: readonly ExplanationInput[]): void {
  const { checker } = context;
  // symbol → a non-any contextual type seen at one of its occurrences.
  const knownTypes = new Map<ts.Symbol, string>();
  for (const { entry, node, type } of inputs) {
    if (entry !== undefined) {
      explainEntry(entry, node, type, checker, knownTypes);
      continue;
    }
    // An `any` saved by its context: the context's type is what the symbol should have been declared as.
    const symbol = checker.getSymbolAtLocation(node);
    if (symbol !== undefined && !knownTypes.has(symbol)) knownTypes.set(symbol, checker.typeToString(type));
  }
  for (const entry of context.uncovered) {
    if (entry.betterType !== undefined || entry.symbol === undefined) continue;
    const better = knownTypes.get(entry.symbol);
    if (better !== undefined) entry.betterType = better;
  }
}

// The type an uncovered occurrence is shown with, and a better one: what the context of `a.b` (the whole access,
// not the name) expects, e.g. the declared return type in `return this.value`. Only runs for uncovered entries.
function explainEntry(entry: MutableUncovered, node: ts.Node, type: ts.Type, checker: ts.TypeChecker, knownTypes: Map<ts.Symbol, string>): void {
  entry.type = checker.typeToString(type);
  const symbol = checker.getSymbolAtLocation(node);
  if (symbol !== undefined) entry.symbol = symbol;
  const { parent } = node;
  if (!typescript.isPropertyAccessExpression(parent) || parent.name !== node) return;
  const expected = checker.getContextualType(parent);
  if (expected === undefined || (expected.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown)) !== 0) return;
  entry.betterType = checker.typeToString(expected);
  if (symbol !== undefined && !knownTypes.has(symbol)) knownTypes.set(symbol, entry.betterType);
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
  if (context.explanationInputs !== undefined && type !== undefined) context.explanationInputs.push({ entry, node, type });
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
  if (context.explanationInputs !== undefined && type.flags === typescript.TypeFlags.Any && (contextualType.flags & typescript.TypeFlags.Unknown) === 0) {
    context.explanationInputs.push({ entry: undefined, node, type: contextualType });
  }
}

/** type-coverage's `typeIsAnyOrInTypeArguments`; `seen` (its cycle guard) is only allocated once it recurses. */
function isAnyOrInTypeArguments(type: ts.Type, anyCanBeInTypeArguments: boolean, context: Context, seen?: Set<ts.Type>): boolean {
  if (seen !== undefined) {
    if (seen.has(type)) return false;
    seen.add(type);
  }
  if (type.flags === typescript.TypeFlags.Any) return (type as { intrinsicName?: string }).intrinsicName === 'any';
  const { options } = context;
  if (type.flags === typescript.TypeFlags.Object && type.symbol !== undefined) {
    if (options.strict && !options.ignoreObject && type.symbol.escapedName === 'Object') return true;
    if (
      options.strict &&
      !options.ignoreEmptyType &&
      (type as ts.ObjectType).objectFlags === typescript.ObjectFlags.Anonymous &&
      type.getProperties().length === 0 &&
      type.getCallSignatures().length === 0 &&
      type.getConstructSignatures().length === 0 &&
      type.symbol.flags === (typescript.SymbolFlags.Transient | typescript.SymbolFlags.TypeLiteral) &&
      !(type.symbol.members?.size ?? 0)
    ) {
      return true;
    }
  }
  if (anyCanBeInTypeArguments && type.flags === typescript.TypeFlags.Object) {
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
  if (typescript.isVariableDeclaration(parent)) return parent.type === undefined;
  if (typescript.isBinaryExpression(parent)) return parent.operatorToken.kind === typescript.SyntaxKind.EqualsToken;
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
  if (!typescript.isNonNullExpression(node) && node.type.kind !== typescript.SyntaxKind.AnyKeyword) {
    if (typescript.isTypeReferenceNode(node.type) && node.type.getText(context.sourceFile) === 'const') return;
    if (node.type.kind === typescript.SyntaxKind.UnknownKeyword) return;
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
  for (const [kinds, fields] of rows) for (const kind of kinds) table.set(typescript.SyntaxKind[kind], Object.freeze([...fields]));
  return table;
}

const ASSERTION_KINDS: ReadonlyMap<ts.SyntaxKind, UncoveredKind> = new Map<ts.SyntaxKind, UncoveredKind>([
  [typescript.SyntaxKind.TypeAssertionExpression, UncoveredKind.unsafeTypeAssertion],
  [typescript.SyntaxKind.AsExpression, UncoveredKind.unsafeAs],
  [typescript.SyntaxKind.NonNullExpression, UncoveredKind.unsafeNonNull],
]);

function checkNode(node: ts.Node, context: Context): void {
  const fields = node as unknown as Readonly<Record<string, ts.Node | readonly ts.Node[] | undefined>>;
  const modifiers = fields['modifiers'] as readonly ts.Node[] | undefined;
  if (modifiers !== undefined) for (const modifier of modifiers) checkNode(modifier, context);
  const { kind } = node;
  if (SKIPPED_KINDS.has(kind)) return;
  if (kind === typescript.SyntaxKind.ThisKeyword) return collectData(node, context);
  if (kind === typescript.SyntaxKind.Identifier || kind === typescript.SyntaxKind.PrivateIdentifier) {
    if (PROTOTYPE_NAMES.has((node as ts.Identifier | ts.PrivateIdentifier).escapedText as string)) return;
    if (context.catchNames.size > 0 && kind === typescript.SyntaxKind.Identifier && isCatchVariable(node as ts.Identifier, context)) return;
    return collectData(node, context);
  }
  if (kind === typescript.SyntaxKind.CatchClause) return checkCatchClause(node as ts.CatchClause, context);
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
  if (typescript.isIdentifier(name)) return [name];
  const names: ts.Identifier[] = [];
  for (const element of name.elements) if (!typescript.isOmittedExpression(element)) names.push(...bindingNames(element.name));
  return names;
}

const SKIPPED_KINDS: ReadonlySet<ts.SyntaxKind> = new Set<ts.SyntaxKind>([
  typescript.SyntaxKind.Unknown,
  typescript.SyntaxKind.EndOfFileToken,
  typescript.SyntaxKind.SingleLineCommentTrivia,
  typescript.SyntaxKind.MultiLineCommentTrivia,
  typescript.SyntaxKind.NewLineTrivia,
  typescript.SyntaxKind.WhitespaceTrivia,
  typescript.SyntaxKind.ShebangTrivia,
  typescript.SyntaxKind.ConflictMarkerTrivia,
  typescript.SyntaxKind.BigIntLiteral,
  typescript.SyntaxKind.NumericLiteral,
  typescript.SyntaxKind.StringLiteral,
  typescript.SyntaxKind.JsxText,
  typescript.SyntaxKind.JsxTextAllWhiteSpaces,
  typescript.SyntaxKind.RegularExpressionLiteral,
  typescript.SyntaxKind.NoSubstitutionTemplateLiteral,
  typescript.SyntaxKind.TemplateHead,
  typescript.SyntaxKind.TemplateMiddle,
  typescript.SyntaxKind.TemplateTail,
  // Every punctuation token and keyword: type-coverage lists them one by one; the ranges are the same set.
  ...kindRange(typescript.SyntaxKind.FirstPunctuation, typescript.SyntaxKind.LastPunctuation),
  ...kindRange(typescript.SyntaxKind.FirstAssignment, typescript.SyntaxKind.LastAssignment),
  ...kindRange(typescript.SyntaxKind.BreakKeyword, typescript.SyntaxKind.OfKeyword).filter((kind: ts.SyntaxKind): boolean => kind !== typescript.SyntaxKind.ThisKeyword),
  typescript.SyntaxKind.OptionalType,
  typescript.SyntaxKind.ThisType,
  typescript.SyntaxKind.OmittedExpression,
  typescript.SyntaxKind.EmptyStatement,
  typescript.SyntaxKind.ContinueStatement,
  typescript.SyntaxKind.BreakStatement,
  typescript.SyntaxKind.DebuggerStatement,
  typescript.SyntaxKind.JsxOpeningFragment,
  typescript.SyntaxKind.JsxClosingFragment,
  typescript.SyntaxKind.EnumMember,
  typescript.SyntaxKind.SourceFile,
  typescript.SyntaxKind.Bundle,
  typescript.SyntaxKind.SyntaxList,
  typescript.SyntaxKind.NotEmittedStatement,
  typescript.SyntaxKind.PartiallyEmittedExpression,
  typescript.SyntaxKind.CommaListExpression,
]);

function kindRange(first: ts.SyntaxKind, last: ts.SyntaxKind): ts.SyntaxKind[] {
  const kinds: ts.SyntaxKind[] = [];
  for (let kind = first; kind <= last; kind++) kinds.push(kind);
  return kinds;
}
