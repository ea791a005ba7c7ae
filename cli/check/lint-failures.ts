import path from 'node:path';
import { UsageError } from '../command.js';
import { typedRuleCannotRun } from '../../rules/utils/type-information.js';

// ESLint stops the whole run when a rule throws while it is created, or when a config block for some
// files only turns out to be invalid. Those are problems of the configuration, which the user fixes: this
// module turns them into one line naming the rule, the file and the fix, instead of a stack trace.

const RULE_FAILURE = /^Error while loading rule '([^']+)': ([\s\S]*?)\nOccurred while linting (.+)$/u;
const TYPESCRIPT_ESLINT_TYPED_RULE = /^You have used a rule which requires type information/u;
// Config validation, from @eslint/config-array and ESLint's flat-config schema.
const CONFIG_VALIDATION = /^(?:Config (?:"[^"]*"|\d+): )?(?:Key "|Could not find ")/u;

interface MissingTypeInformation {
  readonly name: 'MissingTypeInformationError';
  readonly ruleId: string;
  readonly file: string;
}

// By shape rather than class: the plugin the user's config loads may be another copy than this command's.
function isMissingTypeInformation(error: Error): error is Error & MissingTypeInformation {
  const fields = error as Error & Partial<MissingTypeInformation>;
  return error.name === 'MissingTypeInformationError' && typeof fields.ruleId === 'string' && typeof fields.file === 'string';
}

function relativeFile(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/**
 * Whether `error`, thrown by ESLint, is its config validation rejecting a config block (a key, a rule id,
 * rule options): the user's config file is wrong, not a file or a rule.
 * @complexity O(length of the error message).
 */
export function isConfigValidationError(error: unknown): boolean {
  return error instanceof Error && (CONFIG_VALIDATION.test(error.message) || typeof (error as { readonly messageTemplate?: unknown }).messageTemplate === 'string');
}

/**
 * The UsageError to print when `error`, thrown by `ESLint#lintFiles`, is a configuration problem: a typed
 * rule without type information for a file (this plugin's or typescript-eslint's), another rule failing as
 * it starts on a file, or a config block ESLint rejects. `null` for anything else (a real crash).
 * @complexity O(length of the error message).
 */
export function configurationProblem(error: unknown, configFile: string | null, cwd: string): UsageError | null {
  if (!(error instanceof Error)) return null;
  if (isMissingTypeInformation(error)) return new UsageError(typedRuleCannotRun(error.ruleId, error.file));
  const failure = RULE_FAILURE.exec(error.message);
  if (failure !== null) {
    const [, ruleId = '', reason = '', file = ''] = failure;
    const shownFile = relativeFile(file, cwd);
    if (TYPESCRIPT_ESLINT_TYPED_RULE.test(reason)) return new UsageError(typedRuleCannotRun(ruleId, shownFile));
    // This plugin's own rules only throw MissingTypeInformationError on purpose; anything else is a bug.
    if (ruleId.startsWith('perf-standards/')) return null;
    const firstLine = reason.split('\n')[0]?.replace(/\.$/u, '') ?? '';
    return new UsageError(`${ruleId} failed on ${shownFile} as it started (${firstLine}): check that rule's options and the config block that enables it, or turn it off for this file.`);
  }
  if (isConfigValidationError(error)) {
    const where = configFile === null ? 'the config' : path.basename(configFile);
    const message = error.message.split('\n').map((line: string): string => line.trim()).filter(Boolean).join(' ');
    return new UsageError(`${where}: ${message}`);
  }
  return null;
}
