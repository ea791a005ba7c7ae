import { adjustList, type ListAdjustment } from '../shared/adjustable-list.js';
import { equalsFoldedAt, foldWord, isSeparatorAt } from './name-folding.js';
import { stemEndOf, stemStartOf } from './file-name-parts.js';
import { otherRuleRejecting } from './suggested-names.js';

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

/**
 * Prefixes that say what the file does, with the noun a suggested name keeps in their place, as a suffix:
 * `fix_encoding.py` becomes `encoding_repair.py` and `backup_db.sh` becomes `db_backup.sh`, not `encoding.py`
 * and `db.sh`, which lose what the file is for. The other prefixes (`temp`, `quick`, `script`, ...) say
 * only that the file was meant to be thrown away, and are dropped.
 */
export const ACTION_PREFIX_NOUNS: Readonly<Record<string, string>> = Object.freeze({ fix: 'repair', backup: 'backup' });

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
  /**
   * The name without the one-off prefixes, or `null` when nothing meaningful is left (`temp.py`) or what
   * is left breaks another file-name rule (`quick_helpers.py` → `helpers.py`, see `unusableName`).
   */
  readonly suggestedName: string | null;
  /** The name without the prefixes when another file-name rule rejects it, and that rule's id. */
  readonly unusableName: { readonly name: string; readonly rule: string } | null;
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

// pytest's default `python_files` (python-test-discovery.ts reads a project's own; a rule sees one file only).
const PYTEST_COLLECTED = /^(?:test_.*|.*_test)\.py$/u;
// Names pytest treats apart (`conftest.py` is loaded as a plugin of its folder) or that say nothing of a test.
const PYTEST_RESERVED = /^(?:test|tests|conftest)\.py$/u;
const PYTEST_DISCOVERY = "pytest's test discovery (it collects `test_*.py` and `*_test.py`; `conftest.py` is a plugin)";

/**
 * Why renaming Python `fileName` to `candidate` would change what pytest runs, as the thing it breaks
 * (`nameOneOffScriptAnew`'s `rule`), or null: a test module pytest collects (`quick_test.py`) would leave its
 * discovery (`test.py`: the test silently disappears), or the name would be `test.py`, `tests.py` or
 * `conftest.py`. pytest's default `python_files` only: a rule sees one file, not the project's pytest config
 * (the codemod reads that too: rename-one-off-scripts.ts).
 * @complexity O(name length).
 */
export function pytestDiscoveryBreaking(fileName: string, candidate: string): string | null {
  if (!fileName.endsWith('.py')) return null;
  if (PYTEST_RESERVED.test(candidate) || (PYTEST_COLLECTED.test(fileName) && !PYTEST_COLLECTED.test(candidate))) return PYTEST_DISCOVERY;
  return null;
}

/**
 * Builds the detector once per configuration. Names are split by fileNameParts: leading dots are skipped
 * (`.tmp.js` is judged like `tmp.js`) and kept in the suggested name. Prefixes match at the start of the stem, case
 * insensitively, followed by `_` or `-`; inside a prefix `_` and `-` are interchangeable, so
 * `one-time-migrate.ts` and `One_Time_migrate.ts` are both caught. Longer prefixes are tried first so
 * `test_script_x` is stripped whole; a prefix that names an action leaves its noun as a suffix
 * (ACTION_PREFIX_NOUNS). A suggested name must pass the other file-name rules too (with
 * their default lists) and keep a Python test module in pytest's discovery (pytestDiscoveryBreaking), else
 * there is none. Names are compared in place (name-folding.ts): an ESLint
 * rule runs this on every file, and a name that is not a one-off allocates nothing.
 * @complexity build O(total prefix length); detect O(total length of the prefixes and stems).
 */
export function createOneOffScriptDetector(options: OneOffScriptOptions = {}): OneOffScriptDetector {
  const prefixes = [...adjustList(ONE_OFF_PREFIXES, options.prefixes, foldWord)].sort(
    (a: string, b: string): number => b.length - a.length,
  );
  const stems = adjustList(ONE_OFF_STEMS, options.stems, foldWord);

  return (fileName: string): OneOffScriptMatch | null => {
    const stemStart = stemStartOf(fileName);
    const stemEnd = stemEndOf(fileName, stemStart);
    if (isStem(fileName, stemStart, stemEnd, stems)) {
      return { matched: fileName.slice(stemStart, stemEnd), kind: 'stem', suggestedName: null, unusableName: null };
    }
    const first = prefixLength(fileName, stemStart, prefixes);
    if (first === 0) return null;
    let start = stemStart + first;
    const actions: string[] = [];
    const noteAction = (from: number, length: number): void => {
      const noun = ACTION_PREFIX_NOUNS[foldWord(fileName.slice(from, from + length - 1))];
      if (noun !== undefined && !actions.includes(noun)) actions.push(noun);
    };
    noteAction(stemStart, first);
    for (let next = prefixLength(fileName, start, prefixes); next !== 0; next = prefixLength(fileName, start, prefixes)) {
      noteAction(start, next);
      start += next;
    }
    const restDot = fileName.indexOf('.', start);
    const restEnd = restDot === -1 ? fileName.length : restDot;
    const matched = fileName.slice(stemStart, stemStart + first);
    if (restEnd === start || isStem(fileName, start, restEnd, stems)) {
      return { matched, kind: 'prefix', suggestedName: null, unusableName: null };
    }
    // Leading dots hide the file; the new name keeps them. What the prefixes said the file does follows
    // the rest of the stem, joined as the name joins its words and in its case.
    const separator = fileName[start - 1] ?? '_';
    const rest = fileName.slice(start, restEnd);
    const shout = /\p{Lu}/u.test(rest) && rest === rest.toUpperCase();
    const capital = /^\p{Lu}/u.test(rest);
    const cased = (noun: string): string => (shout ? noun.toUpperCase() : capital ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)}` : noun);
    const suffix = actions.map((noun: string): string => separator + cased(noun)).join('');
    const candidate = fileName.slice(0, stemStart) + rest + suffix + fileName.slice(restEnd);
    const rejectedBy = otherRuleRejecting(candidate) ?? pytestDiscoveryBreaking(fileName, candidate);
    return rejectedBy === null
      ? { matched, kind: 'prefix', suggestedName: candidate, unusableName: null }
      : { matched, kind: 'prefix', suggestedName: null, unusableName: { name: candidate, rule: rejectedBy } };
  };
}
