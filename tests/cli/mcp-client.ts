/**
 * The MCP end-to-end tests' client: the built bin (`npm test` builds dist/ first) started with
 * `perf-standards mcp`, talking to the SDK's own client over stdio, as an editor runs it.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI_BIN } from '../run-node.js';

export interface ToolResult {
  readonly isError?: boolean;
  readonly content: readonly { readonly type: string; readonly text?: string }[];
  readonly structuredContent?: Record<string, unknown>;
}

/** A connected client and the server process it started. */
export interface Connected {
  readonly client: Client;
  readonly transport: StdioClientTransport;
}

/**
 * Starts a server in `cwd` and connects a client that offers `roots` (no roots capability when `null`).
 * @performance one Node process start.
 */
export async function connectServer(options: { readonly roots: readonly string[] | null; readonly cwd: string }): Promise<Connected> {
  const client = new Client({ name: 'e2e', version: '1.0.0' }, options.roots === null ? {} : { capabilities: { roots: { listChanged: true } } });
  if (options.roots !== null) {
    const roots = options.roots;
    client.setRequestHandler('roots/list', async () => ({ roots: roots.map((root: string) => ({ uri: pathToFileURL(root).href, name: path.basename(root) })) }));
  }
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI_BIN, 'mcp'], cwd: options.cwd, stderr: 'pipe' });
  await client.connect(transport);
  return { client, transport };
}

/**
 * Calls a tool with a generous timeout (a cold ESLint or TypeScript load on a busy machine).
 * @performance the tool's own cost.
 */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args }, { timeout: 120_000 })) as ToolResult;
}

/**
 * The text blocks of a result, joined by newlines.
 * @complexity O(length of the text).
 */
export const textOf = (result: ToolResult): string => result.content.map((block) => block.text ?? '').join('\n');
