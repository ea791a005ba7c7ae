/**
 * How every file-name standard reads a name, so the rules, `check` and the codemods split it alike:
 *
 * | name              | leading dots | stem        | suffixes     | extension |
 * |-------------------|--------------|-------------|--------------|-----------|
 * | `temp_x.ts`       |              | `temp_x`    | `.ts`        | `.ts`     |
 * | `a.test.ts`       |              | `a`         | `.test.ts`   | `.ts`     |
 * | `.tmp.js`         | `.`          | `tmp`       | `.js`        | `.js`     |
 * | `.temp_seed.js`   | `.`          | `temp_seed` | `.js`        | `.js`     |
 * | `.misc.config.js` | `.`          | `misc`      | `.config.js` | `.js`     |
 * | `.eslintrc`       | `.`          | `eslintrc`  |              |           |
 * | `Makefile`        |              | `Makefile`  |              |           |
 *
 * Leading dots only hide a file; they are kept when a name is rewritten (`.temp_seed.js` → `.seed.js`)
 * and never judged. The stem runs to the next dot, so `.test.ts`, `.d.ts` and `.config.js` variants are
 * judged like the plain file. The extension is the last suffix, compared in any case by callers that ask
 * which kind of file it is (`Temp-Loader.TS` is TypeScript by name).
 */
export interface FileNameParts {
  /** Index where the stem starts: the number of leading dots. */
  readonly stemStart: number;
  /** Index where the stem ends: the first dot after it, or the name's length. */
  readonly stemEnd: number;
  /** Index of the last extension's dot, or the name's length when there is no extension. */
  readonly extensionStart: number;
}

const DOT = 0x2e;

/**
 * FileNameParts.stemStart without allocating, for detectors that run on every linted file.
 * @complexity O(number of leading dots).
 */
export function stemStartOf(fileName: string): number {
  let stemStart = 0;
  while (fileName.charCodeAt(stemStart) === DOT) stemStart += 1;
  return stemStart;
}

/**
 * FileNameParts.stemEnd without allocating, given `stemStartOf(fileName)`.
 * @complexity O(stem length).
 */
export function stemEndOf(fileName: string, stemStart: number): number {
  const dot = fileName.indexOf('.', stemStart);
  return dot === -1 ? fileName.length : dot;
}

/**
 * Splits a file name (no folders) into leading dots, stem and suffixes; see FileNameParts for examples.
 * @complexity O(name length), one small object allocated.
 */
export function fileNameParts(fileName: string): FileNameParts {
  const stemStart = stemStartOf(fileName);
  const stemEnd = stemEndOf(fileName, stemStart);
  const lastDot = fileName.lastIndexOf('.');
  return { stemStart, stemEnd, extensionStart: lastDot < stemEnd ? fileName.length : lastDot };
}

/**
 * The stem the standards judge: `utils.test.ts` → `utils`, `.eslintrc.js` → `eslintrc`.
 * @complexity O(name length).
 */
export function stemOf(fileName: string): string {
  const { stemStart, stemEnd } = fileNameParts(fileName);
  return fileName.slice(stemStart, stemEnd);
}

/**
 * The last extension in lower case, with its dot: `Temp-Loader.TS` → `.ts`, `.eslintrc` → `''`.
 * @complexity O(name length).
 */
export function extensionOf(fileName: string): string {
  return fileName.slice(fileNameParts(fileName).extensionStart).toLowerCase();
}
