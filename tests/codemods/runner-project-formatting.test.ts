import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import wrapPerformanceMonitor from '../../codemods/wrap-performance-monitor.js';
import type { FileCodemod } from '../../codemods/runner/contract.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';
import { REPO_ROOT } from '../run-node.js';

// Issue 17 §2: inserted code follows the project's formatting. The project's own Prettier (here linked
// into each temporary project's node_modules) formats the edited part of a file that was formatted before.

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Readonly<Record<string, string>>, withPrettier = true): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'project-formatting-')));
  temporary.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  if (withPrettier) {
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', 'prettier'), path.join(root, 'node_modules', 'prettier'), 'dir');
  }
  return root;
}

/** Inserts a badly formatted line after the first one, as a careless codemod would. */
const careless: FileCodemod = {
  kind: 'file',
  name: 'careless',
  description: 'Inserts unformatted code.',
  rule: 'no-one-off-scripts',
  order: 1,
  extensions: ['.ts', '.md'],
  transform(file) {
    if (file.source.includes('inserted')) return undefined;
    const firstBreak = file.source.indexOf('\n') + 1;
    const line = file.path.endsWith('.md') ? '*   inserted   item\n' : "const   inserted={a:1,b:\"two\"}\n";
    return `${file.source.slice(0, firstBreak)}${line}${file.source.slice(firstBreak)}`;
  },
};

const PRETTIERRC = JSON.stringify({ semi: false, singleQuote: true });
const FORMATTED = "import { a } from './a'\n\nexport const b = a + 1\n";
const run = (root: string, codemod: FileCodemod = careless): ReturnType<typeof runCodemods> => runCodemods({ root, codemods: [codemod], force: true, jobs: 1 });
const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const check = async (root: string, file: string): Promise<boolean> =>
  prettier.check(read(root, file), { ...(await prettier.resolveConfig(path.join(root, file), { editorconfig: true })), filepath: path.join(root, file) });

describe('inserted code follows the project\'s Prettier formatting', () => {
  it('a file prettier --check accepted is accepted after the edit: the inserted line is formatted with the project\'s config', async () => {
    const root = project({ '.prettierrc': PRETTIERRC, 'src/b.ts': FORMATTED });
    expect(await check(root, 'src/b.ts')).toBe(true);
    await run(root);
    expect(read(root, 'src/b.ts')).toBe("import { a } from './a'\nconst inserted = { a: 1, b: 'two' }\n\nexport const b = a + 1\n");
    expect(await check(root, 'src/b.ts')).toBe(true);
  });

  it('an .editorconfig alone is the project\'s formatting too (tabs, here)', async () => {
    const root = project({ '.editorconfig': 'root = true\n\n[*]\nindent_style = tab\n', 'src/b.ts': 'export function f() {\n\treturn 1;\n}\n' });
    const tabs: FileCodemod = { ...careless, transform: (file) => (file.source.includes('inserted') ? undefined : file.source.replace('\treturn 1;', '  const inserted = {\n  a: 1 };\n\treturn 1;')) };
    await run(root, tabs);
    expect(read(root, 'src/b.ts')).toBe('export function f() {\n\tconst inserted = {\n\t\ta: 1,\n\t};\n\treturn 1;\n}\n');
  });

  it('a file that was not formatted before is left as the codemod wrote it: formatting it would change lines no codemod edited', async () => {
    const root = project({ '.prettierrc': PRETTIERRC, 'src/b.ts': 'import {a} from "./a";\nexport const b=a+1;\n' });
    await run(root);
    expect(read(root, 'src/b.ts')).toBe('import {a} from "./a";\nconst   inserted={a:1,b:"two"}\nexport const b=a+1;\n');
  });

  it('no Prettier config and no .editorconfig, Prettier not installed, or the file in .prettierignore: nothing is formatted', async () => {
    const unconfigured = project({ 'src/b.ts': FORMATTED });
    const uninstalled = project({ '.prettierrc': PRETTIERRC, 'src/b.ts': FORMATTED }, false);
    const ignored = project({ '.prettierrc': PRETTIERRC, '.prettierignore': 'src/b.ts\n', 'src/b.ts': FORMATTED });
    const expected = "import { a } from './a'\nconst   inserted={a:1,b:\"two\"}\n\nexport const b = a + 1\n";
    await Promise.all([unconfigured, uninstalled, ignored].map((root: string) => run(root)));
    for (const root of [unconfigured, uninstalled, ignored]) expect(read(root, 'src/b.ts')).toBe(expected);
  });

  it('a language without range formatting (Markdown) is formatted whole, only when it was formatted before', async () => {
    const root = project({ '.prettierrc': PRETTIERRC, 'docs/a.md': '# Title\n\n- one\n- two\n' });
    await run(root);
    // Prettier marks a list that follows another with `*`: the edit's layout, as `prettier --write` gives it.
    expect(read(root, 'docs/a.md')).toBe('# Title\n\n- inserted item\n\n* one\n* two\n');
    expect(await check(root, 'docs/a.md')).toBe(true);
  });

  it('wrap-performance-monitor on a Prettier-formatted project (no semicolons, single quotes): prettier --check still passes', async () => {
    const source = "import { names } from '../names.js'\n\nexport async function greet(who: string): Promise<string> {\n  return `hello ${who} ${names.length}`\n}\n";
    const root = project({
      '.prettierrc': PRETTIERRC,
      'package.json': JSON.stringify({ name: 'formatted', private: true, type: 'module', dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } }),
      'src/api/users.ts': source,
      'src/names.ts': "export const names: readonly string[] = []\n",
    });
    expect(await check(root, 'src/api/users.ts')).toBe(true);
    const report = await run(root, wrapPerformanceMonitor);
    expect(report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['src/api/users.ts']);
    expect(read(root, 'src/api/users.ts')).toContain('measure(');
    expect(await check(root, 'src/api/users.ts')).toBe(true);
  });
});
