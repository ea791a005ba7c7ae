// Preloaded into every Node.js process of the memory gate's command (NODE_OPTIONS=--import): reads the heap
// after a forced garbage collection when the process starts and when it exits, and appends one JSON line to
// the file named by PERF_STANDARDS_MEMORY_FILE. Imports only Node's own modules: it runs inside the user's
// processes.
import { appendFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env['PERF_STANDARDS_MEMORY_FILE'];
if (file !== undefined) {
  // `gc` exists only with --expose-gc; turning the flag on now and reading `gc` from a fresh context is the
  // documented way to get it after start.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heapAfterGc = (): number => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const beforeBytes = heapAfterGc();
  process.on('exit', (): void => {
    const afterBytes = heapAfterGc();
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, argv: process.argv.slice(1), beforeBytes, afterBytes })}\n`);
  });
}
