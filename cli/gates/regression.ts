import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { access, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BenchmarkFormatError, readBenchmarkResults } from '../../standards/quality-gates/benchmark-results.js';
import type { RegressionGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import {
  decideRegression,
  decideStoredRegression,
  REGRESSION_DESIGN,
  plannedRounds,
  type BenchmarkSummary,
  type RegressionDecision,
} from '../../standards/quality-gates/regression-statistics.js';
import { repositoryRoot, runGit } from '../../standards/shared/git-process.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';
import { projectKind } from './project-kind.js';
import { findReportFiles } from './report-files.js';
import { runShellCommand } from './shell-command.js';

const DEFAULT_MAX_ROUNDS = 80;
const exists = (file: string): Promise<boolean> => access(file).then((): boolean => true, (): boolean => false);
const signed = (percent: number): string => (Number.isFinite(percent) ? `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(2)}%` : percent > 0 ? '+∞' : '−∞');

async function readResults(file: string, label: string): Promise<ReadonlyMap<string, BenchmarkSummary>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new GateDataError(`cannot read ${label}: ${(error as Error).message}`);
  }
  try {
    return readBenchmarkResults(text, label).benchmarks;
  } catch (error: unknown) {
    if (error instanceof BenchmarkFormatError) throw new GateDataError(error.message);
    throw error;
  }
}

async function runSide(command: string, cwd: string, report: string, side: 'baseline' | 'current'): Promise<ReadonlyMap<string, BenchmarkSummary>> {
  const { code, output } = await runShellCommand(command, cwd, { ...process.env, PERF_STANDARDS_BENCH_SIDE: side });
  if (code !== 0) throw new GateDataError(`the benchmark command \`${command}\` failed on the ${side} tree (exit ${code ?? 'by a signal'}); its output ends:\n${output.trimEnd()}`);
  return readResults(path.join(cwd, report), `${report} (${side})`);
}

/** One benchmark's outcome, for the details. */
interface Judged {
  readonly name: string;
  readonly decision: RegressionDecision;
}

function describe({ name, decision }: Judged, interleaved: boolean): string {
  const interval = `${signed(decision.changePercent)} [${signed(decision.lowPercent)}, ${signed(decision.highPercent)}]`;
  const basis = interleaved ? `${decision.rounds} rounds, t-test on per-round ratios` : 'stored results, delta method';
  if (decision.verdict === 'inconclusive') {
    return interleaved
      ? `${name}: inconclusive: ${decision.roundsNeeded - decision.rounds} more rounds needed (${interval}, ${basis})`
      : `${name}: inconclusive (${interval}${Number.isFinite(decision.highPercent) ? '' : ': the results carry no standard deviation'}); run both sides interleaved (gates.regression.command with a git ref as baseline)`;
  }
  return `${name}: ${interval}, ${decision.pValue < 0.0001 ? 'p < 0.0001' : `p = ${decision.pValue.toFixed(4)}`}, ${basis}: ${decision.verdict}`;
}

function result(judged: readonly Judged[], threshold: number, source: string, notes: readonly string[], interleaved: boolean): GateResult {
  const thresholdText = `≤ ${threshold}% slower`;
  if (judged.length === 0) throw new GateDataError(`no benchmark is in both the baseline and the current results (${notes.join('; ') || 'both are empty'})`);
  const verdict = judged.some((entry: Judged): boolean => entry.decision.verdict === 'failed')
    ? 'failed'
    : judged.some((entry: Judged): boolean => entry.decision.verdict === 'inconclusive')
      ? 'inconclusive'
      : 'passed';
  const worst = judged.reduce((a: Judged, b: Judged): Judged => (b.decision.changePercent > a.decision.changePercent ? b : a));
  const more = Math.max(0, ...judged.map((entry: Judged): number => (entry.decision.verdict === 'inconclusive' ? entry.decision.roundsNeeded - entry.decision.rounds : 0)));
  return {
    gate: 'regression',
    title: GATE_TITLES.regression,
    verdict,
    threshold: thresholdText,
    measured: `${signed(worst.decision.changePercent)} [${signed(worst.decision.lowPercent)}, ${signed(worst.decision.highPercent)}] ${worst.name}`,
    value: worst.decision.changePercent,
    source,
    details: [...judged.map((entry: Judged): string => describe(entry, interleaved)), ...notes],
    ...(verdict === 'inconclusive'
      ? { message: interleaved ? `inconclusive: ${more} more rounds needed (raise gates.regression.maxRounds to at least ${Math.max(...judged.map((entry: Judged): number => entry.decision.roundsNeeded))})` : 'inconclusive: stored results cannot decide; run both sides interleaved' }
      : {}),
  };
}

function pairNotes(baseline: ReadonlyMap<string, unknown>, current: ReadonlyMap<string, unknown>): string[] {
  const notes: string[] = [];
  const onlyBaseline = [...baseline.keys()].filter((name: string): boolean => !current.has(name));
  const onlyCurrent = [...current.keys()].filter((name: string): boolean => !baseline.has(name));
  if (onlyBaseline.length > 0) notes.push(`only in the baseline (not judged): ${onlyBaseline.join(', ')}`);
  if (onlyCurrent.length > 0) notes.push(`new, only in the current tree (not judged): ${onlyCurrent.join(', ')}`);
  return notes;
}

async function storedComparison(config: RegressionGateConfig, context: GateContext, baselineFile: string, threshold: number): Promise<GateResult> {
  if (config.report === undefined) throw new GateDataError('gates.regression.report must name the current results file to compare with the stored baseline');
  if (config.command !== undefined) {
    const { code, output } = await runShellCommand(config.command, context.root);
    if (code !== 0) throw new GateDataError(`the benchmark command \`${config.command}\` failed (exit ${code ?? 'by a signal'}); its output ends:\n${output.trimEnd()}`);
  }
  const [baseline, current] = await Promise.all([readResults(path.join(context.root, baselineFile), baselineFile), readResults(path.join(context.root, config.report), config.report)]);
  const judged = [...current.keys()]
    .filter((name: string): boolean => baseline.has(name))
    .map((name: string): Judged => ({ name, decision: decideStoredRegression(baseline.get(name) as BenchmarkSummary, current.get(name) as BenchmarkSummary, threshold) }));
  return result(judged, threshold, `${config.report} vs ${baselineFile}`, pairNotes(baseline, current), false);
}

// The baseline tree: `ref` checked out in a temporary worktree, with the current tree's node_modules linked in.
async function baselineWorktree(root: string, ref: string): Promise<{ readonly folder: string; readonly remove: () => Promise<void> }> {
  const repo = await repositoryRoot(root);
  if (repo === null) throw new GateDataError(`baseline "${ref}" is neither a results file in the project nor usable as a git ref: ${root} is not in a git repository`);
  const commit = (await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim();
  if (commit === undefined || commit === '') {
    throw new GateDataError(
      `baseline "${ref}" is neither a results file in the project nor a git ref of this repository; fetch it (in GitHub Actions: actions/checkout with fetch-depth: 0), or set gates.regression.baseline (or --baseline) to a ref that exists (\`git branch -a\` lists them)`,
    );
  }
  const parent = await mkdtemp(path.join(tmpdir(), 'perf-standards-baseline-'));
  const worktree = path.join(parent, 'tree');
  if ((await runGit(repo, ['worktree', 'add', '--detach', worktree, commit])) === null) {
    await rm(parent, { recursive: true, force: true });
    throw new GateDataError(`git could not check out ${ref} in a temporary worktree`);
  }
  const inside = path.relative(repo, root);
  await Promise.all(
    [...new Set([repo, root])].map(async (folder: string): Promise<void> => {
      const modules = path.join(folder, 'node_modules');
      const target = path.join(worktree, path.relative(repo, folder), 'node_modules');
      const [present, taken] = await Promise.all([exists(modules), exists(target)]);
      if (present && !taken) await symlink(modules, target, 'dir');
    }),
  );
  // Interrupted (Ctrl-C, a cancelled CI job), the process would end with the worktree still registered in
  // the repository: remove it synchronously, then end as the signal would have.
  const onSignal = (signal: NodeJS.Signals): void => {
    spawnSync('git', ['-C', repo, 'worktree', 'remove', '--force', worktree], { stdio: 'ignore' });
    rmSync(parent, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    folder: path.join(worktree, inside),
    remove: async (): Promise<void> => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await runGit(repo, ['worktree', 'remove', '--force', worktree]);
      await rm(parent, { recursive: true, force: true });
    },
  };
}

async function interleavedComparison(config: RegressionGateConfig, context: GateContext, ref: string, threshold: number): Promise<GateResult> {
  if (config.command === undefined || config.report === undefined) {
    throw new GateDataError(`baseline "${ref}" is a git ref: gates.regression.command (the benchmark run) and gates.regression.report (the results file it writes) are needed to run both trees`);
  }
  const { command, report } = config;
  const maxRounds = config.maxRounds ?? DEFAULT_MAX_ROUNDS;
  const baseline = await baselineWorktree(context.root, ref);
  try {
    const ratios = new Map<string, number[]>();
    let notes: string[] = [];
    const round = async (index: number): Promise<void> => {
      // ABAB…, starting with the other side each round, so a drift of the machine weighs on both sides.
      const order: readonly ('baseline' | 'current')[] = index % 2 === 0 ? ['baseline', 'current'] : ['current', 'baseline'];
      const results: Partial<Record<'baseline' | 'current', ReadonlyMap<string, BenchmarkSummary>>> = {};
      for (const side of order) results[side] = await runSide(command, side === 'baseline' ? baseline.folder : context.root, report, side);
      const [before, after] = [results.baseline ?? new Map<string, BenchmarkSummary>(), results.current ?? new Map<string, BenchmarkSummary>()];
      notes = pairNotes(before, after);
      for (const [name, summary] of after) {
        const reference = before.get(name);
        if (reference === undefined) continue;
        ratios.set(name, [...(ratios.get(name) ?? []), summary.timeMs / reference.timeMs]);
      }
    };
    // A pilot, then rounds planned from an upper bound of the noise, re-planned from all rounds whenever the
    // plan is reached (only the spread steers the rounds; the decision is made once, at the end).
    const pilot = Math.min(REGRESSION_DESIGN.pilotRounds, maxRounds);
    context.progress(`running \`${command}\` on the current tree and on ${ref}, in turn: a ${pilot}-round pilot, then the rounds the noise needs (at most ${maxRounds})`);
    const started = performance.now();
    let rounds = 0;
    for (; rounds < pilot; rounds += 1) await round(rounds);
    const needed = (): number => Math.max(rounds, ...[...ratios.values()].map((values: readonly number[]): number => plannedRounds(values, threshold)));
    const plan = (): number => Math.min(maxRounds, needed());
    for (let target = plan(); rounds < target; target = plan()) {
      const seconds = (performance.now() - started) / 1000;
      const need = needed();
      const planned = need > maxRounds ? `${need}, more than gates.regression.maxRounds: running ${maxRounds}` : String(need);
      context.progress(`${rounds} rounds in ${Math.round(seconds)} s; the noise needs ${planned}: about ${Math.round((seconds / rounds) * (target - rounds))} s more`);
      for (; rounds < target; rounds += 1) await round(rounds);
    }
    const judged = [...ratios].map(([name, values]): Judged => ({ name, decision: decideRegression(values, threshold) }));
    return result(judged, threshold, `${report}: current vs ${ref}, interleaved`, notes, true);
  } finally {
    await baseline.remove();
  }
}

// pytest-benchmark's run and results, where the project's pytest configuration writes them (as init sets them).
async function pytestBenchmarkHint(root: string): Promise<string> {
  const { readPythonReports } = await import('../../standards/quality-gates/python-reports.js');
  const report = (await readPythonReports(root)).benchmarkJson ?? '.perf-standards/bench.json';
  return `; for pytest-benchmark, gates.regression.command "python3 -m pytest --benchmark-only --benchmark-json=${report}" and report "${report}" (\`perf-standards init\` writes them)`;
}

/**
 * The performance regression gate, per benchmark. With a git ref as baseline, the benchmark command runs
 * on both trees (the ref in a temporary git worktree) interleaved in one run, and each benchmark is decided
 * by a t-test on the per-round ratios (decideRegression; rounds planned by plannedRounds from a 10-round
 * pilot and re-planned from all rounds when reached, at most `maxRounds`). With a results file as baseline, the current results are compared with it
 * (decideStoredRegression). Nothing configured: `no data`.
 * @performance the benchmark command's cost × 2 × rounds for a git baseline; one read per file otherwise.
 */
export async function regressionGate(config: RegressionGateConfig, context: GateContext): Promise<GateResult> {
  const threshold = config.threshold ?? DEFAULT_THRESHOLDS.regressionPercent;
  const baseline = context.baseline ?? config.baseline;
  if (baseline === undefined) {
    const python = (await projectKind(context.root)).python ? await pytestBenchmarkHint(context.root) : '';
    return withoutData('regression', context, `≤ ${threshold}% slower`, `no baseline; set gates.regression.baseline (a git ref such as "origin/main", or a stored results file) or pass --baseline${python}`);
  }
  const [file] = await findReportFiles(context.root, [baseline], 'gates.regression.baseline').catch((): string[] => []);
  if (file !== undefined && file === baseline.replace(/^\.\//u, '')) return storedComparison(config, context, file, threshold);
  return interleavedComparison(config, context, baseline, threshold);
}
