/**
 * Compile-and-revert: which readonly candidates no code writes, as the type checker sees the whole program.
 * Every candidate is applied at once, the program is type-checked, the candidates the new errors point at are
 * reverted, and that repeats until a check finds no new error. Algorithm, termination and attribution are
 * described in docs/codemods/readonly-data-shapes.md.
 */
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../shared/typescript-runtime.js';
import { applyEdits, type ShapeFindingKind, type TextEdit } from './mutable-shapes.js';

/** One type-only edit the codemod may keep or revert. */
export interface Candidate {
  readonly id: number;
  /** Absolute path, as TypeScript names the file. */
  readonly file: string;
  readonly kind: ShapeFindingKind;
  readonly edits: readonly TextEdit[];
  /** Source range, in the unedited file, of the declaration the candidate belongs to. */
  readonly declaration: readonly [number, number];
  /**
   * Candidates with the same group are reverted together: the same member of shapes related by `extends` or
   * `implements`, which TypeScript requires to agree (a base and a derived property, two bases of one interface).
   */
  readonly group?: string;
}

/** What the rounds decided. */
export interface RevertOutcome {
  /** Ids of the candidates that survive: the program has no error it did not have before. */
  readonly kept: ReadonlySet<number>;
  /** Rounds run: full type checks plus the cheap rounds that re-check only the files that had new errors. */
  readonly rounds: number;
  /** Rounds that type-checked every own file (1 when no candidate had to be reverted). */
  readonly fullChecks: number;
  /** Ids reverted because an error pointed at them. */
  readonly reverted: ReadonlySet<number>;
  /** True when an error could not be attributed to any candidate, so every candidate was reverted. */
  readonly gaveUp: boolean;
}

/** Called for every new error of a round with the candidates it blamed (empty: none, or an error the unedited program has too). */
export type RoundTrace = (round: number, diagnostic: ts.Diagnostic, blamed: ReadonlySet<number>) => void;

/** A compiler host that serves edited texts for some files and the same SourceFile objects for the rest. */
class EditingHost {
  readonly host: ts.CompilerHost;
  private readonly original = new Map<string, ts.SourceFile | undefined>();
  private readonly edited = new Map<string, { readonly text: string; readonly file: ts.SourceFile }>();
  private overrides: ReadonlyMap<string, string> = new Map();

  constructor(options: ts.CompilerOptions) {
    const base = typescript.createCompilerHost(options);
    this.host = {
      ...base,
      getSourceFile: (fileName, languageVersion, onError, shouldCreate): ts.SourceFile | undefined => {
        const key = path.resolve(fileName);
        const text = this.overrides.get(key);
        if (text !== undefined) {
          const cached = this.edited.get(key);
          if (cached !== undefined && cached.text === text) return cached.file;
          const file = typescript.createSourceFile(fileName, text, languageVersion);
          this.edited.set(key, { text, file });
          return file;
        }
        // The same object every round, so TypeScript reuses its parse and binding.
        if (!this.original.has(key)) this.original.set(key, base.getSourceFile(fileName, languageVersion, onError, shouldCreate));
        return this.original.get(key);
      },
    };
  }

  setOverrides(overrides: ReadonlyMap<string, string>): void {
    this.overrides = overrides;
  }
}

// Writes to a read-only property; every other error a candidate causes comes from a readonly array or `as const`.
const WRITE_CODES: ReadonlySet<number> = new Set([2540, 2704]);
const MAX_IDENTIFIERS = 200;
const INDIRECT_DEPTH = 3;
const DEEP_DEPTH = 8;
const MAX_DEEP_DECLARATIONS = 5000;

interface PlacedEdit {
  readonly edit: TextEdit;
  readonly candidate: number;
}

/**
 * The unedited program of a project, and `revert(candidates)`, which runs the rounds on it and returns the
 * candidates that survive. Rounds reuse the program's parsed and bound files.
 * @performance building: one program (parse and resolve every file), nothing type-checked. `revert`: one full
 * type check of the project's own files per round (lib and node_modules declarations are never re-checked);
 * the unedited program is checked only for the files where an edited round reported errors, to tell old errors
 * from new ones.
 */
export function createEditingProgram(
  rootNames: readonly string[],
  options: ts.CompilerOptions,
  projectReferences: readonly ts.ProjectReference[] | undefined,
): {
  readonly program: ts.Program;
  readonly revert: (candidates: readonly Candidate[], trace?: RoundTrace) => RevertOutcome;
} {
  const editing = new EditingHost(options);
  const program = typescript.createProgram({ rootNames, options, host: editing.host, ...(projectReferences ? { projectReferences } : {}) });
  return { program, revert: (candidates, trace) => revertRounds(program, editing, rootNames, options, projectReferences, candidates, trace) };
}

function revertRounds(
  program0: ts.Program,
  editing: EditingHost,
  rootNames: readonly string[],
  options: ts.CompilerOptions,
  projectReferences: readonly ts.ProjectReference[] | undefined,
  candidates: readonly Candidate[],
  trace: RoundTrace | undefined,
): RevertOutcome {
  const byId = new Map(candidates.map((candidate: Candidate): [number, Candidate] => [candidate.id, candidate]));
  const byFile = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = path.resolve(candidate.file);
    const list = byFile.get(key);
    if (list) list.push(candidate);
    else byFile.set(key, [candidate]);
  }
  const active = new Set(byId.keys());
  const reverted = new Set<number>();
  const baselines = new Map<string, ReadonlySet<string>>();
  const baselineOf = (file: string): ReadonlySet<string> => {
    let known = baselines.get(file);
    if (known === undefined) {
      const source = program0.getSourceFile(file);
      const diagnostics = source === undefined ? [] : [...program0.getSyntacticDiagnostics(source), ...program0.getSemanticDiagnostics(source)];
      known = new Set(diagnostics.map((diagnostic: ts.Diagnostic): string => `${diagnostic.start ?? -1}:${diagnostic.code}`));
      baselines.set(file, known);
    }
    return known;
  };
  let previous = program0;
  let rounds = 0;
  let suspects: ReadonlySet<string> | undefined;
  let fullChecks = 0;
  if (candidates.length === 0) return { kept: active, rounds, fullChecks, reverted, gaveUp: false };
  for (;;) {
    rounds++;
    const placed = new Map<string, readonly PlacedEdit[]>();
    const overrides = new Map<string, string>();
    for (const [file, list] of byFile) {
      const edits = list
        .filter((candidate: Candidate): boolean => active.has(candidate.id))
        .flatMap((candidate: Candidate): PlacedEdit[] => candidate.edits.map((edit: TextEdit): PlacedEdit => ({ edit, candidate: candidate.id })))
        .sort((a: PlacedEdit, b: PlacedEdit): number => a.edit.at - b.edit.at || a.edit.rank - b.edit.rank);
      if (edits.length === 0) continue;
      const original = program0.getSourceFile(file)?.text;
      if (original === undefined) continue;
      placed.set(file, edits);
      overrides.set(file, applyEdits(original, edits.map((item: PlacedEdit): TextEdit => item.edit)));
    }
    editing.setOverrides(overrides);
    const program = typescript.createProgram({
      rootNames,
      options,
      host: editing.host,
      oldProgram: previous,
      ...(projectReferences ? { projectReferences } : {}),
    });
    previous = program;
    const mapper = new PositionMapper(placed);
    const attribution = new Attribution(program, mapper, byFile, active, byId);
    const blamed = new Set<number>();
    let unexplained = false;
    // A full round checks every own file; after a revert, the next round re-checks only the files that had new
    // errors (cheap), and once those are clean a full round verifies the whole program again.
    const checked = suspects === undefined ? ownFiles(program) : ownFiles(program).filter((source: ts.SourceFile): boolean => suspects?.has(path.resolve(source.fileName)) === true);
    const erring = new Set<string>();
    if (suspects === undefined) fullChecks++;
    for (const source of checked) {
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      for (const diagnostic of diagnostics) {
        // Blamed first: checking the unedited program for its own errors costs a type check of that file, so it
        // is done only for errors no candidate explains (an error already there that a candidate touches is
        // reverted along with it, which can only keep more code mutable).
        const blamedHere = attribution.blame(diagnostic);
        if (blamedHere.size === 0) {
          const mapped = mapper.toOriginal(path.resolve(source.fileName), diagnostic.start ?? -1);
          if (mapped.inside === undefined && baselineOf(source.fileName).has(`${mapped.position}:${diagnostic.code}`)) continue;
          unexplained = true;
        }
        trace?.(rounds, diagnostic, blamedHere);
        erring.add(path.resolve(source.fileName));
        for (const id of blamedHere) blamed.add(id);
      }
    }
    if (unexplained) {
      // An error no candidate can be tied to: keep nothing rather than guess.
      for (const id of active) reverted.add(id);
      active.clear();
      return { kept: active, rounds, fullChecks, reverted, gaveUp: true };
    }
    if (blamed.size === 0) {
      if (suspects === undefined) break;
      // The suspects are clean: verify the whole program.
      suspects = undefined;
      continue;
    }
    suspects = erring;
    const groups = new Set<string>();
    for (const id of blamed) {
      const group = byId.get(id)?.group;
      if (group !== undefined) groups.add(group);
    }
    if (groups.size > 0) for (const candidate of candidates) if (candidate.group !== undefined && groups.has(candidate.group)) blamed.add(candidate.id);
    for (const id of blamed) {
      active.delete(id);
      reverted.add(id);
    }
    if (active.size === 0) break;
  }
  return { kept: active, rounds, fullChecks, reverted, gaveUp: false };
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
    for (const { edit, candidate } of edits) {
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
      const kind = this.kindOf(id);
      if (write ? kind === 'property' : kind !== 'property') narrowed.add(id);
    }
    return narrowed.size > 0 ? narrowed : found;
  }

  private kindOf(id: number): ShapeFindingKind | undefined {
    return this.byId.get(id)?.kind;
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
