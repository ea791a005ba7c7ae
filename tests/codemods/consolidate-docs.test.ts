import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import consolidateDocs from '../../codemods/consolidate-docs.js';
import { readMarkdown } from '../../standards/docs/markdown-document.js';
import type { CodemodOptions, ProjectChanges } from '../../codemods/runner/contract.js';
import { describeFixturePairs, listTree, runFixturePair } from './fixture-pairs.js';

const NAME = 'consolidate-docs';
const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempProject(files: Readonly<Record<string, string>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'consolidate-docs-')));
  temporary.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function plan(
  root: string,
  options: CodemodOptions = {},
  requireDocs?: CodemodOptions,
  selected?: readonly string[],
): Promise<ProjectChanges> {
  const all = listTree(root).map((file: string): string => path.join(root, file));
  return consolidateDocs.plan({
    root,
    files: selected === undefined ? all : selected.map((file: string): string => path.join(root, file)),
    projectFiles: all,
    optionsFor: (): CodemodOptions => options,
    ...(requireDocs === undefined ? {} : { optionsForRule: (): CodemodOptions => requireDocs }),
  } as Parameters<typeof consolidateDocs.plan>[0]);
}

function relative(root: string, changes: ProjectChanges): { writes: string[]; deletes: string[]; failed: string[]; notes: string[] } {
  const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  return {
    writes: [...changes.writes.keys()].map(rel).sort(),
    deletes: changes.deletes.map(rel),
    failed: changes.failed.map((entry) => `${rel(entry.path)}: ${entry.reason}`),
    notes: changes.notes.map((entry) => `${rel(entry.path)}: ${entry.message}`),
  };
}

const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)/u;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/u;
const LINK_DESTINATION = /\]\((<[^>]*>|[^)\s]*)([^)]*)\)|^(\s{0,3}\[[^\]]+\]:\s*)\S+/gu;

/** A line with every link destination blanked: what must survive a move when only URLs are rebased. */
function withoutDestinations(line: string): string {
  return line.replace(LINK_DESTINATION, (_match: string, _url: string, title: string | undefined, definition: string | undefined) =>
    definition === undefined ? `](${title ?? ''})` : `${definition}URL`,
  );
}

/** The text with every URL of an HTML attribute (`<img src>`, `<a href>`) blanked: those are rebased too. */
const blankedHtml = new Map<string, string>();
function withoutHtmlUrls(text: string): string {
  const cached = blankedHtml.get(text);
  if (cached !== undefined) return cached;
  const urls = readMarkdown(text).links.filter((link) => link.html !== undefined);
  let output = '';
  let at = 0;
  for (const link of urls) {
    output += `${text.slice(at, link.start)}URL`;
    at = link.end;
  }
  output += text.slice(at);
  blankedHtml.set(text, output);
  return output;
}

/**
 * The property behind "not one line lost": every line of a moved doc is in the destination verbatim, or
 * is a heading that is there demoted (setext turned ATX, its underline dropped), or has its link
 * destinations rebased and is otherwise identical.
 */
function expectEveryLineKept(source: string, destination: string, label: string): void {
  const output = withoutHtmlUrls(destination).split(/\r?\n/u);
  const exact = new Set(output);
  const blanked = new Set(output.map(withoutDestinations));
  const headingTexts = new Set(output.filter((line: string) => ATX.test(line)).map((line: string) => withoutDestinations(line.replace(ATX, '').trim())));
  const lines = withoutHtmlUrls(source).split(/\r?\n/u);
  lines.forEach((line: string, index: number): void => {
    if (line.trim() === '' || exact.has(line)) return;
    const next = lines[index + 1] ?? '';
    if (ATX.test(line) || (SETEXT_UNDERLINE.test(next) && !SETEXT_UNDERLINE.test(line))) {
      expect(headingTexts.has(withoutDestinations(line.replace(ATX, '').trim())), `${label}: heading "${line}" lost`).toBe(true);
      return;
    }
    if (SETEXT_UNDERLINE.test(line)) return;
    expect(blanked.has(withoutDestinations(line)), `${label}: line ${index + 1} "${line}" lost`).toBe(true);
  });
}

describeFixturePairs(NAME, [consolidateDocs]);

describe('consolidate-docs keeps every line', (): void => {
  for (const caseName of ['basic', 'links', 'monorepo', 'existing-destination']) {
    it(`${caseName}: each moved doc's lines are under its heading in its destination`, async (): Promise<void> => {
      const run = await runFixturePair(NAME, caseName, [consolidateDocs]);
      const moved = listTree(run.inputDir).filter((file: string): boolean => !fs.existsSync(path.join(run.dir, file)));
      expect(moved.length).toBeGreaterThan(0);
      const docs = listTree(run.dir).filter((file: string): boolean => file.endsWith('.md'));
      for (const file of moved) {
        const base = path.posix.basename(file);
        const holders = docs.filter((doc: string): boolean =>
          fs
            .readFileSync(path.join(run.dir, doc), 'utf8')
            .split(/\r?\n/u)
            .some((line: string) => line.startsWith('## `') && (line.endsWith(`\`${base}\``) || line.endsWith(`/${base}\``))),
        );
        expect(holders.length, `${file} has a section`).toBeGreaterThan(0);
        const source = fs.readFileSync(path.join(run.inputDir, file), 'utf8');
        const destination = holders.map((doc: string): string => fs.readFileSync(path.join(run.dir, doc), 'utf8')).join('\n');
        expectEveryLineKept(source, destination, file);
      }
    });
  }

  it('on real-world docs (rxjs CHANGELOG, TypeScript, ESLint and zod READMEs), loses no line and is idempotent', async (): Promise<void> => {
    const read = (file: string): string => fs.readFileSync(path.join(repoRoot, 'node_modules', file), 'utf8');
    const sources: Readonly<Record<string, string>> = {
      'CHANGELOG.md': read('rxjs/CHANGELOG.md'),
      'SETUP.md': read('typescript/README.md'),
      'docs/README.md': read('eslint/README.md'),
      'packages/schema/README.md': read('zod/README.md'),
    };
    const root = tempProject({ 'package.json': '{ "name": "corpus", "scripts": { "bench": "node bench/run.js" } }\n', ...sources });
    const changes = await plan(root);
    expect(changes.failed).toEqual([]);
    expect(relative(root, changes).deletes).toEqual(['CHANGELOG.md', 'SETUP.md', 'docs/README.md', 'packages/schema/README.md']);
    const architecture = changes.writes.get(path.join(root, 'docs/architecture_decisions.md')) ?? '';
    const patterns = changes.writes.get(path.join(root, 'docs/ai_coding_patterns.md')) ?? '';
    for (const [file, text] of Object.entries(sources)) {
      expectEveryLineKept(text, file === 'SETUP.md' ? patterns : architecture, file);
    }
    for (const [file, text] of changes.writes) fs.writeFileSync(file, text);
    for (const file of changes.deletes) fs.rmSync(file);
    const again = await plan(root);
    expect(again.writes.size).toBe(0);
    expect(again.deletes).toEqual([]);
    // micromark reads the 263 KB rxjs CHANGELOG in about 2 s on a loaded 2-core machine; this test reads it
    // about eight times (plan, checks of the lines, second plan).
  }, 60_000);
});

describe('consolidate-docs plan', (): void => {
  it('reports each move, each created doc and each rewritten file', async (): Promise<void> => {
    const run = await runFixturePair(NAME, 'basic', [consolidateDocs]);
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'CHANGELOG.md: moved into docs/architecture_decisions.md#changelogmd',
      'INSTALLATION.txt: moved into docs/ai_coding_patterns.md#installationtxt as a fenced block',
      'README.md: rewrote 1 link to moved docs',
      'SETUP.md: moved into docs/ai_coding_patterns.md#setupmd',
      'TODO.md: moved into docs/architecture_decisions.md#todomd',
      "docs/ai_coding_patterns.md: created from the project's facts, with 2 moved docs",
      "docs/architecture_decisions.md: created from the project's facts, with 2 moved docs",
      "docs/mcp_integration_guide.md: created from the project's facts",
      "docs/performance_benchmarks.md: created from the project's facts",
    ]);
  });

  it('leaves in place, failed, a doc that other files name, and says where', async (): Promise<void> => {
    const run = await runFixturePair(NAME, 'named-elsewhere', [consolidateDocs]);
    expect(run.report.files.filter((file) => file.status === 'failed').map((file) => `${file.path}: ${file.reason ?? ''}`)).toEqual([
      'CHANGELOG.md: is named in README.md:5, pyproject.toml:7, scripts/release.py:4: moving it would leave them naming a file that no longer exists, so it stays; update them and move it by hand',
      'IDEAS.md: is named in docs/releasing.md:3: moving it would leave them naming a file that no longer exists, so it stays; update them and move it by hand',
    ]);
    // A link that the move rewrites, its text included, does not keep NOTES.md; `release-TODO.rst`,
    // `OLD-NOTES.md` and `NOTES.md.orig` name other files.
    expect(run.report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      'NOTES.md: moved into docs/architecture_decisions.md#notesmd',
      'README.md: rewrote 1 link to moved docs',
      'TODO.rst: moved into docs/architecture_decisions.md#todorst as a fenced block',
      "docs/architecture_decisions.md: created from the project's facts, with 2 moved docs",
    ]);
  });

  it('a section heading an earlier run wrote in the destination does not keep a doc of the same path; binary files are not read', async (): Promise<void> => {
    const root = tempProject({
      'docs/architecture_decisions.md': '# Decisions\n\n## `NOTES.md`\n\nOld notes.\n\nThe NOTES.md of 2024 is gone.\n',
      'NOTES.md': 'New notes.\n',
      'TODO.md': 'Sections are named `TODO.md` in code spans.\n',
      'src/app.py': "PATH = 'notes.MD'  # any letter case: macOS finds the file\n",
      // Binary (a NUL byte in its first 8000 bytes): not read for mentions.
      'assets/logo.png': '\u0000PNG NOTES.md',
    });
    expect(relative(root, await plan(root)).failed).toEqual([
      'NOTES.md: is named in docs/architecture_decisions.md:7, src/app.py:1: moving it would leave them naming a file that no longer exists, so it stays; update them and move it by hand',
    ]);
  });

  it('paths bound every write: a selected doc whose destination or a linking file is outside them stays', async (): Promise<void> => {
    const alone = await runFixturePair(NAME, 'links', [consolidateDocs], { paths: ['TODO.md'] });
    expect(alone.report.files.filter((file) => file.status !== 'unchanged')).toEqual([
      {
        codemod: 'consolidate-docs',
        path: 'TODO.md',
        status: 'skipped',
        reason: 'its destination docs/architecture_decisions.md is outside the paths given; run without paths (or include it) to move it there',
      },
    ]);
    // SETUP.md links to TODO.md and is not among the paths: moving TODO.md would write it, so TODO.md stays.
    const linked = await runFixturePair(NAME, 'links', [consolidateDocs], { paths: ['TODO.md', 'README.md', 'docs/architecture_decisions.md', 'docs/guides'] });
    expect(fs.existsSync(path.join(linked.dir, 'TODO.md'))).toBe(true);
    expect(linked.report.files.filter((file) => file.status !== 'unchanged')).toEqual([
      {
        codemod: 'consolidate-docs',
        path: 'TODO.md',
        status: 'skipped',
        reason: 'SETUP.md, outside the paths given, links to it; run without paths (or include SETUP.md) to move it',
      },
    ]);
  });

  it('a selected doc that stays but whose links were rewritten is changed, with the reason it stayed as a note', async (): Promise<void> => {
    // docs/NOTES.md moves (its destination and linking files are selected); TODO.md links to it, so TODO.md
    // changes, but SETUP.md, outside the paths, links to TODO.md, so TODO.md itself stays.
    const run = await runFixturePair(NAME, 'links', [consolidateDocs], { paths: ['TODO.md', 'README.md', 'docs'] });
    expect(run.report.files.find((file) => file.path === 'TODO.md')?.status).toBe('changed');
    expect(fs.existsSync(path.join(run.dir, 'TODO.md'))).toBe(true);
    expect(run.report.notes.filter((note) => note.path === 'TODO.md').map((note) => note.message)).toContain(
      'SETUP.md, outside the paths given, links to it; run without paths (or include SETUP.md) to move it',
    );
  });

  it('moves the selected docs and rewrites the links to them when every file it writes is among the paths', async (): Promise<void> => {
    const run = await runFixturePair(NAME, 'links', [consolidateDocs], { paths: ['TODO.md', 'SETUP.md', 'README.md', 'docs'] });
    expect(fs.existsSync(path.join(run.dir, 'TODO.md'))).toBe(false);
    expect(fs.existsSync(path.join(run.dir, 'SETUP.md'))).toBe(false);
    expect(fs.readFileSync(path.join(run.dir, 'docs/guides/writing.md'), 'utf8')).toContain('Follow [the TODO](../architecture_decisions.md#later)');
    expect(run.report.files.filter((file) => file.status === 'skipped' || file.status === 'failed')).toEqual([]);
  });

  it('reads monorepo roots from the require-docs rule when the runner provides them', async (): Promise<void> => {
    const root = tempProject({
      'package.json': '{ "name": "root" }\n',
      'packages/a/package.json': '{ "name": "a" }\n',
      'packages/a/TODO.md': '- one thing\n',
    });
    const changes = relative(root, await plan(root, {}, { roots: ['packages/*'], docs: { remove: ['docs/mcp_integration_guide.md'] } }));
    expect(changes.deletes).toEqual(['packages/a/TODO.md']);
    // The moved doc's destination is created; the other docs would be stubs require-docs rejects (no scripts,
    // no folders, no servers to tell), so they are not written.
    expect(changes.writes).toEqual(['packages/a/docs/architecture_decisions.md']);
    expect(changes.notes.filter((note: string): boolean => note.includes('not created'))).toEqual([
      "docs/ai_coding_patterns.md: not created: the project's facts give it 10 words, fewer than the 20 require-docs asks for; write it by hand (patterns, setup and troubleshooting for AI coders)",
      "docs/architecture_decisions.md: not created: the project's facts give it 13 words, fewer than the 20 require-docs asks for; write it by hand (technical choices and their rationale)",
      "docs/performance_benchmarks.md: not created: the project's facts give it 11 words, fewer than the 20 require-docs asks for; write it by hand (performance metrics, targets and the commands that measure them)",
      "packages/a/docs/ai_coding_patterns.md: not created: the project's facts give it 10 words, fewer than the 20 require-docs asks for; write it by hand (patterns, setup and troubleshooting for AI coders)",
      "packages/a/docs/performance_benchmarks.md: not created: the project's facts give it 11 words, fewer than the 20 require-docs asks for; write it by hand (performance metrics, targets and the commands that measure them)",
    ]);
  });

  it('fails a doc whose destination is outside its root or is itself banned, and leaves it in place', async (): Promise<void> => {
    const root = tempProject({ 'TODO.md': '# TODO\n', 'NOTES.md': '# Notes\n', 'IDEAS.md': '# Ideas\n', 'SETUP.md': '# Setup\n' });
    const changes = relative(
      root,
      await plan(root, { destinations: { TODO: '../elsewhere.md', NOTES: 'docs/CHANGELOG.md', IDEAS: 'docs/ideas.txt' } }),
    );
    expect(changes.failed).toEqual([
      'IDEAS.md: its destination `docs/ideas.txt` is not a Markdown file (.md, .markdown, .mdx)',
      'NOTES.md: its destination `docs/CHANGELOG.md` is itself a banned doc; choose another with the `destinations` option',
      'TODO.md: its destination `../elsewhere.md` is not inside its project root `.`',
    ]);
    expect(changes.deletes).toEqual(['SETUP.md']);
    expect(changes.writes).toEqual(['docs/ai_coding_patterns.md']);
  });

  it('leaves a README in an allowed folder alone and moves one elsewhere', async (): Promise<void> => {
    const root = tempProject({ 'README.md': '# Root\n', 'lib/README.md': '# Lib\n', 'tools/README.md': '# Tools\n' });
    expect(relative(root, await plan(root, { allowReadmeIn: ['.', 'tools'] })).deletes).toEqual(['lib/README.md']);
  });

  it('rejects a malformed roots option with a message naming it', async (): Promise<void> => {
    const root = tempProject({ 'package.json': '{}\n' });
    await expect(plan(root, {}, { roots: 'packages/*' })).rejects.toThrow('the `roots` option must be an array of folder globs, e.g. ["packages/*"]');
  });

  it('appends in path order, separates the section from a destination without a final newline, and demotes headings', async (): Promise<void> => {
    const root = tempProject({
      'docs/architecture_decisions.md': '# Decisions\n\nKept as is.',
      'TODO.md': '# TODO\n\n## Soon\n- a\n',
      'NOTES.md': 'plain line without newline',
      'CHANGELOG.md': '##### Deep\n###### Deeper\n',
    });
    const changes = await plan(root);
    expect(changes.writes.get(path.join(root, 'docs/architecture_decisions.md'))).toBe(
      [
        '# Decisions',
        '',
        'Kept as is.',
        '',
        '## `CHANGELOG.md`',
        '',
        '##### Deep',
        '###### Deeper',
        '',
        '## `NOTES.md`',
        '',
        'plain line without newline',
        '',
        '## `TODO.md`',
        '',
        '### TODO',
        '',
        '#### Soon',
        '- a',
        '',
      ].join('\n'),
    );
  });

  it('keeps a byte order mark only at the start of a file and gives moved text the destination line endings', async (): Promise<void> => {
    const root = tempProject({
      'docs/architecture_decisions.md': '\uFEFF# Decisions\r\n\r\nSee [the TODO](../TODO.md#later).\r\n',
      'TODO.md': '\uFEFF# TODO\n\n## Later\n- a\n',
    });
    const changes = await plan(root);
    expect(changes.writes.get(path.join(root, 'docs/architecture_decisions.md'))).toBe(
      '\uFEFF# Decisions\r\n\r\nSee [the TODO](#later).\r\n\r\n## `TODO.md`\r\n\r\n### TODO\r\n\r\n#### Later\r\n- a\r\n',
    );
  });

  it('fences a text doc with a fence longer than its own, and says when a moved reference label clashes', async (): Promise<void> => {
    const root = tempProject({
      'docs/architecture_decisions.md': '# Decisions\n\nSee [the spec][spec].\n\n[spec]: https://example.com/v1\n',
      'NOTES.md': 'The [Spec] moved.\n\n[SPEC]: https://example.com/v2\n',
      'TODO.txt': 'run:\n```sh\nmake\n```\n',
    });
    const changes = await plan(root);
    expect(changes.writes.get(path.join(root, 'docs/architecture_decisions.md'))).toBe(
      [
        '# Decisions',
        '',
        'See [the spec][spec].',
        '',
        '[spec]: https://example.com/v1',
        '',
        '## `NOTES.md`',
        '',
        'The [Spec] moved.',
        '',
        '[SPEC]: https://example.com/v2',
        '',
        '## `TODO.txt`',
        '',
        '````text',
        'run:',
        '```sh',
        'make',
        '```',
        '````',
        '',
      ].join('\n'),
    );
    expect(relative(root, changes).notes).toContain(
      'NOTES.md: defines the link reference [SPEC], already defined above it in docs/architecture_decisions.md: the first definition wins there; rename one',
    );
  });

  it('says which fact source it could not read, and scaffolds without it (here: nothing worth a doc is left)', async (): Promise<void> => {
    const root = tempProject({ 'package.json': '{ "name": "broken", }\n', '.mcp.json': '[]\n', 'docs/architecture_decisions.md': '# A\n' });
    const changes = relative(root, await plan(root, {}, { docs: { remove: ['docs/performance_benchmarks.md', 'docs/ai_coding_patterns.md'] } }));
    expect(changes.writes).toEqual([]);
    expect(changes.notes.filter((note: string): boolean => !note.startsWith('docs/'))).toEqual([
      '.mcp.json: is not a JSON object; its facts are left out of the new docs',
      // JSON.parse's own wording differs between Node versions.
      expect.stringMatching(/^package\.json: is not valid JSON \(.*position 20.*\); its facts are left out of the new docs$/u),
    ]);
  });
});

describe('readMarkdown', (): void => {
  it('reads headings as GitHub slugs them, and only real link destinations, with their offsets', (): void => {
    const text = [
      '---',
      'title: [not](a-link.md)',
      '---',
      '# The `fix` [command](cmd.md "title") &amp; \\*more\\* <b>x</b>[^1]',
      '',
      'Two line',
      'setext',
      '------',
      '',
      '[^1]: a footnote, not a definition',
      '',
      '[ref]: <docs/a b.md>',
      '',
      '```md',
      '# not a heading [nor](link.md)',
      '',
    ].join('\n');
    const doc = readMarkdown(text);
    expect(doc.headings.map((heading) => [heading.depth, heading.text, heading.setext, text.slice(heading.start, heading.end)])).toEqual([
      [1, 'The fix command & *more* <b>x</b>', false, '# The `fix` [command](cmd.md "title") &amp; \\*more\\* <b>x</b>[^1]'],
      [2, 'Two line setext', true, 'Two line\nsetext\n------'],
    ]);
    expect(doc.links.map((link) => [link.url, text.slice(link.start, link.end), link.bracketed])).toEqual([
      ['cmd.md', 'cmd.md', false],
      ['docs/a b.md', 'docs/a b.md', true],
    ]);
    expect(doc.definitions).toEqual([{ label: 'ref', key: 'REF' }]);
    expect(doc.frontmatter).toEqual({ end: 31, language: 'yaml' });
    expect(doc.unclosedFence).toBe('```');
  });
});
