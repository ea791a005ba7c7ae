import path from 'node:path';
import type { ParserServicesWithTypeInformation, TSESLint } from '@typescript-eslint/utils';

// Files a typed rule cannot do without type information: TypeScript sources. A JavaScript file parsed
// without a program is one no tsconfig is asked about (type-coverage does not count it either).
const TYPESCRIPT_SOURCE = /\.(?:ts|tsx|mts|cts)$/u;

/**
 * What to tell the user when the typed rule `ruleId` cannot run on `file` (as shown, relative to the
 * project): one sentence naming the rule, the file and the fix. A TypeScript file needs type information;
 * any other file (README.md, a .py script) needs the rule kept to TypeScript files.
 * @complexity O(1).
 */
export function typedRuleCannotRun(ruleId: string, file: string): string {
  if (TYPESCRIPT_SOURCE.test(file)) {
    return `${ruleId} needs type information for ${file}, which was parsed without it: lint TypeScript files with type information (\`...perfStandards.configs.recommendedTypeChecked\`, or \`languageOptions.parserOptions.projectService: true\` in a config block whose \`files\` include this file), or turn the rule off for it.`;
  }
  return `${ruleId} needs type information, which ${file} cannot have: enable the rule for TypeScript files only (\`files: ['**/*.{ts,tsx,mts,cts}']\` on its config block), or turn it off for this file.`;
}

/**
 * Thrown by a typed rule on a TypeScript file that was parsed without type information: a configuration
 * problem, not a finding. ESLint prefixes the message with the rule and appends the file, so the error
 * also carries both, for `perf-standards check` to print one line.
 * @complexity O(1).
 */
export class MissingTypeInformationError extends Error {
  override readonly name = 'MissingTypeInformationError';
  readonly ruleId: string;
  /** The file, relative to ESLint's cwd. */
  readonly file: string;

  constructor(ruleId: string, file: string) {
    super(typedRuleCannotRun(ruleId, file));
    this.ruleId = ruleId;
    this.file = file;
  }
}

/**
 * The type information a typed rule works with on this file, or `null` when the rule has nothing to judge
 * here and must stay silent, as typescript-eslint users expect of a rule enabled in a block without `files`:
 * a file of another language (Markdown, JSON, CSS, the plugin's name-only file language), a JavaScript file
 * parsed without a program, or a code block a processor extracted from another file (no tsconfig covers
 * it).
 * @throws MissingTypeInformationError for a TypeScript file on disk parsed without type information.
 * @complexity O(1).
 */
export function typeInformationOrSkip(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ParserServicesWithTypeInformation | null {
  const { sourceCode } = context;
  if ((sourceCode.ast as { readonly type?: string } | undefined)?.type !== 'Program') return null;
  const services = sourceCode.parserServices;
  if (services?.program != null && services.esTreeNodeToTSNodeMap != null) return services as ParserServicesWithTypeInformation;
  const isCodeBlock = context.physicalFilename !== context.filename;
  if (isCodeBlock || !TYPESCRIPT_SOURCE.test(context.filename)) return null;
  const file = path.relative(context.cwd, context.filename).split(path.sep).join('/') || context.filename;
  throw new MissingTypeInformationError(context.id, file);
}
