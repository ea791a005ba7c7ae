import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { detectCodeStyle, type CodeStyle } from '../standards/explicit-types/code-style.js';
import { ANNOTATABLE_FILE, annotationInsertions, findMissingAnnotations, type MissingAnnotation } from '../standards/explicit-types/missing-annotations.js';
import {
  EXPLICIT_TYPES_OPTION_DESCRIPTIONS as DESCRIBE,
  resolveExplicitTypesOptions,
  type ExplicitTypesScope,
} from '../standards/explicit-types/options.js';
import { declarationFor, printerFor, shortenType, type AnnotationRequest, type InferredAnnotation } from '../standards/explicit-types/type-printing.js';
import { missingPythonAnnotations } from '../standards/explicit-types/python-annotations.js';
import { PYRIGHT_TIMEOUT_DESCRIPTION, PYRIGHT_TIMEOUT_OPTION } from '../standards/explicit-types/python-pyright.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';

export type Options = [
  {
    scope?: ExplicitTypesScope;
    allowTypedFunctionExpressions?: boolean;
    allowHigherOrderFunctions?: boolean;
    allowDirectConstAssertionInArrowFunctions?: boolean;
    allowedNames?: string[];
    allowExpressions?: boolean;
    pyrightTimeoutSeconds?: number;
  },
];

type Variant = '' | 'Inferred' | 'ByHand';
export type MessageIds =
  | `missingReturnType${Variant}`
  | `missingParameterType${Variant}`
  | `missingPropertyType${Variant}`
  | 'addInferredType';

const MESSAGE_PREFIX = {
  return: 'missingReturnType',
  parameter: 'missingParameterType',
  property: 'missingPropertyType',
} as const;


export default createRule<Options, MessageIds>({
  name: 'require-explicit-types',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require type annotations on function parameters, function and method return types, and class properties without an initializer',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    hasSuggestions: true,
    messages: {
      missingReturnType: 'Add a return type to {{name}}.',
      missingReturnTypeInferred: 'Add a return type to {{name}}: the checker infers "{{type}}".',
      missingReturnTypeByHand: 'Add a return type to {{name}} by hand: {{reason}}.',
      missingParameterType: 'Add a type to parameter {{name}} of {{functionName}}.',
      missingParameterTypeInferred: 'Add a type to parameter {{name}} of {{functionName}}: the checker infers "{{type}}".',
      missingParameterTypeByHand: 'Add a type to parameter {{name}} of {{functionName}} by hand: {{reason}}.',
      missingPropertyType: 'Add a type to property {{name}}.',
      missingPropertyTypeInferred: 'Add a type to property {{name}}: the checker infers "{{type}}".',
      missingPropertyTypeByHand: 'Add a type to property {{name}} by hand: {{reason}}.',
      addInferredType: 'Annotate it with the inferred type `{{type}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          scope: { type: 'string', enum: ['exported', 'all'], description: DESCRIBE.scope },
          allowTypedFunctionExpressions: { type: 'boolean', description: DESCRIBE.allowTypedFunctionExpressions },
          allowHigherOrderFunctions: { type: 'boolean', description: DESCRIBE.allowHigherOrderFunctions },
          allowDirectConstAssertionInArrowFunctions: {
            type: 'boolean',
            description: DESCRIBE.allowDirectConstAssertionInArrowFunctions,
          },
          allowedNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: DESCRIBE.allowedNames,
          },
          allowExpressions: { type: 'boolean', description: DESCRIBE.allowExpressions },
          [PYRIGHT_TIMEOUT_OPTION]: { type: 'integer', minimum: 1, description: PYRIGHT_TIMEOUT_DESCRIPTION },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const python = pythonNamesOf(context);
    if (python !== null) {
      const allowed = new Set(options.allowedNames ?? []);
      return asRuleListener({
        FunctionDefinition(fn: PythonNode): void {
          if (allowed.has(python.definitionName(fn))) return;
          for (const item of missingPythonAnnotations(fn, python)) {
            context.report({
              loc: item.loc,
              messageId: item.kind === 'return' ? 'missingReturnType' : 'missingParameterType',
              data: { name: item.name, functionName: item.functionName },
            });
          }
        },
      });
    }
    // Plain JavaScript cannot carry annotations (the recommended config enables every rule on every file).
    if (!ANNOTATABLE_FILE.test(context.filename)) return {};
    const resolved = resolveExplicitTypesOptions(options);
    const { sourceCode } = context;
    // With `scope: "exported"` only what an `export` exposes is judged: a file without one has nothing to report.
    if (resolved.scope === 'exported' && !sourceCode.text.includes('export')) return {};
    return {
      'Program:exit'(program: TSESTree.Program): void {
        const tokens = program.tokens ?? [];
        const missing = findMissingAnnotations(program, sourceCode.text, tokens, resolved);
        if (missing.length === 0) return;
        const services = sourceCode.parserServices;
        const tsProgram = services?.program ?? undefined;
        const nodeMap = services?.esTreeNodeToTSNodeMap;
        let style: CodeStyle | undefined;
        for (const item of missing) {
          const prefix = MESSAGE_PREFIX[item.kind];
          const data = {
            name: item.name,
            functionName: item.kind === 'parameter' ? item.functionName : '',
          };
          const loc = {
            start: sourceCode.getLocFromIndex(item.report[0]),
            end: sourceCode.getLocFromIndex(item.report[1]),
          };
          const tsNode = tsProgram && nodeMap ? declarationFor(nodeMap.get(item.node as never) as ts.Node | undefined, item.kind) : undefined;
          if (tsProgram == null || tsNode === undefined) {
            context.report({ loc, messageId: prefix, data });
            continue;
          }
          style ??= detectCodeStyle(program, sourceCode.text, tokens);
          const request: AnnotationRequest = {
            kind: item.kind,
            declaration: tsNode,
            optional: item.kind !== 'return' && item.optional,
          };
          const inferred: InferredAnnotation = printerFor(tsProgram).infer(request, style);
          if (!inferred.ok) {
            context.report({ loc, messageId: `${prefix}ByHand`, data: { ...data, reason: inferred.reason } });
          } else if (inferred.imports.length > 0) {
            const reason = `the checker infers "${shortenType(inferred.text)}", which needs ${inferred.imports
              .map((needed) => `"${needed.name}" from "${needed.specifier}"${needed.isDefault ? ' (its default export)' : ''}`)
              .join(' and ')} imported first (the add-explicit-types codemod adds the import)`;
            context.report({ loc, messageId: `${prefix}ByHand`, data: { ...data, reason } });
          } else {
            const typeText = inferred.text;
            context.report({
              loc,
              messageId: `${prefix}Inferred`,
              data: { ...data, type: shortenType(typeText) },
              suggest: [
                {
                  messageId: 'addInferredType',
                  data: { type: shortenType(typeText) },
                  fix: (fixer) =>
                    annotationInsertions(item, typeText).map((insertion) =>
                      fixer.insertTextAfterRange([insertion.at, insertion.at], insertion.text),
                    ),
                },
              ],
            });
          }
        }
      },
    };
  },
});

