/** What `require-explicit-types` (and the `add-explicit-types` codemod, which reads the same options) checks. */

/** `exported`: only the module boundary (exports and what they expose); `all`: every declaration in the file. */
export type ExplicitTypesScope = 'exported' | 'all';

export interface ExplicitTypesOptions {
  readonly scope: ExplicitTypesScope;
  readonly allowTypedFunctionExpressions: boolean;
  readonly allowHigherOrderFunctions: boolean;
  readonly allowDirectConstAssertionInArrowFunctions: boolean;
  readonly allowedNames: readonly string[];
  readonly allowExpressions: boolean;
}

/** Same defaults as typescript-eslint's `explicit-module-boundary-types` / `explicit-function-return-type`. */
export const DEFAULT_EXPLICIT_TYPES_OPTIONS: ExplicitTypesOptions = Object.freeze({
  scope: 'exported',
  allowTypedFunctionExpressions: true,
  allowHigherOrderFunctions: true,
  allowDirectConstAssertionInArrowFunctions: true,
  allowedNames: Object.freeze([]) as readonly string[],
  allowExpressions: false,
});

/** One line per option, shared by the rule schema and the docs. */
export const EXPLICIT_TYPES_OPTION_DESCRIPTIONS: Readonly<Record<keyof ExplicitTypesOptions, string>> = Object.freeze({
  scope:
    'Which declarations must be annotated: `"exported"` (default) checks the module boundary — exported functions, classes (their non-private members) and objects, and functions they return; `"all"` checks every function and class property in the file.',
  allowTypedFunctionExpressions:
    'Whether to skip function expressions whose type comes from their context (a typed variable or property, a type assertion, a call or `new` argument, a JSX attribute, or an object or array literal in such a place): their parameters and return type are already typed.',
  allowHigherOrderFunctions:
    'Whether to skip the return type of a function that immediately returns another function expression; the returned function is still checked.',
  allowDirectConstAssertionInArrowFunctions:
    'Whether to skip the return type of a body-less arrow function that returns an `as const` assertion; its parameters are still checked.',
  allowedNames: 'Names of functions, methods and class properties that are not checked at all.',
  allowExpressions:
    'Whether to skip the return type of function expressions that are not part of a declaration (not assigned to a variable, class property or method, nor default-exported).',
});

/**
 * Fills the defaults in; `raw` is what ESLint (or the codemod runner) resolved from the user's config.
 * @complexity O(number of options + allowed names).
 */
export function resolveExplicitTypesOptions(raw: Readonly<Record<string, unknown>> | undefined): ExplicitTypesOptions {
  const pick = <K extends keyof ExplicitTypesOptions>(key: K, valid: (value: unknown) => boolean): ExplicitTypesOptions[K] =>
    raw !== undefined && valid(raw[key]) ? (raw[key] as ExplicitTypesOptions[K]) : DEFAULT_EXPLICIT_TYPES_OPTIONS[key];
  const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
  return {
    scope: pick('scope', (value) => value === 'exported' || value === 'all'),
    allowTypedFunctionExpressions: pick('allowTypedFunctionExpressions', isBoolean),
    allowHigherOrderFunctions: pick('allowHigherOrderFunctions', isBoolean),
    allowDirectConstAssertionInArrowFunctions: pick('allowDirectConstAssertionInArrowFunctions', isBoolean),
    allowedNames: pick('allowedNames', (value) => Array.isArray(value) && value.every((name) => typeof name === 'string')),
    allowExpressions: pick('allowExpressions', isBoolean),
  };
}
