#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { EXIT_USAGE, UsageError, type Command, type CommandIO } from './command.js';
import { checkCommand } from './check.js';
import { fixCommand } from './fix.js';
import { coverageCommand } from './coverage.js';
import { mcpCommand } from './mcp.js';
import { initCommand } from './init.js';
import { gatesCommand } from './gates.js';

// Subcommands register here, one line each.
const COMMANDS: readonly Command[] = [
  checkCommand,
  fixCommand,
  coverageCommand,
  mcpCommand,
  initCommand,
  gatesCommand,
];

// Compiled, this file is dist/cli/main.js; run from source it is cli/main.ts: package.json is at the root
// either way. Read on demand, so other commands pay nothing for it.
async function packageVersion(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(path.dirname(here)) === 'dist' ? path.join(here, '..', '..') : path.join(here, '..');
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { readonly version: string };
  return manifest.version;
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command: Command): number => command.name.length), 0);
  const lines = COMMANDS.map((command: Command): string => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: perf-standards <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `perf-standards <command> --help` for its options; `perf-standards --version` prints the version.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments and returns the exit code; never throws.
 * @performance dominated by the subcommand it dispatches to.
 */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await packageVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS.find((candidate: Command): boolean => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`perf-standards: unknown command "${name}". Commands: ${COMMANDS.map((c: Command): string => c.name).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.stderr.write(`perf-standards ${command.name}: ${error.message}\n`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr.write(`perf-standards ${command.name}: unexpected error (please report it):\n${detail}\n`);
    }
    return EXIT_USAGE;
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  // V8's code cache (Node ≥ 22.1; absent on 20) spares compiling TypeScript's 9 MB and ESLint again on every
  // run, as `eslint`'s own CLI does; the heavy modules are imported by the commands, after this line.
  (nodeModule as { readonly enableCompileCache?: () => unknown }).enableCompileCache?.();
  // A reader that stops early (`| head`) closes the pipe: the output is no longer wanted, which is not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException): void => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
}
