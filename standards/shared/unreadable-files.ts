import { access, constants } from 'node:fs/promises';

/**
 * Why a file cannot be read, in the words `check` and `fix` print: `permission denied (EACCES)`. Node's
 * error codes are kept so the message can be searched for.
 * @complexity O(1).
 */
export function unreadableReason(error: unknown): string {
  const code = (error as { readonly code?: unknown } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ENOENT':
      return 'it disappeared while the command ran (ENOENT)';
    default:
      return typeof code === 'string' ? `${code}` : error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether `error` is a file system error about one path (EACCES, EPERM) that a command can skip and go on.
 * @complexity O(1).
 */
export function isPermissionError(error: unknown): error is Error & { readonly code: string; readonly path: string } {
  const fields = error as { readonly code?: unknown; readonly path?: unknown } | null;
  return error instanceof Error && (fields?.code === 'EACCES' || fields?.code === 'EPERM') && typeof fields.path === 'string';
}

// access() is a few microseconds; bounded so a huge tree does not open thousands of requests at once.
const CONCURRENCY = 64;

/**
 * The files among `files` this process cannot read (and, with `forWriting`, write), each with why.
 * @performance one `access` call per file, 64 at a time.
 */
export async function unreadableFiles(files: readonly string[], forWriting = false): Promise<ReadonlyMap<string, string>> {
  const found = new Map<string, string>();
  const mode = forWriting ? constants.R_OK | constants.W_OK : constants.R_OK;
  let next = 0;
  const drain = async (): Promise<void> => {
    for (let index = next++; index < files.length; index = next++) {
      const file = files[index] ?? '';
      await access(file, mode).catch((error: unknown): void => {
        found.set(file, unreadableReason(error));
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, drain));
  return found;
}
