import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from './git-process.js';

/** Where the ignore patterns came from. */
export type IgnoreSource = 'git' | '.gitignore' | 'none';

export interface GitIgnores {
  /** ESLint ignore patterns relative to the cwd they were computed for. */
  readonly patterns: readonly string[];
  readonly source: IgnoreSource;
}

/**
 * A literal path as an ESLint ignore pattern. Git prints paths verbatim; ESLint reads patterns as globs, so
 * characters glob syntax gives a meaning are escaped (`#` and `!` only mean something at the start).
 * @complexity O(length of the path).
 */
export const escapeGlob = (literal: string): string => literal.replace(/[*?[\]{}()\\]|^[#!]/gu, '\\$&');

/**
 * What git ignores under `cwd` (restricted to `pathspecs`), as ESLint ignore patterns. Git evaluates
 * every ignore source (nested .gitignore files, .git/info/exclude, core.excludesFile) with its own
 * matcher, which no glob translation reproduces exactly. Tracked files that match an ignore pattern are
 * listed too (`--cached`): a linter that "respects .gitignore" skips what the patterns say, as
 * `eslint` with `includeIgnoreFile` does, whether or not someone force-added the file. `--directory`
 * collapses an ignored folder to one entry, so the list stays short. `null` outside a git work tree, or
 * when git is not installed.
 * @performance one `git ls-files` process; git reads its index, not the files.
 */
export async function ignoredByGit(cwd: string, pathspecs: readonly string[]): Promise<readonly string[] | null> {
  const output = await runGit(cwd, [
    'ls-files', '-z', '--cached', '--others', '--ignored', '--exclude-standard', '--directory', '--', ...pathspecs,
  ]);
  if (output === null) return null;
  // `./` means the target itself is ignored (say, `check node_modules/zod`): the user asked for it by
  // name, so what is ignored around it does not apply.
  return output
    .split('\0')
    .filter((entry: string): boolean => entry !== '' && entry !== './')
    .map(escapeGlob);
}

/**
 * Translates one .gitignore line into an ESLint ignore pattern relative to the .gitignore's folder, or
 * `null` for blank lines and comments. Git's rules: a pattern without an inner `/` matches at any
 * depth; a leading `/` anchors it; a trailing `/` matches folders only; `!` re-includes. Braces and
 * parentheses are literal in git but syntax in ESLint's globs, so they are escaped.
 * @complexity O(length of the line).
 */
export function gitignoreLineToPattern(line: string): string | null {
  let text = line.replace(/\r$/u, '').replace(/(?<!\\)\s+$/u, '');
  if (text === '' || text.startsWith('#')) return null;
  let negated = '';
  if (text.startsWith('!')) {
    negated = '!';
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  const innerSlash = text.replace(/\/$/u, '').includes('/');
  const body = text.replace(/^\//u, '').replace(/[{}()]/gu, '\\$&').replace(/^[#!]/u, '\\$&');
  if (body === '' || body === '/') return null;
  return `${negated}${innerSlash ? '' : '**/'}${body}`;
}

/**
 * The root .gitignore of `cwd` as ESLint ignore patterns; for folders outside a git work tree, where
 * git cannot be asked. Nested .gitignore files are not read there.
 * @complexity O(size of the file).
 */
export async function ignoredByRootGitignore(cwd: string): Promise<readonly string[] | null> {
  let text: string;
  try {
    text = await readFile(path.join(cwd, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  return text
    .split('\n')
    .map(gitignoreLineToPattern)
    .filter((pattern: string | null): pattern is string => pattern !== null);
}

/**
 * The ignore patterns `perf-standards check` adds to ESLint's own: git's answer inside a work tree, the
 * root .gitignore outside one.
 * @performance one git process, or one file read.
 */
export async function resolveGitIgnores(cwd: string, pathspecs: readonly string[]): Promise<GitIgnores> {
  const fromGit = await ignoredByGit(cwd, pathspecs);
  if (fromGit !== null) return { patterns: fromGit, source: 'git' };
  const fromFile = await ignoredByRootGitignore(cwd);
  if (fromFile !== null) return { patterns: fromFile, source: '.gitignore' };
  return { patterns: [], source: 'none' };
}

/** The ignore rule git applies to a path: where it is written and what it says. */
export interface IgnoreRule {
  /** The file holding it, relative to the folder asked about (`.gitignore`, `../.gitignore`, `.git/info/exclude`), or absolute (a global excludes file). */
  readonly source: string;
  /** 1-based line of the rule in `source`. */
  readonly line: number;
  readonly pattern: string;
}

/**
 * The rule that makes git ignore `projectPath` (relative to `cwd`; it need not exist), or `null` when git
 * does not ignore it: not matched, re-included by a `!` rule, already tracked, outside a work tree, or no git.
 * @performance one `git check-ignore` process, and one `git rev-parse` when a rule matches.
 */
export async function ignoreRuleFor(cwd: string, projectPath: string): Promise<IgnoreRule | null> {
  const output = await runGit(cwd, ['check-ignore', '--verbose', '--', projectPath]);
  // `<source>:<line>:<pattern>\t<path>`: the line number is the first all-digit field (a Windows source
  // path has a `:` of its own). `-z` would need --stdin.
  const match = /^(.*?):(\d+):(.*)\t/u.exec(output ?? '');
  if (match === null) return null;
  const [, source = '', line = '', pattern = ''] = match;
  if (pattern.startsWith('!')) return null;
  if (path.isAbsolute(source)) return { source, line: Number(line), pattern };
  // git names the file from the top of the work tree; the user reads paths from where they ran the command.
  const [up = '', prefix = ''] = ((await runGit(cwd, ['rev-parse', '--show-cdup', '--show-prefix'])) ?? '').split('\n');
  const fromHere = prefix !== '' && source.startsWith(prefix) ? source.slice(prefix.length) : path.posix.join(up, source);
  return { source: fromHere, line: Number(line), pattern };
}
