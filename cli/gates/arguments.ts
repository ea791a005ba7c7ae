import { parseArgs } from 'node:util';
import { GATE_IDS, type GateId } from '../../standards/quality-gates/gates.js';
import { describeParseArgsError } from '../argument-errors.js';
import { UsageError } from '../command.js';

export const GATES_FORMATS = ['stylish', 'json', 'markdown'] as const;
export type GatesFormat = (typeof GATES_FORMATS)[number];

export interface GatesArguments {
  /** The gates to run; `null` means every gate. */
  readonly only: readonly GateId[] | null;
  readonly format: GatesFormat;
  /** The regression gate's baseline (a git ref or a results file), over the configuration's. */
  readonly baseline: string | undefined;
}

/**
 * Parses `perf-standards gates` arguments; bad input throws a UsageError naming the option and the values
 * it takes.
 * @complexity O(number of arguments + gates).
 */
export function parseGatesArguments(argv: readonly string[]): GatesArguments {
  let values: { readonly only?: string[]; readonly format?: string; readonly baseline?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        only: { type: 'string', multiple: true },
        format: { type: 'string', short: 'f' },
        baseline: { type: 'string' },
      },
    }));
  } catch (error: unknown) {
    throw new UsageError(describeParseArgsError(error));
  }
  const format = values.format ?? 'stylish';
  if (!(GATES_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}"; the formats are ${GATES_FORMATS.join(', ')}`);
  }
  let only: GateId[] | null = null;
  if (values.only !== undefined) {
    only = [];
    for (const name of values.only.flatMap((list: string): string[] => list.split(',')).map((name: string): string => name.trim())) {
      if (!(GATE_IDS as readonly string[]).includes(name)) {
        throw new UsageError(`--only: unknown gate "${name}"; the gates are ${GATE_IDS.join(', ')}`);
      }
      if (!only.includes(name as GateId)) only.push(name as GateId);
    }
  }
  if (values.baseline === '') throw new UsageError('--baseline needs a git ref or a results file');
  return { only, format: format as GatesFormat, baseline: values.baseline };
}
