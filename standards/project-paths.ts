import path from 'node:path';
import picomatch from 'picomatch';

/**
 * The path a standard judges: relative to the project root (the folder ESLint runs from), with `/`
 * separators. `null` for names that are not files on disk (`<input>`, `<text>`), which editors and
 * `Linter#verify` use for unsaved buffers.
 * @complexity O(length of the path).
 */
export function toProjectPath(filename: string, projectRoot: string): string | null {
  if (filename === '' || filename.startsWith('<')) return null;
  const relative = path.isAbsolute(filename) ? path.relative(projectRoot, filename) : filename;
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/** The file name without folders: `src/temp_x.ts` → `temp_x.ts`. */
export function baseName(projectPath: string): string {
  return projectPath.slice(projectPath.lastIndexOf('/') + 1);
}

/** The folder part of a project path, `.` for the root: `src/temp_x.ts` → `src`. */
export function dirName(projectPath: string): string {
  const slash = projectPath.lastIndexOf('/');
  return slash === -1 ? '.' : projectPath.slice(0, slash);
}

/**
 * The stem is the name up to its first dot, ignoring leading dots: `utils.test.ts` → `utils`,
 * `.eslintrc.js` → `eslintrc`. Standards about names look at the stem so that `.d.ts`, `.test.ts` and
 * `.config.js` variants are judged like the plain file.
 */
export function stemOf(fileName: string): string {
  const withoutLeadingDots = fileName.replace(/^\.+/u, '');
  const dot = withoutLeadingDots.indexOf('.');
  return dot === -1 ? withoutLeadingDots : withoutLeadingDots.slice(0, dot);
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
 * Memoizes what a rule compiles from its options. ESLint calls `create()` once per file with equal but
 * not identical option objects, so the key is the options' JSON; the cache only ever holds one entry per
 * distinct configuration, which keeps results independent of lint order and of worker threads.
 */
export function memoizeByOptions<Options, Compiled>(
  compile: (options: Options) => Compiled,
): (options: Options) => Compiled {
  const cache = new Map<string, Compiled>();
  return (options: Options): Compiled => {
    const key = JSON.stringify(options);
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = compile(options);
      cache.set(key, compiled);
    }
    return compiled;
  };
}
