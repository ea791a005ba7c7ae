import { compileGlobs, memoizeByOptions } from '../standards/shared/project-paths.js';
import { createOneOffScriptDetector, type OneOffScriptOptions } from '../standards/file-names/one-off-scripts.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { createRule } from './utils/create-rule.js';
import { ALL_LANGUAGES, checkFileName, fileStart } from './utils/file-rule.js';
import { ignoreSchema, listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [
  {
    prefixes?: ListAdjustment;
    stems?: ListAdjustment;
    ignore?: string[];
  },
];
export type MessageIds = 'renameOneOffScript' | 'nameOneOffScript' | 'nameOneOffScriptAnew';

const compile = memoizeByOptions((options: Options[0]) => ({
  detect: createOneOffScriptDetector(options as OneOffScriptOptions),
  isIgnored: compileGlobs(options.ignore),
}));

export default createRule<Options, MessageIds>({
  name: 'no-one-off-scripts',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow one-off script names such as `temp_*`, `quick_*` and `fix_*`, in any language',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: ALL_LANGUAGES,
    messages: {
      renameOneOffScript:
        '`{{fileName}}` is named like a one-off script (`{{matched}}`): rename it to `{{suggestedName}}` (or move it into cli/ or utils/); `perf-standards fix rename-one-off-scripts` renames it and its importers.',
      nameOneOffScript:
        '`{{fileName}}` is named like a one-off script: give it a name that says what it does, or move its code into cli/ or utils/.',
      nameOneOffScriptAnew:
        '`{{fileName}}` is named like a one-off script and `{{unusableName}}` would break {{rule}}: give it a name that says what it does, or move its code into cli/ or utils/.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          prefixes: listAdjustmentSchema(
            'banned name prefixes (temp, quick, fix, backup, script, one_time, test_script; `_` and `-` match both separators)',
            '`["wip"]`',
          ),
          stems: listAdjustmentSchema('banned whole file stems (temp, tmp)', '`["scratch"]`'),
          ignore: ignoreSchema,
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const { detect, isIgnored } = compile(options);
    return checkFileName(context, ({ projectPath, fileName }) => {
      if (isIgnored(projectPath)) return;
      const match = detect(fileName);
      if (match === null) return;
      if (match.unusableName !== null) {
        const { name: unusableName, rule } = match.unusableName;
        context.report({ loc: fileStart(context), messageId: 'nameOneOffScriptAnew', data: { fileName, unusableName, rule } });
      } else if (match.suggestedName === null) {
        context.report({ loc: fileStart(context), messageId: 'nameOneOffScript', data: { fileName } });
      } else {
        context.report({
          loc: fileStart(context),
          messageId: 'renameOneOffScript',
          data: { fileName, matched: match.matched, suggestedName: match.suggestedName },
        });
      }
    });
  },
});
