import type { API, FileInfo } from 'jscodeshift';
import type { PackageManifest } from '../../standards/performance-monitoring/monitor-dependency.js';

/**
 * The one contract every codemod implements; the runner (not the codemod) owns discovery, workers,
 * safety checks, atomic writes, diffs and reports. A codemod never touches the file system itself.
 */

/** Options as the matching ESLint rule sees them (from the user's config via calculateConfigForFile), or defaults. */
export type CodemodOptions = Readonly<Record<string, unknown>>;

interface CodemodBase {
  /** The name users type: `perf-standards fix <name>`; also the file name under codemods/. */
  readonly name: string;
  /** One sentence for `perf-standards fix --list`. */
  readonly description: string;
  /** The rule whose options this codemod reads and whose reports it fixes, e.g. `no-one-off-scripts`. */
  readonly rule: string;
  /** Other rules whose reports it fixes (from its declaration in registry.ts), e.g. `require-docs`. */
  readonly alsoFixes?: readonly string[];
  /** Message ids of its rules whose reports it leaves to a human (from its declaration in registry.ts). */
  readonly leavesToHumans?: readonly string[];
  /** The languages whose files it edits (from its declaration in registry.ts), e.g. `['typescript', 'python']`. */
  readonly languages?: readonly string[];
  /** Position in `--all`: lower runs first (renames before content edits). */
  readonly order: number;
  /** Other rules whose options it needs, e.g. `consolidate-docs` reads `require-docs`' monorepo `roots`. */
  readonly alsoReads?: readonly string[];
}

/** What a per-file codemod knows besides the file: where the project is (for project-relative paths and globs). */
export interface FileCodemodContext {
  /** Absolute target root of the run; `file.path` is absolute and under it. */
  readonly root: string;
  /**
   * Tells the user something about this file that is not an edit (a function left alone, and why); shown as
   * a note of the file in the run's report. Absent when nobody listens (a caller outside the runner).
   */
  readonly note?: (message: string) => void;
}

/** What a per-file codemod's `projectOptions` may read of the project (all of it bounded by the root). */
export interface FileCodemodProjectInput {
  /** Absolute target root. */
  readonly root: string;
  /** Absolute paths of the selected files with the codemod's extensions. */
  readonly files: readonly string[];
  /** Absolute paths of every file discovery found under the root, selected or not (gitignore respected). */
  readonly projectFiles: readonly string[];
  /** Options per file, resolved from the user's ESLint config for the codemod's rule. */
  optionsFor(file: string): CodemodOptions;
  readText(file: string): Promise<string>;
  /** Whether a file exists at a path relative to the root (false outside it). */
  fileExists(projectPath: string): Promise<boolean>;
  /** The package.json files of the file's folder and of each parent up to the root, nearest first. */
  manifestsOf(file: string): Promise<readonly PackageManifest[]>;
}

/** Source in, source out, one file at a time; run in parallel workers. */
export interface FileCodemod extends CodemodBase {
  readonly kind: 'file';
  /** Extensions (with dot) of the files it concerns. */
  readonly extensions: readonly string[];
  /**
   * URL of the module whose default export is this codemod (its `import.meta.url`), so worker threads can
   * load it. Without it the codemod runs on the main thread.
   */
  readonly module?: string;
  /**
   * Project-wide facts a file's transform needs (where the project imports its monitor from, which names
   * other modules import from a file), read once per run on the main thread before any codemod of the run
   * writes, so they describe the project as it was when the run started. Resolves with each file's extra
   * options (plain data: they cross to the worker threads), laid over its rule options and under the command
   * line's. A file an earlier codemod of the run created or renamed may get none: the transform must read
   * missing facts as unknown. Throws a CodemodConfigurationError (runner/preflight.ts) naming the option to
   * set when the options cannot be applied to this project: the run stops with nothing written (exit 2); under
   * `fix --all` this codemod alone does not run (reported with the error's `reason`, exit 1), and `check`
   * gives that reason instead of recommending it.
   */
  projectOptions?(input: FileCodemodProjectInput): Promise<(file: string) => CodemodOptions>;
  /** Returns the new source, or `undefined` when the file needs no change. Throwing marks the file failed. */
  transform(file: FileInfo, api: API, options: CodemodOptions, context: FileCodemodContext): string | undefined;
}

/** What a project codemod wants done; the runner validates and applies it atomically. */
export interface ProjectChanges {
  /** Absolute path → full new content (new files included). */
  readonly writes: ReadonlyMap<string, string>;
  /** Applied after every write succeeded. */
  readonly renames: readonly { readonly from: string; readonly to: string }[];
  /** Applied last. */
  readonly deletes: readonly string[];
  /** Files it looked at and left alone, or could not change, with why. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Per-file failures (e.g. a rename target exists). Their files are not changed. */
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  /** Things worth telling the user that were not edited (e.g. textual mentions of a renamed Python module). */
  readonly notes: readonly { readonly path: string; readonly message: string }[];
}

export interface ProjectCodemodInput {
  /** Absolute target root; nothing outside it may be changed. */
  readonly root: string;
  /** Absolute paths of the files discovery selected (gitignore respected, no node_modules). */
  readonly files: readonly string[];
  /**
   * Every file discovery found under `root`, selected or not, for codemods that must update references
   * from files outside the selection (importers, package.json scripts). Defaults to `files`.
   */
  readonly projectFiles?: readonly string[];
  /**
   * Whether an absolute path, existing or not, lies in what the user's paths select (always true without
   * paths). `fix --all src` bounds every write of a codemod that does not have to follow a change
   * elsewhere (a rename's importers do): such a codemod plans no write outside.
   */
  readonly inSelection?: (file: string) => boolean;
  /** Options per file, resolved from the user's ESLint config for `rule`. */
  optionsFor(file: string): CodemodOptions;
  /** Options of a rule named in `alsoReads`, resolved the same way; defaults for any other rule. */
  optionsForRule?(rule: string, file: string): CodemodOptions;
  /**
   * A store that lives for one run of the runner, shared by its project codemods, so that what one read of
   * the project can serve the next (decision 35: the Python facts, by file). What is kept must be checked
   * against the file's current text: an earlier codemod of the run may have changed it. Absent outside the runner.
   */
  readonly runCache?: Map<string, unknown>;
}

/** Cross-file transforms over a whole project (ts-morph / TypeScript language service). */
export interface ProjectCodemod extends CodemodBase {
  readonly kind: 'project';
  plan(input: ProjectCodemodInput): Promise<ProjectChanges>;
}

export type Codemod = FileCodemod | ProjectCodemod;
