import { parentPort } from 'node:worker_threads';
import type { CodemodOptions, FileCodemod } from './contract.js';
import { transformSource, type FileOutcome } from './file-transform.js';

/** A task sent to a worker: one file of one codemod. */
export interface WorkerTask {
  readonly module: string;
  readonly file: string;
  readonly source: string;
  readonly options: CodemodOptions;
  /** The run's target root (see FileCodemodContext). */
  readonly root: string;
}

const loaded = new Map<string, Promise<FileCodemod>>();

async function load(module: string): Promise<FileCodemod> {
  let codemod = loaded.get(module);
  if (codemod === undefined) {
    codemod = import(module).then((namespace: { default: FileCodemod }): FileCodemod => namespace.default);
    loaded.set(module, codemod);
  }
  return codemod;
}

parentPort?.on('message', (task: WorkerTask): void => {
  load(task.module).then(
    (codemod: FileCodemod): void => parentPort?.postMessage(transformSource(codemod, task.file, task.source, task.options, { root: task.root })),
    (error: unknown): void => {
      const outcome: FileOutcome = { status: 'failed', reason: `cannot load ${task.module}: ${String(error)}` };
      parentPort?.postMessage(outcome);
    },
  );
});
