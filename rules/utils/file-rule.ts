import type { TSESLint } from '@typescript-eslint/utils';
import { optionsBaseFolder } from '../../standards/shared/config-folder.js';
import { baseName, toProjectPath } from '../../standards/shared/project-paths.js';

/** File-level rules judge names, not code, so they declare every language. */
export const ALL_LANGUAGES: string[] = ['*'] as const;

/** Where a file-level problem is shown: the first character of the file, in the language's own columns. */
export interface FileLocation {
  readonly line: number;
  readonly column: number;
}

interface LocatableSourceCode {
  readonly ast: { readonly type: string };
  getLoc?(node: unknown): { start: FileLocation } | undefined;
}

const PROGRAM_START: FileLocation = Object.freeze({ line: 1, column: 0 });

/**
 * The first character of the file being linted. A JS `Program` starts at its first token, not at the top
 * of the file, so it gets line 1, column 0; other roots (Markdown `root`, JSON `Document`, CSS
 * `StyleSheet`, the file language's `File`) span the whole file and carry their language's first column.
 * @complexity O(1).
 */
export function fileStart(context: { readonly sourceCode: unknown }): FileLocation {
  const sourceCode = context.sourceCode as LocatableSourceCode;
  if (sourceCode.ast.type === 'Program') return PROGRAM_START;
  const start = sourceCode.getLoc?.(sourceCode.ast)?.start;
  return start === undefined ? PROGRAM_START : { line: start.line, column: start.column };
}

// Shared by every file: a file-level rule has nothing to visit.
const NO_LISTENERS: TSESLint.RuleListener = Object.freeze({});

/** The file being linted, as the file-name standards see it. */
export interface LintedFile {
  /**
   * Relative to `base` (the folder of the config file that applies, which option globs are relative to),
   * with `/` separators.
   */
  readonly projectPath: string;
  /** The absolute folder `projectPath` is relative to (see optionsBaseFolder). */
  readonly base: string;
  /** The last segment of `projectPath`. */
  readonly fileName: string;
}

// The four file-name rules run one after the other on the same file, so the last answer is kept: a pure
// function of (filename, cwd, settings), so it cannot carry anything from one file to the next.
let lastFilename = '';
let lastCwd = '';
let lastSettings: unknown = null;
let lastFile: LintedFile | null = null;

function lintedFile(filename: string, cwd: string, settings: unknown): LintedFile | null {
  if (filename === lastFilename && cwd === lastCwd && settings === lastSettings) return lastFile;
  const base = optionsBaseFolder(filename, cwd, settings);
  const projectPath = toProjectPath(filename, base);
  lastFile = projectPath === null ? null : { projectPath, base, fileName: baseName(projectPath) };
  lastFilename = filename;
  lastCwd = cwd;
  lastSettings = settings;
  return lastFile;
}

/**
 * Calls `check` for the file being linted, with its project path (relative to the folder of the config
 * file that applies, as ESLint's `files` are) and name, whichever language parsed it; virtual names (`<input>`) are skipped. A file's name is
 * known before ESLint walks its tree, so the check runs inside `create()` and the rule registers no
 * listeners: nothing is allocated or dispatched per node, and files in any language, including ones this
 * plugin has never heard of, are judged alike. Report with `loc: fileStart(context)`.
 * @performance O(length of the path) for the first rule on a file, O(1) for the others; no listener.
 */
export function checkFileName<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  check: (file: LintedFile) => void,
): TSESLint.RuleListener {
  const file = lintedFile(context.filename, context.cwd, context.settings);
  if (file !== null) check(file);
  return NO_LISTENERS;
}
