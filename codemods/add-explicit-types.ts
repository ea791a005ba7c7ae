import path from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { typescript } from '../standards/shared/typescript-runtime.js';
import { detectCodeStyle, type CodeStyle } from '../standards/explicit-types/code-style.js';
import {
  ANNOTATABLE_FILE,
  annotationInsertions,
  applyInsertions,
  findMissingAnnotations,
  type Insertion,
  type MissingAnnotation,
} from '../standards/explicit-types/missing-annotations.js';
import { resolveExplicitTypesOptions } from '../standards/explicit-types/options.js';
import { declarationFor, InferredTypePrinter, type AnnotationForm, type NeededImport } from '../standards/explicit-types/type-printing.js';
import { EditingProof, type Candidate, type ProofProject, type RevertOutcome } from '../standards/shared/compile-and-revert.js';
import type { TextEdit } from '../standards/shared/text-edits.js';
import type { ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { asProofProject, groupFilesByProject, ProjectIndex, proofProjects, summaryNotePath, type LoadedProject } from './runner/tsconfig-projects.js';
import { walkWithParents } from '../standards/shared/estree-walk.js';
import { planPythonAnnotations } from '../standards/explicit-types/python-annotation-plan.js';
import { findPyright } from '../standards/explicit-types/python-pyright.js';

const PYTHON_FILE = /\.pyi?$/;


const KIND_LABEL: Readonly<Record<MissingAnnotation['kind'], string>> = {
  return: 'return type of',
  parameter: 'parameter',
  property: 'property',
};

/** One annotation to write, in the forms it can take (shortest first). */
interface PlannedAnnotation {
  /** `line:column kind name`, as the notes name it. */
  readonly where: string;
  /** Source range of the declaration it annotates, in the unedited file: errors at its users lead to it. */
  readonly declaration: readonly [number, number];
  readonly forms: readonly { readonly insertions: readonly Insertion[]; readonly imports: readonly NeededImport[] }[];
}

interface FilePlan {
  readonly file: string;
  readonly text: string;
  readonly annotations: readonly PlannedAnnotation[];
  readonly style: CodeStyle;
  /** Where the `import type` lines go: `before` the first statement, or after the last import. */
  readonly importAt: { readonly at: number; readonly before: boolean; readonly endsLine: boolean };
  /** End of the last specifier of each existing `import type { … } from 'specifier'` that takes more names. */
  readonly typeImportEnds: ReadonlyMap<string, number>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/**
 * Python files go to standards/explicit-types/python-annotation-plan.ts (pyright's inferred return types,
 * literal defaults, proven by pyright; architecture decision 33). On TypeScript:
 * Writes the types the checker infers wherever `require-explicit-types` reports a missing annotation, adding
 * `import type` declarations for names exported by other modules; skips (and reports) what it cannot print
 * safely. Every type is read before any text is edited; then every annotation is applied and every tsconfig
 * project that can see an edited file is type-checked (compile and revert, as `readonly-data-shapes` does): an
 * annotation an error points at is written in a longer form (default type arguments, `| undefined`) or dropped,
 * with the error named.
 * @performance One program build per project of the proof (parsed files shared) and one checker pass over the
 * reported declarations per owner project; then one type check of every project that includes an edited file
 * per full round (one when nothing is dropped), plus partial rounds over the files that had errors.
 */
export async function planExplicitTypes(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const changes: Mutable<ProjectChanges> = { writes: new Map(), renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  const writes = new Map<string, string>();
  const pythonFiles = input.files.filter((file: string): boolean => PYTHON_FILE.test(file));
  if (pythonFiles.length > 0) {
    const python = await planPythonAnnotations({
      root: input.root,
      files: pythonFiles,
      projectFiles: input.projectFiles ?? input.files,
      optionsFor: input.optionsFor,
      pyright: findPyright(input.root),
      changePublicApi: input.optionsFor(pythonFiles[0] ?? input.root)['changePublicApi'] === true,
    });
    for (const [file, text] of python.writes) writes.set(file, text);
    changes.skipped.push(...python.skipped);
    changes.failed.push(...python.failed);
    changes.notes.push(...python.notes);
  }
  const index = new ProjectIndex(input.root);
  const byProject = groupFilesByProject(input, (file: string): boolean => ANNOTATABLE_FILE.test(file), changes, index);
  if (byProject.size === 0) {
    changes.writes = writes;
    return changes;
  }
  const { projects, unreadable } = proofProjects(input, index, byProject.keys());
  for (const problem of unreadable) changes.notes.push({ path: input.root, message: `${problem}; that project is not part of the type-check proof` });
  // Annotations rarely add errors, so an error the project already had is looked up before blaming one.
  const proof = new EditingProof(projects.map(asProofProject), { root: input.root, baselineFirst: true });
  const proofOf = new Map(projects.map((project: LoadedProject, position: number): [LoadedProject, ProofProject] => [project, proof.projects[position] as ProofProject]));
  const planned: { readonly file: string; readonly plan: FilePlan | undefined; readonly left: string[] }[] = [];
  for (const [project, files] of byProject) {
    const program = proof.programOf(proofOf.get(project) ?? asProofProject(project));
    const printer = new InferredTypePrinter(program);
    for (const file of files) {
      const sourceFile = program.getSourceFile(file);
      if (sourceFile === undefined) {
        changes.failed.push({ path: file, reason: 'listed by its tsconfig project, yet not in the program TypeScript built' });
        continue;
      }
      try {
        const left: string[] = [];
        const plan = planFile(file, sourceFile, program, printer, input.optionsFor(file), left);
        if (plan !== undefined || left.length > 0) planned.push({ file, plan, left });
      } catch (error) {
        changes.failed.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    // Yield between projects so a caller's progress output is not starved.
    await Promise.resolve();
  }
  // Every type has been read; now the annotations are proven against every project that can see them.
  const candidates: Candidate[] = [];
  const idOf = new Map<PlannedAnnotation, number>();
  for (const { plan } of planned) {
    if (plan === undefined) continue;
    for (const annotation of plan.annotations) {
      const [first, ...rest] = annotation.forms.map((form: PlannedAnnotation['forms'][number]): readonly TextEdit[] => formEdits(plan, form));
      if (first === undefined) continue;
      idOf.set(annotation, candidates.length);
      candidates.push({ id: candidates.length, file: plan.file, kind: 'annotation', edits: first, declaration: annotation.declaration, alternatives: rest });
    }
  }
  const outcome = proof.revert(candidates);
  for (const { file, plan, left } of planned) {
    const kept: { readonly annotation: PlannedAnnotation; readonly form: number }[] = [];
    for (const annotation of plan?.annotations ?? []) {
      const id = idOf.get(annotation) ?? -1;
      if (outcome.kept.has(id)) kept.push({ annotation, form: (outcome.alternativeOf.get(id) ?? -1) + 1 });
      else left.push(`${annotation.where} not annotated: ${droppedReason(outcome, id)}`);
    }
    if (plan !== undefined && kept.length > 0) {
      const rendered = render(plan, kept);
      writes.set(file, rendered.text);
      changes.notes.push({
        path: file,
        message: `added ${plural(kept.length, 'type annotation')}${rendered.imports > 0 ? ` and ${plural(rendered.imports, 'type import')}` : ''}`,
      });
    } else {
      const what = left.length === 1 ? 'its missing annotation' : `none of its ${left.length} missing annotations`;
      changes.skipped.push({ path: file, reason: `${what} can${left.length === 1 ? 'not' : ''} be written safely (see the notes)` });
    }
    // The runner reports one skip per file; what was left out of an edited file is told per annotation.
    for (const message of left) changes.notes.push({ path: file, message });
  }
  if (candidates.length > 0) {
    const summaryPath = summaryNotePath(input, byProject.keys());
    changes.notes.push({ path: summaryPath, message: summary(outcome, candidates.length, input.root) });
  }
  changes.writes = writes;
  return changes;
}

function droppedReason(outcome: RevertOutcome, id: number): string {
  if (outcome.gaveUp) return `a new type error could not be tied to any annotation, so none was kept: ${outcome.untied ?? 'unknown'}`;
  return `it added a type error: ${outcome.blamedError.get(id) ?? 'unknown'}`;
}

/** The run's summary: the rounds of the proof, and what they decided. */
function summary(outcome: RevertOutcome, total: number, root: string): string {
  const projects = outcome.checkedProjects.map((config: string): string => path.relative(root, config) || config);
  const longer = outcome.alternativeOf.size;
  const dropped = total - outcome.kept.size;
  return [
    `${plural(outcome.rounds, 'round')} (${plural(outcome.fullChecks, 'full type check')} of ${projects.join(', ')}): kept ${outcome.kept.size} of ${plural(total, 'annotation')}`,
    ...(longer > 0 ? [`${longer} written in a longer form (the shortest added a type error)`] : []),
    ...(dropped > 0 ? [`${dropped} dropped (${outcome.gaveUp ? 'a new type error could not be tied to any annotation' : 'each added a type error'})`] : []),
  ].join('; ');
}

/** The edits of one form while the proof runs: the annotation, and one `import type` per name it needs. */
function formEdits(plan: FilePlan, form: PlannedAnnotation['forms'][number]): readonly TextEdit[] {
  const edits: TextEdit[] = form.insertions.map((insertion: Insertion): TextEdit => ({ at: insertion.at, end: insertion.at, text: insertion.text, rank: insertion.rank }));
  for (const needed of form.imports) {
    const end = needed.isDefault ? undefined : plan.typeImportEnds.get(needed.specifier);
    if (end !== undefined) edits.push({ at: end, end, text: `, ${needed.name}`, rank: 0 });
    else {
      const block = importBlock(plan, importLines(plan, new Map([[needed.specifier, new Map([[needed.name, needed.isDefault]])]])));
      edits.push({ at: plan.importAt.at, end: plan.importAt.at, text: block, rank: plan.importAt.before ? -1 : 99 });
    }
  }
  return edits;
}

function planFile(
  file: string,
  sourceFile: ts.SourceFile,
  program: ts.Program,
  printer: InferredTypePrinter,
  rawOptions: Readonly<Record<string, unknown>>,
  left: string[],
): FilePlan | undefined {
  const options = resolveExplicitTypesOptions(rawOptions);
  const { ast, services } = parseForESLint(sourceFile, {
    filePath: sourceFile.fileName,
    programs: [program],
    range: true,
    loc: false,
    tokens: true,
    comment: false,
    // A file TypeScript parses with an error (e.g. `x!;` without a type) is still worth annotating elsewhere.
    allowInvalidAST: true,
  });
  const program_ = ast as TSESTree.Program;
  walkWithParents(program_);
  const text = sourceFile.text;
  const tokens = program_.tokens ?? [];
  const missing = findMissingAnnotations(program_, text, tokens, options);
  if (missing.length === 0) return undefined;
  const style = detectCodeStyle(program_, text, tokens);
  const annotations: PlannedAnnotation[] = [];
  const importedFrom = new Map<string, string>();
  for (const item of missing) {
    const where = (): string => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(item.report[0]);
      return `${line + 1}:${character + 1} ${KIND_LABEL[item.kind]} ${item.name}`;
    };
    const tsNode = declarationFor(services.esTreeNodeToTSNodeMap.get(item.node as never) as ts.Node | undefined, item.kind);
    if (tsNode === undefined) {
      left.push(`${where()} not annotated: no TypeScript declaration to read its type from`);
      continue;
    }
    const inferred = printer.infer({ kind: item.kind, declaration: tsNode, optional: item.kind !== 'return' && item.optional }, style);
    if (!inferred.ok) {
      left.push(`${where()} not annotated: ${inferred.reason}`);
      continue;
    }
    const clashes = (form: AnnotationForm): NeededImport | undefined =>
      form.imports.find((needed: NeededImport): boolean => {
        const previous = importedFrom.get(needed.name);
        return previous !== undefined && previous !== needed.fileName;
      });
    const shortest: AnnotationForm = { text: inferred.text, imports: inferred.imports };
    const forms = [shortest, ...inferred.alternatives].filter((form: AnnotationForm): boolean => clashes(form) === undefined);
    if (forms.length === 0) {
      left.push(`${where()} not annotated: it needs "${clashes(shortest)?.name ?? ''}" from two different modules`);
      continue;
    }
    for (const form of forms) for (const needed of form.imports) importedFrom.set(needed.name, needed.fileName);
    annotations.push({
      where: where(),
      declaration: [tsNode.getStart(sourceFile), tsNode.end],
      forms: forms.map((form: AnnotationForm) => ({ insertions: annotationInsertions(item, form.text), imports: form.imports })),
    });
  }
  if (annotations.length === 0) return undefined;
  const typeImportEnds = new Map<string, number>();
  for (const statement of program_.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind !== 'type') continue;
    const last = statement.specifiers.at(-1);
    if (last === undefined || statement.specifiers.some((specifier) => specifier.type !== 'ImportSpecifier')) continue;
    if (!typeImportEnds.has(statement.source.value)) typeImportEnds.set(statement.source.value, last.range[1]);
  }
  const lastImport = program_.body.filter((statement) => statement.type === 'ImportDeclaration').at(-1);
  const importAt =
    lastImport !== undefined ? afterStatementLine(text, lastImport.range[1]) : { at: topImportPosition(text, program_), before: true, endsLine: true };
  return { file, text, annotations, style, importAt, typeImportEnds };
}

/**
 * Below the last import: after the comments that trail it on its line (they belong to it), and on a line of
 * its own even when more code follows on that line.
 */
function afterStatementLine(text: string, end: number): FilePlan['importAt'] {
  const trailing = typescript.getTrailingCommentRanges(text, end) ?? [];
  const at = trailing.at(-1)?.end ?? end;
  const spaces = /^[ \t]*/.exec(text.slice(at))?.[0].length ?? 0;
  const next = text[at + spaces];
  if (next === undefined || next === '\n' || next === '\r') return { at, before: false, endsLine: true };
  return { at: at + spaces, before: false, endsLine: false };
}

/** The file with the kept annotations (each in the form the proof kept) and the type imports they need. */
function render(plan: FilePlan, kept: readonly { readonly annotation: PlannedAnnotation; readonly form: number }[]): { readonly text: string; readonly imports: number } {
  const insertions: Insertion[] = [];
  const imports = new Map<string, Map<string, boolean>>();
  for (const { annotation, form } of kept) {
    const chosen = annotation.forms[form] ?? annotation.forms[0];
    if (chosen === undefined) continue;
    insertions.push(...chosen.insertions);
    for (const needed of chosen.imports) {
      const names = imports.get(needed.specifier);
      if (names) names.set(needed.name, needed.isDefault);
      else imports.set(needed.specifier, new Map([[needed.name, needed.isDefault]]));
    }
  }
  const importCount = [...imports.values()].reduce((sum, names) => sum + names.size, 0);
  // Names from a module the file already has an `import type { … }` of join that declaration.
  for (const [specifier, names] of [...imports]) {
    const end = plan.typeImportEnds.get(specifier);
    const named = [...names].filter(([, isDefault]) => !isDefault).map(([name]) => name);
    if (end === undefined || named.length === 0) continue;
    insertions.push({ at: end, rank: 0, text: named.sort().map((name) => `, ${name}`).join('') });
    for (const name of named) names.delete(name);
    if (names.size === 0) imports.delete(specifier);
  }
  if (imports.size > 0) insertions.push({ at: plan.importAt.at, rank: plan.importAt.before ? -1 : 99, text: importBlock(plan, importLines(plan, imports)) });
  return { text: applyInsertions(plan.text, insertions), imports: importCount };
}

/** `import type` declarations in the file's quote and semicolon style, sorted by specifier. */
function importLines(plan: FilePlan, imports: ReadonlyMap<string, ReadonlyMap<string, boolean>>): string[] {
  const quote = plan.style.singleQuotes ? "'" : '"';
  const end = plan.style.semicolons ? ';' : '';
  return [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([specifier, names]) => {
      const from = `from ${quote}${specifier}${quote}${end}`;
      const named = [...names].filter(([, isDefault]) => !isDefault).map(([name]) => name).sort();
      // A type-only import takes a default or named bindings, not both.
      const defaults = [...names].filter(([, isDefault]) => isDefault).map(([name]) => `import type ${name} ${from}`);
      return named.length === 0 ? defaults : [...defaults, `import type { ${named.join(', ')} } ${from}`];
    });
}

/** The import lines as inserted: above the first statement, or on the lines after the last import. */
function importBlock(plan: FilePlan, lines: readonly string[]): string {
  return plan.importAt.before ? `${lines.join('\n')}\n\n` : `\n${lines.join('\n')}${plan.importAt.endsLine ? '' : '\n'}`;
}

/**
 * Where a file without imports gets its first one: above the comments attached to the first statement (so they
 * stay with it in the emitted JavaScript), below a header separated by a blank line, and never above a pragma.
 */
function topImportPosition(text: string, program: TSESTree.Program): number {
  const first = program.body[0];
  if (first === undefined) return text.length;
  let at = first.range[0];
  const comments = typescript.getLeadingCommentRanges(text, typescript.getShebang(text)?.length ?? 0) ?? [];
  for (let index = comments.length - 1; index >= 0; index--) {
    const comment = comments[index];
    if (comment === undefined || comment.end > at || /\n[ \t]*\r?\n/.test(text.slice(comment.end, at))) break;
    if (/@(ts-|jsx)/.test(text.slice(comment.pos, comment.end))) return first.range[0];
    at = comment.pos;
  }
  return at;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const addExplicitTypes: ProjectCodemod = {
  ...codemodDeclaration('add-explicit-types'),
  kind: 'project',
  description: 'Write the types the checker (TypeScript, pyright) infers on parameters, return types and class properties that lack one.',
  order: 50,
  plan: planExplicitTypes,
};

export default addExplicitTypes;
