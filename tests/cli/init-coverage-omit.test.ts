/**
 * init leaves the Python monitor it writes out of coverage.py's measurement: `[run] omit` added to the file
 * coverage.py reads (cli/init/coverage-omit.ts), the rest of that file byte-identical; advice where the edit
 * would not be safe. Proven with coverage.py itself: the project's figure is what its tests cover, as before init.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planCoverageOmit } from '../../cli/init/coverage-omit.js';
import { CLI_BIN, runNode } from '../run-node.js';
import { execFileAsync, pythonWithCoverage } from './gates/gates-harness.js';

const MONITOR = 'shop/performance_monitor.py';
const plan = (files: Readonly<Record<string, string>>, addopts: readonly string[] = []) => planCoverageOmit(new Map(Object.entries(files)), MONITOR, addopts, []);
const edited = (files: Readonly<Record<string, string>>): string | undefined => plan(files).file?.after;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('init: coverage.py omit for the Python monitor', () => {
  it('pyproject.toml: added to an omit array (one line, multi-line, empty), to the table, or as the table; nothing else changes', () => {
    const rest = '[project]\nname = "shop"\n\n[tool.coverage.report]\nfail_under = 99  # the gate\n';
    expect(edited({ 'pyproject.toml': `[tool.coverage.run]\nomit = ["shop/_version.py"]  # generated\nbranch = true\n\n${rest}` })).toBe(
      `[tool.coverage.run]\nomit = ["shop/_version.py", "shop/performance_monitor.py"]  # generated\nbranch = true\n\n${rest}`,
    );
    expect(edited({ 'pyproject.toml': `[tool.coverage.run]\nomit = [\n  "shop/_version.py",  # generated\n  'tests/*'\n]\n${rest}` })).toBe(
      `[tool.coverage.run]\nomit = [\n  "shop/_version.py",  # generated\n  'tests/*',\n  "shop/performance_monitor.py",\n]\n${rest}`,
    );
    expect(edited({ 'pyproject.toml': `[tool.coverage.run]\nomit = []\n${rest}` })).toBe(`[tool.coverage.run]\nomit = ["shop/performance_monitor.py"]\n${rest}`);
    expect(edited({ 'pyproject.toml': `[tool.coverage.run] # measured\r\nsource = ["shop"]\r\n` })).toBe(`[tool.coverage.run] # measured\r\nomit = ["shop/performance_monitor.py"]\r\nsource = ["shop"]\r\n`);
    expect(edited({ 'pyproject.toml': rest })).toBe(`${rest}\n[tool.coverage.run]\nomit = ["shop/performance_monitor.py"]\n`);
    expect(plan({ 'pyproject.toml': `[tool.coverage.run]\nomit = ["shop/performance_monitor.py"]\n` })).toEqual({ unchanged: 'pyproject.toml [tool.coverage.run] omit has shop/performance_monitor.py already' });
    expect(plan({ 'pyproject.toml': `[tool.coverage.run]\nomit = ["a"]\n` }).file).toEqual({
      path: 'pyproject.toml',
      before: '[tool.coverage.run]\nomit = ["a"]\n',
      after: '[tool.coverage.run]\nomit = ["a", "shop/performance_monitor.py"]\n',
      what: "[tool.coverage.run] omit: shop/performance_monitor.py, the monitor's tests are the plugin's",
    });
  });

  it('INI: a continuation line in .coveragerc [run], setup.cfg or tox.ini [coverage:run]; the section when there is none', () => {
    expect(edited({ '.coveragerc': '[run]\nbranch = True\nomit =\n\tshop/_version.py\n\ttests/*\n# end\n[report]\nfail_under = 99\n', 'setup.cfg': '[coverage:run]\n' })).toBe(
      '[run]\nbranch = True\nomit =\n\tshop/_version.py\n\ttests/*\n\tshop/performance_monitor.py\n# end\n[report]\nfail_under = 99\n',
    );
    expect(edited({ 'setup.cfg': '[metadata]\nname = shop\n\n[coverage:run]\nomit = shop/_version.py, tests/*\n\n[coverage:report]\nshow_missing = true\n' })).toBe(
      '[metadata]\nname = shop\n\n[coverage:run]\nomit = shop/_version.py, tests/*\n    shop/performance_monitor.py\n\n[coverage:report]\nshow_missing = true\n',
    );
    expect(edited({ 'tox.ini': '[tox]\r\nenvlist = py311\r\n\r\n[coverage:run]\r\nsource = shop\r\n' })).toBe(
      '[tox]\r\nenvlist = py311\r\n\r\n[coverage:run]\r\nomit =\r\n    shop/performance_monitor.py\r\nsource = shop\r\n',
    );
    expect(edited({ 'setup.cfg': '[coverage:report]\nfail_under = 100' })).toBe('[coverage:report]\nfail_under = 100\n\n[coverage:run]\nomit =\n    shop/performance_monitor.py\n');
    // setup.cfg without coverage sections is not coverage.py's: pyproject.toml is.
    expect(plan({ 'setup.cfg': '[metadata]\nname = shop\n', 'pyproject.toml': '[tool.coverage.report]\nfail_under = 99\n' }).file?.path).toBe('pyproject.toml');
    expect(plan({ '.coveragerc': '[run]\nomit = tests/*,\n    shop/performance_monitor.py\n' })).toEqual({ unchanged: '.coveragerc [run] omit has shop/performance_monitor.py already' });
  });

  it('advice, the file untouched, where the edit is not safe or there is nothing to edit', () => {
    const advice = (why: string): string =>
      `coverage.py counts shop/performance_monitor.py like the package's other modules, though its tests are the plugin's; ${why}: to leave it out, add it to coverage.py's omit ([run] omit in .coveragerc, [coverage:run] in setup.cfg or tox.ini, [tool.coverage.run] omit = ["shop/performance_monitor.py"] in pyproject.toml).`;
    expect(plan({ 'pyproject.toml': '[tool.coverage]\nrun = { omit = ["a"] }\n' })).toEqual({ advice: advice('init left pyproject.toml unchanged ([tool.coverage.run] is written in a form init does not edit)') });
    expect(plan({ 'pyproject.toml': '[tool.coverage.run]\nomit = "a"\n' })).toEqual({ advice: advice('init left pyproject.toml unchanged (omit is not an array of strings)') });
    expect(plan({ 'pyproject.toml': '[tool.coverage.run\n' })).toEqual({ advice: advice('init left pyproject.toml unchanged (it is not valid TOML)') });
    expect(plan({ '.coveragerc': '[run]\nomit =\n    a\n\n    b\n' })).toEqual({ advice: advice('init left .coveragerc unchanged (the omit value in [run] has a blank line inside)') });
    expect(plan({ '.coveragerc': '[coverage:run]\nbranch = 1\n' })).toEqual({ advice: advice('init left .coveragerc unchanged (it has a [coverage:run] section)') });
    expect(plan({ '.coveragerc': '[run]\n[run]\n' })).toEqual({ advice: advice('init left .coveragerc unchanged ([run] appears 2 times)') });
    expect(plan({ '.coveragerc': '[run]\nomit = a\r\nbranch = 1\n' })).toEqual({ advice: advice('init left .coveragerc unchanged (its lines end in both CRLF and LF)') });
    expect(plan({ 'pyproject.toml': '[project]\nname = "shop"\n' })).toEqual({ advice: advice('the project has no coverage.py settings init could add it to') });
    expect(plan({ '.coveragerc': '[run]\n' }, ['--cov=shop', '--cov-config=ci/coverage.ini'])).toEqual({ advice: advice("pytest's --cov-config names coverage.py's settings") });
    expect(planCoverageOmit(new Map(), MONITOR, [], ['.coveragerc'])).toEqual({ advice: advice('init left .coveragerc unchanged (a symbolic link)') });
  });

  it("with coverage.py: after init, the project's figure is what its tests cover, in each configuration file; a second init changes nothing", async () => {
    const python = await pythonWithCoverage();
    const configs: Readonly<Record<string, string>> = {
      '.coveragerc': '[run]\nsource = shop\n',
      'setup.cfg': '[metadata]\nname = shop\n\n[coverage:run]\nsource = shop\nomit =\n    shop/_version.py\n',
      'tox.ini': '[coverage:run]\nsource = shop\n\n[coverage:report]\nfail_under = 100\n',
      'pyproject.toml': '[project]\nname = "shop"\nrequires-python = ">=3.7"\n\n[tool.coverage.run]\nsource = ["shop"]\n',
    };
    for (const [name, text] of Object.entries(configs)) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-omit-'));
      dirs.push(dir);
      const files: Record<string, string> = {
        'package.json': '{}\n',
        [name]: text,
        'shop/__init__.py': '',
        'shop/prices.py': 'def total(prices: list[int]) -> int:\n    return sum(prices)\n',
        'tests/__init__.py': '',
        'tests/test_prices.py': 'import unittest\n\nfrom shop.prices import total\n\n\nclass TotalTest(unittest.TestCase):\n    def test_total(self) -> None:\n        self.assertEqual(total([1, 2]), 3)\n',
      };
      if (name !== 'pyproject.toml') files['setup.py'] = 'from setuptools import setup\n\nsetup(name="shop", packages=["shop"], python_requires=">=3.7")\n';
      for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
      const result = await runNode([CLI_BIN, 'init', '--mcp', 'vscode'], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`created ${MONITOR} (the Python performance monitor, in package shop)\n`);
      const section = name === '.coveragerc' ? 'run' : name === 'pyproject.toml' ? 'tool.coverage.run' : 'coverage:run';
      expect(result.stdout).toContain(`updated ${name} ([${section}] omit: ${MONITOR}, the monitor's tests are the plugin's)\n`);
      expect(result.stdout).not.toContain('coverage.py counts');
      await execFileAsync(python, ['-B', '-m', 'coverage', 'run', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], { cwd: dir });
      await execFileAsync(python, ['-m', 'coverage', 'json', '-q', '-o', 'coverage.json'], { cwd: dir });
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as { files: Record<string, unknown>; totals: { percent_covered: number } };
      expect(Object.keys(report.files).sort()).toEqual(['shop/__init__.py', 'shop/prices.py']);
      expect(report.totals.percent_covered).toBe(100);
      const again = await runNode([CLI_BIN, 'init', '--mcp', 'vscode'], dir);
      expect(again.stdout).not.toMatch(/^(?:updated|created) /mu);
    }
  }, 120_000);
});
