import path from 'node:path';
import { parseAndGenerateServices } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { EditingProof, type Candidate, type ProofProject, type RevertOutcome } from '../standards/shared/compile-and-revert.js';
import { applyEdits, findMutableShapes, heritageEdges, type ShapeFinding, type TextEdit } from '../standards/immutable-data-shapes/mutable-shapes.js';
import { resolveReadonlyShapesOptions, type ReadonlyShapesRawOptions } from '../standards/immutable-data-shapes/options.js';
import { relativePath } from '../standards/shared/project-paths.js';
import { asProofProject, groupFilesByProject, ProjectIndex, proofProjects, summaryNotePath, type LoadedProject } from './runner/tsconfig-projects.js';
import { declarationKey, publishedDeclarations, publishedPackages } from './runner/published-types.js';
import type { ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { applyPythonEdits, readPythonProject } from './runner/python-project-files.js';
import { planProjectConstants } from '../standards/immutable-data-shapes/python-project-constants.js';
import { planProjectFrozen, type PythonShapeLeftAlone } from '../standards/immutable-data-shapes/python-project-frozen.js';
import type { PythonTextEdit } from '../standards/shared/python-dataclasses.js';
import { distributionLabel, publishingDistribution, readPythonDistributions } from '../standards/shared/python-distributions.js';
import { optionsBase } from './runner/rule-options.js';
import { NameGroups } from '../standards/shared/union-find.js';

const EDITABLE_FILE = /\.(?:ts|tsx|mts|cts)$/;
const PYTHON_FILE = /\.pyi?$/;
// A Python file that may hold a candidate: a dataclass, or an UPPER_CASE list or set constant.
const MAY_HOLD_PYTHON_CANDIDATE = /@\s*(?:\w+\.)?dataclass\b|^_*[A-Z][A-Z0-9_]*\s*=\s*[[{]/mu;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

interface PlannedFile {
  readonly file: string;
  readonly text: string;
  readonly candidates: readonly Candidate[];
}

/** Why a candidate was left as it is. */
type LeftReason = 'written' | 'shape' | 'public' | 'untied';

/** Options besides the rule's: `changePublicApi` (from `--change-public-api`) lets it change what a published package exports. */
export interface ReadonlyDataShapesExtraOptions {
  readonly changePublicApi?: boolean;
}

/**
 * Makes readonly what no code writes, in TypeScript (`planTypeScriptShapes`) and Python (`planPythonShapes`);
 * one codemod, one report.
 * @performance the sum of both parts; a part whose language has no selected file costs nothing.
 */
export async function planReadonlyDataShapes(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const typescript = await planTypeScriptShapes(input);
  if (!input.files.some((file: string): boolean => PYTHON_FILE.test(file))) return typescript;
  const python = planPythonShapes(input);
  return {
    writes: new Map([...typescript.writes, ...python.writes]),
    renames: [],
    deletes: [],
    skipped: [...typescript.skipped, ...python.skipped],
    failed: [...typescript.failed, ...python.failed],
    notes: [...typescript.notes, ...python.notes],
  };
}

/**
 * Python: `frozen=True` on the dataclasses (standards/immutable-data-shapes/python-project-frozen.ts) and
 * tuples / frozensets for the UPPER_CASE list / set constants (python-project-constants.ts) that the WHOLE
 * project (every Python file under the root, tests included) shows safe; the candidates are the rule's own
 * (`frozenCandidate`, `constantCandidates`), read with its options per file. What it leaves alone is a note
 * naming the reason and the place. A selected file that may hold a candidate and does not parse fails (exit 1).
 * @performance one read of every Python file of the project and one parse and walk of each, into plain facts,
 * the trees dropped at once (`readPythonProject`; a file dataclass-slots read earlier in the run and left
 * unchanged is not parsed again).
 */
export function planPythonShapes(input: ProjectCodemodInput): ProjectChanges {
  const selected = new Set(input.files);
  const { files, texts, absoluteOf, failed, notes } = readPythonProject(input, (text: string): boolean => MAY_HOLD_PYTHON_CANDIDATE.test(text));
  const editable =
    (kind: 'classes' | 'constants') =>
    (projectPath: string, name: string): boolean => {
      const file = absoluteOf.get(projectPath);
      if (file === undefined || !selected.has(file)) return false;
      const fileOptions = input.optionsFor(file);
      const options = resolveReadonlyShapesOptions(fileOptions as ReadonlyShapesRawOptions);
      return options[kind] && !options.isIgnored(relativePath(optionsBase(fileOptions, input.root), file)) && !options.isIgnoredType(name);
    };
  const publishedBy = publishedNames(input);
  const frozen = planProjectFrozen(files, { editable: editable('classes'), publishedBy });
  const constants = planProjectConstants(files, { editable: editable('constants'), publishedBy });
  const edits = new Map<string, PythonTextEdit[]>();
  for (const change of [...frozen.changes, ...constants.changes]) edits.set(change.path, [...(edits.get(change.path) ?? []), ...change.edits]);
  const writes = new Map<string, string>();
  for (const [projectPath, fileEdits] of edits) writes.set(absoluteOf.get(projectPath) as string, applyPythonEdits(texts.get(projectPath) as string, fileEdits));
  const left = [...frozen.leftAlone, ...constants.leftAlone].sort((a: PythonShapeLeftAlone, b: PythonShapeLeftAlone): number => a.path.localeCompare(b.path) || a.line - b.line);
  const leftNotes = left.map((entry: PythonShapeLeftAlone) => ({ path: absoluteOf.get(entry.path) as string, message: `line ${entry.line}: left \`${entry.name}\` ${entry.kept}: ${entry.reason}` }));
  return { writes, renames: [], deletes: [], skipped: [], failed, notes: [...notes, ...leftNotes] };
}

// Which names a Python distribution of the project publishes (left alone unless `changePublicApi`).
function publishedNames(input: ProjectCodemodInput): (projectPath: string, name: string) => string | null {
  const extra = input.optionsFor(input.files[0] ?? input.root) as ReadonlyDataShapesExtraOptions;
  if (extra.changePublicApi === true) return (): null => null;
  const distributions = readPythonDistributions(input.root, input.projectFiles ?? input.files);
  return (projectPath: string, name: string): string | null => {
    const found = publishingDistribution(distributions, projectPath, name);
    return found === null ? null : distributionLabel(found);
  };
}

/**
 * TypeScript: makes readonly what no code writes: every candidate `prefer-readonly-data-shapes` reports (a `readonly`
 * modifier, a readonly array or tuple type, `as const` on an exported constant without a type annotation) is
 * applied, every tsconfig project that can see an edited file is type-checked (the owners, every other tsconfig
 * under the root such as `test/tsconfig.json`, and the projects they reference), the candidates the new errors
 * point at are reverted with the rest of their shape, and that repeats until no error is new. Shapes a published
 * package's entry points expose are left alone unless `changePublicApi` is set. Edits are type-only text
 * splices; it never adds `Object.freeze`.
 * @performance one program build per project of the proof (parsed files shared), one ESTree conversion per
 * selected file, one walk of the published types, then one type check of every project that includes an edited
 * file per full round (usually two) plus partial rounds over the files that had errors; see
 * docs/codemods/readonly-data-shapes.md.
 */
export async function planTypeScriptShapes(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const changes: Mutable<ProjectChanges> = { writes: new Map(), renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  const index = new ProjectIndex(input.root);
  const byProject = groupFilesByProject(input, (file: string): boolean => EDITABLE_FILE.test(file), changes, index);
  if (byProject.size === 0) return changes;
  const { projects, unreadable } = proofProjects(input, index, byProject.keys());
  for (const problem of unreadable) changes.notes.push({ path: input.root, message: `${problem}; that project is not part of the type-check proof` });
  const proof = new EditingProof(projects.map(asProofProject), { root: input.root });
  const proofOf = new Map(projects.map((project: LoadedProject, position: number): [LoadedProject, ProofProject] => [project, proof.projects[position] as ProofProject]));
  const related = new NameGroups();
  const found: FoundFile[] = [];
  let annotatedConstants = 0;
  for (const [project, files] of byProject) {
    const program = proof.programOf(proofOf.get(project) ?? asProofProject(project));
    annotatedConstants += findInProject(input, program, files, related, found, changes);
    // Yield between projects so a caller's progress output is not starved.
    await Promise.resolve();
  }
  // Groups are known once every file's `extends` and `implements` clauses are.
  let nextId = 0;
  const planned: PlannedFile[] = found.map(({ file, source, findings }): PlannedFile => ({
    file,
    text: source.text,
    candidates: findings.map(
      (finding: ShapeFinding): Candidate => ({
        id: nextId++,
        file: source.fileName,
        kind: finding.kind,
        forbidsWrites: finding.kind === 'property',
        edits: finding.edits,
        declaration: finding.declaration,
        // One shape changes as a whole: every candidate of a shape (and of the shapes it extends or implements).
        ...(finding.ownerName === '' || finding.kind === 'constant' ? {} : { group: `shape|${related.find(finding.ownerName)}` }),
      }),
    ),
  }));
  const all = planned.flatMap((entry: PlannedFile): readonly Candidate[] => entry.candidates);
  const left = new Map<number, LeftReason>();
  const extra = input.optionsFor(input.files[0] ?? input.root) as ReadonlyDataShapesExtraOptions;
  const publicPackages = extra.changePublicApi === true ? [] : leaveExported(input, projects, proof, proofOf, all, left);
  const outcome = proof.revert(all.filter((candidate: Candidate): boolean => !left.has(candidate.id)));
  for (const id of outcome.reverted) left.set(id, outcome.gaveUp ? 'untied' : 'written');
  for (const id of outcome.revertedWithGroup) left.set(id, 'shape');
  let kept = 0;
  for (const { file, text, candidates } of planned) {
    const survivors = candidates.filter((candidate: Candidate): boolean => outcome.kept.has(candidate.id) && !left.has(candidate.id));
    const reasons = describeLeft(candidates.map((candidate: Candidate): LeftReason | undefined => left.get(candidate.id)));
    if (survivors.length === 0) {
      changes.skipped.push({ path: file, reason: `none of its ${plural(candidates.length, 'candidate')} changed: ${reasons}` });
      continue;
    }
    kept += survivors.length;
    writes(changes).set(file, applyEdits(text, survivors.flatMap((candidate: Candidate): readonly TextEdit[] => candidate.edits)));
    changes.notes.push({ path: file, message: `${describeMade(survivors)}${reasons === '' ? '' : `; left ${candidates.length - survivors.length} as they were: ${reasons}`}` });
  }
  if (all.length > 0 || annotatedConstants > 0) {
    const summaryPath = summaryNotePath(input, byProject.keys());
    changes.notes.push({ path: summaryPath, message: summary(outcome, kept, all.length, left, publicPackages, annotatedConstants, input.root) });
  }
  return changes;
}

interface FoundFile {
  readonly file: string;
  readonly source: ts.SourceFile;
  readonly findings: readonly ShapeFinding[];
}

function writes(changes: Mutable<ProjectChanges>): Map<string, string> {
  return changes.writes as Map<string, string>;
}

/** Reads the candidates of one owner project's selected files; returns how many annotated constants it passed over. */
function findInProject(
  input: ProjectCodemodInput,
  program: ts.Program,
  files: readonly string[],
  related: NameGroups,
  found: FoundFile[],
  changes: Mutable<ProjectChanges>,
): number {
  let annotatedConstants = 0;
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source === undefined) {
      changes.failed.push({ path: file, reason: 'listed by its tsconfig project, yet not in the program TypeScript built' });
      continue;
    }
    const fileOptions = input.optionsFor(file);
    const shapeOptions = resolveReadonlyShapesOptions(fileOptions as ReadonlyShapesRawOptions);
    if (shapeOptions.isIgnored(relativePath(optionsBase(fileOptions, input.root), file))) continue;
    try {
      const { ast } = parseAndGenerateServices(source, {
        programs: [program],
        filePath: source.fileName,
        range: true,
        loc: false,
        tokens: false,
        comment: false,
        allowInvalidAST: true,
      });
      const estree = ast as TSESTree.Program;
      // `as const` on an annotated constant changes nothing (the annotation wins) and implies immutability.
      const findings = findMutableShapes(estree, source.text, file, shapeOptions).filter((finding: ShapeFinding): boolean => {
        const annotated = finding.kind === 'constant' && finding.annotated === true;
        if (annotated) annotatedConstants++;
        return !annotated;
      });
      for (const [type, base] of heritageEdges(estree)) related.join(type, base);
      if (findings.length > 0) found.push({ file, source, findings });
    } catch (error) {
      changes.failed.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return annotatedConstants;
}

/**
 * Marks `public` every candidate (with its whole group) that a published package's entry points expose; returns
 * the names of the packages that had any.
 */
function leaveExported(
  input: ProjectCodemodInput,
  projects: readonly LoadedProject[],
  proof: EditingProof,
  proofOf: ReadonlyMap<LoadedProject, ProofProject>,
  candidates: readonly Candidate[],
  left: Map<number, LeftReason>,
): string[] {
  if (candidates.length === 0) return [];
  const manifests = (input.projectFiles ?? input.files).filter((file: string): boolean => path.basename(file) === 'package.json');
  const packages = publishedPackages(manifests, projects);
  const candidateFiles = new Set(candidates.map((candidate: Candidate): string => path.resolve(candidate.file)));
  const names: string[] = [];
  for (const published of packages) {
    const entries = published.entries.flatMap((file: string): { readonly file: string; readonly program: ts.Program }[] => {
      const project = projects.find((entry: LoadedProject): boolean => entry.files.has(file));
      const proofProject_ = project === undefined ? undefined : proofOf.get(project);
      return proofProject_ === undefined ? [] : [{ file, program: proof.programOf(proofProject_) }];
    });
    const marks = publishedDeclarations(entries, (file: string): boolean => candidateFiles.has(file));
    const exposedGroups = new Set<string>();
    const exposed = new Set<number>();
    for (const candidate of candidates) {
      if (!marks.has(declarationKey(candidate.file, candidate.declaration[0]))) continue;
      exposed.add(candidate.id);
      if (candidate.group !== undefined) exposedGroups.add(candidate.group);
    }
    for (const candidate of candidates) {
      if (exposed.has(candidate.id) || (candidate.group !== undefined && exposedGroups.has(candidate.group))) {
        if (!left.has(candidate.id)) left.set(candidate.id, 'public');
      }
    }
    if (exposed.size > 0) names.push(published.name);
  }
  return names;
}

const LEFT_LABELS: Readonly<Record<LeftReason, string>> = {
  written: 'written or mutated by some code',
  shape: 'kept mutable with the rest of their shape',
  public: 'exposed by a published package (see the summary)',
  untied: 'a new type error could not be tied to any candidate (see the summary)',
};

function describeLeft(reasons: readonly (LeftReason | undefined)[]): string {
  return (Object.keys(LEFT_LABELS) as LeftReason[])
    .map((reason: LeftReason): [LeftReason, number] => [reason, reasons.filter((value: LeftReason | undefined): boolean => value === reason).length])
    .filter(([, count]): boolean => count > 0)
    .map(([reason, count]): string => `${count} ${LEFT_LABELS[reason]}`)
    .join(', ');
}

function describeMade(survivors: readonly Candidate[]): string {
  const count = (kind: string): number => survivors.filter((candidate: Candidate): boolean => candidate.kind === kind).length;
  const parts = [
    count('property') > 0 ? plural(count('property'), 'readonly property', 'readonly properties') : '',
    count('array') > 0 ? plural(count('array'), 'readonly array type') : '',
    count('constant') > 0 ? plural(count('constant'), '`as const` constant') : '',
  ].filter((part: string): boolean => part !== '');
  return `made ${parts.join(', ')}`;
}

/** The run's summary: every count it gives is one the per-file notes add up to. */
function summary(
  outcome: RevertOutcome,
  kept: number,
  total: number,
  left: ReadonlyMap<number, LeftReason>,
  publicPackages: readonly string[],
  annotatedConstants: number,
  root: string,
): string {
  const count = (reason: LeftReason): number => [...left.values()].filter((value: LeftReason): boolean => value === reason).length;
  const projects = outcome.checkedProjects.map((config: string): string => path.relative(root, config) || config);
  const parts = [
    `${plural(outcome.rounds, 'round')} (${plural(outcome.fullChecks, 'full type check')} of ${projects.length === 0 ? 'no project' : projects.join(', ')}): kept ${kept} of ${plural(total, 'candidate')}`,
  ];
  if (count('written') > 0) parts.push(`${count('written')} ${LEFT_LABELS.written}`);
  if (count('shape') > 0) parts.push(`${count('shape')} ${LEFT_LABELS.shape}`);
  if (count('public') > 0) {
    parts.push(`${count('public')} left alone as the public API of ${publicPackages.map((name: string): string => `"${name}"`).join(', ')} (--change-public-api changes them too)`);
  }
  if (annotatedConstants > 0) parts.push(`${plural(annotatedConstants, 'annotated constant')} not given \`as const\` (the annotation decides its type)`);
  if (outcome.gaveUp) parts.push(`${count('untied')} unchanged because a new type error could not be tied to any candidate: ${outcome.untied ?? 'unknown'}`);
  return parts.join('; ');
}

function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

const readonlyDataShapes: ProjectCodemod = {
  ...codemodDeclaration('readonly-data-shapes'),
  kind: 'project',
  description: 'Make readonly the properties, array types and exported constants that no code writes (TypeScript, as the type checker proves), and freeze the dataclasses and list/set constants that no code in the project changes (Python).',
  order: 60,
  plan: planReadonlyDataShapes,
};

export default readonlyDataShapes;
