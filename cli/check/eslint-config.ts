import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { configs, PLUGIN_NAMESPACE } from '../../index.js';
import { UsageError } from '../command.js';
import { configurationError } from '../config-errors.js';
import { explainRejectedOptions } from './option-errors.js';

/** The ESLint instance a check runs with, and which config it uses. */
export interface CheckLinter {
  readonly eslint: ESLint;
  /** The user's config file when it enables this plugin; `null` when the recommended config is used. */
  readonly configFile: string | null;
}

// Files whose config tells whether the user's config turns the standards on. The rules judge every
// file type, so a config that enables any of them for any of these is a config that has adopted them.
const PROBE_FILES: readonly string[] = ['package.json', 'index.ts', 'index.js', 'README.md'];

const RULE_PREFIX = `${PLUGIN_NAMESPACE}/`;

/**
 * What the command lints with when the user's config does not enable the plugin. React projects often
 * keep JSX in `.js` files, which espree rejects unless told: a zero-config check must not fail with
 * parsing errors on code the project's own toolchain accepts. Reading JSX does not change how plain
 * JavaScript parses.
 */
export const ZERO_CONFIG: readonly Linter.Config[] = Object.freeze([
  ...configs.recommended,
  {
    // The project's disable comments are written for its own config's rules, which this config does not
    // load: whether they are still needed is not for this check to judge.
    name: `${PLUGIN_NAMESPACE}/check/project-directives`,
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    name: `${PLUGIN_NAMESPACE}/check/jsx-in-js`,
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
]);

type RuleEntry = number | string | readonly unknown[];

function isOn(entry: RuleEntry | undefined): boolean {
  const severity = Array.isArray(entry) ? entry[0] : entry;
  return severity !== undefined && severity !== 0 && severity !== 'off' && severity !== '0';
}

async function enablesPlugin(eslint: ESLint, cwd: string): Promise<boolean> {
  for (const probe of PROBE_FILES) {
    const config = (await eslint.calculateConfigForFile(path.join(cwd, probe))) as
      | { rules?: Record<string, RuleEntry> }
      | undefined;
    for (const [ruleId, entry] of Object.entries(config?.rules ?? {})) {
      if (ruleId.startsWith(RULE_PREFIX) && isOn(entry)) return true;
    }
  }
  return false;
}

const REJECTED_RULE_OPTIONS = /^Key "rules": Key "([^"]+)":/u;
// An unknown rule id is not an options problem: the generic explanation names the rule.
const UNKNOWN_RULE_ID = /Could not find (?:"[^"]+" in plugin|plugin) "/u;

/**
 * A UsageError naming the option when `error` is ESLint rejecting the options of one of this plugin's rules
 * in `configFile`; `null` for any other error.
 * @performance re-imports the config only on this error path.
 */
export async function rejectedOptionsError(error: unknown, configFile: string | null): Promise<UsageError | null> {
  if (!(error instanceof Error) || configFile === null) return null;
  const ruleId = REJECTED_RULE_OPTIONS.exec(error.message)?.[1];
  if (ruleId === undefined || !ruleId.startsWith(RULE_PREFIX) || UNKNOWN_RULE_ID.test(error.message)) return null;
  return new UsageError(await explainRejectedOptions(configFile, ruleId, error.message));
}

/**
 * The user's `eslint.config.*` (found the way `eslint` finds it from `cwd`) when it enables any
 * `perf-standards/` rule, so a project that configured the standards gets its own options; otherwise
 * `configs.recommended` (see ZERO_CONFIG), so a project whose config knows nothing of the plugin still
 * gets the standards. A config that exists but cannot be loaded or validated throws a ConfigurationError
 * (ESLint's message, with the file and line): checking with other options than the user wrote would report
 * what the config turns off. Caching is always off: `require-docs` depends on files other than the one it
 * lints, which ESLint's cache cannot see. With `fix`, ESLint computes the rules' autofixes (written by
 * `ESLint.outputFixes`).
 * @performance loads the user's config file once; the same instance then lints.
 */
export async function createCheckLinter(cwd: string, ignorePatterns: readonly string[], fix = false): Promise<CheckLinter> {
  const common: ESLint.Options = {
    cwd,
    fix,
    cache: false,
    ignorePatterns: [...ignorePatterns],
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  };
  const userLinter = new ESLint(common);
  const configFile = (await userLinter.findConfigFile()) ?? null;
  if (configFile !== null) {
    try {
      if (await enablesPlugin(userLinter, cwd)) return { eslint: userLinter, configFile };
    } catch (error: unknown) {
      // The user's config is broken: falling back to another config would hide the mistake.
      throw (await rejectedOptionsError(error, configFile)) ?? (await configurationError(error, configFile, cwd));
    }
  }
  // No config file: the options' globs are relative to the folder checked.
  const basePath: Linter.Config = { name: `${PLUGIN_NAMESPACE}/check/base-path`, settings: { [PLUGIN_NAMESPACE]: { basePath: cwd } } };
  const eslint = new ESLint({ ...common, overrideConfigFile: true, overrideConfig: [...ZERO_CONFIG, basePath] });
  return { eslint, configFile: null };
}

const UNKNOWN_RULE = /^Definition for rule '[^']+' was not found\.$/u;

/**
 * Drops the errors ESLint reports for inline comments that name rules it does not know
 * (`// eslint-disable-next-line ban/ban` in a project whose own config loads that plugin). Checking with
 * the recommended config, every other plugin's rules are unknown, so those errors say nothing about the
 * project; this plugin's own rule names are kept, as a misspelt one is a real mistake.
 * @complexity O(messages).
 */
export function withoutForeignRuleDirectives(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  return results.map((result: ESLint.LintResult): ESLint.LintResult => {
    const foreign = (message: Linter.LintMessage): boolean =>
      message.ruleId !== null && !message.ruleId.startsWith(RULE_PREFIX) && UNKNOWN_RULE.test(message.message);
    if (!result.messages.some(foreign)) return result;
    const messages = result.messages.filter((message: Linter.LintMessage): boolean => !foreign(message));
    const errors = messages.filter((message: Linter.LintMessage): boolean => message.severity === 2);
    const warnings = messages.filter((message: Linter.LintMessage): boolean => message.severity === 1);
    return {
      ...result,
      messages,
      errorCount: errors.length,
      fatalErrorCount: errors.filter((message: Linter.LintMessage): boolean => message.fatal === true).length,
      warningCount: warnings.length,
      fixableErrorCount: errors.filter((message: Linter.LintMessage): boolean => message.fix !== undefined).length,
      fixableWarningCount: warnings.filter((message: Linter.LintMessage): boolean => message.fix !== undefined).length,
    };
  });
}
