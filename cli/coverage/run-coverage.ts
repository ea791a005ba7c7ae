import { access, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LEGACY_CACHE_DIRECTORY, removeLegacyCacheFile } from './cache-location.js';
import { parseCoverageCache, serializeCoverageCache } from '../../standards/type-coverage/cache.js';
import { findTsconfig, loadCoverageProjects, ProjectLoadError, type CoverageProject } from '../../standards/type-coverage/project.js';
import { writeFileAtomic, type WriteGate } from '../../codemods/runner/atomic-write.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CommandIO } from '../command.js';
import { defaultJobs, measureCoverage, type Measurement } from './measure.js';
import { ratchetThreshold } from './ratchet.js';
import { buildCoverageReport, formatCoverageText, type CoverageReport } from './report.js';
import type { CoverageSettings } from './settings.js';

/** The cache's file inside the cache directory; type-coverage's own `result.json` beside it is left alone. */
export const CACHE_FILE = 'perf-standards-coverage.json';

function loadProjects(settings: CoverageSettings, cwd: string): readonly CoverageProject[] {
  try {
    return loadCoverageProjects(findTsconfig(settings.project, cwd));
  } catch (error: unknown) {
    if (error instanceof ProjectLoadError) throw new UsageError(error.message);
    throw error;
  }
}

async function readCache(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function explainEmpty(measurement: Measurement, settings: CoverageSettings, projects: readonly CoverageProject[]): string {
  const configs = projects.map((project: CoverageProject): string => project.configFile).join(', ');
  const { outsideCwd, ignored } = measurement.skipped;
  if (settings.files !== undefined) return `none of the files given after "--" is part of ${configs}`;
  if (outsideCwd > 0 && ignored === 0) {
    return `the files of ${configs} are all outside the current directory; run the command from the project's folder or add --not-only-in-cwd`;
  }
  if (ignored > 0) return `ignoreFiles (${settings.countOptions.ignoreFiles.join(', ')}) leaves no file of ${configs} to count`;
  return `${configs} has no file of its own to count (only files under node_modules)`;
}

/** A coverage run's per-file counts and type-coverage's report of them. */
export interface CoverageRun {
  readonly measurement: Measurement;
  readonly report: CoverageReport;
}

/** What the MCP server's `coverage` tool follows of a run: its stages, and its one write (the cache). */
export interface CoverageHooks {
  /** Called as each stage starts: `loading the tsconfig`, `counting`, `saving the cache`. */
  readonly onStage?: (stage: string) => void;
  /** Brackets the cache write; when `enter` returns false the cache is not saved. */
  readonly writeGate?: WriteGate;
}

/**
 * The core of `perf-standards coverage`, shared with the MCP server's `coverage` tool: loads the tsconfig,
 * counts (from the cache where it still holds), saves the cache, and judges the thresholds. No file to
 * count, or a tsconfig that cannot be used, is a UsageError.
 * @performance see measureCoverage; the cache is read and written once, atomically.
 */
export async function measureWithSettings(settings: CoverageSettings, cwd: string, hooks: CoverageHooks = {}): Promise<CoverageRun> {
  hooks.onStage?.('loading the tsconfig');
  const projects = loadProjects(settings, cwd);
  const cacheFile = path.join(settings.cacheDirectory, CACHE_FILE);
  // A cache left in the legacy .type-coverage/ moves to the new place before it is read.
  const legacyFile = settings.cacheDirectoryGiven || !settings.cache ? null : path.join(cwd, LEGACY_CACHE_DIRECTORY, CACHE_FILE);
  let cached = settings.cache ? await readCache(cacheFile) : undefined;
  if (legacyFile !== null) {
    const legacy = await readCache(legacyFile);
    if (cached === undefined && legacy !== undefined) {
      await mkdir(settings.cacheDirectory, { recursive: true });
      await writeFileAtomic(cacheFile, legacy);
      cached = legacy;
    }
    if (legacy !== undefined) await removeLegacyCacheFile(cwd, CACHE_FILE);
  }
  const cache = settings.cache ? parseCoverageCache(cached) : null;
  const only =
    settings.files === undefined
      ? null
      : new Set(settings.files.map((file: string): string => path.relative(cwd, path.resolve(cwd, file))));
  hooks.onStage?.('counting');
  const measurement = await measureCoverage({
    projects,
    countOptions: settings.countOptions,
    selection: { cwd, notOnlyInCwd: settings.notOnlyInCwd, only, ignoreFiles: settings.countOptions.ignoreFiles },
    cache,
    jobs: settings.jobs ?? defaultJobs(),
  });
  if (measurement.files.length === 0) throw new UsageError(`no file to count: ${explainEmpty(measurement, settings, projects)}`);
  if (measurement.cacheToSave !== null && hooks.writeGate?.enter() !== false) {
    hooks.onStage?.('saving the cache');
    try {
      await mkdir(settings.cacheDirectory, { recursive: true });
      await writeFileAtomic(cacheFile, serializeCoverageCache(measurement.cacheToSave));
    } finally {
      hooks.writeGate?.leave();
    }
  }
  const report = buildCoverageReport({
    files: measurement.files,
    atLeast: settings.atLeast,
    is: settings.is,
    detail: settings.detail,
    noDetailWhenFailed: settings.noDetailWhenFailed,
  });
  return { measurement, report };
}

/**
 * Runs `perf-standards coverage` with merged settings: loads the tsconfig, counts (from the cache where it
 * still holds), prints type-coverage's text or JSON, applies `--update`, and returns the exit code.
 * @performance see measureCoverage; the cache is read and written once, atomically.
 */
export async function runCoverage(settings: CoverageSettings, io: CommandIO): Promise<number> {
  const packageJson = path.join(io.cwd, 'package.json');
  const ratchet = settings.update || settings.updateIfHigher;
  // Checked before counting, so a run that cannot save its result fails at once.
  if (ratchet) {
    await access(packageJson).catch((): never => {
      throw new UsageError(`--update needs a package.json in the current directory (${io.cwd})`);
    });
  }
  const { report } = await measureWithSettings(settings, io.cwd);
  if (ratchet && report.totalCount > 0) {
    const outcome = await ratchetThreshold(packageJson, Number(report.percentString));
    if (outcome.written && !settings.json) {
      io.stderr.write(`package.json typeCoverage.${outcome.key}: ${outcome.previous ?? 'unset'} → ${outcome.value}\n`);
    }
  }
  if (settings.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const color = io.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
    io.stdout.write(formatCoverageText(report, color));
  }
  return report.succeeded ? EXIT_CLEAN : EXIT_FINDINGS;
}
