/**
 * Where a TypeScript file leaves a data shape mutable: properties of interfaces, type-literal aliases and data
 * classes without `readonly`, mutable array and tuple types in them, and exported object and array constants
 * that are neither `as const` nor `Object.freeze`d. Syntax only (no type information), so the rule and the
 * `readonly-data-shapes` codemod find exactly the same candidates; the codemod then asks the type checker
 * which of them no code writes.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { ReadonlyShapesOptions } from './options.js';
import { isEstreeNode, walkWithParents } from '../shared/estree-walk.js';
import type { TextEdit } from '../shared/text-edits.js';

export { applyEdits, type TextEdit } from '../shared/text-edits.js';

/** `property`: a missing `readonly` modifier; `array`: a mutable array or tuple type; `constant`: a missing `as const`. */
export type ShapeFindingKind = 'property' | 'array' | 'constant';


/** One place a data shape is left mutable, with the type-only edit that makes it readonly. */
export interface ShapeFinding {
  readonly kind: ShapeFindingKind;
  /** What a report underlines (the property key, the array type, the constant's name), as source offsets. */
  readonly range: readonly [number, number];
  /** `"name"` of the property or constant, or the array type's source (shortened). */
  readonly name: string;
  /** Where it is declared, e.g. `interface "Config"`; the constant's own name for constants. */
  readonly owner: string;
  /** The bare name of the interface, type alias, class or constant (empty for a class expression). */
  readonly ownerName: string;
  /** The property it belongs to (`items` for `items: string[]`); empty for constants. */
  readonly member: string;
  /** How the array type reads once readonly (`readonly string[]`); empty for other kinds. */
  readonly replacement: string;
  /** The edit that makes it readonly: `readonly `, `ReadonlyArray`, ` as const`. */
  readonly edits: readonly TextEdit[];
  /** For constants: wrapping the value in `Object.freeze(...)` instead. */
  readonly freezeEdits: readonly TextEdit[];
  /**
   * Source range of the declaration it belongs to (property signature, class property, parameter property,
   * variable declarator): the codemod attributes type errors to candidates through it.
   */
  readonly declaration: readonly [number, number];
  /**
   * For constants: the constant has a type annotation, so `as const` would not change its type (the annotation
   * wins) and would only imply an immutability the type does not have.
   */
  readonly annotated?: boolean;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type Owned = { readonly owner: string; readonly ownerName: string; readonly text: string; readonly options: ReadonlyShapesOptions; readonly out: ShapeFinding[] };

const NO_EDITS: readonly TextEdit[] = Object.freeze([]);
const MAX_NAME = 60;
const READONLY_REFERENCES: ReadonlySet<string> = new Set(['Readonly', 'ReadonlyArray', 'ReadonlyMap', 'ReadonlySet']);

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= MAX_NAME ? flat : `${flat.slice(0, MAX_NAME - 1)}…`;
}

function keyName(key: TSESTree.Node, computed: boolean, text: string): string {
  if (!computed && key.type === 'Identifier') return `"${key.name}"`;
  if (!computed && key.type === 'PrivateIdentifier') return `"#${key.name}"`;
  if (!computed && key.type === 'Literal') return `"${String(key.value)}"`;
  return `"${shorten(text.slice(key.range[0], key.range[1]))}"`;
}

/** A computed key's `[` is outside the key node: `readonly` goes before it. */
function keyStart(key: TSESTree.Node, computed: boolean, text: string): number {
  return computed ? text.lastIndexOf('[', key.range[0]) : key.range[0];
}

function readonlyAt(at: number): readonly TextEdit[] {
  return [{ at, end: at, text: 'readonly ', rank: 0 }];
}

/**
 * Walks a property's type for mutable arrays and tuples and for nested type literals (whose properties are
 * part of the same shape). Stops at anything that is not plainly data: function types, other generics
 * (`Readonly<{…}>` is already readonly, `Partial<…>` is someone else's shape), conditional and mapped types.
 */
function walkType(type: TSESTree.TypeNode, context: Owned & { readonly member: string }, declaration: readonly [number, number], underReadonly: boolean, inArray: boolean, depth: number): void {
  switch (type.type) {
    case 'TSUnionType':
    case 'TSIntersectionType':
      for (const member of type.types) walkType(member, context, declaration, false, false, depth);
      return;
    case 'TSArrayType':
    case 'TSTupleType': {
      if (!underReadonly && context.options.arrays) pushArray(type, context, declaration, inArray, depth);
      const elements = type.type === 'TSArrayType' ? [type.elementType] : type.elementTypes;
      for (const element of elements) walkType(element, context, declaration, false, type.type === 'TSArrayType', depth + 1);
      return;
    }
    case 'TSNamedTupleMember':
      walkType(type.elementType, context, declaration, false, false, depth);
      return;
    case 'TSOptionalType':
    case 'TSRestType':
      walkType(type.typeAnnotation, context, declaration, false, false, depth);
      return;
    case 'TSTypeOperator':
      if (type.typeAnnotation !== undefined) walkType(type.typeAnnotation, context, declaration, type.operator === 'readonly', false, depth);
      return;
    case 'TSTypeReference': {
      const name = type.typeName.type === 'Identifier' ? type.typeName.name : '';
      const args = type.typeArguments?.params ?? [];
      if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1 && args[0] !== undefined) {
        if (name === 'Array' && context.options.arrays) pushArray(type, context, declaration, false, depth);
        walkType(args[0], context, declaration, false, false, depth + 1);
      }
      return;
    }
    case 'TSTypeLiteral':
      membersOf(type.members, context);
      return;
    default:
      return;
  }
}

function pushArray(
  type: TSESTree.TSArrayType | TSESTree.TSTupleType | TSESTree.TSTypeReference,
  context: Owned & { readonly member: string },
  declaration: readonly [number, number],
  inArray: boolean,
  depth: number,
): void {
  const source = context.text.slice(type.range[0], type.range[1]);
  let edits: readonly TextEdit[];
  let replacement: string;
  if (type.type === 'TSTypeReference') {
    const name = type.typeName;
    edits = [{ at: name.range[0], end: name.range[1], text: 'ReadonlyArray', rank: depth }];
    replacement = `ReadonlyArray${source.slice(name.range[1] - type.range[0])}`;
  } else if (inArray) {
    // `T[][]` → `(readonly T[])[]`: without parentheses the operator would bind to the outer array.
    edits = [
      { at: type.range[0], end: type.range[0], text: '(readonly ', rank: depth },
      { at: type.range[1], end: type.range[1], text: ')', rank: -depth },
    ];
    replacement = `readonly ${source}`;
  } else {
    edits = [{ at: type.range[0], end: type.range[0], text: 'readonly ', rank: depth }];
    replacement = `readonly ${source}`;
  }
  context.out.push({
    kind: 'array',
    range: type.range,
    name: shorten(source),
    owner: context.owner,
    ownerName: context.ownerName,
    member: context.member,
    replacement: shorten(replacement),
    edits,
    freezeEdits: NO_EDITS,
    declaration,
  });
}

function membersOf(members: readonly TSESTree.TypeElement[], context: Owned): void {
  for (const member of members) {
    if (member.type !== 'TSPropertySignature') continue;
    const name = keyName(member.key, member.computed, context.text);
    if (!member.readonly) {
      context.out.push({
        kind: 'property',
        range: member.key.range,
        name,
        owner: context.owner,
        ownerName: context.ownerName,
        member: name,
        replacement: '',
        // A signature has no other modifiers: `readonly` goes first.
        edits: readonlyAt(member.range[0]),
        freezeEdits: NO_EDITS,
        declaration: member.range,
      });
    }
    const type = member.typeAnnotation?.typeAnnotation;
    if (type !== undefined) walkType(type, { ...context, member: name }, member.range, false, false, 0);
  }
}

/** Inside `declare global { … }` or `declare module "x" { … }`: someone else's shape, augmented. */
function isAugmentation(node: TSESTree.Node): boolean {
  for (let parent: TSESTree.Node | undefined | null = node.parent; parent != null; parent = parent.parent) {
    if (parent.type === 'TSModuleDeclaration' && (parent.kind === 'global' || parent.id.type === 'Literal')) return true;
  }
  return false;
}

/**
 * Reports of an interface: its own property signatures and everything nested in their types.
 * @complexity O(size of the interface's body).
 */
export function interfaceFindings(node: TSESTree.TSInterfaceDeclaration, text: string, options: ReadonlyShapesOptions, out: ShapeFinding[]): void {
  if (options.isIgnoredType(node.id.name) || isAugmentation(node)) return;
  membersOf(node.body.body, { owner: `interface "${node.id.name}"`, ownerName: node.id.name, text, options, out });
}

/**
 * Reports of a type alias whose type is (a union or intersection of) type literals or arrays of them.
 * @complexity O(size of the alias's type).
 */
export function typeAliasFindings(node: TSESTree.TSTypeAliasDeclaration, text: string, options: ReadonlyShapesOptions, out: ShapeFinding[]): void {
  if (options.isIgnoredType(node.id.name) || isAugmentation(node)) return;
  const context: Owned = { owner: `type "${node.id.name}"`, ownerName: node.id.name, text, options, out };
  // The alias itself is not a property: `type List = string[]` names a list, not a field of a shape.
  const visit = (type: TSESTree.TypeNode): void => {
    if (type.type === 'TSTypeLiteral') membersOf(type.members, context);
    else if (type.type === 'TSUnionType' || type.type === 'TSIntersectionType') for (const member of type.types) visit(member);
  };
  visit(node.typeAnnotation);
}

function rootName(expression: TSESTree.Node): string | undefined {
  let current: TSESTree.Node = expression;
  while (current.type === 'MemberExpression' || current.type === 'TSQualifiedName') {
    current = current.type === 'MemberExpression' ? current.object : current.left;
  }
  return current.type === 'Identifier' ? current.name : undefined;
}

function isPrivate(member: { readonly accessibility?: string | undefined; readonly key?: TSESTree.Node }): boolean {
  return member.accessibility === 'private' || member.key?.type === 'PrivateIdentifier';
}

/**
 * A data class: every non-private member is a property (not holding a function), the constructor or a getter.
 * A class with decorators, or that extends or implements a name imported from another module, is not judged:
 * a framework or a third-party interface may need its fields mutable, and without type information the rule
 * cannot tell (no report the user cannot act on).
 */
function isDataClass(node: ClassNode, imported: ReadonlySet<string>): boolean {
  if (node.decorators.length > 0 || node.declare) return false;
  if (node.superClass != null) {
    const base = rootName(node.superClass);
    if (base === undefined || imported.has(base)) return false;
  }
  for (const heritage of node.implements) {
    const base = rootName(heritage.expression);
    if (base === undefined || imported.has(base)) return false;
  }
  for (const member of node.body.body) {
    switch (member.type) {
      case 'PropertyDefinition':
      case 'TSAbstractPropertyDefinition':
        if (!isPrivate(member) && (member.value?.type === 'ArrowFunctionExpression' || member.value?.type === 'FunctionExpression')) return false;
        break;
      case 'MethodDefinition':
      case 'TSAbstractMethodDefinition':
        if (member.kind !== 'constructor' && member.kind !== 'get' && !isPrivate(member)) return false;
        break;
      case 'AccessorProperty':
      case 'TSAbstractAccessorProperty':
        if (!isPrivate(member)) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/**
 * Reports of a data class: its public and protected properties (parameter properties included) and the
 * arrays in their types. Private members are left to typescript-eslint's `prefer-readonly`; decorated and
 * `override` members belong to a framework or a base class.
 * @complexity O(members of the class + size of their types).
 */
export function classFindings(node: ClassNode, imported: ReadonlySet<string>, text: string, options: ReadonlyShapesOptions, out: ShapeFinding[]): void {
  if (!options.classes) return;
  const name = node.id?.name ?? '';
  if (options.isIgnoredType(name) || !isDataClass(node, imported)) return;
  const context: Owned = { owner: name === '' ? 'a class expression' : `class "${name}"`, ownerName: name, text, options, out };
  for (const member of node.body.body) {
    if (member.type === 'PropertyDefinition' || member.type === 'TSAbstractPropertyDefinition') {
      if (isPrivate(member) || member.decorators.length > 0 || member.override) continue;
      const memberName = keyName(member.key, member.computed, text);
      if (!member.readonly) {
        context.out.push({
          kind: 'property',
          range: member.key.range,
          name: memberName,
          owner: context.owner,
          ownerName: name,
          member: memberName,
          replacement: '',
          edits: readonlyAt(keyStart(member.key, member.computed, text)),
          freezeEdits: NO_EDITS,
          declaration: member.range,
        });
      }
      const type = member.typeAnnotation?.typeAnnotation;
      if (type !== undefined) walkType(type, { ...context, member: memberName }, member.range, false, false, 0);
    } else if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const parameter of member.value.params) {
        if (parameter.type !== 'TSParameterProperty' || parameter.accessibility === 'private' || parameter.decorators.length > 0 || parameter.override) continue;
        const binding = parameter.parameter.type === 'AssignmentPattern' ? parameter.parameter.left : parameter.parameter;
        const memberName = binding.type === 'Identifier' ? `"${binding.name}"` : `"${shorten(text.slice(binding.range[0], binding.range[1]))}"`;
        if (!parameter.readonly && parameter.accessibility !== undefined) {
          context.out.push({
            kind: 'property',
            ownerName: name,
            member: memberName,
            // An Identifier's range includes its type annotation: underline the name alone.
            range: binding.type === 'Identifier' ? [binding.range[0], binding.range[0] + binding.name.length] : binding.range,
            name: memberName,
            owner: context.owner,
            replacement: '',
            edits: readonlyAt(parameter.parameter.range[0]),
            freezeEdits: NO_EDITS,
            declaration: parameter.range,
          });
        }
        const type = binding.typeAnnotation?.typeAnnotation;
        if (type !== undefined) walkType(type, { ...context, member: memberName }, parameter.range, false, false, 0);
      }
    }
  }
}

/**
 * Local names bound by the file's imports (`import … from`, `import x = require(…)`).
 * @complexity O(top-level statements).
 */
export function importedNames(program: TSESTree.Program): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') for (const specifier of statement.specifiers) names.add(specifier.local.name);
    else if (statement.type === 'TSImportEqualsDeclaration') names.add(statement.id.name);
  }
  return names;
}

function unwrapLiteral(init: TSESTree.Expression): TSESTree.ObjectExpression | TSESTree.ArrayExpression | undefined {
  let current: TSESTree.Expression = init;
  for (;;) {
    if (current.type === 'ObjectExpression' || current.type === 'ArrayExpression') return current;
    if (current.type === 'TSAsExpression') {
      const asType = current.typeAnnotation;
      if (asType.type === 'TSTypeReference' && asType.typeName.type === 'Identifier' && asType.typeName.name === 'const') return undefined;
      current = current.expression;
    } else if (current.type === 'TSSatisfiesExpression' || current.type === 'TSNonNullExpression') current = current.expression;
    else return undefined;
  }
}

function isReadonlyAnnotation(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const type = annotation?.typeAnnotation;
  if (type === undefined) return false;
  if (type.type === 'TSTypeOperator') return type.operator === 'readonly';
  return type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && READONLY_REFERENCES.has(type.typeName.name);
}

function constantFinding(declarator: TSESTree.VariableDeclarator, text: string, options: ReadonlyShapesOptions, out: ShapeFinding[]): void {
  if (declarator.id.type !== 'Identifier' || declarator.init == null) return;
  const name = declarator.id.name;
  if (options.isIgnoredType(name) || isReadonlyAnnotation(declarator.id.typeAnnotation)) return;
  const literal = unwrapLiteral(declarator.init);
  if (literal === undefined) return;
  const [start, end] = literal.range;
  out.push({
    kind: 'constant',
    range: declarator.id.range,
    name: `"${name}"`,
    owner: `"${name}"`,
    ownerName: name,
    member: '',
    replacement: '',
    edits: [{ at: end, end, text: ' as const', rank: 0 }],
    freezeEdits: [
      { at: start, end: start, text: 'Object.freeze(', rank: 0 },
      { at: end, end, text: ')', rank: 0 },
    ],
    declaration: declarator.range,
    annotated: declarator.id.typeAnnotation !== undefined,
  });
}

/**
 * Reports of exported constants (`export const X = {…}` and constants named in `export { X }`) whose value is
 * an object or array literal without `as const`, not wrapped in `Object.freeze`, and not annotated with a
 * readonly type (`readonly T[]`, `Readonly<…>`, `ReadonlyArray<…>`, `ReadonlyMap<…>`, `ReadonlySet<…>`).
 * @complexity O(top-level statements).
 */
export function constantFindings(program: TSESTree.Program, text: string, options: ReadonlyShapesOptions, out: ShapeFinding[]): void {
  if (!options.constants) return;
  let exportedLater: Set<string> | undefined;
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.source == null && statement.declaration == null) {
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === 'Identifier') (exportedLater ??= new Set()).add(specifier.local.name);
      }
    }
  }
  for (const statement of program.body) {
    let declaration: TSESTree.VariableDeclaration | undefined;
    let exported = false;
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration') {
      declaration = statement.declaration;
      exported = true;
    } else if (statement.type === 'VariableDeclaration') declaration = statement;
    if (declaration === undefined || declaration.kind !== 'const' || declaration.declare) continue;
    for (const declarator of declaration.declarations) {
      if (exported || (declarator.id.type === 'Identifier' && exportedLater?.has(declarator.id.name) === true)) {
        constantFinding(declarator, text, options, out);
      }
    }
  }
}

/**
 * `[type, base]` for every interface `extends` and class `extends` / `implements` clause of the file, by bare
 * name: shapes related so must agree on `readonly` arrays (a readonly array in one and a mutable one in the
 * other is an error), so the codemod reverts such candidates together.
 * @complexity O(nodes in the file).
 */
export function heritageEdges(program: TSESTree.Program): (readonly [string, string])[] {
  const edges: (readonly [string, string])[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'TSInterfaceDeclaration') {
      for (const heritage of node.extends) {
        const base = rootOrLastName(heritage.expression);
        if (base !== undefined) edges.push([node.id.name, base]);
      }
    } else if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id != null) {
      const bases = [node.superClass, ...node.implements.map((heritage: TSESTree.TSClassImplements): TSESTree.Node => heritage.expression)];
      for (const base of bases) {
        const baseName = base == null ? undefined : rootOrLastName(base);
        if (baseName !== undefined) edges.push([node.id.name, baseName]);
      }
    }
    for (const key in node) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isEstreeNode(item)) visit(item);
      } else if (isEstreeNode(value)) visit(value);
    }
  };
  visit(program);
  return edges;
}

function rootOrLastName(expression: TSESTree.Node): string | undefined {
  if (expression.type === 'Identifier') return expression.name;
  if (expression.type === 'MemberExpression' && expression.property.type === 'Identifier') return expression.property.name;
  if (expression.type === 'TSQualifiedName') return expression.right.name;
  return undefined;
}

/**
 * Global scripts in declaration files (no import or export) declare globals other code shares.
 * @complexity O(top-level statements).
 */
export function isAmbientScript(program: TSESTree.Program, filename: string): boolean {
  if (!/\.d\.[cm]?ts$/.test(filename)) return false;
  return !program.body.some(
    (statement: TSESTree.ProgramStatement): boolean =>
      statement.type === 'ImportDeclaration' ||
      statement.type === 'ExportNamedDeclaration' ||
      statement.type === 'ExportAllDeclaration' ||
      statement.type === 'ExportDefaultDeclaration' ||
      statement.type === 'TSExportAssignment',
  );
}

/**
 * Every finding of a parsed file, in source order of the declarations the walk meets: the codemod's entry point
 * (the rule gets the same findings from ESLint's traversal). Sets `parent` on the nodes it walks, as ESLint does.
 * @complexity O(nodes in the file).
 */
export function findMutableShapes(program: TSESTree.Program, text: string, filename: string, options: ReadonlyShapesOptions): ShapeFinding[] {
  const out: ShapeFinding[] = [];
  if (isAmbientScript(program, filename)) return out;
  let imported: ReadonlySet<string> | undefined;
  walkWithParents(program, (node: TSESTree.Node): void => {
    if (node.type === 'TSInterfaceDeclaration') interfaceFindings(node, text, options, out);
    else if (node.type === 'TSTypeAliasDeclaration') typeAliasFindings(node, text, options, out);
    else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') classFindings(node, (imported ??= importedNames(program)), text, options, out);
  });
  constantFindings(program, text, options, out);
  return out;
}

