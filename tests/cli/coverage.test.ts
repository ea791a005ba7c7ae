import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureCoverage, type Measurement } from '../../cli/coverage/measure.js';
import { ratchetThreshold } from '../../cli/coverage/ratchet.js';
import { parseCoverageCache } from '../../standards/type-coverage/cache.js';
import { resolveCountOptions } from '../../standards/type-coverage/options.js';
import { findTsconfig, loadCoverageProjects } from '../../standards/type-coverage/project.js';
import { CLI_BIN, REPO_ROOT, runNode, type Finished } from '../run-node.js';

// End to end: the built command (`npm test` builds dist/ first) and the pinned type-coverage CLI, run the same
// way on the same folder; where type-coverage is right, the outputs must be identical byte for byte.
const repoRoot = REPO_ROOT;
const cliBin = CLI_BIN;
const typeCoverageBin = path.join(repoRoot, 'node_modules', 'type-coverage', 'bin', 'type-coverage');
const fixtures = path.join(repoRoot, 'fixtures', 'coverage');


const ours = (args: readonly string[], cwd: string): Promise<Finished> => runNode([cliBin, 'coverage', ...args], cwd);
// type-coverage prints absolute paths unless asked otherwise; ours are always relative.
const theirs = (args: readonly string[], cwd: string): Promise<Finished> => runNode([typeCoverageBin, '--show-relative-path', ...args], cwd);

const temporaryDirs: string[] = [];

function copyOf(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-coverage-'));
  temporaryDirs.push(dir);
  cpSync(path.join(fixtures, fixture), dir, { recursive: true });
  return dir;
}

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describe('perf-standards coverage: same output as type-coverage', () => {
  const project = path.join(fixtures, 'project');

  it.each([
    ['default', ['--detail']],
    ['strict', ['--detail', '--strict']],
    ['strict with ignores', ['--detail', '--strict', '--ignore-nested', '--ignore-object', '--ignore-non-null-assertion']],
    ['ignore-files', ['--detail', '--ignore-files', 'src/money.ts']],
    ['failing --at-least (details listed, exit 1)', ['--at-least', '90']],
  ])('%s', async (_name: string, args: readonly string[]) => {
    const [mine, reference] = await Promise.all([ours(args, project), theirs(args, project)]);
    expect(mine.stderr).toBe('');
    expect(mine.stdout).toBe(reference.stdout);
    expect(mine.code).toBe(reference.code);
  });

  it('--no-detail-when-failed works as the package.json key does (type-coverage reads the flag as --detail-when-failed=false)', async () => {
    const dir = copyOf('project');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ typeCoverage: { atLeast: 99.5, noDetailWhenFailed: true } }));
    const [mine, fromBlock, reference] = await Promise.all([
      ours(['--no-detail-when-failed'], dir),
      ours([], dir),
      theirs([], dir),
    ]);
    expect(mine.stdout).toBe('(74 / 85) 87.05%\nThe type coverage rate(87.05%) is lower than the target(99.5%).\n');
    expect(fromBlock.stdout).toBe(mine.stdout);
    expect(reference.stdout).toBe(mine.stdout);
    expect([mine.code, fromBlock.code, reference.code]).toEqual([1, 1, 1]);
  });

  it('prints the exact counts and locations of the fixture', async () => {
    const { stdout, code } = await ours(['--detail'], project);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['src/money.ts:8:19: loose', 'src/orders.ts:7:12: meta', 'src/orders.ts:11:9: data']);
    expect(stdout).toContain('(74 / 85) 87.05%\ntype-coverage success.\n');
  });

  it('--json prints the object type-coverage prints with --json-output', async () => {
    const [mine, reference] = await Promise.all([ours(['--json', '--detail', '--strict'], project), theirs(['--json-output', '--detail', '--strict'], project)]);
    expect(JSON.parse(mine.stdout)).toEqual(JSON.parse(reference.stdout));
    const failing = await Promise.all([ours(['--json', '--at-least', '95', '--is', '87.05'], project), theirs(['--json-output', '--at-least', '95', '--is', '87.05'], project)]);
    expect(failing[0].stdout).toBe(failing[1].stdout);
    expect(failing[0].code).toBe(1);
  });

  it('reads the typeCoverage block of package.json, with flags winning', async () => {
    const dir = copyOf('project');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { typeCoverage: Record<string, unknown> };
    manifest.typeCoverage = { ...manifest.typeCoverage, strict: true, detail: true, atLeast: 85 };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    const [mine, reference] = await Promise.all([ours([], dir), theirs([], dir)]);
    expect(mine.stdout).toBe(reference.stdout);
    expect(mine.code).toBe(1);
    expect(mine.stdout).toContain('The type coverage rate(82.55%) is lower than the target(85%).');
    const overridden = await ours(['--at-least', '80'], dir);
    expect(overridden.code).toBe(0);
    expect(overridden.stdout).toContain('(71 / 86) 82.55%\n');
  });

  it('follows a solution-style tsconfig to every referenced project, counting each file once', async () => {
    const solution = path.join(fixtures, 'solution');
    // type-coverage counts nothing for a tsconfig with only references; the app's program holds both files.
    const [mine, reference, bare] = await Promise.all([
      ours(['--detail'], solution),
      theirs(['--detail', '-p', 'packages/app'], solution),
      theirs([], solution),
    ]);
    expect(bare.stdout).toContain('0 / 0');
    const lines = (text: string): string[] => text.split('\n').filter((line: string) => line.includes(': ')).sort();
    expect(lines(mine.stdout)).toEqual(lines(reference.stdout));
    expect(lines(mine.stdout)).toEqual([
      'packages/app/src/main.ts:4:22: input',
      'packages/app/src/main.ts:5:17: input',
      'packages/core/src/index.ts:4:14: settings',
    ]);
    const counts = (text: string): string | undefined => /^\(\d+ \/ \d+\) [\d.]+%$/mu.exec(text)?.[0];
    expect(counts(mine.stdout)).toBe(counts(reference.stdout));
    expect(counts(mine.stdout)).toBe('(8 / 11) 72.72%');
  });
});

describe('perf-standards coverage on two threads', () => {
  // Enough files for the second thread to start (40): a chain of modules, each importing the previous one.
  function generatedProject(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-coverage-threads-'));
    temporaryDirs.push(dir);
    cpSync(path.join(fixtures, 'dependents', 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    mkdirSync(path.join(dir, 'src'));
    for (let index = 0; index < 60; index++) {
      const previous = index === 0 ? '' : `import { value${index - 1} } from './module-${index - 1}.js';\n`;
      const body =
        index % 3 === 0
          ? `export const value${index}: any = ${index === 0 ? '0' : `value${index - 1}`};\n`
          : `export function value${index}Of(input: number): number {\n  return input + ${index === 0 ? '0' : `Number(value${index - 1})`};\n}\nexport const value${index} = value${index}Of(${index});\n`;
      writeFileSync(path.join(dir, 'src', `module-${index}.ts`), `${previous}${body}`);
    }
    return dir;
  }

  it('prints what one thread and type-coverage print, cold and from the cache', async () => {
    const dir = generatedProject();
    const reference = await theirs(['--detail'], dir);
    expect(reference.stdout).toMatch(/^\(\d+ \/ \d+\) [\d.]+%$/mu);
    const [two, one] = await Promise.all([ours(['--detail', '--jobs', '2'], dir), ours(['--detail', '--jobs', '1'], dir)]);
    expect(two.stdout).toBe(reference.stdout);
    expect(one.stdout).toBe(reference.stdout);
    const cold = await ours(['--detail', '--jobs', '2', '--cache'], dir);
    const warm = await ours(['--detail', '--jobs', '2', '--cache'], dir);
    expect(cold.stdout).toBe(reference.stdout);
    expect(warm.stdout).toBe(reference.stdout);
  });
});

describe('perf-standards coverage --cache', () => {
  const breakShape = (dir: string): void => {
    writeFileSync(path.join(dir, 'src/shape.ts'), 'export type Shape = any;\n');
  };

  it('re-counts the importers of a type that became any, where type-coverage --cache keeps stale counts', async () => {
    const dir = copyOf('dependents');
    const first = await Promise.all([ours(['--cache', '--detail'], dir), theirs(['--cache', '--detail'], dir)]);
    expect(first[0].stdout).toBe('(26 / 26) 100.00%\ntype-coverage success.\n');
    expect(first[1].stdout).toBe(first[0].stdout);
    breakShape(dir);
    const [cached, fresh, staleReference] = await Promise.all([
      ours(['--cache', '--detail'], dir),
      theirs(['--detail'], dir),
      theirs(['--cache', '--detail'], dir),
    ]);
    expect(cached.stdout).toBe(fresh.stdout);
    expect(cached.stdout).toBe(
      [
        'src/shape.ts:1:13: Shape',
        'src/area.ts:1:15: Shape',
        'src/area.ts:3:22: shape',
        'src/area.ts:3:29: Shape',
        'src/area.ts:4:11: width',
        'src/area.ts:4:18: height',
        'src/area.ts:5:10: width',
        'src/area.ts:5:18: height',
        '(16 / 24) 66.66%',
        'type-coverage success.',
        '',
      ].join('\n'),
    );
    // The bug this cache exists to fix: type-coverage re-counted shape.ts only.
    expect(staleReference.stdout).toBe('src/shape.ts:1:13: Shape\n(23 / 24) 95.83%\ntype-coverage success.\n');
  });

  it('reuses exactly the files whose text and dependencies are unchanged', async () => {
    const dir = copyOf('dependents');
    const projects = loadCoverageProjects(findTsconfig('.', dir));
    const measure = (cache: Measurement['cacheToSave']): Promise<Measurement> =>
      measureCoverage({
        projects,
        countOptions: resolveCountOptions(undefined),
        selection: { cwd: dir, notOnlyInCwd: false, only: null, ignoreFiles: [] },
        cache: cache ?? new Map(),
        jobs: 1,
      });
    const reused = (measurement: Measurement): Record<string, boolean> =>
      Object.fromEntries(measurement.files.map(({ file, fromCache }) => [file, fromCache]));
    const cold = await measure(null);
    // What the second thread posts and the cache stores must be plain data.
    expect(structuredClone(cold.files)).toEqual(cold.files);
    expect(reused(cold)).toEqual({ 'src/shape.ts': false, 'src/area.ts': false, 'src/report.ts': false, 'src/unrelated.ts': false });
    const warm = await measure(cold.cacheToSave);
    expect(reused(warm)).toEqual({ 'src/shape.ts': true, 'src/area.ts': true, 'src/report.ts': true, 'src/unrelated.ts': true });
    expect(warm.cacheToSave).toBeNull();
    breakShape(dir);
    const afterEdit = await measure(cold.cacheToSave);
    // report.ts imports area.ts, which imports shape.ts: both depend on it.
    expect(reused(afterEdit)).toEqual({ 'src/shape.ts': false, 'src/area.ts': false, 'src/report.ts': false, 'src/unrelated.ts': true });
    // Other count options are other keys.
    const strict = await measureCoverage({
      projects,
      countOptions: resolveCountOptions({ strict: true }),
      selection: { cwd: dir, notOnlyInCwd: false, only: null, ignoreFiles: [] },
      cache: afterEdit.cacheToSave,
      jobs: 1,
    });
    expect(strict.files.every(({ fromCache }) => !fromCache)).toBe(true);
  });

  it('writes its cache in the cache directory and ignores a corrupt one', async () => {
    const dir = copyOf('dependents');
    await ours(['--cache', '--cache-directory', 'tmp/cov'], dir);
    const saved = parseCoverageCache(readFileSync(path.join(dir, 'tmp/cov/perf-standards-coverage.json'), 'utf8'));
    expect([...saved.keys()].sort()).toEqual(['src/area.ts', 'src/report.ts', 'src/shape.ts', 'src/unrelated.ts']);
    writeFileSync(path.join(dir, 'tmp/cov/perf-standards-coverage.json'), '{"format":1,"files":');
    const again = await ours(['--cache', '--cache-directory', 'tmp/cov'], dir);
    expect(again.stdout).toBe('(26 / 26) 100.00%\ntype-coverage success.\n');
  });
});

describe('perf-standards coverage --update', () => {
  it('raises atLeast in place, keeping the formatting, and never lowers it', async () => {
    const dir = copyOf('project');
    const manifestPath = path.join(dir, 'package.json');
    const before = readFileSync(manifestPath, 'utf8');
    const updated = await ours(['--update'], dir);
    expect(updated.code).toBe(0);
    expect(updated.stderr).toBe('package.json typeCoverage.atLeast: 50 → 87.05\n');
    expect(readFileSync(manifestPath, 'utf8')).toBe(before.replace('"atLeast": 50', '"atLeast": 87.05'));
    writeFileSync(path.join(dir, 'src/worse.ts'), 'export const a: any = 1;\nexport const b: any = a;\n');
    const lower = await ours(['--update'], dir);
    expect(lower.code).toBe(1);
    expect(lower.stdout).toContain('The type coverage rate(84.09%) is lower than the target(87.05%).');
    expect(readFileSync(manifestPath, 'utf8')).toBe(before.replace('"atLeast": 50', '"atLeast": 87.05'));
  });

  it('adds the block when package.json has none', async () => {
    const dir = copyOf('dependents');
    writeFileSync(path.join(dir, 'package.json'), '{\n\t"name": "x"\n}\n');
    const { code } = await ours(['--update'], dir);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{\n\t"name": "x",\n\t"typeCoverage": {\n\t\t"atLeast": 100\n\t}\n}\n');
  });

  it('ratchets `is` in a block that pins the exact value, and leaves CRLF files CRLF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-coverage-ratchet-'));
    temporaryDirs.push(dir);
    const manifestPath = path.join(dir, 'package.json');
    writeFileSync(manifestPath, '{\r\n  "typeCoverage": { "is": 90.5, "strict": true }\r\n}\r\n');
    expect(await ratchetThreshold(manifestPath, 90.1)).toEqual({ key: 'is', previous: 90.5, value: 90.5, written: false });
    expect(await ratchetThreshold(manifestPath, 91.25)).toEqual({ key: 'is', previous: 90.5, value: 91.25, written: true });
    expect(readFileSync(manifestPath, 'utf8')).toBe('{\r\n  "typeCoverage": { "is": 91.25, "strict": true }\r\n}\r\n');
  });

  it('refuses before counting when there is no package.json', async () => {
    const dir = copyOf('dependents');
    const { code, stdout, stderr } = await ours(['--update'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`perf-standards coverage: --update needs a package.json in the current directory (${dir})\n`);
  });
});

describe('perf-standards coverage: bad input', () => {
  it.each([
    ['a folder without tsconfig.json', 'no-tsconfig', [], 'no tsconfig.json in the current directory; pass the tsconfig to use with -p <file>'],
    ['a tsconfig that does not exist', 'project', ['-p', 'tsconfig.missing.json'], 'tsconfig not found: tsconfig.missing.json'],
    ['a tsconfig that matches no file', 'empty', [], `nothing to count in ${path.join(fixtures, 'empty', 'tsconfig.json')}: its include/files match no TypeScript file`],
    ['an unknown option', 'project', ['--strikt'], 'unknown option --strikt'],
    ['a bad percentage', 'project', ['--at-least', 'high'], '--at-least needs a percentage between 0 and 100, got "high"'],
    ['a stray argument', 'project', ['src'], 'unexpected argument; files to count go after "--"'],
  ])('%s: exit 2 with a message naming it', async (_name: string, fixture: string, args: readonly string[], message: string) => {
    const { code, stdout, stderr } = await ours(args, path.join(fixtures, fixture));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`perf-standards coverage: ${message}`);
  });

  it('a project whose files are all outside the current directory', async () => {
    // A fresh empty folder: the OS temp folder itself may hold this checkout.
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'perf-standards-elsewhere-'));
    temporaryDirs.push(elsewhere);
    const { code, stderr } = await ours(['-p', path.join(fixtures, 'project')], elsewhere);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `perf-standards coverage: no file to count: the files of ${path.join(fixtures, 'project', 'tsconfig.json')} are all outside the current directory; run the command from the project's folder or add --not-only-in-cwd\n`,
    );
  });

  it('counts only the files given after --', async () => {
    const project = path.join(fixtures, 'project');
    const [mine, reference] = await Promise.all([ours(['--detail', '--', 'src/money.ts'], project), theirs(['--detail', '--', 'src/money.ts'], project)]);
    expect(mine.stdout).toBe(reference.stdout);
    expect(mine.stdout).toContain('src/money.ts:8:19: loose\n');
  });
});
