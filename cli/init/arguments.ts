import { parseArgs } from 'node:util';
import { describeParseArgsError } from '../argument-errors.js';
import { UsageError } from '../command.js';

export const EDITORS = ['vscode', 'cursor', 'claude'] as const;
export type Editor = (typeof EDITORS)[number];

export interface InitArguments {
  /** `recommendedTypeChecked` instead of `recommended` (only when a tsconfig exists). */
  readonly typed: boolean;
  /** Editors named with `--mcp`; `null` picks those whose folders exist, else VS Code. */
  readonly editors: readonly Editor[] | null;
  readonly dryRun: boolean;
  /** Write the Python monitor in a Python project that has none (`--no-python-monitor` turns it off). */
  readonly pythonMonitor: boolean;
}

const isEditor = (name: string): name is Editor => (EDITORS as readonly string[]).includes(name);

/**
 * Parses `perf-standards init` arguments; bad input throws a UsageError naming it.
 * @complexity O(number of arguments).
 */
export function parseInitArguments(argv: readonly string[]): InitArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: { typed: { type: 'boolean' }, mcp: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'no-python-monitor': { type: 'boolean' } },
    });
  } catch (error: unknown) {
    throw new UsageError(describeParseArgsError(error));
  }
  const { typed = false, mcp, 'dry-run': dryRun = false, 'no-python-monitor': noPythonMonitor = false } = parsed.values;
  let editors: Editor[] | null = null;
  if (mcp !== undefined) {
    const names = mcp.split(',').map((name: string): string => name.trim().toLowerCase()).filter((name: string): boolean => name !== '');
    const unknown = names.find((name: string): boolean => !isEditor(name));
    if (unknown !== undefined || names.length === 0) {
      throw new UsageError(`--mcp takes a comma-separated list of ${EDITORS.join(', ')}, got "${mcp}"`);
    }
    editors = [...new Set(names as Editor[])];
  }
  return { typed, editors, dryRun, pythonMonitor: !noPythonMonitor };
}
