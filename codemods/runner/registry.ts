import type { Codemod } from './contract.js';
import { CODEMOD_DECLARATIONS, CODEMOD_NAMES, type CodemodDeclaration } from './declarations.js';

/**
 * Loads codemods by name. Which codemod fixes which rule is declared in declarations.ts, which imports no
 * codemod; this module is the only one that imports them (on demand: each pulls in its own toolchain,
 * TypeScript, ts-morph, ...), so no codemod imports its way back here.
 */

export { CODEMOD_NAMES, codemodDeclaration, codemodForRule, type CodemodDeclaration, type CodemodLanguage } from './declarations.js';

/** A codemod by name, loaded on demand. */
export interface CodemodEntry extends CodemodDeclaration {
  load(): Promise<Codemod>;
}

const defaultOf = (module: { default: Codemod }): Codemod => module.default;

// One loader per declared codemod, by name.
const LOADERS = {
  'rename-one-off-scripts': (): Promise<Codemod> => import('../rename-one-off-scripts.js').then(defaultOf),
  'consolidate-docs': (): Promise<Codemod> => import('../consolidate-docs.js').then(defaultOf),
  'add-explicit-types': (): Promise<Codemod> => import('../add-explicit-types.js').then(defaultOf),
  'wrap-performance-monitor': (): Promise<Codemod> => import('../wrap-performance-monitor.js').then(defaultOf),
  'readonly-data-shapes': (): Promise<Codemod> => import('../readonly-data-shapes.js').then(defaultOf),
  'concurrent-await': (): Promise<Codemod> => import('../concurrent-await.js').then(defaultOf),
  'dataclass-slots': (): Promise<Codemod> => import('../dataclass-slots.js').then(defaultOf),
  'performance-now': (): Promise<Codemod> => import('../performance-now.js').then(defaultOf),
} satisfies Record<string, () => Promise<Codemod>>;

/** Every codemod `perf-standards fix` knows, with its loader. Throws at load time for a declaration without one. */
export const CODEMOD_ENTRIES: readonly CodemodEntry[] = Object.freeze(
  CODEMOD_DECLARATIONS.map((declaration: CodemodDeclaration): CodemodEntry => {
    const load = (LOADERS as Readonly<Record<string, () => Promise<Codemod>>>)[declaration.name];
    if (load === undefined) throw new Error(`codemod ${declaration.name} is declared but has no loader in codemods/runner/registry.ts`);
    return { ...declaration, load };
  }),
);

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
