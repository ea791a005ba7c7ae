import type { File, Language, OkParseResult, SourceLocation, SourceRange, TraversalStep } from '@eslint/core';

/**
 * The whole file as one node. Its contents are never parsed: the language exists so that `eslint` can
 * run the file-name rules on files no other language handles (.py, .sh, .txt, ...), at the cost of
 * reading the file and nothing more.
 */
export interface FileNode {
  readonly type: 'File';
  readonly loc: SourceLocation;
  readonly range: SourceRange;
}

export type FileLanguageOptions = Record<string, never>;

const ORIGIN = Object.freeze({ line: 1, column: 0 });

class FileSourceCode {
  readonly visitorKeys: Record<string, string[]> = { File: [] };
  readonly text: string;
  readonly ast: FileNode;

  constructor(text: string, ast: FileNode) {
    this.text = text;
    this.ast = ast;
  }

  getLoc(node: FileNode): SourceLocation {
    return node.loc;
  }

  getRange(node: FileNode): SourceRange {
    return node.range;
  }

  *traverse(): Iterable<TraversalStep> {
    yield { kind: 1, target: this.ast, phase: 1, args: [this.ast, null] };
    yield { kind: 1, target: this.ast, phase: 2, args: [this.ast, null] };
  }
}

export const fileLanguage: Language<{
  LangOptions: FileLanguageOptions;
  Code: FileSourceCode;
  RootNode: FileNode;
  Node: FileNode;
}> = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: 'type',
  visitorKeys: { File: [] },
  defaultLanguageOptions: {},

  // No options; other languages' options from config blocks without `files` (typescript-eslint's `parser`,
  // `globals`) reach every file and are ignored, as @eslint/json and @eslint/css ignore them.
  validateLanguageOptions(): void {},

  parse(): OkParseResult<FileNode> {
    return { ok: true, ast: { type: 'File', loc: { start: ORIGIN, end: ORIGIN }, range: [0, 0] } };
  },

  createSourceCode(file: File, input: OkParseResult<FileNode>): FileSourceCode {
    return new FileSourceCode(typeof file.body === 'string' ? file.body : '', input.ast);
  },
} as const;
