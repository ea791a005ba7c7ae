import { adjustList, type ListAdjustment } from './adjustable-list.js';
import { stemOf } from './project-paths.js';

/**
 * workspace-standards.md, "File Naming Conventions": `utils.py` and `helper.py` are too generic. A name
 * must say what the file holds. A `utils/` folder is fine: it is where reusable utilities belong, each in
 * a file named after what it does.
 */
export const GENERIC_STEMS: readonly string[] = Object.freeze(['utils', 'util', 'helper', 'helpers', 'misc']);

export interface GenericFilenameOptions {
  readonly stems?: ListAdjustment;
}

export type GenericFilenameDetector = (fileName: string) => string | null;

/**
 * Returns the generic stem a file name uses (`utils` for `Utils.test.ts`), or `null`.
 * @complexity build O(list); detect O(file name length).
 */
export function createGenericFilenameDetector(options: GenericFilenameOptions = {}): GenericFilenameDetector {
  const stems = new Set(adjustList(GENERIC_STEMS, options.stems, (entry: string): string => entry.toLowerCase()));
  return (fileName: string): string | null => {
    const stem = stemOf(fileName);
    return stems.has(stem.toLowerCase()) ? stem : null;
  };
}
