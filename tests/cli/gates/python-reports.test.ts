import { describe, expect, it } from 'vitest';
import { pytestAddopts, pythonReports, shellWords, type PythonConfigFile } from '../../../standards/quality-gates/python-reports.js';

// Where a Python project's tools write the reports the gates read, from the files pytest and coverage.py read.
const reports = (files: Readonly<Record<string, string>>) =>
  pythonReports(Object.entries(files).map(([path, text]: [string, string]): PythonConfigFile => ({ path, text })));

describe('Python tools: where the reports are written', () => {
  it('pytest-benchmark and pytest-cov in pyproject.toml addopts, a string or a list', () => {
    expect(reports({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--benchmark-json=out/bench.json --cov=shop --cov-report=json:out/cov.json"\n' })).toEqual({
      coverage: 'out/cov.json',
      benchmarkJson: 'out/bench.json',
      hasBenchmarks: true,
    });
    expect(reports({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = [\n  "--benchmark-json", "benchmark.json",\n  "--cov", "--cov-report=xml",\n]\n' })).toEqual({
      coverage: 'coverage.xml',
      benchmarkJson: 'benchmark.json',
      hasBenchmarks: true,
    });
  });

  it("setup.cfg's [tool:pytest] with continuation lines, and coverage.py's [coverage:json] output", () => {
    expect(
      reports({
        'setup.cfg': '[metadata]\nname = shop\n\n[tool:pytest]\naddopts =\n    --strict-markers  # markers are declared\n    --benchmark-json=.benchmarks/latest.json\n\n[coverage:run]\nbranch = True\n\n[coverage:json]\noutput = reports/coverage.json\n',
      }),
    ).toEqual({ coverage: 'reports/coverage.json', benchmarkJson: '.benchmarks/latest.json', hasBenchmarks: true });
  });

  it("pytest.ini wins over the others, as pytest reads it first; .coveragerc over setup.cfg, as coverage.py reads it first", () => {
    const files = {
      'pytest.ini': '[pytest]\naddopts = -q\n',
      'setup.cfg': '[tool:pytest]\naddopts = --benchmark-json=ignored.json\n\n[coverage:json]\noutput = ignored.json\n',
      '.coveragerc': '[run]\nsource = shop\n',
    };
    expect(reports(files)).toEqual({ coverage: 'coverage.json', benchmarkJson: null, hasBenchmarks: false });
    expect(pytestAddopts(new Map(Object.entries(files)))).toEqual(['-q']);
  });

  it('a declared dependency on coverage, pytest-cov or pytest-benchmark (setup.py extras, requirements) is enough', () => {
    expect(reports({ 'setup.py': 'setup(\n    name="dacite",\n    extras_require={"dev": ["pytest>=5", "pytest-benchmark", "pytest-cov", "coveralls"]},\n)\n' })).toEqual({
      coverage: 'coverage.json',
      benchmarkJson: null,
      hasBenchmarks: true,
    });
    expect(reports({ 'requirements-dev.txt': 'coverage[toml]==7.4.0\npytest\n' })).toEqual({ coverage: 'coverage.json', benchmarkJson: null, hasBenchmarks: false });
    // A package whose name starts with one of theirs is not them.
    expect(reports({ 'requirements.txt': 'coveralls\npytest-benchmark-plugin-x\n' })).toEqual({ coverage: null, benchmarkJson: null, hasBenchmarks: false });
  });

  it('a path outside the project is left out; a TOML file that does not parse configures nothing', () => {
    expect(reports({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--benchmark-json=../elsewhere.json --cov-report=json:/tmp/c.json"\n' })).toEqual({
      coverage: null,
      benchmarkJson: null,
      hasBenchmarks: true,
    });
    expect(reports({ 'pyproject.toml': '[tool.pytest.ini_options\naddopts = "--benchmark-json=b.json"\n' })).toEqual({ coverage: null, benchmarkJson: null, hasBenchmarks: false });
  });

  it("splits a string addopts as Python's shlex.split", () => {
    expect(shellWords(`-k "not slow" --benchmark-json='my results.json' a\\ b "x\\"y"`)).toEqual(['-k', 'not slow', '--benchmark-json=my results.json', 'a b', 'x"y']);
  });
});
