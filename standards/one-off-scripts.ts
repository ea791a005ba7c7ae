import { adjustList, type ListAdjustment } from './adjustable-list.js';

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

const normalizeWord = (entry: string): string => entry.toLowerCase().replace(/-/gu, '_');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * Builds the detector once per configuration. Prefixes match at the start of the file name, case
 * insensitively, followed by `_` or `-`; inside a prefix `_` and `-` are interchangeable, so
 * `one-time-migrate.ts` and `One_Time_migrate.ts` are both caught. Longer prefixes are tried first so
 * `test_script_x` is stripped whole.
 * @complexity build O(total prefix length); detect O(file name length).
 */
export function createOneOffScriptDetector(options: OneOffScriptOptions = {}): OneOffScriptDetector {
  const prefixes = [...adjustList(ONE_OFF_PREFIXES, options.prefixes, normalizeWord)].sort(
    (a: string, b: string): number => b.length - a.length,
  );
  const stems = new Set(adjustList(ONE_OFF_STEMS, options.stems, normalizeWord));
  const prefixPattern =
    prefixes.length === 0
      ? null
      : new RegExp(`^(?:${prefixes.map((p: string): string => escapeRegExp(p).replace(/_/gu, '[-_]')).join('|')})[-_]`, 'iu');

  return (fileName: string): OneOffScriptMatch | null => {
    const dot = fileName.indexOf('.', 1);
    const stem = dot === -1 ? fileName : fileName.slice(0, dot);
    if (stems.has(normalizeWord(stem))) {
      return { matched: stem, kind: 'stem', suggestedName: null };
    }
    if (prefixPattern === null) return null;
    const first = prefixPattern.exec(fileName);
    if (first === null) return null;
    let rest = fileName.slice(first[0].length);
    for (let next = prefixPattern.exec(rest); next !== null; next = prefixPattern.exec(rest)) {
      rest = rest.slice(next[0].length);
    }
    const restDot = rest.indexOf('.');
    const restStem = restDot === -1 ? rest : rest.slice(0, restDot);
    const meaningful = restStem !== '' && !stems.has(normalizeWord(restStem));
    return { matched: first[0], kind: 'prefix', suggestedName: meaningful ? rest : null };
  };
}
