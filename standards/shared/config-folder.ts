import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { CONFIG_FILE_NAMES } from './config-file-names.js';

// The list lives apart so that the CLI can use it without loading ESLint.
export { CONFIG_FILE_NAMES };

// ESLint 10 finds a file's config from the file's own folder up; ESLint 9 from its cwd up (unless the
// `v10_config_lookup_from_file` flag is on, which a rule cannot see).
const LOOKUP_FROM_FILE = Number.parseInt(ESLint.version, 10) >= 10;

// Folder → the folder of the nearest config at or above it, or `null` when there is none. The answer for a
// folder never changes during a run, and every file of a folder asks the same question.
const nearestConfigFolder = new Map<string, string | null>();

function configFolderAbove(folder: string): string | null {
  const known = nearestConfigFolder.get(folder);
  if (known !== undefined) return known;
  let found: string | null;
  if (CONFIG_FILE_NAMES.some((name: string): boolean => existsSync(path.join(folder, name)))) {
    found = folder;
  } else {
    const parent = path.dirname(folder);
    found = parent === folder ? null : configFolderAbove(parent);
  }
  nearestConfigFolder.set(folder, found);
  return found;
}

/** The shared setting that names the base folder outright: `settings: { 'perf-standards': { basePath } }`. */
export interface PerfStandardsSettings {
  readonly basePath?: string;
}

/**
 * `settings['perf-standards'].basePath` when a config sets it (an absolute folder, or one relative to
 * `cwd`), else `null`. `perf-standards check` sets it when it lints with its own config instead of a
 * config file, since its options then belong to no file's folder.
 * @complexity O(1).
 */
export function basePathSetting(settings: unknown, cwd: string): string | null {
  const own = (settings as Readonly<Record<string, PerfStandardsSettings | undefined>> | undefined)?.['perf-standards'];
  const basePath = own?.basePath;
  return typeof basePath === 'string' && basePath !== '' ? path.resolve(cwd, basePath) : null;
}

/**
 * The folder that globs in a rule's options (`ignore`, `paths`, `roots`, …) are relative to: the folder of
 * the config file that applies to the file, as ESLint's own `files` and `ignores` are
 * (`settings['perf-standards'].basePath` overrides it); `cwd` when no config file is found
 * (`Linter#verify`, RuleTester). So `eslint .` run from a subfolder, or `perf-standards check src`,
 * matches a root config's `ignore: ['legacy/**']` against the same files as a run from the root. Virtual
 * file names (`<input>`) get `cwd`. Under ESLint 9 the lookup starts at `cwd`, as ESLint 9's does.
 * @performance one `existsSync` per config name per folder, the first time a folder is met; a Map lookup
 * after. The answers are kept for the process: a config file added during a long-running editor session
 * is seen after the ESLint server restarts, as ESLint's own config changes are.
 */
export function optionsBaseFolder(filename: string, cwd: string, settings?: unknown): string {
  const set = settings === undefined ? null : basePathSetting(settings, cwd);
  if (set !== null) return set;
  if (filename === '' || filename.startsWith('<') || !path.isAbsolute(filename)) return cwd;
  return configFolderAbove(LOOKUP_FROM_FILE ? path.dirname(filename) : cwd) ?? cwd;
}
