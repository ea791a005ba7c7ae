import path from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { API, FileInfo } from 'jscodeshift';
import { pythonLanguage } from '../rules/language/python-language.js';
import preferPerformanceNow from '../rules/prefer-performance-now.js';
import { clockPatchesReaching, pythonClockPatches, type PythonClockPatch } from '../standards/concurrency-and-timing/python-clock-patches.js';
import { parsePython } from '../standards/shared/python-ast.js';
import { importsLeftUnused, namesOtherModulesMayRead, type PythonUnusedImport } from '../standards/shared/python-import-edits.js';
import { PythonNames } from '../standards/shared/python-names.js';
import type { CodemodOptions, FileCodemod, FileCodemodContext, FileCodemodProjectInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { UnparsableSourceError } from './runner/unparsable-source.js';

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
 * `eslint --fix` would. The rule has no options, so none are read. On Python, an import of `time` the fix left
 * unused is removed (`from time import time as now` once `now()` became `perf_counter()`): inside a function
 * always; at module level only when the file does not export it (`__all__`, `__init__.py`, `import x as x`)
 * and `namesImportedElsewhere` found no other module of the project that may import it (without that
 * option, as when called outside the runner, it is kept and noted). `eslint --fix` removes none: one file
 * cannot tell whether another imports the name.
 * @performance skips files that never mention `Date.now`/`new Date` (Python: a `.time(` call or a
 * `from time import`); otherwise
 * one parse per fix pass (ESLint re-lints after fixing, at most 10 passes, usually 2).
 */
export function fixWallClockDurations(file: FileInfo, _api: API, options: CodemodOptions, context?: FileCodemodContext): string | undefined {
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
  if (fatal !== undefined) throw new UnparsableSourceError(fatal.message, fatal.line);
  for (const left of result.messages) if (left.ruleId === RULE_ID) context?.note?.(`line ${left.line}:${left.column}: left this wall-clock duration as it is: ${leftBecause(left, python)}`);
  if (!result.fixed) return undefined;
  if (!python) return result.output;
  const patches = options[CLOCK_PATCHES] as readonly PythonClockPatch[] | undefined;
  if (patches !== undefined && patches.length > 0) {
    const sites = patches.slice(0, 3).map((patch: PythonClockPatch): string => `${patch.site} (\`${patch.written}\`)`);
    const more = patches.length > 3 ? ` and ${patches.length - 3} more` : '';
    context?.note?.(`left its wall-clock durations as they are: the project patches the \`time.time\` this module reads, which \`time.perf_counter()\` would not follow: ${sites.join(', ')}${more}`);
    return undefined;
  }
  return withoutImportsLeftUnused(file, result.output, options, context);
}

// Why the rule gave a report no autofix (standards/concurrency-and-timing/durations.ts, python-durations.ts).
function leftBecause(report: Linter.LintMessage, python: boolean): string {
  const clock = python ? '`time.perf_counter()`' : '`performance.now()`';
  if ((report.suggestions?.length ?? 0) > 0) {
    return `the change is only a suggestion: the start is read other than as the start of this duration, an end is in another function or a variable that may be read as a timestamp${python ? ', or the clock is `datetime`' : ''}; apply it in an editor once the reads are timestamps no longer`;
  }
  return python ? `no spelling of ${clock} is sure to mean it at every read here; change it by hand` : `a local \`performance\` hides the global ${clock}; change it by hand`;
}

// The option `projectOptions` sets on a Python file: the project's patches of the wall clock it reads.
const CLOCK_PATCHES = 'clockPatches';

// The option `projectOptions` sets: names other modules of the project may import from this one.
const IMPORTED_ELSEWHERE = 'importedElsewhere';

// The fix rewrites `now()` of `from time import time as now` and may leave the import unused: it goes, unless
// something may still read it. A module-level name goes only when the project's other modules were checked.
function withoutImportsLeftUnused(file: FileInfo, fixed: string, options: CodemodOptions, context: FileCodemodContext | undefined): string {
  const before = parsePython(file.source, file.path);
  const after = parsePython(fixed, file.path);
  if (!before.ok || !after.ok) return fixed;
  const importedElsewhere = options[IMPORTED_ELSEWHERE];
  const unused = importsLeftUnused(PythonNames.of(before.ast, file.source), PythonNames.of(after.ast, fixed), after.comments, 'time', file.path).filter(
    (entry: PythonUnusedImport): boolean => {
      if (!entry.moduleLevel) return true;
      if (Array.isArray(importedElsewhere) && !importedElsewhere.includes(entry.name)) return true;
      context?.note?.(
        Array.isArray(importedElsewhere)
          ? `line ${entry.line}: kept the import of \`${entry.name}\`, no longer used here: another module of the project may import it from this one`
          : `line ${entry.line}: kept the import of \`${entry.name}\`, no longer used here: other modules were not checked for importing it`,
      );
      return false;
    },
  );
  let text = fixed;
  for (const { edit } of [...unused].sort((a: PythonUnusedImport, b: PythonUnusedImport): number => b.edit.range[0] - a.edit.range[0])) text = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
  return parsePython(text, file.path).ok ? text : fixed;
}

/**
 * For each selected Python file that reads the wall clock: the project's patches of the `time.time` it reads
 * (standards/concurrency-and-timing/python-clock-patches.ts) as the `clockPatches` option, which leaves its
 * durations as they are; else, when it imports from `time` at module level, the names it imports that other
 * Python files of the project may read from it (namesOtherModulesMayRead), as the `importedElsewhere` option.
 * @performance parses only the selected files that read the wall clock; reads the project's other Python
 * files once (a text scan each for patches), and only when one of those exists.
 */
export async function namesImportedElsewhere(input: FileCodemodProjectInput): Promise<(file: string) => CodemodOptions> {
  const byFile = new Map<string, CodemodOptions>();
  let others: { readonly path: string; readonly text: string | null }[] | null = null;
  const readOthers = (): Promise<{ readonly path: string; readonly text: string | null }[]> =>
    Promise.all(
      input.projectFiles
        .filter((other: string): boolean => /\.pyi?$/u.test(other))
        .map(async (other: string) => ({ path: other, text: await input.readText(other).catch((): null => null) })),
    );
  let patches: readonly PythonClockPatch[] | null = null;
  const patchesOf = (file: string): readonly PythonClockPatch[] => clockPatchesReaching(relativeTo(input.root, file), patches ?? []);
  for (const file of input.files) {
    if (!file.endsWith(PYTHON_EXTENSION)) continue;
    const text = await input.readText(file);
    if (!MENTIONS_PYTHON_WALL_CLOCK.test(text)) continue;
    others ??= await readOthers();
    patches ??= others.flatMap((other): PythonClockPatch[] => (other.text === null ? [] : pythonClockPatches(relativeTo(input.root, other.path), other.text)));
    const reaching = patchesOf(file);
    if (reaching.length > 0) {
      byFile.set(file, { [CLOCK_PATCHES]: reaching });
      continue;
    }
    const parsed = parsePython(text, file);
    if (!parsed.ok) continue;
    const names = PythonNames.of(parsed.ast, text);
    const candidates = [...names.scopes.module.bindings]
      .filter(([, bindings]): boolean => bindings.some((binding): boolean => binding.kind === 'import' && binding.module.split('.')[0] === 'time'))
      .map(([name]): string => name);
    if (candidates.length === 0) continue;
    const readable = others.filter((other): other is { readonly path: string; readonly text: string } => other.text !== null);
    // A file that cannot be read may import any of them.
    byFile.set(file, { [IMPORTED_ELSEWHERE]: readable.length < others.length ? candidates : namesOtherModulesMayRead(file, candidates, readable) });
  }
  // A file not selected when the run started (renamed or created by an earlier codemod) gets no facts.
  const checked = new Set(input.files);
  return (file: string): CodemodOptions => byFile.get(file) ?? (checked.has(file) && file.endsWith(PYTHON_EXTENSION) ? { [IMPORTED_ELSEWHERE]: [] } : {});
}

const relativeTo = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

const performanceNow: FileCodemod = {
  ...codemodDeclaration('performance-now'),
  kind: 'file',
  description: 'Measure durations with performance.now() (Python: time.perf_counter()) instead of the wall clock where both ends are in one function.',
  order: 45,
  extensions: EXTENSIONS,
  module: import.meta.url,
  projectOptions: namesImportedElsewhere,
  transform: fixWallClockDurations,
};

export default performanceNow;
