import path from 'node:path';
import { compileGlobs, baseName, dirName, memoizeByOptions, type PathMatcher } from '../shared/project-paths.js';
import { collectProjectFacts, compareText, docScaffold, renderSkeleton, type ProjectFacts } from './doc-skeletons.js';
import {
  codeSpan,
  fenceFor,
  headingSlugs,
  MARKDOWN_EXTENSIONS,
  readMarkdown,
  type LinkDestination,
  type MarkdownDocument,
} from './markdown-document.js';
import { describeMentions, findDocMentions, type RewrittenSpan } from './doc-mentions.js';
import { writeAttributeUrl } from './html-urls.js';
import { countWords, DEFAULT_MIN_WORDS, REQUIRED_DOCS, requiredDocList, type RequiredDocsOptions } from './required-docs.js';
import { createTrivialDocDetector, DEFAULT_README_DIRS, isPackageFolder, type TrivialDocDetector, type TrivialDocOptions } from './trivial-docs.js';

/**
 * How `consolidate-docs` folds banned docs into the required ones. All paths here are relative to the
 * target root with `/` separators; reading is delegated so the plan is pure and the caller owns IO.
 *
 * Decisions (documented in docs/codemods/consolidate-docs.md):
 * - Each moved doc becomes a `## \`<path>\`` section appended to its destination; the destination's own
 *   bytes are kept, except link destinations that pointed at a moved doc.
 * - Headings inside a moved Markdown doc are demoted just enough to nest under that section (its top level
 *   becomes `###`, capped at `######`); setext headings become ATX ones to allow that. Every other line is
 *   kept verbatim, except relative link destinations, rebased so they still reach the same file: Markdown
 *   links and the URLs of HTML attributes (`href`, `src`, `srcset`, …) alike; a URL no attribute rewrite can
 *   reach (CSS `url()`) is named in a note.
 * - Docs that are not Markdown (.txt, .rst) and YAML/TOML front matter are moved inside a code fence, line
 *   for line, so no Markdown reading of them can change what they say.
 * - Moved text takes the destination's line endings (CRLF or LF).
 * - Several docs into one destination: in path order (code-unit order), so every run writes the same bytes.
 */

/** The options of `no-trivial-docs` that decide which docs move and where. */
export interface TrivialDocRuleOptions extends TrivialDocOptions {
  readonly allowReadmeIn?: readonly string[];
  readonly ignore?: readonly string[];
}

export interface ConsolidationInput {
  /** The files the run covers, relative to the target root: only these move. */
  readonly files: readonly string[];
  /**
   * Every file of the project (the covered ones included): links to a moved doc are rewritten in all of
   * them, and skeletons describe all of them.
   */
  readonly projectFiles: readonly string[];
  /** Project roots (`.` and the `require-docs` `roots` that hold a package.json). */
  readonly roots: readonly string[];
  /** `no-trivial-docs` options in effect for a file. */
  readonly optionsFor: (file: string) => TrivialDocRuleOptions;
  /** `require-docs` options: which docs each root needs and how many words make one non-empty. */
  readonly requiredDocs: RequiredDocsOptions;
  /** A file's text, or `null` when it does not exist. */
  readonly read: (file: string) => string | null;
  /**
   * A file's text for the scan for docs other files name, or `null` for a file not to scan (binary, too
   * large to hold, unreadable); `read` when absent. Lets the caller read every project file without keeping it.
   */
  readonly readForScan?: (file: string) => string | null;
  /**
   * Whether the run may write a file (the paths the user gave bound every write); all files when absent.
   * Nothing is planned outside: a doc whose move would write outside stays where it is (skipped), and
   * required docs are scaffolded only where they may be written.
   */
  readonly writable?: (file: string) => boolean;
}

export interface ConsolidationPlan {
  /** Path → full new content, new docs included. */
  readonly writes: ReadonlyMap<string, string>;
  /** Moved docs, to delete once every write is done. */
  readonly deletes: readonly string[];
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  /** Banned docs left where they are on purpose: their move would write outside the given paths. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly notes: readonly { readonly path: string; readonly message: string }[];
}

/** The heading level of each moved doc's section; its own headings start one below. */
const SECTION_DEPTH = 2;
const MAX_DEPTH = 6;

interface Move {
  readonly source: string;
  readonly destination: string;
  readonly root: string;
  readonly text: string;
  /** `null` for docs moved as fenced text. */
  readonly markdown: MarkdownDocument | null;
}

interface MoveTarget {
  readonly destination: string;
  readonly sectionSlug: string;
  /** The moved doc's own anchors → their anchors in the destination. */
  readonly anchors: ReadonlyMap<string, string>;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface CompiledOptions {
  readonly detect: TrivialDocDetector;
  readonly isReadmeAllowed: PathMatcher;
  readonly isIgnored: PathMatcher;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Plans the whole consolidation: which docs move where, the new content of every destination, the new
 * required docs, and the rewritten links in the other Markdown files.
 * @complexity O(total size of the project's files) when a doc may move (each is scanned once for the names
 * of the docs to move, doc-mentions.ts), else O(1) reads; a Markdown file is parsed only when it mentions a
 * moved doc's name; one skeleton per missing required doc.
 */
export function planDocConsolidation(input: ConsolidationInput): ConsolidationPlan {
  const writable = input.writable ?? ((): boolean => true);
  const minWords = input.requiredDocs.minWords ?? DEFAULT_MIN_WORDS;
  // Moves are taken back until no planned write leaves the given paths; each round takes back at least one move, so there are at most as many rounds as moves.
  const kept = new Map<string, string>();
  const found = findMoves(input, ownerFinder(input));
  for (;;) {
    const plan = planOnce(input, found, kept, writable, minWords);
    const before = kept.size;
    for (const file of plan.writes.keys()) {
      if (writable(file)) continue;
      // A link rewrite outside the given paths: the moves of the docs that file names stay undone.
      const text = input.read(file) ?? '';
      for (const move of plan.moves) {
        if (!kept.has(move.source) && text.includes(baseName(move.source))) {
          kept.set(move.source, `${file}, outside the paths given, links to it; run without paths (or include ${file}) to move it`);
        }
      }
    }
    if (kept.size === before && [...plan.writes.keys()].some((file: string): boolean => !writable(file))) {
      // A write outside that no moved doc's name explains: nothing is moved rather than writing there.
      for (const move of plan.moves) kept.set(move.source, 'moving it would write outside the paths given; run without paths to move it');
    }
    if (kept.size === before) {
      const { moves: _moves, ...result } = plan;
      return result;
    }
  }
}

interface RoundPlan extends ConsolidationPlan {
  readonly moves: readonly Move[];
}

/** The project roots, deepest first, and the root a file belongs to: the deepest one that holds it. */
function ownerFinder(input: ConsolidationInput): { readonly roots: readonly string[]; readonly ownerOf: (file: string) => string } {
  const roots = [...new Set(['.', ...input.roots])].sort((a, b) => depthOf(b) - depthOf(a) || compareText(a, b));
  return { roots, ownerOf: (file: string): string => roots.find((root: string): boolean => isWithin(file, root)) ?? '.' };
}

function planOnce(
  input: ConsolidationInput,
  found: FoundMoves,
  kept: ReadonlyMap<string, string>,
  writable: (file: string) => boolean,
  minWords: number,
): RoundPlan {
  const failed: Mutable<ConsolidationPlan['failed'][number]>[] = [...found.failed];
  const notes: Mutable<ConsolidationPlan['notes'][number]>[] = [];
  const writes = new Map<string, string>();
  const { roots: rootsDeepestFirst, ownerOf } = ownerFinder(input);
  const skipped: { path: string; reason: string }[] = [];
  const moves = found.moves.filter((move: Move): boolean => {
    const reason = kept.get(move.source) ?? (writable(move.source) && writable(move.destination) ? undefined : `its destination ${move.destination} is outside the paths given; run without paths (or include it) to move it there`);
    if (reason !== undefined) skipped.push({ path: move.source, reason });
    return reason === undefined;
  });
  const movedAway = new Set(moves.map((move: Move): string => move.source));
  // A fact source that cannot be read (invalid package.json or .mcp.json) is reported once, where it is.
  const facts = memoize((root: string): ProjectFacts => {
    const found = factsOf(root, input, movedAway);
    for (const problem of found.problems) notes.push({ path: joinPath(root, problem.file), message: `${problem.message}; its facts are left out of the new docs` });
    return found;
  });
  const byDestination = new Map<string, Move[]>();
  for (const move of moves) byDestination.set(move.destination, [...(byDestination.get(move.destination) ?? []), move]);
  const destinations = [...byDestination.keys()].sort(compareText);

  // Every anchor is known before any link is rewritten: links may point from one moved doc to another.
  const targets = new Map<string, MoveTarget>();
  const bases = new Map<string, { readonly text: string; readonly created: boolean; readonly doc: MarkdownDocument }>();
  for (const destination of destinations) {
    const existing = input.read(destination);
    const root = ownerOf(destination);
    const text = existing ?? renderSkeleton(path.posix.relative(root, destination), facts(root));
    const doc = readMarkdown(text);
    bases.set(destination, { text, created: existing === null, doc });
    const sections = (byDestination.get(destination) ?? []).sort((a, b) => compareText(a.source, b.source));
    const slugs = headingSlugs([
      ...doc.headings.map((heading) => heading.text),
      ...sections.flatMap((move) => [sectionTitle(move), ...(move.markdown?.headings.map((heading) => heading.text) ?? [])]),
    ]);
    let next = doc.headings.length;
    for (const move of sections) {
      const sectionSlug = slugs[next++] ?? '';
      const anchors = new Map<string, string>();
      const own = headingSlugs(move.markdown?.headings.map((heading) => heading.text) ?? []);
      for (const slug of own) {
        const moved = slugs[next++];
        if (moved !== undefined && !anchors.has(slug)) anchors.set(slug, moved);
      }
      targets.set(move.source, { destination, sectionSlug, anchors });
    }
  }

  for (const destination of destinations) {
    const base = bases.get(destination);
    const sections = byDestination.get(destination) ?? [];
    if (base === undefined) continue;
    const eol = base.text.includes('\r\n') ? '\r\n' : '\n';
    let output = applyEdits(base.text, linkEdits(base.doc, destination, destination, targets));
    if (base.doc.unclosedFence !== null) output = endLine(output, eol) + base.doc.unclosedFence + eol;
    const labels = new Set(base.doc.definitions.map((definition) => definition.key));
    for (const move of sections) {
      const definitions = move.markdown?.definitions ?? [];
      const clashes = definitions.filter((definition, index) => labels.has(definition.key) && definitions.findIndex((other) => other.key === definition.key) === index);
      for (const { label } of clashes) {
        notes.push({
          path: move.source,
          message: `defines the link reference [${label}], already defined above it in ${destination}: the first definition wins there; rename one`,
        });
      }
      for (const definition of definitions) labels.add(definition.key);
      output = endLine(output, eol);
      if (output !== '' && !output.endsWith(eol + eol)) output += eol;
      output += `${'#'.repeat(SECTION_DEPTH)} ${codeSpan(sectionTitle(move))}${eol}${eol}${movedBody(move, targets, eol)}`;
      const target = targets.get(move.source);
      if (dirName(move.source) !== dirName(destination)) {
        for (const unreachable of move.markdown?.unreachableLinks ?? []) {
          notes.push({ path: move.source, message: `has ${unreachable.reason} on line ${lineOf(move.text, unreachable.offset)}, which is not rebased: check it by hand` });
        }
      }
      notes.push({
        path: move.source,
        message: `moved into ${destination}#${target?.sectionSlug ?? ''}${move.markdown === null ? ' as a fenced block' : ''}`,
      });
    }
    writes.set(destination, output);
    if (base.created) {
      const required = requiredDocList(input.requiredDocs).includes(path.posix.relative(ownerOf(destination), destination));
      notes.push({
        path: destination,
        message: `created${required ? " from the project's facts" : ''}, with ${sections.length} moved doc${plural(sections.length)}`,
      });
    }
  }

  if (moves.length > 0) rewriteOtherLinks(input, moves, targets, writes, notes);

  for (const root of rootsDeepestFirst) {
    if (input.read(joinPath(root, 'package.json')) === null) continue;
    for (const doc of requiredDocList(input.requiredDocs)) {
      const file = joinPath(root, doc);
      let text = writes.get(file) ?? input.read(file);
      if (text === null) {
        if (!writable(file)) continue;
        // A doc is written only when the project's facts make it one require-docs accepts.
        const { text: skeleton, words, enough } = docScaffold(doc, facts(root), minWords);
        if (!enough) {
          notes.push({
            path: file,
            message: `not created: the project's facts give it ${words} words, fewer than the ${minWords} require-docs asks for; write it by hand (${REQUIRED_DOCS[doc] ?? 'its purpose'})`,
          });
          continue;
        }
        text = skeleton;
        writes.set(file, text);
        notes.push({ path: file, message: 'created from the project\'s facts' });
      }
      const words = countWords(text);
      if (words < minWords) {
        notes.push({ path: file, message: `has ${words} words: require-docs counts it as empty until it has ${minWords}; write its content` });
      }
    }
  }

  return {
    writes,
    deletes: moves.map((move: Move): string => move.source).sort(compareText),
    failed: failed.sort((a, b) => compareText(a.path, b.path)),
    skipped: skipped.sort((a, b) => compareText(a.path, b.path)),
    notes: notes.sort((a, b) => compareText(a.path, b.path)),
    moves,
  };
}

const compileOptions = memoizeByOptions(
  (options: TrivialDocRuleOptions): CompiledOptions => ({
    detect: createTrivialDocDetector(options),
    isReadmeAllowed: compileGlobs(options.allowReadmeIn ?? DEFAULT_README_DIRS),
    isIgnored: compileGlobs(options.ignore),
  }),
);

interface FoundMoves {
  readonly moves: readonly Move[];
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * The banned docs that can move, and those that cannot with why: a bad destination, or other files name
 * the doc (moving it would leave them naming a file that no longer exists).
 */
function findMoves(input: ConsolidationInput, { ownerOf }: { readonly ownerOf: (file: string) => string }): FoundMoves {
  const failed: { path: string; reason: string }[] = [];
  const isBanned = (compiled: CompiledOptions, file: string): boolean => {
    const match = compiled.detect(baseName(file), dirName(file));
    if (match === null || !match.isReadme) return match !== null;
    return !compiled.isReadmeAllowed(dirName(file)) && !isPackageFolder(dirName(file), (manifest: string): boolean => input.read(manifest) !== null);
  };
  const moves: Move[] = [];
  for (const file of [...input.files].sort(compareText)) {
    const compiled = compileOptions(input.optionsFor(file));
    if (compiled.isIgnored(file)) continue;
    const match = compiled.detect(baseName(file), dirName(file));
    if (match === null || !isBanned(compiled, file)) continue;
    const root = ownerOf(file);
    const destination = path.posix.normalize(joinPath(root, match.destination.replace(/\\/gu, '/')));
    const reason = destinationProblem(file, destination, root, match.destination, isBanned(compiled, destination));
    if (reason !== null) {
      failed.push({ path: file, reason });
      continue;
    }
    const raw = input.read(file);
    if (raw === null) {
      failed.push({ path: file, reason: 'it cannot be read' });
      continue;
    }
    // A byte order mark marks the start of a file; in the middle of the destination it would be a stray character.
    const text = raw.replace(/^\uFEFF/u, '');
    moves.push({ source: file, destination, root, text, markdown: isMarkdown(file) ? readMarkdown(text) : null });
  }
  const named = findDocMentions({
    files: [...input.projectFiles].sort(compareText),
    docs: moves.map((move: Move): string => move.source),
    read: input.readForScan ?? input.read,
    rewrittenSpans: (file: string, text: string): RewrittenSpan[] => (isMarkdown(file) ? movedDocSpans(readMarkdown(text), file, moves) : []),
  });
  for (const [doc, mentions] of named) {
    failed.push({
      path: doc,
      reason: `is named in ${describeMentions(mentions)}: moving it would leave them naming a file that no longer exists, so it stays; update them and move it by hand`,
    });
  }
  return { moves: moves.filter((move: Move): boolean => !named.has(move.source)), failed };
}

/**
 * The parts of a Markdown file that name a doc and stay right after it moves: links that reach a project
 * file by a relative URL (a move rewrites them), and in a destination, the section heading an earlier run
 * wrote for a doc of the same path (`## \`NOTES.md\``), which names the section, not the file.
 */
function movedDocSpans(doc: MarkdownDocument, file: string, moves: readonly Move[]): RewrittenSpan[] {
  const spans: RewrittenSpan[] = [];
  for (const link of doc.links) {
    const url = splitUrl(link);
    if (url === null || url.rawPath === '') continue;
    const target = url.path.startsWith('/') ? url.path.slice(1) : joinPath(dirName(file), url.path);
    spans.push({ start: link.spanStart, end: link.spanEnd, target: path.posix.normalize(target) });
  }
  for (const move of moves) {
    if (move.destination !== file) continue;
    for (const heading of doc.headings) {
      if (heading.text === sectionTitle(move)) spans.push({ start: heading.start, end: heading.end, target: move.source });
    }
  }
  return spans;
}

function destinationProblem(file: string, destination: string, root: string, configured: string, banned: boolean): string | null {
  if (path.posix.isAbsolute(configured) || !isWithin(destination, root) || destination === root) {
    return `its destination \`${configured}\` is not inside its project root \`${root}\``;
  }
  if (!isMarkdown(destination)) return `its destination \`${destination}\` is not a Markdown file (${MARKDOWN_EXTENSIONS.join(', ')})`;
  if (destination === file) return `its destination \`${destination}\` is the file itself`;
  if (banned) return `its destination \`${destination}\` is itself a banned doc; choose another with the \`destinations\` option`;
  return null;
}

/** The section heading names the moved file by its path from its project root. */
function sectionTitle(move: Move): string {
  return path.posix.relative(move.root, move.source);
}

function movedBody(move: Move, targets: ReadonlyMap<string, MoveTarget>, eol: string): string {
  if (move.text === '') return '';
  if (move.markdown === null) {
    const fence = fenceFor(move.text);
    const language = move.source.toLowerCase().endsWith('.rst') ? 'rst' : 'text';
    return withLineEndings(`${fence}${language}${eol}${endLine(move.text, eol)}${fence}${eol}`, eol);
  }
  const doc = move.markdown;
  const edits = [...headingEdits(doc), ...linkEdits(doc, move.source, move.destination, targets)];
  if (doc.frontmatter !== null) {
    const fence = fenceFor(doc.text.slice(0, doc.frontmatter.end));
    edits.push({ start: 0, end: 0, text: `${fence}${doc.frontmatter.language}${eol}` }, { start: doc.frontmatter.end, end: doc.frontmatter.end, text: `${eol}${fence}` });
  }
  let body = endLine(applyEdits(doc.text, edits), eol);
  if (doc.unclosedFence !== null) body += doc.unclosedFence + eol;
  return withLineEndings(body, eol);
}

/** Moved text takes the destination's line endings, so no file ends up with both; line contents are unchanged. */
function withLineEndings(text: string, eol: string): string {
  return text.replace(/\r?\n/gu, eol);
}

/** Demotes headings so the moved doc's top level sits one below its section heading. */
function headingEdits(doc: MarkdownDocument): Edit[] {
  if (doc.headings.length === 0) return [];
  const shift = Math.max(0, SECTION_DEPTH + 1 - Math.min(...doc.headings.map((heading) => heading.depth)));
  if (shift === 0) return [];
  const edits: Edit[] = [];
  for (const heading of doc.headings) {
    const depth = Math.min(MAX_DEPTH, heading.depth + shift);
    if (!heading.setext) {
      if (depth > heading.depth) edits.push({ start: heading.start, end: heading.start, text: '#'.repeat(depth - heading.depth) });
      continue;
    }
    // `Title\n===` cannot go deeper than level 2: keep the title's text, drop its underline.
    const source = doc.text.slice(heading.start, heading.end);
    const underline = source.lastIndexOf('\n');
    const textEnd = heading.start + (source[underline - 1] === '\r' ? underline - 1 : underline);
    edits.push({ start: heading.start, end: heading.start, text: `${'#'.repeat(depth)} ` });
    for (const lineBreak of doc.text.slice(heading.start, textEnd).matchAll(/[ \t]*\r?\n[ \t]*/gu)) {
      const at = heading.start + lineBreak.index;
      edits.push({ start: at, end: at + lineBreak[0].length, text: ' ' });
    }
    edits.push({ start: textEnd, end: heading.end, text: '' });
  }
  return edits;
}

interface SplitUrl {
  /** The path as written (possibly percent-encoded), `''` for `#anchor`-only links. */
  readonly rawPath: string;
  /** The decoded path. */
  readonly path: string;
  /** `?query` as written, or `''`. */
  readonly query: string;
  /** The decoded fragment without `#`, or `null`. */
  readonly fragment: string | null;
  readonly rawFragment: string;
}

const SCHEME = /^[a-z][a-z\d+.-]*:/iu;

function splitUrl(link: LinkDestination): SplitUrl | null {
  const url = link.url;
  if (url === '' || SCHEME.test(url) || url.startsWith('//')) return null;
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const rawFragment = hash === -1 ? '' : url.slice(hash);
  const question = beforeHash.indexOf('?');
  const rawPath = question === -1 ? beforeHash : beforeHash.slice(0, question);
  return {
    rawPath,
    path: decodePercent(rawPath),
    query: question === -1 ? '' : beforeHash.slice(question),
    fragment: hash === -1 ? null : decodePercent(url.slice(hash + 1)),
    rawFragment,
  };
}

/**
 * New destinations for a document's links, for text that was written at `origin` and will live at
 * `location`: links to moved docs point to their sections, and relative links are rebased when the text moved.
 */
function linkEdits(doc: MarkdownDocument, origin: string, location: string, targets: ReadonlyMap<string, MoveTarget>): Edit[] {
  const edits: Edit[] = [];
  const movedSelf = origin === location ? undefined : targets.get(origin);
  for (const link of doc.links) {
    const url = splitUrl(link);
    if (url === null) continue;
    let replacement: string | null = null;
    if (url.rawPath === '') {
      const anchor = url.fragment === null ? undefined : anchorIn(movedSelf, url.fragment);
      if (anchor !== undefined) replacement = `${url.query}#${anchor}`;
    } else {
      const fromRoot = url.path.startsWith('/');
      const target = path.posix.normalize(fromRoot ? url.path.slice(1) : joinPath(dirName(origin), url.path));
      const moved = targets.get(target);
      if (moved !== undefined) {
        const anchor = (url.fragment === null ? undefined : anchorIn(moved, url.fragment)) ?? moved.sectionSlug;
        const where =
          moved.destination === location ? '' : fromRoot ? `/${moved.destination}` : relativeUrl(dirName(location), moved.destination, url.rawPath);
        replacement = `${encodePath(where, link)}${where === '' ? '' : url.query}#${anchor}`;
      } else if (!fromRoot && dirName(origin) !== dirName(location)) {
        replacement = `${encodePath(relativeUrl(dirName(location), target, url.rawPath), link)}${url.query}${url.rawFragment}`;
      }
    }
    // A URL in an HTML attribute keeps its quoting and character references.
    if (replacement !== null && link.html !== undefined) replacement = writeAttributeUrl(replacement, link.html);
    if (replacement !== null && replacement !== link.raw) edits.push({ start: link.start, end: link.end, text: replacement });
  }
  return edits;
}

function anchorIn(target: MoveTarget | undefined, fragment: string): string | undefined {
  if (target === undefined) return undefined;
  return target.anchors.get(fragment) ?? target.anchors.get(fragment.toLowerCase());
}

function relativeUrl(fromDir: string, to: string, written: string): string {
  let relative = path.posix.relative(fromDir, to);
  if (relative === '') relative = '.';
  if (written.endsWith('/') && !relative.endsWith('/')) relative += '/';
  if (written.startsWith('./') && !relative.startsWith('.')) relative = `./${relative}`;
  return relative;
}

/** Writes a path the way the original destination was written: raw inside `<…>`, percent-encoded when it was or must be. */
function encodePath(value: string, link: LinkDestination): string {
  const wasEncoded = /%[\da-f]{2}/iu.test(link.raw);
  if (link.bracketed && !wasEncoded) return value.replace(/[<>\\]/gu, (char: string): string => encodeURIComponent(char));
  if (!wasEncoded && !/[\s()<>\\%]/u.test(value)) return value;
  return value
    .split('/')
    .map((segment: string): string => encodeURIComponent(segment).replace(/[()]/gu, (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function rewriteOtherLinks(
  input: ConsolidationInput,
  moves: readonly Move[],
  targets: ReadonlyMap<string, MoveTarget>,
  writes: Map<string, string>,
  notes: { path: string; message: string }[],
): void {
  const handled = new Set<string>([...moves.map((move: Move): string => move.source), ...writes.keys()]);
  const names = [...new Set(moves.map((move: Move): string => baseName(move.source).toLowerCase()))];
  for (const file of [...input.projectFiles].sort(compareText)) {
    if (handled.has(file) || !isMarkdown(file)) continue;
    const text = input.read(file);
    // Parsing is the expensive part; a file that never names a moved doc cannot link to one.
    if (text === null || !names.some((name: string): boolean => text.toLowerCase().includes(name))) continue;
    // Any other mention of a moved doc kept it in place (findMoves): only these links name one.
    const edits = linkEdits(readMarkdown(text), file, file, targets);
    if (edits.length > 0) {
      writes.set(file, applyEdits(text, edits));
      notes.push({ path: file, message: `rewrote ${edits.length} link${plural(edits.length)} to moved docs` });
    }
  }
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let at = 0;
  for (const edit of ordered) {
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    output += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return output + text.slice(at);
}

/** The facts of one root, as they will be after the run: moved docs are gone. */
function factsOf(root: string, input: ConsolidationInput, movedAway: ReadonlySet<string>): ProjectFacts {
  // The required docs are what the facts are written into: counting them would make a second run see a
  // `docs/` folder the first one created, and write what the first did not.
  const required = new Set(requiredDocList(input.requiredDocs));
  const files = input.projectFiles
    .filter((file: string): boolean => isWithin(file, root) && !movedAway.has(file))
    .map((file: string): string => path.posix.relative(root, file))
    .filter((file: string): boolean => !required.has(file));
  return collectProjectFacts(files, (file: string): string | null => input.read(joinPath(root, file)));
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

function endLine(text: string, eol: string): string {
  return text === '' || text.endsWith('\n') ? text : text + eol;
}

function isMarkdown(file: string): boolean {
  const lower = file.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((extension: string): boolean => lower.endsWith(extension));
}

function isWithin(file: string, root: string): boolean {
  return root === '.' ? !file.startsWith('../') && file !== '..' : file === root || file.startsWith(`${root}/`);
}

function joinPath(root: string, file: string): string {
  return root === '.' ? path.posix.normalize(file) : path.posix.join(root, file);
}

function depthOf(root: string): number {
  return root === '.' ? 0 : root.split('/').length;
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}

function memoize<Value>(compute: (key: string) => Value): (key: string) => Value {
  const cache = new Map<string, Value>();
  return (key: string): Value => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
