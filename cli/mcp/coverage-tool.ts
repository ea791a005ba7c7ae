import { coveragePercent } from '../../standards/type-coverage/options.js';
import { UsageError } from '../command.js';
import { parseCoverageArguments } from '../coverage/arguments.js';
import type { MeasuredFile } from '../coverage/measure.js';
import { measureWithSettings, type CoverageHooks } from '../coverage/run-coverage.js';
import { resolveCoverageSettings } from '../coverage/settings.js';
import { existingPathInRoot } from './project-root.js';
import type { ResultPages } from './result-pages.js';
import type { ToolAnswer } from './tool-answer.js';

/** One counted file: its figures and where its `any`s are (1-based). */
export interface CoverageFileEntry {
  readonly file: string;
  readonly covered: number;
  readonly total: number;
  readonly percent: number;
  readonly anyLocations: readonly { readonly line: number; readonly column: number; readonly text: string }[];
  /** Locations left out of `anyLocations` to keep the page readable. */
  readonly moreLocations?: number;
}

export interface CoverageSummary {
  readonly correctCount: number;
  readonly totalCount: number;
  readonly percent: number;
  readonly percentString: string;
  readonly filesCounted: number;
  readonly strict: boolean;
}

/** One `coverage` call. */
export interface CoverageCall {
  readonly root: string;
  readonly project: string | undefined;
  readonly strict: boolean;
  readonly files: readonly string[] | undefined;
}

// A file with thousands of `any`s (generated code) must not fill a page by itself.
const LOCATIONS_PER_FILE = 200;

const percentOf = (covered: number, total: number): number => (total === 0 ? 100 : coveragePercent(covered, total));

function toEntry({ file, coverage }: MeasuredFile): CoverageFileEntry {
  const locations = coverage.uncovered.map(({ line, character, text }) => ({ line: line + 1, column: character + 1, text }));
  return {
    file,
    covered: coverage.covered,
    total: coverage.total,
    percent: percentOf(coverage.covered, coverage.total),
    anyLocations: locations.slice(0, LOCATIONS_PER_FILE),
    ...(locations.length > LOCATIONS_PER_FILE ? { moreLocations: locations.length - LOCATIONS_PER_FILE } : {}),
  };
}

/** What one `coverage` run counted: every file, least covered first, and the summary. */
export interface CoverageRunResult {
  readonly files: readonly CoverageFileEntry[];
  readonly summary: CoverageSummary;
}

/**
 * One `coverage` run, as the call worker (call-worker-thread.ts) does it: the command's core with the
 * call's stages and its cache write bracketed by the write gate.
 * @performance the command's cost: TypeScript loads, one program per project.
 */
export async function runCoverageCall(call: CoverageCall, hooks: CoverageHooks): Promise<CoverageRunResult> {
  const project = call.project === undefined ? undefined : await existingPathInRoot(call.root, call.project, 'project');
  const files = call.files === undefined ? undefined : await Promise.all(call.files.map((file: string): Promise<string> => existingPathInRoot(call.root, file, 'files')));
  const argv = [...(project === undefined ? [] : ['-p', project]), ...(call.strict ? ['--strict'] : []), ...(files === undefined ? [] : ['--', ...files])];
  let run;
  try {
    run = await measureWithSettings(resolveCoverageSettings(parseCoverageArguments(argv), call.root), call.root, hooks);
  } catch (error: unknown) {
    // The command's wording names its flags and working directory; the tool's are the arguments and the root.
    if (error instanceof UsageError) {
      throw new UsageError(`coverage: ${error.message.replaceAll('the current directory', `the root (${call.root})`).replace(/-p <file>|-p <path>|--not-only-in-cwd/u, 'the "project" argument')}`);
    }
    throw error;
  }
  const entries = run.measurement.files.map(toEntry).sort((a: CoverageFileEntry, b: CoverageFileEntry): number => a.percent - b.percent || a.file.localeCompare(b.file));
  const { report } = run;
  const summary = {
    correctCount: report.correctCount,
    totalCount: report.totalCount,
    percent: report.percent,
    percentString: report.percentString,
    filesCounted: entries.length,
    strict: call.strict,
  };
  return { files: entries, summary };
}

/**
 * The `coverage` tool: `perf-standards coverage` run in the root (its package.json `typeCoverage` block
 * applies), with the project, strict mode and files given; files listed least covered first, paged. `run`
 * does the work (in the server, on a call worker a cancellation can stop).
 * @performance the command's cost; later pages are read from memory.
 */
export async function coverageTool(call: CoverageCall, pages: ResultPages, cursor: string | undefined, limit: number, run: (call: CoverageCall) => Promise<CoverageRunResult>): Promise<ToolAnswer> {
  let page;
  let summary: CoverageSummary;
  if (cursor !== undefined) {
    ({ page, extra: summary } = pages.next<CoverageFileEntry, CoverageSummary>('coverage', cursor, limit));
  } else {
    let files: readonly CoverageFileEntry[];
    ({ files, summary } = await run(call));
    ({ page } = pages.first('coverage', files, summary, limit));
  }
  const lines = [`Type coverage ${summary.percentString}% (${summary.correctCount} / ${summary.totalCount} identifiers typed) over ${summary.filesCounted} files${summary.strict ? ', strict' : ''}.`];
  if (page.total > 0) lines.push(`Files ${page.offset + 1}–${page.offset + page.items.length} of ${page.total}, least covered first, are in structuredContent.files with their any locations.`);
  if (page.nextCursor !== undefined) lines.push(`More: call coverage again with cursor "${page.nextCursor}".`);
  return {
    text: lines.join('\n'),
    structured: {
      ...summary,
      files: page.items,
      page: { offset: page.offset, count: page.items.length, total: page.total },
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    },
  };
}
