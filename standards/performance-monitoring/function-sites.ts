/**
 * The named functions of a file, as the performance-monitoring standard sees them, read from either AST the
 * project handles: ESTree from typescript-eslint (the rules) and Babel's AST from jscodeshift (the codemod).
 * Both share statement and expression shapes; they differ in class members (`MethodDefinition` holding a
 * `FunctionExpression` versus `ClassMethod`), private names, string literals and offsets (`range` versus
 * `start`/`end`), which this module reads alike so that the rules and the codemod never disagree.
 */

/** A node of either AST, read structurally. */
export interface AstNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A function the standard may call critical: one with a name (anonymous callbacks never are). */
export interface FunctionSite {
  /** The node with `params`, `body`, `async`, `generator` (a function, an arrow or a Babel `ClassMethod`). */
  readonly fn: AstNode;
  /** Where a report points: the function's name (identifier or method key), or the `default` export keyword's node. */
  readonly nameNode: AstNode;
  /** How people name it: `find`, `UserService.find`, `default`. */
  readonly displayName: string;
  /** The metric name's part after `#`, unique in the file: `find`, `UserService.prototype.find`, `UserService.create`. */
  readonly qualifiedName: string;
  /** An exported function (declaration, `const`, default, `export { … }`) or a public method of an exported class. */
  readonly publicApi: boolean;
  readonly isMethod: boolean;
  readonly async: boolean;
  readonly generator: boolean;
  /** Whether it has a body to measure (overload signatures and abstract methods do not). */
  readonly hasBody: boolean;
  /** Nodes whose leading JSDoc documents it, overload signatures first. */
  readonly docNodes: readonly AstNode[];
  readonly decorators: readonly AstNode[];
  /** The call it is passed to directly (`const find = monitored('…', async () => …)`), or null. */
  readonly wrapper: AstNode | null;
}

/** An exported class, for the docs rule. */
export interface ClassSite {
  readonly nameNode: AstNode;
  readonly displayName: string;
  readonly docNodes: readonly AstNode[];
}

export interface FileSites {
  readonly functions: readonly FunctionSite[];
  readonly classes: readonly ClassSite[];
}

/**
 * Start and end offsets of a node in either AST.
 * @complexity O(1).
 */
export function rangeOf(node: AstNode): readonly [number, number] {
  const range = node['range'] as readonly [number, number] | undefined;
  return range ?? [node['start'] as number, node['end'] as number];
}

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const CLASS_TYPES: ReadonlySet<string> = new Set(['ClassDeclaration', 'ClassExpression']);
// Keys that hold no code to visit (positions, comments, types, parser extras, recast's copy of the original).
const SKIPPED_KEYS: ReadonlySet<string> = new Set([
  'parent',
  'loc',
  'range',
  'start',
  'end',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'tokens',
  'extra',
  'original',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
  'superTypeArguments',
]);

const asNode = (value: unknown): AstNode | null =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as AstNode) : null;
const child = (node: AstNode, key: string): AstNode | null => asNode(node[key]);
const children = (node: AstNode, key: string): readonly AstNode[] => {
  const value = node[key];
  return Array.isArray(value) ? (value.map(asNode).filter((entry: AstNode | null): entry is AstNode => entry !== null)) : [];
};

function identifierName(node: AstNode | null): string | null {
  return node !== null && node.type === 'Identifier' ? (node['name'] as string) : null;
}

/**
 * A property key as written: `find`, `'find'` → `find`, `[Symbol.iterator]` → `[Symbol.iterator]`, `#secret`.
 * @complexity O(length of the key).
 */
export function keyName(key: AstNode, computed: boolean, source: string): string {
  if (!computed) {
    if (key.type === 'Identifier') return key['name'] as string;
    if (key.type === 'PrivateIdentifier') return `#${key['name'] as string}`;
    if (key.type === 'PrivateName') return `#${identifierName(child(key, 'id')) ?? ''}`;
    if (key.type === 'StringLiteral' || key.type === 'NumericLiteral' || key.type === 'Literal') return String(key['value']);
  }
  const [start, end] = rangeOf(key);
  return `[${source.slice(start, end)}]`;
}

/** The function node of a class member that is a method, or null (fields, accessors, constructors, blocks). */
function methodOf(member: AstNode): { readonly fn: AstNode; readonly hasBody: boolean } | null {
  if (member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') {
    if (member['kind'] !== 'method') return null;
    const value = child(member, 'value');
    if (value === null) return null;
    return { fn: value, hasBody: value.type === 'FunctionExpression' && child(value, 'body') !== null };
  }
  if (member.type === 'ClassMethod' || member.type === 'ClassPrivateMethod' || member.type === 'TSDeclareMethod') {
    if (member['kind'] !== 'method') return null;
    return { fn: member, hasBody: member.type !== 'TSDeclareMethod' && child(member, 'body') !== null && member['abstract'] !== true };
  }
  return null;
}

function isPublicMember(member: AstNode): boolean {
  if (member.type === 'ClassPrivateMethod') return false;
  const key = child(member, 'key');
  if (key !== null && (key.type === 'PrivateIdentifier' || key.type === 'PrivateName')) return false;
  const accessibility = member['accessibility'];
  return accessibility !== 'private' && accessibility !== 'protected';
}

/** Unwraps `fn satisfies T` and `(fn)`, which do not change what the function is. */
function functionInit(init: AstNode | null): AstNode | null {
  let node = init;
  while (node !== null && (node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression')) node = child(node, 'expression');
  return node !== null && FUNCTION_TYPES.has(node.type) && node.type !== 'FunctionDeclaration' ? node : null;
}

class SiteCollector {
  readonly functions: FunctionSite[] = [];
  readonly classes: ClassSite[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly source: string,
    private readonly nested: boolean,
  ) {}

  /** `name`, then `name~2`, `name~3` for later functions with the same qualified name. */
  private unique(qualified: string): string {
    const count = (this.seen.get(qualified) ?? 0) + 1;
    this.seen.set(qualified, count);
    return count === 1 ? qualified : `${qualified}~${count}`;
  }

  addFunction(site: Omit<FunctionSite, 'qualifiedName' | 'async' | 'generator'> & { readonly qualified: string }): void {
    const { qualified, ...rest } = site;
    this.functions.push({
      ...rest,
      qualifiedName: this.unique(qualified),
      async: site.fn['async'] === true,
      generator: site.fn['generator'] === true,
    });
    if (this.nested) this.visitBody(site.fn, qualified);
  }

  private visitBody(fn: AstNode, prefix: string): void {
    for (const param of children(fn, 'params')) this.visit(param, prefix);
    const body = child(fn, 'body');
    if (body !== null) this.visit(body, prefix);
  }

  /** Named functions and classes below `node`, named under `prefix` (nested mode only). */
  visit(node: AstNode, prefix: string): void {
    const scoped = (name: string): string => (prefix === '' ? name : `${prefix}.${name}`);
    if (node.type === 'FunctionDeclaration') {
      const id = child(node, 'id');
      const name = identifierName(id);
      if (name !== null && id !== null && child(node, 'body') !== null) {
        this.addFunction({ fn: node, nameNode: id, displayName: name, qualified: scoped(name), publicApi: false, isMethod: false, hasBody: true, docNodes: [node], decorators: [], wrapper: null });
        return;
      }
    } else if (node.type === 'VariableDeclaration') {
      // The JSDoc of `const f = () => …` sits before `const`, the declaration's start.
      for (const declarator of children(node, 'declarations')) {
        const id = child(declarator, 'id');
        const name = identifierName(id);
        const fn = functionInit(child(declarator, 'init'));
        if (name !== null && id !== null && fn !== null) {
          this.addFunction({ fn, nameNode: id, displayName: name, qualified: scoped(name), publicApi: false, isMethod: false, hasBody: true, docNodes: [node, declarator], decorators: [], wrapper: null });
        } else {
          this.visit(declarator, prefix);
        }
      }
      return;
    } else if (CLASS_TYPES.has(node.type)) {
      const name = identifierName(child(node, 'id')) ?? 'class';
      this.visitClass(node, scoped(name), name, false, false);
      return;
    }
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const entry of value) {
          const entryNode = asNode(entry);
          if (entryNode !== null) this.visit(entryNode, prefix);
        }
      } else {
        const valueNode = asNode(value);
        if (valueNode !== null) this.visit(valueNode, prefix);
      }
    }
  }

  visitClass(node: AstNode, qualified: string, name: string, exported: boolean, report: boolean, docNode: AstNode = node): void {
    const members = children(child(node, 'body') ?? { type: 'ClassBody' }, 'body');
    const overloads = new Map<string, AstNode[]>();
    for (const member of members) {
      const method = methodOf(member);
      if (method === null) {
        // Field initializers, accessors and constructors may hold named functions too.
        if (this.nested) this.visit(member, qualified);
        continue;
      }
      const key = child(member, 'key');
      if (key === null) continue;
      const isStatic = member['static'] === true;
      const memberName = keyName(key, member['computed'] === true, this.source);
      const overloadKey = `${isStatic ? 'static ' : ''}${memberName}`;
      const earlier = overloads.get(overloadKey) ?? [];
      if (!method.hasBody) {
        earlier.push(member);
        overloads.set(overloadKey, earlier);
        continue;
      }
      overloads.delete(overloadKey);
      this.addFunction({
        fn: method.fn,
        nameNode: key,
        displayName: `${name}.${memberName}`,
        qualified: isStatic ? `${qualified}.${memberName}` : `${qualified}.prototype.${memberName}`,
        publicApi: exported && isPublicMember(member),
        isMethod: true,
        hasBody: true,
        docNodes: [...earlier, member],
        decorators: children(member, 'decorators'),
        wrapper: null,
      });
    }
    if (report) this.classes.push({ nameNode: child(node, 'id') ?? node, displayName: name, docNodes: [docNode] });
  }
}

/** Local names exported by `export { a, b as c }` and `export default a` (without `from`). */
function exportedLocalNames(body: readonly AstNode[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type === 'ExportNamedDeclaration' && child(statement, 'source') === null && statement['exportKind'] !== 'type') {
      for (const specifier of children(statement, 'specifiers')) {
        const local = identifierName(child(specifier, 'local'));
        if (local !== null && specifier['exportKind'] !== 'type') names.add(local);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const name = identifierName(child(statement, 'declaration'));
      if (name !== null) names.add(name);
    }
  }
  return names;
}

/**
 * The named functions (top-level declarations, `const` functions and arrows, default exports, class methods)
 * and exported classes of a program. With `nested`, functions inside functions and classes too, named after
 * their enclosing ones (`outer.inner`). Qualified names are unique in the file (`~2` for a repeated one).
 * @complexity O(top-level statements + class members); O(nodes) with `nested`.
 */
export function collectFunctionSites(program: AstNode, source: string, nested: boolean): FileSites {
  const body = children(program, 'body');
  const exportedNames = exportedLocalNames(body);
  const collector = new SiteCollector(source, nested);
  // Overload signatures (`TSDeclareFunction`) document the implementation that follows them.
  let overloads: AstNode[] = [];
  let overloadName: string | null = null;
  for (const statement of body) {
    const isExport = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration';
    const isDefault = statement.type === 'ExportDefaultDeclaration';
    const declaration = isExport ? child(statement, 'declaration') : statement;
    if (declaration === null) continue;
    if (declaration.type === 'TSDeclareFunction') {
      const name = identifierName(child(declaration, 'id'));
      if (name !== overloadName) overloads = [];
      overloadName = name;
      overloads.push(statement);
      continue;
    }
    const earlier = overloads;
    const earlierName = overloadName;
    overloads = [];
    overloadName = null;
    if (declaration.type === 'FunctionDeclaration' || (isDefault && FUNCTION_TYPES.has(declaration.type))) {
      const id = child(declaration, 'id');
      const name = identifierName(id) ?? 'default';
      const docNodes = earlierName === name ? [...earlier, statement] : [statement];
      if (child(declaration, 'body') === null) continue;
      collector.addFunction({
        fn: declaration,
        nameNode: id ?? statement,
        displayName: name,
        qualified: isDefault && id === null ? 'default' : name,
        publicApi: isExport || exportedNames.has(name),
        isMethod: false,
        hasBody: true,
        docNodes,
        decorators: [],
        wrapper: null,
      });
    } else if (declaration.type === 'VariableDeclaration') {
      const declarators = children(declaration, 'declarations');
      for (const declarator of declarators) {
        const id = child(declarator, 'id');
        const name = identifierName(id);
        if (name === null || id === null) {
          if (nested) collector.visit(declarator, '');
          continue;
        }
        const init = child(declarator, 'init');
        const docNodes = declarators.length === 1 ? [statement] : [statement, declarator];
        const site = { nameNode: id, displayName: name, qualified: name, publicApi: isExport || exportedNames.has(name), isMethod: false, hasBody: true, docNodes, decorators: [] };
        const fn = functionInit(init);
        if (fn !== null) {
          collector.addFunction({ ...site, fn, wrapper: null });
        } else if (init !== null && init.type === 'CallExpression' && children(init, 'arguments').some((argument: AstNode): boolean => functionInit(argument) !== null)) {
          // `const find = monitored('…', async () => …)`: the function is the argument, measured by the call.
          for (const argument of children(init, 'arguments')) {
            const wrapped = functionInit(argument);
            if (wrapped !== null) collector.addFunction({ ...site, fn: wrapped, wrapper: init });
          }
        } else if (nested && init !== null) {
          collector.visit(init, name);
        }
      }
    } else if (CLASS_TYPES.has(declaration.type)) {
      const id = child(declaration, 'id');
      const name = identifierName(id) ?? 'default';
      const exported = isExport || exportedNames.has(name);
      collector.visitClass(declaration, isDefault && id === null ? 'default' : name, name, exported, exported, statement);
    } else if (nested) {
      collector.visit(declaration, '');
    }
  }
  return { functions: collector.functions, classes: collector.classes };
}
