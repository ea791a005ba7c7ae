/**
 * Adds the Python monitor init writes to coverage.py's `[run] omit`, in the configuration file coverage.py
 * reads, so that the project's coverage (its own `fail_under`, pytest-cov's `--cov-fail-under`, and the
 * coverage gate reading coverage.py's report) stays what its tests measure: the monitor's 226 statements are
 * the plugin's to test (dacite: 92.96% of lines became 62.11% without this).
 */
import { isDeepStrictEqual } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import type { PlannedFile } from './setup-plan.js';

/** The root files coverage.py may read its settings from, in its order. */
export const COVERAGE_CONFIG_FILES: readonly string[] = ['.coveragerc', 'setup.cfg', 'tox.ini', 'pyproject.toml'];

/** What init does about coverage.py's omit: one file to update, or a line saying it is in place, or advice. */
export interface CoverageOmitPlan {
  readonly file?: PlannedFile;
  readonly unchanged?: string;
  readonly advice?: string;
}

/** Where coverage.py takes its `[run]` settings from, and the section that holds them there. */
interface CoverageConfig {
  readonly path: string;
  readonly section: string;
}

// An edit init could not make safely: the reason, for the advice.
class Unsafe extends Error {}

/**
 * The file coverage.py reads its settings from, in its own order (coverage/config.py): .coveragerc, else
 * the first of setup.cfg and tox.ini with a `[coverage:*]` section, else pyproject.toml with a
 * `[tool.coverage]` table; null when none sets coverage.py up.
 */
function coverageConfig(files: ReadonlyMap<string, string>): CoverageConfig | null {
  if (files.has('.coveragerc')) return { path: '.coveragerc', section: 'run' };
  for (const name of ['setup.cfg', 'tox.ini']) {
    if (/^\[coverage:[a-z_]+\][ \t]*$/mu.test(files.get(name) ?? '')) return { path: name, section: 'coverage:run' };
  }
  if (/^[ \t]*\[\[?[ \t]*tool[ \t]*\.[ \t]*coverage\b/mu.test(files.get('pyproject.toml') ?? '')) return { path: 'pyproject.toml', section: 'tool.coverage.run' };
  return null;
}

const lineEnding = (text: string): string => (/\r\n/u.test(text) ? '\r\n' : '\n');
const indentOf = (line: string): string => /^[ \t]*/u.exec(line)?.[0] ?? '';

// configparser's list value as coverage.py reads it (HandyConfigParser.getlist): lines, then commas.
const iniList = (value: string): string[] =>
  value
    .split('\n')
    .flatMap((line: string): string[] => line.split(','))
    .map((item: string): string => item.trim())
    .filter((item: string): boolean => item !== '');

/**
 * `text` (an INI file configparser reads) with `entry` added to `omit` of `[section]`: a continuation line
 * after the value's last line, with its indentation; `omit =` and the entry after the header when the section
 * has no `omit`; the section appended when the file has none. null when `omit` lists it already.
 * @throws Unsafe for a form where configparser might read the edit otherwise: a repeated section or key, a
 *   value whose lines are split by a blank line, an indented line after the header.
 */
function omitInIni(text: string, section: string, entry: string): string | null {
  const eol = lineEnding(text);
  if (eol === '\r\n' && /(?<!\r)\n/u.test(text)) throw new Unsafe('its lines end in both CRLF and LF');
  const lines = text.split(/\r?\n/u);
  const headers = lines.flatMap((line: string, index: number): number[] => (line.trim() === `[${section}]` ? [index] : []));
  if (headers.length > 1) throw new Unsafe(`[${section}] appears ${headers.length} times`);
  const [header] = headers;
  if (header === undefined) {
    const ending = text === '' || text.endsWith('\n') ? '' : eol;
    return `${text}${ending}${text === '' ? '' : eol}[${section}]${eol}omit =${eol}    ${entry}${eol}`;
  }
  const next = lines.findIndex((line: string, index: number): boolean => index > header && /^\[/u.test(line));
  const end = next === -1 ? lines.length : next;
  const keys = lines.flatMap((line: string, index: number): number[] => (index > header && index < end && /^omit[ \t]*[=:]/iu.test(line) ? [index] : []));
  if (keys.length > 1) throw new Unsafe(`omit appears ${keys.length} times in [${section}]`);
  const [key] = keys;
  if (key === undefined) {
    const after = lines[header + 1];
    if (after !== undefined && /^[ \t]+\S/u.test(after)) throw new Unsafe(`the line after [${section}] is indented`);
    lines.splice(header + 1, 0, 'omit =', `    ${entry}`);
    return lines.join(eol);
  }
  let last = key;
  while (last + 1 < end && /^[ \t]+\S/u.test(lines[last + 1] as string)) last += 1;
  // A blank line inside a value: configparser keeps reading it when indented lines follow.
  const resumes = lines.slice(last + 1, end).findIndex((line: string): boolean => line.trim() !== '' && /^[ \t]/u.test(line));
  if (resumes !== -1 && lines.slice(last + 1, last + 1 + resumes).every((line: string): boolean => line.trim() === '' || /^[ \t]/u.test(line))) {
    throw new Unsafe(`the omit value in [${section}] has a blank line inside`);
  }
  const value = lines
    .slice(key, last + 1)
    .join('\n')
    .replace(/^omit[ \t]*[=:]/iu, '')
    .split('\n')
    .filter((line: string): boolean => !/^\s*[#;]/u.test(line))
    .join('\n');
  if (iniList(value).includes(entry)) return null;
  const indent = last === key ? '    ' : indentOf(lines[last] as string);
  lines.splice(last + 1, 0, `${indent}${entry}`);
  return lines.join(eol);
}

// Index of the `]` closing the array that opens at `open`, and of the last character before it that is not a
// blank or in a comment (`[` itself for an empty array). TOML strings: "..." with escapes, '...', and triples.
function arrayEnd(text: string, open: number): { readonly close: number; readonly last: number } {
  let depth = 0;
  let last = open;
  for (let index = open; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char === '#') {
      while (index < text.length && text[index] !== '\n') index += 1;
      continue;
    }
    if (char === '"' || char === "'") {
      const quote = text.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
      let at = index + quote.length;
      while (at < text.length && !text.startsWith(quote, at)) at += char === '"' && text[at] === '\\' ? 2 : 1;
      index = at + quote.length - 1;
      last = index;
      continue;
    }
    if (char === '[') depth += 1;
    if (char === ']') {
      depth -= 1;
      if (depth === 0) return { close: index, last };
    }
    if (!/\s/u.test(char)) last = index;
  }
  throw new Unsafe('the omit array does not close');
}

type TomlTable = Record<string, unknown>;
const table = (value: unknown): TomlTable | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) ? (value as TomlTable) : undefined);

/**
 * `text` (a pyproject.toml with a `[tool.coverage]` table) with `entry` added to `[tool.coverage.run] omit`:
 * before the array's `]` (on a line of its own in a multi-line array), `omit = [...]` after the table's
 * header when it has none, the table appended when there is none. null when `omit` lists it already.
 * @throws Unsafe when the TOML does not parse, `omit` is not an array of strings, `run` is defined in another
 *   form (dotted keys, an inline table), or the edited text does not parse to the same document plus the entry.
 */
function omitInPyproject(text: string, entry: string): string | null {
  let before: TomlTable;
  try {
    before = parseToml(text) as TomlTable;
  } catch {
    throw new Unsafe('it is not valid TOML');
  }
  const run = table(table(table(before['tool'])?.['coverage'])?.['run']);
  const omit = run?.['omit'];
  if (omit !== undefined && !(Array.isArray(omit) && omit.every((item: unknown): boolean => typeof item === 'string'))) throw new Unsafe('omit is not an array of strings');
  if ((omit as string[] | undefined)?.includes(entry) === true) return null;
  const eol = lineEnding(text);
  const quoted = JSON.stringify(entry);
  const headers = [...text.matchAll(/^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*coverage[ \t]*\.[ \t]*run[ \t]*\][ \t]*(?:#[^\r\n]*)?(?=\r?$)/gmu)];
  let after: string;
  if (headers.length === 0) {
    if (run !== undefined) throw new Unsafe('[tool.coverage.run] is written in a form init does not edit');
    after = `${text}${text.endsWith('\n') ? '' : eol}${eol}[tool.coverage.run]${eol}omit = [${quoted}]${eol}`;
  } else {
    const header = headers[0] as RegExpMatchArray;
    const bodyStart = (header.index ?? 0) + header[0].length;
    const nextTable = /^[ \t]*\[/mu.exec(text.slice(bodyStart));
    const body = text.slice(bodyStart, nextTable === null ? undefined : bodyStart + nextTable.index);
    const key = /^[ \t]*omit[ \t]*=[ \t]*\[/mu.exec(body);
    if (key === null) {
      after = `${text.slice(0, bodyStart)}${eol}omit = [${quoted}]${text.slice(bodyStart)}`;
    } else {
      const open = bodyStart + key.index + key[0].length - 1;
      const { close, last } = arrayEnd(text, open);
      const closingLine = text.lastIndexOf('\n', close) + 1;
      const multiLine = text.slice(open, close).includes('\n') && text.slice(closingLine, close).trim() === '';
      const comma = text[last] === ',' || last === open ? '' : ',';
      if (multiLine) {
        const lastLine = text.lastIndexOf('\n', last) + 1;
        const indent = last === open || lastLine <= open ? `${indentOf(text.slice(closingLine))}    ` : indentOf(text.slice(lastLine));
        after = `${text.slice(0, last + 1)}${comma}${text.slice(last + 1, closingLine)}${indent}${quoted},${eol}${text.slice(closingLine)}`;
      } else {
        after = `${text.slice(0, last + 1)}${comma}${last === open ? '' : ' '}${quoted}${text.slice(last + 1)}`;
      }
    }
  }
  // The one change intended, or none: the edited document is the old one with the entry added.
  // `before` is not used again: it becomes what the edited text must parse to (smol-toml's own objects).
  const expected = before;
  // smol-toml's tables have no prototype: new ones are made alike, for the comparison.
  const tool = (expected['tool'] ??= Object.create(null)) as TomlTable;
  const coverage = (tool['coverage'] ??= Object.create(null)) as TomlTable;
  const edited = (coverage['run'] ??= Object.create(null)) as TomlTable;
  edited['omit'] = [...((edited['omit'] as string[] | undefined) ?? []), entry];
  let parsed: unknown;
  try {
    parsed = parseToml(after);
  } catch {
    throw new Unsafe('its [tool.coverage.run] is in a form init does not edit');
  }
  if (!isDeepStrictEqual(parsed, expected)) throw new Unsafe('its [tool.coverage.run] is in a form init does not edit');
  return after;
}

/**
 * For `monitor` (a path from the root), the edit of coverage.py's configuration among `files` (root file
 * name → text: .coveragerc, setup.cfg, tox.ini, pyproject.toml) that leaves it out of measurement: `[run]
 * omit` in the file coverage.py reads (coverageConfig). Nothing when no file sets coverage.py up or pytest's
 * `--cov-config` names another (advice then), or one of them is a symbolic link (`links`), or the edit would
 * not be safe (advice naming why).
 * @complexity O(size of the file edited).
 */
export function planCoverageOmit(files: ReadonlyMap<string, string>, monitor: string, addopts: readonly string[], links: readonly string[]): CoverageOmitPlan {
  const advise = (why: string): CoverageOmitPlan => ({
    advice: `coverage.py counts ${monitor} like the package's other modules, though its tests are the plugin's; ${why}: to leave it out, add it to coverage.py's omit ([run] omit in .coveragerc, [coverage:run] in setup.cfg or tox.ini, [tool.coverage.run] omit = ["${monitor}"] in pyproject.toml).`,
  });
  if (addopts.some((word: string): boolean => word.startsWith('--cov-config'))) return advise("pytest's --cov-config names coverage.py's settings");
  // Its text is not read: the link may lead out of the project, which init neither reads nor writes.
  if (links.length > 0) return advise(`init left ${links.join(', ')} unchanged (a symbolic link)`);
  const config = coverageConfig(files);
  if (config === null) return advise('the project has no coverage.py settings init could add it to');
  const text = files.get(config.path) as string;
  try {
    // coverage.py reads .coveragerc's [coverage:run] too, before its [run].
    if (config.path === '.coveragerc' && /^\[coverage:run\][ \t]*\r?$/mu.test(text)) throw new Unsafe('it has a [coverage:run] section');
    const after = config.path === 'pyproject.toml' ? omitInPyproject(text, monitor) : omitInIni(text, config.section, monitor);
    if (after === null) return { unchanged: `${config.path} [${config.section}] omit has ${monitor} already` };
    return { file: { path: config.path, before: text, after, what: `[${config.section}] omit: ${monitor}, the monitor's tests are the plugin's` } };
  } catch (error: unknown) {
    if (error instanceof Unsafe) return advise(`init left ${config.path} unchanged (${error.message})`);
    throw error;
  }
}
