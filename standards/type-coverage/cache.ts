import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../shared/typescript-runtime.js';
import type { FileCoverage, Uncovered } from './count.js';

/**
 * Why a cached count is still true: a file's coverage is a function of its own text, of every file its types
 * can reach (its imports, `import()` types, `/// <reference>`s, transitively, as the program resolved them, so
 * a changed resolution is a changed key), of the files that shape every type (scripts such as lib.*.d.ts and
 * global declarations, and module augmentations), and of the compiler options, the count options, the
 * TypeScript version and the counting code. The key hashes all of them; type-coverage's cache keys a file by
 * its own text only, so an importer keeps its old count after an imported type becomes `any`.
 */

const CACHE_FORMAT = 1;

/** One file's count and the key it was computed under. */
export interface CachedCoverage {
  readonly key: string;
  readonly coverage: FileCoverage;
}

/** Cached counts by file path relative to the working directory. */
export type CoverageCacheEntries = ReadonlyMap<string, CachedCoverage>;

interface SerializedCache {
  readonly format: number;
  readonly files: Readonly<Record<string, { readonly key: string; readonly covered: number; readonly total: number; readonly uncovered: readonly Uncovered[] }>>;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

// The counting code is part of every key: a fixed count must not be hidden by results cached before the fix.
let codeHash: string | undefined;
function countingCodeHash(): string {
  if (codeHash !== undefined) return codeHash;
  const hash = createHash('sha1');
  for (const module of ['./count.js', './ignore-directives.js', './cache.js', './project.js']) {
    try {
      hash.update(readFileSync(new URL(module, import.meta.url)));
    } catch {
      hash.update(module);
    }
  }
  codeHash = hash.digest('hex');
  return codeHash;
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key: string, inner: unknown): unknown =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * What every key of one program shares: the count options, the compiler options, TypeScript's version and
 * the counting code.
 * @complexity O(size of the options).
 */
export function cacheSalt(countOptions: object, compilerOptions: ts.CompilerOptions): string {
  return sha1(sortedJson({ format: CACHE_FORMAT, ts: typescript.version, code: countingCodeHash(), countOptions, compilerOptions }));
}

// Program internals that hold the resolutions the program made; present since TypeScript 5.3. Without them
// every file is taken to depend on every other one: always correct, rarely reused.
interface ResolutionWalker {
  readonly forEachResolvedModule?: (callback: (resolution: { readonly resolvedModule?: { readonly resolvedFileName: string } }) => void, file: ts.SourceFile) => void;
  readonly forEachResolvedTypeReferenceDirective?: (
    callback: (resolution: { readonly resolvedTypeReferenceDirective?: { readonly resolvedFileName?: string } }) => void,
    file: ts.SourceFile,
  ) => void;
}

function directDependencies(program: ts.Program, sourceFile: ts.SourceFile): readonly string[] {
  const walker = program as ts.Program & ResolutionWalker;
  const found: string[] = [];
  walker.forEachResolvedModule?.((resolution): void => {
    if (resolution.resolvedModule !== undefined) found.push(resolution.resolvedModule.resolvedFileName);
  }, sourceFile);
  walker.forEachResolvedTypeReferenceDirective?.((resolution): void => {
    const resolved = resolution.resolvedTypeReferenceDirective?.resolvedFileName;
    if (resolved !== undefined) found.push(resolved);
  }, sourceFile);
  for (const reference of sourceFile.referencedFiles) {
    found.push(path.resolve(path.dirname(sourceFile.fileName), reference.fileName));
  }
  return found;
}

// A module that augments another module or the global scope changes types in files that never import it.
function augments(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some(
    (statement: ts.Statement): boolean =>
      typescript.isModuleDeclaration(statement) && (typescript.isStringLiteral(statement.name) || (statement.flags & typescript.NodeFlags.GlobalAugmentation) !== 0),
  );
}

function shapesEveryType(sourceFile: ts.SourceFile): boolean {
  if (sourceFile.fileName.endsWith('.json')) return false;
  return !typescript.isExternalModule(sourceFile) || augments(sourceFile);
}

/**
 * The cache key of each file to count in `program`. See the comment at the top of this module for what a key
 * covers; paths enter the keys relative to `cwd`, so a cache stays valid when the checkout moves.
 * @complexity O(F × D): one SHA-1 over every file's text, then a walk of each counted file's transitive
 * dependencies (D files on average) over the program's recorded resolutions; no type checking.
 */
export function fingerprintFiles(program: ts.Program, files: readonly ts.SourceFile[], salt: string, cwd: string): ReadonlyMap<ts.SourceFile, string> {
  const resolutionsKnown = typeof (program as ts.Program & ResolutionWalker).forEachResolvedModule === 'function';
  const textHashes = new Map<string, string>();
  const entryOf = (fileName: string): string => {
    let hash = textHashes.get(fileName);
    if (hash === undefined) {
      const sourceFile = program.getSourceFile(fileName);
      hash = sourceFile === undefined ? 'absent' : sha1(sourceFile.text);
      textHashes.set(fileName, hash);
    }
    return `${path.relative(cwd, fileName)}\0${hash}`;
  };
  const dependencies = new Map<string, readonly string[]>();
  const dependenciesOf = (fileName: string): readonly string[] => {
    let found = dependencies.get(fileName);
    if (found === undefined) {
      const sourceFile = program.getSourceFile(fileName);
      found = sourceFile === undefined ? [] : directDependencies(program, sourceFile);
      dependencies.set(fileName, found);
    }
    return found;
  };
  const closure = (start: readonly string[]): string[] => {
    const seen = new Set<string>(start);
    const queue = [...start];
    for (let index = 0; index < queue.length; index++) {
      for (const next of dependenciesOf(queue[index] ?? '')) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return [...seen].map(entryOf).sort();
  };
  const everyFile = program.getSourceFiles();
  const shared = resolutionsKnown ? everyFile.filter(shapesEveryType) : everyFile;
  const globalKey = sha1(`${salt}\n${closure(shared.map((file: ts.SourceFile): string => file.fileName)).join('\n')}`);
  const keys = new Map<ts.SourceFile, string>();
  for (const file of files) {
    keys.set(file, resolutionsKnown ? sha1(`${globalKey}\n${closure([file.fileName]).join('\n')}`) : globalKey);
  }
  return keys;
}

/**
 * Reads a cache file's text; anything unreadable (another format, a truncated file) is an empty cache.
 * @performance one JSON parse.
 */
export function parseCoverageCache(text: string | undefined): CoverageCacheEntries {
  const entries = new Map<string, CachedCoverage>();
  if (text === undefined) return entries;
  let parsed: SerializedCache;
  try {
    parsed = JSON.parse(text) as SerializedCache;
  } catch {
    return entries;
  }
  if (parsed.format !== CACHE_FORMAT || typeof parsed.files !== 'object' || parsed.files === null) return entries;
  for (const [file, entry] of Object.entries(parsed.files)) {
    if (typeof entry.key !== 'string' || !Array.isArray(entry.uncovered)) continue;
    entries.set(file, { key: entry.key, coverage: { covered: entry.covered, total: entry.total, uncovered: entry.uncovered } });
  }
  return entries;
}

/**
 * The text of a cache file holding `entries`.
 * @complexity O(size of the entries).
 */
export function serializeCoverageCache(entries: CoverageCacheEntries): string {
  const files: SerializedCache['files'] = Object.fromEntries(
    [...entries].map(([file, { key, coverage }]) => [file, { key, covered: coverage.covered, total: coverage.total, uncovered: coverage.uncovered }]),
  );
  return `${JSON.stringify({ format: CACHE_FORMAT, files } satisfies SerializedCache)}\n`;
}
