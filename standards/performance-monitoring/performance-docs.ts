/**
 * What `require-performance-docs` asks of a JSDoc/TSDoc comment: a non-empty tag stating a performance
 * characteristic, and a `@complexity` that reads as Big-O. performance-guidelines.md: the cost of public code
 * is written where callers read it.
 */

/** The tags that state a performance characteristic, by default. */
export const DEFAULT_PERFORMANCE_TAGS: readonly string[] = Object.freeze(['@complexity', '@performance']);

/** The tag whose value must read as Big-O. */
export const COMPLEXITY_TAG = '@complexity';

/** A block tag found in a comment, with its text up to the next block tag. */
export interface DocTag {
  readonly tag: string;
  readonly value: string;
}

// A block tag starts a line or follows white space: not `{@link x}`, not `` `@complexity` `` quoted in prose.
const BLOCK_TAG = /(?<=^|\s)@[A-Za-z][\w-]*/gu;

/**
 * The block tags of a JSDoc comment's text (without `/*` and `*\/`), each with its value: the text after it
 * up to the next block tag, leading `*` of continuation lines and surrounding space removed. Inline tags
 * (`{@link x}`) are not block tags.
 * @complexity O(length of the comment).
 */
export function readDocTags(doc: string): readonly DocTag[] {
  const text = doc.replace(/^\s*\*+ ?/gmu, '');
  const found: { tag: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(BLOCK_TAG)) found.push({ tag: match[0], start: match.index, end: match.index + match[0].length });
  return found.map((entry, index: number): DocTag => ({
    tag: entry.tag,
    value: text.slice(entry.end, found[index + 1]?.start ?? text.length).replace(/\s+/gu, ' ').trim(),
  }));
}

/**
 * Whether a `@complexity` value reads as Big-O: it holds at least one `O(…)` (or `Θ(…)`, `Ω(…)`) term with
 * something inside, and every parenthesis closes. Words around the terms are free: `O(1)`, `O(n log n)`,
 * `O(n + m)`, `O(n) amortized`, `build O(p); match O(n) per file`.
 * @complexity O(length of the value).
 */
export function isBigO(value: string): boolean {
  let depth = 0;
  let terms = 0;
  for (let index = 0; index < value.length; index++) {
    const character = value[index];
    if (character === '(') {
      depth++;
      const before = value[index - 1] ?? '';
      const beforeThat = value[index - 2] ?? ' ';
      if ((before === 'O' || before === 'Θ' || before === 'Ω') && !/[\p{L}\p{N}_]/u.test(beforeThat)) {
        const close = value.indexOf(')', index);
        if (close === -1 || value.slice(index + 1, close).trim() === '') return false;
        terms++;
      }
    } else if (character === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && terms > 0;
}

/** What a comment lacks, if anything. */
export type PerformanceDocProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformedComplexity'; readonly value: string };

/**
 * Judges a JSDoc comment (null when there is none): it must carry one of `tags` with a non-empty value,
 * and each `@complexity` it carries must read as Big-O. Null when it is fine.
 * @complexity O(length of the comment · tags).
 */
export function performanceDocProblem(doc: string | null, tags: readonly string[]): PerformanceDocProblem | null {
  if (doc === null) return { kind: 'missing' };
  // Most comments carry none of the tags: then there is nothing to parse (a tag of the text readDocTags reads
  // is a run of the comment's own characters, so it is found in the comment as written).
  if (!tags.some((tag: string): boolean => doc.includes(tag))) return { kind: 'missing' };
  let stated = false;
  for (const { tag, value } of readDocTags(doc)) {
    if (!tags.includes(tag)) continue;
    if (tag === COMPLEXITY_TAG && value !== '' && !isBigO(value)) return { kind: 'malformedComplexity', value };
    if (value !== '') stated = true;
  }
  return stated ? null : { kind: 'missing' };
}
