import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type ts from 'typescript';
import { countFile, type CountFileOptions, type FileCoverage, type Uncovered } from '../../standards/type-coverage/count.js';
import { createCoverageProgram } from '../../standards/type-coverage/project.js';

/** Sent once at start: what to count with, and the counters both threads claim files from. */
export interface CountWorkerData {
  readonly countOptions: CountFileOptions;
  /** One Int32 per project: the index of the next unclaimed file of its to-do list. */
  readonly claims: SharedArrayBuffer;
}

/** Main thread → worker: build this project's program; its to-do list follows once the main thread knows it. */
export interface ProjectMessage {
  readonly type: 'project';
  readonly project: number;
  readonly rootNames: readonly string[];
  readonly options: ts.CompilerOptions;
}

/** Main thread → worker: the files of `project` still to count, in program order. */
export interface TodoMessage {
  readonly type: 'todo';
  readonly project: number;
  readonly files: readonly string[];
}

/** Worker → main thread: the count of to-do entry `index` of `project`. */
export interface ResultMessage {
  readonly project: number;
  readonly index: number;
  readonly coverage: FileCoverage;
}

/**
 * Only the data of a count crosses threads and goes into the cache: a count may carry helpers (such as lazy
 * explanations) that hold on to the checker and cannot be cloned.
 * @complexity O(uncovered occurrences).
 */
export function plainCoverage(coverage: FileCoverage): FileCoverage {
  return {
    covered: coverage.covered,
    total: coverage.total,
    uncovered: coverage.uncovered.map(({ line, character, text, kind }: Uncovered): Uncovered => ({ line, character, text, kind })),
  };
}

/**
 * Counts the files of `todo` that this thread claims: each thread takes the next unclaimed index, so a thread
 * that is still building its program, or is slowed by other processes, simply takes fewer files.
 * @complexity O(claimed files × their identifiers); one atomic increment per file.
 */
export function countClaimed(
  program: ts.Program,
  todo: readonly string[],
  claims: Int32Array,
  project: number,
  options: CountFileOptions,
  onCounted: (index: number, coverage: FileCoverage) => void,
): void {
  for (let index = Atomics.add(claims, project, 1); index < todo.length; index = Atomics.add(claims, project, 1)) {
    const sourceFile = program.getSourceFile(todo[index] ?? '');
    if (sourceFile === undefined) throw new Error(`${todo[index]} is not in the program`);
    onCounted(index, plainCoverage(countFile(sourceFile, program, options)));
  }
}

// Only a thread started by measureCoverage serves counts: test runners also load modules in worker threads.
const started = workerData as Partial<CountWorkerData> | null;
if (!isMainThread && parentPort !== null && started?.claims instanceof SharedArrayBuffer && started.countOptions !== undefined) {
  const port = parentPort;
  const { countOptions, claims } = started as CountWorkerData;
  const counters = new Int32Array(claims);
  const programs = new Map<number, ts.Program>();
  const waiting = new Map<number, readonly string[]>();
  const run = (project: number, todo: readonly string[]): void => {
    const program = programs.get(project);
    if (program === undefined) return;
    programs.delete(project);
    countClaimed(program, todo, counters, project, countOptions, (index: number, coverage: FileCoverage): void => {
      port.postMessage({ project, index, coverage } satisfies ResultMessage);
    });
  };
  port.on('message', (message: ProjectMessage | TodoMessage): void => {
    if (message.type === 'project') {
      programs.set(message.project, createCoverageProgram(message, countOptions.reportSemanticError));
      const todo = waiting.get(message.project);
      if (todo !== undefined) {
        waiting.delete(message.project);
        run(message.project, todo);
      }
    } else if (programs.has(message.project)) {
      run(message.project, message.files);
    } else {
      waiting.set(message.project, message.files);
    }
  });
}
