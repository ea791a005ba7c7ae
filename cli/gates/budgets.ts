import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { judgeBudgets, type BudgetBreach, type MetricFigures } from '../../standards/quality-gates/budgets.js';
import type { BudgetsGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_BUDGETS, GATE_TITLES, type BudgetLimits, type GateResult } from '../../standards/quality-gates/gates.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';
import { projectKind, pythonMonitorModule } from './project-kind.js';
import { findReportFiles } from './report-files.js';

/** Where the gate looks by default: what `writePerformanceSnapshot()` writes, one file or one per process. */
export const DEFAULT_SNAPSHOTS = '.perf-standards/performance-stats*.json';

const WRITE_HINT =
  "`writePerformanceSnapshot()` from 'eslint-plugin-perf-standards/runtime/snapshot', called after the monitored code ran (a test setup file's afterAll, or the end of a staging run)";

// The Python monitor's own function, imported from where the project has it (init writes it into the package).
async function pythonWriteHint(root: string): Promise<string> {
  const module = await pythonMonitorModule(root);
  const where = module === null ? '`perf-standards init` writes it as <package>/performance_monitor.py' : `\`from ${module} import write_performance_snapshot\``;
  return `\`write_performance_snapshot()\` of the Python performance monitor (${where}), called after the monitored code ran (at the end of a pytest session: a session-scoped fixture's teardown, or the end of a staging run); pytest-benchmark's JSON has no p95 or p99: the regression gate reads it`;
}

const milliseconds = (value: number): string => `${Number(value.toFixed(2))} ms`;

function limitsText(budgets: Readonly<Record<string, BudgetLimits>>): string {
  return Object.entries(budgets)
    .map(([glob, limits]) =>
      `${glob} ${Object.entries(limits)
        .map(([key, value]) => `${key.replace('Ms', '')} ≤ ${milliseconds(value as number)}`)
        .join(', ')}`,
    )
    .join('; ');
}

function isFigures(value: unknown): value is MetricFigures {
  const figures = value as MetricFigures;
  return typeof value === 'object' && value !== null && ['count', 'p50Ms', 'p95Ms', 'p99Ms'].every((key: string): boolean => typeof figures[key as keyof MetricFigures] === 'number');
}

async function readSnapshot(root: string, file: string): Promise<Readonly<Record<string, MetricFigures>>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path.join(root, file), 'utf8'));
  } catch (error: unknown) {
    throw new GateDataError(`cannot read ${file}: ${(error as Error).message}; it is written by ${WRITE_HINT}`);
  }
  // A snapshot, or a bare performanceStats() object someone wrote with JSON.stringify.
  const snapshot = value as { readonly format?: unknown; readonly metrics?: unknown };
  const metrics = snapshot.format === 'perf-standards.performance-snapshot' ? snapshot.metrics : value;
  if (typeof metrics !== 'object' || metrics === null || !Object.values(metrics).every(isFigures)) {
    throw new GateDataError(`${file} is not a performance snapshot (performanceSnapshot() or performanceStats() as JSON); it is written by ${WRITE_HINT}`);
  }
  return metrics as Readonly<Record<string, MetricFigures>>;
}

const describeBreach = (breach: BudgetBreach, many: boolean): string =>
  `${breach.metric}: ${breach.percentile} ${milliseconds(breach.measuredMs)} > ${milliseconds(breach.limitMs)} (${breach.glob}, ${breach.count} calls${many ? `, ${breach.source}` : ''})`;

/**
 * The performance budgets gate: p50/p95/p99 limits per metric-name glob, checked on the runtime's
 * snapshots (judgeBudgets). No snapshot: `no data`; snapshots whose metrics no budget names: `no data`,
 * saying which names they hold.
 * @performance one small read per snapshot.
 */
export async function budgetsGate(config: BudgetsGateConfig, context: GateContext): Promise<GateResult> {
  const budgets = config.metrics ?? DEFAULT_BUDGETS;
  const threshold = limitsText(budgets);
  const pattern = config.report ?? DEFAULT_SNAPSHOTS;
  const files = await findReportFiles(context.root, [pattern], 'gates.budgets.report');
  if (files.length === 0) {
    const message = `no performance snapshot matches ${pattern}; write one with ${(await projectKind(context.root)).python ? await pythonWriteHint(context.root) : WRITE_HINT}`;
    if (config.report !== undefined) throw new GateDataError(message);
    return withoutData('budgets', context, threshold, message);
  }
  const snapshots = await Promise.all(files.map(async (file: string) => ({ source: file, metrics: await readSnapshot(context.root, file) })));
  const judgement = judgeBudgets(snapshots, budgets);
  const source = files.join(', ');
  if (judgement.checked === 0) {
    const names = [...new Set(snapshots.flatMap((snapshot) => Object.keys(snapshot.metrics)))].slice(0, 10);
    return {
      ...withoutData('budgets', context, threshold, `no metric of the snapshot matches a budget's glob (metrics: ${names.length === 0 ? 'none' : names.join(', ')}); set gates.budgets.metrics`),
      source,
    };
  }
  const worst = [...judgement.breaches].sort((a, b) => b.measuredMs / b.limitMs - a.measuredMs / a.limitMs);
  return {
    gate: 'budgets',
    title: GATE_TITLES.budgets,
    verdict: judgement.breaches.length === 0 ? 'passed' : 'failed',
    threshold,
    measured: `${judgement.checked} ${judgement.checked === 1 ? 'metric' : 'metrics'} checked, ${judgement.breaches.length} over budget`,
    source,
    details: [
      ...worst.map((breach: BudgetBreach): string => describeBreach(breach, files.length > 1)),
      ...judgement.unmatched.map((glob: string): string => `${glob}: no metric matches`),
    ],
  };
}
