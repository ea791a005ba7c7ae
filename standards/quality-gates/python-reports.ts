/**
 * Where a Python project's own tools write the reports the gates read, from the configuration files those
 * tools read: coverage.py's JSON report (`coverage json`, or pytest-cov's `--cov-report`) for the coverage
 * gate, pytest-benchmark's `--benchmark-json` for the regression gate. `perf-standards init` writes them into
 * `gates`, as it does vitest's for a TypeScript project.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** A configuration file of the project root: its name (`pyproject.toml`, `setup.cfg`, ...) and text. */
export interface PythonConfigFile {
  readonly path: string;
  readonly text: string;
}

/** The reports a Python project's tools are set up to write, relative to the root; `null` when not. */
export interface PythonReports {
  /** coverage.py's report (JSON, or Cobertura XML when pytest-cov writes only that), when coverage.py is set up. */
  readonly coverage: string | null;
  /** pytest-benchmark's results, when pytest's `addopts` write them (`--benchmark-json`). */
  readonly benchmarkJson: string | null;
  /** pytest-benchmark is a declared dependency (or `addopts` use it): benchmarks can be run. */
  readonly hasBenchmarks: boolean;
}

/** The files read, in the root: pytest's and coverage.py's configuration, and the manifests that declare dependencies. */
export const PYTHON_TOOL_FILES: readonly string[] = ['pytest.ini', '.pytest.ini', 'pytest.toml', '.pytest.toml', 'pyproject.toml', 'tox.ini', 'setup.cfg', '.coveragerc', 'setup.py', 'requirements.txt', 'requirements-dev.txt', 'requirements_dev.txt', 'dev-requirements.txt', 'requirements-test.txt', 'test-requirements.txt'];

// A section's body of an INI file as configparser reads it: `[name]` to the next header.
function iniSection(text: string, name: string): string | null {
  const lines = text.split(/\r\n|\r|\n/u);
  const start = lines.findIndex((line: string): boolean => line.trim() === `[${name}]`);
  if (start === -1) return null;
  const end = lines.findIndex((line: string, index: number): boolean => index > start && /^\[[^\]]+\]/u.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

// `key = value` (or `key: value`) of an INI section body, its indented continuation lines joined; comments left out.
function iniValue(body: string, key: string): string | null {
  const match = new RegExp(`^${key}[ \\t]*[=:]([^\\n]*)((?:\\n[ \\t]+[^\\n]*)*)`, 'mu').exec(body);
  if (match === null) return null;
  return `${match[1] ?? ''}${match[2] ?? ''}`
    .split('\n')
    .map((line: string): string => line.replace(/(?:^|\s)[#;].*$/u, '').trim())
    .filter((line: string): boolean => line !== '')
    .join(' ');
}

/**
 * Splits a command line as Python's `shlex.split` does (pytest splits a string `addopts` so): blanks
 * separate words; single quotes keep everything, double quotes all but `\"` and `\\`, a backslash outside
 * quotes the next character.
 * @complexity O(length of the text).
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && (text[index + 1] === '"' || text[index + 1] === '\\')) word += text[++index] as string;
      else word += char;
    } else if (/\s/u.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === '\\' && index + 1 < text.length) {
      word = (word ?? '') + (text[++index] as string);
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

type Table = Readonly<Record<string, unknown>>;

function tomlTable(text: string, keys: readonly string[]): Table | null {
  let value: unknown;
  try {
    value = parseToml(text);
  } catch {
    return null;
  }
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Table)[key];
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : null;
}

const wordsOf = (value: unknown): string[] | null =>
  typeof value === 'string' ? shellWords(value) : Array.isArray(value) ? value.filter((item: unknown): item is string => typeof item === 'string') : null;

/**
 * pytest's `addopts` as words, from the file pytest takes its configuration from: the first of pytest.ini,
 * .pytest.ini, pytest.toml, .pytest.toml (whichever exists), pyproject.toml with `[tool.pytest.ini_options]`
 * or `[tool.pytest]`, tox.ini with `[pytest]`, setup.cfg with `[tool:pytest]` (pytest's own order). `null`
 * when none configures pytest.
 * @complexity O(size of the files).
 */
export function pytestAddopts(files: ReadonlyMap<string, string>): string[] | null {
  for (const name of ['pytest.ini', '.pytest.ini']) {
    const text = files.get(name);
    if (text !== undefined) return wordsOf(iniValue(iniSection(text, 'pytest') ?? '', 'addopts') ?? '') ?? [];
  }
  for (const name of ['pytest.toml', '.pytest.toml']) {
    const text = files.get(name);
    if (text !== undefined) return wordsOf(tomlTable(text, ['pytest'])?.['addopts']) ?? [];
  }
  const pyproject = files.get('pyproject.toml');
  if (pyproject !== undefined) {
    const legacy = tomlTable(pyproject, ['tool', 'pytest', 'ini_options']);
    const native = tomlTable(pyproject, ['tool', 'pytest']);
    if (legacy !== null) return wordsOf(legacy['addopts']) ?? [];
    if (native !== null) return wordsOf(native['addopts']) ?? [];
  }
  for (const [name, section] of [['tox.ini', 'pytest'], ['setup.cfg', 'tool:pytest']] as const) {
    const body = iniSection(files.get(name) ?? '', section);
    if (body !== null) return wordsOf(iniValue(body, 'addopts') ?? '') ?? [];
  }
  return null;
}

// The value of option `name` among command-line words: `--name=value` or `--name value`, the last one given.
function optionValues(words: readonly string[], name: string): string[] {
  const values: string[] = [];
  words.forEach((word: string, index: number): void => {
    if (word.startsWith(`${name}=`)) values.push(word.slice(name.length + 1));
    else if (word === name && index + 1 < words.length) values.push(words[index + 1] as string);
  });
  return values;
}

/**
 * coverage.py's own settings for `section` (`run`, `json`, ...) from the file it reads them from: .coveragerc
 * (`[section]`), else setup.cfg or tox.ini (`[coverage:section]`), else pyproject.toml
 * (`[tool.coverage.section]`); `undefined` when no file sets coverage.py up, `{}` when the file has other
 * coverage sections only.
 * @complexity O(size of the files).
 */
function coverageSettings(files: ReadonlyMap<string, string>, section: string): Readonly<Record<string, string>> | undefined {
  const rc = files.get('.coveragerc');
  if (rc !== undefined) return { output: iniValue(iniSection(rc, section) ?? '', 'output') ?? '' };
  for (const name of ['setup.cfg', 'tox.ini']) {
    const text = files.get(name);
    if (text !== undefined && /^\[coverage:[a-z_]+\]/mu.test(text)) return { output: iniValue(iniSection(text, `coverage:${section}`) ?? '', 'output') ?? '' };
  }
  const pyproject = files.get('pyproject.toml');
  if (pyproject !== undefined && tomlTable(pyproject, ['tool', 'coverage']) !== null) {
    const output = tomlTable(pyproject, ['tool', 'coverage', section])?.['output'];
    return { output: typeof output === 'string' ? output : '' };
  }
  return undefined;
}

// A requirement on `name` (PEP 508: the name, then extras, a version or a marker) in a manifest or requirements file.
const declares = (text: string, name: string): boolean => new RegExp(`(?:^|["'\\s,\\[])${name}(?=\\s*(?:[\\[<>=!~;@,"']|$))`, 'imu').test(text);

const inside = (file: string): string | null => {
  const normal = file.replace(/^\.\//u, '');
  return normal === '' || normal.startsWith('/') || normal.split(/[\\/]/u).includes('..') ? null : normal;
};

/**
 * The reports a Python project's tools write, from the root's configuration files (PYTHON_TOOL_FILES, by
 * name). coverage.py is set up when pytest's `addopts` use pytest-cov (`--cov`), or coverage.py has
 * settings, or `coverage` / `pytest-cov` is a declared dependency: its report is pytest-cov's JSON
 * `--cov-report` (`json:path` → path; `json` → coverage.py's `[json] output`, default `coverage.json`), else
 * its XML one when that is the only one of the two it writes, else coverage.py's `[json] output` (default
 * `coverage.json`, where `coverage json` writes). pytest-benchmark's results: the `--benchmark-json` of `addopts`. Paths outside the root are
 * left out (`null`).
 * @complexity O(size of the files).
 */
export function pythonReports(configFiles: readonly PythonConfigFile[]): PythonReports {
  const files = new Map(configFiles.map((file: PythonConfigFile): [string, string] => [file.path, file.text]));
  const addopts = pytestAddopts(files) ?? [];
  const dependencies = [...files].filter(([name]) => /^(?:setup\.py|setup\.cfg|pyproject\.toml|.*requirements.*\.txt)$/u.test(name)).map(([, text]) => text);
  const covReports = optionValues(addopts, '--cov-report').map((value: string): { readonly kind: string; readonly path: string } => {
    const [kind = '', path = ''] = value.split(/:(.*)/su);
    return { kind, path };
  });
  const jsonReport = covReports.find((report): boolean => report.kind === 'json');
  const xmlReport = covReports.find((report): boolean => report.kind === 'xml');
  const settings = coverageSettings(files, 'json');
  const usesCoverage =
    addopts.some((word: string): boolean => word === '--cov' || word.startsWith('--cov=')) ||
    settings !== undefined ||
    dependencies.some((text: string): boolean => declares(text, 'coverage') || declares(text, 'pytest-cov'));
  let coverage: string | null = null;
  // Without a path, pytest-cov writes where coverage.py's own setting says.
  if (jsonReport !== undefined) coverage = jsonReport.path || settings?.['output'] || 'coverage.json';
  else if (xmlReport !== undefined) coverage = xmlReport.path || coverageSettings(files, 'xml')?.['output'] || 'coverage.xml';
  else if (usesCoverage) coverage = settings?.['output'] || 'coverage.json';
  const [benchmarkJson] = optionValues(addopts, '--benchmark-json').slice(-1);
  const hasBenchmarks = benchmarkJson !== undefined || addopts.some((word: string): boolean => word.startsWith('--benchmark-')) || dependencies.some((text: string): boolean => declares(text, 'pytest-benchmark'));
  return { coverage: coverage === null ? null : inside(coverage), benchmarkJson: benchmarkJson === undefined ? null : inside(benchmarkJson), hasBenchmarks };
}

/**
 * pythonReports of the project at `root`, reading those of PYTHON_TOOL_FILES it has.
 * @performance one read per file it has (at most 15 small files).
 */
export async function readPythonReports(root: string): Promise<PythonReports> {
  const read = await Promise.all(
    PYTHON_TOOL_FILES.map(async (name: string): Promise<PythonConfigFile | null> => {
      const text = await readFile(path.join(root, name), 'utf8').catch((): null => null);
      return text === null ? null : { path: name, text };
    }),
  );
  return pythonReports(read.filter((file: PythonConfigFile | null): file is PythonConfigFile => file !== null));
}
