import path from 'node:path';
import picomatch from 'picomatch';

const SEPARATOR = path.sep.charCodeAt(0);

/**
 * The path a standard judges: relative to the project root (the folder ESLint runs from), with `/`
 * separators. `null` for names that are not files on disk (`<input>`, `<text>`), which editors and
 * `Linter#verify` use for unsaved buffers.
 * @complexity O(length of the path).
 */
export function toProjectPath(filename: string, projectRoot: string): string | null {
  if (filename === '' || filename.startsWith('<')) return null;
  // ESLint hands rules normalized paths, nearly always under its cwd: slicing the prefix off gives what
  // path.relative would, without resolving both paths again for every file.
  const under =
    projectRoot !== '' &&
    filename.length > projectRoot.length + 1 &&
    filename.charCodeAt(projectRoot.length) === SEPARATOR &&
    filename.charCodeAt(projectRoot.length - 1) !== SEPARATOR &&
    filename.startsWith(projectRoot);
  const relative = under
    ? filename.slice(projectRoot.length + 1)
    : path.isAbsolute(filename)
      ? path.relative(projectRoot, filename)
      : filename;
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/**
 * `path.relative(from, to)` with `/` separators: how reports, diffs and rewritten specifiers spell a path
 * whatever the platform.
 * @complexity O(length of the paths).
 */
export function relativePath(from: string, to: string): string {
  const relative = path.relative(from, to);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/**
 * The file name without folders: `src/temp_x.ts` → `temp_x.ts`.
 * @complexity O(length of the path).
 */
export function baseName(projectPath: string): string {
  return projectPath.slice(projectPath.lastIndexOf('/') + 1);
}

/**
 * The folder part of a project path, `.` for the root: `src/temp_x.ts` → `src`.
 * @complexity O(length of the path).
 */
export function dirName(projectPath: string): string {
  const slash = projectPath.lastIndexOf('/');
  return slash === -1 ? '.' : projectPath.slice(0, slash);
}

export type PathMatcher = (projectPath: string) => boolean;

const NEVER: PathMatcher = (): boolean => false;

/**
 * Compiles globs once into one matcher (`dot: true`, so `.github/**` works as users expect).
 * @complexity compile O(total glob length); match O(path length) per glob.
 */
export function compileGlobs(globs: readonly string[] | undefined): PathMatcher {
  if (globs === undefined || globs.length === 0) return NEVER;
  const isMatch = picomatch([...globs], { dot: true });
  return (projectPath: string): boolean => isMatch(projectPath);
}

/**
 * Memoizes what a rule compiles from its options. Rules made with `createRule` get the same options
 * object for every file of one configuration, so the first lookup is by identity; equal options in
 * another object (other callers, other configurations) fall back to the options' JSON. The cache holds
 * one entry per distinct configuration, a pure function of it, which keeps results independent of lint
 * order and of worker threads.
 * @performance one comparison when the options are the last ones seen; a WeakMap lookup when the object was
 * seen before; one JSON.stringify otherwise.
 */
export function memoizeByOptions<Options extends object, Compiled>(
  compile: (options: Options) => Compiled,
): (options: Options) => Compiled {
  const byIdentity = new WeakMap<Options, Compiled>();
  const byJson = new Map<string, Compiled>();
  // A rule sees the same options object file after file: checking the last one costs no hash lookup.
  let lastOptions: Options | undefined;
  let lastCompiled: Compiled | undefined;
  return (options: Options): Compiled => {
    if (options === lastOptions) return lastCompiled as Compiled;
    let compiled = byIdentity.get(options);
    if (compiled === undefined) {
      const key = JSON.stringify(options);
      compiled = byJson.get(key);
      if (compiled === undefined) {
        compiled = compile(options);
        byJson.set(key, compiled);
      }
      byIdentity.set(options, compiled);
    }
    lastOptions = options;
    lastCompiled = compiled;
    return compiled;
  };
}
