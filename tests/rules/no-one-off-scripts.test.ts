import rule from '../../rules/no-one-off-scripts.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();

ruleTester.run('no-one-off-scripts', rule, {
  valid: [
    { code: 'export {};', filename: 'src/parse_logs.ts' },
    { code: 'export {};', filename: 'src/fixtures.ts' },
    { code: 'export {};', filename: 'src/temperature.ts' },
    { code: 'export {};', filename: 'src/scripts.ts' },
    { code: 'export {};', filename: 'src/temp_x.ts', options: [{ ignore: ['src/**'] }] },
    { code: 'export {};', filename: 'src/fix_x.ts', options: [{ prefixes: { remove: ['FIX'] } }] },
  ],
  invalid: [
    {
      code: 'export {};',
      filename: 'src/temp_parse_logs.ts',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: 'temp_parse_logs.ts', matched: 'temp_', suggestedName: 'parse_logs.ts' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'src/One-Time-migrate.ts',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: 'One-Time-migrate.ts', matched: 'One-Time-', suggestedName: 'migrate.ts' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'src/test_script_fix_users.ts',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: 'test_script_fix_users.ts', matched: 'test_script_', suggestedName: 'users.ts' },
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'src/tmp.ts',
      errors: [{ messageId: 'nameOneOffScript', data: { fileName: 'tmp.ts' }, line: 1, column: 1 }],
    },
    {
      code: 'export {};',
      filename: 'src/wip_thing.ts',
      options: [{ prefixes: { add: ['wip'] } }],
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'wip_thing.ts', matched: 'wip_', suggestedName: 'thing.ts' } }],
    },
  ],
});
