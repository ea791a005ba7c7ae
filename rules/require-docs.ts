import path from 'node:path';
import { compileGlobs, dirName, memoizeByOptions } from '../standards/shared/project-paths.js';
import { docScaffold, readProjectFacts } from '../standards/docs/doc-skeletons.js';
import { DEFAULT_MIN_WORDS, findDocGaps, REQUIRED_DOCS, requiredDocList, type DocGap } from '../standards/docs/required-docs.js';
import type { ListAdjustment } from '../standards/shared/adjustable-list.js';
import { createRule } from './utils/create-rule.js';
import { ALL_LANGUAGES, checkFileName, fileStart } from './utils/file-rule.js';
import { listAdjustmentSchema } from './utils/option-schemas.js';

export type Options = [
  {
    docs?: ListAdjustment;
    roots?: string[];
    minWords?: number;
  },
];
export type MessageIds = 'missingDocs' | 'missingDocsByHand';

const compile = memoizeByOptions((options: Options[0]) => ({
  isExtraRoot: compileGlobs(options.roots),
}));

function describeGap(gap: DocGap, minWords: number): string {
  return gap.problem === 'missing'
    ? `\`${gap.doc}\` (missing)`
    : `\`${gap.doc}\` (empty: ${gap.words} of at least ${minWords} words)`;
}

export default createRule<Options, MessageIds>({
  name: 'require-docs',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require every project root to have the four AI-coder docs (architecture decisions, performance benchmarks, MCP integration guide, AI coding patterns) with real content',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: ALL_LANGUAGES,
    messages: {
      missingDocs:
        'Project root `{{root}}` lacks required docs: {{gaps}}. Run `perf-standards fix consolidate-docs` to scaffold {{scaffolded}} from the project\'s facts{{byHand}}.',
      missingDocsByHand: 'Project root `{{root}}` lacks required docs: {{gaps}}. Write them by hand: {{byHand}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          docs: listAdjustmentSchema(
            'required docs, as paths relative to each project root (docs/architecture_decisions.md, docs/performance_benchmarks.md, docs/mcp_integration_guide.md, docs/ai_coding_patterns.md)',
            '`["docs/runbook.md"]`',
          ),
          roots: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'More project roots besides the folder ESLint runs from: globs of folders relative to it, e.g. `["packages/*"]`. Each root is checked on its own package.json.',
          },
          minWords: {
            type: 'integer',
            minimum: 0,
            description: `A required doc with fewer words than this counts as empty (default ${DEFAULT_MIN_WORDS}).`,
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const { isExtraRoot } = compile(options);
    return checkFileName(context, ({ projectPath, base, fileName }) => {
      if (fileName !== 'package.json') return;
      const root = dirName(projectPath);
      if (root !== '.' && !isExtraRoot(root)) return;
      const gaps = findDocGaps(path.join(base, root), options);
      if (gaps.length === 0) return;
      const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
      // consolidate-docs creates a missing doc only when the project's facts give it minWords words (docScaffold).
      const missing = gaps.filter((gap: DocGap): boolean => gap.problem === 'missing');
      const facts = missing.length === 0 ? null : readProjectFacts(path.join(base, root), new Set(requiredDocList(options)));
      const scaffolded = facts === null ? [] : missing.filter((gap: DocGap): boolean => docScaffold(gap.doc, facts, minWords).enough);
      const byHand = gaps.filter((gap: DocGap): boolean => !scaffolded.includes(gap)).map((gap: DocGap): string => `\`${gap.doc}\` (${REQUIRED_DOCS[gap.doc] ?? 'its purpose'})`);
      const described = gaps.map((gap) => describeGap(gap, minWords)).join(', ');
      context.report(
        scaffolded.length === 0
          ? { loc: fileStart(context), messageId: 'missingDocsByHand', data: { root, gaps: described, byHand: byHand.join(', ') } }
          : {
              loc: fileStart(context),
              messageId: 'missingDocs',
              data: {
                root,
                gaps: described,
                scaffolded: scaffolded.map((gap: DocGap): string => `\`${gap.doc}\``).join(', '),
                byHand: byHand.length === 0 ? '' : `; write by hand ${byHand.join(', ')}`,
              },
            },
      );
    });
  },
});
