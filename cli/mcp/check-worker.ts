import { parentPort } from 'node:worker_threads';
import { UsageError } from '../command.js';
import { analyseCheck } from './check-analysis.js';
import type { CheckRequest, CheckWorkerReply } from './check-worker-client.js';
import { IgnoreAnswers } from './ignore-answers.js';
import { RootLinters } from './root-linters.js';

// The check worker's thread: ESLint, the per-root ESLint instances and git's ignore answers live here, so the
// server's thread stays free to read a cancellation, and terminating this thread stops a run at once and
// frees what it held. Requests may overlap; each is answered by its id.
const linters = new RootLinters();
const ignores = new IgnoreAnswers();
const port = parentPort;
if (port === null) throw new Error('cli/mcp/check-worker.js runs as a worker thread of perf-standards mcp');

port.on('message', (request: CheckRequest): void => {
  const reply = (message: CheckWorkerReply): void => port.postMessage(message);
  analyseCheck(request.root, request.patterns, linters, ignores, (stage: string): void => reply({ id: request.id, stage })).then(
    (analysis): void => reply({ id: request.id, analysis }),
    (error: unknown): void =>
      reply({
        id: request.id,
        error: {
          message: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? (error.stack ?? error.message) : String(error),
          usage: error instanceof UsageError,
        },
      }),
  );
});
