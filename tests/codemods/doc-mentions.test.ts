import { describe, expect, it } from 'vitest';
import { describeMentions, findDocMentions, type RewrittenSpan } from '../../standards/docs/doc-mentions.js';

function mentions(files: Readonly<Record<string, string>>, docs: readonly string[], spans: readonly RewrittenSpan[] = []): Record<string, string[]> {
  const found = findDocMentions({
    files: Object.keys(files),
    docs,
    read: (file: string): string | null => files[file] ?? null,
    rewrittenSpans: (file: string): readonly RewrittenSpan[] => (file === 'README.md' ? spans : []),
  });
  return Object.fromEntries([...found].map(([doc, places]): [string, string[]] => [doc, places.map((place) => `${place.file}:${place.line}`)]));
}

describe('findDocMentions', (): void => {
  it('finds the file name as a whole word in any letter case, once per line, in every file but the doc itself', (): void => {
    expect(
      mentions(
        {
          'CHANGELOG.md': 'CHANGELOG.md names itself\n',
          'pyproject.toml': 'a = 1\ninclude = ["CHANGELOG.md", "changelog.md"]\n',
          'misc/tool.py': "x = './CHANGELOG.md'\ny = 'OLD_CHANGELOG.md', 'CHANGELOG.md.bak', 'my-changelog.md', 'CHANGELOG.mdx'\nz = 'CHANGELOG.md.'\n",
          'docs/index.rst': '.. _log: https://github.com/o/r/blob/master/CHANGELOG.md\n',
        },
        ['CHANGELOG.md'],
      ),
    ).toEqual({ 'CHANGELOG.md': ['pyproject.toml:2', 'misc/tool.py:1', 'misc/tool.py:3', 'docs/index.rst:1'] });
  });

  it('skips binary files and the spans the codemod rewrites for the doc they reach', (): void => {
    const readme = '[TODO.md](TODO.md) and [TODO.md](elsewhere/TODO.md)\n';
    const spans: RewrittenSpan[] = [
      { start: 0, end: 18, target: 'TODO.md' },
      { start: 23, end: 52, target: 'elsewhere/TODO.md' },
    ];
    expect(mentions({ 'logo.png': '\u0000PNG TODO.md', 'README.md': readme }, ['TODO.md'], spans)).toEqual({ 'TODO.md': ['README.md:1'] });
  });

  it('reads a bare name as the file in the same folder, else at the root; after a path or when neither exists, as any doc of that name', (): void => {
    const project = {
      'NOTES.md': '',
      'docs/NOTES.md': '',
      'benchmark/README.md': '',
      'README.md': '',
      'pyproject.toml': 'readme = "README.md"\n',
      'Makefile': 'cat NOTES.md\ncat ./NOTES.md\n',
      'docs/build.sh': 'cat NOTES.md\n',
      'tools/run.sh': 'cat README.md\n',
    };
    expect(mentions(project, ['NOTES.md', 'docs/NOTES.md', 'benchmark/README.md'])).toEqual({
      'NOTES.md': ['Makefile:1', 'Makefile:2'],
      'docs/NOTES.md': ['Makefile:2', 'docs/build.sh:1'],
    });
    const { 'README.md': _root, ...withoutRootReadme } = project;
    expect(mentions(withoutRootReadme, ['benchmark/README.md'])).toEqual({ 'benchmark/README.md': ['pyproject.toml:1', 'tools/run.sh:1'] });
  });
});

describe('describeMentions', (): void => {
  it('groups lines by file and names at most five files', (): void => {
    const places = ['a:1', 'a:4', 'b:2', 'c:3', 'd:9', 'e:1', 'f:2', 'g:3'].map((place: string) => {
      const [file = '', line = '0'] = place.split(':');
      return { file, line: Number(line) };
    });
    expect(describeMentions(places)).toBe('a:1,4, b:2, c:3, d:9, e:1 and 2 more files');
    expect(describeMentions(places.slice(0, 2))).toBe('a:1,4');
  });
});
