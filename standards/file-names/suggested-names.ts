import { createTrivialDocDetector } from '../docs/trivial-docs.js';
import { createGenericFilenameDetector } from './generic-filenames.js';

/**
 * A name one file-name rule suggests must pass the others, or the user is sent from one report to the
 * next: `quick_helpers.py` must not be told to become `helpers.py`, which `no-generic-filenames` rejects.
 * The other rules are asked with their default lists: an ESLint rule cannot read another rule's options,
 * and the rule and `rename-one-off-scripts` must give the same answer.
 */

const isGeneric = createGenericFilenameDetector();
const trivialDoc = createTrivialDocDetector();

/**
 * The id of the file-name rule (other than `no-one-off-scripts`) that rejects `fileName`, or `null` when
 * none does. A README is judged by where it is, not by its name, so it passes here.
 * @complexity O(name length + default list lengths); runs only for names that already are one-offs.
 */
export function otherRuleRejecting(fileName: string): string | null {
  if (isGeneric(fileName) !== null) return 'no-generic-filenames';
  const doc = trivialDoc(fileName);
  if (doc !== null && !doc.isReadme) return 'no-trivial-docs';
  return null;
}
