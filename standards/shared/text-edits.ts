/** Type-only text splices the type-changing codemods plan, keep or revert (no TypeScript needed to apply them). */

/** Replace `[at, end)` with `text`; an insertion when `at === end`. */
export interface TextEdit {
  readonly at: number;
  readonly end: number;
  readonly text: string;
  /** Among edits at the same offset, lower goes first (an outer array's `readonly ` before an inner one's). */
  readonly rank: number;
}

/**
 * Applies non-overlapping edits to `text`: by offset, then by rank at the same offset. An edit identical to one
 * already applied (the `(` and `)` two annotations of one arrow parameter share) is applied once.
 * @complexity O(text length + edits · log edits).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = uniqueEdits(edits);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.at < cursor) continue;
    result += text.slice(cursor, edit.at) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * The edits sorted by offset then rank, each distinct edit once.
 * @complexity O(edits · log edits).
 */
export function uniqueEdits<T extends TextEdit>(edits: readonly T[]): T[] {
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const edit of edits) {
    const key = `${edit.at}\u0000${edit.end}\u0000${edit.rank}\u0000${edit.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(edit);
  }
  return unique.sort((a: T, b: T): number => a.at - b.at || a.rank - b.rank);
}
