import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from '../run-node.js';

// The README's pattern for options of a typed rule, a rules-only block without `files`, in a project with
// a README.md and a Python script (../shared/cases/typed-rule-rules-only-block), and its misconfigured
// variants: `check` judges what it can and names the rule, the file and the fix for what it cannot.

const pluginUrl = pathToFileURL(path.join(REPO_ROOT, 'dist', 'index.js')).href;
const typescriptPluginUrl = pathToFileURL(path.join(REPO_ROOT, 'node_modules', '@typescript-eslint', 'eslint-plugin', 'dist', 'index.js')).href;
const temporaryDirs: string[] = [];

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

const WORDS = 'This document has enough real words to count as content for the required docs standard of this small sample project.\n';

/** The case project, its docs complete so that only the typed rule can report, with `config` as its blocks. */
function project(configBlocks: readonly string[], extraFiles: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-typed-check-'));
  temporaryDirs.push(dir);
  const files: Record<string, string> = {
    'package.json': '{"name": "typed-rule-rules-only-block", "private": true, "type": "module"}\n',
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "es2022", "module": "nodenext", "noEmit": true }, "include": ["src"] }\n',
    'README.md': '# Demo\n',
    'scripts/seed.py': "print('hi')\n",
    'src/count.ts': 'export const n: number = 1;\n',
    'docs/architecture_decisions.md': `# Decisions\n\n${WORDS}`,
    'docs/performance_benchmarks.md': `# Benchmarks\n\n${WORDS}`,
    'docs/mcp_integration_guide.md': `# MCP\n\n${WORDS}`,
    'docs/ai_coding_patterns.md': `# Patterns\n\n${WORDS}`,
    'eslint.config.js': [
      `import perfStandards from '${pluginUrl}';`,
      `import typescriptEslint from '${typescriptPluginUrl}';`,
      'export default [',
      ...configBlocks.map((block: string): string => `  ${block},`),
      '];',
      '',
    ].join('\n'),
    ...extraFiles,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const check = (dir: string, ...args: string[]): Promise<Finished> => runNode([CLI_BIN, 'check', ...args], dir);

const TYPED = '...perfStandards.configs.recommendedTypeChecked';
const TSCONFIG_ROOT = "{ files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } }";
const RULES_ONLY = "{ rules: { 'perf-standards/require-type-coverage': ['error', { threshold: 90 }] } }";

describe('perf-standards check with a typed rule enabled in a block without `files`', () => {
  it('judges the TypeScript files and skips README.md and the .py file', async () => {
    const dir = project([TYPED, TSCONFIG_ROOT, RULES_ONLY], { 'src/loose.ts': 'export const parsed = JSON.parse("1");\n' });
    const { code, stdout, stderr } = await check(dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout.slice(stdout.indexOf('✖'))).toBe(
      [
        '✖ 2 problems (2 errors, 0 warnings)',
        '',
        'perf-standards/require-type-coverage: 1 file',
        '',
        'Fix automatically:',
        '  perf-standards fix add-explicit-types  # perf-standards/require-type-coverage',
        '',
        'Checked 10 files with eslint.config.js: 2 errors, 0 warnings.',
        '',
      ].join('\n'),
    );
    expect(stdout).toContain('1:1   error  Type coverage 66.66% (2/3) is below 90%');
  });

  it('says in one line which rule needs type information for which file, and how to give it', async () => {
    const dir = project(['...perfStandards.configs.recommended', RULES_ONLY]);
    expect(await check(dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'perf-standards check: perf-standards/require-type-coverage needs type information for src/count.ts, which was parsed without it: lint TypeScript files with type information (`...perfStandards.configs.recommendedTypeChecked`, or `languageOptions.parserOptions.projectService: true` in a config block whose `files` include this file), or turn the rule off for it.\n',
    });
  });

  it("says so for typescript-eslint's typed rules too, on a file that cannot have type information", async () => {
    const dir = project([
      TYPED,
      TSCONFIG_ROOT,
      "{ files: ['README.md'], plugins: { '@typescript-eslint': typescriptEslint }, rules: { '@typescript-eslint/no-unsafe-assignment': 'error' } }",
    ]);
    expect(await check(dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "perf-standards check: @typescript-eslint/no-unsafe-assignment needs type information, which README.md cannot have: enable the rule for TypeScript files only (`files: ['**/*.{ts,tsx,mts,cts}']` on its config block), or turn it off for this file.\n",
    });
  });

  it('names the config problem ESLint finds in a block for some files only', async () => {
    const dir = project([TYPED, TSCONFIG_ROOT, "{ files: ['scripts/*.py'], rules: { 'nope/nope': 'error' } }"]);
    expect(await check(dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'perf-standards check: cannot use the ESLint config: eslint.config.js:6:39: unknown rule nope/nope: no plugin "nope" is loaded in this config\n' +
        'Key "rules": Key "nope/nope": Could not find plugin "nope" in configuration.\n',
    });
  });
});
