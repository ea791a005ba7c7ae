import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../run-node.js';
import { runGates, writeGatesConfig } from './gates-harness.js';
import { defaultCacheDirectory } from '../../../cli/coverage/cache-location.js';

// fixtures/coverage/project: the fixture `perf-standards coverage` is checked on against type-coverage 2.30,
// which counts it (74 / 85) 87.05%.
const folders: string[] = [];
const pythonApp = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-types-py-'));
  folders.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', 'python-app'), dir, { recursive: true });
  return dir;
};
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

  it('Python: the annotated share of the slots require-explicit-types checks; least covered files named', async () => {
    const project = pythonApp();
    const run = await runGates(project, ['--only', 'typeCoverage']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'Gate           Threshold  Measured                   Verdict  Source',
        'Type coverage  ≥ 95%      68.75% (11/16 in 4 files)  failed   **/*.py, **/*.pyi',
        '    least covered: tests/test_speed.py 50.00% (1/2), tests/test_stock.py 50.00% (1/2), inventory/stock.py 75.00% (9/12)',
        '    run `perf-standards check` for every missing annotation (require-explicit-types)',
        '',
        '1 failed',
        '',
      ].join('\n'),
    );
    writeGatesConfig(project, { gates: { typeCoverage: { threshold: 68.75 } } });
    expect((await runGates(project, ['--only', 'typeCoverage'])).stdout.split('\n')[1]).toBe('Type coverage  ≥ 68.75%   68.75% (11/16 in 4 files)  passed   **/*.py, **/*.pyi');
  });

  it('Python: a stub is counted in place of its module, a file with a syntax error is named and left out, ignored and linked files are not read', async () => {
    const project = pythonApp();
    // Type checkers read inventory/stock.pyi in place of stock.py: 9 slots, all annotated.
    writeFileSync(
      path.join(project, 'inventory', 'stock.pyi'),
      'class Item:\n    sku: str\n    quantity: int\n    def restocked(self, amount: int) -> Item: ...\n    @staticmethod\n    def parse(line: str) -> Item: ...\n\ndef total(items: list[Item]) -> int: ...\ndef low_stock(items: list[Item], *, limit: int = 5) -> list[Item]: ...\n',
    );
    writeFileSync(path.join(project, 'legacy.py'), 'def shout(words):\n    print words\n');
    mkdirSync(path.join(project, 'build', 'lib'), { recursive: true });
    writeFileSync(path.join(project, 'build', 'lib', 'copy.py'), 'def untyped(a, b):\n    return a\n');
    writeFileSync(path.join(project, '.gitignore'), 'build/\n');
    symlinkSync(path.join(project, 'build', 'lib', 'copy.py'), path.join(project, 'linked.py'));
    const run = await runGates(project, ['--only', 'typeCoverage']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'Gate           Threshold  Measured                   Verdict  Source',
        'Type coverage  ≥ 95%      84.61% (11/13 in 4 files)  failed   **/*.py, **/*.pyi',
        '    least covered: tests/test_speed.py 50.00% (1/2), tests/test_stock.py 50.00% (1/2)',
        '    run `perf-standards check` for every missing annotation (require-explicit-types)',
        "    not counted: legacy.py (2:5 Missing parentheses in call to 'print'. Did you mean print(...)?)",
        '',
        '1 failed',
        '',
      ].join('\n'),
    );
  });

  it('a repository with TypeScript and Python: each language judged against the threshold, in one row', async () => {
    const project = copy();
    cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', 'python-app'), project, { recursive: true });
    const run = await runGates(project, ['--only', 'typeCoverage', '--format', 'json']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { gates: unknown[] }).gates).toEqual([
      {
        gate: 'typeCoverage',
        title: 'Type coverage',
        verdict: 'failed',
        threshold: '≥ 95%',
        measured: 'TypeScript 87.05% (74/85), Python 68.75% (11/16 in 4 files)',
        value: 68.75,
        source: 'tsconfig.json, **/*.py, **/*.pyi',
        details: [
          'least covered (TypeScript): src/orders.ts 79.59% (39/49), src/money.ts 97.22% (35/36)',
          'run `perf-standards coverage --detail` for every uncovered identifier',
          'least covered (Python): tests/test_speed.py 50.00% (1/2), tests/test_stock.py 50.00% (1/2), inventory/stock.py 75.00% (9/12)',
          'run `perf-standards check` for every missing annotation (require-explicit-types)',
        ],
      },
    ]);
    // One language passing and the other failing fails the gate; `language` counts one of them only.
    writeGatesConfig(project, { gates: { typeCoverage: { threshold: 80 } } });
    const mixed = await runGates(project, ['--only', 'typeCoverage']);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout.split('\n').slice(1, 4)).toEqual([
      'Type coverage  ≥ 80%      TypeScript 87.05% (74/85), Python 68.75% (11/16 in 4 files)  failed   tsconfig.json, **/*.py, **/*.pyi',
      '    least covered (Python): tests/test_speed.py 50.00% (1/2), tests/test_stock.py 50.00% (1/2), inventory/stock.py 75.00% (9/12)',
      '    run `perf-standards check` for every missing annotation (require-explicit-types)',
    ]);
    writeGatesConfig(project, { gates: { typeCoverage: { threshold: 80, language: 'typescript' } } });
    expect((await runGates(project, ['--only', 'typeCoverage'])).stdout.split('\n')[1]).toBe('Type coverage  ≥ 80%      87.05% (74/85)  passed   tsconfig.json');
  });

  it('Python asked for where there is none: exit 2 naming what was looked for', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-types-py-'));
    folders.push(project);
    writeFileSync(path.join(project, 'pyproject.toml'), '[project]\nname = "shapes"\n');
    const asked = await runGates(project, ['--only', 'typeCoverage']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toBe('perf-standards gates: Type coverage: no Python file to count (no .py or .pyi file outside what git ignores, installed packages and environments)\n');
    const all = await runGates(project, ['--format', 'json']);
    expect((JSON.parse(all.stdout) as { gates: { gate: string; verdict: string }[] }).gates.find((gate) => gate.gate === 'typeCoverage')?.verdict).toBe('no data');
  });

  it('no tsconfig: no data; asked for with --only: exit 2; a tsconfig that cannot be read: exit 2', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-types-none-'));
    folders.push(empty);
    const asked = await runGates(empty, ['--only', 'typeCoverage']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toBe('perf-standards gates: Type coverage: no tsconfig.json in the project root, and no pyproject.toml, setup.py or setup.cfg; set gates.typeCoverage.project to the tsconfig to count, or gates.typeCoverage.language to "python"\n');
    const all = await runGates(empty, ['--format', 'json']);
    expect((JSON.parse(all.stdout) as { gates: { gate: string; verdict: string }[] }).gates.find((gate) => gate.gate === 'typeCoverage')?.verdict).toBe('no data');
    writeFileSync(path.join(empty, 'tsconfig.json'), '{ "compilerOptions": { "strict": tru } }');
    const broken = await runGates(empty, ['--only', 'typeCoverage']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^perf-standards gates: Type coverage: tsconfig\.json: /u);
  });
});
