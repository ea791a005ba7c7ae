/** Python syntax questions the standards' Python knowledge (`standards/<standard>/python-*.ts`) shares. */
import type { PythonNode } from './python-ast.js';
import { pythonScopes, type PythonScopes } from './python-scope.js';


const FUNCTION_TYPES: ReadonlySet<string> = new Set(['FunctionDefinition', 'Lambda']);

/**
 * One Python file's names for the standards' questions ("is this call `time.time()`?", "is this decorator
 * `dataclasses.dataclass`?"), on top of the language's scopes (`python-scope.ts`), whatever the file
 * calls them. Built once per file (`PythonNames.of`).
 * @performance every question is answered from the memoized scopes, in O(depth of the node) at most.
 */
export class PythonNames {
  readonly text: string;
  readonly module: PythonNode;
  readonly textOf = (node: PythonNode): string => this.text.slice(node.range[0], node.range[1]);
  private builtScopes: PythonScopes | undefined;

  private constructor(module: PythonNode, text: string) {
    this.module = module;
    this.text = text;
  }

  /** The file's scopes, built on first use: a file where no rule resolves a name never pays for them. */
  get scopes(): PythonScopes {
    this.builtScopes ??= pythonScopes(this.module, this.text);
    return this.builtScopes;
  }

  private aliases: ReadonlySet<string> | undefined;

  /**
   * Whether a call could name one of `members` (`time.sleep`: `sleep`) through an import, judged from its text:
   * its callee is `<any name>.member`, `member`, or a name that a module-level `from … import … as name`
   * binds. A cheap filter before `calledName`, which resolves scopes.
   * @complexity O(1) after one pass over the module's top-level statements.
   */
  mayCall(call: PythonNode, members: ReadonlySet<string>): boolean {
    const fn = call.function;
    if (fn?.type === 'Attribute') return fn.attribute !== null && fn.attribute !== undefined && members.has(this.textOf(fn.attribute));
    if (fn?.type !== 'Identifier') return false;
    const name = this.textOf(fn);
    if (members.has(name)) return true;
    this.aliases ??= new Set(
      this.module.children
        .filter((statement: PythonNode): boolean => statement.type === 'ImportFromStatement')
        .flatMap((statement: PythonNode): PythonNode[] => (Array.isArray(statement.name) ? (statement.name as PythonNode[]) : []))
        .filter((item: PythonNode): boolean => item.type === 'AliasedImport' && item.alias !== null && item.alias !== undefined)
        .map((item: PythonNode): string => this.textOf(item.alias as PythonNode)),
    );
    return this.aliases.has(name);
  }

  private static readonly byModule = new WeakMap<PythonNode, PythonNames>();

  /**
   * The names of the file whose root is `module`, parsed from `text`.
   * @complexity O(1); the scopes are built on first use.
   */
  static of(module: PythonNode, text: string): PythonNames {
    let names = PythonNames.byModule.get(module);
    if (names === undefined) {
      names = new PythonNames(module, text);
      PythonNames.byModule.set(module, names);
    }
    return names;
  }

  /**
   * The dotted name an expression refers to through an import: with `import time as t`, `t.time` →
   * `time.time`; with `from time import perf_counter as pc`, `pc` → `time.perf_counter`. Null when the
   * expression is not a name or attribute chain whose root name resolves to an import where it is written
   * (a parameter or a local `time` is not the module).
   * @complexity O(attribute chain + depth of the node).
   */
  qualifiedName(expression: PythonNode | null | undefined): string | null {
    if (expression === null || expression === undefined) return null;
    const attributes: string[] = [];
    let root = expression;
    while (root.type === 'Attribute' && root.object && root.attribute) {
      attributes.unshift(this.textOf(root.attribute));
      root = root.object;
    }
    if (root.type !== 'Identifier') return null;
    const resolved = this.scopes.resolve(root, this.textOf(root));
    if (resolved.kind !== 'import' || resolved.module.startsWith('.')) return null;
    return [resolved.module, ...(resolved.name === null ? [] : [resolved.name]), ...attributes].join('.');
  }

  /**
   * A call's callee as a qualified name, or null (see `qualifiedName`).
   * @complexity O(attribute chain + depth of the node).
   */
  calledName(call: PythonNode): string | null {
    return call.type === 'Call' ? this.qualifiedName(call.function) : null;
  }

  /**
   * A `KeywordArgument` of a call by its keyword, or null.
   * @complexity O(arguments).
   */
  keywordArgument(call: PythonNode, keyword: string): PythonNode | null {
    for (const argument of call.arguments?.children ?? []) {
      if (argument.type === 'KeywordArgument' && argument.name && this.textOf(argument.name as PythonNode) === keyword) return argument;
    }
    return null;
  }

  /**
   * The name of a `def` or `class`.
   * @complexity O(length of the name).
   */
  definitionName(definition: PythonNode): string {
    return definition.name ? this.textOf(definition.name as PythonNode) : '';
  }
}

/**
 * The innermost `def` / `async def` / `lambda` around a node, or null at module or class level.
 * @complexity O(depth of the node).
 */
export function enclosingFunction(node: PythonNode): PythonNode | null {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return null;
}

/**
 * The decorators of a `def` or `class` (none when it is not decorated).
 * @complexity O(decorators).
 */
export function decoratorsOf(definition: PythonNode): readonly PythonNode[] {
  const parent = definition.parent;
  if (parent?.type !== 'DecoratedDefinition') return [];
  return parent.children.filter((child: PythonNode): boolean => child.type === 'Decorator');
}

/**
 * The expression of a decorator: `@dataclass(slots=True)` → the `Call`; `@staticmethod` → the name.
 * @complexity O(1).
 */
export function decoratorExpression(decorator: PythonNode): PythonNode | null {
  return decorator.children[0] ?? null;
}

/**
 * The class whose body directly holds a definition (through its decorators), or null.
 * @complexity O(1).
 */
export function enclosingClass(definition: PythonNode): PythonNode | null {
  let holder = definition.parent;
  if (holder?.type === 'DecoratedDefinition') holder = holder.parent;
  if (holder?.type !== 'Block') return null;
  return holder.parent?.type === 'ClassDefinition' ? holder.parent : null;
}

/**
 * The statements of a module, class or function body, decorated definitions unwrapped to their definitions.
 * @complexity O(statements).
 */
export function bodyDefinitions(definition: PythonNode): PythonNode[] {
  return ((definition.type === 'Module' ? definition : definition.body)?.children ?? []).map((statement: PythonNode): PythonNode =>
    statement.type === 'DecoratedDefinition' && statement.definition ? (statement.definition as PythonNode) : statement,
  );
}

/**
 * The docstring of a module, class or function: its body's first statement when that is a string
 * literal, as the `String` node (its text includes the quotes and any prefix).
 * @complexity O(1).
 */
export function docstringOf(definition: PythonNode): PythonNode | null {
  const body = definition.type === 'Module' ? definition : definition.body;
  const first = body?.children[0];
  if (first?.type !== 'ExpressionStatement') return null;
  const expression = first.children[0];
  return expression?.type === 'String' || expression?.type === 'ConcatenatedString' ? expression : null;
}

/**
 * A public name: not starting with `_`; dunder names such as `__call__` count as public.
 * @complexity O(1).
 */
export function isPublicName(name: string): boolean {
  return !name.startsWith('_') || (name.length > 4 && name.startsWith('__') && name.endsWith('__'));
}
