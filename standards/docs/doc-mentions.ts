import { baseName, dirName } from '../shared/project-paths.js';

/**
 * Where a project names a doc by its file name, so `consolidate-docs` can leave in place a doc that other
 * tooling (a package manifest's file list, a release script, a URL to the repository's copy) would look for
 * after it moved. Paths are relative to the target root with `/` separators.
 *
 * What counts as a mention (docs/codemods/consolidate-docs.md#docs-other-files-name): the doc's file name
 * (`CHANGELOG.md`), in any letter case, as a whole word: not preceded by a letter, digit, `_`, `-` or `.`,
 * and not followed by a letter, digit, `_`, `-`, or a `.` and a letter or digit (`CHANGELOG.md.bak` names
 * another file). Case-insensitive because a case-insensitive file system (macOS, Windows) finds the file by
 * any spelling. A bare name (not after a `/` or `\`) names the file of that name in the mentioning file's
 * folder, else the one at the root (`readme = "README.md"` in `pyproject.toml` is the root README, not
 * `benchmark/README.md`); when neither exists, or after a path (a URL, `docs/TODO.md`), it names every doc of
 * that name. Every text file of the project counts except the doc itself, with one exception: a Markdown
 * or HTML link in a Markdown file whose relative destination reaches the doc, text included
 * (`[CHANGELOG.md](CHANGELOG.md)`), since the codemod rewrites it to the doc's new place.
 */

/** One place a doc is named: the file and its 1-based line. */
export interface DocMention {
  readonly file: string;
  readonly line: number;
}

/** A span of a file's text that names a doc in a way the codemod rewrites (a relative link to it). */
export interface RewrittenSpan {
  readonly start: number;
  readonly end: number;
  /** The doc the link reaches. */
  readonly target: string;
}

export interface DocMentionInput {
  /** Every file of the project. */
  readonly files: readonly string[];
  /** The docs to look for. */
  readonly docs: readonly string[];
  /** A file's text, or `null` when it does not exist. */
  readonly read: (file: string) => string | null;
  /** The spans of a file that the codemod rewrites; asked only of files that name a doc. */
  readonly rewrittenSpans: (file: string, text: string) => readonly RewrittenSpan[];
}

/** git's test for a binary file: a NUL byte among its first 8000 bytes. */
const BINARY_PROBE = 8000;

/**
 * Each doc that some other file names, with every place it is named, in file order then line order.
 * @complexity O(total size of the project's files): one read and one regular-expression scan per file,
 * plus `rewrittenSpans` for each file that names a doc.
 * @performance Reads every file of the project once; call it only when there is a doc to move.
 */
export function findDocMentions(input: DocMentionInput): ReadonlyMap<string, readonly DocMention[]> {
  const found = new Map<string, DocMention[]>();
  if (input.docs.length === 0) return found;
  const byName = new Map<string, string[]>();
  for (const doc of input.docs) {
    const name = baseName(doc).toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), doc]);
  }
  const alternatives = [...byName.keys()].map((name: string): string => name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_.-])(?:${alternatives})(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}_])`, 'giu');
  const byPath = new Map(input.files.map((file: string): [string, string] => [file.toLowerCase(), file]));
  const docs = new Set(input.docs);
  // A bare name is the file of that name in the mentioning file's folder, else at the root (a config file,
  // a script run from the root); when neither exists, or the name comes after a path, it may be any of them.
  const namedBy = (file: string, name: string, bare: boolean): readonly string[] => {
    const all = byName.get(name) ?? [];
    if (!bare) return all;
    const folder = dirName(file);
    const near = byPath.get(folder === '.' ? name : `${folder.toLowerCase()}/${name}`) ?? byPath.get(name);
    if (near === undefined) return all;
    return docs.has(near) ? [near] : [];
  };
  for (const file of input.files) {
    const text = input.read(file);
    if (text === null || text.slice(0, BINARY_PROBE).includes('\0')) continue;
    pattern.lastIndex = 0;
    let spans: readonly RewrittenSpan[] | null = null;
    let line = 1;
    let counted = 0;
    for (const match of text.matchAll(pattern)) {
      for (let at = text.indexOf('\n', counted); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) line += 1;
      counted = match.index;
      spans ??= input.rewrittenSpans(file, text);
      const before = text[match.index - 1];
      for (const doc of namedBy(file, match[0].toLowerCase(), before !== '/' && before !== '\\')) {
        if (doc === file) continue;
        const rewritten = spans.some((span: RewrittenSpan): boolean => span.target === doc && span.start <= match.index && match.index < span.end);
        if (rewritten) continue;
        const mentions = found.get(doc) ?? [];
        const last = mentions.at(-1);
        if (last === undefined || last.file !== file || last.line !== line) mentions.push({ file, line });
        found.set(doc, mentions);
      }
    }
  }
  return found;
}

/** How many files a report names before summing up the rest. */
const LISTED_FILES = 5;

/**
 * The places, grouped by file: `pyproject.toml:37, docs/index.rst:38,47`, at most five files, then
 * `and 3 more files`.
 * @complexity O(number of mentions).
 */
export function describeMentions(mentions: readonly DocMention[]): string {
  const lines = new Map<string, number[]>();
  for (const mention of mentions) lines.set(mention.file, [...(lines.get(mention.file) ?? []), mention.line]);
  const listed = [...lines].slice(0, LISTED_FILES).map(([file, numbers]): string => `${file}:${numbers.join(',')}`);
  const rest = lines.size - listed.length;
  return rest === 0 ? listed.join(', ') : `${listed.join(', ')} and ${rest} more file${rest === 1 ? '' : 's'}`;
}
