import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodemodOptions, FileCodemod, FileCodemodProjectInput } from '../../codemods/runner/contract.js';
import { CodemodConfigurationError } from '../../codemods/runner/preflight.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes into each selected `.txt` file how many files of the whole project mention its name. */
function mentionCounter(seen: FileCodemodProjectInput[], order = 1): FileCodemod {
  return {
    kind: 'file',
    name: 'mention-counter',
    description: 'Counts mentions.',
    rule: 'no-one-off-scripts',
    order,
    extensions: ['.txt'],
    async projectOptions(input: FileCodemodProjectInput): Promise<(file: string) => CodemodOptions> {
      seen.push(input);
      const texts = await Promise.all(input.projectFiles.map((file: string): Promise<string> => input.readText(file)));
      return (file: string): CodemodOptions => {
        const name = path.basename(file, '.txt');
        return { mentions: texts.filter((text: string): boolean => text.includes(name)).length };
      };
    },
    transform(file, _api, options) {
      return `${file.source.trimEnd()} mentioned ${String(options.mentions)} times; limit ${String(options.limit)}\n`;
    },
  };
}

describe('a file codemod’s projectOptions', () => {
  it('reads the whole project once, selected or not, and each file’s transform gets its facts beside its options', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runner-project-options-')));
    temporary.push(root);
    fs.mkdirSync(path.join(root, 'src'));
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'src', 'alpha.txt'), 'alpha\n');
    fs.writeFileSync(path.join(root, 'docs', 'notes.md'), 'alpha and beta\n');
    fs.writeFileSync(path.join(root, 'docs', 'beta.txt'), 'beta\n');
    const seen: FileCodemodProjectInput[] = [];
    const report = await runCodemods({ root, paths: ['src'], codemods: [mentionCounter(seen)], force: true, jobs: 1, extraOptions: { limit: 3 } });
    expect(report.files.map((file) => `${file.path} ${file.status}`)).toEqual(['src/alpha.txt changed']);
    expect(fs.readFileSync(path.join(root, 'src', 'alpha.txt'), 'utf8')).toBe('alpha mentioned 2 times; limit 3\n');
    expect(fs.readFileSync(path.join(root, 'docs', 'beta.txt'), 'utf8')).toBe('beta\n');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.files).toEqual([path.join(root, 'src', 'alpha.txt')]);
    expect([...(seen[0]?.projectFiles ?? [])].sort()).toEqual([path.join(root, 'docs', 'beta.txt'), path.join(root, 'docs', 'notes.md'), path.join(root, 'src', 'alpha.txt')]);
  });

  it('runs before any codemod of the run writes: the facts are the project as the run found it', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runner-project-options-')));
    temporary.push(root);
    fs.writeFileSync(path.join(root, 'alpha.txt'), 'alpha\n');
    const mentioner: FileCodemod = {
      kind: 'file',
      name: 'mentioner',
      description: 'Mentions alpha again.',
      rule: 'no-one-off-scripts',
      order: 0,
      extensions: ['.txt'],
      transform: (file) => `${file.source.trimEnd()} alpha\n`,
    };
    const report = await runCodemods({ root, codemods: [mentioner, mentionCounter([], 2)], force: true, jobs: 1 });
    expect(report.files.map((file) => `${file.codemod} ${file.path} ${file.status}`)).toEqual(['mentioner alpha.txt changed', 'mention-counter alpha.txt changed']);
    // One file mentioned alpha when the run started, though the first codemod added a mention before the second ran.
    expect(fs.readFileSync(path.join(root, 'alpha.txt'), 'utf8')).toBe('alpha alpha mentioned 1 times; limit undefined\n');
  });

  it('a CodemodConfigurationError it throws stops the run with nothing written, an earlier codemod’s edits included', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runner-project-options-')));
    temporary.push(root);
    fs.writeFileSync(path.join(root, 'alpha.txt'), 'alpha\n');
    const refusing: FileCodemod = {
      ...mentionCounter([], 2),
      name: 'refusing',
      projectOptions: () => Promise.reject(new CodemodConfigurationError('set the monitor option')),
    };
    await expect(runCodemods({ root, codemods: [mentionCounter([]), refusing], force: true, jobs: 1 })).rejects.toThrow(new CodemodConfigurationError('set the monitor option'));
    expect(fs.readFileSync(path.join(root, 'alpha.txt'), 'utf8')).toBe('alpha\n');
  });
});
