import type { Codemod } from '../../codemods/runner/contract.js';
import type { FileReport, RunReport } from '../../codemods/runner/run-codemods.js';
import { formatChange, formatPatch } from '../../codemods/runner/unified-diff.js';

const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function fileLine(file: FileReport): string | null {
  switch (file.status) {
    case 'changed':
      if (file.renamedTo !== undefined) return `  renamed  ${file.path} → ${file.renamedTo}`;
      if (file.deleted === true) return `  deleted  ${file.path}`;
      return `  ${file.created === true ? 'created' : 'changed'}  ${file.path}`;
    case 'skipped':
      return `  skipped  ${file.path}: ${file.reason ?? ''}`;
    case 'failed':
      return `  failed   ${file.path}: ${file.reason ?? ''}`;
    default:
      return null;
  }
}

/**
 * The human report: per codemod the files it changed, skipped or failed (only failures with `quiet`),
 * then its notes; then the codemods that did not run and why. Unchanged files are counted, not listed.
 * @complexity O(files in the report).
 */
export function formatFileList(report: RunReport, quiet: boolean): string {
  const lines: string[] = [];
  if (report.removedTemporaries.length > 0) {
    lines.push(
      `removed ${plural(report.removedTemporaries.length, 'temporary file')} an interrupted earlier run left (their files were never changed)`,
      ...report.removedTemporaries.map((file: string): string => `  removed  ${file}`),
    );
  }
  const codemods = [...new Set(report.files.map((file: FileReport): string => file.codemod))];
  for (const codemod of codemods) {
    const own = report.files
      .filter((file: FileReport): boolean => file.codemod === codemod && (!quiet || file.status === 'failed'))
      .map(fileLine)
      .filter((line: string | null): line is string => line !== null);
    const notes = quiet ? [] : report.notes.filter((note) => note.codemod === codemod).map((note) => `  note     ${note.path}: ${note.message}`);
    if (own.length + notes.length === 0) continue;
    lines.push(codemod, ...own, ...notes);
  }
  for (const skipped of report.skippedCodemods) lines.push(skipped.codemod, `  not run: ${skipped.reason}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The closing line: counts per status (a file one codemod changed and another failed is in both, and said
 * so: see RunCounts) and timings per codemod.
 * @complexity O(codemods).
 */
export function formatSummary(report: RunReport): string {
  const { changed, unchanged, skipped, failed, changedAndFailed } = report.counts;
  const verb = report.dryRun ? 'would change' : 'changed';
  const overlap = changedAndFailed === 0 ? '' : ` (${changedAndFailed} of them also failed in another codemod)`;
  const perCodemod = report.timings.map((timing) => `${timing.codemod} ${seconds(timing.milliseconds)}`).join(', ');
  return `${report.dryRun ? 'Dry run: ' : ''}${plural(changed, 'file')} ${verb}${overlap}, ${unchanged} unchanged, ${skipped} skipped, ${failed} failed in ${seconds(report.totalMilliseconds)}${perCodemod === '' ? '' : ` (${perCodemod})`}.\n`;
}

/**
 * What an interrupted run tells the user: which codemods were applied, which not (nothing of theirs was written).
 * @complexity O(codemods).
 */
export function formatInterruption(report: RunReport): string {
  if (report.interrupted === undefined) return '';
  const applied = report.applied.length === 0 ? 'none' : report.applied.join(', ');
  const verb = report.dryRun ? 'previewed' : 'applied';
  return `Interrupted. Codemods ${verb}: ${applied}. Not ${verb} (nothing of theirs was written): ${report.interrupted.notApplied.join(', ')}.\n`;
}

/**
 * Every change as a git-style unified diff, in the order the codemods made them (one per file for a dry
 * run of several codemods), as bytes: a file that is not UTF-8 keeps its own bytes in the patch.
 * @complexity O(total diff size).
 */
export function formatDiffs(report: RunReport, colour: boolean): Buffer {
  return Buffer.concat(report.changes.map((change) => formatPatch(change, colour)));
}

/**
 * The `--json` document: the run report without file contents; a dry run carries each change's diff.
 * @complexity O(report size).
 */
export function toJsonReport(report: RunReport, codemods: readonly Codemod[]): unknown {
  return {
    root: report.root,
    dryRun: report.dryRun,
    codemods: codemods.map((codemod: Codemod): string => codemod.name),
    counts: report.counts,
    files: report.files,
    notes: report.notes,
    skippedCodemods: report.skippedCodemods,
    ...(report.dryRun ? { diffs: report.changes.map((change) => ({ path: change.path, diff: formatChange(change, false) })) } : {}),
    removedTemporaries: report.removedTemporaries,
    applied: report.applied,
    ...(report.interrupted === undefined ? {} : { interrupted: report.interrupted }),
    timings: report.timings.map((timing) => ({ codemod: timing.codemod, milliseconds: Math.round(timing.milliseconds) })),
    totalMilliseconds: Math.round(report.totalMilliseconds),
  };
}

/**
 * `--list`: name, the rules it fixes, the languages it edits, and what it does, in `--all` order.
 * @complexity O(codemods).
 */
export function formatCodemodList(codemods: readonly Codemod[]): string {
  const width = Math.max(...codemods.map((codemod: Codemod): number => codemod.name.length));
  const rulesOf = (codemod: Codemod): string => [codemod.rule, ...(codemod.alsoFixes ?? [])].join(', ');
  const languagesOf = (codemod: Codemod): string => (codemod.languages ?? []).join(', ');
  return `${codemods.map((codemod: Codemod): string => `${codemod.name.padEnd(width)}  (${rulesOf(codemod)})  [${languagesOf(codemod)}]  ${codemod.description}`).join('\n')}\n`;
}
