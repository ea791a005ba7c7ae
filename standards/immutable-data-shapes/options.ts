/** What `prefer-readonly-data-shapes` (and the `readonly-data-shapes` codemod, which reads the same options) checks. */
import { compileGlobs, memoizeByOptions, type PathMatcher } from '../shared/project-paths.js';

/** The options as a user writes them in the ESLint config; every key is optional. */
export interface ReadonlyShapesRawOptions {
  readonly ignore?: readonly string[];
  readonly ignoreTypes?: readonly string[];
  readonly classes?: boolean;
  readonly constants?: boolean;
  readonly arrays?: boolean;
}

/** The options compiled once per configuration. */
export interface ReadonlyShapesOptions {
  /** Whether a file (project path, `/` separators) is skipped. */
  readonly isIgnored: PathMatcher;
  /** Whether a declaration named so (interface, type alias, class, constant) is skipped. */
  readonly isIgnoredType: (name: string) => boolean;
  readonly classes: boolean;
  readonly constants: boolean;
  readonly arrays: boolean;
}

/** One line per option, shared by the rule schema and the docs. */
export const READONLY_SHAPES_OPTION_DESCRIPTIONS: Readonly<Record<keyof ReadonlyShapesRawOptions, string>> = Object.freeze({
  ignore: 'Glob patterns, relative to the folder of the ESLint config file, of files this rule (and its codemod) skips.',
  ignoreTypes:
    'Regular expressions (JavaScript syntax, unanchored) matched against the names of interfaces, type aliases, classes and exported constants to skip, e.g. `"^Mutable"`.',
  classes: 'Whether to check data classes (classes whose non-private members are only properties, a constructor and getters). Default `true`.',
  constants: 'Whether to check exported object and array constants for `as const` or `Object.freeze`. Default `true`.',
  arrays: 'Whether to report mutable array and tuple types (`T[]`, `Array<T>`, `[A, B]`) in data shapes. Default `true`.',
});

const NEVER = (): boolean => false;

function compileNamePatterns(patterns: readonly string[] | undefined): (name: string) => boolean {
  if (patterns === undefined || patterns.length === 0) return NEVER;
  const compiled = patterns.map((pattern: string): RegExp => {
    try {
      return new RegExp(pattern, 'u');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`prefer-readonly-data-shapes: ignoreTypes entry "${pattern}" is not a valid regular expression (${reason}).`);
    }
  });
  return (name: string): boolean => name !== '' && compiled.some((pattern: RegExp): boolean => pattern.test(name));
}

/**
 * Fills the defaults in and compiles the globs and name patterns, once per distinct configuration.
 * @performance memoized by options identity, then by JSON; compiling is O(total pattern length).
 * @throws Error naming the entry when an `ignoreTypes` pattern is not a valid regular expression.
 */
export const resolveReadonlyShapesOptions: (raw: ReadonlyShapesRawOptions) => ReadonlyShapesOptions = memoizeByOptions(
  (raw: ReadonlyShapesRawOptions): ReadonlyShapesOptions => ({
    isIgnored: compileGlobs(Array.isArray(raw.ignore) ? raw.ignore : undefined),
    isIgnoredType: compileNamePatterns(Array.isArray(raw.ignoreTypes) ? raw.ignoreTypes : undefined),
    classes: raw.classes !== false,
    constants: raw.constants !== false,
    arrays: raw.arrays !== false,
  }),
);
