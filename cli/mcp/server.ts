import { fromJsonSchema, McpServer, type CallToolResult, type JsonSchemaValidator, type JsonSchemaValidatorResult, type jsonSchemaValidator } from '@modelcontextprotocol/server';
import { UsageError } from '../command.js';
import { resolveToolRoot, rootDirectories } from './project-root.js';
import { ResultPages } from './result-pages.js';
import type { IgnoreAnswers } from './ignore-answers.js';
import type { RootLinters } from './root-linters.js';
import { ToolInput, type RawArguments } from './tool-input.js';
import { PAGE_LIMITS, SERVER_INSTRUCTIONS, serverVersion, TOOL_DEFINITIONS, type ToolDefinition } from './tool-schemas.js';
import type { ToolAnswer } from './tool-answer.js';

// Arguments are checked by ToolInput, which names the argument in its message; the SDK's own validation
// (ajv) would answer with JSON pointers. Structured results are built to the schema by the tools.
const ACCEPT_ALL: jsonSchemaValidator = {
  getValidator: <T>(): JsonSchemaValidator<T> => (input: unknown): JsonSchemaValidatorResult<T> => ({ valid: true, data: input as T, errorMessage: undefined }),
};

/** State shared by the calls of one session; everything heavy is loaded on the first call that needs it. */
class Session {
  readonly pages = new ResultPages();
  private linters: Promise<{ readonly linters: RootLinters; readonly ignores: IgnoreAnswers }> | undefined;
  private clientRoots: Promise<readonly string[]> | undefined;
  // One write at a time per root: two overlapping `apply`s would each see the other's half-done tree.
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly server: McpServer,
    private readonly cwd: string,
  ) {}

  /** Asked once, then again only after the client says its roots changed. */
  roots(): Promise<readonly string[]> {
    if (this.clientRoots === undefined) {
      const capable = this.server.server.getClientCapabilities()?.roots !== undefined;
      this.clientRoots = capable
        ? this.server.server.listRoots().then(
            (result): readonly string[] => rootDirectories(result.roots.map((root): string => root.uri)),
            (): readonly string[] => [],
          )
        : Promise.resolve([]);
    }
    return this.clientRoots;
  }

  forgetRoots(): void {
    this.clientRoots = undefined;
  }

  rootLinters(): Promise<{ readonly linters: RootLinters; readonly ignores: IgnoreAnswers }> {
    this.linters ??= Promise.all([import('./root-linters.js'), import('./ignore-answers.js')]).then(
      ([{ RootLinters: Linters }, { IgnoreAnswers: Answers }]) => ({ linters: new Linters(), ignores: new Answers() }),
    );
    return this.linters;
  }

  async serialised<T>(root: string, work: () => Promise<T>): Promise<T> {
    const previous = this.writing.get(root) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.writing.set(root, next.catch((): void => undefined));
    return next;
  }

  async root(input: ToolInput): Promise<string> {
    return (await resolveToolRoot(input.optionalString('root'), await this.roots(), this.cwd)).root;
  }
}

async function answer(session: Session, name: ToolDefinition['name'], raw: RawArguments): Promise<ToolAnswer> {
  switch (name) {
    case 'check': {
      const input = new ToolInput('check', raw, ['paths', 'root', 'cursor', 'limit']);
      const paths = input.stringList('paths');
      const cursor = input.optionalString('cursor');
      const limit = input.wholeNumber('limit', 1, PAGE_LIMITS.max, PAGE_LIMITS.default);
      const root = await session.root(input);
      const [{ checkTool }, { linters, ignores }] = await Promise.all([import('./check-tool.js'), session.rootLinters()]);
      return checkTool({ root, linters, ignores, pages: session.pages }, paths, cursor, limit);
    }
    case 'fix': {
      const input = new ToolInput('fix', raw, ['codemod', 'paths', 'root', 'apply', 'force', 'cursor', 'limit']);
      const cursor = input.optionalString('cursor');
      const codemod = cursor === undefined ? input.requiredString('codemod', 'name one of rename-one-off-scripts, consolidate-docs, add-explicit-types') : (input.optionalString('codemod') ?? '');
      const call = { codemod, paths: input.stringList('paths'), apply: input.flag('apply', false), force: input.flag('force', false) };
      const limit = input.wholeNumber('limit', 1, PAGE_LIMITS.max, PAGE_LIMITS.default);
      const root = await session.root(input);
      const { fixTool } = await import('./codemod-tool.js');
      const run = (): Promise<ToolAnswer> => fixTool({ ...call, root }, session.pages, cursor, limit);
      return call.apply && cursor === undefined ? session.serialised(root, run) : run();
    }
    case 'coverage': {
      const input = new ToolInput('coverage', raw, ['root', 'project', 'strict', 'files', 'cursor', 'limit']);
      const call = { project: input.optionalString('project'), strict: input.flag('strict', false), files: input.stringList('files') };
      const cursor = input.optionalString('cursor');
      const limit = input.wholeNumber('limit', 1, PAGE_LIMITS.max, 50);
      const root = await session.root(input);
      const { coverageTool } = await import('./coverage-tool.js');
      return coverageTool({ ...call, root }, session.pages, cursor, limit);
    }
    case 'gates': {
      const input = new ToolInput('gates', raw, ['root', 'only', 'baseline']);
      const call = { only: input.stringList('only'), baseline: input.optionalString('baseline') };
      const root = await session.root(input);
      const { gatesTool } = await import('./gates-tool.js');
      return gatesTool({ ...call, root });
    }
    case 'explain': {
      const input = new ToolInput('explain', raw, ['rule']);
      const rule = input.requiredString('rule', 'name a rule such as perf-standards/no-one-off-scripts');
      const { explainTool } = await import('./explain-tool.js');
      return explainTool(rule);
    }
  }
}


function failure(error: unknown): CallToolResult {
  const text =
    error instanceof UsageError
      ? error.message
      : `unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  return { isError: true, content: [{ type: 'text', text }] };
}

/**
 * Builds the SDK server: the five tools, each loading its code on its first call. stdio-session.ts answers
 * the handshake before this module (and the SDK) loads, from the same definitions.
 * @performance registration only; loading the SDK is the cost.
 */
export function createPerfStandardsServer(cwd: string): McpServer {
  const server = new McpServer(
    { name: 'perf-standards', version: serverVersion() },
    { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  const session = new Session(server, cwd);
  for (const definition of TOOL_DEFINITIONS) {
    server.registerTool(
      definition.name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: fromJsonSchema(definition.inputSchema as never, ACCEPT_ALL),
        outputSchema: fromJsonSchema(definition.outputSchema as never, ACCEPT_ALL),
      },
      async (args: unknown): Promise<CallToolResult> => {
        try {
          const raw = typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as RawArguments) : {};
          const { text, structured } = await answer(session, definition.name, raw);
          return { content: [{ type: 'text', text }], structuredContent: structured };
        } catch (error: unknown) {
          return failure(error);
        }
      },
    );
  }
  server.server.setNotificationHandler('notifications/roots/list_changed', (): void => session.forgetRoots());
  return server;
}
