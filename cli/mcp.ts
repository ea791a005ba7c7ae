import { UsageError, type Command, type CommandIO } from './command.js';

const USAGE = `Usage: perf-standards mcp

Serves the standards to coding agents over MCP (Model Context Protocol) on stdin/stdout, until the
client closes the connection. Tools: check, fix (a dry run unless apply), coverage, explain.
Each call works in its "root" argument, else the client's first MCP root, else the current directory,
and reads or writes nothing outside it. Configure it in your editor as the command
\`npx perf-standards mcp\` (see docs/mcp_integration_guide.md, or run \`perf-standards init --mcp ...\`).

Options:
  -h, --help   show this help`;

/**
 * `perf-standards mcp`: the stdio MCP server.
 * @performance loads only the MCP SDK at start; each tool loads its toolchain on its first call.
 */
export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'Serve check, fix, coverage and explain to coding agents over MCP (stdio).',
  usage: USAGE,
  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    if (argv.length > 0) throw new UsageError(`unexpected argument "${argv[0] ?? ''}"; the server takes no arguments (roots come from the client)`);
    const { serveStdio } = await import('./mcp/stdio-session.js');
    await serveStdio(io.cwd);
    return 0;
  },
} as const;
