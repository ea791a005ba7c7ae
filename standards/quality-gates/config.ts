import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import schema from './config.schema.json' with { type: 'json' };
import type { BudgetLimits, GateId } from './gates.js';

/** The configuration file `perf-standards gates` reads, at the project root (and in each workspace package). */
export const CONFIG_FILE = 'perf-standards.config.json';

/** The schema's path inside the installed package, for `"$schema"`. */
export const SCHEMA_PATH = 'node_modules/eslint-plugin-perf-standards/dist/standards/quality-gates/config.schema.json';

export type CoverageMetric = 'lines' | 'statements' | 'branches' | 'functions';

/** `gates.coverage` as written (every key optional; defaults are applied by the gate). */
export interface CoverageGateConfig {
  readonly report?: string | readonly string[];
  readonly threshold?: number;
  readonly metric?: CoverageMetric | readonly CoverageMetric[];
  readonly packages?: Readonly<Record<string, number>>;
  readonly files?: Readonly<Record<string, number>>;
}

export interface TypeCoverageGateConfig {
  readonly language?: 'typescript' | 'python';
  readonly project?: string;
  readonly threshold?: number;
  readonly strict?: boolean;
  readonly cache?: boolean;
}

export interface BundleSizeGateConfig {
  readonly report?: string | readonly string[];
  readonly threshold?: number | string;
  readonly compression?: 'brotli' | 'gzip' | 'none';
  readonly metafile?: string;
}

export interface RegressionGateConfig {
  readonly report?: string;
  readonly baseline?: string;
  readonly command?: string;
  readonly threshold?: number;
  readonly maxRounds?: number;
}

export interface BudgetsGateConfig {
  readonly report?: string;
  readonly metrics?: Readonly<Record<string, BudgetLimits>>;
}

export interface MemoryGateConfig {
  readonly command?: string;
  readonly threshold?: number | string;
}

export interface AccessibilityGateConfig {
  readonly report?: string | readonly string[];
  readonly threshold?: number;
}

/** `gates` as written; `false` turns a gate off, a missing key means "the defaults". */
export interface GatesConfig {
  readonly coverage?: CoverageGateConfig | false;
  readonly typeCoverage?: TypeCoverageGateConfig | false;
  readonly bundleSize?: BundleSizeGateConfig | false;
  readonly regression?: RegressionGateConfig | false;
  readonly budgets?: BudgetsGateConfig | false;
  readonly memory?: MemoryGateConfig | false;
  readonly accessibility?: AccessibilityGateConfig | false;
}

/** The configuration file of one folder: its `gates`, and whether the file exists. */
export interface LoadedConfig {
  /** Relative to the root the command runs in, `/`-separated; `null` when there is no file. */
  readonly file: string | null;
  readonly gates: GatesConfig;
  /** Gates the file names (configured explicitly, even as `{}`). */
  readonly configured: ReadonlySet<GateId>;
}

/**
 * The configuration file is not valid JSON or breaks the schema: a usage error (exit 2), never a crash.
 * @complexity O(1) to construct.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

let validate: ReturnType<Ajv['compile']> | undefined;

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '' : error.instancePath.slice(1).split('/').join('.');
  // A size is a number or a string: say what both branches accept rather than one branch's failure.
  if (error.schemaPath.startsWith('#/definitions/size/')) return `"${where}" must be a number of bytes or a size such as "250 kB" (B, kB, KiB, MB, MiB, GB, GiB)`;
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { readonly additionalProperty: string }).additionalProperty;
    return `${where === '' ? 'the top level' : `"${where}"`} has an unknown key "${key}"`;
  }
  return `"${where}" ${error.message ?? 'is not valid'}`;
}

// A oneOf of `false | object` reports the failures of every branch; the one worth showing is the deepest
// (inside the object), not "must be equal to constant" or "must match exactly one schema".
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject {
  const useful = errors.filter((error: ErrorObject): boolean => error.keyword !== 'oneOf' && error.keyword !== 'const');
  const pool = useful.length > 0 ? useful : errors;
  return pool.reduce((best: ErrorObject, error: ErrorObject): ErrorObject => (error.instancePath.length > best.instancePath.length ? error : best));
}

/**
 * Checks a parsed configuration against the schema shipped in the package (config.schema.json), so the
 * command and editors agree on what is valid. Throws a ConfigError naming the key and what is wrong.
 * @performance the schema is compiled once per process (a few milliseconds).
 */
export function validateConfig(value: unknown, file: string): GatesConfig {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(value)) {
    throw new ConfigError(`${file}: ${describeError(mostSpecific(validate.errors ?? []))}`);
  }
  return (value as { readonly gates?: GatesConfig }).gates ?? {};
}

/**
 * Reads `perf-standards.config.json` in `folder` (no file: every gate with its defaults). `label` is how
 * messages name the file.
 * @performance one small read and parse.
 */
export async function loadConfig(folder: string, label: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path.join(folder, CONFIG_FILE), 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: null, gates: {}, configured: new Set() };
    throw new ConfigError(`${label}: cannot be read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new ConfigError(`${label} is not valid JSON: ${(error as Error).message}`);
  }
  const gates = validateConfig(value, label);
  return { file: label, gates, configured: new Set(Object.keys(gates) as GateId[]) };
}
