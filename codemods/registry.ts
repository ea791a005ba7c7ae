import addExplicitTypes from './add-explicit-types.js';
import consolidateDocs from './consolidate-docs.js';
import renameOneOffScripts from './rename-one-off-scripts.js';
import type { Codemod } from './runner/contract.js';

/** Every codemod `perf-standards fix` knows, in the safe order `--all` runs them (renames first). */
export const CODEMODS: readonly Codemod[] = Object.freeze(
  [renameOneOffScripts, consolidateDocs, addExplicitTypes].sort((a: Codemod, b: Codemod): number => a.order - b.order),
);

/**
 * The codemod with this name, or `undefined`.
 * @complexity O(number of codemods).
 */
export function findCodemod(name: string): Codemod | undefined {
  return CODEMODS.find((codemod: Codemod): boolean => codemod.name === name);
}
