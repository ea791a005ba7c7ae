import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from '../run-node.js';

// End to end, on the small projects in fixtures/config-trust/ (one per fault kind, see its README): the
// configuration a command uses is the one the user wrote, or the command stops and says why.

const FIXTURES = path.join(REPO_ROOT, 'fixtures', 'config-trust');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) {
    // Modes the unreadable-file tests took away, so the copy can be removed without root.
    for (const locked of ['locked', 'src/temp_secret.ts']) {
      if (fs.existsSync(path.join(dir, locked))) fs.chmodSync(path.join(dir, locked), 0o755);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/**
 * A committed copy of one fixture project, with the plugin installed as users install it
 * (node_modules/eslint-plugin-perf-standards, here a link to this repository).
 */
function fixtureProject(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `config-trust-${name}-`)));
  temporary.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(REPO_ROOT, path.join(dir, 'node_modules', 'eslint-plugin-perf-standards'));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}

const run = (command: string, args: readonly string[], cwd: string): Promise<Finished> => runNode([CLI_BIN, command, ...args], cwd);

/** Every file under `root` but .git and node_modules, with its bytes. */
function snapshot(root: string): Map<string, string> {
  const files = (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !/^(?:\.git|node_modules)(?:\/|$)/u.test(file) && fs.lstatSync(path.join(root, file)).isFile())
    .sort();
  return new Map(files.map((file) => [file, fs.readFileSync(path.join(root, file), 'latin1')]));
}

// The last line of a command's stderr, without the progress lines before it.
const lastLines = (stderr: string, count: number): string => stderr.trimEnd().split('\n').slice(-count).join('\n');

describe('a configuration ESLint cannot load or validate stops every command (exit 2, nothing changed)', () => {
  it('fix-config-invalid-other-rule: an invalid option on another rule stops `fix` before the `ignore` it protects is lost', async () => {
    const dir = fixtureProject('fix-config-invalid-other-rule');
    const before = snapshot(dir);
    for (const args of [['--all'], ['rename-one-off-scripts'], ['rename-one-off-scripts', '--dry-run']]) {
      const fixed = await run('fix', args, dir);
      expect(fixed.code).toBe(2);
      expect(fixed.stdout).toBe('');
      expect(fixed.stderr).toContain('perf-standards fix: cannot use the ESLint config: eslint.config.js:10:7: Key "rules": Key "no-unused-vars":\n');
      expect(fixed.stderr).toContain('    Unexpected property "bogus". Expected properties: "vars"');
      expect(snapshot(dir)).toEqual(before);
    }
    const checked = await run('check', [], dir);
    expect(checked).toMatchObject({ code: 2, stdout: '' });
    expect(checked.stderr).toMatch(/^perf-standards check: cannot use the ESLint config: eslint\.config\.js:10:7: Key "rules": Key "no-unused-vars":\n/u);
  });

  it('check-config-malformed: a syntax error in eslint.config.js is named with its line and column', async () => {
    const dir = fixtureProject('check-config-malformed');
    const before = snapshot(dir);
    expect(await run('check', ['--format', 'json'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "perf-standards check: cannot use the ESLint config: eslint.config.js:6:1: Unexpected token ']'\n",
    });
    const fixed = await run('fix', ['--all'], dir);
    expect(fixed.code).toBe(2);
    expect(lastLines(fixed.stderr, 1)).toBe("perf-standards fix: cannot use the ESLint config: eslint.config.js:6:1: Unexpected token ']'");
    expect(snapshot(dir)).toEqual(before);
  });

  it('config-unknown-rule: an unknown rule id says which rule and which plugin lacks it', async () => {
    const dir = fixtureProject('config-unknown-rule');
    const expected = [
      'cannot use the ESLint config: eslint.config.js:7:7: unknown rule perf-standards/no-oneoff-scripts: plugin "perf-standards" has no rule "no-oneoff-scripts"',
      'Key "rules": Key "perf-standards/no-oneoff-scripts": Could not find "no-oneoff-scripts" in plugin "perf-standards".',
    ].join('\n');
    expect(await run('check', [], dir)).toEqual({ code: 2, stdout: '', stderr: `perf-standards check: ${expected}\n` });
    const fixed = await run('fix', ['rename-one-off-scripts'], dir);
    expect(fixed.code).toBe(2);
    expect(lastLines(fixed.stderr, 2)).toBe(`perf-standards fix: ${expected}`);
  });

  it('config-unknown-rule (variants): an unknown core rule and a rule of a plugin the config does not load', async () => {
    const dir = fixtureProject('config-unknown-rule');
    const config = path.join(dir, 'eslint.config.js');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace("'perf-standards/no-oneoff-scripts'", "'no-consol'"));
    expect((await run('check', [], dir)).stderr).toBe(
      'perf-standards check: cannot use the ESLint config: eslint.config.js:7:7: unknown rule no-consol: ESLint has no core rule of that name\n' +
        'Key "rules": Key "no-consol": Could not find "no-consol" in plugin "@".\n',
    );
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace("'no-consol'", "'react/jsx-key'"));
    expect((await run('check', [], dir)).stderr).toBe(
      'perf-standards check: cannot use the ESLint config: eslint.config.js:7:7: unknown rule react/jsx-key: no plugin "react" is loaded in this config\n' +
        'Key "rules": Key "react/jsx-key": Could not find plugin "react" in configuration.\n',
    );
  });

  it('config-throws-on-load: an error the config throws as it loads is shown where it was thrown', async () => {
    const dir = fixtureProject('config-throws-on-load');
    const message = 'cannot use the ESLint config: eslint.config.js:4:33: PERF_STANDARDS_SAMPLE_SHARED_CONFIG is not set';
    expect(await run('check', [], dir)).toEqual({ code: 2, stdout: '', stderr: `perf-standards check: ${message}\n` });
    const fixed = await run('fix', ['--all', '--dry-run'], dir);
    expect({ code: fixed.code, last: lastLines(fixed.stderr, 1) }).toEqual({ code: 2, last: `perf-standards fix: ${message}` });
  });

  it('config-missing-plugin: a plugin the config imports but is not installed is named on its import line', async () => {
    const dir = fixtureProject('config-missing-plugin');
    const checked = await run('check', [], dir);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toBe(
      `perf-standards check: cannot use the ESLint config: eslint.config.js:2:26: Cannot find package 'eslint-plugin-not-installed' imported from ${path.join(dir, 'eslint.config.js')}\n`,
    );
  });
});

describe('fix --all runs only the codemods whose rules the config turns on', () => {
  it('fix-all-rule-off: a codemod whose rule is off everywhere does not run, and one off for some files leaves them alone', async () => {
    const dir = fixtureProject('fix-all-rule-off');
    const fixed = await run('fix', ['--all', '--json'], dir);
    expect(fixed.code).toBe(0);
    const report = JSON.parse(fixed.stdout) as {
      files: { codemod: string; path: string }[];
      notes: { codemod: string; path: string; message: string }[];
      skippedCodemods: { codemod: string; reason: string }[];
    };
    expect(report.skippedCodemods).toEqual([{ codemod: 'rename-one-off-scripts', reason: 'perf-standards/no-one-off-scripts is off in the ESLint config' }]);
    expect(report.files.filter((file) => file.codemod === 'rename-one-off-scripts')).toEqual([]);
    expect(report.notes).toContainEqual({
      codemod: 'performance-now',
      path: '.',
      message: 'left 1 file alone: perf-standards/prefer-performance-now is off for them in the ESLint config',
    });
    expect(report.files.filter((file) => file.codemod === 'performance-now').map((file) => file.path)).not.toContain('legacy/elapsed.ts');
    expect(fs.existsSync(path.join(dir, 'src', 'temp_report.ts'))).toBe(true);

    // The human report says so too.
    git(dir, 'reset', '-q', '--hard');
    git(dir, 'clean', '-qfd', '-e', 'node_modules');
    const human = await run('fix', ['--all', '--quiet'], dir);
    expect(human.stdout).toContain('rename-one-off-scripts\n  not run: perf-standards/no-one-off-scripts is off in the ESLint config\n');
  });

  it('fix-all-rule-off (variant): a codemod named on the command line runs even when its rule is off', async () => {
    const dir = fixtureProject('fix-all-rule-off');
    const fixed = await run('fix', ['rename-one-off-scripts', '--json'], dir);
    expect(fixed.code).toBe(0);
    expect((JSON.parse(fixed.stdout) as { files: { path: string; renamedTo?: string }[] }).files).toContainEqual(
      expect.objectContaining({ path: 'src/temp_report.ts', renamedTo: 'src/report.ts' }),
    );
  });
});

const ESLINT_BIN = path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** `file ruleId` per message of an ESLint JSON report, files relative to `root`, sorted. */
function reports(json: string, root: string): string[] {
  const results = JSON.parse(json) as { filePath: string; messages: { ruleId: string | null }[] }[];
  return results.flatMap((result) => result.messages.map((message) => `${path.relative(root, result.filePath).split(path.sep).join('/')} ${message.ruleId}`)).sort();
}

describe('option globs are relative to the folder of the config file that sets them', () => {
  const inSrc = ['src/services/orders.ts perf-standards/require-performance-monitor', 'src/temp_cleanup.ts perf-standards/no-one-off-scripts'];

  it('options-globs-config-relative: `eslint .` and `check` from a subfolder honour the root-relative `ignore`', async () => {
    const dir = fixtureProject('options-globs-config-relative');
    const legacy = path.join(dir, 'legacy');
    const fromRoot = await runNode([ESLINT_BIN, '.', '-f', 'json'], dir);
    expect(reports(fromRoot.stdout, dir)).toEqual(inSrc);
    const eslintInLegacy = await runNode([ESLINT_BIN, '.', '-f', 'json'], legacy);
    expect({ code: eslintInLegacy.code, reports: reports(eslintInLegacy.stdout, dir) }).toEqual({ code: 0, reports: [] });
    const checkInLegacy = await run('check', ['--format', 'json'], legacy);
    expect({ code: checkInLegacy.code, reports: reports(checkInLegacy.stdout, dir) }).toEqual({ code: 0, reports: [] });
  });

  it('options-globs-config-relative: `check src` judges `paths: ["src/services/**"]` as `eslint src` does', async () => {
    const dir = fixtureProject('options-globs-config-relative');
    const eslintSrc = await runNode([ESLINT_BIN, 'src', '-f', 'json'], dir);
    expect(reports(eslintSrc.stdout, dir)).toEqual(inSrc);
    const checkSrc = await run('check', ['src', '--format', 'json'], dir);
    expect({ code: checkSrc.code, reports: reports(checkSrc.stdout, dir) }).toEqual({ code: 1, reports: inSrc });
    // The same from inside src/, and for a nested folder given from the root.
    const checkInSrc = await run('check', ['--format', 'json'], path.join(dir, 'src'));
    expect(reports(checkInSrc.stdout, dir)).toEqual(inSrc);
    const checkServices = await run('check', ['src/services', '--format', 'json'], dir);
    expect(reports(checkServices.stdout, dir)).toEqual([inSrc[0]]);
  });

  it('options-globs-config-relative: `fix` run in a subfolder honours the root config\'s `ignore`, and renames what it does not cover', async () => {
    const dir = fixtureProject('options-globs-config-relative');
    const inLegacy = await run('fix', ['rename-one-off-scripts', '--json'], path.join(dir, 'legacy'));
    expect(inLegacy.code).toBe(0);
    expect((JSON.parse(inLegacy.stdout) as { files: unknown[] }).files).toEqual([
      { codemod: 'rename-one-off-scripts', path: 'temp_migrate.ts', status: 'skipped', reason: "matched by the rule's `ignore` option" },
    ]);
    const inSrcFolder = await run('fix', ['rename-one-off-scripts', '--json'], path.join(dir, 'src'));
    expect((JSON.parse(inSrcFolder.stdout) as { files: { path: string; status: string; renamedTo?: string }[] }).files).toContainEqual(
      expect.objectContaining({ path: 'temp_cleanup.ts', status: 'changed', renamedTo: 'cleanup.ts' }),
    );
    expect(fs.existsSync(path.join(dir, 'legacy', 'temp_migrate.ts'))).toBe(true);
  });
});

describe('fix run from a subfolder of a TypeScript project', () => {
  it('fix-tsconfig-from-subfolder: finds the tsconfig.json above it, as tsc does, and edits only under the subfolder', async () => {
    const dir = fixtureProject('fix-tsconfig-from-subfolder');
    const fixed = await run('fix', ['add-explicit-types', '--json'], path.join(dir, 'src'));
    expect(fixed.code).toBe(0);
    expect((JSON.parse(fixed.stdout) as { files: { path: string; status: string }[] }).files).toEqual([
      { codemod: 'add-explicit-types', path: 'totals.ts', status: 'changed' },
    ]);
    expect(fs.readFileSync(path.join(dir, 'src', 'totals.ts'), 'utf8')).toContain('export function total(values: readonly number[]): number {');
    expect(git(dir, 'status', '--porcelain')).toBe(' M src/totals.ts\n');
  });
});

// A process run as root reads a file whatever its mode: there the command runs as the unprivileged `nobody`
// (uid 65534) on a copy it owns, so a chmod 000 file is as unreadable to it as to any user.
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

function runAsUser(command: string, args: readonly string[], cwd: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI_BIN, command, ...args],
      {
        cwd,
        timeout: 120_000,
        env: { ...process.env, NO_COLOR: '1', HOME: cwd },
        ...(AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
      },
      (error, stdout, stderr) => {
        if (error === null) resolve({ code: 0, stdout, stderr });
        else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
        else reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      },
    );
  });
}

function lockedProject(): string {
  const dir = fixtureProject('unreadable-file');
  fs.chmodSync(path.join(dir, 'src', 'temp_secret.ts'), 0o000);
  fs.chmodSync(path.join(dir, 'locked'), 0o000);
  if (AS_ROOT) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
  return dir;
}

describe('a file or folder the command cannot read is named, skipped, and the rest is done (exit 1)', () => {
  it('unreadable-file: check names each unreadable path and the permission problem, and lints the rest', async () => {
    const dir = lockedProject();
    const checked = await runAsUser('check', ['--format', 'json'], dir);
    expect(checked.code).toBe(1);
    expect(checked.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'perf-standards check: skipped locked: cannot read it: permission denied (EACCES)',
      'perf-standards check: skipped src/temp_secret.ts: cannot read it: permission denied (EACCES)',
    ]);
    expect(reports(checked.stdout, dir)).toEqual(['src/temp_totals.ts perf-standards/no-one-off-scripts']);
    expect((JSON.parse(checked.stdout) as { filePath: string }[]).map((result) => path.relative(dir, result.filePath)).sort()).toEqual([
      'eslint.config.js',
      'package.json',
      'src/index.ts',
      'src/temp_totals.ts',
    ]);
  });

  it('unreadable-file: fix reports them failed and untouched, not as uncommitted changes, and fixes the rest', async () => {
    const dir = lockedProject();
    const fixed = await runAsUser('fix', ['rename-one-off-scripts', '--json'], dir);
    expect(fixed.code).toBe(1);
    const files = (JSON.parse(fixed.stdout) as { files: { path: string; status: string; reason?: string; renamedTo?: string }[] }).files;
    expect(files.filter((file) => file.status !== 'unchanged')).toEqual([
      { codemod: 'rename-one-off-scripts', path: 'locked', status: 'failed', reason: 'cannot list this folder: permission denied (EACCES); nothing in it was fixed' },
      { codemod: 'rename-one-off-scripts', path: 'src/temp_secret.ts', status: 'failed', reason: 'cannot read it: permission denied (EACCES); left untouched' },
      expect.objectContaining({ path: 'src/temp_totals.ts', status: 'changed', renamedTo: 'src/totals.ts' }),
    ]);
    expect(fs.existsSync(path.join(dir, 'src', 'temp_secret.ts'))).toBe(true);
  });
});

describe('check: --fix, --output-file, the codemods it offers and its progress line', () => {
  it('check-fix-and-output: --fix applies the rules\' autofixes as eslint --fix does; -o writes the report as eslint -o does', async () => {
    const dir = fixtureProject('check-fix-and-output');
    const before = await run('check', [], dir);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('1 error and 0 warnings potentially fixable with the `--fix` option.');
    // No codemod is offered for a name that needs a human (`temp.ts`: nothing is left to keep).
    expect(before.stdout).not.toContain('perf-standards fix rename-one-off-scripts');

    const fixed = await run('check', ['--fix', '-o', 'reports/check.txt'], dir);
    expect({ code: fixed.code, stdout: fixed.stdout, stderr: fixed.stderr }).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'src', 'timing.ts'), 'utf8')).toBe(
      '/** @performance O(1): two clock reads. */\nexport function timed(run: () => void): number {\n  const t0 = performance.now();\n  run();\n  return performance.now() - t0;\n}\n',
    );
    const report = fs.readFileSync(path.join(dir, 'reports', 'check.txt'), 'utf8');
    expect(report).toContain('src/temp.ts\n  1:1  error  `temp.ts` is named like a one-off script');
    expect(report).not.toContain('timing.ts');
    expect(report.trimEnd().split('\n').at(-1)).toBe('Checked 4 files with eslint.config.js: 1 error, 0 warnings.');
    expect(report).not.toContain('potentially fixable');

    const json = await run('check', ['--format', 'json', '--output-file', 'reports/check.json'], dir);
    expect(json.stdout).toBe('');
    expect(reports(fs.readFileSync(path.join(dir, 'reports', 'check.json'), 'utf8'), dir)).toEqual(['src/temp.ts perf-standards/no-one-off-scripts']);
  });

  it('check-output-file-unwritable: a report file that cannot be written is a clear error, exit 2', async () => {
    const dir = fixtureProject('check-fix-and-output');
    fs.writeFileSync(path.join(dir, 'reports'), 'a file, not a folder\n');
    const result = await run('check', ['-o', 'reports/check.txt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^perf-standards check: cannot write the report to reports\/check\.txt: (?:EEXIST|ENOTDIR)\n$/u);
  });
});
