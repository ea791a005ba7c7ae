import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { CodemodOptions, FileCodemod } from './contract.js';
import type { FileOutcome } from './file-transform.js';
import type { WorkerTask } from './file-worker.js';

/** A file's outcome together with the source it was computed from. */
export interface TransformedFile {
  readonly file: string;
  readonly original: string;
  readonly outcome: FileOutcome;
}

const WORKER_URL = new URL('./file-worker.js', import.meta.url);
// Below this many files per worker, starting threads (each loads jscodeshift and a parser) costs more
// than it saves.
const MIN_FILES_PER_WORKER = 8;
// Files read at once on the main thread: enough to overlap the reads, few enough to stay far below fd limits.
const READ_CONCURRENCY = 32;

async function readOrFail(file: string): Promise<string | FileOutcome> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    return { status: 'failed', reason: `cannot be read: ${(error as Error).message}` };
  }
}

/**
 * Runs a per-file codemod over `files` on `jobs` worker threads (each pulls the next file when done, so
 * a slow file never idles the others), or on the main thread when the codemod has no `module` URL or
 * there are too few files to pay for the threads. Results come back in input order. Once `signal` aborts, no
 * further file is started and only the files done are returned.
 * @performance files are read on the main thread and parsed in parallel; one message round trip per file.
 */
export async function transformFiles(
  codemod: FileCodemod,
  files: readonly string[],
  optionsFor: (file: string) => CodemodOptions,
  jobs: number,
  onDone: () => void,
  root: string,
  signal?: AbortSignal,
): Promise<readonly TransformedFile[]> {
  const results: TransformedFile[] = new Array<TransformedFile>(files.length);
  const workers = codemod.module === undefined ? 0 : Math.min(jobs, Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (workers <= 1) {
    // jscodeshift and its parsers load only when a per-file codemod runs here.
    const { transformSource } = await import('./file-transform.js');
    // Reads overlap (bounded, so a large tree does not open every file at once); the transforms are synchronous.
    const sources = new Array<string | FileOutcome>(files.length);
    let nextRead = 0;
    const reader = async (): Promise<void> => {
      for (let index = nextRead++; index < files.length; index = nextRead++) sources[index] = await readOrFail(files[index] ?? '');
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, reader));
    for (const [index, file] of files.entries()) {
      if (signal?.aborted === true) break;
      const source = sources[index] ?? '';
      results[index] =
        typeof source === 'string'
          ? { file, original: source, outcome: transformSource(codemod, file, source, optionsFor(file), { root }) }
          : { file, original: '', outcome: source };
      onDone();
    }
    return results.filter(Boolean);
  }
  const module = codemod.module ?? '';
  let next = 0;
  const runWorker = async (): Promise<void> => {
    let worker = new Worker(WORKER_URL);
    try {
      for (let index = next++; index < files.length && signal?.aborted !== true; index = next++) {
        const file = files[index] ?? '';
        const source = await readOrFail(file);
        if (typeof source !== 'string') {
          results[index] = { file, original: '', outcome: source };
        } else {
          const task: WorkerTask = { module, file, source, options: optionsFor(file), root };
          const current = worker;
          const outcome = await new Promise<FileOutcome>((resolve: (value: FileOutcome) => void, reject: (error: Error) => void): void => {
            current.once('message', resolve);
            current.once('error', reject);
            current.once('exit', (code: number): void => reject(new Error(`the worker exited with code ${code}`)));
            current.postMessage(task);
          }).catch((error: Error): FileOutcome => {
            // The file that killed its worker fails alone: the next file gets a fresh worker.
            void current.terminate();
            worker = new Worker(WORKER_URL);
            return { status: 'failed', reason: `${codemod.name} crashed its worker: ${error.message}` };
          });
          current.removeAllListeners('error');
          current.removeAllListeners('message');
          current.removeAllListeners('exit');
          results[index] = { file, original: source, outcome };
        }
        onDone();
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: workers }, runWorker));
  return results.filter(Boolean);
}
