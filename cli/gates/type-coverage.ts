import { access } from 'node:fs/promises';
import path from 'node:path';
import type { TypeCoverageGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import { coveragePercent } from '../../standards/type-coverage/options.js';
import { UsageError } from '../command.js';
import { parseCoverageArguments } from '../coverage/arguments.js';
import type { MeasuredFile } from '../coverage/measure.js';
import { resolveCoverageSettings } from '../coverage/settings.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';
import { PYTHON_MANIFESTS } from '../../standards/shared/python-distributions.js';

const exists = (file: string): Promise<boolean> => access(file).then((): boolean => true, (): boolean => false);
const PYTHON_SOURCE = '**/*.py, **/*.pyi';
const percentOf = (covered: number, total: number): number => (total === 0 ? 100 : coveragePercent(covered, total));
const percentText = (covered: number, total: number): string => `${percentOf(covered, total).toFixed(2)}%`;

/** One file's count, for the least covered list. */
interface FileFigure {
  readonly file: string;
  readonly covered: number;
  readonly total: number;
}

/** One language's figure, before it is put in the gate's row. */
interface LanguageFigure {
  readonly language: 'TypeScript' | 'Python';
  readonly covered: number;
  readonly total: number;
  /** `(74/85)`, or `(40/50 in 3 files)` for Python, whose unit (annotation slots) says nothing of the files. */
  readonly counts: string;
  readonly source: string;
  readonly files: readonly FileFigure[];
  /** Where to see every uncovered one, shown when the language fails. */
  readonly next: string;
  /** Shown whether or not it fails: files left out of the figure. */
  readonly notes: readonly string[];
}

async function typeScriptFigure(project: string, config: TypeCoverageGateConfig, context: GateContext): Promise<LanguageFigure> {
  const { measureWithSettings } = await import('../coverage/run-coverage.js');
  let files: readonly MeasuredFile[];
  try {
    const args = parseCoverageArguments(['-p', project, ...(config.cache === true ? ['--cache'] : []), ...(config.strict === true ? ['--strict'] : [])]);
    ({ measurement: { files } } = await measureWithSettings(resolveCoverageSettings(args, context.root), context.root));
  } catch (error: unknown) {
    if (error instanceof UsageError) throw new GateDataError(`${project}: ${error.message}`);
    throw error;
  }
  const figures = files.map((file: MeasuredFile): FileFigure => ({ file: file.file, covered: file.coverage.covered, total: file.coverage.total }));
  const covered = figures.reduce((sum: number, file: FileFigure): number => sum + file.covered, 0);
  const total = figures.reduce((sum: number, file: FileFigure): number => sum + file.total, 0);
  return { language: 'TypeScript', covered, total, counts: `(${covered}/${total})`, source: project, files: figures, next: 'run `perf-standards coverage --detail` for every uncovered identifier', notes: [] };
}

async function pythonFigure(context: GateContext): Promise<LanguageFigure | null> {
  const { countPythonTypeCoverage } = await import('../../standards/type-coverage/python-type-coverage.js');
  const { files, notCounted } = await countPythonTypeCoverage(context.root);
  if (files.length === 0 && notCounted.length === 0) return null;
  const covered = files.reduce((sum: number, file: FileFigure): number => sum + file.covered, 0);
  const total = files.reduce((sum: number, file: FileFigure): number => sum + file.total, 0);
  return {
    language: 'Python',
    covered,
    total,
    counts: `(${covered}/${total} in ${files.length} ${files.length === 1 ? 'file' : 'files'})`,
    source: PYTHON_SOURCE,
    files,
    next: 'run `perf-standards check` for every missing annotation (require-explicit-types)',
    notes: notCounted.length === 0 ? [] : [`not counted: ${notCounted.map((entry) => `${entry.file} (${entry.reason})`).join(', ')}`],
  };
}

const passes = (figure: LanguageFigure, threshold: number): boolean => figure.total === 0 || figure.covered * 100 >= threshold * figure.total;

function leastCovered(figure: LanguageFigure, many: boolean): string {
  const least = figure.files
    .filter((file: FileFigure): boolean => file.covered < file.total)
    .map((file: FileFigure) => ({ ...file, percent: coveragePercent(file.covered, file.total) }))
    .sort((a, b) => a.percent - b.percent || a.file.localeCompare(b.file))
    .slice(0, 5);
  return `least covered${many ? ` (${figure.language})` : ''}: ${least.map((entry) => `${entry.file} ${percentText(entry.covered, entry.total)} (${entry.covered}/${entry.total})`).join(', ')}`;
}

/**
 * The type coverage gate, for each language the project has (a tsconfig: TypeScript; a pyproject.toml,
 * setup.py or setup.cfg at the root: Python), or the one `language` names; each judged against `threshold`.
 * TypeScript: counted in-process by `perf-standards coverage`'s core (same numbers as type-coverage; its
 * cache with `cache: true`; the package.json `typeCoverage` block's counting options apply). Python: the
 * share of the annotation slots the explicit-types standard requires that are annotated
 * (standards/type-coverage/python-type-coverage.ts). One row; in a project with both, each language's
 * figure, and the gate fails when either does (`value` is the lower). The five least covered files of a
 * failing language are listed. Neither language: `no data`.
 * @performance one TypeScript program (see measureCoverage; warm runs reuse the cache) and one tree-sitter
 * parse per Python file, concurrently.
 */
export async function typeCoverageGate(config: TypeCoverageGateConfig, context: GateContext): Promise<GateResult> {
  const threshold = config.threshold ?? DEFAULT_THRESHOLDS.typeCoveragePercent;
  const project = config.project ?? 'tsconfig.json';
  const hasTsconfig = await exists(path.join(context.root, project));
  const isPython = config.language === 'python' || (config.language === undefined && (await Promise.all(PYTHON_MANIFESTS.map((marker: string): Promise<boolean> => exists(path.join(context.root, marker))))).some(Boolean));
  const countsTypeScript = config.language === 'typescript' || (config.language === undefined && (hasTsconfig || config.project !== undefined || !isPython));
  const thresholdText = `≥ ${threshold}%${config.strict === true && countsTypeScript ? ' (strict)' : ''}`;
  if (countsTypeScript && !hasTsconfig) {
    const message = isPython
      ? `no ${project} in the project root; set gates.typeCoverage.project to the tsconfig to count, or gates.typeCoverage.language to "python"`
      : `no ${project} in the project root, and no pyproject.toml, setup.py or setup.cfg; set gates.typeCoverage.project to the tsconfig to count, or gates.typeCoverage.language to "python"`;
    if (config.project !== undefined || config.language !== undefined) throw new GateDataError(message);
    return withoutData('typeCoverage', context, thresholdText, message);
  }
  const [typeScript, python] = await Promise.all([countsTypeScript ? typeScriptFigure(project, config, context) : null, isPython ? pythonFigure(context) : null]);
  if (python === null && typeScript === null) {
    return withoutData('typeCoverage', context, thresholdText, 'no Python file to count (no .py or .pyi file outside what git ignores, installed packages and environments)');
  }
  const figures = [typeScript, python].filter((figure: LanguageFigure | null): figure is LanguageFigure => figure !== null);
  const many = figures.length > 1;
  const failing = figures.filter((figure: LanguageFigure): boolean => !passes(figure, threshold));
  return {
    gate: 'typeCoverage',
    title: GATE_TITLES.typeCoverage,
    verdict: failing.length === 0 ? 'passed' : 'failed',
    threshold: thresholdText,
    measured: figures.map((figure: LanguageFigure): string => `${many ? `${figure.language} ` : ''}${percentText(figure.covered, figure.total)} ${figure.counts}`).join(', '),
    value: Math.min(...figures.map((figure: LanguageFigure): number => percentOf(figure.covered, figure.total))),
    source: figures.map((figure: LanguageFigure): string => figure.source).join(', '),
    details: [
      ...failing.flatMap((figure: LanguageFigure): string[] => [leastCovered(figure, many), figure.next]),
      ...figures.flatMap((figure: LanguageFigure): readonly string[] => figure.notes),
    ],
  };
}
