import { statSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../shared/typescript-runtime.js';

/**
 * A tsconfig that cannot be used: the message names the file and what is wrong with it.
 * @complexity O(1) to construct.
 */
export class ProjectLoadError extends Error {
  override readonly name = 'ProjectLoadError';
}

/** One program to build: a tsconfig's root files and compiler options. */
export interface CoverageProject {
  /** Absolute path of the tsconfig the files and options come from. */
  readonly configFile: string;
  readonly rootNames: readonly string[];
  readonly options: ts.CompilerOptions;
}

// TS18003 "No inputs were found in config file": reported by us with the project's name instead.
const NO_INPUTS = 18003;

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Finds the tsconfig that `-p` names as type-coverage does: `name.json` before `name`, and a directory means
 * its `tsconfig.json`. Unlike type-coverage, a missing file is an error, not a silent default configuration.
 * @performance at most three `stat` calls.
 */
export function findTsconfig(project: string, cwd: string): string {
  const given = path.resolve(cwd, project);
  const candidates = given.endsWith('.json') ? [given] : [`${given}.json`, given];
  for (const candidate of candidates) {
    const stats = statOrUndefined(candidate);
    if (stats === undefined) continue;
    if (stats.isFile()) return candidate;
    if (stats.isDirectory()) {
      const inside = path.join(candidate, 'tsconfig.json');
      if (statOrUndefined(inside)?.isFile() === true) return inside;
      throw new ProjectLoadError(`no tsconfig.json in ${project === '.' ? 'the current directory' : project}; pass the tsconfig to use with -p <file>`);
    }
  }
  throw new ProjectLoadError(`tsconfig not found: ${project}`);
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
}

function parseTsconfig(configFile: string): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const host: ts.ParseConfigFileHost = {
    ...typescript.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic: ts.Diagnostic): void => {
      unrecoverable = diagnostic;
    },
  };
  const parsed = typescript.getParsedCommandLineOfConfigFile(configFile, undefined, host);
  if (parsed === undefined || unrecoverable !== undefined) {
    const reason = unrecoverable === undefined ? 'it cannot be read' : describeDiagnostic(unrecoverable);
    throw new ProjectLoadError(`cannot use ${configFile}: ${reason}`);
  }
  const errors = parsed.errors.filter((diagnostic: ts.Diagnostic): boolean => diagnostic.code !== NO_INPUTS);
  if (errors.length > 0) {
    throw new ProjectLoadError(`${configFile} has errors:\n${errors.map(describeDiagnostic).join('\n')}`);
  }
  return parsed;
}

/**
 * Reads a tsconfig into the programs to build. A solution-style tsconfig (no files of its own, only
 * `references`) is followed, recursively, to every referenced project that has files; each becomes its own
 * program, built from sources as type-coverage builds one (references are not passed to the program, so no
 * prior `tsc -b` is needed). Throws a ProjectLoadError naming the file when nothing is left to count.
 * @performance one config parse (with its `include` glob) per tsconfig reached.
 */
export function loadCoverageProjects(configFile: string): readonly CoverageProject[] {
  const projects: CoverageProject[] = [];
  const visited = new Set<string>();
  const emptyReferences: string[] = [];
  const visit = (file: string): void => {
    if (visited.has(file)) return;
    visited.add(file);
    const parsed = parseTsconfig(file);
    const references = parsed.projectReferences ?? [];
    if (parsed.fileNames.length > 0) {
      projects.push(Object.freeze({ configFile: file, rootNames: Object.freeze([...parsed.fileNames]), options: parsed.options }));
      return;
    }
    if (references.length === 0) {
      if (file !== configFile) emptyReferences.push(file);
      return;
    }
    for (const reference of references) {
      const referenced = typescript.resolveProjectReferencePath(reference);
      if (statOrUndefined(referenced)?.isFile() !== true) {
        throw new ProjectLoadError(`${file} references ${reference.path}, which has no tsconfig (looked for ${referenced})`);
      }
      visit(referenced);
    }
  };
  visit(configFile);
  if (projects.length === 0) {
    const why =
      emptyReferences.length > 0
        ? `neither it nor the projects it references (${emptyReferences.join(', ')}) include any file`
        : 'its include/files match no TypeScript file';
    throw new ProjectLoadError(`nothing to count in ${configFile}: ${why}`);
  }
  return Object.freeze(projects);
}

/**
 * The program type coverage is counted on: the project's files and options, as `ts.createProgram` builds them,
 * except that JSDoc in TypeScript files is not parsed (its types never apply there, and the count skips JSDoc
 * nodes). `forTypeErrors` keeps the JSDoc that type errors can point into, for `reportSemanticError`.
 * @performance parsing JSDoc is a tenth to a fifth of building a program for well-documented code.
 */
export function createCoverageProgram(project: Pick<CoverageProject, 'rootNames' | 'options'>, forTypeErrors: boolean): ts.Program {
  const host = typescript.createCompilerHost(project.options);
  host.jsDocParsingMode = forTypeErrors ? typescript.JSDocParsingMode.ParseForTypeErrors : typescript.JSDocParsingMode.ParseForTypeInfo;
  return typescript.createProgram({ rootNames: project.rootNames, options: project.options, host });
}
