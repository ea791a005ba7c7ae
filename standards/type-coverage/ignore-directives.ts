import { createRequire } from 'node:module';
import type ts from 'typescript';
import type * as TsApiUtils from 'ts-api-utils';
import { typescript } from '../shared/typescript-runtime.js';

// ts-api-utils' CommonJS build, so TypeScript is required, not imported (see standards/typescript-runtime.ts).
const { forEachComment } = createRequire(import.meta.url)('ts-api-utils') as typeof TsApiUtils;

const DIRECTIVE = 'type-coverage:ignore-';
const NEXT_LINE = 'type-coverage:ignore-next-line';
const SAME_LINE = 'type-coverage:ignore-line';

/**
 * The 0-based lines that type-coverage's `ignore-next-line` and `ignore-line` directive comments exempt, found as
 * type-coverage finds them: every comment attached to a token (`forEachComment`, the same walk as the tsutils
 * function type-coverage calls), matched by substring in the trimmed comment body. (This comment names the
 * directives without their prefix: written out in full, even here, they would count.)
 * @performance one substring search over the text; the token walk only runs in files that mention a directive.
 */
export function collectIgnoreLines(sourceFile: ts.SourceFile): ReadonlySet<number> | undefined {
  const { text } = sourceFile;
  if (!text.includes(DIRECTIVE)) return undefined;
  let lines: Set<number> | undefined;
  forEachComment(
    sourceFile,
    (_fullText: string, comment: ts.CommentRange): void => {
      const body =
        comment.kind === typescript.SyntaxKind.SingleLineCommentTrivia
          ? text.substring(comment.pos + 2, comment.end).trim()
          : text.substring(comment.pos + 2, comment.end - 2).trim();
      const { line } = sourceFile.getLineAndCharacterOfPosition(comment.pos);
      if (body.includes(NEXT_LINE)) (lines ??= new Set()).add(line + 1);
      else if (body.includes(SAME_LINE)) (lines ??= new Set()).add(line);
    },
    sourceFile,
  );
  return lines;
}
