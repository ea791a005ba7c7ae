import { readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/** The quality gate from workspace-standards.md (`type_coverage: 95%`). */
export const DEFAULT_TYPE_COVERAGE_THRESHOLD = 95;

/** How identifiers are counted; the names and meanings are type-coverage 2.30's (its `lint` options). */
export interface CountOptions {
  readonly strict: boolean;
  readonly ignoreCatch: boolean;
  readonly ignoreUnread: boolean;
  readonly ignoreNested: boolean;
  readonly ignoreAsAssertion: boolean;
  readonly ignoreTypeAssertion: boolean;
  readonly ignoreNonNullAssertion: boolean;
  readonly ignoreObject: boolean;
  readonly ignoreEmptyType: boolean;
  readonly reportSemanticError: boolean;
  /** `undefined` follows type-coverage: on in strict mode, off otherwise. */
  readonly reportUnusedIgnore: boolean | undefined;
  /** Globs matched against the path relative to the working directory; matching files are not counted. */
  readonly ignoreFiles: readonly string[];
}

export const DEFAULT_COUNT_OPTIONS: CountOptions = Object.freeze({
  strict: false,
  ignoreCatch: false,
  ignoreUnread: false,
  ignoreNested: false,
  ignoreAsAssertion: false,
  ignoreTypeAssertion: false,
  ignoreNonNullAssertion: false,
  ignoreObject: false,
  ignoreEmptyType: false,
  reportSemanticError: false,
  reportUnusedIgnore: undefined,
  ignoreFiles: Object.freeze([]) as readonly string[],
});

export type BooleanCountOption = Exclude<keyof CountOptions, 'ignoreFiles' | 'reportUnusedIgnore'>;

/** The boolean options, in the order type-coverage's `--help` lists them. */
export const BOOLEAN_COUNT_OPTIONS: readonly BooleanCountOption[] = Object.freeze([
  'strict',
  'ignoreCatch',
  'ignoreUnread',
  'ignoreNested',
  'ignoreAsAssertion',
  'ignoreTypeAssertion',
  'ignoreNonNullAssertion',
  'ignoreObject',
  'ignoreEmptyType',
  'reportSemanticError',
]);

/** One line per option, shared by the rule schema, the command's usage and the docs. */
export const COUNT_OPTION_DESCRIPTIONS: Readonly<Record<keyof CountOptions, string>> = Object.freeze({
  strict:
    'Also count `any` inside type arguments (`any[]`, `Promise<any>`), `Object` and `{}` as uncovered, and count type assertions and non-null assertions, uncovered unless `as const`, `as unknown` or assignable.',
  ignoreCatch:
    'Do not count the catch clause variable (`catch (error)`, or the names it destructures) nor its uses; the rest of the catch block is counted (type-coverage skips the whole block).',
  ignoreUnread: 'Do not count writes to variables whose type is an implicit (evolving) `any`: `let x; x = 1`.',
  ignoreNested: 'In strict mode, do not count `any` inside type arguments (`Promise<any>`) as uncovered.',
  ignoreAsAssertion: 'In strict mode, do not count `as` assertions (`foo as string`).',
  ignoreTypeAssertion: 'In strict mode, do not count angle-bracket assertions (`<string>foo`).',
  ignoreNonNullAssertion: 'In strict mode, do not count non-null assertions (`foo!`).',
  ignoreObject: 'In strict mode, do not count the `Object` type as uncovered.',
  ignoreEmptyType: 'In strict mode, do not count the empty type `{}` as uncovered.',
  reportSemanticError: 'Count every TypeScript semantic error as one more uncovered occurrence.',
  reportUnusedIgnore:
    'Count every `type-coverage:ignore-line` / `ignore-next-line` directive that ignores nothing as uncovered (default: on in strict mode).',
  ignoreFiles: 'Globs (relative to the working directory) of files that are not counted.',
});

/** Settings of the `typeCoverage` block of package.json that the command understands, as type-coverage reads them. */
export interface PackageTypeCoverage extends Partial<Omit<CountOptions, 'ignoreFiles'>> {
  readonly ignoreFiles?: readonly string[];
  readonly atLeast?: number;
  readonly is?: number;
  readonly detail?: boolean;
  readonly cache?: boolean;
  readonly project?: string;
  readonly p?: string;
  readonly jsonOutput?: boolean;
  readonly showRelativePath?: boolean;
}

/**
 * Reads the `typeCoverage` block of `<dir>/package.json` (where type-coverage reads it: the working directory).
 * `undefined` when there is no package.json or no block.
 * @performance one file read and JSON parse.
 */
export function readPackageTypeCoverage(dir: string): PackageTypeCoverage | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(text) as { typeCoverage?: unknown };
  const block = manifest.typeCoverage;
  return typeof block === 'object' && block !== null && !Array.isArray(block) ? (block as PackageTypeCoverage) : undefined;
}

/**
 * type-coverage's percentage: floored (not rounded) to two decimals, so 94.999% is 94.99%. `NaN` for 0/0, as in
 * type-coverage; callers decide what an empty project means.
 * @complexity O(1).
 */
export function coveragePercent(covered: number, total: number): number {
  return Math.floor((10000 * covered) / total) / 100;
}

/**
 * Fills the defaults in; `raw` is a partial set of options from a rule config, the CLI or package.json.
 * @complexity O(number of options).
 */
export function resolveCountOptions(raw: Partial<CountOptions> | undefined): CountOptions {
  return { ...DEFAULT_COUNT_OPTIONS, ...raw };
}

/**
 * `ignoreFiles` as type-coverage applies it: globs tested against the path relative to the working directory, with
 * minimatch's defaults (so `*` does not match dot files). Compile once per configuration.
 * @complexity compile O(total glob length); match O(path length) per glob.
 */
export function compileIgnoreFiles(globs: readonly string[]): (relativePath: string) => boolean {
  if (globs.length === 0) return (): boolean => false;
  const isMatch = picomatch([...globs], { dot: false });
  return (relativePath: string): boolean => isMatch(relativePath.split(path.sep).join('/'));
}
