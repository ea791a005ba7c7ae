import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from '../run-node.js';

// End to end: the built command (`npm test` builds dist/ first) run as users run it, on the sample
// repository fixtures/workspace. Tests that need git or change files work on a copy in a temp folder.
const repoRoot = REPO_ROOT;
const cliBin = CLI_BIN;
const fixture = path.join(repoRoot, 'fixtures', 'workspace');

const runCheck = (args: readonly string[], cwd: string = repoRoot): Promise<Finished> => runNode([cliBin, 'check', ...args], cwd);

interface JsonResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly severity: number; readonly message: string }[];
}

/** `file rule severity` per message, files relative to `root`, sorted. */
function reportsOf(stdout: string, root: string): string[] {
  const results = JSON.parse(stdout) as JsonResult[];
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.relative(root, result.filePath).split(path.sep).join('/')} ${message.ruleId} ${message.severity === 2 ? 'error' : 'warn'}`,
      ),
    )
    .sort();
}

const FIXTURE_REPORTS = [
  'CHANGELOG.md perf-standards/no-trivial-docs error',
  'SETUP.md perf-standards/no-trivial-docs error',
  'TODO.md perf-standards/no-trivial-docs error',
  'backup_db.sh perf-standards/no-one-off-scripts error',
  'helpers.py perf-standards/no-generic-filenames warn',
  'package.json perf-standards/require-docs error',
  'packages/ingest/src/index.ts perf-standards/require-performance-docs warn',
  'packages/ingest/src/index.ts perf-standards/require-performance-docs warn',
  'packages/ingest/src/one_time_backfill.ts perf-standards/no-one-off-scripts error',
  'scripts/quick_cleanup.js perf-standards/no-one-off-scripts error',
  'src/README.md perf-standards/no-trivial-docs error',
  'src/log-record.ts perf-standards/require-performance-docs warn',
  'src/route-stats.ts perf-standards/require-performance-docs warn',
  'src/services/log-store.ts perf-standards/require-performance-monitor error',
  'src/temp_parse_logs.ts perf-standards/no-one-off-scripts error',
  'src/temp_parse_logs.ts perf-standards/require-performance-docs warn',
  'src/temp_parse_logs.ts perf-standards/require-performance-docs warn',
  'src/utils.ts perf-standards/no-generic-filenames warn',
  'src/utils.ts perf-standards/require-performance-docs warn',
  'src/utils.ts perf-standards/require-performance-docs warn',
  'src/utils.ts perf-standards/require-performance-docs warn',
  'tools/fix_encoding.py perf-standards/no-one-off-scripts error',
];

// Ignored by the fixture's .gitignore (`generated/`): written into every copy, since this repository's
// git ignores it too and a fresh clone may not have it.
const IGNORED_ONE_OFF = 'generated/temp_log_schema.ts';

const temporaryDirs: string[] = [];

function fixtureCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-check-'));
  temporaryDirs.push(dir);
  cpSync(fixture, dir, { recursive: true });
  mkdirSync(path.join(dir, 'generated'), { recursive: true });
  writeFileSync(path.join(dir, IGNORED_ONE_OFF), 'export const FIELDS = [] as const;\n');
  return dir;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
}

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describe('perf-standards check on fixtures/workspace', () => {
  it('reports exactly the expected files and rules, with fixtures/workspace as the project root', async () => {
    const { code, stdout, stderr } = await runCheck(['fixtures/workspace', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(reportsOf(stdout, fixture)).toEqual(FIXTURE_REPORTS);
    const packageJson = (JSON.parse(stdout) as JsonResult[]).find(
      (result) => result.filePath === path.join(fixture, 'package.json'),
    );
    expect(packageJson?.messages.map((message) => message.message)).toEqual([
      'Project root `.` lacks required docs: `docs/performance_benchmarks.md` (empty: 6 of at least 20 words), `docs/mcp_integration_guide.md` (missing), `docs/ai_coding_patterns.md` (missing). Run `perf-standards fix consolidate-docs` to scaffold `docs/ai_coding_patterns.md` from the project\'s facts; write by hand `docs/performance_benchmarks.md` (performance metrics, targets and the commands that measure them), `docs/mcp_integration_guide.md` (how the project uses MCP servers).',
    ]);
  });

  it('prints the stylish report, one summary line per rule and the codemods that fix them', async () => {
    const { code, stdout, stderr } = await runCheck(['fixtures/workspace']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const reportedFiles = stdout
      .split('\n')
      .filter((line) => line.startsWith('/') || /^[A-Z]:\\/u.test(line))
      .map((line) => path.relative(fixture, line).split(path.sep).join('/'));
    expect(reportedFiles).toEqual([...new Set(FIXTURE_REPORTS.map((report) => report.split(' ')[0]))].sort());
    expect(stdout).toContain('✖ 22 problems (11 errors, 11 warnings)\n');
    expect(stdout.slice(stdout.indexOf('✖'))).toBe(
      [
        '✖ 22 problems (11 errors, 11 warnings)',
        '',
        'perf-standards/no-generic-filenames: 2 files',
        'perf-standards/no-one-off-scripts: 5 files',
        'perf-standards/no-trivial-docs: 4 files',
        'perf-standards/require-docs: 1 file',
        'perf-standards/require-performance-docs: 5 files',
        'perf-standards/require-performance-monitor: 1 file',
        '',
        'Fix automatically:',
        '  perf-standards fix rename-one-off-scripts fixtures/workspace  # perf-standards/no-one-off-scripts',
        '  perf-standards fix consolidate-docs fixtures/workspace        # perf-standards/no-trivial-docs, perf-standards/require-docs',
        '',
        // The workspace does not depend on the plugin: the codemod would refuse, so check says what to set first.
        'Fix once configured (perf-standards/require-performance-monitor): wrap-performance-monitor would import `eslint-plugin-perf-standards/runtime` into production code (src/services/log-store.ts), but `eslint-plugin-perf-standards` is not in the dependencies of package.json. Set the `monitor.module` option of `perf-standards/require-performance-monitor` in your ESLint config to a module production code can import: a file of the project (`"./src/monitor.js"`, a path from the project root) or a package in `dependencies`; see docs/codemods/wrap-performance-monitor.md.',
        '  then: perf-standards fix wrap-performance-monitor fixtures/workspace',
        '',
        'Checked 24 files with the perf-standards recommended config: 11 errors, 11 warnings.',
        '',
      ].join('\n'),
    );
  });

  it('recommends wrap-performance-monitor with the others once production code can import the monitor', async () => {
    const dir = fixtureCopy();
    const manifest = path.join(dir, 'package.json');
    const declared = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifest, `${JSON.stringify({ ...declared, dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } }, null, 2)}\n`);
    const { stdout } = await runCheck(['.'], dir);
    expect(stdout.slice(stdout.indexOf('Fix automatically:'), stdout.indexOf('Checked '))).toBe(
      [
        'Fix automatically:',
        '  perf-standards fix rename-one-off-scripts .    # perf-standards/no-one-off-scripts',
        '  perf-standards fix consolidate-docs .          # perf-standards/no-trivial-docs, perf-standards/require-docs',
        '  perf-standards fix wrap-performance-monitor .  # perf-standards/require-performance-monitor',
        '',
        '',
      ].join('\n'),
    );
  });

  it('--quiet leaves out warnings but still fails on errors', async () => {
    const { code, stdout } = await runCheck(['fixtures/workspace', '--quiet', '--format', 'json']);
    expect(code).toBe(1);
    expect(reportsOf(stdout, fixture)).toEqual(FIXTURE_REPORTS.filter((report) => report.endsWith(' error')));
  });

  it('writes SARIF 2.1.0 that GitHub code scanning accepts, with paths relative to the repository', async () => {
    const { code, stdout } = await runCheck(['fixtures/workspace', '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri: string }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    const { driver } = run!.tool;
    expect(driver.name).toBe('perf-standards');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(driver.informationUri).toMatch(/^https:\/\//u);
    expect(driver.rules.map((rule) => rule.id)).toEqual([
      'perf-standards/no-generic-filenames',
      'perf-standards/no-one-off-scripts',
      'perf-standards/no-trivial-docs',
      'perf-standards/require-docs',
      'perf-standards/require-performance-docs',
      'perf-standards/require-performance-monitor',
    ]);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(20);
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id.slice('perf-standards/'.length)}\\.md$`, 'u'));
    }
    // This repository is a git work tree, so URIs are relative to its root, as GitHub resolves them.
    expect(run!.originalUriBaseIds['%SRCROOT%']?.uri).toBe(pathToFileURL(`${repoRoot}${path.sep}`).href);
    const reports = run!.results.map((result) => {
      const [location] = result.locations;
      const { artifactLocation, region } = location!.physicalLocation;
      expect(result.ruleId).toBe(driver.rules[result.ruleIndex]?.id);
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(result.message.text.length).toBeGreaterThan(0);
      return `${artifactLocation.uri.replace('fixtures/workspace/', '')} ${result.ruleId} ${result.level === 'error' ? 'error' : 'warn'}`;
    });
    expect(reports.sort()).toEqual(FIXTURE_REPORTS);
    expect(run!.results.every((result) => result.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('fixtures/workspace/'))).toBe(true);
  });
});

describe('perf-standards check: .gitignore', () => {
  it('skips what the root .gitignore ignores outside a git work tree, and only that', async () => {
    const dir = fixtureCopy();
    expect(existsSync(path.join(dir, IGNORED_ONE_OFF))).toBe(true);
    const ignored = await runCheck(['--format', 'json'], dir);
    expect(ignored.code).toBe(1);
    expect(reportsOf(ignored.stdout, dir)).toEqual(FIXTURE_REPORTS);

    rmSync(path.join(dir, '.gitignore'));
    const unignored = await runCheck(['--format', 'json'], dir);
    expect(reportsOf(unignored.stdout, dir)).toEqual(
      [...FIXTURE_REPORTS, `${IGNORED_ONE_OFF} perf-standards/no-one-off-scripts error`].sort(),
    );
  });

  it('asks git in a work tree: nested .gitignore files and tracked files that match a pattern are skipped', async () => {
    const dir = fixtureCopy();
    writeFileSync(path.join(dir, 'packages', 'ingest', '.gitignore'), 'fixtures/\n');
    mkdirSync(path.join(dir, 'packages', 'ingest', 'fixtures'));
    writeFileSync(path.join(dir, 'packages', 'ingest', 'fixtures', 'quick_sample.js'), 'export default [];\n');
    writeFileSync(path.join(dir, 'scripts', 'backup_reports.sh'), 'echo backup\n');
    git(dir, 'init', '-q');
    writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'scripts/backup_reports.sh\n');
    git(dir, 'add', '-A');
    // Force-added, so tracked, but still matched by the nested .gitignore's `fixtures/`.
    git(dir, 'add', '-f', 'packages/ingest/fixtures/quick_sample.js');

    const { code, stdout } = await runCheck(['--format', 'json'], dir);
    expect(code).toBe(1);
    expect(reportsOf(stdout, dir)).toEqual(FIXTURE_REPORTS);
  });
});

describe('perf-standards check: configuration', () => {
  it("uses the project's eslint.config.js when it enables the plugin, with the user's options", async () => {
    const dir = fixtureCopy();
    const pluginUrl = pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href;
    writeFileSync(
      path.join(dir, 'eslint.config.js'),
      [
        `import perfStandards from '${pluginUrl}';`,
        '',
        'export default [',
        '  ...perfStandards.configs.recommended,',
        "  { rules: { 'perf-standards/no-generic-filenames': 'off' } },",
        "  { files: ['packages/*/README.md'], rules: { 'perf-standards/no-trivial-docs': ['error', { allowReadmeIn: ['.', 'packages/*'] }] } },",
        '];',
        '',
      ].join('\n'),
    );
    const json = await runCheck(['--format', 'json'], dir);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    expect(reportsOf(json.stdout, dir)).toEqual(
      FIXTURE_REPORTS.filter(
        (report) => !report.includes('no-generic-filenames'),
      ),
    );
    const stylish = await runCheck([], dir);
    expect(stylish.stdout.trimEnd().split('\n').at(-1)).toBe('Checked 25 files with eslint.config.js: 11 errors, 9 warnings.');
  });

  it('uses the recommended config when the project config does not enable the plugin', async () => {
    const dir = fixtureCopy();
    writeFileSync(path.join(dir, 'eslint.config.js'), "export default [{ rules: { 'no-console': 'error' } }];\n");
    const { code, stdout } = await runCheck(['--format', 'json'], dir);
    expect(code).toBe(1);
    expect(reportsOf(stdout, dir)).toEqual(FIXTURE_REPORTS);
  });

  it('stops with exit 2, naming the import, when the project config cannot be loaded (no fallback to another config)', async () => {
    const dir = fixtureCopy();
    writeFileSync(path.join(dir, 'eslint.config.js'), "import missing from 'eslint-plugin-not-installed';\nexport default [missing];\n");
    const { code, stdout, stderr } = await runCheck(['--format', 'json'], dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(
      /^perf-standards check: cannot use the ESLint config: eslint\.config\.js:1:21: Cannot find package 'eslint-plugin-not-installed' imported from .*eslint\.config\.js\n$/u,
    );
  });
});

describe('perf-standards check: clean projects, warnings and bad input', () => {
  const words =
    'This document has enough real words to count as content for the required docs standard of this small sample project.\n';

  function cleanProject(extra: Record<string, string> = {}): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-clean-'));
    temporaryDirs.push(dir);
    const files: Record<string, string> = {
      'package.json': '{ "name": "clean", "private": true, "type": "module" }\n',
      'README.md': '# clean\n',
      'src/report-builder.ts': '/** @complexity O(n) in the length of the name. */\nexport const title = (name: string): string => `Report: ${name}`;\n',
      'docs/architecture_decisions.md': words,
      'docs/performance_benchmarks.md': words,
      'docs/mcp_integration_guide.md': words,
      'docs/ai_coding_patterns.md': words,
      ...extra,
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it('exits 0 on a clean project and prints only the summary', async () => {
    const dir = cleanProject();
    const { code, stdout, stderr } = await runCheck([dir]);
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: 'Checked 7 files with the perf-standards recommended config: no problems.\n',
      stderr: '',
    });
  });

  it('offers add-explicit-types for require-explicit-types reports', async () => {
    const dir = cleanProject({ 'src/totals.ts': 'export function total(a, b) {\n  return a + b;\n}\n' });
    const { code, stdout } = await runCheck([dir]);
    expect(code).toBe(1);
    const fixLines = stdout.slice(stdout.indexOf('Fix automatically:')).split('\n').slice(0, 2);
    expect(fixLines).toEqual(['Fix automatically:', `  perf-standards fix add-explicit-types ${dir}  # perf-standards/require-explicit-types`]);
  });

  it('judges the name of a file ESLint cannot parse, after its parse error', async () => {
    const dir = cleanProject({ 'src/temp_x.ts': 'export const = ;\n', 'src/helpers.js': 'let = ;\n' });
    const json = await runCheck([dir, '--format', 'json']);
    expect(json.code).toBe(1);
    const results = JSON.parse(json.stdout) as (JsonResult & { errorCount: number; warningCount: number })[];
    const messagesOf = (file: string): unknown =>
      results
        .find((result) => result.filePath === path.join(dir, file))
        ?.messages.map((message) => [message.ruleId, message.severity, (message as { line?: number }).line]);
    expect(messagesOf('src/temp_x.ts')).toEqual([
      [null, 2, 1],
      ['perf-standards/no-one-off-scripts', 2, 1],
    ]);
    expect(messagesOf('src/helpers.js')).toEqual([
      [null, 2, 1],
      ['perf-standards/no-generic-filenames', 1, 1],
    ]);
    const helpers = results.find((result) => result.filePath === path.join(dir, 'src/helpers.js'));
    expect([helpers?.errorCount, helpers?.warningCount]).toEqual([1, 1]);
    const stylish = await runCheck([dir]);
    expect(stylish.stdout).toContain('perf-standards/no-one-off-scripts: 1 file\n');
    expect(stylish.stdout).toContain(`  perf-standards fix rename-one-off-scripts ${dir}  # perf-standards/no-one-off-scripts`);
  });

  it("judges an unparsable file's name with the project's options for the file-name rules", async () => {
    const pluginUrl = pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href;
    const dir = cleanProject({
      'src/wip_x.ts': 'export const = ;\n',
      'src/temp_kept.ts': 'export const = ;\n',
      'eslint.config.js': [
        `import perfStandards from '${pluginUrl}';`,
        'export default [',
        '  ...perfStandards.configs.recommended,',
        "  { rules: { 'perf-standards/no-one-off-scripts': ['error', { prefixes: { add: ['wip'] }, ignore: ['src/temp_kept.ts'] }] } },",
        '];',
        '',
      ].join('\n'),
    });
    const json = await runCheck([dir, '--format', 'json']);
    expect(reportsOf(json.stdout, dir)).toEqual([
      'src/temp_kept.ts null error',
      'src/wip_x.ts null error',
      'src/wip_x.ts perf-standards/no-one-off-scripts error',
    ]);
  });

  it('exits 0 on warnings alone, and 1 when they exceed --max-warnings', async () => {
    const dir = cleanProject({ 'src/helpers.ts': 'export const two = 2;\n' });
    const allowed = await runCheck([dir]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('perf-standards/no-generic-filenames: 1 file\n');
    expect(allowed.stdout).not.toContain('Fix automatically:');
    const exceeded = await runCheck([dir, '--max-warnings', '0']);
    expect(exceeded.code).toBe(1);
    expect(exceeded.stderr).toBe('perf-standards check: 1 warning, more than --max-warnings 0.\n');
  });

  it('rejects an unknown format, listing the formats', async () => {
    const { code, stdout, stderr } = await runCheck(['fixtures/workspace', '--format', 'xml']);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'perf-standards check: unknown format "xml"; the formats are stylish, json, sarif\n',
    });
  });

  it('names a missing path', async () => {
    const { code, stdout, stderr } = await runCheck(['fixtures/workspace', 'foo/']);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'perf-standards check: no such file or directory: foo/\n',
    });
  });

  function projectWithRuleOptions(rule: string, options: string): string {
    const dir = fixtureCopy();
    const pluginUrl = pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href;
    writeFileSync(
      path.join(dir, 'eslint.config.js'),
      [
        `import perfStandards from '${pluginUrl}';`,
        `export default [...perfStandards.configs.recommended, { rules: { '${rule}': ['error', ${options}] } }];`,
        '',
      ].join('\n'),
    );
    return dir;
  }

  it.each([
    [
      'perf-standards/no-one-off-scripts',
      "{ prefixes: ['wip'] }",
      'option `prefixes` must be an object with `add`, `remove`, got an array (["wip"])',
    ],
    ['perf-standards/no-one-off-scripts', "{ prefixes: { add: 'wip' } }", 'option `prefixes.add` must be an array of strings, got "wip"'],
    ['perf-standards/require-docs', "{ minWords: '5' }", 'option `minWords` must be a whole number, got "5"'],
    [
      'perf-standards/no-trivial-docs',
      "{ allowReadme: ['packages/*'] }",
      'unknown option `allowReadme` (the options are `names`, `extensions`, `destinations`, `allowReadmeIn`, `ignore`)',
    ],
  ])('names the rule and the option when %s gets %s in the project config', async (rule, options, problem) => {
    const dir = projectWithRuleOptions(rule, options);
    const { code, stdout, stderr } = await runCheck([], dir);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `perf-standards check: eslint.config.js:2:66: ${rule}: ${problem}\n`,
    });
  });

  it('names the option when only a config block for some files has it wrong', async () => {
    const dir = fixtureCopy();
    const pluginUrl = pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href;
    writeFileSync(
      path.join(dir, 'eslint.config.js'),
      [
        `import perfStandards from '${pluginUrl}';`,
        'export default [',
        '  ...perfStandards.configs.recommended,',
        "  { files: ['packages/**/*.md'], rules: { 'perf-standards/no-trivial-docs': ['error', { allowReadmeIn: 'packages/*' }] } },",
        '];',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCheck([], dir);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'perf-standards check: eslint.config.js:4:43: perf-standards/no-trivial-docs: option `allowReadmeIn` must be an array of strings, got "packages/*"\n',
    });
  });

  it('names an unknown option', async () => {
    const { code, stderr } = await runCheck(['--fromat', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('perf-standards check: unknown option --fromat\n');
  });

  it('prints its usage for --help', async () => {
    const { code, stdout } = await runCheck(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: perf-standards check \[paths\.\.\.\] \[options\]\n/u);
    expect(stdout).toContain('-f, --format <name>   stylish, json, sarif');
  });
});
