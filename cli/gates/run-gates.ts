import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { CONFIG_FILE, ConfigError, loadConfig, type GatesConfig, type LoadedConfig } from '../../standards/quality-gates/config.js';
import { GATE_IDS, GATE_TITLES, type GateId, type GateResult } from '../../standards/quality-gates/gates.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError, type CommandIO } from '../command.js';
import type { GatesArguments } from './arguments.js';
import { formatJson, formatMarkdown, formatStylish, type GatesOutcome } from './formats.js';
import { GateDataError, type GateContext } from './gate-context.js';

type Evaluator = (config: never, context: GateContext) => Promise<GateResult>;

// One line per gate; each lives in its own file beside this one, loaded only when its gate runs (`--only
// coverage` need not load the statistics, XML or source-map libraries of the others).
const EVALUATORS: Readonly<Record<GateId, () => Promise<Evaluator>>> = {
  coverage: async (): Promise<Evaluator> => (await import('./coverage.js')).coverageGate,
  typeCoverage: async (): Promise<Evaluator> => (await import('./type-coverage.js')).typeCoverageGate,
  bundleSize: async (): Promise<Evaluator> => (await import('./bundle-size.js')).bundleSizeGate,
  regression: async (): Promise<Evaluator> => (await import('./regression.js')).regressionGate,
  budgets: async (): Promise<Evaluator> => (await import('./budgets.js')).budgetsGate,
  memory: async (): Promise<Evaluator> => (await import('./memory.js')).memoryGate,
  accessibility: async (): Promise<Evaluator> => (await import('./accessibility.js')).accessibilityGate,
};

/** One folder whose gates run: the root, or a workspace package with its own configuration. */
interface GateScope {
  readonly folder: string;
  /** `''` for the root; the package folder relative to the root otherwise. */
  readonly label: string;
  readonly config: LoadedConfig;
}

async function workspaceFolders(root: string): Promise<readonly string[]> {
  let manifest: { readonly workspaces?: readonly string[] | { readonly packages?: readonly string[] } };
  try {
    manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return [];
  }
  const patterns = Array.isArray(manifest.workspaces) ? manifest.workspaces : ((manifest.workspaces as { readonly packages?: readonly string[] } | undefined)?.packages ?? []);
  const safe = patterns.filter((pattern: unknown): pattern is string => typeof pattern === 'string' && !path.isAbsolute(pattern) && !pattern.split('/').includes('..'));
  if (safe.length === 0) return [];
  const folders = await fg(safe.map((pattern: string): string => pattern.replace(/\/+$/u, '')), { cwd: root, onlyDirectories: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] });
  return folders.filter((folder: string): boolean => folder !== '.' && folder !== '').sort();
}

/**
 * The root's configuration, and that of each workspace package (package.json `workspaces`, npm/yarn/pnpm
 * style globs) that has its own perf-standards.config.json.
 * @performance one read per configuration file, one glob walk for the workspaces.
 */
async function gateScopes(root: string): Promise<readonly GateScope[]> {
  const rootConfig = await loadConfig(root, CONFIG_FILE);
  const packages = await Promise.all(
    (await workspaceFolders(root)).map(async (folder: string): Promise<GateScope> => ({
      folder: path.join(root, folder),
      label: folder,
      config: await loadConfig(path.join(root, folder), `${folder}/${CONFIG_FILE}`),
    })),
  );
  return [{ folder: root, label: '', config: rootConfig }, ...packages.filter((scope: GateScope): boolean => scope.config.file !== null)];
}

async function runGate(gate: GateId, gates: GatesConfig, scope: GateScope, args: GatesArguments, progress: (line: string) => void): Promise<GateResult | null> {
  const setting = gates[gate];
  const configured = scope.config.configured.has(gate);
  // A package's configuration adds the gates it names; the root's runs them all.
  if (setting === false || (scope.label !== '' && !configured)) return null;
  const explicit = configured || (args.only !== null && scope.label === '');
  const title = scope.label === '' ? GATE_TITLES[gate] : `${GATE_TITLES[gate]} (${scope.label})`;
  const context: GateContext = { root: scope.folder, explicit, baseline: args.baseline, progress: (line: string): void => progress(`${title}: ${line}`) };
  const evaluator = await EVALUATORS[gate]();
  let result: GateResult;
  try {
    result = await evaluator((setting ?? {}) as never, context);
  } catch (error: unknown) {
    if (!(error instanceof GateDataError)) throw error;
    result = { gate, title, verdict: 'error', threshold: '', measured: '', source: '', details: [], message: error.message };
  }
  const source = scope.label === '' || result.source === '' ? result.source : result.source.split(', ').map((file: string): string => `${scope.label}/${file}`).join(', ');
  return { ...result, title, source };
}

/**
 * Evaluates the gates (all, or `--only`'s) for the root and each workspace package with its own
 * configuration, and decides the exit code: 2 when a report the configuration names is missing or
 * unreadable, else 1 when a gate failed, else 0. `progress` hears how far a long gate is (one line a call).
 * @performance the gates run concurrently, except the regression gate's benchmark rounds, which run after
 * the others, one package at a time: another gate's work on the same cores would be noise in its timings.
 */
export async function evaluateGates(root: string, args: GatesArguments, progress: (line: string) => void = (): void => {}): Promise<GatesOutcome> {
  let scopes: readonly GateScope[];
  try {
    scopes = await gateScopes(root);
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const gateIds = args.only ?? GATE_IDS;
  const jobs = scopes.flatMap((scope: GateScope) => gateIds.map((gate: GateId) => ({ gate, scope })));
  const settled: (GateResult | null)[] = [];
  try {
    const alone = (job: { readonly gate: GateId }): boolean => job.gate === 'regression';
    await Promise.all(
      jobs.map(async (job, index: number): Promise<void> => {
        if (!alone(job)) settled[index] = await runGate(job.gate, job.scope.config.gates, job.scope, args, progress);
      }),
    );
    for (const [index, job] of jobs.entries()) {
      if (alone(job)) settled[index] = await runGate(job.gate, job.scope.config.gates, job.scope, args, progress);
    }
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const results = settled.filter((result: GateResult | null | undefined): result is GateResult => result !== null && result !== undefined);
  const exitCode = results.some((result: GateResult): boolean => result.verdict === 'error')
    ? EXIT_USAGE
    : results.some((result: GateResult): boolean => result.verdict === 'failed')
      ? EXIT_FINDINGS
      : EXIT_CLEAN;
  return { results, exitCode };
}

/**
 * Runs `perf-standards gates` in `io.cwd`: prints the results in the chosen format on stdout, and on stderr
 * how far a long gate is and each error (a missing or unreadable report, with the command that writes it).
 * @performance see evaluateGates.
 */
export async function runGates(args: GatesArguments, io: CommandIO): Promise<number> {
  const outcome = await evaluateGates(io.cwd, args, (line: string): void => {
    io.stderr.write(`perf-standards gates: ${line}\n`);
  });
  const format = args.format === 'json' ? formatJson : args.format === 'markdown' ? formatMarkdown : formatStylish;
  io.stdout.write(format(outcome));
  for (const result of outcome.results) {
    if (result.verdict === 'error') io.stderr.write(`perf-standards gates: ${result.title}: ${result.message ?? 'error'}\n`);
  }
  return outcome.exitCode;
}
