import { statSync } from 'node:fs';
import path from 'node:path';
import { createCheckLinter, type CheckLinter } from '../check/eslint-config.js';

// The names ESLint looks for, in its order, walking up from the cwd.
const CONFIG_NAMES: readonly string[] = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

interface CachedLinter {
  readonly signature: string;
  /** The git ignore answers the instance was built with; a call whose answer is covered reuses it. */
  readonly ignored: ReadonlySet<string>;
  readonly linter: Promise<CheckLinter>;
}

const modified = (file: string): string => String(statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 'none');

/**
 * What invalidates a root's ESLint instance: which config file ESLint would load and when it changed,
 * and when package.json and the root .gitignore changed (require-docs reads package.json; the ignore
 * answers come from .gitignore).
 * @performance at most 6 `stat` calls per directory from the root up, plus 2; synchronous, a few µs each.
 */
export function linterSignature(root: string): string {
  let config = 'none';
  for (let directory = root; ; directory = path.dirname(directory)) {
    const found = CONFIG_NAMES.map((name: string): string => path.join(directory, name)).find(
      (file: string): boolean => statSync(file, { throwIfNoEntry: false })?.isFile() === true,
    );
    if (found !== undefined) {
      config = `${found}@${modified(found)}`;
      break;
    }
    if (path.dirname(directory) === directory) break;
  }
  return [config, modified(path.join(root, 'package.json')), modified(path.join(root, '.gitignore'))].join('|');
}

const covers = (ignored: ReadonlySet<string>, pattern: string): boolean => {
  if (ignored.has(pattern)) return true;
  // git collapses an ignored folder to `folder/`; a call about a file inside it is covered by that entry.
  for (let slash = pattern.indexOf('/'); slash !== -1; slash = pattern.indexOf('/', slash + 1)) {
    if (ignored.has(pattern.slice(0, slash + 1))) return true;
  }
  return false;
};

/**
 * One ESLint instance per root, reused across tool calls until the root's config, package.json or
 * .gitignore changes, or a call's git answer names an ignored path the instance does not skip yet (then
 * it is rebuilt with both answers). Overlapping calls for one root share the instance being built.
 * @performance one ESLint instance (one config load) per root until its config changes; a check then costs a few `stat` calls before linting.
 */
export class RootLinters {
  private readonly cache = new Map<string, CachedLinter>();

  /**
   * The linter for `root` and the ignore patterns git gave for this call; a CheckLinterFactory.
   * @performance O(ignore patterns) and linterSignature's stats when reused; a config load otherwise.
   */
  obtain(root: string, ignorePatterns: readonly string[]): Promise<CheckLinter> {
    const signature = linterSignature(root);
    const cached = this.cache.get(root);
    if (cached !== undefined && cached.signature === signature && ignorePatterns.every((pattern: string): boolean => covers(cached.ignored, pattern))) {
      return cached.linter;
    }
    const ignored = new Set(cached?.signature === signature ? [...cached.ignored, ...ignorePatterns] : ignorePatterns);
    const linter = createCheckLinter(root, [...ignored]);
    this.cache.set(root, { signature, ignored, linter });
    // A failed load is not kept: the next call tries again (the user may be fixing the config).
    linter.catch((): void => {
      if (this.cache.get(root)?.linter === linter) this.cache.delete(root);
    });
    return linter;
  }
}
