import fs from 'node:fs';
import path from 'node:path';

/**
 * The longest line a Python project's style checker accepts, so that an added annotation does not fail its CI:
 * the `line-length` of `[tool.black]` / `[tool.ruff]` in pyproject.toml, or `max-line-length` of `[flake8]` /
 * `[pycodestyle]` in setup.cfg, tox.ini or .flake8 (the smallest when several are declared); else
 * pycodestyle's default of 79 when one of those sections is there (the project runs pycodestyle or flake8);
 * else none (black's 88 is a formatter's target, not a check that fails).
 */
export interface PythonLineLimit {
  /** Characters (code points) per line, newline excluded. */
  readonly limit: number;
  /** Where it comes from, for notes: `setup.cfg [flake8]`, `tox.ini [pycodestyle], pycodestyle's default`. */
  readonly source: string;
}

const PYCODESTYLE_DEFAULT = 79;
const CHECKER_FILES: readonly string[] = ['setup.cfg', 'tox.ini', '.flake8'];
const CHECKER_SECTIONS: ReadonlySet<string> = new Set(['flake8', 'pycodestyle']);
const FORMATTER_TABLES: ReadonlySet<string> = new Set(['tool.black', 'tool.ruff']);

// Each `[section]` of an INI or TOML text with its `key = number` entries (keys lower-cased, `_` as `-`).
function sections(text: string): Map<string, Map<string, number | null>> {
  const found = new Map<string, Map<string, number | null>>();
  let current: Map<string, number | null> | null = null;
  for (const line of text.split(/\r\n|\r|\n/u)) {
    const header = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/u.exec(line);
    if (header !== null) {
      const name = (header[1] as string).trim();
      current = found.get(name) ?? new Map<string, number | null>();
      found.set(name, current);
      continue;
    }
    const entry = current === null ? null : /^\s*"?([A-Za-z_-]+)"?\s*[=:]\s*(\S*)/u.exec(line);
    if (entry !== null && current !== null) {
      const value = /^\d+$/u.test(entry[2] as string) ? Number(entry[2]) : null;
      current.set((entry[1] as string).toLowerCase().replace(/_/gu, '-'), value);
    }
  }
  return found;
}

function readText(file: string): string | null {
  try {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    return stat?.isFile() === true ? fs.readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/**
 * The project's line limit, read from the files at `root` named above; null when it declares none.
 * @complexity O(length of those files).
 */
export function pythonLineLimit(root: string): PythonLineLimit | null {
  const declared: PythonLineLimit[] = [];
  let checker: string | null = null;
  const pyproject = readText(path.join(root, 'pyproject.toml'));
  if (pyproject !== null) {
    for (const [name, entries] of sections(pyproject)) {
      const limit = entries.get('line-length');
      if (FORMATTER_TABLES.has(name) && typeof limit === 'number') declared.push({ limit, source: `pyproject.toml [${name}]` });
    }
  }
  for (const file of CHECKER_FILES) {
    const text = readText(path.join(root, file));
    if (text === null) continue;
    for (const [name, entries] of sections(text)) {
      if (!CHECKER_SECTIONS.has(name)) continue;
      checker ??= `${file} [${name}]`;
      const limit = entries.get('max-line-length');
      if (typeof limit === 'number') declared.push({ limit, source: `${file} [${name}]` });
    }
  }
  if (declared.length > 0) return declared.reduce((least: PythonLineLimit, next: PythonLineLimit): PythonLineLimit => (next.limit < least.limit ? next : least));
  return checker === null ? null : { limit: PYCODESTYLE_DEFAULT, source: `${checker}, pycodestyle's default` };
}
