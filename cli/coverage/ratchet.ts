import { readFile } from 'node:fs/promises';
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { writeFileAtomic } from '../../codemods/runner/atomic-write.js';
import { UsageError } from '../command.js';

/** What `--update` did to package.json. */
export interface RatchetOutcome {
  /** The key written: `atLeast`, or `is` in a block that pins the exact value instead. */
  readonly key: 'atLeast' | 'is';
  readonly previous: number | undefined;
  /** The value now in package.json. */
  readonly value: number;
  readonly written: boolean;
}

/**
 * The indentation a JSON file already uses, as jsonc-parser's formatting options, so an edit matches it.
 * @complexity O(length of the text) at worst; stops at the first indented line.
 */
export function indentationOf(text: string): { readonly insertSpaces: boolean; readonly tabSize: number } {
  const indent = /^([ \t]+)\S/mu.exec(text)?.[1];
  if (indent === undefined) return { insertSpaces: true, tabSize: 2 };
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1 } : { insertSpaces: true, tabSize: indent.length };
}

/**
 * Raises the threshold in package.json's `typeCoverage` block to `percent`, never lowering it (a ratchet):
 * `atLeast`, or `is` when the block pins the exact value with `is` and has no `atLeast`; a missing block or key
 * is created. Only that value changes in the file (indentation, key order, line endings are kept) and the file is
 * replaced atomically.
 * @performance one read, one JSON parse, at most one atomic write.
 */
export async function ratchetThreshold(packageJsonPath: string, percent: number): Promise<RatchetOutcome> {
  let text: string;
  try {
    text = await readFile(packageJsonPath, 'utf8');
  } catch {
    throw new UsageError(`--update needs a package.json in the current directory (${packageJsonPath} cannot be read)`);
  }
  const errors: ParseError[] = [];
  const manifest = parse(text, errors, { allowTrailingComma: false, disallowComments: true }) as { typeCoverage?: Record<string, unknown> } | undefined;
  if (errors.length > 0 || typeof manifest !== 'object' || manifest === null) {
    throw new UsageError(`${packageJsonPath} is not valid JSON; --update leaves it as it is`);
  }
  const block = manifest.typeCoverage;
  const key: 'atLeast' | 'is' = block !== undefined && block['atLeast'] === undefined && typeof block['is'] === 'number' ? 'is' : 'atLeast';
  const current = block?.[key];
  const previous = typeof current === 'number' ? current : undefined;
  if (previous !== undefined && previous >= percent) return { key, previous, value: previous, written: false };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits = modify(text, ['typeCoverage', key], percent, { formattingOptions: { ...indentationOf(text), eol } });
  await writeFileAtomic(packageJsonPath, applyEdits(text, edits));
  return { key, previous, value: percent, written: true };
}
