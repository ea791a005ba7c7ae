import type { CodemodOptions } from './contract.js';

/** Where codemod options come from: resolved ahead for a batch, then read synchronously per file. */
export interface OptionsSource {
  /** Resolves `rule`'s options for every file in `files`; the returned lookup is synchronous. */
  prepare(rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions>;
  /**
   * Loads the configuration of every file before anything is written, and throws when it cannot be loaded
   * or validated (a run with other options than the user wrote could rewrite what the config protects).
   */
  validate?(files: readonly string[]): Promise<void>;
  /**
   * The files among `files` on which `rule` does not run, each with why: `off` when their configuration
   * turns it off, `absent` when it leaves the rule out or matches no config block at all. Empty when the
   * configuration enables none of this plugin's rules (a config that knows nothing of the standards: the
   * defaults apply, as `check` applies them).
   */
  filesTurningOff?(rule: string, files: readonly string[]): Promise<ReadonlyMap<string, RuleNotRun>>;
}

/** Why a rule does not run on a file: its config turns it `off`, or leaves it out (`absent`). */
export type RuleNotRun = 'off' | 'absent';

/**
 * The key an options source may add to a file's options: the absolute folder the options' globs are relative
 * to (the folder of the ESLint config file that applies, as for the rules). Without it, the target root.
 */
export const OPTIONS_BASE_KEY = 'perf-standards:basePath';

/**
 * The folder `options`' globs (`ignore`, `paths`, …) are matched from: OPTIONS_BASE_KEY when the source set
 * it, else `root`.
 * @complexity O(1).
 */
export function optionsBase(options: CodemodOptions, root: string): string {
  const base = options[OPTIONS_BASE_KEY];
  return typeof base === 'string' ? base : root;
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

function entryOf(config: unknown, rule: string): unknown {
  const rules = (config as { rules?: Record<string, unknown> } | undefined)?.rules;
  return rules?.[`${RULE_PREFIX}${rule}`];
}

function isOn(entry: unknown): boolean {
  const severity: unknown = Array.isArray(entry) ? entry[0] : entry;
  return severity !== undefined && severity !== 0 && severity !== 'off' && severity !== '0';
}

function enablesAnyRule(config: unknown): boolean {
  const rules = (config as { rules?: Record<string, unknown> } | undefined)?.rules ?? {};
  return Object.entries(rules).some(([id, entry]): boolean => id.startsWith(RULE_PREFIX) && isOn(entry));
}

function optionsOf(config: unknown, rule: string): CodemodOptions {
  const entry = entryOf(config, rule);
  if (!Array.isArray(entry)) return NO_OPTIONS;
  const options: unknown = entry[1];
  return typeof options === 'object' && options !== null ? (options as CodemodOptions) : NO_OPTIONS;
}

/** Calls `visit` with each file's config, 32 files at a time; the first error ESLint throws is thrown. */
async function forEachConfig(eslint: ConfigCalculator, files: readonly string[], visit: (file: string, config: unknown) => void): Promise<void> {
  let next = 0;
  const drain = async (): Promise<void> => {
    for (let index = next++; index < files.length; index = next++) {
      const file = files[index] ?? '';
      visit(file, await eslint.calculateConfigForFile(file));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, drain));
}

/**
 * Options from the user's ESLint config: for each file, the first option object of
 * `perf-standards/<rule>` in the config ESLint computes for that file, so a team configures a standard
 * once for both the rule and its codemod. Files without the rule get defaults. Equal option objects are
 * shared by JSON so codemods can memoize on identity. A config ESLint cannot load or rejects for a file
 * throws ESLint's error: the run stops rather than fixing with options the user did not write.
 * @performance one `calculateConfigForFile` per file and question, 32 at a time; ESLint caches config
 * arrays per folder and configs per file.
 */
export function eslintOptionsSource(eslint: ConfigCalculator): OptionsSource {
  return {
    async prepare(rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions> {
      const byFile = new Map<string, CodemodOptions>();
      const shared = new Map<string, CodemodOptions>();
      await forEachConfig(eslint, files, (file: string, config: unknown): void => {
        const options = optionsOf(config, rule);
        const key = JSON.stringify(options);
        const existing = shared.get(key);
        if (existing === undefined) shared.set(key, options);
        byFile.set(file, existing ?? options);
      });
      return (file: string): CodemodOptions => byFile.get(file) ?? NO_OPTIONS;
    },
    async validate(files: readonly string[]): Promise<void> {
      await forEachConfig(eslint, files, (): void => undefined);
    },
    async filesTurningOff(rule: string, files: readonly string[]): Promise<ReadonlyMap<string, RuleNotRun>> {
      const notRun = new Map<string, RuleNotRun>();
      let adopted = false;
      await forEachConfig(eslint, files, (file: string, config: unknown): void => {
        adopted ||= enablesAnyRule(config);
        const entry = entryOf(config, rule);
        if (!isOn(entry)) notRun.set(file, entry === undefined ? 'absent' : 'off');
      });
      return adopted ? notRun : new Map();
    },
  };
}
