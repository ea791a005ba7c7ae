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

export const createRule = ESLintUtils.RuleCreator<PerfStandardsDocs>(
  (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
