import { Worker } from 'node:worker_threads';
import { UsageError } from '../command.js';
import { CallCancelled } from './call-cancelled.js';
import type { FixCall } from './codemod-tool.js';
import type { CoverageCall } from './coverage-tool.js';

/** A `fix` or `coverage` call, as its worker thread gets it. */
export type CallJob = { readonly tool: 'fix'; readonly call: FixCall } | { readonly tool: 'coverage'; readonly call: CoverageCall };

/** What the worker thread starts with: the job and the write gate's shared state. */
export interface CallWorkerData {
  readonly job: CallJob;
  /** One Int32: a GATE_* state. */
  readonly gate: SharedArrayBuffer;
}

/** What the worker posts: stages while it runs, then the result or the error. */
export type CallWorkerReply =
  | { readonly stage: string }
  | { readonly result: unknown }
  | { readonly error: { readonly message: string; readonly stack: string; readonly usage: boolean } };

// The write gate's states, shared by the server's thread and the call's (Atomics on one Int32). The server
// ends a cancelled call's thread at once unless it is writing; a write batch started finishes first.
/** Working, not writing: the server may end the thread. */
export const GATE_RUNNING = 0;
/** Writing: the server waits for the batch to end. */
export const GATE_WRITING = 1;
/** Cancelled: the thread must not start a write batch (it is being ended). */
export const GATE_STOPPED = 2;
/** Cancelled while writing: the thread finishes the batch, then stops the run and answers. */
export const GATE_STOP_AFTER_WRITE = 3;

const WORKER_URL = new URL('./call-worker-thread.js', import.meta.url);

/**
 * Runs one `fix` or `coverage` call on a worker thread of its own, so the server's thread stays free to read
 * a cancellation, and ends it when `signal` aborts: at once when it is not writing (TypeScript's type-check
 * or a codemod's plan cannot be interrupted from inside, and ending the thread frees what it held, nested
 * threads included), or right after the write batch under way, so every file is whole (old or new) and a
 * codemod's changes are written together or not at all. Resolves with the job's result; rejects with
 * CallCancelled, a UsageError the job threw, or an Error if the thread died.
 * @performance one thread start (and the job's modules loaded in it) per call; the result crosses threads
 * as a structured clone.
 */
export function runOnCallWorker<T>(job: CallJob, signal: AbortSignal, onStage: (stage: string) => void): Promise<T> {
  if (signal.aborted) return Promise.reject(new CallCancelled(`the ${job.tool} call was cancelled`));
  const gate = new SharedArrayBuffer(4);
  const state = new Int32Array(gate);
  const worker = new Worker(WORKER_URL, { workerData: { job, gate } satisfies CallWorkerData });
  return new Promise<T>((resolve, reject): void => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', cancel);
      worker.removeAllListeners();
      // An error the thread raises while it is being ended has no one to tell; unheard, it would end the server.
      worker.on('error', (): void => undefined);
      // Ended in every case: a finished job's thread has nothing left to do.
      void worker.terminate();
      outcome();
    };
    const cancelled = (): void => finish((): void => reject(new CallCancelled(`the ${job.tool} call was cancelled`)));
    function cancel(): void {
      for (;;) {
        const previous = Atomics.compareExchange(state, 0, GATE_RUNNING, GATE_STOPPED);
        if (previous === GATE_RUNNING || previous === GATE_STOPPED) {
          cancelled();
          return;
        }
        if (previous === GATE_STOP_AFTER_WRITE) return;
        // Writing: the thread stops after the batch and answers; that answer is dropped.
        if (Atomics.compareExchange(state, 0, GATE_WRITING, GATE_STOP_AFTER_WRITE) === GATE_WRITING) return;
      }
    }
    signal.addEventListener('abort', cancel, { once: true });
    worker.on('message', (reply: CallWorkerReply): void => {
      if ('stage' in reply) {
        if (!signal.aborted) onStage(reply.stage);
      } else if (signal.aborted) {
        cancelled();
      } else if ('result' in reply) {
        finish((): void => resolve(reply.result as T));
      } else {
        const error = reply.error.usage ? new UsageError(reply.error.message) : new Error(reply.error.message);
        if (!reply.error.usage) error.stack = reply.error.stack;
        finish((): void => reject(error));
      }
    });
    worker.on('error', (error: Error): void => finish((): void => reject(signal.aborted ? new CallCancelled(`the ${job.tool} call was cancelled`) : error)));
    worker.on('exit', (code: number): void => finish((): void => reject(new Error(`the ${job.tool} worker exited with code ${code}`))));
  });
}
