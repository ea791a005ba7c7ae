/**
 * The file names pytest collects as test modules in a project: its `python_files` setting, read from the
 * files pytest reads it from (pytest's docs, "Configuration file formats", in its order of precedence:
 * `pytest.ini` `[pytest]`, `pyproject.toml` `[tool.pytest.ini_options]`, `tox.ini` `[pytest]`, `setup.cfg`
 * `[tool:pytest]`), else pytest's default `test_*.py` / `*_test.py`. A rename that takes a collected test
 * module out of these patterns makes its tests silently disappear.
 */

/** Where pytest reads its settings, in precedence order, with the section that holds them. */
const PYTEST_CONFIGS: readonly { readonly file: string; readonly section: string }[] = [
  { file: 'pytest.ini', section: 'pytest' },
  { file: 'pyproject.toml', section: 'tool.pytest.ini_options' },
  { file: 'tox.ini', section: 'pytest' },
  { file: 'setup.cfg', section: 'tool:pytest' },
];

/** pytest's default `python_files`. */
export const PYTEST_DEFAULT_PYTHON_FILES: readonly string[] = Object.freeze(['test_*.py', '*_test.py']);

/** The project's `python_files` patterns and where they come from. */
export interface PythonTestFiles {
  readonly patterns: readonly string[];
  /** `pyproject.toml`, or `pytest's default`. */
  readonly source: string;
  /** Whether pytest collects a file of this name. */
  collects(fileName: string): boolean;
}

// fnmatch as pytest uses it on the base name: `*`, `?`, `[…]`.
function fnmatchRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? '';
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end === -1) source += '\\[';
      else {
        const body = pattern.slice(index + 1, end);
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        index = end;
      }
    } else source += char.replace(/[.+^${}()|\\]/gu, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

// The value of `python_files` in `section` of an INI or TOML text: space-separated (INI, TOML string) or a TOML list.
function pythonFilesIn(text: string, section: string): string[] | null {
  let inSection = false;
  const lines = text.split(/\r?\n/u);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    const header = /^\[([^\]]+)\]$/u.exec(line);
    if (header !== null) {
      inSection = header[1]?.trim() === section;
      continue;
    }
    if (!inSection) continue;
    const setting = /^python_files\s*[=:]\s*(.*)$/u.exec(line);
    if (setting === null) continue;
    let value = setting[1] ?? '';
    if (value.startsWith('[')) {
      // A TOML list may span lines.
      while (!value.includes(']') && index + 1 < lines.length) value += ` ${lines[++index] ?? ''}`;
      return [...value.matchAll(/["']([^"']+)["']/gu)].map((match: RegExpMatchArray): string => match[1] ?? '');
    }
    // An INI value may continue on indented lines.
    while (index + 1 < lines.length && /^[ \t]+\S/u.test(lines[index + 1] ?? '')) value += ` ${(lines[++index] ?? '').trim()}`;
    return value.replace(/^["']|["']$/gu, '').split(/\s+/u).filter((pattern: string): boolean => pattern !== '');
  }
  return null;
}

/**
 * The project's test-module names from the texts of its root configuration files (`read` gives a root file's
 * text, or null when it does not exist): the first file of pytest's precedence that sets `python_files`,
 * else the defaults.
 * @complexity O(total length of the configuration texts).
 */
export async function pythonTestFiles(read: (file: string) => Promise<string | null>): Promise<PythonTestFiles> {
  for (const { file, section } of PYTEST_CONFIGS) {
    const text = await read(file);
    if (text === null) continue;
    const patterns = pythonFilesIn(text, section);
    if (patterns !== null && patterns.length > 0) return testFiles(patterns, file);
  }
  return testFiles(PYTEST_DEFAULT_PYTHON_FILES, "pytest's default");
}

function testFiles(patterns: readonly string[], source: string): PythonTestFiles {
  const expressions = patterns.map(fnmatchRegExp);
  return { patterns, source, collects: (fileName: string): boolean => expressions.some((expression: RegExp): boolean => expression.test(fileName)) };
}
