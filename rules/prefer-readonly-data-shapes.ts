import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  classFindings,
  constantFindings,
  importedNames,
  interfaceFindings,
  isAmbientScript,
  typeAliasFindings,
  type ShapeFinding,
  type TextEdit,
} from '../standards/immutable-data-shapes/mutable-shapes.js';
import {
  READONLY_SHAPES_OPTION_DESCRIPTIONS as DESCRIBE,
  resolveReadonlyShapesOptions,
} from '../standards/immutable-data-shapes/options.js';
import { toProjectPath } from '../standards/shared/project-paths.js';
import { optionsBaseFolder } from '../standards/shared/config-folder.js';
import { fileWrites, mutableConstants, mutableDataclass, type FileWrites, type MutableConstant } from '../standards/immutable-data-shapes/python-shapes.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import type { PythonTextEdit } from '../standards/shared/python-dataclasses.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, JAVASCRIPT_AND_PYTHON, pythonNamesOf } from './utils/python-rule.js';
import { ignoreSchema } from './utils/option-schemas.js';

export type Options = [
  {
    ignore?: string[];
    ignoreTypes?: string[];
    classes?: boolean;
    constants?: boolean;
    arrays?: boolean;
  },
];

export type MessageIds =
  | 'readonlyProperty'
  | 'readonlyArray'
  | 'frozenConstant'
  | 'addReadonly'
  | 'useReadonlyArray'
  | 'addAsConst'
  | 'wrapInObjectFreeze'
  | 'frozenDataclass'
  | 'addFrozen'
  | 'immutableConstant'
  | 'useImmutable';

const PYTHON_REPLACEMENTS: Readonly<Record<MutableConstant['shape'], string>> = {
  list: 'a tuple',
  set: 'a frozenset',
  dict: 'a `types.MappingProxyType`',
};

// Type-only syntax exists in TypeScript files alone; `.d.ts` files of dependencies are never linted.
const TYPESCRIPT_FILE = /\.(?:ts|tsx|mts|cts)$/;

export default createRule<Options, MessageIds>({
  name: 'prefer-readonly-data-shapes',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require `readonly` on the properties of interfaces, type-literal aliases and data classes, readonly arrays in them, and `as const` or `Object.freeze` on exported object and array constants',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: JAVASCRIPT_AND_PYTHON,
    hasSuggestions: true,
    messages: {
      readonlyProperty:
        'Make property {{name}} of {{owner}} readonly (the readonly-data-shapes codemod does it wherever no code writes it).',
      readonlyArray:
        'Make `{{name}}` in {{owner}} a readonly `{{replacement}}` (the readonly-data-shapes codemod does it wherever no code mutates it).',
      frozenConstant:
        'Freeze exported constant {{name}} with `as const` (the readonly-data-shapes codemod adds it wherever no code writes it) or `Object.freeze(...)`.',
      addReadonly: 'Add `readonly` to {{name}}.',
      useReadonlyArray: 'Write `{{replacement}}`.',
      addAsConst: 'Add `as const`.',
      wrapInObjectFreeze: 'Wrap the value in `Object.freeze(...)` (shallow, and frozen arrays iterate more slowly).',
      frozenDataclass: 'Make dataclass "{{name}}" frozen: this file never changes its instances after construction.',
      addFrozen: 'Add `frozen=True` to the decorator.',
      immutableConstant: 'Make module constant "{{name}}" {{replacement}}: this file only reads it.',
      useImmutable: 'Write it as {{replacement}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: { ...ignoreSchema, description: DESCRIBE.ignore },
          ignoreTypes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: DESCRIBE.ignoreTypes,
          },
          classes: { type: 'boolean', description: DESCRIBE.classes },
          constants: { type: 'boolean', description: DESCRIBE.constants },
          arrays: { type: 'boolean', description: DESCRIBE.arrays },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const python = pythonNamesOf(context);
    if (python === null && !TYPESCRIPT_FILE.test(context.filename)) return {};
    const resolved = resolveReadonlyShapesOptions(options);
    const projectPath = toProjectPath(context.filename, optionsBaseFolder(context.filename, context.cwd, context.settings));
    if (projectPath !== null && (resolved.isIgnored(projectPath) || projectPath.split('/').includes('node_modules'))) return {};
    if (python !== null) {
      const pythonFix = (edits: readonly PythonTextEdit[]) => (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] =>
        edits.map((edit: PythonTextEdit): TSESLint.RuleFix => fixer.replaceTextRange([...edit.range], edit.text));
      let writes: FileWrites | undefined;
      return asRuleListener({
        Module(): void {
          if (!resolved.constants) return;
          for (const constant of mutableConstants(python)) {
            if (resolved.isIgnoredType(constant.name)) continue;
            const data = { name: constant.name, replacement: PYTHON_REPLACEMENTS[constant.shape] };
            context.report({
              loc: constant.target.loc,
              messageId: 'immutableConstant',
              data,
              suggest: [{ messageId: 'useImmutable', data, fix: pythonFix(constant.edits) }],
            });
          }
        },
        ClassDefinition(classNode: PythonNode): void {
          if (!resolved.classes || resolved.isIgnoredType(python.definitionName(classNode))) return;
          const found = mutableDataclass(classNode, python, () => (writes ??= fileWrites(python.module, python)));
          if (found === null) return;
          context.report({
            loc: found.found.decorator.loc,
            messageId: 'frozenDataclass',
            data: { name: found.name },
            suggest: [{ messageId: 'addFrozen', fix: pythonFix([found.edit]) }],
          });
        },
      });
    }
    const { sourceCode } = context;
    const text = sourceCode.text;
    let imported: ReadonlySet<string> | undefined;
    const found: ShapeFinding[] = [];

    const editsFix =
      (edits: readonly TextEdit[]) =>
      (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] =>
        edits.map((edit: TextEdit): TSESLint.RuleFix => fixer.replaceTextRange([edit.at, edit.end], edit.text));

    const report = (finding: ShapeFinding): void => {
      const loc = { start: sourceCode.getLocFromIndex(finding.range[0]), end: sourceCode.getLocFromIndex(finding.range[1]) };
      const data = { name: finding.name, owner: finding.owner, replacement: finding.replacement };
      if (finding.kind === 'property') {
        context.report({ loc, messageId: 'readonlyProperty', data, suggest: [{ messageId: 'addReadonly', data, fix: editsFix(finding.edits) }] });
      } else if (finding.kind === 'array') {
        context.report({ loc, messageId: 'readonlyArray', data, suggest: [{ messageId: 'useReadonlyArray', data, fix: editsFix(finding.edits) }] });
      } else {
        context.report({
          loc,
          messageId: 'frozenConstant',
          data,
          suggest: [
            { messageId: 'addAsConst', data, fix: editsFix(finding.edits) },
            { messageId: 'wrapInObjectFreeze', data, fix: editsFix(finding.freezeEdits) },
          ],
        });
      }
    };

    let skipFile = false;
    return {
      Program(program: TSESTree.Program): void {
        skipFile = isAmbientScript(program, context.filename);
        if (!skipFile) constantFindings(program, text, resolved, found);
      },
      TSInterfaceDeclaration(node: TSESTree.TSInterfaceDeclaration): void {
        if (!skipFile) interfaceFindings(node, text, resolved, found);
      },
      TSTypeAliasDeclaration(node: TSESTree.TSTypeAliasDeclaration): void {
        if (!skipFile) typeAliasFindings(node, text, resolved, found);
      },
      'ClassDeclaration, ClassExpression'(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
        if (!skipFile) classFindings(node, (imported ??= importedNames(sourceCode.ast)), text, resolved, found);
      },
      'Program:exit'(): void {
        // Reported in source order whatever the traversal met first.
        found.sort((a: ShapeFinding, b: ShapeFinding): number => a.range[0] - b.range[0]);
        for (const finding of found) report(finding);
      },
    };
  },
});
