import { fromJsonSchema, McpServer, type CallToolResult, type JsonSchemaValidator, type JsonSchemaValidatorResult, type jsonSchemaValidator, type ServerContext } from '@modelcontextprotocol/server';
import { CODEMOD_NAMES } from '../../codemods/runner/declarations.js';
import { UsageError } from '../command.js';
import { CallProgress } from './call-progress.js';
import { CallCancelled } from './call-cancelled.js';
import { runOnCallWorker } from './call-worker.js';
import { CheckWorker } from './check-worker-client.js';
import { resolveToolRoot, rootDirectories } from './project-root.js';
import { ResultPages } from './result-pages.js';
import { ToolInput, type RawArguments } from './tool-input.js';
import { PAGE_LIMITS, SERVER_INSTRUCTIONS, serverVersion, TOOL_DEFINITIONS, type ToolDefinition } from './tool-schemas.js';
import type { ToolAnswer } from './tool-answer.js';
import type { FixCall, FixRun } from './codemod-tool.js';
import type { CoverageCall, CoverageRunResult } from './coverage-tool.js';

// Arguments are checked by ToolInput, which names the argument in its message; the SDK's own validation
// (ajv) would answer with JSON pointers. Structured results are built to the schema by the tools.
const ACCEPT_ALL: jsonSchemaValidator = {
  getValidator: <T>(): JsonSchemaValidator<T> => (input: unknown): JsonSchemaValidatorResult<T> => ({ valid: true, data: input as T, errorMessage: undefined }),
};

/** State shared by the calls of one session; everything heavy is loaded on the first call that needs it. */
class Session {
  readonly pages = new ResultPages();
  /** ESLint runs there, so a cancelled check can be stopped. */
  readonly checkWorker = new CheckWorker();
  /** Aborted when the client is gone: the calls still running (on their call workers) stop. */
  readonly closing = new AbortController();
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

/** What a tool call gets from its request besides its arguments. */
interface CallContext {
  /** Aborted when the client cancels the call (`notifications/cancelled`, sent also when it stops waiting). */
  readonly signal: AbortSignal;
  readonly progress: CallProgress;
}

async function answer(session: Session, name: ToolDefinition['name'], raw: RawArguments, call: CallContext): Promise<ToolAnswer> {
  const onStage = (stage: string): void => call.progress.stage(stage);
  switch (name) {
    case 'check': {
      const input = new ToolInput('check', raw, ['paths', 'root', 'cursor', 'limit']);
      const paths = input.stringList('paths');
      const cursor = input.optionalString('cursor');
      const limit = input.wholeNumber('limit', 1, PAGE_LIMITS.max, PAGE_LIMITS.default);
      const root = await session.root(input);
      const { checkTool } = await import('./check-tool.js');
      return checkTool({ root, worker: session.checkWorker, pages: session.pages, signal: call.signal, onStage }, paths, cursor, limit);
    }
    case 'fix': {
      const input = new ToolInput('fix', raw, ['codemod', 'paths', 'root', 'apply', 'force', 'cursor', 'limit']);
      const cursor = input.optionalString('cursor');
      const codemod = cursor === undefined ? input.requiredString('codemod', `name one of ${CODEMOD_NAMES.join(', ')}`) : (input.optionalString('codemod') ?? '');
      const fix = { codemod, paths: input.stringList('paths'), apply: input.flag('apply', false), force: input.flag('force', false) };
      const limit = input.wholeNumber('limit', 1, PAGE_LIMITS.max, PAGE_LIMITS.default);
      const root = await session.root(input);
      const { fixTool } = await import('./codemod-tool.js');
      const onWorker = (job: FixCall): Promise<FixRun> => runOnCallWorker({ tool: 'fix', call: job }, call.signal, onStage);
      const run = (): Promise<ToolAnswer> => fixTool({ ...fix, root }, session.pages, cursor, limit, onWorker);
      return fix.apply && cursor === undefined ? session.serialised(root, run) : run();
    }
    case 'coverage': {
      const input = new ToolInput('coverage', raw, ['root', 'project', 'strict', 'files', 'cursor', 'limit']);
      const coverage = { project: input.optionalString('project'), strict: input.flag('strict', false), files: input.stringList('files') };
      const cursor = input.optionalString('cursor');
      const limit = input.wholeNumber('limit', 1, PAGE_LIMITS.max, 50);
      const root = await session.root(input);
      const { coverageTool } = await import('./coverage-tool.js');
      const onWorker = (job: CoverageCall): Promise<CoverageRunResult> => runOnCallWorker({ tool: 'coverage', call: job }, call.signal, onStage);
      return coverageTool({ ...coverage, root }, session.pages, cursor, limit, onWorker);
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
      async (args: unknown, context: ServerContext): Promise<CallToolResult> => {
        const { _meta: meta, notify } = context.mcpReq;
        const signal = AbortSignal.any([context.mcpReq.signal, session.closing.signal]);
        const progress = new CallProgress(meta?.progressToken, (params) => notify({ method: 'notifications/progress', params }));
        try {
          const raw = typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as RawArguments) : {};
          const { text, structured } = await answer(session, definition.name, raw, { signal, progress });
          return { content: [{ type: 'text', text }], structuredContent: structured };
        } catch (error: unknown) {
          // The SDK sends nothing for a cancelled request; this answer is dropped.
          if (error instanceof CallCancelled) return { isError: true, content: [{ type: 'text', text: error.message }] };
          return failure(error);
        } finally {
          progress.finish();
        }
      },
    );
  }
  server.server.setNotificationHandler('notifications/roots/list_changed', (): void => session.forgetRoots());
  // The client is gone: a run still going has no one to answer.
  const closed = server.server.onclose;
  server.server.onclose = (): void => {
    closed?.();
    session.closing.abort();
    void session.checkWorker.close();
  };
  return server;
}
