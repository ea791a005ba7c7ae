import path from 'node:path';
import { parseAndGenerateServices } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { createEditingProgram, type Candidate } from '../standards/immutable-data-shapes/compile-and-revert.js';
import { applyEdits, findMutableShapes, heritageEdges, type ShapeFinding, type TextEdit } from '../standards/immutable-data-shapes/mutable-shapes.js';
import { resolveReadonlyShapesOptions, type ReadonlyShapesRawOptions } from '../standards/immutable-data-shapes/options.js';
import { relativePath } from '../standards/shared/project-paths.js';
import { groupFilesByProject, type LoadedProject } from './runner/tsconfig-projects.js';
import type { ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { optionsBase } from './runner/rule-options.js';

const EDITABLE_FILE = /\.(?:ts|tsx|mts|cts)$/;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

interface PlannedFile {
  readonly file: string;
  readonly text: string;
  readonly candidates: readonly Candidate[];
}

/** Union-find over type names related by `extends` / `implements`. */
class NameGroups {
  private readonly parent = new Map<string, string>();

  find(name: string): string {
    let root = name;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    this.parent.set(name, root);
    return root;
  }

  join(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootA, rootB);
  }
}

/**
 * Makes readonly what no code writes: every candidate `prefer-readonly-data-shapes` reports (a `readonly`
 * modifier, a readonly array or tuple type, `as const` on an exported constant) is applied, the whole tsconfig
 * project is type-checked, the candidates the new errors point at are reverted, and that repeats until no error
 * is new. Edits are type-only text splices; it never adds `Object.freeze`.
 * @performance per tsconfig project: one program build, one ESTree conversion per selected file, then one full
 * type check of the project's own files per round (usually two); see docs/codemods/readonly-data-shapes.md.
 */
export async function planReadonlyDataShapes(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const changes: Mutable<ProjectChanges> = { writes: new Map(), renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  const byProject = groupFilesByProject(input, (file: string): boolean => EDITABLE_FILE.test(file), changes);
  const writes = new Map<string, string>();
  for (const [project, files] of byProject) {
    planProject(input, project, files, writes, changes);
    // Yield between projects so a caller's progress output is not starved.
    await Promise.resolve();
  }
  changes.writes = writes;
  return changes;
}

function planProject(
  input: ProjectCodemodInput,
  { config, parsed }: LoadedProject,
  files: readonly string[],
  writes: Map<string, string>,
  changes: Mutable<ProjectChanges>,
): void {
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, incremental: false, composite: false, declaration: false };
  const { program, revert } = createEditingProgram(parsed.fileNames, options, parsed.projectReferences);
  const found: { readonly file: string; readonly source: ts.SourceFile; readonly findings: readonly ShapeFinding[] }[] = [];
  const related = new NameGroups();
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
      const program_ = ast as TSESTree.Program;
      const findings = findMutableShapes(program_, source.text, file, shapeOptions);
      for (const [type, base] of heritageEdges(program_)) related.join(type, base);
      if (findings.length > 0) found.push({ file, source, findings });
    } catch (error) {
      changes.failed.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
    }
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
        edits: finding.edits,
        declaration: finding.declaration,
        ...(finding.member === '' || finding.ownerName === '' ? {} : { group: `${related.find(finding.ownerName)}|${finding.member}|${finding.kind}` }),
      }),
    ),
  }));
  const outcome = revert(planned.flatMap((entry: PlannedFile): readonly Candidate[] => entry.candidates));
  let kept = 0;
  for (const { file, text, candidates } of planned) {
    const survivors = candidates.filter((candidate: Candidate): boolean => outcome.kept.has(candidate.id));
    const left = candidates.length - survivors.length;
    if (survivors.length === 0) {
      changes.skipped.push({ path: file, reason: `every one of its ${plural(candidates.length, 'candidate')} is written or mutated by some code` });
      continue;
    }
    kept += survivors.length;
    writes.set(file, applyEdits(text, survivors.flatMap((candidate: Candidate): readonly TextEdit[] => candidate.edits)));
    changes.notes.push({ path: file, message: describe(survivors, left) });
  }
  const total = planned.reduce((sum: number, entry: PlannedFile): number => sum + entry.candidates.length, 0);
  if (total > 0) {
    changes.notes.push({
      path: config,
      message: `${plural(outcome.rounds, 'round')} (${plural(outcome.fullChecks, 'full type check')}): kept ${kept} of ${plural(total, 'candidate')}${
        outcome.gaveUp ? '; a new type error could not be tied to any candidate, so nothing was changed' : ''
      }`,
    });
  }
}

function describe(survivors: readonly Candidate[], left: number): string {
  const count = (kind: Candidate['kind']): number => survivors.filter((candidate: Candidate): boolean => candidate.kind === kind).length;
  const parts = [
    count('property') > 0 ? plural(count('property'), 'readonly property', 'readonly properties') : '',
    count('array') > 0 ? plural(count('array'), 'readonly array type') : '',
    count('constant') > 0 ? plural(count('constant'), '`as const` constant') : '',
  ].filter((part: string): boolean => part !== '');
  return `made ${parts.join(', ')}${left > 0 ? `; left ${left} mutable (written or mutated by some code)` : ''}`;
}

function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

const readonlyDataShapes: ProjectCodemod = {
  ...codemodDeclaration('readonly-data-shapes'),
  kind: 'project',
  description: 'Make readonly the properties, array types and exported constants that no code writes, as the type checker proves.',
  order: 60,
  plan: planReadonlyDataShapes,
};

export default readonlyDataShapes;
