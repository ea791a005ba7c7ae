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
import { declarationFor, InferredTypePrinter, type NeededImport } from '../standards/explicit-types/type-printing.js';
import type { ProjectChanges, ProjectCodemod, ProjectCodemodInput } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { groupFilesByProject } from './runner/tsconfig-projects.js';
import { walkWithParents } from '../standards/shared/estree-walk.js';


const KIND_LABEL: Readonly<Record<MissingAnnotation['kind'], string>> = {
  return: 'return type of',
  parameter: 'parameter',
  property: 'property',
};

interface FilePlan {
  readonly text: string;
  readonly insertions: readonly Insertion[];
  readonly annotations: number;
  /** specifier → name → whether it is the module's default export, for the `import type` declarations to add. */
  readonly imports: Map<string, Map<string, boolean>>;
  /** Type names imported, whether into new declarations or into existing `import type { … }` ones. */
  readonly importCount: number;
  readonly style: CodeStyle;
  /** Where the `import type` lines go: `before` the first statement, or after the last import. */
  readonly importAt: { readonly at: number; readonly before: boolean; readonly endsLine: boolean };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/**
 * Writes the types the checker infers wherever `require-explicit-types` reports a missing annotation, adding
 * `import type` declarations for names exported by other modules; skips (and reports) what it cannot print
 * safely. Every type is read before any text is edited: one program per tsconfig, no re-checks in between.
 * @performance One program build and one checker pass over the reported declarations per tsconfig project;
 * edits are text splices, so nothing is re-parsed or re-checked while planning.
 */
export async function planExplicitTypes(input: ProjectCodemodInput): Promise<ProjectChanges> {
  const changes: Mutable<ProjectChanges> = { writes: new Map(), renames: [], deletes: [], skipped: [], failed: [], notes: [] };
  const writes = new Map<string, string>();
  const byProject = groupFilesByProject(input, (file: string): boolean => ANNOTATABLE_FILE.test(file), changes);
  for (const [{ parsed }, files] of byProject) {
    const program = typescript.createProgram({
      rootNames: parsed.fileNames,
      options: { ...parsed.options, noEmit: true },
      projectReferences: parsed.projectReferences ?? [],
    });
    const printer = new InferredTypePrinter(program);
    const planned: { readonly file: string; readonly plan: FilePlan | undefined; readonly left: readonly string[] }[] = [];
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
    // Every type has been read; only now is any text edited.
    for (const { file, plan, left } of planned) {
      if (plan !== undefined) {
        writes.set(file, render(plan));
        const imported = plan.importCount;
        changes.notes.push({
          path: file,
          message: `added ${plural(plan.annotations, 'type annotation')}${imported > 0 ? ` and ${plural(imported, 'type import')}` : ''}`,
        });
      } else {
        const what = left.length === 1 ? 'its missing annotation' : `none of its ${left.length} missing annotations`;
        changes.skipped.push({ path: file, reason: `${what} can${left.length === 1 ? 'not' : ''} be written safely (see the notes)` });
      }
      // The runner reports one skip per file; what was left out of an edited file is told per annotation.
      for (const message of left) changes.notes.push({ path: file, message });
    }
  }
  changes.writes = writes;
  return changes;
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
  const insertions: Insertion[] = [];
  const imports = new Map<string, Map<string, boolean>>();
  const importedFrom = new Map<string, string>();
  let annotations = 0;
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
    const clash = inferred.imports.find((needed: NeededImport) => {
      const previous = importedFrom.get(needed.name);
      return previous !== undefined && previous !== needed.fileName;
    });
    if (clash !== undefined) {
      left.push(`${where()} not annotated: it needs "${clash.name}" from two different modules`);
      continue;
    }
    for (const needed of inferred.imports) {
      importedFrom.set(needed.name, needed.fileName);
      const names = imports.get(needed.specifier);
      if (names) names.set(needed.name, needed.isDefault);
      else imports.set(needed.specifier, new Map([[needed.name, needed.isDefault]]));
    }
    insertions.push(...annotationInsertions(item, inferred.text));
    annotations++;
  }
  if (insertions.length === 0) return undefined;
  const importCount = [...imports.values()].reduce((sum, names) => sum + names.size, 0);
  insertions.push(...mergeIntoTypeImports(program_, imports));
  const lastImport = program_.body.filter((statement) => statement.type === 'ImportDeclaration').at(-1);
  const importAt =
    lastImport !== undefined ? afterStatementLine(text, lastImport.range[1]) : { at: topImportPosition(text, program_), before: true, endsLine: true };
  return { text, insertions, annotations, imports, importCount, style, importAt };
}

/**
 * Names from a module the file already has an `import type { … }` of go into that declaration (removed from
 * `imports`), rather than into a second one.
 */
function mergeIntoTypeImports(program: TSESTree.Program, imports: Map<string, Map<string, boolean>>): readonly Insertion[] {
  const insertions: Insertion[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind !== 'type') continue;
    const last = statement.specifiers.at(-1);
    if (last === undefined || statement.specifiers.some((specifier) => specifier.type !== 'ImportSpecifier')) continue;
    const names = imports.get(statement.source.value);
    const named = names === undefined ? [] : [...names].filter(([, isDefault]) => !isDefault).map(([name]) => name);
    if (names === undefined || named.length === 0) continue;
    insertions.push({ at: last.range[1], rank: 0, text: named.sort().map((name) => `, ${name}`).join('') });
    for (const name of named) names.delete(name);
    if (names.size === 0) imports.delete(statement.source.value);
  }
  return insertions;
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

function render(plan: FilePlan): string {
  const insertions = [...plan.insertions];
  if (plan.imports.size > 0) {
    const quote = plan.style.singleQuotes ? "'" : '"';
    const end = plan.style.semicolons ? ';' : '';
    const lines = [...plan.imports]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([specifier, names]) => {
        const from = `from ${quote}${specifier}${quote}${end}`;
        const named = [...names].filter(([, isDefault]) => !isDefault).map(([name]) => name).sort();
        // A type-only import takes a default or named bindings, not both.
        const defaults = [...names].filter(([, isDefault]) => isDefault).map(([name]) => `import type ${name} ${from}`);
        return named.length === 0 ? defaults : [...defaults, `import type { ${named.join(', ')} } ${from}`];
      });
    const block = plan.importAt.before
      ? `${lines.join('\n')}\n\n`
      : `\n${lines.join('\n')}${plan.importAt.endsLine ? '' : '\n'}`;
    insertions.push({ at: plan.importAt.at, rank: plan.importAt.before ? -1 : 99, text: block });
  }
  return applyInsertions(plan.text, insertions);
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
  description: 'Write the types the checker infers on parameters, return types and class properties that lack one.',
  order: 50,
  plan: planExplicitTypes,
};

export default addExplicitTypes;
