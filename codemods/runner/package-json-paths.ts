import path from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import picomatch from 'picomatch';
import type { FileMove } from './module-renames.js';
import { fileNameParts } from '../../standards/file-names/file-name-parts.js';

/**
 * The paths a package.json names, rewritten for file moves: `main`, `module`, `browser`, `types`,
 * `typings`, `bin` (string or map), `files`, `exports` and `imports` (nested conditions and arrays), and
 * the commands of `scripts` (`node scripts/quick_cleanup.js`, `node ./scripts/quick_cleanup`,
 * `python -m tools.fix_x`). Each string keeps its form (`./` or not, extension or none); only the
 * strings that change are replaced in the raw text, so the rest of the file keeps its bytes.
 */

/** A reference that cannot be rewritten, so the file it names must not move. */
const nameUpToStemEnd = (fileName: string): string => fileName.slice(0, fileNameParts(fileName).stemEnd);

export interface PackageJsonProblem {
  /** The moved file's old path. */
  readonly from: string;
  /** What is left, as a clause: "package.json `files` entry "lib/temp_*" would no longer include scripts/x.js". */
  readonly clause: string;
}

export interface PackageJsonRewrite {
  /** The new text, or `null` when nothing changed. */
  readonly text: string | null;
  readonly problems: readonly PackageJsonProblem[];
}

const PATH_FIELDS = ['main', 'module', 'browser', 'types', 'typings'];
// Extensions Node (and TypeScript, for `types`) add to a path written without one.
const IMPLIED_EXTENSIONS = ['.js', '.json', '.node', '.cjs', '.mjs', '.d.ts', '.ts'];
const SCRIPT_BOUNDARY = '(?=$|[\\s\'"`;&|)<>:,])';
const PYTHON_FILE = /\.pyi?$/u;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const posix = (file: string): string => file.split(path.sep).join('/');

interface Edit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

class PackageRewriter {
  readonly edits: Edit[] = [];
  readonly problems: PackageJsonProblem[] = [];
  private readonly folder: string;
  private readonly shownFile: string;

  constructor(
    file: string,
    root: string,
    private readonly moves: readonly FileMove[],
    // Moves plus the build outputs of moved sources (`out/temp_x.js` → `out/x.js`).
    private readonly paths: readonly FileMove[],
  ) {
    this.folder = path.dirname(file);
    this.shownFile = posix(path.relative(root, file));
  }

  replace(node: JsonNode, value: string): void {
    this.edits.push({ offset: node.offset, length: node.length, text: JSON.stringify(value) });
  }

  // A path entry: `lib/temp_entry.js`, `./scripts/quick_cleanup`, `./dist/temp_x.d.ts`.
  pathValue(node: JsonNode, field: string): void {
    if (node.type !== 'string' || typeof node.value !== 'string') return;
    const written: string = node.value;
    if (written.includes('*')) {
      this.pattern(node, written, field);
      return;
    }
    const dotSlash = written.startsWith('./') ? './' : '';
    const target = path.resolve(this.folder, written);
    for (const move of this.paths) {
      let next: string | null = null;
      if (target === move.from) next = posix(path.relative(this.folder, move.to));
      else {
        const implied = IMPLIED_EXTENSIONS.find((extension: string): boolean => target + extension === move.from && move.to.endsWith(extension));
        if (implied !== undefined) next = posix(path.relative(this.folder, move.to.slice(0, -implied.length)));
      }
      if (next === null) continue;
      this.replace(node, next.startsWith('../') ? next : `${dotSlash}${next}`);
      return;
    }
  }

  // `exports` patterns (`./lib/*.js`): a moved file must still match every pattern it matched.
  pattern(node: JsonNode, written: string, field: string): void {
    const [head = '', ...rest] = written.split('*');
    const matcher = new RegExp(`^${escapeRegExp(posix(path.resolve(this.folder, head)))}.*${rest.map(escapeRegExp).join('.*')}$`, 'u');
    for (const move of this.moves) {
      if (matcher.test(posix(move.from)) && !matcher.test(posix(move.to))) {
        this.problems.push({ from: move.from, clause: `${this.shownFile} \`${field}\` pattern "${written}" would no longer match its new path` });
      }
    }
  }

  nested(node: JsonNode | undefined, field: string): void {
    if (node === undefined) return;
    if (node.type === 'string') this.pathValue(node, field);
    else if (node.type === 'array') for (const child of node.children ?? []) this.nested(child, field);
    else if (node.type === 'object') {
      for (const property of node.children ?? []) this.nested(property.children?.[1], field);
    }
  }

  // npm's `files`: exact entries are rewritten; folders and globs must still include the moved file.
  files(node: JsonNode | undefined): void {
    if (node?.type !== 'array') return;
    const entries = (node.children ?? []).filter((child: JsonNode): boolean => child.type === 'string' && typeof child.value === 'string');
    const before = this.edits.length;
    // Globs are judged below, with the folders.
    for (const entry of entries) if (!String(entry.value).includes('*')) this.pathValue(entry, 'files');
    const rewritten = new Set(this.edits.slice(before).map((edit: Edit): number => edit.offset));
    const patterns = entries
      .filter((entry: JsonNode): boolean => !rewritten.has(entry.offset) && !String(entry.value).startsWith('!'))
      .map((entry: JsonNode): string => String(entry.value).replace(/^\.?\//u, '').replace(/\/$/u, ''));
    const included = picomatch([...patterns, ...patterns.map((pattern: string): string => `${pattern}/**`)], { dot: true });
    for (const move of this.moves) {
      const from = posix(path.relative(this.folder, move.from));
      const to = posix(path.relative(this.folder, move.to));
      const named = entries.some((entry: JsonNode): boolean => path.resolve(this.folder, String(entry.value)) === move.from);
      if (from.startsWith('../') || named) continue;
      if (included(from) && !included(to)) {
        this.problems.push({ from: move.from, clause: `${this.shownFile} \`files\` would no longer include ${to}, so it would drop out of the published package` });
      }
    }
  }

  scripts(node: JsonNode | undefined): void {
    if (node?.type !== 'object') return;
    const replacements = this.paths.flatMap((move: FileMove): [RegExp, string][] => {
      const from = posix(path.relative(this.folder, move.from));
      const to = posix(path.relative(this.folder, move.to));
      const pairs: [RegExp, string][] = [[new RegExp(`(^|[\\s'"=(])(\\./)?${escapeRegExp(from)}${SCRIPT_BOUNDARY}`, 'gu'), `$1$2${to}`]];
      const extension = IMPLIED_EXTENSIONS.find((candidate: string): boolean => from.endsWith(candidate) && to.endsWith(candidate));
      if (extension !== undefined) {
        const bare = (file: string): string => file.slice(0, -extension.length);
        pairs.push([new RegExp(`(^|[\\s'"=(])(\\./)?${escapeRegExp(bare(from))}${SCRIPT_BOUNDARY}`, 'gu'), `$1$2${bare(to)}`]);
      }
      if (PYTHON_FILE.test(from) && !from.startsWith('../') && !to.startsWith('../')) {
        const dotted = (file: string): string => file.replace(PYTHON_FILE, '').split('/').join('.');
        pairs.push([new RegExp(`(-m\\s+)${escapeRegExp(dotted(from))}${SCRIPT_BOUNDARY}`, 'gu'), `$1${dotted(to)}`]);
      }
      return pairs;
    });
    const stems = this.moves.map((move: FileMove): [FileMove, RegExp] => [
      move,
      // The name without its extensions, leading dots kept: `.temp_seed.js` is named by `.temp_seed`.
      new RegExp(`(?<![\\w-])${escapeRegExp(nameUpToStemEnd(path.basename(move.from)))}(?![\\w-])`, 'u'),
    ]);
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (value?.type !== 'string' || typeof value.value !== 'string') continue;
      const written: string = value.value;
      let next = written;
      for (const [pattern, replacement] of replacements) next = next.replace(pattern, replacement);
      if (next !== written) this.replace(value, next);
      // Whatever still names a moved file (`cd scripts && node quick_cleanup.js`) would break the script.
      for (const [move, stem] of stems) {
        if (stem.test(next)) {
          this.problems.push({ from: move.from, clause: `${this.shownFile} script "${String(key?.value)}" still names it after the rewrite: ${next}` });
        }
      }
    }
  }
}

/**
 * Rewrites the paths `packageFile` (its text `text`) names for `moves`, and for `emitted` (build outputs
 * of moved sources, which `main`, `bin` and scripts often name). Everything that would still name a
 * moved file, or stop covering it, is returned as a problem for that file.
 * @complexity O(text length + strings × moves).
 */
export function rewritePackageJson(
  root: string,
  packageFile: string,
  text: string,
  moves: readonly FileMove[],
  emitted: readonly FileMove[],
): PackageJsonRewrite {
  const tree = parseTree(text);
  if (tree?.type !== 'object') return { text: null, problems: [] };
  const rewriter = new PackageRewriter(packageFile, root, moves, [...moves, ...emitted]);
  const field = (name: string): JsonNode | undefined =>
    tree.children?.find((property: JsonNode): boolean => property.children?.[0]?.value === name)?.children?.[1];
  for (const name of PATH_FIELDS) rewriter.nested(field(name), name);
  rewriter.nested(field('bin'), 'bin');
  rewriter.nested(field('exports'), 'exports');
  rewriter.nested(field('imports'), 'imports');
  rewriter.files(field('files'));
  rewriter.scripts(field('scripts'));
  let next = text;
  const applied = new Set<number>();
  for (const edit of [...rewriter.edits].sort((a: Edit, b: Edit): number => b.offset - a.offset)) {
    if (applied.has(edit.offset)) continue;
    applied.add(edit.offset);
    next = next.slice(0, edit.offset) + edit.text + next.slice(edit.offset + edit.length);
  }
  return { text: next === text ? null : next, problems: rewriter.problems };
}
