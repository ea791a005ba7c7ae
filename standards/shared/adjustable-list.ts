/**
 * Every list a standard defines (banned prefixes, required docs, ...) can be extended and reduced by the
 * user in the same way, so rules, codemods and the CLI all accept one shape: `{ add, remove }`.
 */
export interface ListAdjustment {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/**
 * Applies a user's adjustment to a default list. Entries compare after `normalize` (e.g. case folding),
 * so `remove: ["FIX"]` removes the default `fix`.
 * @complexity O(d + a + r) for d defaults, a additions and r removals.
 */
export function adjustList(
  defaults: readonly string[],
  adjustment: ListAdjustment | undefined,
  normalize: (entry: string) => string = (entry: string): string => entry,
): readonly string[] {
  const removed = new Set((adjustment?.remove ?? []).map(normalize));
  const result: string[] = [];
  const seen = new Set<string>();
  for (const entry of [...defaults, ...(adjustment?.add ?? [])]) {
    const key = normalize(entry);
    if (removed.has(key) || seen.has(key)) continue;
    seen.add(key);
    result.push(key);
  }
  return Object.freeze(result);
}
