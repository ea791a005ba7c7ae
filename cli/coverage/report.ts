import { coveragePercent } from '../../standards/type-coverage/options.js';
import type { MeasuredFile } from './measure.js';

/** One uncovered occurrence as type-coverage's `--json-output` prints it (0-based line and character). */
export interface CoverageDetail {
  readonly character: number;
  readonly filePath: string;
  readonly line: number;
  readonly text: string;
}

/** type-coverage's `--json-output` object: the same keys, in the same order, with the same meanings. */
export interface CoverageReport {
  readonly succeeded: boolean;
  readonly details?: readonly CoverageDetail[];
  readonly atLeast?: number;
  readonly atLeastFailed: boolean;
  readonly correctCount: number;
  readonly is?: number;
  readonly isFailed?: boolean;
  readonly percent: number;
  readonly percentString: string;
  readonly totalCount: number;
  readonly error?: string;
}

export interface ReportRequest {
  readonly files: readonly MeasuredFile[];
  readonly atLeast: number | undefined;
  readonly is: number | undefined;
  readonly detail: boolean;
  readonly noDetailWhenFailed: boolean;
}

/**
 * Sums the files and judges the thresholds as type-coverage does: the percentage is floored to two decimals,
 * and details are listed when asked for or when a threshold fails (unless `noDetailWhenFailed`).
 * @complexity O(files + uncovered occurrences).
 */
export function buildCoverageReport(request: ReportRequest): CoverageReport {
  let correctCount = 0;
  let totalCount = 0;
  for (const { coverage } of request.files) {
    correctCount += coverage.covered;
    totalCount += coverage.total;
  }
  const percent = coveragePercent(correctCount, totalCount);
  const percentString = percent.toFixed(2);
  const { atLeast, is } = request;
  const atLeastFailed = atLeast !== undefined && percent < atLeast;
  const isFailed = is === undefined ? undefined : percent !== is;
  const failed = atLeastFailed || isFailed === true;
  const details =
    request.detail || (!request.noDetailWhenFailed && failed)
      ? request.files.flatMap(({ file, coverage }: MeasuredFile): CoverageDetail[] =>
          coverage.uncovered.map(({ line, character, text }): CoverageDetail => ({ character, filePath: file, line, text })),
        )
      : undefined;
  const error = atLeastFailed
    ? `The type coverage rate(${percentString}%) is lower than the target(${atLeast}%).`
    : isFailed === true
      ? `The type coverage rate(${percentString}%) is not the target(${is}%).`
      : undefined;
  return {
    succeeded: !failed,
    ...(details === undefined ? {} : { details }),
    ...(atLeast === undefined ? {} : { atLeast }),
    atLeastFailed,
    correctCount,
    ...(is === undefined ? {} : { is, isFailed }),
    percent,
    percentString,
    totalCount,
    ...(error === undefined ? {} : { error }),
  };
}

const GREEN = '\u001B[32m';
const RED = '\u001B[31m';
const RESET = '\u001B[39m';

/**
 * type-coverage's text output: `path:line:col: name` per detail (1-based), `(covered / total) XX.XX%`, then
 * the verdict. Colors only on a terminal, and never with NO_COLOR.
 * @complexity O(details).
 */
export function formatCoverageText(report: CoverageReport, color: boolean): string {
  const paint = (text: string): string => (color ? `${report.succeeded ? GREEN : RED}${text}${RESET}` : text);
  const lines = (report.details ?? []).map(
    ({ filePath, line, character, text }: CoverageDetail): string => `${filePath}:${line + 1}:${character + 1}: ${text}`,
  );
  const counts = `${report.correctCount} / ${report.totalCount}`;
  lines.push(paint(report.totalCount > 0 ? `(${counts}) ${report.percentString}%` : counts));
  lines.push(report.succeeded ? paint('type-coverage success.') : paint(report.error ?? 'failed'));
  return `${lines.join('\n')}\n`;
}
