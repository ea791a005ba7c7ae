import { adjustList, type ListAdjustment } from '../shared/adjustable-list.js';
import { equalsFoldedAt, foldCase } from './name-folding.js';
import { stemEndOf, stemStartOf } from './file-name-parts.js';

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
 * Returns the generic stem a file name uses (`Utils` for `Utils.test.ts`), or `null`. The stem is the
 * name up to its first dot, leading dots aside (see file-name-parts.ts); it is compared in place, so a name that is
 * not generic allocates nothing.
 * @complexity build O(list); detect O(file name length + total stem length).
 */
export function createGenericFilenameDetector(options: GenericFilenameOptions = {}): GenericFilenameDetector {
  const stems = adjustList(GENERIC_STEMS, options.stems, foldCase);
  return (fileName: string): string | null => {
    const stemStart = stemStartOf(fileName);
    const stemEnd = stemEndOf(fileName, stemStart);
    for (const stem of stems) {
      if (equalsFoldedAt(fileName, stemStart, stemEnd, stem, false)) return fileName.slice(stemStart, stemEnd);
    }
    return null;
  };
}
