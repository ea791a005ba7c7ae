import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import type { PackageManifest } from '../../standards/performance-monitoring/monitor-dependency.js';
import { relativePath } from '../../standards/shared/project-paths.js';
import type { Codemod, CodemodOptions, FileCodemodProjectInput } from './contract.js';
import { isInsideRoot } from './root-guard.js';

/**
 * Thrown by a codemod's `projectOptions` when its options cannot be applied to this project (e.g. the monitor
 * module would not be installed in production). A run of codemods named on purpose stops before any codemod
 * writes, and the CLI shows the message as a usage error (exit 2), never as an unexpected error; `fix --all`
 * runs the others and reports this one not run, with `reason` (run-codemods.ts `skipCodemodsThatCannotRun`).
 * @complexity O(1) to construct.
 */
export class CodemodConfigurationError extends Error {
  override readonly name = 'CodemodConfigurationError';
  /** Why the codemod cannot run and what to set, without what the stopped run did (`Nothing was changed.`). */
  readonly reason: string;

  constructor(message: string, reason: string = message) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The project facts a codemod's `projectOptions` may read, bounded by the root: file texts, whether a project file exists,
 * and the package.json files of a file's folder and its parents up to the root (each read once). A
 * package.json that is a symbolic link, or cannot be parsed, stops the run with its path named.
 */
function projectReader(root: string): Omit<FileCodemodProjectInput, 'files' | 'projectFiles' | 'optionsFor'> {
  const manifests = new Map<string, Promise<PackageManifest | null>>();
  const manifestIn = (dir: string): Promise<PackageManifest | null> => {
    let found = manifests.get(dir);
    if (found === undefined) {
      found = readManifest(root, path.join(dir, 'package.json'));
      manifests.set(dir, found);
    }
    return found;
  };
  return {
    root,
    readText: (file: string): Promise<string> => readFile(file, 'utf8'),
    fileExists: async (projectPath: string): Promise<boolean> => {
      const absolute = path.resolve(root, projectPath);
      if (!isInsideRoot(absolute, root)) return false;
      return lstat(absolute).then((stats): boolean => stats.isFile(), (): boolean => false);
    },
    manifestsOf: async (file: string): Promise<readonly PackageManifest[]> => {
      const chain: PackageManifest[] = [];
      for (let dir = path.dirname(file); isInsideRoot(dir, root); dir = path.dirname(dir)) {
        const manifest = await manifestIn(dir);
        if (manifest !== null) chain.push(manifest);
        if (dir === root || path.dirname(dir) === dir) break;
      }
      return chain;
    },
  };
}

async function readManifest(root: string, file: string): Promise<PackageManifest | null> {
  const stats = await lstat(file).catch((): null => null);
  if (stats === null || stats.isDirectory()) return null;
  const where = relativePath(root, file);
  if (stats.isSymbolicLink() && !isInsideRoot(await realpath(file), root)) throw new CodemodConfigurationError(`${where} is a symbolic link out of the project root; it is not read`);
  const errors: ParseError[] = [];
  const value: unknown = parse(await readFile(file, 'utf8'), errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CodemodConfigurationError(`${where} is not a JSON object; fix it so the codemods can read the project's dependencies`);
  }
  return { ...(value as Omit<PackageManifest, 'path'>), path: where };
}

/**
 * Runs the `projectOptions` of every per-file codemod that has one, over the files it concerns, before any
 * codemod of the run writes (leaving out the files `turnedOff` names for it: `fix --all` does not run a
 * codemod where the config turns its rule off); the first CodemodConfigurationError stops the run, unless
 * `cannotRun` is given: then it is told the codemod and the error, and that codemod gets no entry. Resolves
 * with each codemod's per-file extra options, by codemod name.
 * @performance one `prepare` of the codemod's rule options over `files`; what each hook reads (package.json
 * files once per folder; file texts only where it needs them).
 */
export async function runProjectOptions(
  root: string,
  codemods: readonly Codemod[],
  files: readonly string[],
  optionsOf: (codemod: Codemod) => Promise<(file: string) => CodemodOptions>,
  projectFiles: readonly string[] = files,
  turnedOff?: (codemod: Codemod) => Promise<ReadonlySet<string>>,
  cannotRun?: (codemod: Codemod, error: CodemodConfigurationError) => void,
): Promise<ReadonlyMap<string, (file: string) => CodemodOptions>> {
  let reader: Omit<FileCodemodProjectInput, 'files' | 'projectFiles' | 'optionsFor'> | null = null;
  const settled = new Map<string, (file: string) => CodemodOptions>();
  for (const codemod of codemods) {
    if (codemod.kind !== 'file' || codemod.projectOptions === undefined) continue;
    const off = turnedOff === undefined ? new Set<string>() : await turnedOff(codemod);
    const concerned = files.filter((file: string): boolean => codemod.extensions.includes(path.extname(file).toLowerCase()) && !off.has(file));
    if (concerned.length === 0) continue;
    reader ??= projectReader(root);
    try {
      settled.set(codemod.name, await codemod.projectOptions({ ...reader, files: concerned, projectFiles, optionsFor: await optionsOf(codemod) }));
    } catch (error: unknown) {
      if (cannotRun === undefined || !(error instanceof CodemodConfigurationError)) throw error;
      cannotRun(codemod, error);
    }
  }
  return settled;
}
