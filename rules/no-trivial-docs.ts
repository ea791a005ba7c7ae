import { compileGlobs, dirName, memoizeByOptions } from '../standards/shared/project-paths.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createTrivialDocDetector, DEFAULT_README_DIRS, isPackageFolder } from '../standards/docs/trivial-docs.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { createRule } from './utils/create-rule.js';
import { ALL_LANGUAGES, checkFileName, fileStart } from './utils/file-rule.js';
import { ignoreSchema, listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [
  {
    names?: ListAdjustment;
    extensions?: ListAdjustment;
    destinations?: Record<string, string>;
    allowReadmeIn?: string[];
    ignore?: string[];
  },
];
export type MessageIds = 'trivialDoc' | 'readmeNotAllowed';

const compile = memoizeByOptions((options: Options[0]) => ({
  detect: createTrivialDocDetector(options),
  isReadmeAllowed: compileGlobs(options.allowReadmeIn ?? DEFAULT_README_DIRS),
  isIgnored: compileGlobs(options.ignore),
}));

export default createRule<Options, MessageIds>({
  name: 'no-trivial-docs',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow trivial docs (CHANGELOG, TODO, NOTES, IDEAS, INSTALLATION, SETUP, TROUBLESHOOTING) and READMEs outside the allowed folders',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: ALL_LANGUAGES,
    messages: {
      trivialDoc:
        '`{{fileName}}` is a trivial doc: its content belongs in `{{destination}}`; `perf-standards fix consolidate-docs` moves it there and deletes this file.',
      readmeNotAllowed:
        '`{{projectPath}}` is a README outside {{allowed}}: move its content into `{{destination}}` (`perf-standards fix consolidate-docs` does it), or allow this folder with the `allowReadmeIn` option.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          names: listAdjustmentSchema(
            'banned doc names, compared case-insensitively without extension (CHANGELOG, TODO, NOTES, IDEAS, INSTALLATION, SETUP, TROUBLESHOOTING)',
            '`["HISTORY"]`',
          ),
          extensions: listAdjustmentSchema('doc extensions (.md, .mdx, .markdown, .txt, .rst)', '`[".adoc"]`'),
          destinations: {
            type: 'object',
            additionalProperties: { type: 'string', minLength: 1 },
            description:
              'Banned doc name → required doc its content belongs in, overriding the defaults (TODO, IDEAS, NOTES, CHANGELOG, README → docs/architecture_decisions.md, a README of a `benchmark`, `benchmarks`, `bench`, `perf` or `performance` folder → docs/performance_benchmarks.md unless README is given here; SETUP, INSTALLATION, TROUBLESHOOTING → docs/ai_coding_patterns.md).',
          },
          allowReadmeIn: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Folders (globs relative to the folder of the ESLint config file, `.` for the root itself) where a README is allowed; replaces the default `["."]`, e.g. `[".", "docs"]`. A README beside a package.json (the README of a package) is always allowed.',
          },
          ignore: ignoreSchema,
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const { detect, isReadmeAllowed, isIgnored } = compile(options);
    return checkFileName(context, ({ projectPath, fileName }) => {
      if (isIgnored(projectPath)) return;
      const match = detect(fileName, dirName(projectPath));
      if (match === null) return;
      if (!match.isReadme) {
        context.report({ loc: fileStart(context), messageId: 'trivialDoc', data: { fileName, destination: match.destination } });
        return;
      }
      if (isReadmeAllowed(dirName(projectPath))) return;
      // A package's README (beside its package.json) is its registry page, never a trivial doc.
      const folder = path.dirname(context.filename);
      if (isPackageFolder('.', (manifest: string): boolean => existsSync(path.join(folder, manifest)))) return;
      const allowReadmeIn = options.allowReadmeIn ?? DEFAULT_README_DIRS;
      const allowed =
        allowReadmeIn.length === 0
          ? 'the allowed folders (`allowReadmeIn` is empty)'
          : allowReadmeIn.map((dir) => (dir === '.' ? 'the project root' : `\`${dir}\``)).join(', ');
      context.report({
        loc: fileStart(context),
        messageId: 'readmeNotAllowed',
        data: { projectPath, allowed, destination: match.destination },
      });
    });
  },
});
