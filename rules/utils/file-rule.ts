import type { TSESLint } from '@typescript-eslint/utils';
import { toProjectPath } from '../../standards/project-paths.js';

/**
 * The root node type of every language a file-level rule supports: JavaScript/TypeScript, Markdown
 * (`@eslint/markdown`), JSON (`@eslint/json`), CSS (`@eslint/css`) and this plugin's file language.
 */
export const ROOT_NODE_TYPES = ['Program', 'root', 'Document', 'StyleSheet', 'File'] as const;

/** File-level rules judge names, not code, so they declare every language. */
export const ALL_LANGUAGES: string[] = ['*'];

/** Where a file-level problem is shown: the first character of the file, in the language's own columns. */
export interface FileLocation {
  readonly line: number;
  readonly column: number;
}

interface LocatableSourceCode {
  readonly ast: unknown;
  getLoc?(node: unknown): { start: FileLocation } | undefined;
}

function fileStart(rootType: string, sourceCode: LocatableSourceCode): FileLocation {
  // A JS Program starts at its first token, not at the top of the file; other roots span the whole
  // file and carry their language's first column (1 for Markdown, JSON and CSS).
  if (rootType === 'Program') return { line: 1, column: 0 };
  const start = sourceCode.getLoc?.(sourceCode.ast)?.start;
  return start === undefined ? { line: 1, column: 0 } : { line: start.line, column: start.column };
}

/**
 * Listeners that call `check` once per file, whichever language parsed it, with the file's project path
 * (relative to the folder ESLint runs from) and where to report. Virtual names (`<input>`) are skipped.
 */
export function onEveryFile<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  check: (projectPath: string, location: FileLocation) => void,
): TSESLint.RuleListener {
  const projectPath = toProjectPath(context.filename, context.cwd);
  if (projectPath === null) return {};
  const listener = (node: { type: string }): void => {
    check(projectPath, fileStart(node.type, context.sourceCode as unknown as LocatableSourceCode));
  };
  const listeners: Record<string, typeof listener> = {};
  for (const type of ROOT_NODE_TYPES) listeners[type] = listener;
  return listeners as TSESLint.RuleListener;
}
