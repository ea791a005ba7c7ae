import path from 'node:path';
import jscodeshift, { type API } from 'jscodeshift';
import type { CodemodOptions, FileCodemod, FileCodemodContext } from './contract.js';
import { UnparsableSourceError } from './unparsable-source.js';

/** One file's result from a per-file codemod. */
export type FileOutcome =
  | { readonly status: 'changed'; readonly source: string; readonly notes?: readonly string[] }
  | { readonly status: 'unchanged'; readonly notes?: readonly string[] }
  | { readonly status: 'failed'; readonly reason: string };

// TypeScript's own parsers for TypeScript; babel with JSX and proposals for JavaScript dialects.
function parserFor(file: string): string {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') return 'ts';
  if (extension === '.tsx') return 'tsx';
  return 'babylon';
}

const apis = new Map<string, API>();

function apiFor(parser: string): API {
  let api = apis.get(parser);
  if (api === undefined) {
    const j = jscodeshift.withParser(parser);
    api = { j, jscodeshift: j, stats: (): void => undefined, report: (): void => undefined };
    apis.set(parser, api);
  }
  return api;
}

/**
 * Runs one per-file codemod on one source with jscodeshift's API (parser picked from the extension). A
 * throw becomes a failed outcome (an UnparsableSourceError's message is the reason as it stands): the file is then left as it was (and its notes
 * dropped, being about edits that did not happen).
 * @performance one parse and print per file, inside the codemod; the API object is built once per parser.
 */
export function transformSource(
  codemod: FileCodemod,
  file: string,
  source: string,
  options: CodemodOptions,
  context: FileCodemodContext,
): FileOutcome {
  const notes: string[] = [];
  try {
    const result = codemod.transform({ path: file, source }, apiFor(parserFor(file)), options, { ...context, note: (message: string): void => void notes.push(message) });
    const withNotes = notes.length === 0 ? {} : { notes };
    if (result === undefined || result === null || result === source) return { status: 'unchanged', ...withNotes };
    if (typeof result !== 'string') return { status: 'failed', reason: `the codemod returned ${typeof result}, not a string` };
    return { status: 'changed', source: result, ...withNotes };
  } catch (error: unknown) {
    if (error instanceof UnparsableSourceError) return { status: 'failed', reason: error.message };
    const reason = error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
    return { status: 'failed', reason: `${codemod.name} threw: ${reason}` };
  }
}
