import { diffArrays, diffChars } from 'diff';

/**
 * Turning a codemod's new text back into bytes without touching the bytes it did not edit.
 *
 * Codemods see a file as text: Node and TypeScript decode it as UTF-8, replace every byte sequence that is
 * not UTF-8 with U+FFFD (a latin-1 `é` becomes `\uFFFD`), keep or drop a byte order mark depending on the
 * reader, and printers may respell line endings. Writing their result back as UTF-8 would change bytes no
 * codemod meant to edit. Instead the old and the new text are compared (line endings folded, BOM set
 * aside), every unchanged character is copied from the original bytes, and only inserted text is encoded:
 * as UTF-8, with the file's own line ending. When that cannot be done exactly (the file is UTF-16, or not
 * UTF-8 and the edit inserts non-ASCII text) the file is refused and left untouched.
 */

/** How a file's bytes are laid out, as far as writing it back is concerned. */
export interface SourceEncoding {
  /** The file starts with the UTF-8 byte order mark EF BB BF. */
  readonly bom: boolean;
  /** Every byte after the BOM is well-formed UTF-8. */
  readonly utf8: boolean;
  /** The line ending inserted lines get: the file's most frequent one (`\n` on a tie or with no line break). */
  readonly eol: '\n' | '\r\n';
  /** 1-based line and byte value of the first byte that is not UTF-8, when `utf8` is false. */
  readonly firstInvalid?: { readonly line: number; readonly byte: number };
}

/** The bytes to write, or why the file is left as it is. */
export type EncodedEdit = { readonly bytes: Buffer } | { readonly refusal: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT = 0xfffd;

// The source with `\r\n` folded to `\n` and the BOM left out, and for every UTF-16 index of it the offset
// of the byte it starts at (one more entry, at the end, for the length).
interface FoldedSource {
  readonly text: string;
  readonly offsets: Uint32Array;
  readonly encoding: SourceEncoding;
}

// Second-byte ranges of the UTF-8 lead bytes that need them (Unicode 15, table 3-7), as [low, high, trailing].
function sequenceOf(lead: number): readonly [number, number, number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 1];
  if (lead === 0xe0) return [0xa0, 0xbf, 2];
  if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef) return [0x80, 0xbf, 2];
  if (lead === 0xed) return [0x80, 0x9f, 2];
  if (lead === 0xf0) return [0x90, 0xbf, 3];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 3];
  if (lead === 0xf4) return [0x80, 0x8f, 3];
  return null;
}

/**
 * Decodes like `Buffer#toString('utf8')` (each maximal ill-formed subpart becomes one U+FFFD, the WHATWG
 * rule), folding `\r\n` to `\n` and recording where each character's bytes start.
 * @complexity O(bytes).
 */
function foldSource(bytes: Buffer): FoldedSource {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const units: number[] = [];
  const starts: number[] = [];
  let utf8 = true;
  let firstInvalid: { line: number; byte: number } | undefined;
  let line = 1;
  let crlf = 0;
  let lf = 0;
  let index = bom ? 3 : 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const start = index;
    if (lead < 0x80) {
      if (lead === 0x0d && bytes[index + 1] === 0x0a) {
        // `\r\n` reads as one `\n` that starts at the `\r`.
        units.push(0x0a);
        starts.push(start);
        index += 2;
        crlf += 1;
        line += 1;
        continue;
      }
      if (lead === 0x0a) {
        lf += 1;
        line += 1;
      }
      units.push(lead);
      starts.push(start);
      index += 1;
      continue;
    }
    const sequence = sequenceOf(lead);
    let codePoint = -1;
    if (sequence !== null) {
      const [low, high, trailing] = sequence;
      let value = lead & (trailing === 1 ? 0x1f : trailing === 2 ? 0x0f : 0x07);
      let next = index + 1;
      let ok = true;
      for (let k = 0; k < trailing; k += 1) {
        const byte = bytes[next];
        const min = k === 0 ? low : 0x80;
        const max = k === 0 ? high : 0xbf;
        if (byte === undefined || byte < min || byte > max) {
          ok = false;
          break;
        }
        value = (value << 6) | (byte & 0x3f);
        next += 1;
      }
      index = next;
      if (ok) codePoint = value;
    } else {
      index += 1;
    }
    if (codePoint < 0) {
      if (utf8) firstInvalid = { line, byte: lead };
      utf8 = false;
      codePoint = REPLACEMENT;
    }
    if (codePoint > 0xffff) {
      const offset = codePoint - 0x10000;
      units.push(0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff));
      starts.push(start, start);
    } else {
      units.push(codePoint);
      starts.push(start);
    }
  }
  const offsets = new Uint32Array(starts.length + 1);
  offsets.set(starts);
  offsets[starts.length] = bytes.length;
  let text = '';
  // fromCharCode takes arguments; chunks keep the call under engines' argument limits.
  for (let chunk = 0; chunk < units.length; chunk += 8192) text += String.fromCharCode(...units.slice(chunk, chunk + 8192));
  const encoding: SourceEncoding = { bom, utf8, eol: crlf > lf ? '\r\n' : '\n', ...(firstInvalid === undefined ? {} : { firstInvalid }) };
  return { text, offsets, encoding };
}

/** A run of lines both sides share, or that one side adds or removes. */
interface LineChange {
  readonly value: readonly string[];
  readonly added?: boolean;
  readonly removed?: boolean;
}

/**
 * A line diff that stays fast on large files with many scattered edits: lines that occur once on each side
 * are anchors (patience diff), the longest chain of anchors in order is kept, and only the stretches between
 * them go through Myers' algorithm (jsdiff's `diffArrays`, O((N+M)·D) per stretch). Plain Myers over a whole
 * file costs O(N·D): about 1 s for lib.dom.d.ts with an edit every 40 lines.
 * @complexity O(N log N) for the anchors, plus Myers on each stretch between them.
 */
function lineChanges(before: readonly string[], after: readonly string[]): readonly LineChange[] {
  const counts = new Map<string, [number, number, number]>();
  before.forEach((line: string, index: number): void => {
    const entry = counts.get(line);
    if (entry === undefined) counts.set(line, [1, 0, index]);
    else entry[0] += 1;
  });
  const anchors: [number, number][] = [];
  for (const line of after) {
    const entry = counts.get(line);
    if (entry !== undefined) entry[1] += 1;
  }
  after.forEach((line: string, index: number): void => {
    const entry = counts.get(line);
    if (entry !== undefined && entry[0] === 1 && entry[1] === 1) anchors.push([entry[2], index]);
  });
  // Anchors come in `after` order; keep the longest run also increasing in `before` (patience sorting).
  const tails: number[] = [];
  const previous = new Array<number>(anchors.length).fill(-1);
  anchors.forEach(([oldIndex], at: number): void => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((anchors[tails[middle] ?? 0]?.[0] ?? 0) < oldIndex) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[at] = tails[low - 1] ?? -1;
    tails[low] = at;
  });
  const chain: [number, number][] = [];
  for (let at = tails.at(-1) ?? -1; at !== -1; at = previous[at] ?? -1) chain.push(anchors[at] ?? [0, 0]);
  chain.reverse();

  const changes: LineChange[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const [oldIndex, newIndex] of [...chain, [before.length, after.length] as [number, number]]) {
    if (oldAt < oldIndex || newAt < newIndex) {
      const oldPart = before.slice(oldAt, oldIndex);
      const newPart = after.slice(newAt, newIndex);
      if (oldPart.length === 0) changes.push({ value: newPart, added: true });
      else if (newPart.length === 0) changes.push({ value: oldPart, removed: true });
      else changes.push(...diffArrays(oldPart, newPart).map((change): LineChange => ({ value: change.value, ...(change.added ? { added: true } : {}), ...(change.removed ? { removed: true } : {}) })));
    }
    if (oldIndex < before.length) changes.push({ value: [before[oldIndex] ?? ''] });
    oldAt = oldIndex + 1;
    newAt = newIndex + 1;
  }
  return changes;
}

/**
 * How a file's bytes are encoded: BOM, whether it is UTF-8, its line ending.
 * @complexity O(bytes).
 */
export function sourceEncoding(bytes: Buffer): SourceEncoding {
  return foldSource(bytes).encoding;
}

const foldLineEndings = (text: string): string => text.replaceAll('\r\n', '\n');

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const withBreaks = lines.map((line: string): string => `${line}\n`);
  if (last !== '') withBreaks.push(last);
  return withBreaks;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/**
 * Why text holding U+FFFD is not written: the codemods read every file as UTF-8, so a U+FFFD they insert
 * almost always stands for bytes of a file that is not UTF-8, which writing it would lose.
 * @complexity O(1).
 */
export function replacementRefusal(line: number): string {
  return `the edit would write U+FFFD near line ${line}, a character that stands for bytes read from a file that is not UTF-8 (they would be lost); left untouched`;
}

const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The bytes for `after` (a codemod's new text of the file whose bytes are `original`): every character
 * the edit kept is copied from `original` (so bytes that are not UTF-8, `\r\n` or `\n` endings and the BOM
 * survive), inserted text is UTF-8 with the file's dominant line ending. Refused, with the reason, for a
 * UTF-16 file, for inserted text holding U+FFFD (see replacementRefusal), and for a file that is not
 * UTF-8 when the inserted text is not ASCII. The result is
 * checked by decoding it again: anything but `after` (line endings aside) is refused too.
 * @complexity Myers diff over lines, O((N+M)·D), then over the characters of each changed block of lines.
 */
export function encodeEdit(original: Buffer, after: string): EncodedEdit {
  if (original.length >= 2 && ((original[0] === 0xff && original[1] === 0xfe) || (original[0] === 0xfe && original[1] === 0xff))) {
    return { refusal: 'the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); codemods rewrite UTF-8 files only' };
  }
  const source = foldSource(original);
  const { encoding, offsets } = source;
  const target = foldLineEndings(after.startsWith('\uFEFF') ? after.slice(1) : after);
  const parts: Buffer[] = encoding.bom ? [BOM] : [];
  // Where in `target` the first inserted U+FFFD and the first inserted non-ASCII character are.
  let replacementAt = -1;
  let nonAsciiAt = -1;
  let targetAt = 0;
  const copy = (from: number, to: number): void => {
    if (to > from) parts.push(original.subarray(offsets[from], offsets[to]));
    targetAt += to - from;
  };
  const insert = (text: string): void => {
    if (text === '') return;
    const replacement = text.indexOf('\uFFFD');
    if (replacementAt === -1 && replacement !== -1) replacementAt = targetAt + replacement;
    const nonAscii = text.search(/[^\u0000-\u007F]/u);
    if (nonAsciiAt === -1 && nonAscii !== -1) nonAsciiAt = targetAt + nonAscii;
    targetAt += text.length;
    parts.push(Buffer.from(encoding.eol === '\n' ? text : text.replaceAll('\n', encoding.eol), 'utf8'));
  };

  const oldLines = splitLines(source.text);
  const newLines = splitLines(target);
  let position = 0;
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed === '' && added === '') return;
    // A changed block of lines: compare its characters, so that what stayed on an edited line keeps its bytes.
    let at = position;
    for (const change of removed === '' || added === '' ? [{ value: removed || added, added: added !== '', removed: removed !== '' }] : diffChars(removed, added)) {
      if (change.added) insert(change.value);
      else if (change.removed) at += change.value.length;
      else {
        copy(at, at + change.value.length);
        at += change.value.length;
      }
    }
    position += removed.length;
    removed = '';
    added = '';
  };
  for (const change of lineChanges(oldLines, newLines)) {
    const text = change.value.join('');
    if (change.removed) removed += text;
    else if (change.added) added += text;
    else {
      flush();
      copy(position, position + text.length);
      position += text.length;
    }
  }
  flush();

  if (replacementAt !== -1) return { refusal: replacementRefusal(lineOf(target, replacementAt)) };
  if (!encoding.utf8 && nonAsciiAt !== -1) {
    const where = encoding.firstInvalid === undefined ? '' : ` (byte ${hex(encoding.firstInvalid.byte)} on line ${encoding.firstInvalid.line})`;
    const line = lineOf(target, nonAsciiAt);
    return {
      refusal: `the file is not UTF-8${where} and the edit would write non-ASCII text near line ${line}, which cannot be encoded the way the file is; left untouched`,
    };
  }
  const bytes = Buffer.concat(parts);
  const check = bytes.toString('utf8');
  if (foldLineEndings(encoding.bom ? check.slice(1) : check) !== target) {
    return { refusal: 'the edit could not be written back byte for byte outside the edited text; left untouched' };
  }
  return { bytes };
}
