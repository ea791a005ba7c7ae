import type { Command, CommandIO } from './command.js';
import { parseInitArguments } from './init/arguments.js';

const USAGE = `Usage: perf-standards init [--typed] [--mcp vscode,cursor,claude] [--dry-run] [--no-python-monitor]

Sets the current project up for the standards:
  - eslint.config.js (ESM), .cjs (CommonJS) or .ts (when the project's other tool configs are
    TypeScript) with the plugin's recommended config; an existing eslint.config.* is left alone and
    the lines to add are printed;
  - the perf-standards MCP server in each editor's project file: .vscode/mcp.json, .cursor/mcp.json,
    .mcp.json (Claude Code); by default for the editors whose folders exist, else VS Code;
  - a "lint:standards" script in package.json (its formatting is kept);
  - perf-standards.config.json with the quality gates of \`perf-standards gates\` for the tools the
    project uses (vitest/Jest coverage, a tsconfig, vitest benchmarks), and its JSON Schema;
  - in a Python project with no performance_monitor: performance/monitor.py, a dependency-free monitor
    (\`from performance.monitor import performance_monitor\`), and performance/__init__.py.
Never overwrites, installs nothing (it prints the npm command when packages are missing), and a
second run changes nothing.

Options:
  --typed               use recommendedTypeChecked (needs a tsconfig.json)
  --mcp <editors>       comma-separated: vscode, cursor, claude
  --dry-run             print what would be written; write nothing
  --no-python-monitor   do not write the Python monitor
  -h, --help            show this help

Exit codes: 0 done (or nothing to do), 2 bad usage (no package.json, unknown editor).`;

/**
 * `perf-standards init`: plans the setup, then writes it (or, with --dry-run, prints it as a diff).
 * @performance a few small reads and at most five atomic writes; loads neither ESLint nor TypeScript.
 */
export const initCommand: Command = {
  name: 'init',
  summary: 'Set a project up: eslint.config, MCP server entries for editors, a lint:standards script, the quality gates, a Python monitor.',
  usage: USAGE,
  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const args = parseInitArguments(argv);
    const { runInit } = await import('./init/run-init.js');
    return runInit(args, io);
  },
} as const;
