import { ESLintUtils } from '@typescript-eslint/utils';

/** The configs a rule can belong to, from the smallest; each config includes the ones before it. */
export const CONFIG_LEVELS = ['recommended', 'recommendedTypeChecked', 'strict'] as const;
export type ConfigLevel = (typeof CONFIG_LEVELS)[number];

/** Plugin-specific `meta.docs`: which config first enables the rule and at which severity. */
export interface PerfStandardsDocs {
  readonly description: string;
  readonly recommended?: ConfigLevel;
  readonly defaultSeverity?: 'error' | 'warn';
  readonly requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/perf-standards/eslint-plugin-perf-standards';

const createNamedRule = ESLintUtils.RuleCreator<PerfStandardsDocs>(
  (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Parameters<
  typeof createNamedRule<Options, MessageIds>
>[0];
type CreatedRule<Options extends readonly unknown[], MessageIds extends string> = ReturnType<
  typeof createNamedRule<Options, MessageIds>
>;

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

// `[]` and `[{}]`: a rule enabled without options (ESLint ≥ 9.15 passes `meta.defaultOptions` as given).
function isWithoutOptions(given: readonly unknown[]): boolean {
  for (const option of given) if (!isEmptyObject(option)) return false;
  return true;
}

/**
 * typescript-eslint's `RuleCreator`, except that a rule's options with their defaults are computed once per
 * configuration instead of once per file. Its `create` wrapper clones the defaults (`structuredClone`) and
 * merges the user's options into them for every file, which costs more than a file-name rule's own work.
 * ESLint builds a new `context.options` array for every file (it merges `meta.defaultOptions` itself), so
 * the cache key is the options' JSON; a rule enabled without options, the common case, skips even that.
 * The result is deep-frozen because every file of that configuration shares it, and it is the same object
 * each time, so what a rule compiles from it can be cached by identity (`memoizeByOptions`).
 * @performance per file: one check that the options are empty; otherwise one JSON.stringify and one Map lookup.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: RuleDefinition<Options, MessageIds>,
): CreatedRule<Options, MessageIds> {
  const rule = createNamedRule<Options, MessageIds>(definition);
  const defaults = (definition.meta.defaultOptions ?? definition.defaultOptions ?? []) as Readonly<Options>;
  // Cloned before freezing: the merge may share arrays with the user's config, which is not ours to freeze.
  const withDefaults = (given: readonly unknown[]): Readonly<Options> =>
    deepFreeze(structuredClone(ESLintUtils.applyDefault<Options, Options>(defaults, given as Options)));
  let withoutOptions: Readonly<Options> | undefined;
  const byJson = new Map<string, Readonly<Options>>();
  return {
    ...rule,
    create(context): ReturnType<typeof rule.create> {
      const given: readonly unknown[] = context.options;
      let options: Readonly<Options> | undefined;
      if (isWithoutOptions(given)) {
        options = withoutOptions ??= withDefaults(given);
      } else {
        const key = JSON.stringify(given);
        options = byJson.get(key);
        if (options === undefined) {
          options = withDefaults(given);
          byJson.set(key, options);
        }
      }
      return definition.create(context, options);
    },
  };
}
