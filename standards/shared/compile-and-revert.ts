/**
 * Compile-and-revert: which type-only edits add no type error, as the type checker sees every tsconfig project
 * that can see them. Every candidate is applied at once, each project that includes an edited file is
 * type-checked, the candidates the new errors point at are reverted, and that repeats until a check finds no new
 * error. Shared by the type-changing codemods (`readonly-data-shapes`, `add-explicit-types`). Algorithm,
 * termination and attribution are described in docs/codemods/readonly-data-shapes.md.
 */
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from './typescript-runtime.js';
import { applyEdits, uniqueEdits, type TextEdit } from './text-edits.js';

/** One type-only edit a codemod may keep or revert. */
export interface Candidate {
  readonly id: number;
  /** Absolute path, as TypeScript names the file. */
  readonly file: string;
  /** What it is, for the codemod's report (`property`, `array`, `constant`, `annotation`). */
  readonly kind: string;
  /** A `readonly` modifier: a write error (TS2540, TS2704) blames these first, any other error blames the rest first. */
  readonly forbidsWrites?: boolean;
  readonly edits: readonly TextEdit[];
  /** Source range, in the unedited file, of the declaration the candidate belongs to. */
  readonly declaration: readonly [number, number];
  /**
   * Candidates with the same group are kept or reverted together: one data shape (it changes as a whole or not
   * at all), and the shapes related to it by `extends` or `implements`, which TypeScript requires to agree.
   */
  readonly group?: string;
  /**
   * Longer forms of the same edit, tried in order when the errors blame the current one (an annotation printed
   * without default type arguments, then with them): the shortest form that type-checks is kept.
   */
  readonly alternatives?: readonly (readonly TextEdit[])[];
}

/** One tsconfig project of the proof. */
export interface ProofProject {
  /** Absolute path of its tsconfig, for reports. */
  readonly config: string;
  readonly rootNames: readonly string[];
  readonly options: ts.CompilerOptions;
  readonly projectReferences?: readonly ts.ProjectReference[] | undefined;
}

/** What the rounds decided. */
export interface RevertOutcome {
  /** Ids of the candidates that survive: no project of the proof has an error it did not have before. */
  readonly kept: ReadonlySet<number>;
  /** Rounds run: full type checks plus the cheap rounds that re-check only the files that had new errors. */
  readonly rounds: number;
  /** Rounds that type-checked every own file of every project in the proof (1 when nothing had to be reverted). */
  readonly fullChecks: number;
  /** Ids reverted because an error pointed at them. */
  readonly reverted: ReadonlySet<number>;
  /** Ids reverted only because another candidate of their group was: kept or reverted together. */
  readonly revertedWithGroup: ReadonlySet<number>;
  /** True when an error could not be attributed to any candidate, so every candidate was reverted. */
  readonly gaveUp: boolean;
  /** The first error no candidate explains (`file:line:column TSnnnn message`), when `gaveUp`. */
  readonly untied?: string;
  /** Configs of the projects that were type-checked: those whose program includes an edited file. */
  readonly checkedProjects: readonly string[];
  /** For kept candidates that ended on one of their `alternatives`: its index. */
  readonly alternativeOf: ReadonlyMap<number, number>;
  /** The first error blamed on each reverted candidate (`file:line:column TSnnnn message`). */
  readonly blamedError: ReadonlyMap<number, string>;
}

/** Called for every new error of a round with the candidates it blamed (empty: none, or an error the unedited program has too). */
export type RoundTrace = (round: number, diagnostic: ts.Diagnostic, blamed: ReadonlySet<number>) => void;

// Options that change how a file is parsed or bound: two projects that agree on them can share its SourceFile, as
// the language service's document registry shares them between projects.
const SOURCE_FILE_OPTIONS: readonly (keyof ts.CompilerOptions)[] = [
  'target',
  'module',
  'moduleResolution',
  'moduleDetection',
  'jsx',
  'jsxFactory',
  'jsxFragmentFactory',
  'jsxImportSource',
  'allowJs',
  'checkJs',
  'alwaysStrict',
  'strict',
  'preserveConstEnums',
  'isolatedModules',
  'verbatimModuleSyntax',
  'experimentalDecorators',
  'allowUnreachableCode',
  'allowUnusedLabels',
];

/**
 * SourceFile objects shared by every program of a proof: the unedited file is parsed and bound once per set of
 * parse-affecting options, and an edited text once per distinct text, whichever project and round asks for it.
 */
class SourceFileCache {
  private readonly original = new Map<string, ts.SourceFile | undefined>();
  private readonly edited = new Map<string, { readonly text: string; readonly file: ts.SourceFile }>();
  overrides: ReadonlyMap<string, string> = new Map();

  host(options: ts.CompilerOptions): ts.CompilerHost {
    const base = typescript.createCompilerHost(options);
    const settings = JSON.stringify(SOURCE_FILE_OPTIONS.map((name: keyof ts.CompilerOptions): unknown => options[name] ?? null));
    // A project that references another reads the other's sources, not its built declarations (as editors and
    // `tsc -b` after a rebuild see them): an edit must reach it.
    const redirect = { useSourceOfProjectReferenceRedirect: (): boolean => true };
    return {
      ...base,
      ...redirect,
      getSourceFile: (fileName, languageVersionOrOptions, onError, shouldCreate): ts.SourceFile | undefined => {
        const resolved = path.resolve(fileName);
        const format = typeof languageVersionOrOptions === 'object' ? `${languageVersionOrOptions.languageVersion}|${languageVersionOrOptions.impliedNodeFormat ?? ''}` : `${languageVersionOrOptions}`;
        const key = `${resolved}\u0000${settings}\u0000${format}`;
        const text = this.overrides.get(resolved);
        if (text !== undefined) {
          const cached = this.edited.get(key);
          if (cached !== undefined && cached.text === text) return cached.file;
          const file = typescript.createSourceFile(fileName, text, languageVersionOrOptions);
          this.edited.set(key, { text, file });
          return file;
        }
        // The same object every round and every project, so TypeScript reuses its parse and binding.
        if (!this.original.has(key)) this.original.set(key, base.getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate));
        return this.original.get(key);
      },
    };
  }
}

// Writes to a read-only property; every other error a candidate causes comes from a changed type.
const WRITE_CODES: ReadonlySet<number> = new Set([2540, 2704]);
const MAX_IDENTIFIERS = 200;
const INDIRECT_DEPTH = 3;
const DEEP_DEPTH = 8;
const MAX_DEEP_DECLARATIONS = 5000;

interface PlacedEdit extends TextEdit {
  readonly candidate: number;
}

interface ProjectState {
  readonly project: ProofProject;
  readonly host: ts.CompilerHost;
  readonly baselines: Map<string, ReadonlySet<string>>;
}

/** How a proof judges errors. */
export interface ProofOptions {
  /** Errors are named with paths relative to this folder. */
  readonly root: string;
  /**
   * Check the unedited program before blaming an error on a candidate, so an error the project already had never
   * reverts one (costs a type check of the unedited files that have errors; worth it where errors are few).
   * Without it, only errors no candidate explains are looked up there.
   */
  readonly baselineFirst?: boolean;
}

/**
 * The proof of a type-changing codemod: the unedited programs of its tsconfig projects (built on demand, sharing
 * parsed files), and `revert(candidates)`, which runs the rounds over every project whose program includes an
 * edited file and returns the candidates that survive.
 * @performance building: one program per project (files parsed and bound once across projects), nothing
 * type-checked. `revert`: per round, one type check of the own files of every project that includes an edited
 * file (lib and node_modules declarations are never re-checked); besides the unedited programs, one edited
 * program (with its checker) is alive at a time; the
 * unedited program is checked only for the files where an edited round reported errors no candidate explains.
 */
export class EditingProof {
  private readonly cache = new SourceFileCache();
  private readonly states: readonly ProjectState[];
  private readonly uneditedPrograms = new Map<ProjectState, ts.Program>();

  constructor(
    projects: readonly ProofProject[],
    readonly options: ProofOptions,
  ) {
    this.states = projects.map((project: ProofProject): ProjectState => ({ project, host: this.cache.host(project.options), baselines: new Map() }));
  }

  /** The projects of the proof, in the order given. */
  get projects(): readonly ProofProject[] {
    return this.states.map((state: ProjectState): ProofProject => state.project);
  }

  /**
   * The unedited program of a project of the proof (built once).
   * @performance one program build, sharing parsed files with the other projects'.
   */
  programOf(project: ProofProject): ts.Program {
    const state = this.states.find((entry: ProjectState): boolean => entry.project === project);
    if (state === undefined) throw new Error(`${project.config} is not part of this proof`);
    return this.unedited(state);
  }

  /**
   * Runs the rounds: applies every candidate, checks, reverts what the new errors point at, until no error is new.
   * @performance see the class.
   */
  revert(candidates: readonly Candidate[], trace?: RoundTrace): RevertOutcome {
    return new Rounds(this, candidates, trace).run();
  }

  /**
   * @internal The unedited program of a project of the proof.
   * @performance one program build the first time, then O(1).
   */
  unedited(state: ProjectState): ts.Program {
    let program = this.uneditedPrograms.get(state);
    if (program === undefined) {
      const overrides = this.cache.overrides;
      this.cache.overrides = new Map();
      program = this.build(state, undefined);
      this.uneditedPrograms.set(state, program);
      this.cache.overrides = overrides;
    }
    return program;
  }

  /**
   * @internal A program of the project with the current overrides.
   * @performance one program build; unchanged files and module resolutions come from the cache and `oldProgram`.
   */
  build(state: ProjectState, oldProgram: ts.Program | undefined): ts.Program {
    const { rootNames, options, projectReferences } = state.project;
    return typescript.createProgram({ rootNames, options, host: state.host, ...(oldProgram ? { oldProgram } : {}), ...(projectReferences ? { projectReferences } : {}) });
  }

  /** @internal The projects' states, in order. */
  get allStates(): readonly ProjectState[] {
    return this.states;
  }

  /**
   * @internal The edited texts the next program build reads.
   * @performance O(1).
   */
  setOverrides(overrides: ReadonlyMap<string, string>): void {
    this.cache.overrides = overrides;
  }

  /**
   * @internal `start:code` of every error the unedited program of the project has in `file`.
   * @performance one type check of the file the first time, then O(1).
   */
  baselineOf(state: ProjectState, file: string): ReadonlySet<string> {
    this.baselinesOf(state, [file]);
    return state.baselines.get(file) ?? new Set();
  }

  /**
   * @internal Fills the baselines of `files` of a project. With `baselineFirst` the unedited program's checker
   * answers (it stays alive, as the codemod's own inference needs it); otherwise a throwaway copy of the unedited
   * program does, so no extra checker outlives the call (the memory of a whole check).
   * @performance one type check of each file not yet known.
   */
  baselinesOf(state: ProjectState, files: readonly string[]): void {
    const missing = files.filter((file: string): boolean => !state.baselines.has(file));
    if (missing.length === 0) return;
    const overrides = this.cache.overrides;
    this.cache.overrides = new Map();
    const unedited = this.unedited(state);
    const program = this.options.baselineFirst === true ? unedited : this.build(state, unedited);
    this.cache.overrides = overrides;
    for (const file of missing) {
      const source = program.getSourceFile(file);
      const diagnostics = source === undefined ? [] : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      state.baselines.set(file, new Set(diagnostics.map((diagnostic: ts.Diagnostic): string => `${diagnostic.start ?? -1}:${diagnostic.code}`)));
    }
  }

}

/** One run of the rounds over a proof. */
class Rounds {
  private readonly byId: ReadonlyMap<number, Candidate>;
  private readonly byFile = new Map<string, Candidate[]>();
  private readonly active: Set<number>;
  private readonly reverted = new Set<number>();
  private readonly revertedWithGroup = new Set<number>();
  private readonly involved: readonly ProjectState[];
  private readonly alternativeOf = new Map<number, number>();
  private readonly blamedError = new Map<number, string>();

  constructor(
    private readonly proof: EditingProof,
    private readonly candidates: readonly Candidate[],
    private readonly trace: RoundTrace | undefined,
  ) {
    this.byId = new Map(candidates.map((candidate: Candidate): [number, Candidate] => [candidate.id, candidate]));
    for (const candidate of candidates) {
      const key = path.resolve(candidate.file);
      const list = this.byFile.get(key);
      if (list) list.push(candidate);
      else this.byFile.set(key, [candidate]);
    }
    this.active = new Set(this.byId.keys());
    // A project whose program includes no edited file cannot get a new error from the edits.
    this.involved = candidates.length === 0 ? [] : proof.allStates.filter((state: ProjectState): boolean => {
      const program = proof.unedited(state);
      return [...this.byFile.keys()].some((file: string): boolean => program.getSourceFile(file) !== undefined);
    });
  }

  run(): RevertOutcome {
    let rounds = 0;
    let fullChecks = 0;
    // Per project, the files to re-check in a partial round; undefined: a full round.
    let suspects: Map<ProjectState, Set<string>> | undefined;
    const outcome = (gaveUp: boolean, untied?: string): RevertOutcome => ({
      kept: this.active,
      rounds,
      fullChecks,
      reverted: this.reverted,
      revertedWithGroup: this.revertedWithGroup,
      gaveUp,
      ...(untied === undefined ? {} : { untied }),
      checkedProjects: this.involved.map((state: ProjectState): string => state.project.config),
      alternativeOf: this.alternativeOf,
      blamedError: this.blamedError,
    });
    if (this.candidates.length === 0) return outcome(false);
    for (;;) {
      rounds++;
      const { overrides, mapper } = this.applyActive();
      const blamed = new Set<number>();
      let untied: string | undefined;
      const erring = new Map<ProjectState, Set<string>>();
      if (suspects === undefined) fullChecks++;
      for (const state of this.involved) {
        const only = suspects?.get(state);
        if (suspects !== undefined && only === undefined) continue;
        const checked = this.checkProject(state, overrides, mapper, only, rounds);
        for (const id of checked.blamed) blamed.add(id);
        // Errors no candidate explains are looked up in the unedited program once the edited one is gone.
        this.proof.baselinesOf(state, [...new Set(checked.pending.map((entry: PendingError): string => entry.file))]);
        for (const entry of checked.pending) {
          if (entry.inside === undefined && state.baselines.get(entry.file)?.has(entry.key) === true) continue;
          untied ??= entry.description;
          checked.erring.add(entry.file);
        }
        if (checked.erring.size > 0) erring.set(state, checked.erring);
      }
      if (untied !== undefined) {
        // An error no candidate can be tied to: keep nothing rather than guess.
        for (const id of this.active) this.reverted.add(id);
        this.active.clear();
        return outcome(true, untied);
      }
      if (blamed.size === 0) {
        if (suspects === undefined) break;
        // The suspects are clean: verify every project.
        suspects = undefined;
        continue;
      }
      suspects = erring;
      this.revertWithGroups(blamed);
      if (this.active.size === 0) break;
    }
    this.proof.setOverrides(new Map());
    return outcome(false);
  }

  /**
   * Type-checks one project with the current edits: the candidates its new errors blame, the files that had them,
   * and the errors no candidate explains (left for the caller to compare with the unedited program).
   */
  private checkProject(
    state: ProjectState,
    overrides: ReadonlyMap<string, string>,
    mapper: PositionMapper,
    only: ReadonlySet<string> | undefined,
    round: number,
  ): { readonly blamed: Set<number>; readonly erring: Set<string>; readonly pending: PendingError[] } {
    const blamed = new Set<number>();
    const erring = new Set<string>();
    const pending: PendingError[] = [];
    this.proof.setOverrides(overrides);
    // Built from the unedited program: module resolutions of unchanged files are reused, and no edited program
    // (with its checker) outlives this call.
    const program = this.proof.build(state, this.proof.unedited(state));
    const attribution = new Attribution(program, mapper, this.byFile, this.active, this.byId);
    // A full round checks every own file; after a revert, the next round re-checks only the files that had new
    // errors (cheap), and once those are clean a full round verifies every project again.
    const checked = ownFiles(program).filter((source: ts.SourceFile): boolean => only === undefined || only.has(path.resolve(source.fileName)));
    for (const source of checked) {
      const file = path.resolve(source.fileName);
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      for (const diagnostic of diagnostics) {
        const mapped = mapper.toOriginal(file, diagnostic.start ?? -1);
        const key = `${mapped.position}:${diagnostic.code}`;
        // With `baselineFirst`, an error the unedited program has never blames a candidate. Otherwise blamed
        // first: checking the unedited program costs a type check of the file, so it is done only for errors no
        // candidate explains (an error already there that a candidate touches is reverted along with it, which
        // can only keep more code unchanged).
        if (this.proof.options.baselineFirst === true && mapped.inside === undefined && this.proof.baselineOf(state, source.fileName).has(key)) continue;
        const blamedHere = attribution.blame(diagnostic);
        this.trace?.(round, diagnostic, blamedHere);
        if (blamedHere.size === 0) {
          pending.push({ file, key, inside: mapped.inside, description: describeDiagnostic(diagnostic, this.proof.options.root) });
          continue;
        }
        erring.add(file);
        for (const id of blamedHere) {
          blamed.add(id);
          if (!this.blamedError.has(id)) this.blamedError.set(id, describeDiagnostic(diagnostic, this.proof.options.root));
        }
      }
    }
    return { blamed, erring, pending };
  }

  /** The edited text of every file with an active candidate, and how to map its positions back. */
  private applyActive(): { readonly overrides: Map<string, string>; readonly mapper: PositionMapper } {
    const placed = new Map<string, readonly PlacedEdit[]>();
    const overrides = new Map<string, string>();
    const anyProgram = this.involved[0] === undefined ? undefined : this.proof.unedited(this.involved[0]);
    for (const [file, list] of this.byFile) {
      const edits = uniqueEdits(
        list
          .filter((candidate: Candidate): boolean => this.active.has(candidate.id))
          .flatMap((candidate: Candidate): PlacedEdit[] => this.editsOf(candidate).map((edit: TextEdit): PlacedEdit => ({ ...edit, candidate: candidate.id }))),
      );
      if (edits.length === 0) continue;
      const original = this.originalText(file, anyProgram);
      if (original === undefined) continue;
      placed.set(file, edits);
      overrides.set(file, applyEdits(original, edits));
    }
    return { overrides, mapper: new PositionMapper(placed) };
  }

  /** The form of a candidate this round applies: its edits, or the alternative it moved on to. */
  private editsOf(candidate: Candidate): readonly TextEdit[] {
    const index = this.alternativeOf.get(candidate.id);
    return index === undefined ? candidate.edits : (candidate.alternatives?.[index] ?? candidate.edits);
  }

  private originalText(file: string, first: ts.Program | undefined): string | undefined {
    const text = first?.getSourceFile(file)?.text;
    if (text !== undefined) return text;
    for (const state of this.involved) {
      const found = this.proof.unedited(state).getSourceFile(file)?.text;
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private revertWithGroups(blamed: ReadonlySet<number>): void {
    const groups = new Set<string>();
    for (const id of blamed) {
      // A longer form left to try: the candidate stays, in that form, and is judged again next round.
      const next = (this.alternativeOf.get(id) ?? -1) + 1;
      if (this.active.has(id) && next < (this.byId.get(id)?.alternatives?.length ?? 0)) {
        this.alternativeOf.set(id, next);
        this.blamedError.delete(id);
        continue;
      }
      if (!this.active.delete(id)) continue;
      this.alternativeOf.delete(id);
      this.reverted.add(id);
      const group = this.byId.get(id)?.group;
      if (group !== undefined) groups.add(group);
    }
    if (groups.size === 0) return;
    for (const candidate of this.candidates) {
      if (candidate.group === undefined || !groups.has(candidate.group) || !this.active.delete(candidate.id)) continue;
      this.revertedWithGroup.add(candidate.id);
    }
  }
}

/** An error of an edited program that no candidate explains, to compare with the unedited program. */
interface PendingError {
  readonly file: string;
  /** `position:code`, the position mapped back to the unedited file. */
  readonly key: string;
  /** The candidate whose inserted text holds it, if any (then it is new by construction). */
  readonly inside: number | undefined;
  readonly description: string;
}

/** `file:line:column TSnnnn message` (file relative to `root`), as a report names an error. */
function describeDiagnostic(diagnostic: ts.Diagnostic, root: string): string {
  const message = typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `TS${diagnostic.code} ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = path.relative(root, diagnostic.file.fileName).split(path.sep).join('/');
  return `${file}:${line + 1}:${character + 1} TS${diagnostic.code} ${message}`;
}

/** The files a project owns: not the default library, not a dependency's declarations. */
function ownFiles(program: ts.Program): ts.SourceFile[] {
  return program
    .getSourceFiles()
    .filter(
      (source: ts.SourceFile): boolean =>
        !program.isSourceFileDefaultLibrary(source) &&
        !program.isSourceFileFromExternalLibrary(source) &&
        !source.fileName.includes('/node_modules/'),
    );
}

/** Maps positions of an edited file back to the unedited one. */
class PositionMapper {
  constructor(private readonly placed: ReadonlyMap<string, readonly PlacedEdit[]>) {}

  /** `inside`: the candidate whose inserted text holds the position. */
  toOriginal(file: string, position: number): { readonly position: number; readonly inside?: number } {
    const edits = this.placed.get(file);
    if (edits === undefined) return { position };
    let delta = 0;
    for (const edit of edits) {
      const { candidate } = edit;
      const editedStart = edit.at + delta;
      if (position < editedStart) break;
      if (position < editedStart + edit.text.length) return { position: edit.at, inside: candidate };
      delta += edit.text.length - (edit.end - edit.at);
    }
    return { position: position - delta };
  }
}

/** Ties a new type error to the candidates it points at, from the most precise evidence to the least. */
class Attribution {
  private readonly checker: ts.TypeChecker;

  constructor(
    private readonly program: ts.Program,
    private readonly mapper: PositionMapper,
    private readonly byFile: ReadonlyMap<string, readonly Candidate[]>,
    private readonly active: ReadonlySet<number>,
    private readonly byId: ReadonlyMap<number, Candidate>,
  ) {
    this.checker = program.getTypeChecker();
  }

  blame(diagnostic: ts.Diagnostic): ReadonlySet<number> {
    const source = diagnostic.file;
    if (source === undefined || diagnostic.start === undefined) return new Set();
    const file = path.resolve(source.fileName);
    const start = diagnostic.start;
    const end = start + (diagnostic.length ?? 0);
    // 1. The error sits in text a candidate inserted (e.g. a modifier TypeScript does not allow there).
    const inside = this.mapper.toOriginal(file, start).inside;
    if (inside !== undefined && this.active.has(inside)) return new Set([inside]);
    const node = innermostNode(source, start, end);
    let write = WRITE_CODES.has(diagnostic.code);
    if (write) {
      // `o.p = …` blames the modifier of `p`; `o.list[0] = …` blames the readonly array type of `list`.
      const parent = node.parent;
      const access =
        (typescript.isPropertyAccessExpression(parent) && parent.name === node) || (typescript.isElementAccessExpression(parent) && parent.argumentExpression === node)
          ? parent
          : node;
      // `o["name"] = …` writes a property like `o.name = …` does.
      const keyed = typescript.isElementAccessExpression(access) && typescript.isStringLiteralLike(access.argumentExpression);
      const written = typescript.isPropertyAccessExpression(access)
        ? access.name
        : typescript.isElementAccessExpression(access)
          ? keyed
            ? access.argumentExpression
            : lastName(access.expression)
          : undefined;
      if (written !== undefined) {
        write = typescript.isPropertyAccessExpression(access) || keyed;
        const exact = this.candidatesOfNames([written], 0);
        if (exact.size > 0) return this.preferred(exact, write);
      }
    }
    // 2. Declarations of the names the error span mentions (with the receiver of `x.push`).
    const spanNames = identifiersIn(node.parent !== undefined && isNameOfAccess(node) ? node.parent : node);
    const direct = this.candidatesOfNames(spanNames, 0);
    if (direct.size > 0) return this.preferred(direct, write);
    // 3. Candidates whose edits lie inside the span.
    const within = this.candidatesInSpan(file, start, end);
    if (within.size > 0) return this.preferred(within, write);
    // 3b. The innermost candidate whose declaration holds the error: a body that no longer satisfies the return
    // type written on its function (seen in a project with stricter options than the one that inferred it).
    const enclosing = this.enclosingCandidate(file, start);
    if (enclosing !== undefined) return new Set([enclosing]);
    // 4. Through the declared types and initializers of those names, then of the whole statement's names.
    const indirect = this.candidatesOfNames(spanNames, INDIRECT_DEPTH);
    if (indirect.size > 0) return this.preferred(indirect, write);
    const statementNames = identifiersIn(enclosingStatement(node));
    const around = this.candidatesOfNames(statementNames, INDIRECT_DEPTH);
    if (around.size > 0) return this.preferred(around, write);
    // 5. A structural mismatch deep in a type: every candidate inside the shapes those names reach through
    // their types, members and `extends` clauses (bounded); broad, but still better than reverting everything.
    return this.preferred(this.candidatesOfNames(statementNames, DEEP_DEPTH, true), write);
  }

  /** A write error blames `readonly` modifiers; any other blames readonly arrays and `as const` first. */
  private preferred(found: ReadonlySet<number>, write: boolean): ReadonlySet<number> {
    const narrowed = new Set<number>();
    for (const id of found) {
      const forbidsWrites = this.byId.get(id)?.forbidsWrites === true;
      if (write === forbidsWrites) narrowed.add(id);
    }
    return narrowed.size > 0 ? narrowed : found;
  }

  private candidatesOfNames(names: readonly ts.Node[], depth: number, deep = false): ReadonlySet<number> {
    const found = new Set<number>();
    const seen = new Set<ts.Node>();
    for (const name of names) for (const declaration of this.declarationsOf(name)) this.collect(declaration, depth, found, seen, deep);
    return found;
  }

  private declarationsOf(name: ts.Node): readonly ts.Declaration[] {
    let symbol = this.checker.getSymbolAtLocation(name);
    if (symbol !== undefined && (symbol.flags & typescript.SymbolFlags.Alias) !== 0) symbol = this.checker.getAliasedSymbol(symbol);
    const declarations = [...(symbol?.declarations ?? [])];
    if (name.parent !== undefined && typescript.isShorthandPropertyAssignment(name.parent)) {
      declarations.push(...(this.checker.getShorthandAssignmentValueSymbol(name.parent)?.declarations ?? []));
    }
    return declarations;
  }

  private collect(declaration: ts.Node, depth: number, found: Set<number>, seen: Set<ts.Node>, deep: boolean): void {
    if (seen.has(declaration) || seen.size >= MAX_DEEP_DECLARATIONS) return;
    seen.add(declaration);
    const source = declaration.getSourceFile();
    const file = path.resolve(source.fileName);
    const start = this.mapper.toOriginal(file, declaration.getStart(source)).position;
    for (const candidate of this.byFile.get(file) ?? []) {
      if (this.active.has(candidate.id) && candidate.declaration[0] === start) found.add(candidate.id);
    }
    if (depth === 0) return;
    if (
      typescript.isInterfaceDeclaration(declaration) ||
      typescript.isTypeAliasDeclaration(declaration) ||
      typescript.isClassDeclaration(declaration) ||
      typescript.isClassExpression(declaration) ||
      typescript.isTypeLiteralNode(declaration)
    ) {
      const end = this.mapper.toOriginal(file, declaration.end).position;
      for (const candidate of this.byFile.get(file) ?? []) {
        if (this.active.has(candidate.id) && candidate.declaration[0] >= start && candidate.declaration[1] <= end) found.add(candidate.id);
      }
      if (deep) {
        for (const name of typeNamesIn(declaration)) for (const next of this.declarationsOf(name)) this.collect(next, depth - 1, found, seen, deep);
      }
    }
    const typed = declaration as { readonly type?: ts.TypeNode; readonly initializer?: ts.Expression };
    const related: ts.Node[] = [];
    if (typed.type !== undefined) related.push(...identifiersIn(typed.type));
    if (typed.initializer !== undefined) related.push(...identifiersIn(typed.initializer));
    for (const name of related) for (const next of this.declarationsOf(name)) this.collect(next, depth - 1, found, seen, deep);
  }

  private enclosingCandidate(file: string, start: number): number | undefined {
    const at = this.mapper.toOriginal(file, start).position;
    let best: Candidate | undefined;
    for (const candidate of this.byFile.get(file) ?? []) {
      if (!this.active.has(candidate.id) || candidate.declaration[0] > at || at >= candidate.declaration[1]) continue;
      if (best === undefined || candidate.declaration[1] - candidate.declaration[0] < best.declaration[1] - best.declaration[0]) best = candidate;
    }
    return best?.id;
  }

  private candidatesInSpan(file: string, start: number, end: number): ReadonlySet<number> {
    const from = this.mapper.toOriginal(file, start).position;
    const to = this.mapper.toOriginal(file, end).position;
    const found = new Set<number>();
    for (const candidate of this.byFile.get(file) ?? []) {
      if (!this.active.has(candidate.id)) continue;
      if (candidate.edits.some((edit: TextEdit): boolean => edit.at >= from && edit.at <= to)) found.add(candidate.id);
    }
    return found;
  }
}

function innermostNode(source: ts.SourceFile, start: number, end: number): ts.Node {
  let node: ts.Node = source;
  for (;;) {
    const child: ts.Node | undefined = typescript.forEachChild(node, (candidate: ts.Node): ts.Node | undefined =>
      candidate.getStart(source) <= start && end <= candidate.end ? candidate : undefined,
    );
    if (child === undefined) return node;
    node = child;
  }
}

/** The name whose declaration an expression reads last: `a.b.c` → `c`, `x` → `x`. */
function lastName(expression: ts.Expression): ts.Node | undefined {
  if (typescript.isPropertyAccessExpression(expression)) return expression.name;
  if (typescript.isIdentifier(expression)) return expression;
  if (typescript.isParenthesizedExpression(expression) || typescript.isNonNullExpression(expression)) return lastName(expression.expression);
  return undefined;
}

function isNameOfAccess(node: ts.Node): boolean {
  const parent = node.parent;
  return (typescript.isPropertyAccessExpression(parent) && parent.name === node) || typescript.isElementAccessExpression(parent);
}

function enclosingStatement(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent !== undefined &&
    !typescript.isStatement(current) &&
    !typescript.isClassElement(current) &&
    !typescript.isTypeElement(current)
  ) {
    current = current.parent;
  }
  return current;
}

/** Names of the types a declaration mentions (its members' types, `extends`, `implements`, constraints). */
function typeNamesIn(root: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isTypeReferenceNode(node)) found.push(typescript.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName);
    else if (typescript.isExpressionWithTypeArguments(node)) {
      const expression = node.expression;
      found.push(typescript.isPropertyAccessExpression(expression) ? expression.name : expression);
    }
    typescript.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function identifiersIn(root: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (found.length >= MAX_IDENTIFIERS) return;
    if (typescript.isIdentifier(node) || typescript.isPrivateIdentifier(node)) found.push(node);
    else typescript.forEachChild(node, visit);
  };
  visit(root);
  return found;
}
