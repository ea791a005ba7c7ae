/**
 * Case-insensitive comparison of file names against the standards' word lists, character by character,
 * without building lower-cased copies: a file-name rule runs this on every linted file, right after the
 * parser has pushed everything else out of the CPU's caches, so what it allocates and which built-ins it
 * calls show up in ESLint's per-rule timings. A name that matches nothing allocates nothing.
 */

const HYPHEN = 0x2d;
const UNDERSCORE = 0x5f;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const ASCII_LIMIT = 0x80;

/**
 * How a list entry is compared: lower case.
 * @complexity O(length of the entry).
 */
export const foldCase = (entry: string): string => entry.toLowerCase();

/**
 * How a list entry is compared when `-` and `_` are the same separator: lower case, `-` read as `_`.
 * @complexity O(length of the entry).
 */
export const foldWord = (entry: string): string => entry.toLowerCase().replaceAll('-', '_');

function sameChar(code: number, folded: number, separatorsAlike: boolean): boolean {
  if (code === folded) return true;
  if (code >= UPPER_A && code <= UPPER_Z) return code + 32 === folded;
  if (code === HYPHEN) return separatorsAlike && folded === UNDERSCORE;
  if (code < ASCII_LIMIT) return false;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 && lower.charCodeAt(0) === folded;
}

/**
 * Whether `name` holds the folded word `word` (see foldCase / foldWord) from `from` to `end`, ignoring
 * case, and `-` versus `_` when `separatorsAlike`.
 * @complexity O(word length), no allocation for ASCII names.
 */
export function equalsFoldedAt(name: string, from: number, end: number, word: string, separatorsAlike: boolean): boolean {
  if (end - from !== word.length || end > name.length) return false;
  for (let index = 0; index < word.length; index += 1) {
    if (!sameChar(name.charCodeAt(from + index), word.charCodeAt(index), separatorsAlike)) return false;
  }
  return true;
}

/**
 * Whether the character at `index` is `-` or `_`.
 * @complexity O(1).
 */
export function isSeparatorAt(name: string, index: number): boolean {
  const code = name.charCodeAt(index);
  return code === UNDERSCORE || code === HYPHEN;
}
