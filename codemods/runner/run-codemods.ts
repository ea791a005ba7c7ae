import { availableParallelism } from 'node:os';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { performance } from 'node:perf_hooks';
import type { Codemod, CodemodOptions, FileCodemod, ProjectChanges, ProjectCodemod } from './contract.js';
import { applyChanges, type AppliedFile } from './apply-changes.js';
import { editsAnyOf } from './declarations.js';
import type { WriteGate } from './atomic-write.js';
import { discoverFiles, type Discovery, linksWorthNaming } from './discovery.js';
import { copyProject, foldChanges, optionsThroughCopy } from './dry-run-copy.js';
import { loadProjectFormatter, type ProjectFormatter } from './project-formatting.js';
import { transformFiles } from './file-pool.js';
import { runProjectOptions, type CodemodConfigurationError } from './preflight.js';
import { DEFAULT_OPTIONS, type OptionsSource } from './rule-options.js';
import type { FileChange } from './unified-diff.js';
import { DirtyWorkTreeError, type UncommittedFile, uncommittedFiles } from './work-tree.js';
import { removeStaleTemporaries, type StaleTemporary } from './stale-temporaries.js';
import { relativePath } from '../../standards/shared/project-paths.js';
import { repositoryRoot } from '../../standards/shared/git-process.js';
import { unreadableFiles } from '../../standards/shared/unreadable-files.js';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

/** One file as one codemod left it. Paths are relative to the root, with `/`. */
export interface FileReport {
  readonly codemod: string;
  readonly path: string;
  readonly status: FileStatus;
  /** Why it was skipped or failed. */
  readonly reason?: string;
  readonly renamedTo?: string;
  readonly deleted?: boolean;
  readonly created?: boolean;
}

export interface RunNote {
  readonly codemod: string;
  readonly path: string;
  readonly message: string;
}

/** A codemod that did not run at all, and why. */
export interface SkippedCodemod {
  readonly codemod: string;
  readonly reason: string;
  /**
   * Set when the project's configuration keeps it from running (`skipCodemodsThatCannotRun`): work it had is
   * left undone, so the run is not clean. Absent when the config turns its rule off (nothing was asked of it).
   */
  readonly cannotRun?: true;
}

export interface CodemodTiming {
  readonly codemod: string;
  readonly milliseconds: number;
}

/**
 * Files per status, each file counted once per status: `changed` if any codemod wrote it, `failed` if any
 * failed it (both for a file one codemod wrote and another refused: `changedAndFailed` counts those),
 * `skipped` and `unchanged` only when nothing else happened to it. So `changed + unchanged + skipped +
 * failed - changedAndFailed` is the number of files the run concerned.
 */
export interface RunCounts extends Readonly<Record<FileStatus, number>> {
  readonly changedAndFailed: number;
}

/** Everything a run did (or, with `dryRun`, would do). */
export interface RunReport {
  readonly root: string;
  readonly dryRun: boolean;
  readonly files: readonly FileReport[];
  readonly notes: readonly RunNote[];
  /**
   * Codemods that did not run: `skipRulesTurnedOff` and their rule is off for every selected file, or
   * `skipCodemodsThatCannotRun` and their `projectOptions` refused the project (`cannotRun`).
   */
  readonly skippedCodemods: readonly SkippedCodemod[];
  /**
   * Before/after per changed file, for diffs: in codemod order, or, for a dry run of several codemods,
   * one per file (their changes folded, so the patch is what the real run writes).
   */
  readonly changes: readonly FileChange[];
  readonly timings: readonly CodemodTiming[];
  readonly totalMilliseconds: number;
  readonly counts: RunCounts;
  /** Temporary files an interrupted earlier run left, deleted before this one started (paths relative to the root). */
  readonly removedTemporaries: readonly string[];
  /** Codemods whose changes were written (previewed, in a dry run), in order. */
  readonly applied: readonly string[];
  /** Set when `signal` stopped the run: the codemods that were not applied (nothing of theirs was written). */
  readonly interrupted?: { readonly notApplied: readonly string[] };
}

export interface ProgressEvent {
  readonly codemod: string;
  readonly phase: 'discover' | 'plan' | 'transform' | 'write';
  readonly done: number;
  readonly total: number;
}

export interface RunOptions {
  /** The target root; nothing outside it is written. */
  readonly root: string;
  /** Files, folders or globs relative to `root` selecting what the codemods concern; empty = everything. */
  readonly paths?: readonly string[];
  /**
   * Run in this order; each sees the previous one's result on disk. A dry run of several runs them so on a
   * scratch copy of the project, and writes nothing under the root.
   */
  readonly codemods: readonly Codemod[];
  readonly dryRun?: boolean;
  /** Run on a git work tree with uncommitted changes. */
  readonly force?: boolean;
  /** Worker threads for per-file codemods; defaults to every core. */
  readonly jobs?: number;
  /** Where rule options come from; defaults to the standards' defaults. */
  readonly options?: OptionsSource;
  /** Options that win over the rule's (command-line flags such as `scriptsDir`). */
  readonly extraOptions?: CodemodOptions;
  /**
   * Leave out, per codemod, the files whose configuration turns its rule off (`fix --all`: the user did
   * not ask for that codemod by name); a codemod left with no file does not run and is reported skipped.
   */
  readonly skipRulesTurnedOff?: boolean;
  /**
   * A codemod whose `projectOptions` throws CodemodConfigurationError does not run and is reported skipped
   * (`cannotRun`), and the others run (`fix --all`: the user did not ask for it by name). Without it, that
   * error stops the run before anything is written.
   */
  readonly skipCodemodsThatCannotRun?: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Stops the run at the next safe point: before a codemod starts, between the files a per-file codemod
   * transforms, and before a codemod writes. Writes already started finish, so every codemod is applied
   * wholly or not at all and every file is whole, old or new.
   */
  readonly signal?: AbortSignal;
  /** Told before and after each codemod's writes (see WriteGate); `enter` returning false stops the run there. */
  readonly writeGate?: WriteGate;
}


function withExtras(lookup: (file: string) => CodemodOptions, extras: CodemodOptions | undefined): (file: string) => CodemodOptions {
  if (extras === undefined || Object.keys(extras).length === 0) return lookup;
  const merged = new Map<CodemodOptions, CodemodOptions>();
  return (file: string): CodemodOptions => {
    const base = lookup(file);
    let options = merged.get(base);
    if (options === undefined) {
      options = Object.freeze({ ...base, ...extras });
      merged.set(base, options);
    }
    return options;
  };
}

// A per-file codemod's project facts (its `projectOptions`) laid over each file's rule options.
function withProjectOptions(optionsFor: (file: string) => CodemodOptions, facts: ((file: string) => CodemodOptions) | undefined): (file: string) => CodemodOptions {
  if (facts === undefined) return optionsFor;
  return (file: string): CodemodOptions => {
    const extra = facts(file);
    return Object.keys(extra).length === 0 ? optionsFor(file) : { ...optionsFor(file), ...extra };
  };
}

async function runFileCodemod(
  codemod: FileCodemod,
  files: readonly string[],
  optionsFor: (file: string) => CodemodOptions,
  jobs: number,
  onProgress: (done: number, total: number) => void,
  root: string,
  signal: AbortSignal | undefined,
): Promise<{ changes: ProjectChanges; unchanged: readonly string[] }> {
  const concerned = files.filter((file: string): boolean => codemod.extensions.includes(path.extname(file).toLowerCase()));
  let done = 0;
  const results = await transformFiles(codemod, concerned, optionsFor, jobs, (): void => onProgress(++done, concerned.length), root, signal);
  const writes = new Map<string, string>();
  const failed: { path: string; reason: string }[] = [];
  const unchanged: string[] = [];
  const notes: { path: string; message: string }[] = [];
  for (const { file, outcome } of results) {
    if (outcome.status === 'changed') writes.set(file, outcome.source);
    else if (outcome.status === 'failed') failed.push({ path: file, reason: outcome.reason });
    else unchanged.push(file);
    if (outcome.status !== 'failed') for (const message of outcome.notes ?? []) notes.push({ path: file, message });
  }
  return { changes: { writes, renames: [], deletes: [], skipped: [], failed, notes }, unchanged };
}

/**
 * The codemod engine's one entry point, shared by `perf-standards fix` and the tests: checks the work
 * tree (unless `force` or `dryRun`), discovers files, runs each codemod (per-file ones on worker threads,
 * project ones through their `plan`), validates and applies their changes atomically, and reports every
 * concerned file as changed, unchanged, skipped or failed. A failing file never stops the run.
 * Temporary files a killed earlier run left are deleted first (and listed in the report).
 * Throws DirtyWorkTreeError or DiscoveryError before anything is read or written, and, before anything is
 * written, whatever the options source's `validate` throws (a configuration that cannot be loaded) and
 * CodemodConfigurationError (a codemod's `projectOptions`; with `skipCodemodsThatCannotRun`, that codemod is
 * reported skipped instead and the others run).
 * `signal` stops the run between codemods and files, never inside a codemod's writes; the report then says
 * which codemods were not applied (`interrupted`).
 * @performance one discovery per codemod (once for a dry run); per-file codemods use `jobs` threads;
 * writes are atomic and concurrent, renames and deletions follow.
 */
export async function runCodemods(options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const root = await realpath(path.resolve(options.root));
  const dryRun = options.dryRun ?? false;
  if (dryRun && options.codemods.length > 1) return previewInCopy(options, root, started);
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const source = options.options ?? DEFAULT_OPTIONS;
  const progress = options.onProgress ?? ((): void => undefined);
  // A run killed mid-write (kill -9) leaves temporaries; they would make this run refuse a "dirty" tree.
  const removedTemporaries = dryRun ? [] : (await removeStaleTemporaries(root)).map((entry: StaleTemporary): string => relativePath(root, entry.path));
  if (!dryRun && options.force !== true) {
    const dirty = await uncommittedFiles(root);
    if (dirty !== null && dirty.length > 0) {
      // git lists a file it cannot read as modified: that file is reported below and left alone.
      const top = (await repositoryRoot(root)) ?? root;
      const unreadable = await unreadableFiles(dirty.map((file: UncommittedFile): string => path.resolve(top, file.path)));
      const changed = dirty.filter((file: UncommittedFile): boolean => !unreadable.has(path.resolve(top, file.path)));
      if (changed.length > 0) throw new DirtyWorkTreeError(changed);
    }
  }
  const applied: string[] = [];
  // The project's Prettier, loaded once the first codemod has something to write.
  let formatter: Promise<ProjectFormatter | null> | null = null;
  const stopped = (): boolean => options.signal?.aborted === true;

  const files: FileReport[] = [];
  const notes: RunNote[] = [];
  const changes: FileChange[] = [];
  const timings: CodemodTiming[] = [];
  const skippedCodemods: SkippedCodemod[] = [];
  const first = options.codemods[0];
  if (first !== undefined) progress({ codemod: first.name, phase: 'discover', done: 0, total: 1 });
  // Files this process cannot read are reported once, failed and untouched, and no codemod sees them.
  const firstDiscovery = await discoverFiles(root, options.paths ?? []);
  const unreadable = await unreadableFiles(firstDiscovery.all);
  const readable = (found: Discovery): Discovery =>
    unreadable.size === 0
      ? found
      : { ...found, selected: found.selected.filter((file: string): boolean => !unreadable.has(file)), all: found.all.filter((file: string): boolean => !unreadable.has(file)) };
  let discovery: Discovery = readable(firstDiscovery);
  await source.validate?.(discovery.selected);
  if (first !== undefined) {
    for (const [folder, reason] of firstDiscovery.unreadableFolders) {
      files.push({ codemod: first.name, path: relativePath(root, folder), status: 'failed', reason: `cannot list this folder: ${reason}; nothing in it was fixed` });
    }
    for (const [file, reason] of unreadable) {
      if (firstDiscovery.selected.includes(file)) files.push({ codemod: first.name, path: relativePath(root, file), status: 'failed', reason: `cannot read it: ${reason}; left untouched` });
    }
  }
  let linksReported = false;
  // Options that cannot apply to this project stop the run here, before any codemod writes.
  let settled: ReadonlyMap<string, (file: string) => CodemodOptions> = new Map();
  if (options.codemods.some((codemod: Codemod): boolean => codemod.kind === 'file' && codemod.projectOptions !== undefined)) {
    const { selected, all } = discovery;
    // `fix --all` leaves out the files whose config turns a codemod's rule off: so do its project facts.
    const turnedOff =
      options.skipRulesTurnedOff === true && source.filesTurningOff !== undefined
        ? async (codemod: Codemod): Promise<ReadonlySet<string>> => new Set((await source.filesTurningOff?.(codemod.rule, selected))?.keys())
        : undefined;
    const cannotRun =
      options.skipCodemodsThatCannotRun === true
        ? (codemod: Codemod, error: CodemodConfigurationError): void => {
            skippedCodemods.push({ codemod: codemod.name, reason: error.reason, cannotRun: true });
          }
        : undefined;
    settled = await runProjectOptions(root, options.codemods, selected, async (codemod: Codemod) => withExtras(await source.prepare(codemod.rule, selected), options.extraOptions), all, turnedOff, cannotRun);
  }
  // What project codemods read once for the whole run (ProjectCodemodInput.runCache).
  const runCache = new Map<string, unknown>();
  for (const [index, codemod] of options.codemods.entries()) {
    if (stopped()) break;
    if (skippedCodemods.some((skipped: SkippedCodemod): boolean => skipped.codemod === codemod.name)) continue;
    const codemodStarted = performance.now();
    progress({ codemod: codemod.name, phase: 'discover', done: 0, total: 1 });
    // A real run re-discovers: the previous codemod may have renamed, created or deleted files.
    if (index > 0 && !dryRun) discovery = readable(await discoverFiles(root, options.paths ?? []));
    let found = discovery;
    if (!linksReported) {
      linksReported = true;
      const wouldRead = (file: string): boolean => options.codemods.some((run: Codemod): boolean => editsAnyOf(run, [file]));
      const { named, others } = await linksWorthNaming(found.symlinks, wouldRead);
      for (const link of named) files.push({ codemod: codemod.name, path: relativePath(root, link.path), status: 'skipped', reason: link.reason });
      if (others > 0) {
        const links = others === 1 ? '1 other symbolic link' : `${others} other symbolic links`;
        notes.push({ codemod: codemod.name, path: '.', message: `${links} not followed, not listed: no codemod run here edits files with their names` });
      }
    }
    if (options.skipRulesTurnedOff === true && source.filesTurningOff !== undefined) {
      const notRun = await source.filesTurningOff(codemod.rule, found.selected);
      if (notRun.size > 0 && notRun.size === found.selected.length) {
        // A Python-only codemod in a project without Python files has nothing to do: no config turned it off.
        if (!editsAnyOf(codemod, found.selected) && ![...notRun.values()].includes('off')) continue;
        const reason = [...notRun.values()].includes('off') ? 'is off' : 'is not enabled';
        skippedCodemods.push({ codemod: codemod.name, reason: `perf-standards/${codemod.rule} ${reason} in the ESLint config` });
        continue;
      }
      if (notRun.size > 0) {
        found = { ...found, selected: found.selected.filter((file: string): boolean => !notRun.has(file)) };
        // Files the rule never ran on (package.json for a TypeScript rule) go unmentioned; files the user
        // turned it off for are counted, so a run that fixes less than expected says why.
        const off = [...notRun.values()].filter((why): boolean => why === 'off').length;
        const count = `${off} file${off === 1 ? '' : 's'}`;
        if (off > 0) notes.push({ codemod: codemod.name, path: '.', message: `left ${count} alone: perf-standards/${codemod.rule} is off for them in the ESLint config` });
      }
    }
    // What the codemod's projectOptions read of the project, then the command line's options over it.
    const optionsFor = withExtras(withProjectOptions(await source.prepare(codemod.rule, found.selected), settled.get(codemod.name)), options.extraOptions);

    let planned: ProjectChanges;
    let concerned: readonly string[];
    if (codemod.kind === 'file') {
      const result = await runFileCodemod(codemod, found.selected, optionsFor, jobs, (done: number, total: number): void =>
        progress({ codemod: codemod.name, phase: 'transform', done, total }),
        root,
        options.signal,
      );
      planned = result.changes;
      concerned = [...result.unchanged, ...planned.writes.keys(), ...planned.failed.map((entry: { path: string }): string => entry.path)];
    } else {
      progress({ codemod: codemod.name, phase: 'plan', done: 0, total: 1 });
      const optionsForRule = await otherRulesOptions(source, codemod, root, found.selected);
      planned = await planSafely(codemod, root, found, optionsFor, optionsForRule, runCache);
      concerned = found.selected;
    }

    if (stopped() || options.writeGate?.enter() === false) break;
    progress({ codemod: codemod.name, phase: 'write', done: 0, total: 1 });
    formatter ??= planned.writes.size === 0 ? null : loadProjectFormatter(root);
    let result;
    try {
      result = await applyChanges(root, planned, dryRun, codemod.kind === 'project', formatter === null ? null : await formatter);
    } finally {
      options.writeGate?.leave();
    }
    applied.push(codemod.name);
    const reported = new Set<string>();
    for (const file of result.files) {
      reported.add(file.path);
      files.push(toReport(codemod.name, file));
    }
    for (const entry of planned.skipped) {
      const relative = relativePath(root, entry.path);
      // A file both edited and left partly undone (a doc whose links were fixed but that was not moved): the reason is a note.
      if (reported.has(relative)) {
        notes.push({ codemod: codemod.name, path: relative, message: entry.reason });
        continue;
      }
      reported.add(relative);
      files.push({ codemod: codemod.name, path: relative, status: 'skipped', reason: entry.reason });
    }
    for (const file of concerned) {
      const relative = relativePath(root, file);
      if (!reported.has(relative)) files.push({ codemod: codemod.name, path: relative, status: 'unchanged' });
    }
    for (const note of planned.notes) notes.push({ codemod: codemod.name, path: relativePath(root, note.path), message: note.message });
    changes.push(...result.changes);
    progress({ codemod: codemod.name, phase: 'write', done: 1, total: 1 });
    timings.push({ codemod: codemod.name, milliseconds: performance.now() - codemodStarted });
  }
  const counts = countFiles(files);
  const notApplied = options.codemods
    .map((codemod: Codemod): string => codemod.name)
    .filter((name: string): boolean => !applied.includes(name) && !skippedCodemods.some((skipped: SkippedCodemod): boolean => skipped.codemod === name));
  return {
    root,
    dryRun,
    files,
    notes,
    changes,
    timings,
    totalMilliseconds: performance.now() - started,
    counts,
    skippedCodemods,
    removedTemporaries,
    applied,
    ...(stopped() && notApplied.length > 0 ? { interrupted: { notApplied } } : {}),
  };
}

// A file renamed by one codemod and edited by the next is one file. A file one codemod wrote is changed even
// when another failed it: both happened (boltons: readonly-data-shapes wrote 6 .py files add-explicit-types
// then failed), so it counts in both, and the overlap is told.
function countFiles(files: readonly FileReport[]): RunCounts {
  const origin = new Map<string, string>();
  const statuses = new Map<string, Set<FileStatus>>();
  for (const file of files) {
    const key = origin.get(file.path) ?? file.path;
    if (file.renamedTo !== undefined) origin.set(file.renamedTo, key);
    const known = statuses.get(key) ?? new Set<FileStatus>();
    known.add(file.status);
    statuses.set(key, known);
  }
  const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0, changedAndFailed: 0 };
  for (const known of statuses.values()) {
    if (known.has('changed')) counts.changed += 1;
    if (known.has('failed')) counts.failed += 1;
    if (known.has('changed') && known.has('failed')) counts.changedAndFailed += 1;
    else if (known.has('changed') || known.has('failed')) continue;
    else if (known.has('skipped')) counts.skipped += 1;
    else counts.unchanged += 1;
  }
  return counts;
}

/**
 * A dry run of several codemods: the real sequence on a scratch copy (dry-run-copy.ts), reported against
 * the root, with one change per file.
 * @performance one copy of the project's files, then the codemods as in a real run.
 */
async function previewInCopy(options: RunOptions, root: string, started: number): Promise<RunReport> {
  const copy = await copyProject(root);
  try {
    const report = await runCodemods({
      ...options,
      root: copy.root,
      dryRun: false,
      force: true,
      options: optionsThroughCopy(options.options ?? DEFAULT_OPTIONS, copy.root, root),
    });
    const toRoot = (text: string): string => text.replaceAll(copy.root, root);
    return {
      ...report,
      root,
      dryRun: true,
      files: report.files.map((file: FileReport): FileReport => (file.reason === undefined ? file : { ...file, reason: toRoot(file.reason) })),
      notes: report.notes.map((note: RunNote): RunNote => ({ ...note, message: toRoot(note.message) })),
      changes: foldChanges(report.changes),
      removedTemporaries: [],
      totalMilliseconds: performance.now() - started,
    };
  } finally {
    await copy.dispose();
  }
}

function toReport(codemod: string, file: AppliedFile): FileReport {
  return { codemod, ...file };
}

/**
 * Lookups for the rules a codemod `alsoReads`, over the selected files and the root's package.json (where
 * project-wide rules such as `require-docs` report), so a monorepo's `roots` apply to its codemods too.
 * @performance one `prepare` per extra rule; none for codemods that read only their own rule.
 */
async function otherRulesOptions(
  source: OptionsSource,
  codemod: ProjectCodemod,
  root: string,
  selected: readonly string[],
): Promise<(rule: string, file: string) => CodemodOptions> {
  const rules = codemod.alsoReads ?? [];
  const files = [...new Set([...selected, path.join(root, 'package.json')])];
  const lookups = new Map(
    await Promise.all(rules.map(async (rule: string): Promise<[string, (file: string) => CodemodOptions]> => [rule, await source.prepare(rule, files)])),
  );
  return (rule: string, file: string): CodemodOptions => lookups.get(rule)?.(file) ?? NO_RULE_OPTIONS;
}

const NO_RULE_OPTIONS: CodemodOptions = Object.freeze({});

// A project codemod that throws fails as a whole: every selected file is reported failed and left alone.
async function planSafely(
  codemod: ProjectCodemod,
  root: string,
  found: Discovery,
  optionsFor: (file: string) => CodemodOptions,
  optionsForRule: (rule: string, file: string) => CodemodOptions,
  runCache: Map<string, unknown>,
): Promise<ProjectChanges> {
  try {
    const matches = picomatch([...found.selection], { dot: true });
    const inSelection = (file: string): boolean => {
      const relative = path.relative(root, file);
      return !relative.startsWith('..') && !path.isAbsolute(relative) && matches(relative.split(path.sep).join('/'));
    };
    return await codemod.plan({ root, files: found.selected, projectFiles: found.all, inSelection, optionsFor, optionsForRule, runCache });
  } catch (error: unknown) {
    const reason = `${codemod.name} threw: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return {
      writes: new Map(),
      renames: [],
      deletes: [],
      skipped: [],
      failed: found.selected.map((file: string): { path: string; reason: string } => ({ path: file, reason })),
      notes: [],
    };
  }
}
