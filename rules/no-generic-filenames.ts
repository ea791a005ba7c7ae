import { compileGlobs, memoizeByOptions } from '../standards/shared/project-paths.js';
import { createGenericFilenameDetector } from '../standards/file-names/generic-filenames.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { stemEndOf, stemStartOf } from '../standards/file-names/file-name-parts.js';
import { createRule } from './utils/create-rule.js';
import { ALL_LANGUAGES, checkFileName, fileStart } from './utils/file-rule.js';
import { ignoreSchema, listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [
  {
    stems?: ListAdjustment;
    ignore?: string[];
  },
];
export type MessageIds = 'genericFilename';

const compile = memoizeByOptions((options: Options[0]) => ({
  detect: createGenericFilenameDetector(options),
  isIgnored: compileGlobs(options.ignore),
}));

export default createRule<Options, MessageIds>({
  name: 'no-generic-filenames',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow file names too generic to say what the file holds, such as `utils.ts` and `helper.py`',
      recommended: 'recommended',
      defaultSeverity: 'warn',
    },
    languages: ALL_LANGUAGES,
    messages: {
      genericFilename:
        '`{{fileName}}` is too generic to say what it holds: name it after what it does (e.g. `date-format{{extension}}`), or split it into a utils/ folder with one descriptive file per concern.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          stems: listAdjustmentSchema('generic file stems (utils, util, helper, helpers, misc)', '`["common"]`'),
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
      const stem = detect(fileName);
      if (stem === null) return;
      const extension = fileName.slice(stemEndOf(fileName, stemStartOf(fileName)));
      context.report({ loc: fileStart(context), messageId: 'genericFilename', data: { fileName, extension } });
    });
  },
});
