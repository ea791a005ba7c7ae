import type { Codemod } from './contract.js';

/** A codemod by name, loaded on demand: each pulls in its own toolchain (TypeScript, ts-morph, ...). */
export interface CodemodEntry {
  readonly name: string;
  load(): Promise<Codemod>;
}

const defaultOf = (module: { default: Codemod }): Codemod => module.default;

/** Every codemod `perf-standards fix` knows. */
export const CODEMOD_ENTRIES: readonly CodemodEntry[] = Object.freeze([
  { name: 'rename-one-off-scripts', load: (): Promise<Codemod> => import('../rename-one-off-scripts.js').then(defaultOf) },
  { name: 'consolidate-docs', load: (): Promise<Codemod> => import('../consolidate-docs.js').then(defaultOf) },
  { name: 'add-explicit-types', load: (): Promise<Codemod> => import('../add-explicit-types.js').then(defaultOf) },
  { name: 'concurrent-await', load: (): Promise<Codemod> => import('../concurrent-await.js').then(defaultOf) },
  { name: 'performance-now', load: (): Promise<Codemod> => import('../performance-now.js').then(defaultOf) },
]);

export const CODEMOD_NAMES: readonly string[] = Object.freeze(CODEMOD_ENTRIES.map((entry: CodemodEntry): string => entry.name));

/**
 * Loads the named codemods (all by default) and returns them in the safe order `--all` runs them:
 * by `order`, renames first. Unknown names are ignored; the CLI rejects them before.
 * @performance loads only the modules asked for, concurrently.
 */
export async function loadCodemods(names: readonly string[] = CODEMOD_NAMES): Promise<readonly Codemod[]> {
  const wanted = CODEMOD_ENTRIES.filter((entry: CodemodEntry): boolean => names.includes(entry.name));
  const codemods = await Promise.all(wanted.map((entry: CodemodEntry): Promise<Codemod> => entry.load()));
  return codemods.sort((a: Codemod, b: Codemod): number => a.order - b.order);
}
