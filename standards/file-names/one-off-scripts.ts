import { adjustList, type ListAdjustment } from '../shared/adjustable-list.js';
import { equalsFoldedAt, foldWord, isSeparatorAt } from './name-folding.js';

/**
 * workspace-standards.md, "Anti-Pattern Prevention": one-off scripts are strictly forbidden. Their names
 * give them away; the work belongs in an existing module, a `cli/` command or a `utils/` module.
 */
export const ONE_OFF_PREFIXES: readonly string[] = Object.freeze([
  'temp',
  'quick',
  'fix',
  'backup',
  'script',
  'one_time',
  'test_script',
]);

/** Whole stems that are one-off by themselves (`temp.py`, `tmp.ts`). */
export const ONE_OFF_STEMS: readonly string[] = Object.freeze(['temp', 'tmp']);

/** Where the standard says such code should live instead. */
export const ONE_OFF_ALTERNATIVES: readonly string[] = Object.freeze(['cli/', 'utils/']);

export interface OneOffScriptOptions {
  readonly prefixes?: ListAdjustment;
  readonly stems?: ListAdjustment;
}

export interface OneOffScriptMatch {
  /** What gave the name away: the prefix as written in the file name (`Temp-`), or the whole stem. */
  readonly matched: string;
  readonly kind: 'prefix' | 'stem';
  /** The name without the one-off prefixes, or `null` when nothing meaningful is left (`temp.py`). */
  readonly suggestedName: string | null;
}

export type OneOffScriptDetector = (fileName: string) => OneOffScriptMatch | null;

/** How many characters a banned prefix and its separator take at `from`; 0 if none does. */
function prefixLength(fileName: string, from: number, prefixes: readonly string[]): number {
  for (const prefix of prefixes) {
    const end = from + prefix.length;
    if (isSeparatorAt(fileName, end) && equalsFoldedAt(fileName, from, end, prefix, true)) return prefix.length + 1;
  }
  return 0;
}

function isStem(fileName: string, from: number, end: number, stems: readonly string[]): boolean {
  for (const stem of stems) if (equalsFoldedAt(fileName, from, end, stem, true)) return true;
  return false;
}

/**
 * Builds the detector once per configuration. Prefixes match at the start of the file name, case
 * insensitively, followed by `_` or `-`; inside a prefix `_` and `-` are interchangeable, so
 * `one-time-migrate.ts` and `One_Time_migrate.ts` are both caught. Longer prefixes are tried first so
 * `test_script_x` is stripped whole. Names are compared in place (standards/name-folding.ts): an ESLint
 * rule runs this on every file, and a name that is not a one-off allocates nothing.
 * @complexity build O(total prefix length); detect O(total length of the prefixes and stems).
 */
export function createOneOffScriptDetector(options: OneOffScriptOptions = {}): OneOffScriptDetector {
  const prefixes = [...adjustList(ONE_OFF_PREFIXES, options.prefixes, foldWord)].sort(
    (a: string, b: string): number => b.length - a.length,
  );
  const stems = adjustList(ONE_OFF_STEMS, options.stems, foldWord);

  return (fileName: string): OneOffScriptMatch | null => {
    const dot = fileName.indexOf('.', 1);
    const stemEnd = dot === -1 ? fileName.length : dot;
    if (isStem(fileName, 0, stemEnd, stems)) {
      return { matched: fileName.slice(0, stemEnd), kind: 'stem', suggestedName: null };
    }
    const first = prefixLength(fileName, 0, prefixes);
    if (first === 0) return null;
    let start = first;
    for (let next = prefixLength(fileName, start, prefixes); next !== 0; next = prefixLength(fileName, start, prefixes)) {
      start += next;
    }
    const restDot = fileName.indexOf('.', start);
    const restEnd = restDot === -1 ? fileName.length : restDot;
    const meaningful = restEnd > start && !isStem(fileName, start, restEnd, stems);
    return { matched: fileName.slice(0, first), kind: 'prefix', suggestedName: meaningful ? fileName.slice(start) : null };
  };
}
