/**
 * Disjoint sets of names (union-find with path compression): which names end up in one group through pairwise
 * joins, e.g. types related by `extends`/`implements`, or dataclasses and their bases, which a codemod must
 * change together or not at all.
 * @complexity O(log n) amortized per `find` / `join` (path compression only, no union by rank: the groups are small).
 */
export class NameGroups {
  private readonly parent = new Map<string, string>();

  /**
   * The group's representative name; a name never joined is its own.
   * @complexity O(log n) amortized (path compression), n the names joined so far.
   */
  find(name: string): string {
    let root = name;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    this.parent.set(name, root);
    return root;
  }

  /**
   * Puts `a` and `b` (and their groups) in one group.
   * @complexity O(log n) amortized: two `find`s.
   */
  join(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootA, rootB);
  }
}
