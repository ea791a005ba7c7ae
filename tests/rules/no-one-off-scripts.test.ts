import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-one-off-scripts.js';
import plugin from '../../index.js';
import { RuleTester } from '../rule-tester.js';

const PYTEST = "pytest's test discovery (it collects `test_*.py` and `*_test.py`; `conftest.py` is a plugin)";

const ruleTester = new RuleTester();

ruleTester.run('no-one-off-scripts', rule, {
  valid: [
    { code: 'export {};', filename: 'src/parse_logs.ts' },
    { code: 'export {};', filename: 'src/fixtures.ts' },
    { code: 'export {};', filename: 'src/temperature.ts' },
    { code: 'export {};', filename: 'src/scripts.ts' },
    { code: 'export {};', filename: 'src/temp_x.ts', options: [{ ignore: ['src/**'] }] },
    { code: 'export {};', filename: 'src/fix_x.ts', options: [{ prefixes: { remove: ['FIX'] } }] },
    { code: 'export {};', filename: 'src/one-time-x.ts', options: [{ prefixes: { remove: ['one-time'] } }] },
    { code: 'export {};', filename: 'src/tmp.ts', options: [{ stems: { remove: ['TMP'] } }] },
    { code: 'export {};', filename: 'src/template.ts' },
    { code: 'export {};', filename: 'src/quickstart.ts' },
    { code: 'export {};', filename: 'src/prefix_temp_x.ts' },
    // Prefixes are matched on the file name only, not on folders.
    { code: 'export {};', filename: 'temp_data/parse.ts' },
    { code: 'export {};', filename: 'scripts/backup_cli/restore.ts' },
    // Leading dots only hide a file: the stem after them is judged.
    { code: 'export {};', filename: 'src/.eslintrc.js' },
    { code: 'export {};', filename: 'src/.temperature.js' },
    // Virtual buffers (editors, `Linter#verify` without a file) have no name to judge.
    { code: 'export {};', filename: '<input>' },
    { code: 'export {};', filename: '<text>' },
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
          data: { fileName: 'test_script_fix_users.ts', matched: 'test_script_', suggestedName: 'users_repair.ts' },
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
    {
      // `-` instead of `_`, any case, any language.
      code: 'export {};',
      filename: 'scripts/QUICK-deploy.sh',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: 'QUICK-deploy.sh', matched: 'QUICK-', suggestedName: 'deploy.sh' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'tools/Backup_db.py',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'Backup_db.py', matched: 'Backup_', suggestedName: 'db_backup.py' } }],
    },
    {
      // Test and declaration files keep their compound extension in the new name.
      code: 'export {};',
      filename: 'src/script_seed.test.ts',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: 'script_seed.test.ts', matched: 'script_', suggestedName: 'seed.test.ts' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'types/tmp.d.ts',
      errors: [{ messageId: 'nameOneOffScript', data: { fileName: 'tmp.d.ts' }, line: 1, column: 1 }],
    },
    {
      // Stacked prefixes are stripped together; nothing meaningful left means no suggested name.
      code: 'export {};',
      filename: 'src/quick_temp_fix_.ts',
      errors: [{ messageId: 'nameOneOffScript', data: { fileName: 'quick_temp_fix_.ts' } }],
    },
    {
      code: 'export {};',
      filename: 'src/temp_tmp.js',
      errors: [
        {
          messageId: 'nameOneOffScript',
          data: { fileName: 'temp_tmp.js' },
        },
      ],
    },
    {
      // The report is at the top of the file, whatever the file starts with.
      code: '\n\n  const later = 1;\n',
      filename: '/srv/app/src/fix-users.mjs',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: 'fix-users.mjs', matched: 'fix-', suggestedName: 'users-repair.mjs' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'src/scratch.ts',
      options: [{ stems: { add: ['Scratch'] } }],
      errors: [{ messageId: 'nameOneOffScript', data: { fileName: 'scratch.ts' } }],
    },
    {
      // Dotfiles are judged like the name after their leading dots, and the new name keeps the dots.
      code: 'export {};',
      filename: 'src/.temp_seed.js',
      errors: [
        {
          messageId: 'renameOneOffScript',
          data: { fileName: '.temp_seed.js', matched: 'temp_', suggestedName: '.seed.js' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'export {};',
      filename: 'src/.tmp.js',
      errors: [{ messageId: 'nameOneOffScript', data: { fileName: '.tmp.js' }, line: 1, column: 1 }],
    },
    {
      code: '',
      filename: 'src/.temp',
      errors: [{ messageId: 'nameOneOffScript', data: { fileName: '.temp' } }],
    },
    {
      code: 'export {};',
      filename: 'config/..fix-db.config.js',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: '..fix-db.config.js', matched: 'fix-', suggestedName: '..db-repair.config.js' } }],
    },
    {
      // An extension in upper case is the same kind of file.
      code: 'export {};',
      filename: 'src/Temp-Loader.TS',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'Temp-Loader.TS', matched: 'Temp-', suggestedName: 'Loader.TS' } }],
    },
    {
      // A name the other file-name rules reject is no suggestion: the user is not sent from one report to the next.
      code: 'export {};',
      filename: 'src/quick_helpers.py',
      errors: [
        {
          messageId: 'nameOneOffScriptAnew',
          data: { fileName: 'quick_helpers.py', unusableName: 'helpers.py', rule: 'no-generic-filenames' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      // A pytest test module whose suggested name pytest would not collect, or would load as a plugin.
      code: 'export {};',
      filename: 'tests/quick_test.py',
      errors: [{ messageId: 'nameOneOffScriptAnew', data: { fileName: 'quick_test.py', unusableName: 'test.py', rule: PYTEST } }],
    },
    {
      code: 'export {};',
      filename: 'tests/temp_conftest.py',
      errors: [{ messageId: 'nameOneOffScriptAnew', data: { fileName: 'temp_conftest.py', unusableName: 'conftest.py', rule: PYTEST } }],
    },
    {
      // Still collected under the new name (`*_test.py`): renamed.
      code: 'export {};',
      filename: 'tests/quick_orders_test.py',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'quick_orders_test.py', matched: 'quick_', suggestedName: 'orders_test.py' } }],
    },
    {
      code: 'export {};',
      filename: 'lib/.quick_utils.test.ts',
      errors: [{ messageId: 'nameOneOffScriptAnew', data: { fileName: '.quick_utils.test.ts', unusableName: '.utils.test.ts', rule: 'no-generic-filenames' } }],
    },
    // suggested-name-keeps-action: a prefix that says what the file does leaves its noun behind.
    {
      code: 'export {};',
      filename: 'lib/.fix_utils.test.ts',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: '.fix_utils.test.ts', matched: 'fix_', suggestedName: '.utils_repair.test.ts' } }],
    },
    {
      code: '',
      filename: 'tools/fix_encoding.py',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'fix_encoding.py', matched: 'fix_', suggestedName: 'encoding_repair.py' } }],
    },
    {
      code: '',
      filename: 'backup_db.sh',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'backup_db.sh', matched: 'backup_', suggestedName: 'db_backup.sh' } }],
    },
    {
      code: '',
      filename: 'tools/FIX_ENC.py',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'FIX_ENC.py', matched: 'FIX_', suggestedName: 'ENC_REPAIR.py' } }],
    },
    {
      code: '',
      filename: 'tools/Fix-Encoding.py',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'Fix-Encoding.py', matched: 'Fix-', suggestedName: 'Encoding-Repair.py' } }],
    },
    {
      code: 'export {};',
      filename: 'src/temp_fix_backup_orders.ts',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'temp_fix_backup_orders.ts', matched: 'temp_', suggestedName: 'orders_repair_backup.ts' } }],
    },
    {
      code: '',
      filename: 'docs/temp_TODO.md',
      errors: [{ messageId: 'nameOneOffScriptAnew', data: { fileName: 'temp_TODO.md', unusableName: 'TODO.md', rule: 'no-trivial-docs' } }],
    },
    {
      // A README is judged by its folder, not its name.
      code: '',
      filename: 'temp_README.md',
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'temp_README.md', matched: 'temp_', suggestedName: 'README.md' } }],
    },
    {
      // Removing one prefix keeps the others; `ignore` skips only what it matches.
      code: 'export {};',
      filename: 'src/temp_x.ts',
      options: [{ prefixes: { remove: ['fix'] }, ignore: ['test/**'] }],
      errors: [{ messageId: 'renameOneOffScript', data: { fileName: 'temp_x.ts', matched: 'temp_', suggestedName: 'x.ts' } }],
    },
  ],
});

describe('no-one-off-scripts options', () => {
  const verify = (options: unknown): Linter.LintMessage[] =>
    new Linter({ cwd: process.cwd() }).verify(
      '',
      [{ plugins: { 'perf-standards': plugin }, rules: { 'perf-standards/no-one-off-scripts': ['error', options] } }],
      'src/temp_x.js',
    );

  it('rejects a list where `{ add, remove }` is expected, naming the rule and the value', () => {
    expect(() => verify({ prefixes: ['x'] })).toThrow(
      'Key "rules": Key "perf-standards/no-one-off-scripts":\n\tValue ["x"] should be object.',
    );
    expect(() => verify({ prefixes: { add: 'wip' } })).toThrow('Value "wip" should be array.');
  });

  it('names a misspelt option and lists the known ones', () => {
    expect(() => verify({ prefixes: { adds: ['wip'] } })).toThrow(
      'Unexpected property "adds". Expected properties: "add", "remove".',
    );
    expect(() => verify({ prefix: { add: ['wip'] } })).toThrow(
      'Unexpected property "prefix". Expected properties: "prefixes", "stems", "ignore".',
    );
  });

  it('says which rule the name without the prefix would break', () => {
    const messages = new Linter({ cwd: process.cwd() }).verify(
      '',
      [{ plugins: { 'perf-standards': plugin }, rules: { 'perf-standards/no-one-off-scripts': 'error' } }],
      'src/quick_helpers.js',
    );
    expect(messages.map((message) => message.message)).toEqual([
      '`quick_helpers.js` is named like a one-off script and `helpers.js` would break no-generic-filenames: give it a name that says what it does, or move its code into cli/ or utils/.',
    ]);
  });

  it('reports with a valid configuration', () => {
    expect(verify({ prefixes: { add: ['wip'] } }).map((message) => message.messageId)).toEqual(['renameOneOffScript']);
  });
});
