import type { TSESTree } from '@typescript-eslint/utils';

const TERMINATED: ReadonlySet<string> = new Set([
  'ImportDeclaration',
  'VariableDeclaration',
  'ExpressionStatement',
  'TSTypeAliasDeclaration',
  'ExportAllDeclaration',
]);

/** The quote and semicolon habits of a file, so inserted code reads like the code around it. */
export interface CodeStyle {
  readonly singleQuotes: boolean;
  readonly semicolons: boolean;
}

/**
 * Majority vote over the file's string tokens and top-level statements; ties go to `'` and `;`.
 * @complexity O(tokens)
 */
export function detectCodeStyle(program: TSESTree.Program, text: string, tokens: readonly TSESTree.Token[]): CodeStyle {
  let single = 0;
  let double = 0;
  for (const token of tokens) {
    if (token.type !== 'String') continue;
    if (token.value.startsWith("'")) single++;
    else if (token.value.startsWith('"')) double++;
  }
  let withSemicolon = 0;
  let without = 0;
  for (const statement of program.body) {
    // Only statements that end in an optional `;` vote; blocks, functions and classes end in `}`.
    const votes =
      TERMINATED.has(statement.type) ||
      (statement.type === 'ExportNamedDeclaration' && (statement.declaration === null || TERMINATED.has(statement.declaration.type)));
    if (!votes) continue;
    if (text[statement.range[1] - 1] === ';') withSemicolon++;
    else without++;
  }
  return { singleQuotes: single >= double, semicolons: withSemicolon >= without };
}
