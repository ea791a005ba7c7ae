import { createTwoFilesPatch } from 'diff';

/** One file's change as a preview shows it; paths relative to the root with `/`. */
export interface FileChange {
  readonly path: string;
  /** Set when the file is renamed or moved. */
  readonly renamedTo?: string;
  readonly deleted?: boolean;
  /** `null` for a file that does not exist yet. */
  readonly before: string | null;
  /** `null` once deleted. */
  readonly after: string | null;
  /** The bytes `before` was decoded from, when that text does not spell them exactly (the file is not UTF-8). */
  readonly beforeBytes?: Buffer;
  /** The bytes written for `after`, likewise only when `after` does not spell them. */
  readonly afterBytes?: Buffer;
}

const COLOURS = { header: '\u001B[1m', hunk: '\u001B[36m', removed: '\u001B[31m', added: '\u001B[32m', reset: '\u001B[0m' };

function colourLine(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || /^(rename|new|deleted) /u.test(line)) {
    return `${COLOURS.header}${line}${COLOURS.reset}`;
  }
  if (line.startsWith('@@')) return `${COLOURS.hunk}${line}${COLOURS.reset}`;
  if (line.startsWith('-')) return `${COLOURS.removed}${line}${COLOURS.reset}`;
  if (line.startsWith('+')) return `${COLOURS.added}${line}${COLOURS.reset}`;
  return line;
}

/**
 * A git-style unified diff of one change (the `diff` package computes the hunks): renames and moves get
 * `rename from`/`rename to` lines, new and deleted files `new file`/`deleted file`, so `git apply`
 * reads it. Colour is ANSI, for terminals only.
 * @performance Myers diff per file: O((N+M)·D) where D is the number of changed lines.
 */
export function formatChange(change: FileChange, colour: boolean): string {
  const from = change.path;
  const to = change.renamedTo ?? change.path;
  const lines = [`diff --git a/${from} b/${to}`];
  if (change.renamedTo !== undefined) lines.push(`rename from ${from}`, `rename to ${to}`);
  if (change.before === null) lines.push('new file mode 100644');
  if (change.deleted === true) lines.push('deleted file mode 100644');
  const before = change.before ?? '';
  const after = change.after ?? '';
  if (before !== after) {
    const patch = createTwoFilesPatch(
      change.before === null ? '/dev/null' : `a/${from}`,
      change.after === null ? '/dev/null' : `b/${to}`,
      before,
      after,
      undefined,
      undefined,
      { context: 3 },
    );
    // The first line is the `Index:`-less separator the package prints; git starts at `---`.
    lines.push(...patch.split('\n').filter((line: string): boolean => !line.startsWith('====')).filter((line: string, index: number, all: string[]): boolean => !(line === '' && index === all.length - 1)));
  }
  const text = lines.join('\n');
  return `${colour ? text.split('\n').map(colourLine).join('\n') : text}\n`;
}

// latin1 maps every byte to one character and back, so text spelled so carries any bytes through a patch.
const asBinary = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/**
 * formatChange as the bytes to print: the file's own bytes where they are not UTF-8 (a latin-1 file), so
 * `git apply` recreates them exactly; otherwise the UTF-8 of formatChange's text.
 * @performance as formatChange, plus one copy of each side when the file is not UTF-8.
 */
export function formatPatch(change: FileChange, colour: boolean): Buffer {
  if (change.beforeBytes === undefined && change.afterBytes === undefined) return Buffer.from(formatChange(change, colour), 'utf8');
  const binary: FileChange = {
    path: asBinary(change.path),
    ...(change.renamedTo === undefined ? {} : { renamedTo: asBinary(change.renamedTo) }),
    ...(change.deleted === true ? { deleted: true } : {}),
    before: change.before === null ? null : (change.beforeBytes ?? Buffer.from(change.before, 'utf8')).toString('latin1'),
    after: change.after === null ? null : (change.afterBytes ?? Buffer.from(change.after, 'utf8')).toString('latin1'),
  };
  return Buffer.from(formatChange(binary, colour), 'latin1');
}
