import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { planDocConsolidation, type TrivialDocRuleOptions } from '../standards/docs/doc-consolidation.js';
import type { RequiredDocsOptions } from '../standards/docs/required-docs.js';
import type { CodemodOptions, ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';

/** The rule whose `roots`, `docs` and `minWords` options say which project roots need which docs. */
export const REQUIRED_DOCS_RULE = 'require-docs';

/**
 * Moves every doc `no-trivial-docs` reports into the required doc it belongs in (under a heading naming
 * it), deletes it, rewrites the Markdown links that pointed to it, and scaffolds each missing required doc
 * of every project root from the project's own facts. A doc another project file names stays, failed.
 * @performance One read per involved file (cached), one glob per `roots` pattern, one Markdown parse per
 * moved doc and destination, and one per other covered Markdown file that names a moved doc; when there is
 * a doc to move, one read and one pattern scan of every project file (bench/doc-mentions-scan.js).
 */
export async function planConsolidateDocs(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const toAbsolute = (file: string): string => path.join(input.root, ...file.split('/'));
  const texts = new Map<string, string | null>();
  const read = (file: string): string | null => {
    if (texts.has(file)) return texts.get(file) ?? null;
    const text = readIfExists(toAbsolute(file));
    texts.set(file, text);
    return text;
  };
  const inRoot = (files: readonly string[]): string[] => {
    const relative: string[] = [];
    for (const file of files) {
      const fromRoot = path.relative(input.root, file);
      if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) continue;
      relative.push(fromRoot.split(path.sep).join('/'));
    }
    return relative;
  };
  const files = inRoot(input.files);
  const requiredDocs = requireDocsOptions(input, toAbsolute('package.json'));
  const plan = planDocConsolidation({
    files,
    projectFiles: input.projectFiles === undefined ? files : inRoot(input.projectFiles),
    roots: findRoots(input.root, requiredDocs.roots ?? []),
    optionsFor: (file: string): TrivialDocRuleOptions => input.optionsFor(toAbsolute(file)) as TrivialDocRuleOptions,
    requiredDocs,
    read,
    readForScan: (file: string): string | null => readForScan(toAbsolute(file)),
    ...(input.inSelection === undefined ? {} : { writable: (file: string): boolean => input.inSelection?.(toAbsolute(file)) ?? true }),
  });
  return {
    writes: new Map([...plan.writes].map(([file, text]): [string, string] => [toAbsolute(file), text])),
    renames: [],
    deletes: plan.deletes.map(toAbsolute),
    skipped: plan.skipped.map((entry) => ({ path: toAbsolute(entry.path), reason: entry.reason })),
    failed: plan.failed.map((failure) => ({ path: toAbsolute(failure.path), reason: failure.reason })),
    notes: plan.notes.map((note) => ({ path: toAbsolute(note.path), message: note.message })),
  };
}

interface RequireDocsRuleOptions extends RequiredDocsOptions {
  readonly roots?: readonly string[];
}

function requireDocsOptions(input: ProjectCodemodInput, manifest: string): RequireDocsRuleOptions {
  const options = input.optionsForRule?.(REQUIRED_DOCS_RULE, manifest) ?? {};
  const { roots, docs, minWords } = options;
  if (roots !== undefined && !(Array.isArray(roots) && roots.every((glob: unknown): boolean => typeof glob === 'string'))) {
    throw new TypeError('the `roots` option must be an array of folder globs, e.g. ["packages/*"]');
  }
  if (minWords !== undefined && !(typeof minWords === 'number' && Number.isInteger(minWords) && minWords >= 0)) {
    throw new TypeError('the `minWords` option must be a non-negative integer');
  }
  return {
    ...(roots === undefined ? {} : { roots: roots as string[] }),
    ...(docs === undefined ? {} : { docs: docs as RequiredDocsOptions['docs'] }),
    ...(minWords === undefined ? {} : { minWords: minWords as number }),
  };
}

/** The folders matching the `roots` globs that hold a package.json, as `require-docs` finds them. */
function findRoots(root: string, globs: readonly string[]): readonly string[] {
  if (globs.length === 0) return [];
  const manifests = fg.sync(
    globs.map((glob: string): string => `${glob.replace(/\/+$/u, '')}/package.json`),
    { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] },
  );
  return manifests.map((manifest: string): string => path.posix.dirname(manifest)).filter((dir: string): boolean => dir !== '.');
}

/** Larger files are not scanned for mentions of docs: a generated bundle or data file, not a manifest or script. */
const SCAN_LIMIT_BYTES = 16 * 1024 * 1024;
/** git's test for a binary file: a NUL byte among its first 8000 bytes. */
const BINARY_PROBE_BYTES = 8000;

/** A project file's text for the scan for docs other files name, not cached: `null` when binary, too large or unreadable. */
function readForScan(file: string): string | null {
  try {
    if (fs.statSync(file).size > SCAN_LIMIT_BYTES) return null;
    const bytes = fs.readFileSync(file);
    return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0) ? null : bytes.toString('utf8');
  } catch {
    // Gone since discovery, or not readable by this process: nothing there can be read as a mention.
    return null;
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

const consolidateDocs: ProjectCodemod = {
  ...codemodDeclaration('consolidate-docs'),
  kind: 'project',
  description:
    'Move trivial docs (TODO, CHANGELOG, SETUP, ...) into the required doc they belong in, fix links to them, and scaffold missing required docs.',
  order: 20,
  // `require-docs` options (monorepo `roots`, extra `docs`, `minWords`) say which roots need which docs.
  alsoReads: [REQUIRED_DOCS_RULE],
  plan: planConsolidateDocs,
};

export default consolidateDocs;
