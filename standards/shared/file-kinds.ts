import { DOC_EXTENSIONS } from '../docs/trivial-docs.js';
import { extensionOf } from '../file-names/file-name-parts.js';

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

/** Python, which the plugin's Python language parses (`perf-standards/python`). */
export const PYTHON_EXTENSIONS: readonly string[] = Object.freeze(['.py', '.pyi']);

/** JavaScript, which ESLint's default parser reads. */
export const JAVASCRIPT_EXTENSIONS: readonly string[] = Object.freeze(['.js', '.mjs', '.cjs']);

/**
 * The files the file-name standards cover: code, scripts and docs, by their last extension in any case
 * (`Temp-Loader.TS` is TypeScript by name), and package.json. The recommended configs hand ESLint
 * exactly these (see NAME_ONLY_FILE_GLOBS), so `perf-standards check` judges exactly the files
 * `rename-one-off-scripts` renames. A config may hand the rules more (CSS through @eslint/css, ...).
 */
export const NAME_JUDGED_EXTENSIONS: ReadonlySet<string> = new Set([
  ...JAVASCRIPT_EXTENSIONS, ...TYPESCRIPT_EXTENSIONS, ...SCRIPT_EXTENSIONS, ...DOC_EXTENSIONS,
]);

/**
 * Whether the file-name standards cover a file, by its name (no folders); see NAME_JUDGED_EXTENSIONS.
 * @complexity O(name length).
 */
export function isNameJudgedFile(fileName: string): boolean {
  return fileName === 'package.json' || NAME_JUDGED_EXTENSIONS.has(extensionOf(fileName));
}

const braceGlob = (extensions: readonly string[]): string =>
  `**/*.{${extensions.map((extension: string): string => extension.slice(1)).join(',')}}`;

// ESLint matches `files` case-sensitively: `[tT][sS]` matches every spelling of `.ts`.
const anyCase = (extension: string): string =>
  [...extension].map((char: string): string => (char.toLowerCase() === char.toUpperCase() ? char : `[${char.toLowerCase()}${char.toUpperCase()}]`)).join('');

/**
 * Files that are read for their names only (the plugin's file language): scripts and docs, and code
 * whose extension is not in lower case (`Temp-Loader.TS`), which no parser's config block names. Code
 * in lower case (NAME_ONLY_FILE_IGNORES) keeps its parser.
 */
export const NAME_ONLY_FILE_GLOBS: readonly string[] = Object.freeze([
  braceGlob([...NAME_JUDGED_EXTENSIONS].map(anyCase)),
  '**/package.json',
]);

/** Code ESLint parses (the default parser, the TypeScript block, the Python language), left out of the name-only block. */
export const NAME_ONLY_FILE_IGNORES: readonly string[] = Object.freeze([braceGlob([...JAVASCRIPT_EXTENSIONS, ...TYPESCRIPT_EXTENSIONS, ...PYTHON_EXTENSIONS])]);

export const TYPESCRIPT_FILE_GLOBS: readonly string[] = Object.freeze([braceGlob(TYPESCRIPT_EXTENSIONS)]);

/** Python sources and stubs, parsed by the plugin's Python language in the recommended configs. */
export const PYTHON_FILE_GLOBS: readonly string[] = Object.freeze(PYTHON_EXTENSIONS.map((extension: string): string => `**/*${extension}`));

/** JavaScript and TypeScript sources, where the recommended configs enable the rules that declare `js/js`. */
export const JAVASCRIPT_AND_TYPESCRIPT_FILE_GLOBS: readonly string[] = Object.freeze([braceGlob([...JAVASCRIPT_EXTENSIONS, ...TYPESCRIPT_EXTENSIONS])]);
