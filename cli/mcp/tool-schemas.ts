import { readFileSync } from 'node:fs';
import { CODEMOD_NAMES } from '../../codemods/runner/declarations.js';

/**
 * The five tools' names, descriptions and JSON Schemas, as `tools/list` shows them. Plain data: listing
 * the tools loads neither ESLint nor TypeScript nor the tools' code.
 */

/** A JSON Schema object, as MCP carries it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface ToolDefinition {
  readonly name: 'check' | 'fix' | 'coverage' | 'explain' | 'gates';
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
}

/**
 * The package's version, for `serverInfo`; read from package.json (dist/cli/mcp/ → the package root), as
 * importing index.js for its meta would load every rule.
 * @performance one small file read.
 */
export function serverVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { readonly version: string }).version;
}

/** What the server tells clients it is for, in its `initialize` answer. */
export const SERVER_INSTRUCTIONS =
  'Check, fix and measure the Performance-First Workspace Standards: check lints, fix runs codemods (dry run unless apply), coverage measures type coverage, explain documents a rule, gates runs the quality gates (coverage, type coverage, bundle size, regressions, budgets, memory, accessibility).';

/** Default and largest `limit`: items per page, before the character budget of a page. */
export const PAGE_LIMITS = Object.freeze({ default: 100, max: 500 });

const ROOT = {
  type: 'string',
  description:
    "The project root (absolute, or relative to the client's first root). Default: the client's first MCP root, else the server's working directory. Nothing outside it is read or written.",
} as const;
const PAGING = {
  cursor: { type: 'string', description: 'nextCursor of a previous call, for the next page of the same result.' },
  limit: { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.max, description: `Items per page (default ${PAGE_LIMITS.default}); pages also stop near 40,000 characters.` },
} as const;
const PAGE_INFO = {
  page: {
    type: 'object',
    properties: { offset: { type: 'integer' }, count: { type: 'integer' }, total: { type: 'integer' } },
    required: ['offset', 'count', 'total'],
  },
  nextCursor: { type: 'string', description: 'Present when there are more items: pass it as cursor.' },
} as const;
const PATHS = {
  type: 'array',
  items: { type: 'string' },
  description: 'Files or folders inside the root (relative to it, or absolute). Default: the whole root.',
} as const;

/** Every tool the server offers, in `tools/list` order. */
export const TOOL_DEFINITIONS: readonly ToolDefinition[] = Object.freeze([
  {
    name: 'check',
    title: 'Check the workspace standards',
    description:
      "Lints the project with the perf-standards rules, like `perf-standards check`: with the project's eslint.config when it enables the plugin, else the recommended config; files ignored by git are skipped. Returns messages grouped by rule (filePath relative to the root, 1-based line and column), per-rule counts and the codemods that fix them. Paged.",
    inputSchema: {
      type: 'object',
      properties: { paths: PATHS, root: ROOT, ...PAGING },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              filePath: { type: 'string' },
              messages: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    ruleId: { type: ['string', 'null'] },
                    severity: { type: 'integer', enum: [1, 2] },
                    message: { type: 'string' },
                    line: { type: 'integer' },
                    column: { type: 'integer' },
                  },
                  required: ['ruleId', 'severity', 'message', 'line', 'column'],
                },
              },
            },
            required: ['filePath', 'messages'],
          },
        },
        summary: {
          type: 'object',
          properties: {
            filesChecked: { type: 'integer' },
            errorCount: { type: 'integer' },
            warningCount: { type: 'integer' },
            rules: { type: 'array', items: { type: 'object' } },
            fixCommands: { type: 'array', items: { type: 'string' } },
            config: { type: ['string', 'null'] },
            skipped: {
              type: 'array',
              description: 'Symbolic links under the checked paths that lead out of the root: not followed, not read.',
              items: { type: 'object', properties: { filePath: { type: 'string' }, reason: { type: 'string' } }, required: ['filePath', 'reason'] },
            },
          },
          required: ['errorCount', 'warningCount', 'fixCommands'],
        },
        ...PAGE_INFO,
      },
      required: ['results', 'summary', 'page'],
    },
  },
  {
    name: 'fix',
    title: 'Run a codemod',
    description:
      'Runs one perf-standards codemod, like `perf-standards fix`. A dry run by default: returns each file that would change (with its unified diff), be skipped or fail, and writes nothing. With apply: true it writes, atomically and only inside the root, and refuses a git work tree with uncommitted changes unless force: true. Paged.',
    inputSchema: {
      type: 'object',
      properties: {
        codemod: {
          type: 'string',
          enum: CODEMOD_NAMES,
          description: `${CODEMOD_NAMES.slice(0, -1).join(', ')} or ${CODEMOD_NAMES.at(-1) ?? ''} (the explain tool says which rule each fixes).`,
        },
        paths: { ...PATHS, description: 'Files, folders or globs inside the root that narrow what is fixed; references are rewritten anywhere under the root.' },
        root: ROOT,
        apply: { type: 'boolean', description: 'Write the changes (default false: a dry run).' },
        force: { type: 'boolean', description: 'With apply: run even if the git work tree has uncommitted changes.' },
        ...PAGING,
      },
      required: ['codemod'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        codemod: { type: 'string' },
        dryRun: { type: 'boolean' },
        counts: { type: 'object' },
        files: { type: 'array', items: { type: 'object' } },
        notes: { type: 'array', items: { type: 'object' } },
        notices: { type: 'array', items: { type: 'string' } },
        ...PAGE_INFO,
      },
      required: ['codemod', 'dryRun', 'counts', 'files', 'page'],
    },
  },
  {
    name: 'coverage',
    title: 'Type coverage',
    description:
      "Type coverage of the root's TypeScript project, counted as type-coverage counts it (like `perf-standards coverage`; package.json's typeCoverage block applies). Returns the totals and, least covered first, each file's figures and the 1-based locations of its anys. Paged.",
    inputSchema: {
      type: 'object',
      properties: {
        root: ROOT,
        project: { type: 'string', description: 'tsconfig file, or a folder holding tsconfig.json, inside the root (default: the root).' },
        strict: { type: 'boolean', description: 'Also count any in type arguments, Object, {} and unsafe assertions.' },
        files: { type: 'array', items: { type: 'string' }, description: 'Only count these files (inside the root).' },
        ...PAGING,
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        correctCount: { type: 'integer' },
        totalCount: { type: 'integer' },
        percent: { type: 'number' },
        percentString: { type: 'string' },
        filesCounted: { type: 'integer' },
        strict: { type: 'boolean' },
        files: { type: 'array', items: { type: 'object' } },
        ...PAGE_INFO,
      },
      required: ['correctCount', 'totalCount', 'percent', 'files', 'page'],
    },
  },
  {
    name: 'explain',
    title: 'Explain a rule',
    description: "A perf-standards rule's documentation, and that of the codemod that fixes it. An unknown name lists the rules.",
    inputSchema: {
      type: 'object',
      properties: { rule: { type: 'string', description: 'Rule id, with or without the perf-standards/ prefix (a codemod name also works).' } },
      required: ['rule'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        rule: { type: ['string', 'null'] },
        url: { type: 'string' },
        documentation: { type: 'string' },
        codemod: { type: ['string', 'null'] },
        codemodDocumentation: { type: ['string', 'null'] },
      },
      required: ['documentation'],
    },
  },
  {
    name: 'gates',
    title: 'Quality gates',
    description:
      "The standards' quality gates, as `perf-standards gates` runs them in the root (its perf-standards.config.json applies): test coverage, type coverage, bundle size, performance regression, budgets, memory, accessibility. Each gate's verdict (passed, failed, no data, unavailable, inconclusive, error), threshold, measured figure, source report and failing parts; exitCode as the command's.",
    inputSchema: {
      type: 'object',
      properties: {
        root: ROOT,
        only: {
          type: 'array',
          items: { enum: ['coverage', 'typeCoverage', 'bundleSize', 'regression', 'budgets', 'memory', 'accessibility'] },
          description: 'Only these gates (missing data is then an error). Default: all.',
        },
        baseline: { type: 'string', description: "The regression gate's baseline: a git ref or a results file in the root (over the configuration's)." },
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        exitCode: { type: 'integer', description: '0 passed or no data, 1 a gate failed, 2 a report is missing or unreadable.' },
        gates: { type: 'array', items: { type: 'object' } },
      },
      required: ['exitCode', 'gates'],
    },
  },
] satisfies ToolDefinition[]);
