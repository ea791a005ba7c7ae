import path from 'node:path';
import {
  BOOLEAN_COUNT_OPTIONS,
  readPackageTypeCoverage,
  resolveCountOptions,
  type BooleanCountOption,
  type CountOptions,
  type PackageTypeCoverage,
} from '../../standards/type-coverage/options.js';
import { UsageError } from '../command.js';
import type { CoverageArguments } from './arguments.js';
import { defaultCacheDirectory } from './cache-location.js';

/** Everything one run does, after the command line and package.json's `typeCoverage` block are merged. */
export interface CoverageSettings {
  readonly project: string;
  readonly countOptions: CountOptions;
  readonly detail: boolean;
  readonly atLeast: number | undefined;
  readonly is: number | undefined;
  readonly cache: boolean;
  /** Absolute. */
  readonly cacheDirectory: string;
  /** Whether `cacheDirectory` was chosen by the user (else defaultCacheDirectory, and the legacy one is migrated). */
  readonly cacheDirectoryGiven: boolean;
  readonly update: boolean;
  readonly updateIfHigher: boolean;
  readonly json: boolean;
  readonly noDetailWhenFailed: boolean;
  readonly notOnlyInCwd: boolean;
  readonly files: readonly string[] | undefined;
  readonly jobs: number | undefined;
}

/** Keys of the `typeCoverage` block read beyond those of PackageTypeCoverage, as type-coverage reads them. */
interface PackageBlock extends PackageTypeCoverage {
  readonly updateIfHigher?: boolean;
  readonly noDetailWhenFailed?: boolean;
  readonly notOnlyInCWD?: boolean;
  readonly cacheDirectory?: string;
  readonly update?: boolean;
}


function readBlock(cwd: string): PackageBlock {
  try {
    return readPackageTypeCoverage(cwd) ?? {};
  } catch (error: unknown) {
    throw new UsageError(`${path.join(cwd, 'package.json')} is not valid JSON: ${(error as Error).message}`);
  }
}

function expect<T>(block: PackageBlock, key: keyof PackageBlock, kind: 'boolean' | 'number' | 'string'): T | undefined {
  const value = block[key];
  if (value === undefined) return undefined;
  if (typeof value !== kind) {
    throw new UsageError(`package.json "typeCoverage.${key}" must be a ${kind}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function stringList(block: PackageBlock): readonly string[] | undefined {
  const value: unknown = block.ignoreFiles;
  if (value === undefined) return undefined;
  // type-coverage accepts one glob or a list.
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item: unknown): boolean => typeof item === 'string')) return value as string[];
  throw new UsageError(`package.json "typeCoverage.ignoreFiles" must be a glob or a list of globs, got ${JSON.stringify(value)}`);
}

/**
 * Merges the command line over the `typeCoverage` block of `<cwd>/package.json`, key by key, as type-coverage
 * does: a key given on the command line wins over the same key in the block.
 * @performance one package.json read.
 */
export function resolveCoverageSettings(args: CoverageArguments, cwd: string): CoverageSettings {
  const block = readBlock(cwd);
  const pick = <T>(key: keyof CoverageArguments & keyof PackageBlock, kind: 'boolean' | 'number' | 'string'): T | undefined =>
    key in args ? (args[key] as T) : expect<T>(block, key, kind);
  const counts: Partial<Record<BooleanCountOption, boolean>> = {};
  for (const option of BOOLEAN_COUNT_OPTIONS) {
    const value = args.counts[option] ?? expect<boolean>(block, option, 'boolean');
    if (value !== undefined) counts[option] = value;
  }
  const ignoreFiles = args.ignoreFiles ?? stringList(block) ?? [];
  const countOptions = resolveCountOptions({
    ...counts,
    reportUnusedIgnore: pick<boolean>('reportUnusedIgnore', 'boolean'),
    ignoreFiles,
  });
  const atLeast = pick<number>('atLeast', 'number');
  const is = pick<number>('is', 'number');
  const cacheDirectory = pick<string>('cacheDirectory', 'string');
  return {
    project: args.project ?? expect<string>(block, 'p', 'string') ?? expect<string>(block, 'project', 'string') ?? '.',
    countOptions,
    detail: pick<boolean>('detail', 'boolean') ?? false,
    atLeast,
    is,
    cache: pick<boolean>('cache', 'boolean') ?? false,
    cacheDirectory: cacheDirectory === undefined ? defaultCacheDirectory(cwd) : path.resolve(cwd, cacheDirectory),
    cacheDirectoryGiven: cacheDirectory !== undefined,
    update: pick<boolean>('update', 'boolean') ?? false,
    updateIfHigher: pick<boolean>('updateIfHigher', 'boolean') ?? false,
    json: pick<boolean>('jsonOutput', 'boolean') ?? false,
    noDetailWhenFailed: pick<boolean>('noDetailWhenFailed', 'boolean') ?? false,
    notOnlyInCwd: pick<boolean>('notOnlyInCWD', 'boolean') ?? false,
    files: args.files,
    jobs: args.jobs,
  };
}
