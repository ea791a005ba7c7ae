import path from 'node:path';
import picomatch from 'picomatch';
import type TS from 'typescript';
import { typescript as ts } from '../../standards/shared/typescript-runtime.js';
import { isInsideRoot } from './root-guard.js';
import { dynamicModuleReferences, existsBeforeMoves, folderListings, moduleReferences, respell, type ExistsBefore } from './relative-specifiers.js';

/** One file move, absolute paths. */
export interface FileMove {
  readonly from: string;
  readonly to: string;
}

export interface ReferenceRewrite {
  /** New full text of every file whose text changed, keyed by its path before any move. */
  readonly texts: ReadonlyMap<string, string>;
  /** The current text of every file under the root the programs read, keyed by path before any move. */
  readonly known: ReadonlyMap<string, string>;
  /** Files outside the root that TypeScript would also have edited; left alone. */
  readonly outside: readonly string[];
  /** How many programs were consulted (tsconfig projects plus the inferred one). */
  readonly projects: number;
  /**
   * References that would be left on a moved file's old path, or a tsconfig that would stop building it,
   * by the moved file's old path: each entry names the place and why (`src/a.ts line 3: \`@lib/temp_x\``).
   */
  readonly problems: ReadonlyMap<string, readonly string[]>;
  /** Build outputs of moved files (`out/temp_x.js` → `out/x.js`), for references to the emitted files. */
  readonly emitted: readonly FileMove[];
}

/** Extensions the TypeScript language service resolves imports to. */
export const MODULE_EXTENSIONS: readonly string[] = Object.freeze([
  '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json',
]);

const SCRIPT_EXTENSIONS = new Set(MODULE_EXTENSIONS.filter((extension: string): boolean => extension !== '.json'));

interface Entry {
  text: string;
  version: number;
  /** Where the file was before any move, and its text there (`null` for files that did not exist). */
  readonly original: string;
  readonly initial: string | null;
}

// Every text the programs see inside the root, with the edits and moves applied so far. Files outside the
// root (lib, node_modules) are read from disk and never change.
class TextStore {
  private readonly entries = new Map<string, Entry>();
  private readonly gone = new Set<string>();

  constructor(private readonly root: string) {}

  read(file: string): string | undefined {
    if (this.gone.has(file)) return undefined;
    const entry = this.entries.get(file);
    if (entry !== undefined) return entry.text;
    const text = ts.sys.readFile(file);
    if (text !== undefined && isInsideRoot(file, this.root)) this.entries.set(file, { text, version: 0, original: file, initial: text });
    return text;
  }

  exists(file: string): boolean {
    if (this.gone.has(file)) return false;
    return this.entries.has(file) || ts.sys.fileExists(file);
  }

  version(file: string): string {
    return String(this.entries.get(file)?.version ?? 0);
  }

  edit(file: string, changes: readonly TS.TextChange[]): void {
    const text = this.read(file);
    const entry = this.entries.get(file);
    // No edit keeps the version, so the programs do not parse the file again.
    if (text === undefined || entry === undefined || changes.length === 0) return;
    let next = text;
    for (const change of [...changes].sort((a: TS.TextChange, b: TS.TextChange): number => b.span.start - a.span.start)) {
      next = next.slice(0, change.span.start) + change.newText + next.slice(change.span.start + change.span.length);
    }
    entry.text = next;
    entry.version += 1;
  }

  move(from: string, to: string): void {
    const text = this.read(from);
    const entry = this.entries.get(from);
    if (text === undefined || entry === undefined) return;
    this.entries.delete(from);
    this.gone.add(from);
    this.gone.delete(to);
    this.entries.set(to, { ...entry, version: entry.version + 1 });
  }

  allTexts(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const entry of this.entries.values()) texts.set(entry.original, entry.text);
    return texts;
  }

  changedTexts(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const entry of this.entries.values()) {
      if (entry.text !== entry.initial) texts.set(entry.original, entry.text);
    }
    return texts;
  }
}

interface Project {
  readonly service: TS.LanguageService;
  readonly fileNames: Set<string>;
  readonly options: () => TS.CompilerOptions;
  refresh(): void;
  /** The tsconfig, its parse before any edit, and its parse now; absent for the inferred project. */
  readonly config?: string;
  readonly initial?: TS.ParsedCommandLine;
  readonly current?: () => TS.ParsedCommandLine;
}

// Module resolution is all getEditsForFileRename needs: no default library, no @types, nothing emitted.
const LEAN: TS.CompilerOptions = { noLib: true, types: [], noEmit: true, skipLibCheck: true };

const INFERRED_OPTIONS: TS.CompilerOptions = {
  ...LEAN,
  allowJs: true,
  checkJs: false,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  jsx: ts.JsxEmit.Preserve,
};

function createProject(
  store: TextStore,
  registry: TS.DocumentRegistry,
  directory: string,
  initialFiles: readonly string[],
  settings: () => TS.CompilerOptions,
): Project {
  const fileNames = new Set(initialFiles);
  const host: TS.LanguageServiceHost = {
    getScriptFileNames: (): string[] => [...fileNames],
    getScriptVersion: (file: string): string => store.version(file),
    getScriptSnapshot: (file: string): TS.IScriptSnapshot | undefined => {
      const text = store.read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: (): string => directory,
    getCompilationSettings: settings,
    getDefaultLibFileName: (options: TS.CompilerOptions): string => ts.getDefaultLibFilePath(options),
    fileExists: (file: string): boolean => store.exists(file),
    readFile: (file: string): string | undefined => store.read(file),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
    useCaseSensitiveFileNames: (): boolean => ts.sys.useCaseSensitiveFileNames,
  };
  return { service: ts.createLanguageService(host, registry), fileNames, options: settings, refresh: (): void => undefined };
}

// The tsconfig's parsed source (non-enumerable, so a spread drops it) is what getEditsForFileRename
// edits `files`, `include` and `paths` in.
function leanOptions(parsed: TS.ParsedCommandLine): TS.CompilerOptions {
  const options: TS.CompilerOptions = { ...parsed.options, ...LEAN };
  Object.defineProperty(options, 'configFile', { value: parsed.options['configFile'], enumerable: false });
  return options;
}

function tsconfigProject(store: TextStore, registry: TS.DocumentRegistry, config: string, root: string): Project | null {
  const parse = (): TS.ParsedCommandLine | undefined =>
    ts.getParsedCommandLineOfConfigFile(
      config,
      LEAN,
      {
        ...ts.sys,
        readFile: (file: string): string | undefined => store.read(file),
        fileExists: (file: string): boolean => store.exists(file),
        onUnRecoverableConfigFileDiagnostic: (): void => undefined,
      },
    );
  let parsed = parse();
  if (parsed === undefined) return null;
  const inside = parsed.fileNames.filter((file: string): boolean => isInsideRoot(file, root));
  let options = leanOptions(parsed);
  const project = createProject(store, registry, path.dirname(config), inside, (): TS.CompilerOptions => options);
  // The tsconfig's own text is part of the options (include/files/paths edits are computed on it), so
  // it is parsed again after an earlier rename edited it.
  project.refresh = (): void => {
    parsed = parse() ?? parsed;
    if (parsed !== undefined) options = leanOptions(parsed);
  };
  const initial = parsed;
  return { ...project, refresh: project.refresh, config, initial, current: (): TS.ParsedCommandLine => parsed ?? initial };
}

// TypeScript writes `files`/`include`/`paths` entries without a leading `./`; an entry that had one keeps it.
function keepDotSlash(text: string, changes: readonly TS.TextChange[]): TS.TextChange[] {
  return changes.map((change: TS.TextChange): TS.TextChange => {
    const before = text.slice(change.span.start, change.span.start + change.span.length);
    return before.startsWith('./') && !change.newText.startsWith('.') ? { ...change, newText: `./${change.newText}` } : change;
  });
}

// getEditsForFileRename computes new specifiers with the tsconfig `paths` as they were before the rename,
// so an alias import (`#parser`, `@app/x`) would become a relative path even though the same edit set
// updates the alias. With the updated config in place, an alias that still resolves to the moved file
// is kept as it is.
function aliasStillResolves(
  text: string,
  change: TS.TextChange,
  importer: string,
  movedTo: string,
  project: Project | undefined,
  store: TextStore,
): boolean {
  const specifier = text.slice(change.span.start, change.span.start + change.span.length);
  if (project === undefined || specifier === '' || specifier.startsWith('.') || path.isAbsolute(specifier)) return false;
  const resolved = ts.resolveModuleName(specifier, importer, project.options(), {
    fileExists: (file: string): boolean => store.exists(file),
    readFile: (file: string): string | undefined => store.read(file),
    directoryExists: ts.sys.directoryExists,
    realpath: ts.sys.realpath,
  }).resolvedModule;
  return resolved !== undefined && path.normalize(resolved.resolvedFileName) === movedTo;
}

/**
 * Computes, for a list of file moves, the edits to every reference in the project: static and dynamic
 * imports, `export … from`, `require()`, `import x = require()`, type-only imports, `.js` specifiers of
 * `.ts` files, index folders, and tsconfig `paths`/`files`/`include`, using the TypeScript language
 * service's `getEditsForFileRename` in every tsconfig project under the root plus one inferred project
 * (allowJs, bundler resolution) for script files no tsconfig covers. Moves are applied one after
 * another to an in-memory copy, so a moved file that imports another moved file gets both edits. Nothing
 * is written: the caller gets the new texts.
 * @performance one lean program per project (no lib, no @types: resolution is all that is needed),
 * updated incrementally after each move; getEditsForFileRename is linear in the imports of the project,
 * unlike ts-morph's `SourceFile.move()`, which is quadratic in importers.
 */
export function rewriteReferencesForMoves(root: string, moves: readonly FileMove[], projectFiles: readonly string[]): ReferenceRewrite {
  const store = new TextStore(root);
  const registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, root);
  const projects: Project[] = [];
  const covered = new Set<string>();
  for (const config of projectFiles.filter((file: string): boolean => path.basename(file) === 'tsconfig.json')) {
    const project = tsconfigProject(store, registry, config, root);
    if (project === null) continue;
    projects.push(project);
    for (const file of project.fileNames) covered.add(file);
  }
  const loose = projectFiles.filter((file: string): boolean => SCRIPT_EXTENSIONS.has(path.extname(file).toLowerCase()) && !covered.has(file));
  if (loose.length > 0) projects.push(createProject(store, registry, root, loose, (): TS.CompilerOptions => INFERRED_OPTIONS));

  const outside = new Set<string>();
  // Each service's program as getEditsForFileRename last built it: every file is parsed there already.
  const programs = new Map<Project, TS.Program | undefined>();
  const preferences: TS.UserPreferences = { allowTextChangesInNewFiles: true };
  const format = ts.getDefaultFormatCodeSettings('\n');
  for (const move of moves) {
    const byFile = new Map<string, Map<string, TS.TextChange>>();
    for (const project of projects) {
      for (const fileChange of project.service.getEditsForFileRename(move.from, move.to, format, preferences)) {
        const file = path.normalize(fileChange.fileName);
        if (!isInsideRoot(file, root)) {
          outside.add(file);
          continue;
        }
        let changes = byFile.get(file);
        if (changes === undefined) {
          changes = new Map();
          byFile.set(file, changes);
        }
        // The same importer seen by two projects yields the same edit twice; one span takes one edit.
        for (const change of fileChange.textChanges) {
          const key = `${change.span.start}:${change.span.length}`;
          if (!changes.has(key)) changes.set(key, change);
        }
      }
    }
    for (const project of projects) programs.set(project, project.service.getProgram());
    const configs = [...byFile.keys()].filter((file: string): boolean => path.basename(file).startsWith('tsconfig'));
    for (const file of configs) store.edit(file, keepDotSlash(store.read(file) ?? '', [...(byFile.get(file)?.values() ?? [])]));
    store.move(move.from, move.to);
    for (const project of projects) {
      if (project.fileNames.delete(move.from)) project.fileNames.add(move.to);
      if (configs.length > 0) project.refresh();
    }
    for (const [file, changes] of byFile) {
      if (configs.includes(file)) continue;
      // Edits to the moved file itself were computed on its old path.
      const current = file === move.from ? move.to : file;
      const text = store.read(current) ?? '';
      const project = projects.find((candidate: Project): boolean => candidate.fileNames.has(current)) ?? projects[0];
      store.edit(
        current,
        [...changes.values()].filter(
          (change: TS.TextChange): boolean => !isRelativeEdit(text, change) && !aliasStillResolves(text, change, current, move.to, project, store),
        ),
      );
    }
  }
  const movedTo = new Map(moves.map((move: FileMove): [string, string] => [move.from, move.to]));
  const problems = new Map<string, string[]>();
  const problem = (from: string, place: string): void => {
    problems.set(from, [...(problems.get(from) ?? []), place]);
  };
  rewriteSpecifiers(root, store, projects, programs, projectFiles, movedTo, problem);
  const emitted = checkProjects(root, projects, moves, problem);
  return { texts: store.changedTexts(), known: store.allTexts(), outside: [...outside].sort(), projects: projects.length, problems, emitted };
}

// Relative specifiers and reference paths are respelled by rewriteSpecifiers, which keeps each one's
// form; the language service would add an extension where there was none (issue #9, kind 2).
function isRelativeEdit(text: string, change: TS.TextChange): boolean {
  const before = text.slice(change.span.start, change.span.start + change.span.length);
  if (before.startsWith('./') || before.startsWith('../')) return true;
  const lineStart = text.lastIndexOf('\n', change.span.start) + 1;
  return text.slice(lineStart, change.span.start).trimStart().startsWith('///');
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

// Every script file: relative references to a moved file (or from a moved file) get the new spelling in
// their own form; a non-relative one (an alias, `baseUrl`) that still resolves to an old path is a problem.
function rewriteSpecifiers(
  root: string,
  store: TextStore,
  projects: readonly Project[],
  programs: ReadonlyMap<Project, TS.Program | undefined>,
  projectFiles: readonly string[],
  movedTo: ReadonlyMap<string, string>,
  problem: (from: string, place: string) => void,
): void {
  const exists: ExistsBefore = existsBeforeMoves(projectFiles);
  const stems = [...movedTo.keys()].map((file: string): string => path.basename(file).replace(/\..*$/u, ''));
  for (const importer of projectFiles) {
    if (!SCRIPT_EXTENSIONS.has(path.extname(importer).toLowerCase())) continue;
    const after = movedTo.get(importer) ?? importer;
    const text = store.read(after);
    if (text === undefined) continue;
    // Cheap test first: only a template or a `+` can build a specifier at run time.
    const maybeDynamic = text.includes('${') || /['"`]\s*\+/u.test(text);
    const lists = /\b(?:readdir|opendir|glob)(?:Sync)?\s*\(/u.test(text) && /\b__dirname\b|\bimport\.meta\b/u.test(text);
    if (after === importer && !maybeDynamic && !lists && !stems.some((stem: string): boolean => text.includes(stem))) continue;
    const changes: TS.TextChange[] = [];
    const project = projects.find((candidate: Project): boolean => candidate.fileNames.has(after)) ?? projects.at(-1);
    // A parse from before the last move or edit is used only when its text is still the text (checked
    // by moduleReferences); asking the service again would rebuild its program for the moves.
    const program = project === undefined ? undefined : programs.get(project);
    const parsed = program?.getSourceFile(after) ?? program?.getSourceFile(importer);
    // A specifier built at run time may name a moved file: nothing can rewrite it, so that file stays.
    if (maybeDynamic) {
      for (const dynamic of dynamicModuleReferences(after, text, parsed)) {
        const start = path.resolve(path.dirname(importer), dynamic.prefix);
        const startsAt = dynamic.prefix.endsWith('/') ? `${start}${path.sep}` : start;
        for (const old of movedTo.keys()) {
          if (old.startsWith(startsAt) && old !== importer) {
            problem(old, `${path.relative(root, importer).split(path.sep).join('/')} line ${lineAt(text, dynamic.start)} (\`${dynamic.prefix}…\` is built at run time)`);
          }
        }
      }
    }
    // Code that lists its own folder (or one below) finds modules by file name: their names must stay.
    if (lists) {
      for (const listing of folderListings(after, text, parsed)) {
        const folder = path.resolve(path.dirname(importer), listing.folder);
        for (const old of movedTo.keys()) {
          if (old !== importer && old.startsWith(`${folder}${path.sep}`)) {
            problem(old, `${path.relative(root, importer).split(path.sep).join('/')} line ${lineAt(text, listing.start)} (\`${listing.callee}(…)\` lists its folder at run time)`);
          }
        }
      }
    }
    for (const reference of moduleReferences(after, text, parsed)) {
      const next = respell(reference, importer, after, movedTo, exists);
      if (next !== null) {
        changes.push({ span: { start: reference.start, length: reference.length }, newText: next });
        continue;
      }
      if (project === undefined || reference.specifier.startsWith('.') || !stems.some((stem: string): boolean => reference.specifier.includes(stem))) continue;
      const resolved = ts.resolveModuleName(reference.specifier, importer, project.initial?.options ?? project.options(), ts.sys).resolvedModule;
      const old = resolved === undefined ? undefined : path.normalize(resolved.resolvedFileName);
      if (old !== undefined && movedTo.has(old) && movedTo.get(old) !== after) {
        problem(old, `${path.relative(root, importer).split(path.sep).join('/')} line ${lineAt(text, reference.start)} (\`${reference.specifier}\`)`);
      }
    }
    if (changes.length > 0) store.edit(after, changes);
  }
}

const isUnder = (file: string, folder: string): boolean => {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

// The folder TypeScript lays emitted files out from when `rootDir` is not set: the common folder of the
// program's own (non-declaration) files.
function commonSourceFolder(files: readonly string[]): string | null {
  const sources = files.filter((file: string): boolean => !/\.d\.[cm]?ts$/u.test(file));
  if (sources.length === 0) return null;
  let common = path.dirname(sources[0] ?? '');
  for (const file of sources) {
    while (!isUnder(file, common) && path.dirname(common) !== common) common = path.dirname(common);
  }
  return common;
}

const DEFAULT_EXCLUDES = ['node_modules', 'bower_components', 'jspm_packages'];

// The parsed file list comes from the disk, where a moved file is not yet at its new path, so its
// inclusion is judged from the config's own `files`/`include`/`exclude` (a folder entry means all below it).
function wouldInclude(parsed: TS.ParsedCommandLine, config: string, file: string): boolean {
  const raw = (parsed.raw ?? {}) as { readonly files?: unknown; readonly include?: unknown; readonly exclude?: unknown };
  const folder = path.dirname(config);
  const relative = path.relative(folder, file).split(path.sep).join('/');
  const strings = (value: unknown): string[] | null =>
    Array.isArray(value) ? value.filter((entry: unknown): entry is string => typeof entry === 'string') : null;
  const files = strings(raw.files);
  if (files?.some((entry: string): boolean => path.resolve(folder, entry) === file) === true) return true;
  const include = strings(raw.include) ?? (files === null ? ['**/*'] : []);
  const outDir = parsed.options.outDir === undefined ? [] : [path.relative(folder, parsed.options.outDir)];
  const exclude = strings(raw.exclude) ?? [...DEFAULT_EXCLUDES, ...outDir];
  const specs = (entries: readonly string[]): string[] =>
    entries.flatMap((entry: string): string[] => {
      const spec = entry.replace(/^\.\//u, '').replace(/\/$/u, '');
      return /[*?]/u.test(path.posix.basename(spec)) || path.posix.extname(spec) !== '' ? [spec] : [spec, `${spec}/**/*`];
    });
  return picomatch(specs(include), { dot: false })(relative) && !picomatch(specs(exclude), { dot: true })(relative);
}

// After every edit, each tsconfig must still compile each moved file it compiled, under its rootDir and
// without changing the layout of its outDir. Returns the old → new paths of the moved files' outputs.
function checkProjects(root: string, projects: readonly Project[], moves: readonly FileMove[], problem: (from: string, place: string) => void): FileMove[] {
  const emitted: FileMove[] = [];
  for (const project of projects) {
    if (project.config === undefined || project.initial === undefined || project.current === undefined) continue;
    project.refresh();
    const before = project.initial;
    const after = project.current();
    const had = new Set(before.fileNames.map((file: string): string => path.normalize(file)));
    const has = new Set(after.fileNames.map((file: string): string => path.normalize(file)));
    const config = path.relative(root, project.config).split(path.sep).join('/');
    const explicitRoot = before.options.rootDir;
    const layoutRoot = explicitRoot ?? (before.options.outDir === undefined ? null : commonSourceFolder([...had]));
    for (const move of moves) {
      if (!had.has(move.from)) continue;
      const shown = path.relative(root, move.to).split(path.sep).join('/');
      if (!has.has(move.to) && !wouldInclude(after, project.config, move.to)) {
        problem(move.from, `${config} would no longer compile it: its \`files\`/\`include\` do not cover ${shown}`);
      } else if (layoutRoot !== null && !isUnder(move.to, layoutRoot)) {
        const folder = path.relative(root, layoutRoot).split(path.sep).join('/') || '.';
        problem(
          move.from,
          explicitRoot === undefined
            ? `${config} would emit every file to another place: ${shown} is outside ${folder}/, the common folder of its sources`
            : `${config} has \`rootDir\` ${folder}, and ${shown} would be outside it (TS6059)`,
        );
      } else if (before.options.outDir !== undefined) {
        const ignoreCase = !ts.sys.useCaseSensitiveFileNames;
        // getOutputFileNames asserts the file is in the list, which comes from the disk.
        const withFile = (parsed: TS.ParsedCommandLine, file: string): TS.ParsedCommandLine =>
          parsed.fileNames.includes(file) ? parsed : { ...parsed, fileNames: [...parsed.fileNames, file] };
        const old = ts.getOutputFileNames(withFile(before, move.from), move.from, ignoreCase);
        const next = ts.getOutputFileNames(withFile(after, move.to), move.to, ignoreCase);
        old.forEach((file: string, index: number): void => {
          const to = next[index];
          if (to !== undefined && to !== file) emitted.push({ from: path.normalize(file), to: path.normalize(to) });
        });
      }
    }
  }
  return emitted;
}
