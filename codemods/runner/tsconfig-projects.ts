import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../../standards/shared/typescript-runtime.js';
import type { ProofProject } from '../../standards/shared/compile-and-revert.js';
import type { ProjectChanges, ProjectCodemodInput } from './contract.js';

// The tsconfig projects under a target, for the project codemods that read types (add-explicit-types,
// readonly-data-shapes): which project owns each file, and the selected files grouped by project.

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** A tsconfig project as `ProjectIndex` loaded it. */
export interface LoadedProject {
  readonly config: string;
  readonly parsed: ts.ParsedCommandLine;
  readonly files: ReadonlySet<string>;
}

/** The project a file belongs to, or why it has none (`failed` when a config could not be read). */
export type Owner = { readonly project: LoadedProject } | { readonly reason: string; readonly failed: boolean };

/**
 * Which tsconfig project a file belongs to: the nearest `tsconfig.json` above it, found as `tsc` finds it
 * (up to the file system's root, so `fix` run in a subfolder of a project uses the project's config), or,
 * when that one does not list the file (a solution config with `files: []` and `references`), the first
 * project it references, depth first, that does. Configs are read once each. A config and files above the
 * target are read for their types, never written: only files under the target are edited.
 * @performance each tsconfig is parsed once; a folder's nearest config is looked up once.
 */
export class ProjectIndex {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedProject | string>();

  constructor(private readonly root: string) {}

  /**
   * The project that lists `file`, or why there is none.
   * @complexity O(depth of the folder + projects referenced), memoized per folder and config.
   */
  ownerOf(file: string): Owner {
    const config = this.nearestConfig(path.dirname(file));
    if (config === undefined) {
      return { reason: 'no tsconfig.json in its folder or above it, so there are no types to read', failed: false };
    }
    const seen = new Set<string>();
    const search = (configPath: string): Owner | undefined => {
      if (seen.has(configPath)) return undefined;
      seen.add(configPath);
      const project = this.load(configPath);
      if (typeof project === 'string') return { reason: project, failed: true };
      if (project.files.has(path.resolve(file))) return { project };
      for (const reference of project.parsed.projectReferences ?? []) {
        const found = search(typescript.resolveProjectReferencePath(reference));
        if (found !== undefined && 'project' in found) return found;
      }
      return undefined;
    };
    const found = search(config);
    if (found !== undefined) return found;
    const named = isInside(config, this.root) ? path.relative(this.root, config) : config;
    return { reason: `not part of the project ${named} (nor of a project it references)`, failed: false };
  }

  private nearestConfig(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    const candidate = path.join(dir, 'tsconfig.json');
    let config: string | undefined;
    if (typescript.sys.fileExists(candidate)) config = candidate;
    else if (path.dirname(dir) !== dir) config = this.nearestConfig(path.dirname(dir));
    this.nearest.set(dir, config);
    return config;
  }

  /**
   * The project of a tsconfig file, or why it cannot be read.
   * @performance parsed once per config.
   */
  load(config: string): LoadedProject | string {
    const cached = this.loaded.get(config);
    if (cached !== undefined) return cached;
    let problem: string | undefined;
    const parsed = typescript.getParsedCommandLineOfConfigFile(config, {}, {
      ...typescript.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic: ts.Diagnostic): void => {
        problem = typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      },
    });
    const result: LoadedProject | string =
      parsed === undefined
        ? `${isInside(config, this.root) ? path.relative(this.root, config) : config} cannot be read${problem === undefined ? '' : `: ${problem}`}`
        : { config, parsed, files: new Set(parsed.fileNames.map((name) => path.resolve(name))) };
    this.loaded.set(config, result);
    return result;
  }
}


type Outcomes = { -readonly [K in 'skipped' | 'failed']: ProjectChanges[K][number][] };

/**
 * The selected files a codemod can edit, grouped by the tsconfig project that owns them. Declaration files and
 * anything under node_modules are never edited (discovery leaves node_modules out; a caller that does not must
 * still never edit a dependency); a file no project owns is recorded as skipped (failed when its config cannot
 * be read).
 * @performance each tsconfig is parsed once (see ProjectIndex).
 */
export function groupFilesByProject(
  input: ProjectCodemodInput,
  editable: (file: string) => boolean,
  changes: Outcomes,
  projects: ProjectIndex = new ProjectIndex(input.root),
): Map<LoadedProject, string[]> {
  const byProject = new Map<LoadedProject, string[]>();
  for (const file of input.files) {
    if (!editable(file) || DECLARATION_FILE.test(file) || file.split(path.sep).includes('node_modules')) continue;
    const owner = projects.ownerOf(file);
    if (!('project' in owner)) {
      (owner.failed ? changes.failed : changes.skipped).push({ path: file, reason: owner.reason });
      continue;
    }
    const list = byProject.get(owner.project);
    if (list) list.push(file);
    else byProject.set(owner.project, [file]);
  }
  return byProject;
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const TSCONFIG = /^tsconfig(?:\.[^/\\]+)?\.json$/;

/**
 * Every tsconfig project that can see an edit to the selected files, for a type-changing codemod's proof: the
 * projects that own them, every `tsconfig.json` / `tsconfig.*.json` discovery found under the root (a
 * `test/tsconfig.json`, a `scripts/` project, `tsconfig.build.json`), and the projects they reference, except
 * configs that are only bases other configs `extends` and solution configs that list no file. `unreadable` names
 * configs that could not be read (they cannot be part of the proof).
 * @performance each config is parsed once (shared with `projects`); no program is built.
 */
export function proofProjects(
  input: ProjectCodemodInput,
  projects: ProjectIndex,
  owners: Iterable<LoadedProject>,
): { readonly projects: readonly LoadedProject[]; readonly unreadable: readonly string[] } {
  const configs = (input.projectFiles ?? input.files).filter(
    (file: string): boolean => TSCONFIG.test(path.basename(file)) && !file.split(path.sep).includes('node_modules') && isInside(file, input.root),
  );
  const found = new Map<string, LoadedProject>();
  const unreadable: string[] = [];
  const bases = new Set<string>();
  // An edited file's own project may sit above the root (`fix` run in a subfolder finds it as tsc does).
  const ownerConfigs = new Set([...owners].map((project: LoadedProject): string => project.config));
  const queue: string[] = [...ownerConfigs, ...configs.sort()];
  const referenced = new Set<string>();
  for (let index = 0; index < queue.length; index++) {
    const config = path.resolve(queue[index] ?? '');
    if (found.has(config) || unreadable.includes(config) || (!ownerConfigs.has(config) && !isInside(config, input.root))) continue;
    const project = projects.load(config);
    if (typeof project === 'string') {
      unreadable.push(project);
      continue;
    }
    found.set(config, project);
    for (const base of extendedConfigs(project)) bases.add(base);
    for (const reference of project.parsed.projectReferences ?? []) {
      const target = path.resolve(typescript.resolveProjectReferencePath(reference));
      referenced.add(target);
      queue.push(target);
    }
  }
  const chosen = [...found.values()].filter(
    (project: LoadedProject): boolean =>
      project.parsed.fileNames.length > 0 && (ownerConfigs.has(project.config) || referenced.has(project.config) || !bases.has(project.config)),
  );
  return { projects: chosen, unreadable };
}

/** Absolute paths of the configs a project `extends` by relative path (bases in packages are not ours). */
function extendedConfigs(project: LoadedProject): string[] {
  const raw = (project.parsed.raw as { readonly extends?: unknown } | undefined)?.extends;
  const names = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((name: unknown): name is string => typeof name === 'string') : [];
  return names
    .filter((name: string): boolean => name.startsWith('.'))
    .map((name: string): string => {
      const resolved = path.resolve(path.dirname(project.config), name);
      return resolved.endsWith('.json') ? resolved : `${resolved}.json`;
    });
}

/**
 * A loaded project as a project of a compile-and-revert proof: its files and options, checked without emitting.
 * @complexity O(1).
 */
export function asProofProject({ config, parsed }: LoadedProject): ProofProject {
  return {
    config,
    rootNames: parsed.fileNames,
    options: { ...parsed.options, noEmit: true, incremental: false, composite: false, declaration: false },
    projectReferences: parsed.projectReferences,
  };
}

/**
 * Where a proof's summary note goes: the root's `tsconfig.json` when there is one, else the first owner's config.
 * @complexity O(files discovered).
 */
export function summaryNotePath(input: ProjectCodemodInput, owners: Iterable<LoadedProject>): string {
  const rootConfig = path.join(input.root, 'tsconfig.json');
  if ((input.projectFiles ?? input.files).includes(rootConfig)) return rootConfig;
  for (const owner of owners) return owner.config;
  return input.root;
}
