import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../run-node.js';
import { runGates, writeGatesConfig } from './gates-harness.js';
import { defaultCacheDirectory } from '../../../cli/coverage/cache-location.js';

// fixtures/coverage/project: the fixture `perf-standards coverage` is checked on against type-coverage 2.30,
// which counts it (74 / 85) 87.05%.
const folders: string[] = [];
const copy = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-types-'));
  folders.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures', 'coverage', 'project'), dir, { recursive: true });
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('type coverage gate', () => {
  it("TypeScript: the coverage command's count, against the standards' 95%, least covered files named", async () => {
    const project = copy();
    const run = await runGates(project, ['--only', 'typeCoverage']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'Gate           Threshold  Measured        Verdict  Source',
        'Type coverage  ≥ 95%      87.05% (74/85)  failed   tsconfig.json',
        '    least covered: src/orders.ts 79.59% (39/49), src/money.ts 97.22% (35/36)',
        '    run `perf-standards coverage --detail` for every uncovered identifier',
        '',
        '1 failed',
        '',
      ].join('\n'),
    );
    // The gate writes nothing unless asked to keep the coverage command's cache.
    expect(existsSync(path.join(project, '.type-coverage'))).toBe(false);
    writeGatesConfig(project, { gates: { typeCoverage: { threshold: 87, cache: true } } });
    const passing = await runGates(project, ['--only', 'typeCoverage']);
    expect(passing.code).toBe(0);
    expect(passing.stdout.split('\n')[1]).toBe('Type coverage  ≥ 87%      87.05% (74/85)  passed   tsconfig.json');
    // The coverage command's own cache folder (node_modules/.cache/perf-standards or the user's cache), never the project's tree.
    expect(existsSync(path.join(defaultCacheDirectory(project), 'perf-standards-coverage.json'))).toBe(true);
    expect(existsSync(path.join(project, '.type-coverage'))).toBe(false);
  });

  it('Python: unavailable until the Python language exists, never 100%', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-types-py-'));
    folders.push(project);
    writeFileSync(path.join(project, 'pyproject.toml'), '[project]\nname = "shapes"\n');
    const run = await runGates(project, ['--only', 'typeCoverage', '--format', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { gates: unknown[] }).gates).toEqual([
      {
        gate: 'typeCoverage',
        title: 'Type coverage',
        verdict: 'unavailable',
        threshold: '≥ 95%',
        measured: '',
        source: '',
        details: [],
        message: "Python type coverage (annotated parameters and returns) is counted with the plugin's Python language, which this version does not have yet",
      },
    ]);
  });

  it('no tsconfig: no data; asked for with --only: exit 2; a tsconfig that cannot be read: exit 2', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-types-none-'));
    folders.push(empty);
    const asked = await runGates(empty, ['--only', 'typeCoverage']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toBe('perf-standards gates: Type coverage: no tsconfig.json in the project root; set gates.typeCoverage.project to the tsconfig to count\n');
    const all = await runGates(empty, ['--format', 'json']);
    expect((JSON.parse(all.stdout) as { gates: { gate: string; verdict: string }[] }).gates.find((gate) => gate.gate === 'typeCoverage')?.verdict).toBe('no data');
    writeFileSync(path.join(empty, 'tsconfig.json'), '{ "compilerOptions": { "strict": tru } }');
    const broken = await runGates(empty, ['--only', 'typeCoverage']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^perf-standards gates: Type coverage: tsconfig\.json: /u);
  });
});
