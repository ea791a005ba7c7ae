import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from '../run-node.js';

// End to end: the built command (`npm test` builds dist/ first) on copies of the sample repository.
const repoRoot = REPO_ROOT;
const cliBin = CLI_BIN;
const workspace = path.join(repoRoot, 'fixtures', 'workspace');


const fix = (args: readonly string[], cwd: string): Promise<Finished> => runNode([cliBin, 'fix', ...args], cwd);

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyWorkspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fix-cli-')));
  temporary.push(dir);
  fs.cpSync(workspace, dir, { recursive: true });
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

function committedWorkspace(editManifest?: (manifest: Record<string, unknown>) => Record<string, unknown>): string {
  const dir = copyWorkspace();
  if (editManifest !== undefined) {
    const file = path.join(dir, 'package.json');
    fs.writeFileSync(file, `${JSON.stringify(editManifest(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>), null, 2)}\n`);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}

function tree(root: string): Map<string, string> {
  const files = (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile() && !path.join(entry.parentPath, entry.name).includes(`${path.sep}.git${path.sep}`))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  return new Map(files.map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]));
}

describe('perf-standards fix', () => {
  it('lists the codemods in --all order', async () => {
    const result = await fix(['--list', '--json'], repoRoot);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as { name: string; rule: string; order: number }[];
    expect(listed.map((codemod) => codemod.name).slice(0, 2)).toEqual(['rename-one-off-scripts', 'consolidate-docs']);
    expect(listed.map((codemod) => codemod.order)).toEqual([...listed.map((codemod) => codemod.order)].sort((a, b) => a - b));
    expect(listed.find((codemod) => codemod.name === 'rename-one-off-scripts')?.rule).toBe('no-one-off-scripts');
    expect(listed.find((codemod) => codemod.name === 'add-explicit-types')).toMatchObject({
      rule: 'require-explicit-types',
      alsoFixes: ['require-type-coverage'],
    });
    expect(listed.find((codemod) => codemod.name === 'performance-now')).toMatchObject({ languages: ['typescript', 'javascript', 'python'] });
    const text = await fix(['--list'], repoRoot);
    expect(text.stdout).toMatch(/^performance-now +\(prefer-performance-now\) +\[typescript, javascript, python\] +Measure durations/m);
    expect(text.stdout).toMatch(/^consolidate-docs +\(no-trivial-docs, require-docs\) +\[markdown\] /m);
  });

  it('exits 2 with a clear message on bad usage, also with --quiet', async () => {
    const cwd = copyWorkspace();
    expect(await fix([], cwd)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('perf-standards fix: name a codemod or pass --all; the codemods are rename-one-off-scripts, consolidate-docs'),
    });
    expect(await fix(['rename-everything', '--quiet'], cwd)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('perf-standards fix: unknown codemod "rename-everything"'),
    });
    expect(await fix(['rename-one-off-scripts', '--jobs', '0', '--quiet'], cwd)).toMatchObject({
      code: 2,
      stderr: 'perf-standards fix: --jobs needs a whole number of at least 1, got "0"\n',
    });
    expect(await fix(['rename-one-off-scripts', 'no/such/dir', 'src'], cwd)).toMatchObject({
      code: 2,
      stderr: 'perf-standards fix: no such file or directory: no/such/dir\n',
    });
    expect(tree(cwd)).toEqual(tree(workspace));
  });

  it('refuses a target outside any git work tree unless --force, and previews it with --dry-run', async () => {
    const cwd = copyWorkspace();
    const refused = await fix(['rename-one-off-scripts'], cwd);
    expect(refused).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `perf-standards fix: ${cwd} is not inside a git work tree, so the codemod's changes could not be reviewed or reverted: run it in a repository (git init, then commit), preview it with --dry-run, or pass --force\n`,
    });
    // The same for a folder given as the root, from anywhere: the folder decides, not the current directory.
    const fromElsewhere = await fix(['--all', '--quiet', cwd], repoRoot);
    expect(fromElsewhere.code).toBe(2);
    expect(fromElsewhere.stderr).toContain(`perf-standards fix: ${cwd} is not inside a git work tree`);
    const viaRoot = await fix(['consolidate-docs', '--root', cwd], repoRoot);
    expect(viaRoot.code).toBe(2);
    expect(viaRoot.stderr).toContain(`perf-standards fix: ${cwd} is not inside a git work tree`);
    expect(tree(cwd)).toEqual(tree(workspace));

    const dry = await fix(['rename-one-off-scripts', '--dry-run'], cwd);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('rename from src/temp_parse_logs.ts\nrename to src/parse_logs.ts\n');
    expect(tree(cwd)).toEqual(tree(workspace));

    const forced = await fix(['rename-one-off-scripts', '--force', '--quiet'], cwd);
    expect(forced.code).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'src/parse_logs.ts'))).toBe(true);
  });

  it('refuses paths outside the current directory as check does, before anything else', async () => {
    const cwd = committedWorkspace();
    const outside = copyWorkspace();
    const file = path.join(outside, 'src', 'temp_parse_logs.ts');
    const refused = await fix(['rename-one-off-scripts', 'src', file], cwd);
    expect(refused).toMatchObject({
      code: 2,
      stderr: `perf-standards fix: ${file} is outside the current directory: run the command from a folder that contains every path, or give one directory\n`,
    });
    const check = await runNode([cliBin, 'check', 'src', file], cwd);
    expect(check.stderr).toBe(`perf-standards check: ${file} is outside the current directory: run the command from a folder that contains every path, or give one directory\n`);
    expect(tree(outside)).toEqual(tree(workspace));
    expect(git(cwd, 'status', '--porcelain')).toBe('');
  });

  it('refuses an untracked file with advice that works: git stash --include-untracked, then the rerun applies', async () => {
    const cwd = committedWorkspace();
    fs.writeFileSync(path.join(cwd, 'scratch_notes.txt'), 'notes\n');
    const refused = await fix(['rename-one-off-scripts'], cwd);
    expect(refused).toMatchObject({
      code: 2,
      stderr:
        "perf-standards fix: the git work tree has untracked files (scratch_notes.txt); add them to .gitignore, commit them, or stash them with `git stash --include-untracked` so the codemod's changes can be reviewed and reverted on their own, or pass --force\n",
    });
    git(cwd, 'stash', '--include-untracked');
    const rerun = await fix(['rename-one-off-scripts'], cwd);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('  renamed  src/temp_parse_logs.ts → src/parse_logs.ts\n');
  });

  it('refuses a dirty work tree naming the files, runs with --force, and a second run changes nothing', async () => {
    const cwd = committedWorkspace();
    fs.appendFileSync(path.join(cwd, 'src/route-stats.ts'), '// wip\n');
    const before = tree(cwd);
    const refused = await fix(['rename-one-off-scripts'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "perf-standards fix: the git work tree has uncommitted changes (src/route-stats.ts); commit or stash them so the codemod's changes can be reviewed and reverted on their own, or pass --force\n",
    );
    expect(tree(cwd)).toEqual(before);

    const forced = await fix(['rename-one-off-scripts', '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('  renamed  src/temp_parse_logs.ts → src/parse_logs.ts\n');
    expect(forced.stdout).toContain('  changed  src/index.ts\n');
    expect(forced.stdout).toMatch(/^6 files changed, \d+ unchanged, 0 skipped, 0 failed in \d+\.\d\d s \(rename-one-off-scripts \d+\.\d\d s\)\.$/mu);
    expect(fs.readFileSync(path.join(cwd, 'src/index.ts'), 'utf8')).toContain("import { parseLines } from './parse_logs.js';");

    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-q', '-m', 'renamed');
    const again = await fix(['rename-one-off-scripts', '--json'], cwd);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { counts: { changed: number } }).counts.changed).toBe(0);
    expect(git(cwd, 'status', '--porcelain')).toBe('');
  });

  it('writes nothing on --dry-run, needs no clean tree, and prints a patch git applies to the same result', async () => {
    const cwd = committedWorkspace();
    fs.appendFileSync(path.join(cwd, 'README.md'), '\nUncommitted line.\n');
    const before = tree(cwd);
    const dry = await fix(['rename-one-off-scripts', '--dry-run'], cwd);
    expect(dry.code).toBe(0);
    expect(tree(cwd)).toEqual(before);
    expect(dry.stdout).toContain('diff --git a/src/temp_parse_logs.ts b/src/parse_logs.ts\nrename from src/temp_parse_logs.ts\nrename to src/parse_logs.ts\n');
    expect(dry.stdout).toContain("-import { parseLines } from './temp_parse_logs.js';\n+import { parseLines } from './parse_logs.js';\n");
    expect(dry.stderr).toContain('rename-one-off-scripts: planning\n');
    expect(dry.stderr).toMatch(/Dry run: 6 files would change/u);

    const patchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-patch-'));
    temporary.push(patchDir);
    const patch = path.join(patchDir, 'change.diff');
    fs.writeFileSync(patch, dry.stdout);
    git(cwd, 'apply', patch);
    const applied = tree(cwd);
    git(cwd, 'stash', '-u', '-q');
    fs.appendFileSync(path.join(cwd, 'README.md'), '\nUncommitted line.\n');
    const real = await fix(['rename-one-off-scripts', '--force'], cwd);
    expect(real.code).toBe(0);
    expect(tree(cwd)).toEqual(applied);
  });

  it('reports a failed file in --json and exits 1, also with --quiet, fixing the rest', async () => {
    const cwd = copyWorkspace();
    fs.writeFileSync(path.join(cwd, 'src/parse_logs.ts'), 'export {};\n');
    const json = await fix(['rename-one-off-scripts', '--json', '--dry-run'], cwd);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      counts: Record<string, number>;
      files: { path: string; status: string; reason?: string; renamedTo?: string }[];
      diffs: { path: string; diff: string }[];
    };
    expect(report.files.filter((file) => file.status === 'failed')).toEqual([
      {
        codemod: 'rename-one-off-scripts',
        path: 'src/temp_parse_logs.ts',
        status: 'failed',
        reason: 'cannot be renamed to src/parse_logs.ts: that file already exists; merge the two by hand',
      },
    ]);
    expect(report.counts['failed']).toBe(1);
    expect(report.diffs.map((diff) => diff.path)).toContain('scripts/quick_cleanup.js');

    const quiet = await fix(['rename-one-off-scripts', '--quiet', '--force'], cwd);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe(
      'rename-one-off-scripts\n  failed   src/temp_parse_logs.ts: cannot be renamed to src/parse_logs.ts: that file already exists; merge the two by hand\n',
    );
    expect(quiet.stderr).toBe('');
    expect(fs.existsSync(path.join(cwd, 'scripts/cleanup.js'))).toBe(true);
    expect(fs.readFileSync(path.join(cwd, 'src/parse_logs.ts'), 'utf8')).toBe('export {};\n');
    expect(fs.existsSync(path.join(cwd, 'src/temp_parse_logs.ts'))).toBe(true);
  });

  it('runs every codemod with --all in a safe order, and a second run changes nothing', async () => {
    // The monitor's import must load in production: here the plugin is a production dependency.
    const cwd = committedWorkspace((manifest) => ({ ...manifest, dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } }));
    const first = await fix(['--all', '--json'], cwd);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { codemods: string[]; counts: { changed: number; failed: number } };
    expect(report.codemods.slice(0, 2)).toEqual(['rename-one-off-scripts', 'consolidate-docs']);
    expect(report.counts.failed).toBe(0);
    expect(report.counts.changed).toBeGreaterThan(6);
    expect(fs.existsSync(path.join(cwd, 'TODO.md'))).toBe(false);
    expect(fs.existsSync(path.join(cwd, 'src/parse_logs.ts'))).toBe(true);
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-q', '-m', 'fixed');
    const second = await fix(['--all', '--json'], cwd);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as { counts: { changed: number } }).counts.changed).toBe(0);
    expect(git(cwd, 'status', '--porcelain')).toBe('');
  });

  it('--all runs the others when the monitor would be imported from a devDependency, reporting wrap-performance-monitor not run with the option to set (exit 1); by name it stops (exit 2)', async () => {
    const reason =
      'wrap-performance-monitor would import `eslint-plugin-perf-standards/runtime` into production code (src/services/log-store.ts), but `eslint-plugin-perf-standards` is only in the devDependencies of package.json, which a production install (`npm ci --omit=dev`) leaves out. Set the `monitor.module` option of `perf-standards/require-performance-monitor` in your ESLint config to a module production code can import: a file of the project (`"./src/monitor.js"`, a path from the project root) or a package in `dependencies`; see docs/codemods/wrap-performance-monitor.md.';
    const devOnly = (manifest: Record<string, unknown>): Record<string, unknown> => ({ ...manifest, devDependencies: { 'eslint-plugin-perf-standards': '0.1.0', typescript: '~6.0.3' } });
    const byName = committedWorkspace(devOnly);
    const named = await fix(['wrap-performance-monitor'], byName);
    expect(named.code).toBe(2);
    // Progress lines may come first; the error is the last line.
    expect(named.stderr.split('\n').filter(Boolean).at(-1)).toBe(`perf-standards fix: Nothing was changed. ${reason}`);
    expect(git(byName, 'status', '--porcelain')).toBe('');

    const cwd = committedWorkspace(devOnly);
    const logStore = fs.readFileSync(path.join(cwd, 'src/services/log-store.ts'), 'utf8');
    const result = await fix(['--all'], cwd);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`\nwrap-performance-monitor\n  not run: ${reason}\n`);
    expect(result.stdout).toMatch(/^12 files changed, 14 unchanged, 1 skipped, 0 failed in /mu);
    expect(result.stdout).not.toMatch(/wrap-performance-monitor \d/u);
    // The others ran: renames, docs; the monitor's would-be file is as it was.
    expect(fs.existsSync(path.join(cwd, 'src/parse_logs.ts'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'TODO.md'))).toBe(false);
    expect(fs.readFileSync(path.join(cwd, 'src/services/log-store.ts'), 'utf8')).toBe(logStore);

    const again = committedWorkspace(devOnly);
    const json = await fix(['--all', '--json'], again);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { skippedCodemods: unknown[]; applied: string[] };
    expect(report.skippedCodemods).toEqual([{ codemod: 'wrap-performance-monitor', reason, cannotRun: true }]);
    expect(report.applied).toEqual(['rename-one-off-scripts', 'consolidate-docs', 'concurrent-await', 'performance-now', 'add-explicit-types', 'dataclass-slots', 'readonly-data-shapes']);
  });

  it("reads the codemod's options from the user's ESLint config for its rule", async () => {
    const cwd = copyWorkspace();
    fs.writeFileSync(path.join(cwd, 'src/wip_totals.ts'), 'export const total = 0;\n');
    fs.writeFileSync(
      path.join(cwd, 'eslint.config.js'),
      `import plugin from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)};
export default [
  ...plugin.configs.recommended,
  { rules: { 'perf-standards/no-one-off-scripts': ['error', { prefixes: { add: ['wip'], remove: ['backup'] } }] } },
  { files: ['tools/**'], rules: { 'perf-standards/no-one-off-scripts': ['error', { ignore: ['tools/**'] }] } },
];
`,
    );
    const result = await fix(['rename-one-off-scripts', '--json', '--force'], cwd);
    expect(result.code).toBe(0);
    const files = (JSON.parse(result.stdout) as { files: { path: string; status: string; renamedTo?: string; reason?: string }[] }).files;
    const outcome = (file: string): string | undefined => {
      const entry = files.find((candidate) => candidate.path === file);
      return entry === undefined ? undefined : `${entry.status} ${entry.renamedTo ?? entry.reason ?? ''}`.trim();
    };
    expect(outcome('src/wip_totals.ts')).toBe('changed src/totals.ts');
    expect(outcome('backup_db.sh')).toBe('unchanged');
    expect(outcome('tools/fix_encoding.py')).toBe("skipped matched by the rule's `ignore` option");
    expect(outcome('src/temp_parse_logs.ts')).toBe('changed src/parse_logs.ts');
  });

  it("moves a package's docs into that package when the ESLint config makes it a require-docs root", async () => {
    const fixtureCase = path.join(repoRoot, 'fixtures', 'codemods', 'consolidate-docs', 'monorepo');
    const cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fix-cli-roots-')));
    temporary.push(cwd);
    fs.cpSync(path.join(fixtureCase, 'input'), cwd, { recursive: true });
    const config = `import plugin from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)};
export default [
  ...plugin.configs.recommended,
  { rules: { 'perf-standards/require-docs': ['error', { roots: ['packages/*'] }], 'perf-standards/no-trivial-docs': ['error', { allowReadmeIn: ['.', 'packages/*'] }] } },
];
`;
    fs.writeFileSync(path.join(cwd, 'eslint.config.js'), config);
    const result = await fix(['consolidate-docs', '--quiet', '--force'], cwd);
    expect(result.code).toBe(0);
    const expected = tree(path.join(fixtureCase, 'output'));
    expected.set('eslint.config.js', config);
    expect(tree(cwd)).toEqual(expected);
  });
});

describe('perf-standards fix concurrent-await --limit', () => {
  it('rejects a limit that is not a whole number, and bounds the rewritten loop with mapConcurrent', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fix-cli-limit-')));
    temporary.push(dir);
    const source = "import { get } from './io.js';\n\nexport async function all(urls: string[]): Promise<void> {\n  for (const url of urls) {\n    await get(url);\n  }\n}\n";
    fs.writeFileSync(path.join(dir, 'jobs.ts'), source);
    expect(await fix(['concurrent-await', '--limit', '1.5', '--force', dir], dir)).toMatchObject({
      code: 2,
      stderr: 'perf-standards fix: --limit needs a whole number of at least 1, got "1.5"\n',
    });
    const result = await fix(['concurrent-await', '--limit', '4', '--force', '--quiet', dir], dir);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'jobs.ts'), 'utf8')).toBe(
      "import { get } from './io.js';\nimport { mapConcurrent } from 'eslint-plugin-perf-standards/runtime';\n\nexport async function all(urls: string[]): Promise<void> {\n  await mapConcurrent(urls, 4, async (url) => {\n    await get(url);\n  });\n}\n",
    );
  });
});

describe('perf-standards fix <folder of the current project>', () => {
  it('fixes the files in the folder and rewrites their importers elsewhere in the project', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fix-cli-folder-')));
    temporary.push(dir);
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'lib', 'temp_lib.js'), 'module.exports = { answer: 42 };\n');
    fs.writeFileSync(path.join(dir, 'app.js'), "const { answer } = require('./lib/temp_lib');\nconsole.log(answer);\n");
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'sample');
    const result = await fix(['rename-one-off-scripts', '--quiet', 'lib'], dir);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe("const { answer } = require('./lib/lib');\nconsole.log(answer);\n");
    expect(await runNode(['app.js'], dir)).toEqual({ code: 0, stdout: '42\n', stderr: '' });
  });
});
