import path from 'node:path';
import type TS from 'typescript';
import { typescript as ts } from '../../standards/shared/typescript-runtime.js';
import { isInsideRoot } from './root-guard.js';

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
    if (text === undefined || entry === undefined) return;
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
  return project;
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
        [...changes.values()].filter((change: TS.TextChange): boolean => !aliasStillResolves(text, change, current, move.to, project, store)),
      );
    }
  }
  return { texts: store.changedTexts(), known: store.allTexts(), outside: [...outside].sort(), projects: projects.length };
}
