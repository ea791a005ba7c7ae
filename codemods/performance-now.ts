import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { API, FileInfo } from 'jscodeshift';
import { pythonLanguage } from '../rules/language/python-language.js';
import preferPerformanceNow from '../rules/prefer-performance-now.js';
import type { CodemodOptions, FileCodemod } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';

const RULE_ID = 'perf-standards/prefer-performance-now';
const SCRIPT_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
// Stubs (`.pyi`) have no function bodies, so no duration to time.
const PYTHON_EXTENSION = '.py';
const EXTENSIONS: readonly string[] = [...SCRIPT_EXTENSIONS, PYTHON_EXTENSION];

// Built once per thread: the linter holds no per-file state.
let linter: Linter | undefined;
let config: Linter.Config[] | undefined;

// A quick text check: files that never read the wall clock are not parsed at all. In Python the rule only
// autofixes calls of `time.time`, which it knows through an import of the module `time`: so a file with
// neither a call of a `.time` attribute (`time.time()`, `t.time()`) nor a `from time import` has nothing to
// fix (`[\s\\]` lets a backslash continuation through). On CPython's standard library this parses 71 of the
// 1,790 files where the word `time` alone let 378 through.
const MENTIONS_WALL_CLOCK = /Date\s*\.\s*now|new\s+Date/;
const MENTIONS_PYTHON_WALL_CLOCK = /\.[\s\\]*time[\s\\]*\(|\bfrom[\s\\]+time[\s\\]+import\b/;
const RULES = { 'prefer-performance-now': preferPerformanceNow as never };

/**
 * Applies `prefer-performance-now`'s autofix to one file with ESLint's own fixer: where a duration is
 * measured with the wall clock and both ends are in the same function, both reads become
 * `performance.now()` (TypeScript, JavaScript) or `time.perf_counter()` (Python, through the plugin's
 * Python language, with the import the rule adds or reuses). Reports with only a suggestion (the start also
 * used as a timestamp, the end in another function, `datetime` differences) are left alone, exactly as
 * `eslint --fix` would. The rule has no options, so none are read.
 * @performance skips files that never mention `Date.now`/`new Date` (Python: a `.time(` call or a
 * `from time import`); otherwise
 * one parse per fix pass (ESLint re-lints after fixing, at most 10 passes, usually 2).
 */
export function fixWallClockDurations(file: FileInfo, _api: API, _options: CodemodOptions): string | undefined {
  const python = file.path.endsWith(PYTHON_EXTENSION);
  if (!(python ? MENTIONS_PYTHON_WALL_CLOCK : MENTIONS_WALL_CLOCK).test(file.source)) return undefined;
  // Rooted at `/` so that any absolute path is inside it (ESLint skips files outside its cwd).
  linter ??= new Linter({ configType: 'flat', cwd: '/' });
  config ??= [
    {
      // Patterns with extensions: a catch-all `**/*` makes no extra file type lintable.
      files: SCRIPT_EXTENSIONS.map((extension: string): string => `**/*${extension}`),
      languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module', ecmaVersion: 'latest' },
      plugins: { 'perf-standards': { rules: RULES } },
      rules: { [RULE_ID]: 'error' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    {
      files: [`**/*${PYTHON_EXTENSION}`],
      plugins: { 'perf-standards': { rules: RULES, languages: { python: pythonLanguage as never } } },
      language: 'perf-standards/python',
      rules: { [RULE_ID]: 'error' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
  ];
  const result = linter.verifyAndFix(file.source, config, { filename: file.path });
  const fatal = result.messages.find((message: Linter.LintMessage): boolean => message.fatal === true);
  if (fatal !== undefined) throw new Error(`cannot parse: ${fatal.message}`);
  return result.fixed ? result.output : undefined;
}

const performanceNow: FileCodemod = {
  ...codemodDeclaration('performance-now'),
  kind: 'file',
  description: 'Measure durations with performance.now() (Python: time.perf_counter()) instead of the wall clock where both ends are in one function.',
  order: 45,
  extensions: EXTENSIONS,
  module: import.meta.url,
  transform: fixWallClockDurations,
};

export default performanceNow;
