import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CoverageGateConfig, CoverageMetric } from '../../standards/quality-gates/config.js';
import { coveragePercentage, judgeCoverage, type CoverageCheck } from '../../standards/quality-gates/coverage-gate.js';
import { readCoverageReport, ReportFormatError, type Counts, type CoverageTable, type FileCounts } from '../../standards/quality-gates/coverage-report.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';
import { projectKind } from './project-kind.js';
import { findReportFiles, patternList } from './report-files.js';

/** Where the gate looks when `report` is not set, in this order; the first that exists is read. */
export const DEFAULT_COVERAGE_REPORTS: readonly string[] = [
  'coverage/coverage-summary.json',
  'coverage/coverage-final.json',
  'coverage/lcov.info',
  'coverage/cobertura-coverage.xml',
  'coverage.xml',
  'coverage.json',
];

/**
 * The command that writes a report of this name, for messages about a missing one.
 * @complexity O(length of the name).
 */
export function coverageCommandFor(report: string): string {
  const name = path.posix.basename(report);
  if (name.endsWith('.info')) return '`npx vitest run --coverage --coverage.reporter=lcov` (Jest and c8: the lcov reporter)';
  if (name === 'coverage-summary.json') return '`npx vitest run --coverage --coverage.reporter=json-summary` (Jest, c8, nyc: the json-summary reporter)';
  if (name.endsWith('.xml')) return '`python3 -m coverage xml` (coverage.py; vitest: --coverage.reporter=cobertura)';
  if (name === 'coverage.json') return '`python3 -m coverage json` (coverage.py)';
  // json is among vitest's default coverage reporters: a reporter option would only drop the others.
  return '`npx vitest run --coverage` (vitest writes it by default; Jest, c8, nyc: the json reporter)';
}

const COVERAGE_PY = '`python3 -m coverage run -m pytest && python3 -m coverage json` (coverage.py; with pytest-cov: `python3 -m pytest --cov --cov-report=json`)';

// How to write a report, in the tools the project uses: coverage.py for Python, vitest's for JavaScript.
async function writeHint(root: string): Promise<string> {
  const kind = await projectKind(root);
  const javaScript = coverageCommandFor('coverage-summary.json');
  if (!kind.python) return `write one with ${javaScript}`;
  // coverage.py's data file is not a report: its own command turns it into one.
  const data = (await findReportFiles(root, ['.coverage'], 'gates.coverage.report')).length > 0 ? ' (.coverage is coverage.py\'s data, not a report: `python3 -m coverage json` writes coverage.json from it)' : '';
  return kind.javaScript ? `write one with ${COVERAGE_PY}${data}, or for the JavaScript with ${javaScript}` : `write one with ${COVERAGE_PY}${data}`;
}

const percentText = (counts: Counts): string => `${coveragePercentage(counts).toFixed(2)}%`;

function describeCheck(check: CoverageCheck): string {
  if (check.empty) return `${check.scope}: no file of the report is in it (threshold ${check.threshold}% ${check.metric})`;
  return `${check.scope}: ${percentText(check.counts)} ${check.metric} (${check.counts.covered}/${check.counts.total}) < ${check.threshold}%`;
}

const metricsOf = (config: CoverageGateConfig): readonly CoverageMetric[] =>
  config.metric === undefined ? ['lines'] : typeof config.metric === 'string' ? [config.metric] : config.metric;

async function readText(root: string, file: string): Promise<string> {
  try {
    return await readFile(path.join(root, file), 'utf8');
  } catch (error: unknown) {
    throw new GateDataError(`cannot read ${file}: ${(error as Error).message}; it is written by ${coverageCommandFor(file)}`);
  }
}

async function readReports(root: string, files: readonly string[]): Promise<FileCounts[]> {
  const texts = await Promise.all(files.map((file: string): Promise<string> => readText(root, file)));
  // The same source file in two reports: the report listed last (in path order) wins. Read from the last
  // back, so a file already taken is not summarised again from an earlier report.
  const byFile = new Map<string, FileCounts>();
  for (let index = files.length - 1; index >= 0; index -= 1) {
    const file = files[index] as string;
    let table: CoverageTable;
    try {
      table = readCoverageReport(texts[index] as string, root, file, (source: string): boolean => byFile.has(source));
    } catch (error: unknown) {
      if (error instanceof ReportFormatError) throw new GateDataError(`${error.message}; it is written by ${coverageCommandFor(file)}`);
      throw error;
    }
    for (const counts of table.files) if (!byFile.has(counts.file)) byFile.set(counts.file, counts);
  }
  return [...byFile.values()];
}

/**
 * The test coverage gate: reads the report(s), judges every metric asked for against the overall,
 * per-file-glob and per-package thresholds (judgeCoverage), and lists what failed and the least covered
 * files. No report: `no data` (an error when the gate is configured or asked for).
 * @performance dominated by reading the reports: O(size of the reports).
 */
export async function coverageGate(config: CoverageGateConfig, context: GateContext): Promise<GateResult> {
  const metrics = metricsOf(config);
  const threshold = config.threshold ?? DEFAULT_THRESHOLDS.coveragePercent;
  const thresholdText = `≥ ${threshold}% ${metrics.join(', ')}`;
  const patterns = patternList(config.report, []);
  let files: readonly string[];
  if (patterns.length > 0) {
    files = await findReportFiles(context.root, patterns, 'gates.coverage.report');
    if (files.length === 0) {
      throw new GateDataError(`no coverage report matches ${patterns.join(', ')}; it is written by ${coverageCommandFor(patterns[0] ?? '')}`);
    }
  } else {
    const found = await findReportFiles(context.root, DEFAULT_COVERAGE_REPORTS, 'gates.coverage.report');
    const first = DEFAULT_COVERAGE_REPORTS.find((candidate: string): boolean => found.includes(candidate));
    if (first === undefined) {
      return withoutData('coverage', context, thresholdText, `no coverage report (looked for ${DEFAULT_COVERAGE_REPORTS.join(', ')}); ${await writeHint(context.root)}, or set gates.coverage.report`);
    }
    files = [first];
  }
  const source = files.join(', ');
  const fileCounts = await readReports(context.root, files);
  if (fileCounts.length === 0) {
    return { ...withoutData('coverage', context, thresholdText, `${source} lists no source file`), source };
  }
  const judgement = judgeCoverage(fileCounts, { metrics, threshold, packages: config.packages ?? {}, files: config.files ?? {} });
  if (judgement.missingMetrics.length > 0) {
    throw new GateDataError(
      `${source} has no ${judgement.missingMetrics.join(' or ')} counts (lcov and Cobertura have no statements, coverage.py no functions, and branches only from \`coverage run --branch\`); set gates.coverage.metric to what the report records`,
    );
  }
  const overall = judgement.checks.filter((check: CoverageCheck): boolean => check.scope === 'all files' || check.scope === 'all other files');
  const measured = overall.map((check: CoverageCheck): string => `${percentText(check.counts)} ${check.metric} (${check.counts.covered}/${check.counts.total})`).join(', ');
  const failures = judgement.checks.filter((check: CoverageCheck): boolean => !check.passed);
  const first = metrics[0] ?? 'lines';
  const details = failures.map(describeCheck);
  if (failures.length > 0 && judgement.leastCovered.length > 0) {
    details.push(
      `least covered: ${judgement.leastCovered
        .map((file: FileCounts): string => `${file.file} ${percentText(file[first] as Counts)} (${(file[first] as Counts).covered}/${(file[first] as Counts).total})`)
        .join(', ')}`,
    );
  }
  return {
    gate: 'coverage',
    title: GATE_TITLES.coverage,
    verdict: failures.length === 0 ? 'passed' : 'failed',
    threshold: thresholdText,
    measured: measured === '' ? 'all files claimed by gates.coverage.files' : measured,
    // The first metric's overall percentage, as every other gate gives its figure to scripts.
    ...(overall[0] === undefined ? {} : { value: coveragePercentage(overall[0].counts) }),
    source,
    details,
  };
}
