import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import consolidateDocs from '../../codemods/consolidate-docs.js';
import { findHtmlUrls, srcsetUrls, writeAttributeUrl } from '../../standards/docs/html-urls.js';
import { readMarkdown, type LinkDestination } from '../../standards/docs/markdown-document.js';
import { listTree, runFixturePair } from './fixture-pairs.js';

// HTML in a moved doc (<a href>, <img src srcset>, …) is rebased exactly as its Markdown links are. The
// fixture pair fixtures/codemods/consolidate-docs/html-links is checked byte for byte (with idempotence) by
// consolidate-docs.test.ts; here, what makes its output right: every relative URL still reaches its file.

const NAME = 'consolidate-docs';
const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const SCHEME = /^[a-z][a-z\d+.-]*:/iu;

/** The file a relative link reaches from `fromDir`, or `null` for links that do not name a file by a relative path. */
function reachedFile(link: LinkDestination, fromDir: string): string | null {
  const url = link.url.split('#')[0]?.split('?')[0] ?? '';
  if (url === '' || SCHEME.test(link.url) || url.startsWith('/')) return null;
  return path.posix.normalize(path.posix.join(fromDir, decodeURIComponent(url))).replace(/\/$/u, '');
}

function reachedFiles(text: string, fromDir: string): string[] {
  return readMarkdown(text)
    .links.map((link: LinkDestination): string | null => reachedFile(link, fromDir))
    .filter((file: string | null): file is string => file !== null);
}

describe('consolidate-docs rebases the URLs of HTML in a moved doc', (): void => {
  it('html-links: every relative URL of the moved doc reaches the same file from its new place', async (): Promise<void> => {
    const run = await runFixturePair(NAME, 'html-links', [consolidateDocs]);
    const source = fs.readFileSync(path.join(run.inputDir, 'TODO.md'), 'utf8');
    const destination = fs.readFileSync(path.join(run.dir, 'docs/architecture_decisions.md'), 'utf8');
    const section = destination.slice(destination.indexOf('## `TODO.md`'));
    const before = reachedFiles(source, '.').filter((file: string): boolean => file !== 'TODO.md');
    expect(before).toEqual([
      'src/index.ts', 'src/index.ts', 'assets/logo.png', 'banner.png', 'src/index.ts', 'src/index.ts', 'src/index.ts', 'src/index.ts',
      'assets/logo.png', 'assets/logo.png', 'assets/logo@2x.png', 'assets/logo@2x.png', 'assets/logo.png', 'assets/demo.mp4',
      'assets/logo.png', 'src/index.ts', 'assets/logo.png', 'assets/logo.png', 'src/index.ts', 'src/index.ts',
    ]);
    expect(reachedFiles(section, 'docs')).toEqual(before);
    const files = new Set(listTree(run.dir));
    for (const file of before) expect(files.has(file), file).toBe(true);
    // Links from elsewhere to the moved doc now reach its section.
    expect(reachedFiles(fs.readFileSync(path.join(run.dir, 'guides/start.md'), 'utf8'), 'guides')).toEqual([
      'docs/architecture_decisions.md',
      'docs/architecture_decisions.md',
      'src/index.ts',
    ]);
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'TODO.md: has a CSS `url()` in a `style` attribute on line 25, which is not rebased: check it by hand',
      'TODO.md: moved into docs/architecture_decisions.md#todomd',
      'guides/start.md: rewrote 2 links to moved docs',
    ]);
  });

  it('the real-world case: a root TODO.md with <a href="src/index.ts"> moved into docs/', async (): Promise<void> => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'consolidate-docs-html-')));
    temporary.push(root);
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/index.ts'), 'x\n');
    fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "html-links-in-moved-doc", "private": true }\n');
    fs.writeFileSync(path.join(root, 'TODO.md'), '# TODO\n\n- <a href="src/index.ts">html</a> and ![img](src/index.ts \'title\')\n');
    const changes = await consolidateDocs.plan({
      root,
      files: [path.join(root, 'TODO.md')],
      projectFiles: ['TODO.md', 'package.json', 'src/index.ts'].map((file: string): string => path.join(root, file)),
      optionsFor: () => ({}),
    } as Parameters<typeof consolidateDocs.plan>[0]);
    const written = changes.writes.get(path.join(root, 'docs/architecture_decisions.md')) ?? '';
    expect(written).toContain('\n- <a href="../src/index.ts">html</a> and ![img](../src/index.ts \'title\')\n');
  });
});

describe('readMarkdown: URLs in HTML', (): void => {
  it('finds them in HTML blocks and inline HTML, with their offsets and how each value is written', (): void => {
    const text = [
      '<p><img src="a.png" srcset="a.png 1x, b.png 2x"></p>',
      '',
      "Inline <a href='x.md#top'>x</a> and <img src=y.png> and `<a href=\"code.md\">`",
      '',
      '> <a href="quoted.md">',
      '',
      '<!-- <a href="comment.md"> -->',
      '',
    ].join('\n');
    const doc = readMarkdown(text);
    expect(doc.links.map((link) => [text.slice(link.start, link.end), link.url, link.html?.quote, link.html?.slashNeedsQuotes ?? false])).toEqual([
      ['a.png', 'a.png', '"', false],
      ['a.png', 'a.png', '"', false],
      ['b.png', 'b.png', '"', false],
      ['x.md#top', 'x.md#top', "'", false],
      ['y.png', 'y.png', '', true],
      ['quoted.md', 'quoted.md', '"', false],
    ]);
    expect(doc.unreachableLinks).toEqual([]);
  });

  it('names what it cannot rewrite: a URL split over block quote lines, CSS url()', (): void => {
    // A value over two lines of a block quote is fine as long as each URL stays on one line.
    const text = '> <img srcset="a.png 1x,\n> b.png 2x" src="b\n> .png" style="background: url(c.png)">\n\n<style>p { background: url(d.png) }</style>\n';
    const doc = readMarkdown(text);
    expect(doc.links.map((link) => text.slice(link.start, link.end))).toEqual(['a.png', 'b.png']);
    expect(doc.unreachableLinks.map((problem) => [problem.reason, text.slice(problem.offset, problem.offset + 6)])).toEqual([
      ['a URL split over lines of a block quote or list item', 'b\n> .p'],
      ['a CSS `url()` in a `style` attribute', 'backgr'],
      ['a CSS `url()` in a `<style>` element', 'p { ba'],
    ]);
  });
});

describe('findHtmlUrls and srcset', (): void => {
  it('splits srcset as HTML does: commas inside a URL, descriptors with parentheses, no space after a comma', (): void => {
    const value = 'a.png 1x,b,c.png 2x , d.png,, e.png (x, y) 3x, f.png';
    expect(srcsetUrls(value).map(([start, end]) => value.slice(start, end))).toEqual(['a.png', 'b,c.png', 'd.png', 'e.png', 'f.png']);
  });

  it('reads character references and keeps their offsets', (): void => {
    const html = '<a href="a&amp;b.md" cite=&#47;c.md><object data="o.svg"></object><span data="not-a-url">';
    expect(findHtmlUrls(html).urls.map((url) => [html.slice(url.start, url.end), url.url, url.form])).toEqual([
      ['a&amp;b.md', 'a&b.md', { quote: '"', escapesAmpersands: true }],
      ['&#47;c.md', '/c.md', { quote: '', escapesAmpersands: false }],
      ['o.svg', 'o.svg', { quote: '"', escapesAmpersands: false }],
    ]);
  });

  it('writes a URL back in the value form it came from', (): void => {
    expect(writeAttributeUrl('../a&b "c".md', { quote: '"', escapesAmpersands: true })).toBe('../a&amp;b &quot;c&quot;.md');
    expect(writeAttributeUrl("../it's.md", { quote: "'", escapesAmpersands: false })).toBe('../it&#39;s.md');
    expect(writeAttributeUrl('../a.png', { quote: '', escapesAmpersands: false })).toBe('../a.png');
    expect(writeAttributeUrl('../a.png', { quote: '', escapesAmpersands: false, slashNeedsQuotes: true })).toBe('"../a.png"');
    expect(writeAttributeUrl('../a b.png', { quote: '', escapesAmpersands: false })).toBe('"../a b.png"');
  });
});
