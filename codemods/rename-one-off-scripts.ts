import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { executableSign } from '../standards/file-names/executable-scripts.js';
import { createOneOffScriptDetector, type OneOffScriptOptions } from '../standards/file-names/one-off-scripts.js';
import { pythonTestFiles, type PythonTestFiles } from '../standards/file-names/python-test-discovery.js';
import { compileGlobs, memoizeByOptions, relativePath, toProjectPath } from '../standards/shared/project-paths.js';
import { optionsBase } from './runner/rule-options.js';
import { stemOf } from '../standards/file-names/file-name-parts.js';
import { isNameJudgedFile } from '../standards/shared/file-kinds.js';
import { PYTHON_STANDARD_MODULES, pythonImportedModules, rewritePythonImports, type PythonModuleRename, type PythonReferenceProblem } from '../standards/file-names/python-imports.js';
import { PYTHON_PACKAGING_FILES, packagingMentions, pythonRunTimeLookups } from '../standards/file-names/python-run-time-lookups.js';
import type { CodemodOptions, ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { MODULE_EXTENSIONS, rewriteReferencesForMoves, type FileMove } from './runner/module-renames.js';
import { rewritePackageJson } from './runner/package-json-paths.js';
import { codemodDeclaration } from './runner/declarations.js';

/** Options: the rule's (`prefixes`, `stems`, `ignore`) plus `scriptsDir` from `--scripts-dir`. */
export interface RenameOneOffScriptsOptions extends OneOffScriptOptions {
  readonly ignore?: readonly string[];
  /** Folder (relative to the root) that executable scripts move into instead of being renamed in place. */
  readonly scriptsDir?: string;
}

const PYTHON_EXTENSIONS: readonly string[] = ['.py', '.pyi'];
// Files whose mentions of a renamed file are worth listing; binary and huge files are not read.
const MENTION_EXTENSIONS = new Set([
  ...MODULE_EXTENSIONS, ...PYTHON_EXTENSIONS, '.md', '.mdx', '.txt', '.yml', '.yaml', '.toml', '.cfg', '.ini',
  '.sh', '.bash', '.zsh', '.ps1', '.bat', '.cmd', '.html', '.rst',
]);
const MENTION_NAMES = new Set(['Makefile', 'Dockerfile', 'Procfile', 'Justfile']);
const MAX_MENTION_BYTES = 1_000_000;
const MAX_NOTES_PER_FILE = 20;
const MAX_CLAUSES = 4;

const compile = memoizeByOptions((options: CodemodOptions) => ({
  detect: createOneOffScriptDetector(options as OneOffScriptOptions),
  isIgnored: compileGlobs((options as RenameOneOffScriptsOptions).ignore as string[] | undefined),
}));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const extensionOf = (file: string): string => path.extname(file).toLowerCase();

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

interface Candidate extends FileMove {
  /** Why it goes to another folder (`--scripts-dir`), if it does. */
  readonly movedBecause: string | null;
}

async function chooseMoves(input: ProjectCodemodInput, changes: Mutable<ProjectChanges>): Promise<Candidate[]> {
  const claimed = new Map<string, string>();
  const moves: Candidate[] = [];
  // The project's pytest `python_files`, read once when a Python file would be renamed.
  let testFiles: PythonTestFiles | null = null;
  for (const file of input.files) {
    // The files `check` judges by name, so the two agree (an upper-case `.TS` included).
    if (!isNameJudgedFile(path.basename(file))) continue;
    const options = input.optionsFor(file);
    const { detect, isIgnored } = compile(options);
    const match = detect(path.basename(file));
    if (match === null) continue;
    const projectPath = toProjectPath(file, optionsBase(options, input.root)) ?? file;
    if (isIgnored(projectPath)) {
      changes.skipped.push({ path: file, reason: "matched by the rule's `ignore` option" });
      continue;
    }
    if (match.unusableName !== null) {
      changes.skipped.push({
        path: file,
        reason: `\`${match.unusableName.name}\`, the name without the one-off prefix, would break ${match.unusableName.rule}: give it a name that says what it does, or move its code into cli/ or utils/`,
      });
      continue;
    }
    if (match.suggestedName === null) {
      changes.skipped.push({
        path: file,
        reason: 'nothing meaningful is left without the one-off prefix: give it a name that says what it does, or move its code into cli/ or utils/',
      });
      continue;
    }
    if (extensionOf(file) === '.py') {
      testFiles ??= await pythonTestFiles((name: string): Promise<string | null> => readFile(path.join(input.root, name), 'utf8').catch((): null => null));
      if (testFiles.collects(path.basename(file)) && !testFiles.collects(match.suggestedName)) {
        changes.skipped.push({
          path: file,
          reason: `\`${match.suggestedName}\`, the name without the one-off prefix, would take it out of pytest's test discovery (python_files: ${testFiles.patterns.map((pattern: string): string => `\`${pattern}\``).join(', ')}, ${testFiles.source}), so its tests would silently stop running: give it a name that says what it tests and that pytest collects`,
        });
        continue;
      }
    }
    const scriptsDir = (options as RenameOneOffScriptsOptions).scriptsDir;
    let folder = path.dirname(file);
    let movedBecause: string | null = null;
    if (typeof scriptsDir === 'string' && scriptsDir !== '') {
      const sign = executableSign(await readFile(file, 'utf8').catch((): string => ''));
      if (sign !== null) {
        folder = path.resolve(input.root, scriptsDir);
        movedBecause = `moved into ${relativePath(input.root, folder)}/ because it is a script (${sign})`;
      }
    }
    const to = path.join(folder, match.suggestedName);
    const shown = relativePath(input.root, to);
    if (existsSync(to)) {
      changes.failed.push({ path: file, reason: `cannot be renamed to ${shown}: that file already exists; merge the two by hand` });
      continue;
    }
    const newModule = stemOf(match.suggestedName);
    if (PYTHON_EXTENSIONS.includes(extensionOf(file)) && PYTHON_STANDARD_MODULES.has(newModule)) {
      changes.failed.push({
        path: file,
        reason: `cannot be renamed to ${shown}: \`${newModule}\` would shadow Python's standard library module of that name; choose another name`,
      });
      continue;
    }
    const rival = claimed.get(to);
    if (rival !== undefined) {
      changes.failed.push({ path: file, reason: `cannot be renamed to ${shown}: ${relativePath(input.root, rival)} is renamed to it too` });
      continue;
    }
    claimed.set(to, file);
    moves.push({ from: file, to, movedBecause });
  }
  return moves;
}

// Texts already read by the language service, so the Python, package.json and mention passes do not
// read them again.
const NO_TEXTS: ReadonlyMap<string, string> = new Map();

async function currentText(file: string, writes: ReadonlyMap<string, string>, known: ReadonlyMap<string, string> = NO_TEXTS): Promise<string | null> {
  const text = writes.get(file) ?? known.get(file);
  if (text !== undefined) return text;
  return readFile(file, 'utf8').catch((): null => null);
}

type Problem = (from: string, clause: string) => void;

// `a/b` is `a/b` or below it ('' is the root, above everything).
const isWithin = (folder: string, scope: string): boolean => scope === '' || folder === scope || folder.startsWith(`${scope}/`);

// The folder whose Python files may look a module up by name: its top-level package (the highest folder
// of an unbroken chain of `__init__.py` above it), or its own folder when it is in no package.
function packageScope(root: string, folder: string, existing: ReadonlySet<string>): string {
  let scope = folder;
  let current = folder;
  while (current !== '' && existing.has(path.join(root, current, '__init__.py'))) {
    scope = current;
    current = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
  }
  return scope;
}

// Python importers, every statement form (standards/file-names/python-imports.ts). A module that moves to
// another folder keeps no reference it cannot keep: its importers, and its own imports of its old
// neighbours, are problems for it.
async function rewritePython(
  root: string,
  moves: readonly FileMove[],
  projectFiles: readonly string[],
  writes: Map<string, string>,
  problem: Problem,
): Promise<void> {
  const pythonMoves = moves.filter((move: FileMove): boolean => PYTHON_EXTENSIONS.includes(extensionOf(move.from)));
  if (pythonMoves.length === 0) return;
  const byRename = new Map<PythonModuleRename, FileMove>();
  for (const move of pythonMoves) {
    byRename.set(
      {
        folder: relativePath(root, path.dirname(move.from)),
        oldName: stemOf(path.basename(move.from)),
        newName: stemOf(path.basename(move.to)),
        movesFolder: path.dirname(move.from) !== path.dirname(move.to),
      },
      move,
    );
  }
  const renames = [...byRename.keys()];
  const existing = new Set(projectFiles);
  const packageScopes = new Map(renames.map((rename: PythonModuleRename): [PythonModuleRename, string] => [rename, packageScope(root, rename.folder, existing)]));
  const importers = projectFiles.filter((file: string): boolean => PYTHON_EXTENSIONS.includes(extensionOf(file)));
  await Promise.all(
    importers.map(async (file: string): Promise<void> => {
      const text = await currentText(file, writes);
      if (text === null) return;
      const folder = relativePath(root, path.dirname(file));
      const rewritten = rewritePythonImports(text, folder, renames);
      if (rewritten !== null && rewritten.text !== text) writes.set(file, rewritten.text);
      const lookups = pythonRunTimeLookups({ file: relativePath(root, file), text: rewritten?.text ?? text }, renames, (rename: PythonModuleRename): boolean =>
        isWithin(folder, packageScopes.get(rename) ?? rename.folder),
      );
      const reported = rewritten?.problems ?? [];
      // A place the import rewrite already reports needs no second clause.
      const fresh = lookups.filter((lookup: PythonReferenceProblem): boolean => !reported.some((entry: PythonReferenceProblem): boolean => entry.rename === lookup.rename && entry.line === lookup.line));
      for (const entry of [...reported, ...fresh]) {
        const move = byRename.get(entry.rename);
        if (move !== undefined) problem(move.from, `${relativePath(root, file)} line ${entry.line}: ${entry.reason}`);
      }
    }),
  );
  const packaging = projectFiles.filter((file: string): boolean => PYTHON_PACKAGING_FILES.has(path.basename(file)));
  await Promise.all(
    packaging.map(async (file: string): Promise<void> => {
      const text = await currentText(file, writes);
      if (text === null) return;
      for (const entry of packagingMentions({ file: relativePath(root, file), text }, renames)) {
        const move = byRename.get(entry.rename);
        if (move !== undefined) problem(move.from, `${relativePath(root, file)} line ${entry.line}: ${entry.reason}`);
      }
    }),
  );
  await Promise.all(
    pythonMoves
      .filter((move: FileMove): boolean => path.dirname(move.from) !== path.dirname(move.to))
      .map(async (move: FileMove): Promise<void> => {
        const text = await currentText(move.from, writes);
        if (text === null) return;
        const oldFolder = path.dirname(move.from);
        const neighbour = (name: string): boolean =>
          existing.has(path.join(oldFolder, `${name}.py`)) || existing.has(path.join(oldFolder, name, '__init__.py'));
        const imports = pythonImportedModules(text);
        if (!imports.ok) {
          problem(move.from, `it cannot be parsed (line ${imports.line}: ${imports.message}), so the modules it imports are unknown`);
          return;
        }
        for (const imported of imports.modules) {
          const first = imported.names[0];
          if (imported.dots > 0) {
            problem(move.from, `its line ${imported.line} imports relative to ${relativePath(root, oldFolder) || '.'}/, which it would leave`);
          } else if (first !== undefined && neighbour(first) && !existsSync(path.join(path.dirname(move.to), `${first}.py`))) {
            problem(move.from, `its line ${imported.line} imports \`${first}\` from ${relativePath(root, oldFolder) || '.'}/, which it would leave`);
          }
        }
      }),
  );
}

async function rewritePackages(
  root: string,
  moves: readonly FileMove[],
  emitted: readonly FileMove[],
  projectFiles: readonly string[],
  writes: Map<string, string>,
  problem: Problem,
): Promise<void> {
  const packages = projectFiles.filter((file: string): boolean => path.basename(file) === 'package.json');
  await Promise.all(
    packages.map(async (file: string): Promise<void> => {
      const text = await currentText(file, writes);
      if (text === null) return;
      const rewritten = rewritePackageJson(root, file, text, moves, emitted);
      if (rewritten.text !== null) writes.set(file, rewritten.text);
      for (const entry of rewritten.problems) problem(entry.from, entry.clause);
    }),
  );
}

// tsconfig.json files are projects the language service edits; their variants (tsconfig.build.json,
// tsconfig.app.json) and jsconfig.json only get their string entries that name a renamed file exactly.
const CONFIG_VARIANT = /^(?:tsconfig\..+|jsconfig(?:\..+)?)\.json$/u;

async function rewriteConfigVariants(moves: readonly FileMove[], projectFiles: readonly string[], writes: Map<string, string>): Promise<void> {
  const configs = projectFiles.filter((file: string): boolean => CONFIG_VARIANT.test(path.basename(file)));
  await Promise.all(
    configs.map(async (file: string): Promise<void> => {
      const text = await currentText(file, writes);
      if (text === null) return;
      let next = text;
      for (const move of moves) {
        const from = relativePath(path.dirname(file), move.from);
        const to = relativePath(path.dirname(file), move.to);
        next = next.replace(
          new RegExp(`"(\\./)?${escapeRegExp(from)}"`, 'gu'),
          (_whole: string, dotSlash: string | undefined): string => `"${dotSlash ?? ''}${to}"`,
        );
      }
      if (next !== text) writes.set(file, next);
    }),
  );
}

async function listMentions(
  root: string,
  moves: readonly FileMove[],
  projectFiles: readonly string[],
  writes: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, string>,
  notes: { path: string; message: string }[],
): Promise<void> {
  const byStem = new Map<string, FileMove[]>();
  for (const move of moves) {
    const stem = stemOf(path.basename(move.from));
    byStem.set(stem, [...(byStem.get(stem) ?? []), move]);
  }
  const pattern = new RegExp(`(?<![\\w-])(?:${[...byStem.keys()].map(escapeRegExp).join('|')})(?![\\w-])`, 'gu');
  const readable = projectFiles.filter(
    (file: string): boolean => MENTION_EXTENSIONS.has(extensionOf(file)) || MENTION_NAMES.has(path.basename(file)),
  );
  const found = await Promise.all(
    readable.map(async (file: string): Promise<{ file: string; lines: [number, string][] }> => {
      const text = await currentText(file, writes, known);
      if (text === null || text.length > MAX_MENTION_BYTES) return { file, lines: [] };
      const lines: [number, string][] = [];
      text.split('\n').forEach((line: string, index: number): void => {
        pattern.lastIndex = 0;
        for (const match of line.matchAll(pattern)) {
          // `import x as fix_x` is the alias the Python rewrite adds to keep the old name working.
          if (!/\bas\s+$/u.test(line.slice(0, match.index))) lines.push([index + 1, match[0]]);
        }
      });
      return { file, lines };
    }),
  );
  for (const { file, lines } of found) {
    for (const [line, stem] of lines.slice(0, MAX_NOTES_PER_FILE)) {
      const renamed = (byStem.get(stem) ?? [])
        .map((move: FileMove): string => `${relativePath(root, move.from)} is now ${relativePath(root, move.to)}`)
        .join(', ');
      notes.push({ path: file, message: `line ${line} still mentions \`${stem}\` (${renamed}); not edited` });
    }
  }
}

interface ReferencePlan {
  readonly writes: Map<string, string>;
  readonly known: ReadonlyMap<string, string>;
  readonly outside: readonly string[];
  /** Clauses naming what would be left on each moved file's old path, by its old path. */
  readonly problems: ReadonlyMap<string, readonly string[]>;
}

async function planReferences(root: string, moves: readonly FileMove[], projectFiles: readonly string[]): Promise<ReferencePlan> {
  const writes = new Map<string, string>();
  const problems = new Map<string, string[]>();
  const problem: Problem = (from: string, clause: string): void => {
    const list = problems.get(from) ?? [];
    if (!list.includes(clause)) list.push(clause);
    problems.set(from, list);
  };
  let known: ReadonlyMap<string, string> = NO_TEXTS;
  let outside: readonly string[] = [];
  let emitted: readonly FileMove[] = [];
  const moduleMoves = moves.filter((move: FileMove): boolean => MODULE_EXTENSIONS.includes(extensionOf(move.from)));
  if (moduleMoves.length > 0) {
    const rewrite = rewriteReferencesForMoves(root, moduleMoves, projectFiles);
    for (const [file, text] of rewrite.texts) writes.set(file, text);
    known = rewrite.known;
    outside = rewrite.outside;
    emitted = rewrite.emitted;
    for (const [from, clauses] of rewrite.problems) for (const clause of clauses) problem(from, clause);
  }
  await rewritePython(root, moves, projectFiles, writes, problem);
  await rewritePackages(root, moves, emitted, projectFiles, writes, problem);
  await rewriteConfigVariants(moves, projectFiles, writes);
  return { writes, known, outside, problems };
}

/**
 * Plans the renames `no-one-off-scripts` asks for and every reference edit they need: TypeScript and
 * JavaScript references (imports, exports, `import()`, `require()`, `declare module`, `/// <reference>`,
 * `vi.mock`/`jest.mock`) in their own form, tsconfig `paths`, `files` and `include` (and exact entries in
 * tsconfig.*.json variants), Python imports of every form, and package.json paths and scripts. A file
 * with any reference that cannot be rewritten (or that its tsconfig would stop building) fails with the
 * places named, and the others are planned again without it; so is a target that exists or that two
 * files would share, and a module the project may find by name at run time (a plugin prefix in a string,
 * module or folder listing, a computed `__import__`, an entry point: python-run-time-lookups.ts). Nothing is ever overwritten. Other textual mentions become notes.
 * @performance one lean language-service program per tsconfig (see rewriteReferencesForMoves) plus one
 * read of each text file for the mention scan; nothing is type-checked. A failing file costs one more
 * planning round.
 */
export async function planOneOffRenames(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const changes: Mutable<ProjectChanges> = { writes: new Map(), renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  let moves = await chooseMoves(input, changes);
  const projectFiles = input.projectFiles ?? input.files;
  // Each round drops the files with problems; a file's problems never depend on a later round, so this
  // ends after at most one round per file (nearly always two rounds in all).
  let plan: ReferencePlan | null = null;
  while (moves.length > 0) {
    plan = await planReferences(input.root, moves, projectFiles);
    const problems = plan.problems;
    const failing = moves.filter((move: Candidate): boolean => problems.has(move.from));
    if (failing.length === 0) break;
    for (const move of failing) {
      const clauses = problems.get(move.from) ?? [];
      // A plugin package's modules share every place that finds them; the first few say why.
      const shown = clauses.length > MAX_CLAUSES ? [...clauses.slice(0, MAX_CLAUSES), `${clauses.length - MAX_CLAUSES} more places`] : clauses;
      changes.failed.push({
        path: move.from,
        reason: `cannot be renamed to ${relativePath(input.root, move.to)}: ${shown.join('; ')}; fix ${clauses.length === 1 ? 'that' : 'those'} by hand, or add the file to the rule's \`ignore\``,
      });
    }
    moves = moves.filter((move: Candidate): boolean => !problems.has(move.from));
    plan = null;
  }
  if (plan === null || moves.length === 0) return changes;
  for (const file of plan.outside) {
    changes.notes.push({ path: file, message: 'outside the target root, but imports a renamed file; not edited' });
  }
  await listMentions(input.root, moves, projectFiles, plan.writes, plan.known, changes.notes);
  changes.writes = plan.writes;
  changes.renames = moves.map(({ from, to }: Candidate): FileMove => ({ from, to }));
  for (const move of moves) {
    if (move.movedBecause !== null) changes.notes.push({ path: move.from, message: move.movedBecause });
  }
  return changes;
}

const renameOneOffScripts: ProjectCodemod = {
  ...codemodDeclaration('rename-one-off-scripts'),
  kind: 'project',
  description:
    'Renames every file no-one-off-scripts reports (temp_*, fix_*, one_time_*, ...) to the name it suggests and rewrites its imports, requires, tsconfig entries and package.json scripts.',
  order: 10,
  plan: planOneOffRenames,
};

export default renameOneOffScripts;
