import rule from '../../rules/no-trivial-docs.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();
// Docs are linted through the TS parser here so RuleTester can run them; the rule only reads the name.
const code = '';
const ARCHITECTURE = 'docs/architecture_decisions.md';
const PATTERNS = 'docs/ai_coding_patterns.md';
const BENCHMARKS = 'docs/performance_benchmarks.md';

ruleTester.run('no-trivial-docs', rule, {
  valid: [
    // The required docs and ordinary docs.
    { code, filename: 'docs/architecture_decisions.md' },
    { code, filename: 'docs/todo-list-format.md' },
    { code, filename: 'docs/setup_wizard.md' },
    // Only doc extensions count: code named after a doc is not a doc.
    { code, filename: 'src/todo.ts' },
    { code, filename: 'src/changelog.js' },
    { code, filename: 'NOTES' },
    // One README at the project root is allowed by default.
    { code, filename: 'README.md' },
    { code, filename: 'readme.rst' },
    // A package's README (beside its package.json) is never trivial, whatever allowReadmeIn says: this
    // repository's root and fixtures/workspace/ both hold a package.json.
    { code, filename: 'README.md', options: [{ allowReadmeIn: [] }] },
    { code, filename: 'fixtures/workspace/README.md' },
    { code, filename: 'fixtures/workspace/README.md', options: [{ allowReadmeIn: ['packages/*'] }] },
    // Per-package READMEs when allowed.
    { code, filename: 'packages/core/README.md', options: [{ allowReadmeIn: ['.', 'packages/*'] }] },
    { code, filename: 'README.md', options: [{ allowReadmeIn: ['.', 'packages/*'] }] },
    // Options.
    { code, filename: 'TODO.md', options: [{ names: { remove: ['todo'] } }] },
    { code, filename: 'NOTES.txt', options: [{ extensions: { remove: ['txt'] } }] },
    { code, filename: 'vendor/lib/CHANGELOG.md', options: [{ ignore: ['vendor/**'] }] },
    { code, filename: 'vendor/lib/README.md', options: [{ ignore: ['vendor/**'] }] },
    { code, filename: 'HISTORY.md' },
    // Virtual buffers have no name to judge.
    { code, filename: '<input>' },
  ],
  invalid: [
    {
      // Leading dots are skipped, as by every file-name rule; the extension counts in any case.
      code,
      filename: '.TODO.MD',
      errors: [{ messageId: 'trivialDoc', data: { fileName: '.TODO.MD', destination: ARCHITECTURE }, line: 1, column: 1 }],
    },
    {
      code,
      filename: 'TODO.md',
      errors: [
        {
          messageId: 'trivialDoc',
          data: { fileName: 'TODO.md', destination: ARCHITECTURE },
          line: 1,
          column: 1,
        },
      ],
    },
    ...(
      [
        ['CHANGELOG.md', ARCHITECTURE],
        ['docs/notes.md', ARCHITECTURE],
        ['Ideas.markdown', ARCHITECTURE],
        ['INSTALLATION.mdx', PATTERNS],
        ['setup.txt', PATTERNS],
        ['docs/Troubleshooting.rst', PATTERNS],
        // The stem stops at the first dot, as for the other file-name rules.
        ['TODO.backend.md', ARCHITECTURE],
        ['SETUP.MD', PATTERNS],
      ] as const
    ).map(([filename, destination]) => ({
      code,
      filename,
      errors: [
        {
          messageId: 'trivialDoc' as const,
          data: { fileName: filename.slice(filename.lastIndexOf('/') + 1), destination },
          line: 1,
          column: 1,
        },
      ],
    })),
    {
      code,
      filename: 'docs/README.md',
      errors: [
        {
          messageId: 'readmeNotAllowed',
          data: { projectPath: 'docs/README.md', allowed: 'the project root', destination: ARCHITECTURE },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code,
      filename: 'packages/core/src/Readme.md',
      options: [{ allowReadmeIn: ['.', 'packages/*'] }],
      errors: [
        {
          messageId: 'readmeNotAllowed',
          data: {
            projectPath: 'packages/core/src/Readme.md',
            allowed: 'the project root, `packages/*`',
            destination: ARCHITECTURE,
          },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      // allowReadmeIn replaces the default: a README is allowed only where it says (or beside a package.json).
      code,
      filename: 'docs/README.md',
      options: [{ allowReadmeIn: ['packages/*'] }],
      errors: [
        {
          messageId: 'readmeNotAllowed',
          data: { projectPath: 'docs/README.md', allowed: '`packages/*`', destination: ARCHITECTURE },
        },
      ],
    },
    {
      code,
      filename: 'docs/README.md',
      options: [{ allowReadmeIn: [] }],
      errors: [
        {
          messageId: 'readmeNotAllowed',
          data: { projectPath: 'docs/README.md', allowed: 'the allowed folders (`allowReadmeIn` is empty)', destination: ARCHITECTURE },
        },
      ],
    },
    {
      code,
      filename: 'docs/README.md',
      options: [{ destinations: { readme: PATTERNS } }],
      errors: [
        {
          messageId: 'readmeNotAllowed',
          data: { projectPath: 'docs/README.md', allowed: 'the project root', destination: PATTERNS },
        },
      ],
    },
    // A benchmark folder's README (tomli's `benchmark/README.md`) belongs with the benchmarks; only the README's
    // own folder counts, and other banned docs there go where they always go.
    ...(
      [
        ['benchmark/README.md', BENCHMARKS],
        ['benchmarks/README.md', BENCHMARKS],
        ['tools/bench/readme.md', BENCHMARKS],
        ['Perf/README.rst', BENCHMARKS],
        ['performance/README.md', BENCHMARKS],
        ['benchmarks/notes/README.md', ARCHITECTURE],
        ['perf-tests/README.md', ARCHITECTURE],
      ] as const
    ).map(([projectPath, destination]) => ({
      code,
      filename: projectPath,
      errors: [{ messageId: 'readmeNotAllowed' as const, data: { projectPath, allowed: 'the project root', destination } }],
    })),
    { code, filename: 'benchmark/TODO.md', errors: [{ messageId: 'trivialDoc', data: { fileName: 'TODO.md', destination: ARCHITECTURE } }] },
    {
      // The user's README destination wins, in benchmark folders too.
      code,
      filename: 'benchmark/README.md',
      options: [{ destinations: { README: PATTERNS } }],
      errors: [{ messageId: 'readmeNotAllowed', data: { projectPath: 'benchmark/README.md', allowed: 'the project root', destination: PATTERNS } }],
    },
    {
      // Added names go to the architecture decisions unless a destination is given.
      code,
      filename: 'HISTORY.md',
      options: [{ names: { add: ['history'] } }],
      errors: [{ messageId: 'trivialDoc', data: { fileName: 'HISTORY.md', destination: ARCHITECTURE } }],
    },
    {
      code,
      filename: 'docs/History.md',
      options: [{ names: { add: ['HISTORY'] }, destinations: { History: 'docs/performance_benchmarks.md' } }],
      errors: [{ messageId: 'trivialDoc', data: { fileName: 'History.md', destination: 'docs/performance_benchmarks.md' } }],
    },
    {
      code,
      filename: 'TODO.md',
      options: [{ destinations: { todo: PATTERNS } }],
      errors: [{ messageId: 'trivialDoc', data: { fileName: 'TODO.md', destination: PATTERNS } }],
    },
    {
      code,
      filename: 'notes.adoc',
      options: [{ extensions: { add: ['.adoc'] } }],
      errors: [{ messageId: 'trivialDoc', data: { fileName: 'notes.adoc', destination: ARCHITECTURE }, line: 1, column: 1 }],
    },
    {
      // `ignore` skips only what it matches.
      code,
      filename: 'docs/CHANGELOG.md',
      options: [{ ignore: ['vendor/**'] }],
      errors: [{ messageId: 'trivialDoc', data: { fileName: 'CHANGELOG.md', destination: ARCHITECTURE } }],
    },
  ],
});
