import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import libCoverage, { type CoverageMapData } from 'istanbul-lib-coverage';
import lcovParse from 'lcov-parse';

/** Covered and total items of one metric. */
export interface Counts {
  readonly covered: number;
  readonly total: number;
}

/** One source file's counts; a metric the report's format does not record is `undefined`. */
export interface FileCounts {
  /** Relative to the project root, `/`-separated, when the file is inside it; else absolute. */
  readonly file: string;
  readonly lines: Counts;
  readonly statements: Counts | undefined;
  readonly branches: Counts | undefined;
  readonly functions: Counts | undefined;
}

/** The report formats the coverage gate reads. */
export type CoverageFormat = 'istanbul-summary' | 'istanbul-final' | 'lcov' | 'cobertura' | 'coverage.py';

/** What one report holds. */
export interface CoverageTable {
  readonly format: CoverageFormat;
  readonly files: readonly FileCounts[];
}

/** Each format's name in messages, and the metrics it records. */
export const FORMAT_NAMES: Readonly<Record<CoverageFormat, string>> = {
  'istanbul-summary': 'istanbul coverage-summary.json',
  'istanbul-final': 'istanbul coverage-final.json',
  lcov: 'lcov',
  cobertura: 'Cobertura XML',
  'coverage.py': 'coverage.py JSON',
};

/**
 * A report that exists but cannot be read as any coverage format: exit code 2, naming the file.
 * @complexity O(1) to construct.
 */
export class ReportFormatError extends Error {
  override readonly name = 'ReportFormatError';
}

function projectFile(root: string, file: string): string {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return absolute.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}

const counts = (covered: number, total: number): Counts => ({ covered, total });

// istanbul's summary objects: { total, covered, skipped, pct }.
interface IstanbulTotals {
  readonly total: number;
  readonly covered: number;
}
type IstanbulSummary = Readonly<Record<'lines' | 'statements' | 'functions' | 'branches', IstanbulTotals>>;

const fromIstanbul = (summary: IstanbulTotals): Counts => counts(summary.covered, summary.total);

function isTotals(value: unknown): value is IstanbulTotals {
  return typeof value === 'object' && value !== null && typeof (value as IstanbulTotals).total === 'number' && typeof (value as IstanbulTotals).covered === 'number';
}

function readIstanbulSummary(json: Readonly<Record<string, unknown>>, root: string, label: string): FileCounts[] {
  const files: FileCounts[] = [];
  for (const [file, summary] of Object.entries(json)) {
    if (file === 'total') continue;
    const metrics = summary as Partial<IstanbulSummary>;
    if (!isTotals(metrics.lines) || !isTotals(metrics.statements) || !isTotals(metrics.functions) || !isTotals(metrics.branches)) {
      throw new ReportFormatError(`${label}: the entry for ${file} is not an istanbul summary (lines, statements, functions, branches)`);
    }
    files.push({
      file: projectFile(root, file),
      lines: fromIstanbul(metrics.lines),
      statements: fromIstanbul(metrics.statements),
      branches: fromIstanbul(metrics.branches),
      functions: fromIstanbul(metrics.functions),
    });
  }
  return files;
}

function readIstanbulFinal(json: CoverageMapData, root: string, label: string, skip: (file: string) => boolean): FileCounts[] {
  let map: libCoverage.CoverageMap;
  try {
    map = libCoverage.createCoverageMap(json);
  } catch (error: unknown) {
    throw new ReportFormatError(`${label}: not an istanbul coverage map: ${(error as Error).message}`);
  }
  const files: FileCounts[] = [];
  for (const file of map.files()) {
    const relative = projectFile(root, file);
    // A file another report has claimed is not summarised: its line counts are the costly part.
    if (skip(relative)) continue;
    const summary = map.fileCoverageFor(file).toSummary();
    files.push({
      file: relative,
      lines: fromIstanbul(summary.lines),
      statements: fromIstanbul(summary.statements),
      branches: fromIstanbul(summary.branches),
      functions: fromIstanbul(summary.functions),
    });
  }
  return files;
}

// The per-line, per-function and per-branch records (DA, FN, FNDA, BRDA), whatever their case or
// indentation: lcov-parse takes each file's totals only from its summary records (LF/LH, FNF/FNH, BRF/BRH),
// so the gate hands it those alone. The details are most of an lcov file's lines, and lcov-parse matches
// every FNDA against all of the file's FN records.
const LCOV_DETAIL_RECORDS = /^[ \t]*(?:DA|FN|FNDA|BRDA):[^\n]*\n?/gimu;

function readLcov(text: string, root: string, label: string): FileCounts[] {
  let records: lcovParse.LcovFile[] = [];
  let failure: string | null = null;
  // lcov-parse's `source` reads a string synchronously and calls back before it returns.
  lcovParse.source(text.replaceAll(LCOV_DETAIL_RECORDS, ''), (error: string | null, data: lcovParse.LcovFile[] | undefined): void => {
    failure = error;
    records = data ?? [];
  });
  if (failure !== null) throw new ReportFormatError(`${label}: not an lcov report (${String(failure)})`);
  return records
    .filter((record: lcovParse.LcovFile): boolean => record.file !== undefined)
    .map((record: lcovParse.LcovFile): FileCounts => ({
      file: projectFile(root, record.file),
      lines: counts(record.lines.hit, record.lines.found),
      statements: undefined,
      branches: counts(record.branches.hit, record.branches.found),
      functions: counts(record.functions.hit, record.functions.found),
    }));
}

// Cobertura, as coverage.py, Cobertura, JaCoCo converters and coverlet write it.
interface CoberturaLine {
  readonly number: string;
  readonly hits: string;
  readonly branch?: string;
  readonly 'condition-coverage'?: string;
}
interface CoberturaMethod {
  readonly lines?: { readonly line?: readonly CoberturaLine[] } | '';
}
interface CoberturaClass {
  readonly filename: string;
  readonly methods?: { readonly method?: readonly CoberturaMethod[] } | '';
  readonly lines?: { readonly line?: readonly CoberturaLine[] } | '';
}
interface CoberturaDocument {
  readonly coverage?: {
    readonly sources?: { readonly source?: readonly string[] } | '';
    readonly packages?: { readonly package?: readonly { readonly classes?: { readonly class?: readonly CoberturaClass[] } | '' }[] } | '';
  };
}

const ARRAY_TAGS = new Set(['source', 'package', 'class', 'method', 'line']);

function readCobertura(text: string, root: string, label: string): FileCounts[] {
  let document: CoberturaDocument;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      processEntities: false,
      isArray: (tag: string): boolean => ARRAY_TAGS.has(tag),
    });
    document = parser.parse(text, true) as CoberturaDocument;
  } catch (error: unknown) {
    throw new ReportFormatError(`${label}: not well-formed XML: ${(error as Error).message}`);
  }
  const coverage = document.coverage;
  if (coverage === undefined || typeof coverage !== 'object') throw new ReportFormatError(`${label}: not a Cobertura report (no <coverage> element)`);
  // Filenames are relative to a <source> (coverage.py writes an empty one, then the folder it measured). A
  // report made on another machine names a folder outside the root: its paths are then taken from the root.
  const sources = typeof coverage.sources === 'object' ? (coverage.sources.source ?? []) : [];
  const source = sources.map((entry: unknown): string => String(entry).trim()).find((entry: string): boolean => entry !== '') ?? '';
  const resolved = path.resolve(root, source);
  const base = path.relative(root, resolved).startsWith('..') ? root : resolved;
  // A file's classes share its lines: collect hits per line number, then count.
  const byFile = new Map<string, { lines: Map<string, boolean>; branches: Map<string, Counts>; methods: Counts }>();
  const packages = typeof coverage.packages === 'object' ? (coverage.packages.package ?? []) : [];
  for (const pkg of packages) {
    const classes = typeof pkg.classes === 'object' ? (pkg.classes.class ?? []) : [];
    for (const klass of classes) {
      const file = projectFile(root, path.resolve(base, klass.filename));
      let entry = byFile.get(file);
      if (entry === undefined) byFile.set(file, (entry = { lines: new Map(), branches: new Map(), methods: counts(0, 0) }));
      for (const line of typeof klass.lines === 'object' ? (klass.lines.line ?? []) : []) {
        entry.lines.set(line.number, (entry.lines.get(line.number) ?? false) || Number(line.hits) > 0);
        const condition = /\((\d+)\/(\d+)\)/u.exec(line['condition-coverage'] ?? '');
        if (line.branch === 'true' && condition !== null) entry.branches.set(line.number, counts(Number(condition[1]), Number(condition[2])));
      }
      const methods = typeof klass.methods === 'object' ? (klass.methods.method ?? []) : [];
      const hitMethods = methods.filter((method: CoberturaMethod): boolean =>
        (typeof method.lines === 'object' ? (method.lines.line ?? []) : []).some((line: CoberturaLine): boolean => Number(line.hits) > 0),
      ).length;
      entry.methods = counts(entry.methods.covered + hitMethods, entry.methods.total + methods.length);
    }
  }
  return Array.from(byFile, ([file, entry]): FileCounts => {
    let branchCovered = 0;
    let branchTotal = 0;
    for (const branch of entry.branches.values()) {
      branchCovered += branch.covered;
      branchTotal += branch.total;
    }
    let hit = 0;
    for (const covered of entry.lines.values()) if (covered) hit += 1;
    return {
      file,
      lines: counts(hit, entry.lines.size),
      statements: undefined,
      branches: counts(branchCovered, branchTotal),
      // Cobertura writers without methods (coverage.py) leave the list empty: no function counts.
      functions: entry.methods.total === 0 ? undefined : entry.methods,
    };
  });
}

interface CoveragePySummary {
  readonly covered_lines: number;
  readonly num_statements: number;
  readonly covered_branches?: number;
  readonly num_branches?: number;
}

function readCoveragePy(json: { readonly files: Readonly<Record<string, { readonly summary?: CoveragePySummary }>> }, root: string, label: string): FileCounts[] {
  return Object.entries(json.files).map(([file, data]): FileCounts => {
    const summary = data.summary;
    if (summary === undefined || typeof summary.covered_lines !== 'number' || typeof summary.num_statements !== 'number') {
      throw new ReportFormatError(`${label}: the entry for ${file} has no coverage.py summary`);
    }
    // coverage.py counts executable lines and calls them statements: both metrics are that count.
    const lines = counts(summary.covered_lines, summary.num_statements);
    return {
      file: projectFile(root, file),
      lines,
      statements: lines,
      // Branch counts are there only when the run measured branches (`--branch`).
      branches: typeof summary.num_branches === 'number' ? counts(summary.covered_branches ?? 0, summary.num_branches) : undefined,
      functions: undefined,
    };
  });
}

/**
 * Reads one coverage report of any supported format, told apart by its content: istanbul's
 * coverage-summary.json (vitest, Jest, c8, nyc with the `json-summary` reporter) and coverage-final.json
 * (`json` reporter, read with istanbul-lib-coverage, so line counts are istanbul's), lcov (`lcov.info`, read
 * with lcov-parse; it has no statement counts), Cobertura XML (coverage.py's `coverage xml`, JVM and .NET
 * tools; read with fast-xml-parser), and coverage.py's `coverage json`. Paths are made relative to `root`
 * (relative paths in a report are taken as relative to `root`, where the tools run). Throws a
 * ReportFormatError naming `label` for content that is none of these. `skip` names files (as returned,
 * relative to the root) whose counts are not needed, because a report read later wins for them: an istanbul
 * coverage-final.json does not summarise them (the other formats carry their totals, so skipping saves
 * nothing there and they return every file).
 * @complexity O(size of the report).
 * @performance for a 77 MB coverage-final.json of 5,000 files, `JSON.parse` is about 1 s of CPU and the
 * summaries 0.2 s; an lcov of the same files 0.1 s (docs/performance_benchmarks.md).
 */
export function readCoverageReport(text: string, root: string, label: string, skip: (file: string) => boolean = (): boolean => false): CoverageTable {
  const start = text.trimStart();
  if (start.startsWith('<')) return { format: 'cobertura', files: readCobertura(text, root, label) };
  if (start.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error: unknown) {
      throw new ReportFormatError(`${label}: not valid JSON: ${(error as Error).message}`);
    }
    const object = json as Readonly<Record<string, unknown>>;
    if (typeof object['meta'] === 'object' && typeof object['files'] === 'object' && object['files'] !== null) {
      return { format: 'coverage.py', files: readCoveragePy(object as never, root, label) };
    }
    if (isTotals((object['total'] as Partial<IstanbulSummary> | undefined)?.lines)) {
      return { format: 'istanbul-summary', files: readIstanbulSummary(object, root, label) };
    }
    const first = Object.values(object)[0];
    if (first === undefined || (typeof first === 'object' && first !== null && 'statementMap' in first)) {
      return { format: 'istanbul-final', files: readIstanbulFinal(object as CoverageMapData, root, label, skip) };
    }
    throw new ReportFormatError(`${label}: JSON that is no coverage report this gate reads (istanbul coverage-final.json or coverage-summary.json, coverage.py JSON)`);
  }
  if (/^(?:TN|SF):/mu.test(text)) return { format: 'lcov', files: readLcov(text, root, label) };
  throw new ReportFormatError(`${label}: not a coverage report (istanbul JSON, lcov, Cobertura XML or coverage.py JSON)`);
}
