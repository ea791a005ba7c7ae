import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type ts from 'typescript';
import { cacheSalt, fingerprintFiles, type CachedCoverage, type CoverageCacheEntries } from '../../standards/type-coverage/cache.js';
import type { CountFileOptions, FileCoverage } from '../../standards/type-coverage/count.js';
import { compileIgnoreFiles } from '../../standards/type-coverage/options.js';
import { createCoverageProgram, type CoverageProject } from '../../standards/type-coverage/project.js';
import { countClaimed, type CountWorkerData, type ProjectMessage, type ResultMessage, type TodoMessage } from './count-worker.js';

/** Which of a program's files are counted; type-coverage's rules. */
export interface FileSelection {
  readonly cwd: string;
  /** Count files outside `cwd` too (type-coverage's `--not-only-in-cwd`). */
  readonly notOnlyInCwd: boolean;
  /** Only these paths, relative to `cwd` (type-coverage's `-- file…`); `null` means all. */
  readonly only: ReadonlySet<string> | null;
  /** Globs matched against the path relative to `cwd`. */
  readonly ignoreFiles: readonly string[];
}

/** One counted file, in program order. */
export interface MeasuredFile {
  /** Path relative to the working directory, as type-coverage prints it. */
  readonly file: string;
  readonly coverage: FileCoverage;
  readonly fromCache: boolean;
}

export interface Measurement {
  readonly files: readonly MeasuredFile[];
  /** The cache to save (counts of this run only), `null` when unchanged or caching is off. */
  readonly cacheToSave: CoverageCacheEntries | null;
  /** Files of the programs that the selection dropped, to explain an empty result. */
  readonly skipped: { readonly outsideCwd: number; readonly ignored: number };
}

export interface MeasureRequest {
  readonly projects: readonly CoverageProject[];
  readonly countOptions: CountFileOptions;
  readonly selection: FileSelection;
  /** Previous counts, or `null` when caching is off. */
  readonly cache: CoverageCacheEntries | null;
  /** Threads to count on, the main one included. */
  readonly jobs: number;
}

const WORKER_URL = new URL('./count-worker.js', import.meta.url);
// Under this many root files a second thread costs more (it loads TypeScript and builds its own program)
// than the files it would count.
const MIN_FILES_FOR_WORKER = 40;

/**
 * Threads worth using now: 2 when a core is idle, 1 otherwise. A second thread repeats the parse and bind
 * of the main one and only wins by checking in parallel; on a machine whose cores are already busy (the
 * last minute's load average) it would only compete with the main thread. Never more than 2: each thread
 * holds a whole program, and the repeated part grows with every thread.
 * @complexity O(1).
 */
export function defaultJobs(): number {
  const cores = availableParallelism();
  return cores >= 2 && cores - (loadavg()[0] ?? 0) >= 1 ? 2 : 1;
}

/** A counting thread besides the main one; it claims files from the same to-do lists. */
class Helper {
  private readonly worker: Worker;
  private readonly results = new Map<number, Map<number, FileCoverage>>();
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(countOptions: CountFileOptions, claims: SharedArrayBuffer) {
    this.worker = new Worker(WORKER_URL, { workerData: { countOptions, claims } satisfies CountWorkerData });
    this.worker.on('message', (message: ResultMessage): void => {
      let forProject = this.results.get(message.project);
      if (forProject === undefined) {
        forProject = new Map();
        this.results.set(message.project, forProject);
      }
      forProject.set(message.index, message.coverage);
      this.wake?.();
    });
    this.worker.on('error', (error: Error): void => {
      this.failure = error;
      this.wake?.();
    });
    this.worker.on('exit', (code: number): void => {
      this.failure ??= new Error(`the counting thread stopped (exit code ${code})`);
      this.wake?.();
    });
  }

  startProject(project: number, spec: CoverageProject): void {
    this.worker.postMessage({ type: 'project', project, rootNames: spec.rootNames, options: spec.options } satisfies ProjectMessage);
  }

  sendTodo(project: number, files: readonly string[]): void {
    this.worker.postMessage({ type: 'todo', project, files } satisfies TodoMessage);
  }

  /** Waits for the `count` results this thread claimed for `project`. */
  async collect(project: number, count: number): Promise<ReadonlyMap<number, FileCoverage>> {
    for (;;) {
      const forProject = this.results.get(project) ?? new Map<number, FileCoverage>();
      if (forProject.size >= count) return forProject;
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve: () => void): void => {
        this.wake = resolve;
      });
    }
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

function relativeTo(cwd: string, fileName: string): string {
  return path.relative(cwd, fileName);
}

interface Selected {
  readonly files: readonly ts.SourceFile[];
  readonly outsideCwd: number;
  readonly ignored: number;
}

function selectFiles(program: ts.Program, selection: FileSelection, isIgnored: (file: string) => boolean, seen: Set<string>): Selected {
  const files: ts.SourceFile[] = [];
  let outsideCwd = 0;
  let ignored = 0;
  for (const sourceFile of program.getSourceFiles()) {
    // type-coverage's filter, in its order: node_modules anywhere in the path, outside the working directory,
    // not among the files asked for, matched by ignoreFiles.
    if (sourceFile.fileName.includes('node_modules')) continue;
    const file = relativeTo(selection.cwd, sourceFile.fileName);
    if (!selection.notOnlyInCwd && file.startsWith('..')) {
      outsideCwd++;
      continue;
    }
    if (selection.only !== null && !selection.only.has(file)) continue;
    if (isIgnored(file)) {
      ignored++;
      continue;
    }
    if (seen.has(sourceFile.fileName)) continue;
    seen.add(sourceFile.fileName);
    files.push(sourceFile);
  }
  return { files, outsideCwd, ignored };
}

/**
 * Builds each project's program, takes what the cache still vouches for, and counts the rest on up to `jobs`
 * threads. Threads other than the main one build their own program in parallel with it (programs cannot be
 * shared between threads) and claim files from the same to-do list once ready; results are put back in
 * program order, so the output is the same for any number of threads.
 * @performance cold: one program per thread, built concurrently; the identifier walk is split between the
 * threads. Warm: one program (parse and resolve only, no type checking) plus a hash of every file's text.
 */
export async function measureCoverage(request: MeasureRequest): Promise<Measurement> {
  const { projects, countOptions, selection, cache } = request;
  const isIgnored = compileIgnoreFiles(selection.ignoreFiles);
  const rootFiles = projects.reduce((sum: number, project: CoverageProject): number => sum + project.rootNames.length, 0);
  const claims = new SharedArrayBuffer(4 * projects.length);
  const counters = new Int32Array(claims);
  // With a filled cache the to-do list may be short: a helper then starts only once there is enough left to count.
  const helperWanted = request.jobs > 1 && rootFiles >= MIN_FILES_FOR_WORKER;
  let helper: Helper | undefined = helperWanted && (cache === null || cache.size === 0) ? new Helper(countOptions, claims) : undefined;
  const measured: MeasuredFile[] = [];
  const nextCache = cache === null ? null : new Map<string, CachedCoverage>();
  let cacheChanged = false;
  let outsideCwd = 0;
  let ignored = 0;
  const seen = new Set<string>();
  try {
    for (const [index, project] of projects.entries()) {
      helper?.startProject(index, project);
      const program = createCoverageProgram(project, countOptions.reportSemanticError);
      const selected = selectFiles(program, selection, isIgnored, seen);
      outsideCwd += selected.outsideCwd;
      ignored += selected.ignored;
      const keys = cache === null ? null : fingerprintFiles(program, selected.files, cacheSalt(countOptions, project.options), selection.cwd);
      const results: (MeasuredFile | undefined)[] = [];
      const todo: string[] = [];
      const todoFiles: ts.SourceFile[] = [];
      const todoSlots: number[] = [];
      for (const sourceFile of selected.files) {
        const file = relativeTo(selection.cwd, sourceFile.fileName);
        const key = keys?.get(sourceFile);
        const hit = key === undefined ? undefined : cache?.get(file);
        if (hit !== undefined && hit.key === key) {
          results.push({ file, coverage: hit.coverage, fromCache: true });
          nextCache?.set(file, hit);
          continue;
        }
        todoSlots.push(results.length);
        results.push(undefined);
        todo.push(sourceFile.fileName);
        todoFiles.push(sourceFile);
      }
      if (helper === undefined && helperWanted && todo.length >= MIN_FILES_FOR_WORKER) {
        helper = new Helper(countOptions, claims);
        helper.startProject(index, project);
      }
      helper?.sendTodo(index, todo);
      const counted = new Map<number, FileCoverage>();
      countClaimed(program, todo, counters, index, countOptions, (slot: number, coverage: FileCoverage): void => {
        counted.set(slot, coverage);
      });
      const fromHelper = helper === undefined ? new Map<number, FileCoverage>() : await helper.collect(index, todo.length - counted.size);
      for (const [slot, sourceFile] of todoFiles.entries()) {
        const coverage = counted.get(slot) ?? fromHelper.get(slot);
        if (coverage === undefined) throw new Error(`no count for ${sourceFile.fileName}`);
        const file = relativeTo(selection.cwd, sourceFile.fileName);
        results[todoSlots[slot] ?? -1] = { file, coverage, fromCache: false };
        const key = keys?.get(sourceFile);
        if (nextCache !== null && key !== undefined) {
          nextCache.set(file, { key, coverage });
          cacheChanged = true;
        }
      }
      for (const result of results) if (result !== undefined) measured.push(result);
    }
  } finally {
    await helper?.stop();
  }
  if (nextCache !== null && cache !== null && nextCache.size !== cache.size) cacheChanged = true;
  return { files: measured, cacheToSave: cacheChanged ? nextCache : null, skipped: { outsideCwd, ignored } };
}
