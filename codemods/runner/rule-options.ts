import type { CodemodOptions } from './contract.js';

/** Where codemod options come from: resolved ahead for a batch, then read synchronously per file. */
export interface OptionsSource {
  /** Resolves `rule`'s options for every file in `files`; the returned lookup is synchronous. */
  prepare(rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions>;
}

const NO_OPTIONS: CodemodOptions = Object.freeze({});

/** Every codemod with its defaults (the standards/ modules apply them when an option is absent). */
export const DEFAULT_OPTIONS: OptionsSource = Object.freeze({
  prepare: (): Promise<(file: string) => CodemodOptions> => Promise.resolve((): CodemodOptions => NO_OPTIONS),
});

/** What ESLint's `calculateConfigForFile` needs; kept structural so this module does not load ESLint. */
export interface ConfigCalculator {
  calculateConfigForFile(filePath: string): Promise<unknown>;
}

const RULE_PREFIX = 'perf-standards/';
// calculateConfigForFile is a few hundred microseconds; bounded so huge trees do not queue thousands.
const CONCURRENCY = 32;

function optionsOf(config: unknown, rule: string): CodemodOptions {
  const rules = (config as { rules?: Record<string, unknown> } | undefined)?.rules;
  const entry = rules?.[`${RULE_PREFIX}${rule}`];
  if (!Array.isArray(entry)) return NO_OPTIONS;
  const options: unknown = entry[1];
  return typeof options === 'object' && options !== null ? (options as CodemodOptions) : NO_OPTIONS;
}

/**
 * Options from the user's ESLint config: for each file, the first option object of
 * `perf-standards/<rule>` in the config ESLint computes for that file, so a team configures a standard
 * once for both the rule and its codemod. Files without the rule get defaults. Equal option objects are
 * shared by JSON so codemods can memoize on identity.
 * @performance one `calculateConfigForFile` per file, 32 at a time; ESLint caches config arrays per folder.
 */
export function eslintOptionsSource(eslint: ConfigCalculator): OptionsSource {
  return {
    async prepare(rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions> {
      const byFile = new Map<string, CodemodOptions>();
      const shared = new Map<string, CodemodOptions>();
      let next = 0;
      const drain = async (): Promise<void> => {
        for (let index = next++; index < files.length; index = next++) {
          const file = files[index] ?? '';
          const options = optionsOf(await eslint.calculateConfigForFile(file).catch((): undefined => undefined), rule);
          const key = JSON.stringify(options);
          const existing = shared.get(key);
          if (existing === undefined) shared.set(key, options);
          byFile.set(file, existing ?? options);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, drain));
      return (file: string): CodemodOptions => byFile.get(file) ?? NO_OPTIONS;
    },
  };
}
