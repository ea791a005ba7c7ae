import { access } from 'node:fs/promises';
import path from 'node:path';
import type { TypeCoverageGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import { countPythonTypeCoverage, PYTHON_TYPE_COVERAGE_UNAVAILABLE } from '../../standards/quality-gates/python-type-coverage.js';
import { coveragePercent } from '../../standards/type-coverage/options.js';
import { UsageError } from '../command.js';
import { parseCoverageArguments } from '../coverage/arguments.js';
import type { MeasuredFile } from '../coverage/measure.js';
import { resolveCoverageSettings } from '../coverage/settings.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';

const exists = (file: string): Promise<boolean> => access(file).then((): boolean => true, (): boolean => false);
const PYTHON_MARKERS: readonly string[] = ['pyproject.toml', 'setup.py', 'setup.cfg'];
const percentText = (covered: number, total: number): string => `${(total === 0 ? 100 : coveragePercent(covered, total)).toFixed(2)}%`;

async function pythonGate(context: GateContext, threshold: number): Promise<GateResult> {
  const thresholdText = `≥ ${threshold}%`;
  if (countPythonTypeCoverage === null) {
    return { gate: 'typeCoverage', title: GATE_TITLES.typeCoverage, verdict: 'unavailable', threshold: thresholdText, measured: '', source: '', details: [], message: PYTHON_TYPE_COVERAGE_UNAVAILABLE };
  }
  const { counts, files } = await countPythonTypeCoverage(context.root);
  const passed = counts.total === 0 || counts.covered * 100 >= threshold * counts.total;
  return {
    gate: 'typeCoverage',
    title: GATE_TITLES.typeCoverage,
    verdict: passed ? 'passed' : 'failed',
    threshold: thresholdText,
    measured: `${percentText(counts.covered, counts.total)} (${counts.covered}/${counts.total}, ${files} Python files)`,
    value: counts.total === 0 ? 100 : coveragePercent(counts.covered, counts.total),
    source: 'Python files',
    details: [],
  };
}

/**
 * The type coverage gate. TypeScript: counted in-process by `perf-standards coverage`'s core (same numbers
 * as type-coverage; its cache in `.type-coverage/` with `cache: true`; the package.json `typeCoverage` block's counting options
 * apply), judged against `threshold`; the five least covered files are listed when it fails. Python: through
 * the countPythonTypeCoverage seam, `unavailable` until the Python language exists. No tsconfig and no
 * Python project: `no data`.
 * @performance one TypeScript program (see measureCoverage); warm runs reuse the cache.
 */
export async function typeCoverageGate(config: TypeCoverageGateConfig, context: GateContext): Promise<GateResult> {
  const threshold = config.threshold ?? DEFAULT_THRESHOLDS.typeCoveragePercent;
  const project = config.project ?? 'tsconfig.json';
  const hasTsconfig = await exists(path.join(context.root, project));
  const isPython = (await Promise.all(PYTHON_MARKERS.map((marker: string): Promise<boolean> => exists(path.join(context.root, marker))))).some(Boolean);
  const language = config.language ?? (hasTsconfig ? 'typescript' : isPython ? 'python' : undefined);
  if (language === 'python') return pythonGate(context, threshold);
  const thresholdText = `≥ ${threshold}%${config.strict === true ? ' (strict)' : ''}`;
  if (!hasTsconfig) {
    const message = `no ${project} in the project root; set gates.typeCoverage.project to the tsconfig to count`;
    if (config.project !== undefined || config.language !== undefined) throw new GateDataError(message);
    return withoutData('typeCoverage', context, thresholdText, message);
  }
  const { measureWithSettings } = await import('../coverage/run-coverage.js');
  let files: readonly MeasuredFile[];
  try {
    const args = parseCoverageArguments(['-p', project, ...(config.cache === true ? ['--cache'] : []), ...(config.strict === true ? ['--strict'] : [])]);
    ({ measurement: { files } } = await measureWithSettings(resolveCoverageSettings(args, context.root), context.root));
  } catch (error: unknown) {
    if (error instanceof UsageError) throw new GateDataError(`${project}: ${error.message}`);
    throw error;
  }
  let covered = 0;
  let total = 0;
  for (const file of files) {
    covered += file.coverage.covered;
    total += file.coverage.total;
  }
  const passed = total === 0 || covered * 100 >= threshold * total;
  const least = passed
    ? []
    : files
        .filter((file: MeasuredFile): boolean => file.coverage.covered < file.coverage.total)
        .map((file: MeasuredFile) => ({ file: file.file, covered: file.coverage.covered, total: file.coverage.total, percent: coveragePercent(file.coverage.covered, file.coverage.total) }))
        .sort((a, b) => a.percent - b.percent || a.file.localeCompare(b.file))
        .slice(0, 5);
  return {
    gate: 'typeCoverage',
    title: GATE_TITLES.typeCoverage,
    verdict: passed ? 'passed' : 'failed',
    threshold: thresholdText,
    measured: `${percentText(covered, total)} (${covered}/${total})`,
    value: total === 0 ? 100 : coveragePercent(covered, total),
    source: project,
    details: least.length === 0 ? [] : [`least covered: ${least.map((entry) => `${entry.file} ${percentText(entry.covered, entry.total)} (${entry.covered}/${entry.total})`).join(', ')}`, 'run `perf-standards coverage --detail` for every uncovered identifier'],
  };
}
