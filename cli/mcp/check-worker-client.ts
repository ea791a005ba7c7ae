import { Worker } from 'node:worker_threads';
import { UsageError } from '../command.js';
import { CallCancelled } from './call-cancelled.js';
import type { CheckAnalysis } from './check-tool.js';

/** One run the check worker is asked for. */
export interface CheckRequest {
  readonly id: number;
  readonly root: string;
  readonly patterns: readonly string[];
}

/** What the worker posts back for a request: stages while it runs, then the analysis or the error. */
export type CheckWorkerReply =
  | { readonly id: number; readonly stage: string }
  | { readonly id: number; readonly analysis: CheckAnalysis }
  | { readonly id: number; readonly error: { readonly message: string; readonly stack: string; readonly usage: boolean } };

interface Job {
  readonly request: CheckRequest;
  readonly resolve: (analysis: CheckAnalysis) => void;
  readonly reject: (error: Error) => void;
  readonly onStage: (stage: string) => void;
}

/**
 * The server's side of the check worker (check-worker.ts), a worker thread that loads ESLint and keeps each
 * root's ESLint instance warm across calls. A cancelled call terminates the thread: ESLint stops at once
 * (it cannot be interrupted between files from outside) and the memory it held is freed; the calls still
 * running on it are sent again to a fresh thread, so only the cancelled one ends. The thread is started on
 * the first call and does not keep the process alive while idle.
 * @performance one worker thread start and one ESLint load after each cancellation; otherwise a structured
 * clone of each call's messages.
 */
export class CheckWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly running = new Map<number, Job>();

  /**
   * Runs one check in the worker; rejects with CallCancelled when `signal` aborts, with a UsageError for
   * a configuration problem the worker reported, with an Error if the worker died.
   * @performance the run's own cost, off the server's thread.
   */
  analyse(target: { readonly root: string; readonly patterns: readonly string[] }, signal: AbortSignal, onStage: (stage: string) => void): Promise<CheckAnalysis> {
    if (signal.aborted) return Promise.reject(new CallCancelled('the check was cancelled'));
    return new Promise<CheckAnalysis>((resolve, reject): void => {
      const id = this.nextId++;
      const cancel = (): void => {
        if (!this.running.delete(id)) return;
        reject(new CallCancelled('the check was cancelled'));
        this.restart();
      };
      const settle = <T>(finish: (value: T) => void) => (value: T): void => {
        signal.removeEventListener('abort', cancel);
        finish(value);
      };
      const job: Job = { request: { id, root: target.root, patterns: target.patterns }, resolve: settle(resolve), reject: settle(reject), onStage };
      this.running.set(id, job);
      signal.addEventListener('abort', cancel, { once: true });
      this.post(job);
    });
  }

  /**
   * Stops the thread (when the server closes); calls still running end with CallCancelled.
   * @performance O(calls running).
   */
  async close(): Promise<void> {
    const jobs = [...this.running.values()];
    this.running.clear();
    for (const job of jobs) job.reject(new CallCancelled('the server closed'));
    await this.stop();
  }

  private post(job: Job): void {
    const worker = this.thread();
    worker.ref();
    worker.postMessage(job.request);
  }

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(new URL('./check-worker.js', import.meta.url));
    worker.on('message', (reply: CheckWorkerReply): void => this.receive(reply));
    worker.on('error', (error: Error): void => this.fail(worker, error));
    worker.on('exit', (code: number): void => this.fail(worker, new Error(`the check worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private receive(reply: CheckWorkerReply): void {
    const job = this.running.get(reply.id);
    if (job === undefined) return;
    if ('stage' in reply) {
      job.onStage(reply.stage);
      return;
    }
    this.running.delete(reply.id);
    if (this.running.size === 0) this.worker?.unref();
    if ('analysis' in reply) {
      job.resolve(reply.analysis);
    } else {
      const error = reply.error.usage ? new UsageError(reply.error.message) : new Error(reply.error.message);
      if (!reply.error.usage) error.stack = reply.error.stack;
      job.reject(error);
    }
  }

  // The thread died on its own (an uncaught error, out of memory): every call on it fails, the next starts anew.
  private fail(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const jobs = [...this.running.values()];
    this.running.clear();
    for (const job of jobs) job.reject(error);
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker === undefined) return;
    worker.removeAllListeners();
    await worker.terminate();
  }

  // After a cancellation: a fresh thread, and the other calls sent to it again.
  private restart(): void {
    void this.stop();
    for (const job of this.running.values()) this.post(job);
  }
}
