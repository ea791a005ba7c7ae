import { GATE_IDS, type GateId, type GateResult } from '../../standards/quality-gates/gates.js';
import { UsageError } from '../command.js';
import { evaluateGates } from '../gates/run-gates.js';
import type { ToolAnswer } from './tool-answer.js';

/** One `gates` call. */
export interface GatesCall {
  readonly root: string;
  readonly only: readonly string[] | undefined;
  readonly baseline: string | undefined;
}

const line = (result: GateResult): string =>
  `${result.title}: ${result.verdict}${result.measured === '' ? '' : `, ${result.measured}`}${result.threshold === '' ? '' : ` (${result.threshold})`}${result.message === undefined ? '' : ` — ${result.message}`}`;

/**
 * The `gates` tool: `perf-standards gates` run in the root (its perf-standards.config.json applies), for
 * all gates or `only` those named. The answer is the command's JSON (`exitCode`, `summary`, `gates`), and
 * one line per gate as text. An invalid configuration or an unknown gate is a tool error naming it.
 * @performance the gates' own cost (see evaluateGates); nothing is cached between calls.
 */
export async function gatesTool(call: GatesCall): Promise<ToolAnswer> {
  const unknown = call.only?.find((name: string): boolean => !(GATE_IDS as readonly string[]).includes(name));
  if (unknown !== undefined) throw new UsageError(`gates: unknown gate "${unknown}"; the gates are ${GATE_IDS.join(', ')}`);
  const { results, exitCode } = await evaluateGates(call.root, { only: (call.only as readonly GateId[] | undefined) ?? null, format: 'json', baseline: call.baseline });
  const verdict = exitCode === 0 ? 'every gate with data passed' : exitCode === 1 ? 'a gate failed' : 'a report is missing or unreadable';
  return {
    text: [`Quality gates (exit code ${exitCode}: ${verdict}):`, ...results.map(line)].join('\n'),
    structured: { exitCode, gates: results },
  };
}
