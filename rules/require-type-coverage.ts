import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type ts from 'typescript';
import { countFileExplainable, UncoveredKind, type Uncovered } from '../standards/type-coverage/count.js';
import {
  BOOLEAN_COUNT_OPTIONS,
  COUNT_OPTION_DESCRIPTIONS as DESCRIBE,
  compileIgnoreFiles,
  coveragePercent,
  DEFAULT_TYPE_COVERAGE_THRESHOLD,
  resolveCountOptions,
  type BooleanCountOption,
} from '../standards/type-coverage/options.js';
import { memoizeByOptions } from '../standards/shared/project-paths.js';
import { createRule } from './utils/create-rule.js';
import { typeInformationOrSkip } from './utils/type-information.js';

export type Options = [
  Partial<Record<BooleanCountOption, boolean>> & {
    threshold?: number;
    reportUncovered?: boolean;
    reportUnusedIgnore?: boolean;
    ignoreFiles?: string[];
  },
];

export type MessageIds =
  | 'belowThreshold'
  | 'uncoveredAny'
  | 'uncoveredAnyBetter'
  | 'uncoveredContainsAny'
  | 'unsafeAssertion'
  | 'unsafeNonNull'
  | 'semanticError'
  | 'unusedIgnore';

const booleanOptions: Record<string, JSONSchema4> = Object.fromEntries(
  BOOLEAN_COUNT_OPTIONS.map((name: BooleanCountOption): [string, JSONSchema4] => [name, { type: 'boolean', description: DESCRIBE[name] }]),
);

const compileIgnore = memoizeByOptions(compileIgnoreFiles);

const MESSAGE_OF_KIND: Readonly<Record<UncoveredKind, MessageIds>> = Object.freeze({
  [UncoveredKind.any]: 'uncoveredAny',
  [UncoveredKind.containsAny]: 'uncoveredContainsAny',
  [UncoveredKind.unsafeAs]: 'unsafeAssertion',
  [UncoveredKind.unsafeTypeAssertion]: 'unsafeAssertion',
  [UncoveredKind.unsafeNonNull]: 'unsafeNonNull',
  [UncoveredKind.semanticError]: 'semanticError',
  [UncoveredKind.unusedIgnore]: 'unusedIgnore',
});

// Reports quote source text; a long expression is cut so the message stays one line.
function quote(text: string): string {
  const line = text.replace(/\s+/gu, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

export default createRule<Options, MessageIds>({
  name: 'require-type-coverage',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require the type coverage of each file (identifiers not typed `any`, counted exactly as the `type-coverage` tool counts them) to reach a threshold',
      recommended: 'recommendedTypeChecked',
      defaultSeverity: 'error',
      requiresTypeChecking: true,
    },
    messages: {
      belowThreshold: 'Type coverage {{percent}}% ({{covered}}/{{total}}) is below {{threshold}}%.',
      uncoveredAny: '`{{name}}` is typed `{{type}}`: give it a real type.',
      uncoveredAnyBetter: '`{{name}}` is typed `{{type}}`; where it is used the checker expects `{{betterType}}`: annotate it with that type.',
      uncoveredContainsAny: '`{{name}}` is typed `{{type}}`, which contains `any`: give the type arguments real types.',
      unsafeAssertion: 'The assertion `{{name}}` is not checked by the compiler: narrow the value with a type guard instead.',
      unsafeNonNull: 'The non-null assertion `{{name}}` is not checked by the compiler: test for null or undefined instead.',
      semanticError: 'TypeScript error, counted as uncovered: {{name}}',
      unusedIgnore: 'This `type-coverage:ignore` directive ignores nothing: remove it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          threshold: {
            type: 'number',
            minimum: 0,
            maximum: 100,
            description: `The lowest acceptable coverage of a file, in percent (default ${DEFAULT_TYPE_COVERAGE_THRESHOLD}, the standards' quality gate); compared with the floored two-decimal percentage type-coverage prints.`,
          },
          reportUncovered: {
            type: 'boolean',
            description:
              'Whether a file under the threshold also gets one report per uncovered occurrence, with its type and, when the checker knows one, a better type (default `true`); `false` keeps only the report at the top of the file.',
          },
          ...booleanOptions,
          reportUnusedIgnore: { type: 'boolean', description: DESCRIBE.reportUnusedIgnore },
          ignoreFiles: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: DESCRIBE.ignoreFiles,
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const { threshold = DEFAULT_TYPE_COVERAGE_THRESHOLD, reportUncovered = true, ignoreFiles = [], ...countOptions } = options;
    // Relative to the working directory, as type-coverage matches them (ESLint's cwd is the project root).
    const relativePath = path.relative(context.cwd, path.resolve(context.cwd, context.filename));
    if (ignoreFiles.length > 0 && compileIgnore(ignoreFiles)(relativePath)) return {};
    // Enabled in a block without `files`, the rule also meets README.md, .py and JavaScript files.
    const services = typeInformationOrSkip(context);
    if (services === null) return {};
    const resolved = resolveCountOptions({ ...countOptions, ignoreFiles });
    return {
      'Program:exit'(program: TSESTree.Program): void {
        const sourceFile = services.esTreeNodeToTSNodeMap.get(program) as ts.SourceFile;
        // Types are only put into words for a file that gets the per-occurrence reports.
        const result = countFileExplainable(sourceFile, services.program, resolved);
        if (result.total === 0) return;
        const percent = coveragePercent(result.covered, result.total);
        if (percent >= threshold) return;
        context.report({
          loc: { line: 1, column: 0 },
          messageId: 'belowThreshold',
          data: { percent: percent.toFixed(2), covered: result.covered, total: result.total, threshold },
        });
        if (!reportUncovered) return;
        for (const entry of result.explain()) reportEntry(entry);
      },
    };

    function reportEntry(entry: Uncovered): void {
      const start = { line: entry.line + 1, column: entry.character };
      const loc = entry.text.includes('\n') || entry.kind === UncoveredKind.semanticError || entry.kind === UncoveredKind.unusedIgnore
        ? start
        : { start, end: { line: start.line, column: start.column + entry.text.length } };
      const betterType = entry.kind === UncoveredKind.any ? entry.betterType : undefined;
      context.report({
        loc,
        messageId: betterType === undefined ? MESSAGE_OF_KIND[entry.kind] : 'uncoveredAnyBetter',
        // A compiler message is shown whole; source text is quoted on one line.
        data: { name: entry.kind === UncoveredKind.semanticError ? entry.text : quote(entry.text), type: entry.type ?? 'any', betterType },
      });
    }
  },
});
