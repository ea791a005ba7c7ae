import type { FileCodemod } from '../../codemods/runner/contract.js';

/**
 * A per-file codemod for runner tests: appends `text` as a line to every .ts file that lacks it (so a second
 * run changes nothing), calling `onTransform` first when given (to stop a run from inside a codemod).
 * @complexity O(length of the file) per transform.
 */
export const appendingCodemod = (name: string, text: string, onTransform?: () => void): FileCodemod => ({
  kind: 'file',
  name,
  description: `Appends ${text}.`,
  rule: 'no-one-off-scripts',
  order: 1,
  extensions: ['.ts'],
  transform(file) {
    onTransform?.();
    return file.source.includes(text) ? undefined : `${file.source}${text}\n`;
  },
});
