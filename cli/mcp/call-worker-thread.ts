import { parentPort, workerData } from 'node:worker_threads';
import type { WriteGate } from '../../codemods/runner/atomic-write.js';
import { UsageError } from '../command.js';
import { GATE_RUNNING, GATE_STOP_AFTER_WRITE, GATE_STOPPED, GATE_WRITING, type CallWorkerData, type CallWorkerReply } from './call-worker.js';

// A `fix` or `coverage` call's own thread (see call-worker.ts): it runs the job once, tells its stages,
// posts the result, and is ended by the server. Its writes go through the gate the server reads before
// ending it, so the thread is never ended inside a write batch.
const port = parentPort;
const data = workerData as CallWorkerData | null;
if (port === null || data === null) throw new Error('cli/mcp/call-worker-thread.js runs as a worker thread of perf-standards mcp');

const state = new Int32Array(data.gate);
// Aborted when the server cancelled the call during a write batch: the run stops at its next safe point.
const stop = new AbortController();
const writeGate: WriteGate = {
  enter: (): boolean => Atomics.compareExchange(state, 0, GATE_RUNNING, GATE_WRITING) === GATE_RUNNING,
  leave: (): void => {
    if (Atomics.compareExchange(state, 0, GATE_WRITING, GATE_RUNNING) !== GATE_STOP_AFTER_WRITE) return;
    Atomics.store(state, 0, GATE_STOPPED);
    stop.abort();
  },
};
const reply = (message: CallWorkerReply): void => port.postMessage(message);
const onStage = (stage: string): void => reply({ stage });

async function run(): Promise<unknown> {
  const { job } = data as CallWorkerData;
  if (job.tool === 'fix') {
    const { runFixCall } = await import('./codemod-tool.js');
    return runFixCall(job.call, { signal: stop.signal, writeGate, onStage });
  }
  const { runCoverageCall } = await import('./coverage-tool.js');
  return runCoverageCall(job.call, { onStage, writeGate });
}

run().then(
  (result: unknown): void => reply({ result }),
  (error: unknown): void =>
    reply({
      error: {
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? (error.stack ?? error.message) : String(error),
        usage: error instanceof UsageError,
      },
    }),
);
