import { GATE_TITLES, type GateId, type GateResult } from '../../standards/quality-gates/gates.js';

/** What every gate is told. */
export interface GateContext {
  /** Absolute project root (the folder holding perf-standards.config.json, or a workspace package's folder). */
  readonly root: string;
  /**
   * The user asked for this gate (in the configuration or with `--only`): missing data is an error (exit 2)
   * naming the report and the command that writes it, not `no data`.
   */
  readonly explicit: boolean;
  /** `--baseline`, for the regression gate. */
  readonly baseline: string | undefined;
  /** Where a gate that runs for minutes (the regression gate's rounds) says how far it is; one line each call. */
  readonly progress: (line: string) => void;
}

/**
 * A report the configuration names is missing or unreadable: the gate's verdict is `error` (exit code 2).
 * The message names the report and the command that would produce it.
 * @complexity O(1) to construct.
 */
export class GateDataError extends Error {
  override readonly name = 'GateDataError';
}

/**
 * A result without data: `no data` for a gate nobody asked for, an `error` (exit 2) when it was asked for.
 * @complexity O(1).
 */
export function withoutData(gate: GateId, context: GateContext, threshold: string, message: string): GateResult {
  return { gate, title: GATE_TITLES[gate], verdict: context.explicit ? 'error' : 'no data', threshold, measured: '', source: '', details: [], message };
}
