import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from './run-node.js';

// The repository follows its own standards: eslint.config.js enables the built plugin's recommended
// config (and eslint-plugin-eslint-plugin for the rules), and both `eslint .` and `perf-standards check .`
// find nothing. `npm test` builds dist/ first.
const repoRoot = REPO_ROOT;
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
const cliBin = CLI_BIN;


interface LintResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly line: number; readonly message: string }[];
}

const toRepoPath = (file: string): string => path.relative(repoRoot, file).split(path.sep).join('/');

const problemsOf = (results: readonly LintResult[]): string[] =>
  results.flatMap((result: LintResult): string[] =>
    result.messages.map((message): string => `${toRepoPath(result.filePath)}:${message.line} ${message.ruleId} ${message.message}`),
  );

describe('the repository config', () => {
  const eslint = new ESLint({ cwd: repoRoot });

  it('enables every perf-standards rule of recommended and eslint-plugin-eslint-plugin on rule sources', async () => {
    const ruleSource = (await eslint.calculateConfigForFile('rules/no-one-off-scripts.ts')) as {
      rules: Record<string, unknown>;
    };
    expect(Object.keys(ruleSource.rules)).toEqual(
      expect.arrayContaining([
        'perf-standards/no-one-off-scripts',
        'perf-standards/no-generic-filenames',
        'perf-standards/no-trivial-docs',
        'perf-standards/require-docs',
        'eslint-plugin/no-missing-message-ids',
        'eslint-plugin/require-meta-schema-description',
      ]),
    );
  });

  it('ignores the fixtures, which break the standards on purpose, and build output', async () => {
    expect(await eslint.isPathIgnored('fixtures/require-docs/missing-all/package.json')).toBe(true);
    expect(await eslint.isPathIgnored('dist/index.js')).toBe(true);
    expect(await eslint.isPathIgnored('rules/require-docs.ts')).toBe(false);
  });

  it('reports one-off names in this repository, in TypeScript and in files it only names (Python, docs)', async () => {
    const probes: readonly (readonly [string, string])[] = [
      ['cli/temp_probe.ts', 'export const probe: number = 1;\n'],
      ['bench/fix_probe.py', 'print("probe")\n'],
      ['docs/TODO.md', '- [ ] probe\n'],
    ];
    const ruleIds = await Promise.all(
      probes.map(async ([file, text]: readonly [string, string]): Promise<(string | null)[]> => {
        const [result] = await eslint.lintText(text, { filePath: path.join(repoRoot, file) });
        return result?.messages.map((message): string | null => message.ruleId) ?? [];
      }),
    );
    expect(ruleIds).toEqual([
      ['perf-standards/no-one-off-scripts'],
      ['perf-standards/no-one-off-scripts'],
      ['perf-standards/no-trivial-docs'],
    ]);
  });
});

describe('the repository follows its own standards', () => {
  it('`eslint .` reports no problem, on sources, tests, docs and package.json', async () => {
    const linted = await runNode([eslintBin, '.', '--format', 'json', '--max-warnings', '0']);
    const results = JSON.parse(linted.stdout) as LintResult[];
    expect(problemsOf(results)).toEqual([]);
    expect(linted.code, linted.stderr).toBe(0);
    const files = results.map((result: LintResult): string => toRepoPath(result.filePath));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'index.ts',
        'rules/require-docs.ts',
        'tests/dogfood.test.ts',
        'docs/architecture_decisions.md',
        'eslint.config.js',
      ]),
    );
  });

  it('`perf-standards check .` uses this config, reports nothing and exits 0', async () => {
    const checked = await runNode([cliBin, 'check', '.']);
    expect(checked.stderr).toBe('');
    expect(checked.code, checked.stdout).toBe(0);
    // Naming eslint.config.js proves it adopted this config (fixtures/ ignored), not the bare recommended one.
    expect(checked.stdout).toMatch(/^Checked \d+ files with eslint\.config\.js: no problems\.\n$/u);
  });

  it('`perf-standards check . --format json --max-warnings 0` lists no problem and exits 0', async () => {
    const checked = await runNode([cliBin, 'check', '.', '--format', 'json', '--max-warnings', '0']);
    const results = JSON.parse(checked.stdout) as LintResult[];
    expect(problemsOf(results)).toEqual([]);
    expect(results.map((result: LintResult): string => toRepoPath(result.filePath))).toEqual(
      expect.arrayContaining(['package.json', 'rules/require-docs.ts', 'docs/mcp_integration_guide.md']),
    );
    expect(checked.code, checked.stderr).toBe(0);
  });
});
