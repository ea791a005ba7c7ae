import { adjustList, type ListAdjustment } from '../shared/adjustable-list.js';
import { equalsFoldedAt, foldCase } from '../file-names/name-folding.js';
import { stemEndOf, stemStartOf } from '../file-names/file-name-parts.js';

/**
 * workspace-standards.md, "FORBIDDEN - Trivial Documentation": docs not directly useful to AI coders.
 * Each banned doc maps to the required doc its content belongs in; `consolidate-docs` moves it there.
 */
export const TRIVIAL_DOC_DESTINATIONS: Readonly<Record<string, string>> = Object.freeze({
  CHANGELOG: 'docs/architecture_decisions.md',
  TODO: 'docs/architecture_decisions.md',
  NOTES: 'docs/architecture_decisions.md',
  IDEAS: 'docs/architecture_decisions.md',
  INSTALLATION: 'docs/ai_coding_patterns.md',
  SETUP: 'docs/ai_coding_patterns.md',
  TROUBLESHOOTING: 'docs/ai_coding_patterns.md',
  README: 'docs/architecture_decisions.md',
});

/**
 * Folders whose README is about benchmarks (tomli's `benchmark/README.md`: what is measured and how to run
 * it), compared case-insensitively with the README's own folder: such a README belongs in the required doc
 * on benchmarks, not in the decision log with other READMEs.
 */
export const BENCHMARK_FOLDER_NAMES: readonly string[] = Object.freeze(['benchmark', 'benchmarks', 'bench', 'perf', 'performance']);

export const BENCHMARK_README_DESTINATION = 'docs/performance_benchmarks.md';

export const TRIVIAL_DOC_NAMES: readonly string[] = Object.freeze(
  Object.keys(TRIVIAL_DOC_DESTINATIONS).filter((name: string): boolean => name !== 'README'),
);

/** The extensions that make a file a doc. */
export const DOC_EXTENSIONS: readonly string[] = Object.freeze(['.md', '.mdx', '.markdown', '.txt', '.rst']);

/** Folders (relative to the project root) where a README is allowed: a new README anywhere else is banned. */
export const DEFAULT_README_DIRS: readonly string[] = Object.freeze(['.']);

/**
 * Whether a folder (project path, `.` for the root) is a package's: it holds a package.json. Its README is
 * the package's page on the registry and on its repository host, not a trivial doc, wherever it sits, so
 * `no-trivial-docs` never reports it and `consolidate-docs` never moves it.
 * @param exists whether a file (project path) exists.
 * @complexity O(1): one `exists` call.
 */
export function isPackageFolder(folder: string, exists: (file: string) => boolean): boolean {
  return exists(folder === '.' ? 'package.json' : `${folder}/package.json`);
}

/** Where added names go when the user names no destination. */
export const DEFAULT_DESTINATION = 'docs/architecture_decisions.md';

export interface TrivialDocOptions {
  readonly names?: ListAdjustment;
  readonly extensions?: ListAdjustment;
  /** Banned doc name (upper case) → required doc its content moves into. */
  readonly destinations?: Readonly<Record<string, string>>;
}

export interface TrivialDocMatch {
  /** The stem as written (`Todo`), for messages. */
  readonly name: string;
  readonly isReadme: boolean;
  readonly destination: string;
}

/**
 * Returns the banned doc a file name is, or `null`; README matches and the caller decides where it is allowed.
 * `folder` (project path of the file's folder, `.` for the root) picks a README's destination: a benchmark
 * folder's README goes to BENCHMARK_README_DESTINATION unless the user's `destinations` name README's.
 */
export type TrivialDocDetector = (fileName: string, folder?: string) => TrivialDocMatch | null;

/**
 * Compares names in place (standards/name-folding.ts), so a file that is not a banned doc allocates nothing.
 * @complexity build O(lists); detect O(file name length + total length of the lists).
 */
export function createTrivialDocDetector(options: TrivialDocOptions = {}): TrivialDocDetector {
  const names = [...adjustList(TRIVIAL_DOC_NAMES, options.names, foldCase), 'readme'];
  const extensions = adjustList(DOC_EXTENSIONS, options.extensions, (entry: string): string =>
    foldCase(entry.startsWith('.') ? entry : `.${entry}`),
  );
  const destinations = new Map<string, string>(Object.entries(TRIVIAL_DOC_DESTINATIONS));
  for (const [name, destination] of Object.entries(options.destinations ?? {})) {
    destinations.set(name.toUpperCase(), destination);
  }
  const benchmarkReadmes = options.destinations === undefined || !Object.keys(options.destinations).some((name: string): boolean => name.toUpperCase() === 'README');
  const isBenchmarkFolder = (folder: string): boolean => {
    const name = folder.slice(folder.lastIndexOf('/') + 1);
    return BENCHMARK_FOLDER_NAMES.some((benchmark: string): boolean => equalsFoldedAt(name, 0, name.length, benchmark, false));
  };
  const isDoc = (fileName: string, lastDot: number): boolean => {
    for (const extension of extensions) if (equalsFoldedAt(fileName, lastDot, fileName.length, extension, false)) return true;
    return false;
  };
  const bannedName = (fileName: string, start: number, end: number): string | null => {
    for (const name of names) if (equalsFoldedAt(fileName, start, end, name, false)) return name;
    return null;
  };
  return (fileName: string, folder?: string): TrivialDocMatch | null => {
    const lastDot = fileName.lastIndexOf('.');
    if (lastDot <= 0 || !isDoc(fileName, lastDot)) return null;
    const start = stemStartOf(fileName);
    const end = stemEndOf(fileName, start);
    const name = bannedName(fileName, start, end);
    if (name === null) return null;
    const key = name.toUpperCase();
    const isReadme = key === 'README';
    return {
      name: fileName.slice(start, end),
      isReadme,
      destination:
        isReadme && benchmarkReadmes && folder !== undefined && isBenchmarkFolder(folder) ? BENCHMARK_README_DESTINATION : (destinations.get(key) ?? DEFAULT_DESTINATION),
    };
  };
}
