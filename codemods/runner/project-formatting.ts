import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffArrays } from 'diff';

/**
 * Code a codemod inserts follows the project's own formatting: where the project formats with Prettier
 * (a Prettier config, or an `.editorconfig`, that applies to the file), the edited part of a file is
 * formatted with the project's own Prettier, so `prettier --check` passes on a touched file when it passed
 * before.
 *
 * Prettier is resolved from the target project (its node_modules, or a parent's), never shipped by this
 * plugin: two Prettier versions format differently, and only the project's one is what its
 * `prettier --check` runs. A project without Prettier installed, a file Prettier ignores or cannot parse,
 * and a file that was not formatted before the edit are left as the codemod wrote them: formatting such a
 * file would change lines no codemod edited.
 */

/** The subset of Prettier's API used here (stable since Prettier 3.0). */
interface PrettierApi {
  format(source: string, options: Record<string, unknown>): Promise<string>;
  check(source: string, options: Record<string, unknown>): Promise<boolean>;
  resolveConfig(file: string, options: { editorconfig: boolean }): Promise<Record<string, unknown> | null>;
  getFileInfo(file: string, options: { ignorePath: readonly string[] }): Promise<{ ignored: boolean; inferredParser: string | null }>;
}

/** Formats the edited part of a file as the project formats it. */
export interface ProjectFormatter {
  /** The version of the project's Prettier, for reports. */
  readonly version: string;
  /**
   * `after` with its edited lines formatted; `after` itself when the file is not formatted with Prettier.
   * Never throws: a file Prettier fails on is returned as it was.
   */
  format(file: string, before: string | null, after: string): Promise<string>;
}

// Parsers whose range formatting Prettier implements; for other languages, and where a range leaves the
// file unformatted, the whole file is formatted (only ever when it was formatted before the edit, so
// only the edited part, and what Prettier lays out with it, can change).
const RANGE_PARSERS: ReadonlySet<string> = new Set(['babel', 'babel-flow', 'babel-ts', 'flow', 'typescript', 'acorn', 'espree', 'meriyah']);

function editedSpan(before: string, after: string): { start: number; end: number } | null {
  const split = (text: string): string[] => text.split(/(?<=\n)/u);
  let position = 0;
  let start = -1;
  let end = -1;
  for (const change of diffArrays(split(before), split(after))) {
    if (change.removed) {
      if (start === -1) start = position;
      end = Math.max(end, position);
      continue;
    }
    const length = change.value.join('').length;
    if (change.added) {
      if (start === -1) start = position;
      end = position + length;
    }
    position += length;
  }
  return start === -1 ? null : { start, end: Math.max(end, start) };
}

/**
 * The project's Prettier, when it has one (resolved from `root` the way its own scripts resolve it).
 * @returns null when Prettier is not installed for the project or cannot be loaded.
 * @performance one module resolution and import per run.
 */
export async function loadProjectFormatter(root: string): Promise<ProjectFormatter | null> {
  let prettier: PrettierApi;
  let version: string;
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const entry = require.resolve('prettier');
    const imported = (await import(pathToFileURL(entry).href)) as PrettierApi & { default?: PrettierApi; version?: string };
    prettier = typeof imported.format === 'function' ? imported : (imported.default ?? imported);
    version = imported.version ?? (imported.default as { version?: string } | undefined)?.version ?? 'unknown';
    if (typeof prettier.format !== 'function' || typeof prettier.check !== 'function') return null;
  } catch {
    return null;
  }
  const ignorePath = [path.join(root, '.gitignore'), path.join(root, '.prettierignore')];
  return {
    version,
    async format(file: string, before: string | null, after: string): Promise<string> {
      try {
        const info = await prettier.getFileInfo(file, { ignorePath });
        if (info.ignored || info.inferredParser === null) return after;
        const config = await prettier.resolveConfig(file, { editorconfig: true });
        if (config === null) return after;
        const options = { ...config, filepath: file };
        if (before === null) return await prettier.format(after, options);
        if (!(await prettier.check(before, options))) return after;
        const span = editedSpan(before, after);
        if (span === null) return after;
        if (RANGE_PARSERS.has(info.inferredParser)) {
          const ranged = await prettier.format(after, { ...options, rangeStart: span.start, rangeEnd: span.end });
          if (await prettier.check(ranged, options)) return ranged;
          // Range formatting keeps the indentation in front of the first formatted node; the whole file,
          // formatted before the edit, then changes only around the edit.
        }
        return await prettier.format(after, options);
      } catch {
        return after;
      }
    },
  };
}
