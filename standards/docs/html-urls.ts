import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * The URLs in a piece of HTML (an HTML block or an inline tag of a Markdown doc), found with htmlparser2's
 * tokenizer, so comments, raw text (`<script>`, `<style>`), character references and every quoting style are
 * read as browsers read them, never by pattern.
 */

/** How an attribute value is written, so a rewritten URL is written the same way. */
export interface AttributeForm {
  /** The quote around the value: `"`, `'`, or `''` for an unquoted value. */
  readonly quote: '"' | "'" | '';
  /** Whether the value writes `&` as `&amp;`. */
  readonly escapesAmpersands: boolean;
  /**
   * Whether an unquoted value must be quoted once it holds a `/`: CommonMark readers built on micromark end
   * an unquoted value of inline HTML at `/`, so `<img src=../a.png>` would stop being HTML for them.
   */
  readonly slashNeedsQuotes?: boolean;
}

/** One URL in an attribute value (a whole `href`, or one candidate of a `srcset`). */
export interface HtmlUrl {
  /** Offsets of the URL as written in the HTML given, character references included. */
  readonly start: number;
  readonly end: number;
  /** The URL with character references decoded, as a browser reads it. */
  readonly url: string;
  readonly form: AttributeForm;
}

/** A URL that is there but that no rewrite of a URL attribute can reach, with where it starts. */
export interface HtmlUrlProblem {
  readonly offset: number;
  readonly reason: string;
}

/** Attributes whose whole value is one URL, on any element (HTML 4 and 5, and SVG's `xlink:href`). */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href', 'src', 'poster', 'action', 'formaction', 'cite', 'background', 'longdesc', 'manifest', 'xlink:href',
]);
/** Attributes holding a URL on some elements only (`data` is a URL on `<object>`, free text elsewhere). */
const ELEMENT_URL_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = { object: new Set(['data', 'codebase']) };
/** Attributes holding a comma-separated list of image candidates, `url [descriptor]`. */
const SRCSET_ATTRIBUTES: ReadonlySet<string> = new Set(['srcset', 'imagesrcset']);

// HTML's ASCII whitespace: tab, line feed, form feed, carriage return, space.
const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';

/** A stretch of an attribute value: literal text (one character per character) or a run of character references. */
interface ValuePart {
  readonly decodedStart: number;
  decodedEnd: number;
  readonly htmlStart: number;
  /** `-1` while a run of references is still open. */
  htmlEnd: number;
  readonly literal: boolean;
}

/** The decoded value of one attribute, and where each stretch of it came from in the HTML. */
interface AttributeValue {
  readonly name: string;
  /** HTML offset of the value's first character, `-1` when the attribute has no `=`. */
  readonly start: number;
  decoded: string;
  readonly parts: ValuePart[];
}

/**
 * The candidates of a `srcset` value, as HTML's "parse a srcset attribute" algorithm splits them: offsets of
 * each URL within the value.
 * @complexity O(length of the value).
 */
export function srcsetUrls(value: string): readonly (readonly [number, number])[] {
  const found: [number, number][] = [];
  let at = 0;
  while (at < value.length) {
    while (at < value.length && (isSpace(value[at]) || value[at] === ',')) at += 1;
    if (at >= value.length) break;
    const start = at;
    while (at < value.length && !isSpace(value[at])) at += 1;
    let end = at;
    if (value[end - 1] === ',') {
      while (end > start && value[end - 1] === ',') end -= 1;
    } else {
      // Descriptors (`2x`, `640w`) run to the next comma outside parentheses.
      let inParentheses = false;
      while (at < value.length) {
        const char = value[at];
        if (char === '(') inParentheses = true;
        else if (char === ')') inParentheses = false;
        else if (char === ',' && !inParentheses) break;
        at += 1;
      }
      at += 1;
    }
    if (end > start) found.push([start, end]);
  }
  return found;
}

/** The HTML offset of decoded offset `at`, or `null` when `at` falls inside a run of character references. */
function htmlOffset(value: AttributeValue, at: number): number | null {
  for (const part of value.parts) {
    if (at < part.decodedStart || at > part.decodedEnd) continue;
    if (part.literal) return part.htmlStart + (at - part.decodedStart);
    if (at === part.decodedStart) return part.htmlStart;
    if (at === part.decodedEnd) return part.htmlEnd;
    return null;
  }
  return value.parts.length === 0 && at === 0 ? value.start : null;
}

/** Closes an open run of character references at `htmlEnd`. */
function closeReferences(value: AttributeValue, htmlEnd: number): void {
  const last = value.parts.at(-1);
  if (last !== undefined && !last.literal && last.htmlEnd === -1) last.htmlEnd = htmlEnd;
}

/**
 * Every URL in `html` that a relative link could be: the values of URL attributes (`href`, `src`,
 * `poster`, `action`, `cite`, `<object data>`, …) and each candidate of `srcset`; plus what no attribute
 * rewrite can reach (CSS `url()` in a `style` attribute or element).
 * @complexity O(length of the HTML): one tokenizer pass.
 */
export function findHtmlUrls(html: string): { readonly urls: readonly HtmlUrl[]; readonly problems: readonly HtmlUrlProblem[] } {
  const urls: HtmlUrl[] = [];
  const problems: HtmlUrlProblem[] = [];
  let tag = '';
  let inStyleElement = false;
  let value: AttributeValue | null = null;

  const valueStartAfter = (nameEnd: number): number => {
    let at = nameEnd;
    while (isSpace(html[at])) at += 1;
    if (html[at] !== '=') return -1;
    at += 1;
    while (isSpace(html[at])) at += 1;
    return html[at] === '"' || html[at] === "'" ? at + 1 : at;
  };

  const finish = (attribute: AttributeValue, quote: QuoteType, end: number): void => {
    const form: AttributeForm = {
      quote: quote === QuoteType.Double ? '"' : quote === QuoteType.Single ? "'" : '',
      escapesAmpersands: html.slice(attribute.start, end).toLowerCase().includes('&amp;'),
    };
    closeReferences(attribute, end);
    const name = attribute.name;
    if (name === 'style') {
      if (attribute.decoded.toLowerCase().includes('url(')) problems.push({ offset: attribute.start, reason: 'a CSS `url()` in a `style` attribute' });
      return;
    }
    const spans: readonly (readonly [number, number])[] = SRCSET_ATTRIBUTES.has(name)
      ? srcsetUrls(attribute.decoded)
      : URL_ATTRIBUTES.has(name) || ELEMENT_URL_ATTRIBUTES[tag]?.has(name) === true
        ? [[0, attribute.decoded.length]]
        : [];
    for (const [from, to] of spans) {
      const text = attribute.decoded.slice(from, to);
      const trimmedStart = from + (text.length - text.trimStart().length);
      const trimmedEnd = to - (text.length - text.trimEnd().length);
      if (trimmedEnd <= trimmedStart) continue;
      const start = htmlOffset(attribute, trimmedStart);
      const stop = htmlOffset(attribute, trimmedEnd);
      if (start === null || stop === null) {
        problems.push({ offset: attribute.start, reason: `a \`${name}\` URL that starts or ends inside a character reference` });
        continue;
      }
      urls.push({ start, end: stop, url: attribute.decoded.slice(trimmedStart, trimmedEnd), form });
    }
  };

  const ignore = (): void => undefined;
  const callbacks: TokenizerCallbacks = {
    onopentagname(start: number, end: number): void {
      tag = html.slice(start, end).toLowerCase();
    },
    onattribname(start: number, end: number): void {
      value = { name: html.slice(start, end).toLowerCase(), start: valueStartAfter(end), decoded: '', parts: [] };
    },
    onattribdata(start: number, end: number): void {
      if (value === null) return;
      closeReferences(value, start);
      const decodedStart = value.decoded.length;
      value.decoded += html.slice(start, end);
      value.parts.push({ decodedStart, decodedEnd: value.decoded.length, htmlStart: start, htmlEnd: end, literal: true });
    },
    onattribentity(codepoint: number): void {
      if (value === null) return;
      const decodedStart = value.decoded.length;
      value.decoded += String.fromCodePoint(codepoint);
      const last = value.parts.at(-1);
      if (last !== undefined && !last.literal && last.htmlEnd === -1) {
        last.decodedEnd = value.decoded.length;
      } else {
        const htmlStart = last?.htmlEnd ?? value.start;
        value.parts.push({ decodedStart, decodedEnd: value.decoded.length, htmlStart, htmlEnd: -1, literal: false });
      }
    },
    onattribend(quote: QuoteType, endIndex: number): void {
      const attribute = value;
      value = null;
      if (attribute === null || quote === QuoteType.NoValue || attribute.start < 0) return;
      finish(attribute, quote, quote === QuoteType.Unquoted ? endIndex : endIndex - 1);
    },
    onopentagend(): void {
      inStyleElement = tag === 'style';
    },
    onselfclosingtag(): void {
      inStyleElement = false;
    },
    onclosetag(): void {
      inStyleElement = false;
    },
    ontext(start: number, end: number): void {
      if (inStyleElement && html.slice(start, end).toLowerCase().includes('url(')) {
        problems.push({ offset: start, reason: 'a CSS `url()` in a `<style>` element' });
      }
    },
    oncdata: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onprocessinginstruction: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return { urls, problems };
}

/**
 * `url` written as an attribute value in `form`: references where the quote or the ampersands need them,
 * and quotes added when an unquoted value can no longer stand without them.
 * @complexity O(length of the URL).
 */
export function writeAttributeUrl(url: string, form: AttributeForm): string {
  let text = form.escapesAmpersands ? url.replaceAll('&', '&amp;') : url;
  if (form.quote === '"') return text.replaceAll('"', '&quot;');
  if (form.quote === "'") return text.replaceAll("'", '&#39;');
  const needsQuotes = [...text].some(
    (char: string): boolean => isSpace(char) || '"\'=<>`'.includes(char) || (char === '/' && form.slashNeedsQuotes === true),
  );
  if (!needsQuotes) return text;
  text = text.replaceAll('"', '&quot;');
  return `"${text}"`;
}
