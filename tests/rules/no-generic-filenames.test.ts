import rule from '../../rules/no-generic-filenames.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();
const code = 'export {};';

ruleTester.run('no-generic-filenames', rule, {
  valid: [
    { code, filename: 'src/date-format.ts' },
    // A utils/ folder is where utilities belong, one descriptive file each.
    { code, filename: 'src/utils/date-format.ts' },
    { code, filename: 'src/utils/index.ts' },
    // Only the whole stem is generic.
    { code, filename: 'src/utilsForDates.ts' },
    { code, filename: 'src/string_utils.ts' },
    { code, filename: 'src/helper-registry.ts' },
    { code, filename: 'src/miscellaneous.ts' },
    // Options.
    { code, filename: 'src/helpers.ts', options: [{ stems: { remove: ['HELPERS'] } }] },
    { code, filename: 'src/utils.ts', options: [{ ignore: ['src/**'] }] },
    { code, filename: 'vendor/lib/util.js', options: [{ ignore: ['vendor/**', 'other/**'] }] },
    { code, filename: '.github/misc.ts', options: [{ ignore: ['.github/**'] }] },
    // Leading dots are skipped and the stem runs to the next dot, as for every file-name rule.
    { code, filename: 'src/.utilsrc' },
    { code, filename: 'src/.helper-registry.js' },
    // Virtual buffers have no name to judge.
    { code, filename: '<input>' },
    { code, filename: '<text>' },
  ],
  invalid: [
    {
      code,
      filename: 'src/utils.ts',
      errors: [
        {
          messageId: 'genericFilename',
          data: { fileName: 'utils.ts', extension: '.ts' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      // The report is at the top of the file, not at the first token.
      code: '\n\n   const x = 1;\n',
      filename: 'helper.js',
      errors: [{ messageId: 'genericFilename', data: { fileName: 'helper.js', extension: '.js' }, line: 1, column: 1 }],
    },
    {
      // Case-insensitive; the stem stops at the first dot, so test and declaration files are judged alike.
      code,
      filename: 'src/Utils.test.ts',
      errors: [{ messageId: 'genericFilename', data: { fileName: 'Utils.test.ts', extension: '.test.ts' }, line: 1, column: 1 }],
    },
    {
      code,
      filename: 'types/HELPERS.d.ts',
      errors: [{ messageId: 'genericFilename', data: { fileName: 'HELPERS.d.ts', extension: '.d.ts' }, line: 1, column: 1 }],
    },
    {
      // Leading dots are not part of the stem.
      code,
      filename: 'config/.misc.config.js',
      errors: [{ messageId: 'genericFilename', data: { fileName: '.misc.config.js', extension: '.config.js' } }],
    },
    {
      code,
      filename: 'src/.helpers.py',
      errors: [{ messageId: 'genericFilename', data: { fileName: '.helpers.py', extension: '.py' }, line: 1, column: 1 }],
    },
    {
      code,
      filename: 'bin/misc',
      errors: [{ messageId: 'genericFilename', data: { fileName: 'misc', extension: '' } }],
    },
    {
      // Any file type: the rule reads names, not code.
      code,
      filename: 'scripts/util.py',
      errors: [{ messageId: 'genericFilename', data: { fileName: 'util.py', extension: '.py' } }],
    },
    {
      // Absolute paths are judged relative to the project root.
      code,
      filename: '/srv/app/src/utils/utils.ts',
      errors: [{ messageId: 'genericFilename', data: { fileName: 'utils.ts', extension: '.ts' } }],
    },
    {
      code,
      filename: 'src/common.ts',
      options: [{ stems: { add: ['Common'] } }],
      errors: [{ messageId: 'genericFilename', data: { fileName: 'common.ts', extension: '.ts' }, line: 1, column: 1 }],
    },
    {
      // `remove` drops one default and keeps the others; `ignore` only skips what it matches.
      code,
      filename: 'src/utils.ts',
      options: [{ stems: { remove: ['helpers'] }, ignore: ['test/**'] }],
      errors: [{ messageId: 'genericFilename', data: { fileName: 'utils.ts', extension: '.ts' } }],
    },
  ],
});
