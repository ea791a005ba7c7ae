import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { UsageError } from './command.js';

// A configuration ESLint cannot load or rejects is the user's to fix, and every command that reads it
// (check, fix, the MCP server's tools) stops on it with exit 2: linting or fixing with other options than
// the ones written would judge or rewrite files the user's config protects. This module turns ESLint's
// error into one message that keeps ESLint's own words and adds where in the config file the problem is.

/** Where in the config file a problem is; `line` is 1-based, `column` 1-based or absent. */
export interface ConfigPosition {
  readonly line: number;
  readonly column?: number;
}

/**
 * The config could not be loaded or validated. `message` starts with `file:line:column:` when the place
 * is known, then ESLint's (or Node's) own message.
 * @complexity O(1) to construct.
 */
export class ConfigurationError extends UsageError {}

const RULE_KEY = /^(?:Config (?:"[^"]*"|\d+): )?Key "rules": Key "([^"]+)":/u;
const RULE_NOT_FOUND = /Could not find "([^"]+)" in plugin "([^"]+)"|Could not find plugin "([^"]+)"/u;
const MISSING_PACKAGE = /^Cannot find (?:package|module) '([^']+)'/u;

const TYPESCRIPT_CONFIG = /\.[cm]?ts$/u;

function lineAndColumn(text: string, index: number): ConfigPosition {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Where `literal` first appears as a quoted string in the config text (`'no-console'`, `"no-console"`),
 * or, for a key written bare, as a word followed by a colon. `null` when it does not appear: the entry may
 * come from a shared config the file imports.
 * @complexity O(length of the text).
 */
export function findQuoted(text: string, literal: string): ConfigPosition | null {
  for (const quote of ["'", '"', '`']) {
    const index = text.indexOf(`${quote}${literal}${quote}`);
    if (index !== -1) return lineAndColumn(text, index);
  }
  if (/^[A-Za-z_$][\w$]*$/u.test(literal)) {
    const bare = new RegExp(`\\b${literal}\\s*:`, 'u').exec(text);
    if (bare !== null) return lineAndColumn(text, bare.index);
  }
  return null;
}

/**
 * Where the config file's syntax breaks, as ESLint's own parser (TypeScript's for `.ts` configs) sees it;
 * `null` when it parses. Node's ES module loader reports a syntax error without its place.
 * @performance one parse of the config file (TypeScript's parser is loaded for a `.ts` one); only on the
 * error path.
 */
export async function syntaxErrorPosition(text: string, configFile: string): Promise<ConfigPosition | null> {
  const linter = new Linter({ configType: 'flat' });
  const languageOptions: Linter.LanguageOptions = TYPESCRIPT_CONFIG.test(configFile)
    ? { parser: (await import('@typescript-eslint/parser')) as Linter.Parser, sourceType: 'module' }
    : { ecmaVersion: 'latest', sourceType: configFile.endsWith('.cjs') ? 'commonjs' : 'module' };
  const fatal = linter.verify(text, [{ files: ['**/*'], languageOptions }], 'eslint.config.js').find((message) => message.fatal === true);
  return fatal === undefined ? null : { line: fatal.line, column: fatal.column };
}

// An error thrown while the config module runs names the file in its stack: `file:///…/eslint.config.js?mtime=…:2:7`.
function thrownAt(error: Error, configFile: string): ConfigPosition | null {
  for (const frame of (error.stack ?? '').split('\n')) {
    const match = /(file:\/\/[^\s)?]+)(?:\?[^\s):]*)?:(\d+):(\d+)/u.exec(frame);
    if (match === null) continue;
    let file: string;
    try {
      file = fileURLToPath(match[1] ?? '');
    } catch {
      continue;
    }
    if (path.resolve(file) === path.resolve(configFile)) return { line: Number(match[2]), column: Number(match[3]) };
  }
  return null;
}

/** ESLint's message on one line per line, its tabs kept as two spaces. */
function eslintWords(message: string): string {
  return message
    .split('\n')
    .map((line: string): string => line.replace(/^\t+/u, (tabs: string): string => '  '.repeat(tabs.length)).trimEnd())
    .filter(Boolean)
    .join('\n');
}

function unknownRuleHint(message: string): string | null {
  const notFound = RULE_NOT_FOUND.exec(message);
  const ruleId = RULE_KEY.exec(message)?.[1];
  if (notFound === null || ruleId === undefined) return null;
  if (notFound[3] !== undefined) return `unknown rule ${ruleId}: no plugin "${notFound[3]}" is loaded in this config`;
  const plugin = notFound[2];
  return plugin === '@' ? `unknown rule ${ruleId}: ESLint has no core rule of that name` : `unknown rule ${ruleId}: plugin "${plugin}" has no rule "${notFound[1]}"`;
}

/**
 * Explains why ESLint could not load or validate `configFile`: the place (`eslint.config.js:7:5`, found
 * from the error's stack, a parse of the file, or the rule id / package name the message quotes) and
 * ESLint's own message; an unknown rule id is named first. `displayFrom` is the folder the path is
 * shown relative to.
 * @performance reads the config file once; only on the error path.
 */
export async function describeConfigError(error: unknown, configFile: string, displayFrom: string): Promise<string> {
  const message = error instanceof Error ? error.message : String(error);
  const text = await readFile(configFile, 'utf8').catch((): string => '');
  let position: ConfigPosition | null = null;
  if (error instanceof Error) position = thrownAt(error, configFile);
  if (position === null && error instanceof SyntaxError && text !== '') position = await syntaxErrorPosition(text, configFile);
  const ruleId = RULE_KEY.exec(message)?.[1];
  if (position === null && ruleId !== undefined) position = findQuoted(text, ruleId);
  const missing = MISSING_PACKAGE.exec(message)?.[1];
  if (position === null && missing !== undefined) position = findQuoted(text, missing);
  const shown = path.relative(displayFrom, configFile) || path.basename(configFile);
  const shownFile = shown.startsWith('..') ? configFile : shown.split(path.sep).join('/');
  const where = position === null ? shownFile : `${shownFile}:${position.line}${position.column === undefined ? '' : `:${position.column}`}`;
  const hint = unknownRuleHint(message);
  return `${where}: ${hint === null ? '' : `${hint}\n`}${eslintWords(message)}`;
}

/**
 * The ConfigurationError to throw for an error ESLint raised while loading or validating `configFile`.
 * @performance see describeConfigError.
 */
export async function configurationError(error: unknown, configFile: string, displayFrom: string): Promise<ConfigurationError> {
  return new ConfigurationError(`cannot use the ESLint config: ${await describeConfigError(error, configFile, displayFrom)}`);
}
