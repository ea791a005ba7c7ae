import type { Rule } from 'eslint';
import noOneOffScripts from '../../rules/no-one-off-scripts.js';
import noGenericFilenames from '../../rules/no-generic-filenames.js';
import { pythonRuleTester } from '../python-rule-tester.js';

// The file-name rules judge Python files parsed by the Python language, reporting at the file's first
// character whatever the file begins with.
pythonRuleTester.run('no-one-off-scripts', noOneOffScripts as unknown as Rule.RuleModule, {
  valid: [
    { code: 'def parse_logs() -> None:\n    pass\n', filename: 'tools/parse_logs.py' },
    { code: 'x: int\n', filename: 'stubs/temperature.pyi' },
  ],
  invalid: [
    {
      code: '\n\n# leading comment\nprint("hi")\n',
      filename: 'scripts/temp_migrate.py',
      errors: [
        {
          message:
            '`temp_migrate.py` is named like a one-off script (`temp_`): rename it to `migrate.py` (or move it into cli/ or utils/); `perf-standards fix rename-one-off-scripts` renames it and its importers.',
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

pythonRuleTester.run('no-generic-filenames', noGenericFilenames as unknown as Rule.RuleModule, {
  valid: [{ code: 'import os\n', filename: 'app/path_tools.py' }],
  invalid: [{ code: 'import os\n', filename: 'app/utils.py', errors: [{ messageId: 'genericFilename', line: 1, column: 1 }] }],
});
