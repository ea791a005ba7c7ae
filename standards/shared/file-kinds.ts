import { DOC_EXTENSIONS } from '../docs/trivial-docs.js';

/**
 * The files whose names the standards judge beyond JavaScript and TypeScript: scripts in other
 * languages (one-off scripts are forbidden in every language), docs, and package.json (where
 * `require-docs` reports). `eslint` only visits files some config names, so the recommended config
 * lints these with the plugin's file language, which reads names and never parses contents.
 */
export const SCRIPT_EXTENSIONS: readonly string[] = Object.freeze([
  '.py', '.pyi', '.sh', '.bash', '.zsh', '.fish', '.ps1', '.bat', '.cmd',
  '.rb', '.pl', '.php', '.lua', '.r', '.go', '.rs', '.java', '.kt', '.scala', '.swift', '.sql',
]);

/** JavaScript dialects ESLint's default parser cannot read. */
export const TYPESCRIPT_EXTENSIONS: readonly string[] = Object.freeze(['.ts', '.tsx', '.mts', '.cts', '.jsx']);

const braceGlob = (extensions: readonly string[]): string =>
  `**/*.{${extensions.map((extension: string): string => extension.slice(1)).join(',')}}`;

export const NAME_ONLY_FILE_GLOBS: readonly string[] = Object.freeze([
  braceGlob([...SCRIPT_EXTENSIONS, ...DOC_EXTENSIONS]),
  '**/package.json',
]);

export const TYPESCRIPT_FILE_GLOBS: readonly string[] = Object.freeze([braceGlob(TYPESCRIPT_EXTENSIONS)]);
