import GithubSlugger from 'github-slugger';
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { decodeString } from 'micromark-util-decode-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, ParseOptions, Token } from 'micromark-util-types';
import { findHtmlUrls, type AttributeForm } from './html-urls.js';

/**
 * What doc consolidation needs to know about a Markdown file, read from micromark's events (the CommonMark
 * + GFM parser behind @eslint/markdown) rather than patterns, so code blocks, footnotes and front matter are
 * never mistaken for headings or links. Events carry exact offsets, which a syntax tree does not keep for
 * link destinations, and reading them directly avoids building a tree, which takes more than half the time on large docs.
 */

/** The extensions whose content is Markdown; other doc formats are moved as fenced text. */
export const MARKDOWN_EXTENSIONS: readonly string[] = Object.freeze(['.md', '.markdown', '.mdx']);

/** One heading, with the offsets of its source text. */
export interface MarkdownHeading {
  readonly depth: number;
  /** Its text content with line breaks as spaces: what GitHub slugs. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** `Title` + `===` underline rather than `# Title`. */
  readonly setext: boolean;
}

/** The destination of an inline link, image or link reference definition. */
export interface LinkDestination {
  /** Offsets of the destination text, without the `<` `>` around it when it has them. */
  readonly start: number;
  readonly end: number;
  /** As written. */
  readonly raw: string;
  /** With character escapes and references decoded, as a renderer reads it. */
  readonly url: string;
  readonly bracketed: boolean;
  /**
   * Offsets of the whole construct the destination belongs to: the link or image with its text
   * (`[CHANGELOG.md](CHANGELOG.md)`), the reference definition, or the attribute value for HTML.
   */
  readonly spanStart: number;
  readonly spanEnd: number;
  /** For a URL in an HTML attribute (`<a href>`, `<img srcset>`), how its value is written; absent for Markdown. */
  readonly html?: AttributeForm;
}

/** Something in the doc's HTML that looks like a link but that no link rewrite can reach. */
export interface UnreachableLink {
  readonly offset: number;
  readonly reason: string;
}

export interface MarkdownDocument {
  readonly text: string;
  readonly headings: readonly MarkdownHeading[];
  readonly links: readonly LinkDestination[];
  /** Its link reference definitions (`[label]: url`): the label as written, and the key CommonMark matches on. */
  readonly definitions: readonly { readonly label: string; readonly key: string }[];
  /** The leading YAML/TOML front matter block, if any. */
  readonly frontmatter: { readonly end: number; readonly language: 'yaml' | 'toml' } | null;
  /** The closing fence a trailing fenced code block lacks (it would swallow anything appended), or `null`. */
  readonly unclosedFence: string | null;
  /** URLs in its HTML that cannot be rewritten (CSS `url()`, a URL split by a block quote's `>`). */
  readonly unreachableLinks: readonly UnreachableLink[];
}

const MATTERS: ('yaml' | 'toml')[] = ['yaml', 'toml'];
const PARSE_OPTIONS: ParseOptions = { extensions: [gfm(), frontmatter(MATTERS)] };

/** Tokens that nest blocks: a fenced code block inside one ends with it, not with the document. */
const CONTAINERS: ReadonlySet<string> = new Set(['blockQuote', 'listOrdered', 'listUnordered', 'gfmFootnoteDefinition']);
const DESTINATIONS: ReadonlySet<string> = new Set(['resourceDestinationString', 'definitionDestinationString']);
/** What a destination belongs to: its text is read with it (`[CHANGELOG.md](CHANGELOG.md)`). */
const LINKING: ReadonlySet<string> = new Set(['link', 'image', 'definition']);
/** Heading content read as written. */
const LITERAL_TEXT: ReadonlySet<string> = new Set(['data', 'codeTextData', 'lineEnding', 'htmlText', 'autolinkProtocol', 'autolinkEmail', 'literalAutolink']);
/** Heading content read with escapes and character references decoded. */
const ESCAPED_TEXT: ReadonlySet<string> = new Set(['characterEscape', 'characterReference']);
/** Parts of a heading that are not its text: link destinations and titles, reference labels, footnote calls. */
const NOT_TEXT: ReadonlySet<string> = new Set(['resource', 'reference', 'gfmFootnoteCall', 'hardBreakEscape', 'hardBreakTrailing']);

/** The text of one HTML block or inline tag as HTML sees it (container prefixes left out), with where each piece is. */
interface OpenHtml {
  readonly token: Token;
  /** Inline HTML (`htmlText`) rather than an HTML block. */
  readonly inline: boolean;
  html: string;
  readonly pieces: { readonly at: number; readonly source: number; readonly length: number }[];
}

/** Adds the URLs of one HTML block or inline tag to `links`, offsets in the Markdown text. */
function collectHtmlUrls(open: OpenHtml, text: string, links: LinkDestination[], unreachable: UnreachableLink[]): void {
  const source = (offset: number): number => {
    const piece = open.pieces.find((candidate) => candidate.at <= offset && offset <= candidate.at + candidate.length);
    return piece === undefined ? -1 : piece.source + offset - piece.at;
  };
  const found = findHtmlUrls(open.html);
  for (const url of found.urls) {
    const piece = open.pieces.find((candidate) => candidate.at <= url.start && url.end <= candidate.at + candidate.length);
    if (piece === undefined) {
      unreachable.push({ offset: source(url.start), reason: 'a URL split over lines of a block quote or list item' });
      continue;
    }
    const start = piece.source + url.start - piece.at;
    const end = start + url.end - url.start;
    const form = open.inline && url.form.quote === '' ? { ...url.form, slashNeedsQuotes: true } : url.form;
    links.push({ start, end, raw: text.slice(start, end), url: url.url, bracketed: false, spanStart: start, spanEnd: end, html: form });
  }
  for (const problem of found.problems) unreachable.push({ offset: source(problem.offset), reason: problem.reason });
}

interface OpenHeading {
  readonly start: number;
  readonly setext: boolean;
  depth: number;
  text: string;
  /** Inside `atxHeadingText` / `setextHeadingText`, the part GitHub reads. */
  inText: boolean;
  /** The token inside the heading whose content is being skipped (or was read whole). */
  skipping: Token | null;
}

/**
 * Reads a Markdown text in one micromark pass: headings (depth, text as GitHub slugs it, offsets), link
 * destinations with offsets, front matter, and a trailing fenced block that lacks its closing fence.
 * @complexity O(length of the text): one micromark parse, one walk over its events.
 */
export function readMarkdown(text: string): MarkdownDocument {
  const events: Event[] = postprocess(parse(PARSE_OPTIONS).document().write(preprocess()(text, undefined, true)));
  // micromark skips a byte order mark and counts offsets from after it.
  const shift = text.startsWith('\uFEFF') ? 1 : 0;
  const headings: MarkdownHeading[] = [];
  const links: LinkDestination[] = [];
  const definitions: { label: string; key: string }[] = [];
  let matter: MarkdownDocument['frontmatter'] = null;
  let unclosedFence: string | null = null;
  let containers = 0;
  let heading: OpenHeading | null = null;
  let fence: { token: Token; sequence: string; fences: number } | null = null;
  const unreachableLinks: UnreachableLink[] = [];
  let openHtml: OpenHtml | null = null;
  const linking: Token[] = [];
  for (const [kind, token] of events) {
    const type = token.type as string;
    const start = token.start.offset + shift;
    const end = token.end.offset + shift;
    const slice = (): string => text.slice(start, end);
    if (kind === 'enter' && (type === 'htmlFlow' || type === 'htmlText')) {
      openHtml = { token, inline: type === 'htmlText', html: '', pieces: [] };
    } else if (kind === 'enter' && openHtml !== null && (type === 'htmlFlowData' || type === 'htmlTextData')) {
      openHtml.pieces.push({ at: openHtml.html.length, source: start, length: end - start });
      openHtml.html += slice();
    } else if (kind === 'enter' && openHtml !== null && type === 'lineEnding') {
      openHtml.html += '\n';
    } else if (kind === 'exit' && openHtml !== null && openHtml.token === token) {
      collectHtmlUrls(openHtml, text, links, unreachableLinks);
      openHtml = null;
    }
    if (LINKING.has(type)) {
      if (kind === 'enter') linking.push(token);
      else linking.pop();
    }
    if (kind === 'exit') {
      if (CONTAINERS.has(type)) containers -= 1;
      else if (heading !== null && heading.skipping === token) heading.skipping = null;
      else if (heading !== null && (type === 'atxHeadingText' || type === 'setextHeadingText')) heading.inText = false;
      else if (heading !== null && (type === 'atxHeading' || type === 'setextHeading')) {
        headings.push({
          depth: heading.depth,
          text: heading.text.replace(/[ \t]*\r?\n[ \t]*/gu, ' '),
          start: heading.start,
          end,
          setext: heading.setext,
        });
        heading = null;
      } else if (fence !== null && fence.token === token) {
        if (fence.fences < 2) unclosedFence = fence.sequence;
        fence = null;
      }
      continue;
    }
    if (DESTINATIONS.has(type)) {
      const raw = slice();
      const owner = linking.at(-1);
      const spanStart = owner === undefined ? start : owner.start.offset + shift;
      const spanEnd = owner === undefined ? end : owner.end.offset + shift;
      links.push({ start, end, raw, url: decodeString(raw), bracketed: text[start - 1] === '<', spanStart, spanEnd });
    }
    if (type === 'definitionLabelString') definitions.push({ label: slice(), key: normalizeIdentifier(slice()) });
    if (heading !== null) {
      if (heading.skipping !== null) continue;
      if (type === 'atxHeadingSequence' && heading.depth === 0) heading.depth = end - start;
      else if (type === 'setextHeadingLineSequence') heading.depth = text[start] === '=' ? 1 : 2;
      else if (type === 'atxHeadingText' || type === 'setextHeadingText') heading.inText = true;
      else if (!heading.inText) continue;
      else if (LITERAL_TEXT.has(type)) heading.text += slice();
      else if (ESCAPED_TEXT.has(type)) heading.text += decodeString(slice());
      if (LITERAL_TEXT.has(type) || ESCAPED_TEXT.has(type) || NOT_TEXT.has(type)) heading.skipping = token;
      continue;
    }
    if (CONTAINERS.has(type)) containers += 1;
    else if (type === 'atxHeading' || type === 'setextHeading') {
      heading = { start, setext: type === 'setextHeading', depth: 0, text: '', inText: false, skipping: null };
    } else if ((type === 'yaml' || type === 'toml') && token.start.offset === 0) {
      matter = { end, language: type };
    } else if (type === 'codeFenced' && containers === 0) {
      fence = { token, sequence: '', fences: 0 };
    } else if (fence !== null && type === 'codeFencedFence') {
      fence.fences += 1;
    } else if (fence !== null && type === 'codeFencedFenceSequence' && fence.sequence === '') {
      fence.sequence = slice();
    }
  }
  // Links in document order, HTML ones among the Markdown ones.
  links.sort((a: LinkDestination, b: LinkDestination): number => a.start - b.start);
  return Object.freeze({
    text,
    headings: Object.freeze(headings),
    links: Object.freeze(links),
    definitions: Object.freeze(definitions),
    frontmatter: matter,
    unclosedFence,
    unreachableLinks: Object.freeze(unreachableLinks),
  });
}

/**
 * GitHub's anchors for a list of headings in document order: the same text twice gets `-1`, `-2`, ...
 * @complexity O(total heading text length).
 */
export function headingSlugs(texts: readonly string[]): readonly string[] {
  const slugger = new GithubSlugger();
  return texts.map((text: string): string => slugger.slug(text));
}

/**
 * A fence of backticks longer than any backtick run that starts a line of `text`, so the text cannot
 * close it early.
 * @complexity O(length of the text).
 */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const match of text.matchAll(/^ {0,3}(`+)/gmu)) longest = Math.max(longest, match[1]?.length ?? 0);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Inline code that shows `text` verbatim, whatever backticks it contains.
 * @complexity O(length of the text).
 */
export function codeSpan(text: string): string {
  let longest = 0;
  for (const match of text.matchAll(/`+/gu)) longest = Math.max(longest, match[0].length);
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
