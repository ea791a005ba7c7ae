import type { TSESTree } from '@typescript-eslint/utils';
import type { CallMatcher } from './call-lists.js';
import type { Node, ScopeManager, Variable } from './syntax.js';

/**
 * Pauses recognised by where the function comes from rather than by what it is called: Node's promise timers
 * (`timers/promises`, `node:timers/promises`) under any local name. `import { setTimeout as throttle }`,
 * `import * as timers` (`timers.setTimeout(20)`), a default import, `const { setTimeout: wait } =
 * require('node:timers/promises')`, `const timers = require('timers/promises')` and the `scheduler` export
 * (`scheduler.wait(20)`) all pause. The binding is found by scope analysis, so a local function that merely
 * shares a name is not taken for the timer, and an alias is not missed.
 */

/** The modules whose exports pause. */
const TIMER_MODULES: ReadonlySet<string> = new Set(['timers/promises', 'node:timers/promises']);
/** Their exports that return a promise settling after a delay. */
const PAUSE_EXPORTS: ReadonlySet<string> = new Set(['setTimeout', 'setImmediate']);
/** The methods of their `scheduler` export that pause. */
const SCHEDULER_PAUSES: ReadonlySet<string> = new Set(['wait', 'yield']);

/** What a binding holds: a pause function, the `scheduler` object, or the whole module. */
type TimerBinding = 'pause' | 'scheduler' | 'module';

function stringValue(node: Node | null | undefined): string | null {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

function propertyName(property: TSESTree.Property): string | null {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return stringValue(property.key);
}

// `require('timers/promises')`, `await import('node:timers/promises')`.
function isTimerModuleLoad(init: Node | null): boolean {
  if (init === null) return false;
  const value = init.type === 'AwaitExpression' ? init.argument : init;
  if (value.type === 'ImportExpression') return TIMER_MODULES.has(stringValue(value.source) ?? '');
  if (value.type !== 'CallExpression' || value.callee.type !== 'Identifier' || value.callee.name !== 'require') return false;
  return TIMER_MODULES.has(stringValue(value.arguments[0]) ?? '');
}

function exportBinding(exported: string | null): TimerBinding | null {
  if (exported === null) return null;
  if (PAUSE_EXPORTS.has(exported)) return 'pause';
  return exported === 'scheduler' ? 'scheduler' : null;
}

function bindingOf(variable: Variable): TimerBinding | null {
  for (const definition of variable.defs) {
    if (definition.type === 'ImportBinding') {
      const specifier = definition.node;
      const declaration = definition.parent;
      if (declaration?.type !== 'ImportDeclaration' || !TIMER_MODULES.has(declaration.source.value)) continue;
      if (specifier.type === 'ImportNamespaceSpecifier' || specifier.type === 'ImportDefaultSpecifier') return 'module';
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
        return exportBinding(imported);
      }
    } else if (definition.type === 'Variable') {
      const declarator = definition.node;
      if (!isTimerModuleLoad(declarator.init)) continue;
      if (declarator.id.type === 'Identifier') return 'module';
      if (declarator.id.type !== 'ObjectPattern') continue;
      for (const property of declarator.id.properties) {
        if (property.type !== 'Property') continue;
        const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (target === definition.name) return exportBinding(propertyName(property));
      }
    }
  }
  return null;
}

function memberName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.computed ? stringValue(node.property) : null;
}

/** The identifiers that refer to a timer binding in one file, with what each refers to. */
type TimerReferences = ReadonlyMap<Node, TimerBinding>;

const byFile = new WeakMap<ScopeManager, TimerReferences>();

function timerReferences(scopeManager: ScopeManager): TimerReferences {
  let found = byFile.get(scopeManager);
  if (found !== undefined) return found;
  const references = new Map<Node, TimerBinding>();
  for (const scope of scopeManager.scopes) {
    for (const variable of scope.variables) {
      if (variable.defs.length === 0) continue;
      const binding = bindingOf(variable);
      if (binding === null) continue;
      for (const reference of variable.references) references.set(reference.identifier, binding);
    }
  }
  found = references;
  byFile.set(scopeManager, found);
  return found;
}

/**
 * Whether `call` calls one of Node's promise timers, however it was imported: `throttle(20)` for
 * `import { setTimeout as throttle } from 'node:timers/promises'`, `timers.setTimeout(20)`,
 * `timers.scheduler.wait(20)`, `scheduler.wait(20)`.
 * @complexity O(variables of the file) on the first call for a file (then cached by its scope manager), O(1) after.
 */
export function callsTimerPause(call: TSESTree.CallExpression | TSESTree.NewExpression, scopeManager: ScopeManager): boolean {
  const callee = call.callee;
  if (callee.type === 'Identifier') return timerReferences(scopeManager).get(callee) === 'pause';
  if (callee.type !== 'MemberExpression') return false;
  const method = memberName(callee);
  if (method === null) return false;
  const receiver = callee.object;
  if (receiver.type === 'Identifier') {
    const binding = timerReferences(scopeManager).get(receiver);
    return (binding === 'module' && PAUSE_EXPORTS.has(method)) || (binding === 'scheduler' && SCHEDULER_PAUSES.has(method));
  }
  return (
    receiver.type === 'MemberExpression' &&
    receiver.object.type === 'Identifier' &&
    memberName(receiver) === 'scheduler' &&
    SCHEDULER_PAUSES.has(method) &&
    timerReferences(scopeManager).get(receiver.object) === 'module'
  );
}

/**
 * The pause list of a configuration extended, for one file, by the promise timers its bindings import: what
 * the loop analyses of `prefer-concurrent-await`, `no-busy-wait` and the `concurrent-await` codemod ask.
 * @complexity O(1) to build; each match as `pauses.matches` plus {@link callsTimerPause}.
 */
export function withTimerImports(pauses: CallMatcher, scopeManager: ScopeManager): CallMatcher {
  return {
    matches(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      return pauses.matches(call) || callsTimerPause(call, scopeManager);
    },
    // A callee named without its binding cannot be traced to its import: the configured list decides.
    matchesCallee(receiver: string | null, name: string): boolean {
      return pauses.matchesCallee(receiver, name);
    },
  };
}
