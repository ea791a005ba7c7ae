import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { CODEMOD_NAMES, loadCodemods } from '../../codemods/runner/registry.js';
import type { Codemod, CodemodOptions } from '../../codemods/runner/contract.js';
import type { WriteGate } from '../../codemods/runner/atomic-write.js';
import { DiscoveryError } from '../../codemods/runner/discovery.js';
import { CodemodConfigurationError } from '../../codemods/runner/preflight.js';
import { DEFAULT_OPTIONS, eslintOptionsSource, OPTIONS_BASE_KEY, type OptionsSource, type RuleNotRun } from '../../codemods/runner/rule-options.js';
import { optionsBaseFolder } from '../../standards/shared/config-folder.js';
import { rejectedOptionsError } from '../check/eslint-config.js';
import { configurationError } from '../config-errors.js';
import { runCodemods, type ProgressEvent, type RunReport } from '../../codemods/runner/run-codemods.js';
import { DirtyWorkTreeError, isInsideWorkTree, NotInWorkTreeError } from '../../codemods/runner/work-tree.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CommandIO } from '../command.js';
import type { FixArguments } from './arguments.js';
import { relativeInsideCurrentDirectory } from '../check/lint-target.js';
import { createProgress } from './progress.js';
import { formatCodemodList, formatDiffs, formatFileList, formatInterruption, formatSummary, toJsonReport } from './report-format.js';

/** The root and the paths (relative to it) one fix run works on. */
export interface FixTarget {
  readonly root: string;
  readonly paths: readonly string[];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then((): boolean => true, (): boolean => false);
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((info): boolean => info.isDirectory(), (): boolean => false);
}

function isStrictlyInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The root: `--root`, else the one directory given when it is not inside the current directory, else the
 * current directory (a folder inside it narrows the selection). Paths are taken
 * relative to the current directory and must lie inside the root, because importers anywhere under
 * the root are rewritten.
 * @performance one `stat` per path.
 */
export async function resolveFixTarget(args: FixArguments, cwd: string): Promise<FixTarget> {
  let root: string;
  let paths = args.paths;
  if (args.root !== null) {
    root = path.resolve(cwd, args.root);
    if (!(await isDirectory(root))) throw new UsageError(`--root ${args.root} is not a directory`);
  } else if (paths.length === 1 && (await isDirectory(path.resolve(cwd, paths[0] ?? '.'))) && !isStrictlyInside(path.resolve(cwd, paths[0] ?? '.'), cwd)) {
    // A directory elsewhere is its own project; a folder of the current one only narrows the selection, so
    // that its files' importers anywhere in the project are rewritten too.
    root = path.resolve(cwd, paths[0] ?? '.');
    paths = [];
  } else {
    root = cwd;
  }
  const missing = (
    await Promise.all(
      paths.map(async (given: string): Promise<string | null> =>
        /[*?[\]{}]/u.test(given) || (await exists(path.resolve(cwd, given))) ? null : given,
      ),
    )
  ).find((given: string | null): given is string => given !== null);
  if (missing !== undefined) throw new UsageError(`no such file or directory: ${missing}`);
  const relative = paths.map((given: string): string => {
    if (/[*?[\]{}]/u.test(given)) return given;
    // Without --root, the paths are parts of the current directory's project, as for `check`.
    if (args.root === null) relativeInsideCurrentDirectory(given, cwd);
    const absolute = path.resolve(cwd, given);
    const inRoot = path.relative(root, absolute);
    if (inRoot === '..' || inRoot.startsWith(`..${path.sep}`) || path.isAbsolute(inRoot)) {
      throw new UsageError(`${given} is outside the project root ${root}; pass --root or run from a folder that contains it`);
    }
    return inRoot === '' ? '.' : inRoot.split(path.sep).join('/');
  });
  return { root, paths: relative.filter((given: string): boolean => given !== '.') };
}

/** The user's config as the codemods read it, or the defaults when the project has no eslint.config.*. */
interface UserOptions {
  readonly source: OptionsSource;
  readonly configFile: string | null;
}

// Options come from the user's eslint.config.* for each codemod's rule; without a config the standards'
// defaults apply. A config that cannot be loaded or validated stops the run (see ConfigurationError).
async function userOptions(root: string): Promise<UserOptions> {
  const eslint = new ESLint({ cwd: root });
  const configFile = (await eslint.findConfigFile()) ?? null;
  return { source: configFile === null ? DEFAULT_OPTIONS : eslintOptionsSource(eslint), configFile };
}

// ESLint's error, as the user's config problem: the file and line, ESLint's words; the option named for
// this plugin's rules.
async function explained<T>(work: Promise<T>, configFile: string | null, root: string): Promise<T> {
  try {
    return await work;
  } catch (error: unknown) {
    if (configFile === null) throw error;
    throw (await rejectedOptionsError(error, configFile)) ?? (await configurationError(error, configFile, root));
  }
}

/**
 * Each file's options with OPTIONS_BASE_KEY, the folder their globs are relative to (the config file's, as for
 * the rules), so `fix` run in a subfolder honours a root config's `ignore: ['legacy/**']`; `check` asks
 * codemods with the same options. Equal options with equal folders stay one object, which codemods memoize on.
 * @complexity O(1) per file, after the first of each options object and folder.
 */
export function withBasePaths(lookup: (file: string) => CodemodOptions, root: string, configFile: string | null): (file: string) => CodemodOptions {
  if (configFile === null) return lookup;
  const shared = new Map<CodemodOptions, Map<string, CodemodOptions>>();
  return (file: string): CodemodOptions => {
    const options = lookup(file);
    const base = optionsBaseFolder(file, root);
    let byBase = shared.get(options);
    if (byBase === undefined) {
      byBase = new Map();
      shared.set(options, byBase);
    }
    let withBase = byBase.get(base);
    if (withBase === undefined) {
      withBase = Object.freeze({ ...options, [OPTIONS_BASE_KEY]: base });
      byBase.set(base, withBase);
    }
    return withBase;
  };
}

/** An options source whose config loads while other work runs, and whose errors name the config's problem. */
function deferredOptions(loading: Promise<UserOptions>, root: string): OptionsSource {
  return {
    prepare: async (rule: string, files: readonly string[]): Promise<(file: string) => CodemodOptions> => {
      const { source, configFile } = await loading;
      return withBasePaths(await explained(source.prepare(rule, files), configFile, root), root, configFile);
    },
    validate: async (files: readonly string[]): Promise<void> => {
      const { source, configFile } = await loading;
      await explained(source.validate?.(files) ?? Promise.resolve(), configFile, root);
    },
    filesTurningOff: async (rule: string, files: readonly string[]): Promise<ReadonlyMap<string, RuleNotRun>> => {
      const { source, configFile } = await loading;
      return explained(source.filesTurningOff?.(rule, files) ?? Promise.resolve(new Map<string, RuleNotRun>()), configFile, root);
    },
  };
}

function writeOutput(args: FixArguments, report: RunReport, codemods: readonly Codemod[], io: CommandIO): void {
  if (args.json) {
    io.stdout.write(`${JSON.stringify(toJsonReport(report, codemods), null, 2)}\n`);
    return;
  }
  if (args.dryRun) {
    // The patch goes to stdout alone, so `--dry-run > change.diff` is a patch `git apply` takes.
    if (!args.quiet) io.stdout.write(formatDiffs(report, io.stdout.isTTY === true && process.env['NO_COLOR'] === undefined));
    io.stderr.write(formatFileList(report, args.quiet));
    if (!args.quiet) io.stderr.write(formatSummary(report));
    return;
  }
  io.stdout.write(formatFileList(report, args.quiet));
  if (!args.quiet) io.stdout.write(formatSummary(report));
}

/** One fix run, as the command and the MCP server's `fix` tool ask for it. */
export interface FixRequest {
  /** Absolute project root; nothing outside it is written. */
  readonly root: string;
  /** Files, folders or globs relative to `root`; empty = everything. */
  readonly paths: readonly string[];
  /** Codemod names (known ones); run in the registry's safe order. */
  readonly codemods: readonly string[];
  readonly dryRun: boolean;
  readonly force: boolean;
  /** Worker threads; `null` = every core. */
  readonly jobs: number | null;
  readonly scriptsDir: string | null;
  /** `concurrent-await`'s bound on calls in flight (`--limit`); `null` or absent = unbounded. */
  readonly limit?: number | null;
  /** `--change-public-api`: let the type-changing codemods change what a published package exports. */
  readonly changePublicApi?: boolean;
  /** Leave out what the config turns off (`--all`; a codemod named on purpose runs). */
  readonly skipRulesTurnedOff?: boolean;
  /** Report a codemod the project's configuration keeps from running as not run, and run the others (`--all`). */
  readonly skipCodemodsThatCannotRun?: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Stops the run between codemods and files (see RunOptions.signal). */
  readonly signal?: AbortSignal;
  /** Brackets each codemod's writes (see WriteGate). */
  readonly writeGate?: WriteGate;
}

/** The engine's report and the codemods that ran, in order. */
export interface FixOutcome {
  readonly report: RunReport;
  readonly codemods: readonly Codemod[];
}

/**
 * The core of `perf-standards fix`, shared with the MCP server: reads rule options from the user's ESLint
 * config (while the codemods load), runs the engine, and turns a target outside a git work tree (unless
 * `force` or `dryRun`), a dirty work tree or a bad path into a UsageError.
 * @performance one ESLint config load, one `calculateConfigForFile` per selected file, then the engine.
 */
export async function executeFix(request: FixRequest): Promise<FixOutcome> {
  // Writes only where git can show and revert them; a dry run writes nothing.
  if (!request.dryRun && !request.force && !(await isInsideWorkTree(request.root))) throw new UsageError(new NotInWorkTreeError(request.root).message);
  // Loading the user's ESLint config (and the plugins it imports) takes seconds on a large config; it
  // runs while the codemods load and the engine checks the tree and discovers files.
  const loadingOptions = userOptions(request.root);
  // Awaited by the engine; this only keeps an early failure from being an unhandled rejection.
  loadingOptions.catch((): void => undefined);
  const options = deferredOptions(loadingOptions, request.root);
  // Named codemods run in the same safe order as --all, each once.
  const codemods = await loadCodemods(request.codemods);
  const extraOptions: CodemodOptions = {
    ...(request.scriptsDir === null ? {} : { scriptsDir: request.scriptsDir }),
    ...(request.limit === null || request.limit === undefined ? {} : { limit: request.limit }),
    ...(request.changePublicApi === true ? { changePublicApi: true } : {}),
  };
  try {
    const report = await runCodemods({
      root: request.root,
      paths: request.paths,
      codemods,
      dryRun: request.dryRun,
      force: request.force,
      ...(request.jobs === null ? {} : { jobs: request.jobs }),
      options,
      extraOptions,
      skipRulesTurnedOff: request.skipRulesTurnedOff ?? false,
      skipCodemodsThatCannotRun: request.skipCodemodsThatCannotRun ?? false,
      ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(request.writeGate === undefined ? {} : { writeGate: request.writeGate }),
    });
    return { report, codemods };
  } catch (error: unknown) {
    if (error instanceof DirtyWorkTreeError || error instanceof DiscoveryError || error instanceof CodemodConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}

/** The shell's code for a process ended by SIGINT (128 + 2). */
const EXIT_INTERRUPTED = 130;

/**
 * Ctrl-C during a fix: the first one stops the run before the next codemod starts or writes (the one
 * writing finishes, so no codemod is applied halfway), the second stops at once, saying which codemods
 * were applied; every file is whole either way (writes are atomic). Node answers a signal when the main
 * thread is free, so a type-check in progress finishes its current step first.
 */
function handleInterrupts(io: CommandIO): { signal: AbortSignal; progress: (event: ProgressEvent) => void; dispose: () => void } {
  const controller = new AbortController();
  const applied: string[] = [];
  let current: string | null = null;
  const onInterrupt = (): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      io.stderr.write(`\nperf-standards fix: interrupted; stopping before the next codemod writes (Ctrl-C again stops at once)\n`);
      return;
    }
    const partly = current === null ? '' : ` ${current} was writing and may be applied to some files only (each file is whole, old or new).`;
    io.stderr.write(`perf-standards fix: stopped. Codemods applied: ${applied.length === 0 ? 'none' : applied.join(', ')}.${partly}\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onInterrupt);
  return {
    signal: controller.signal,
    progress: (event: ProgressEvent): void => {
      if (event.phase !== 'write') return;
      if (event.done === 0) current = event.codemod;
      else {
        applied.push(event.codemod);
        current = null;
      }
    },
    dispose: (): void => {
      process.off('SIGINT', onInterrupt);
    },
  };
}

/**
 * Runs `perf-standards fix` once arguments are parsed: lists codemods, or resolves the target, reads
 * options from the user's ESLint config, runs the engine with progress on stderr, prints the report,
 * and returns 1 when any file failed or `--all` could not run a codemod (the project's configuration keeps it
 * from running: reported `not run` with what to set), 130 when Ctrl-C stopped it. A target outside a git work tree (unless --force or --dry-run),
 * a dirty work tree or a bad path is a usage error (exit 2).
 * @performance one ESLint config load, one `calculateConfigForFile` per selected file, then the engine.
 */
export async function runFix(args: FixArguments, io: CommandIO): Promise<number> {
  if (args.list) {
    const all = await loadCodemods();
    io.stdout.write(
      args.json
        ? `${JSON.stringify(all.map(({ name, rule, alsoFixes, languages, order, kind, description }) => ({ name, rule, alsoFixes: alsoFixes ?? [], languages: languages ?? [], order, kind, description })), null, 2)}\n`
        : formatCodemodList(all),
    );
    return EXIT_CLEAN;
  }
  const target = await resolveFixTarget(args, io.cwd);
  const progress = args.quiet || args.json ? null : createProgress(io.stderr);
  const interruption = handleInterrupts(io);
  let outcome: FixOutcome;
  try {
    outcome = await executeFix({
      root: target.root,
      paths: target.paths,
      codemods: args.all ? CODEMOD_NAMES : args.codemods,
      dryRun: args.dryRun,
      force: args.force,
      jobs: args.jobs,
      scriptsDir: args.scriptsDir,
      limit: args.limit,
      changePublicApi: args.changePublicApi,
      skipRulesTurnedOff: args.all,
      skipCodemodsThatCannotRun: args.all,
      onProgress: (event: ProgressEvent): void => {
        interruption.progress(event);
        progress?.report(event);
      },
      signal: interruption.signal,
    });
  } finally {
    progress?.finish();
    interruption.dispose();
  }
  const { report, codemods } = outcome;
  writeOutput(args, report, codemods, io);
  if (report.interrupted !== undefined) {
    io.stderr.write(formatInterruption(report));
    return EXIT_INTERRUPTED;
  }
  // A codemod --all could not run left its work undone, as a failed file does.
  const notRun = report.skippedCodemods.some((skipped): boolean => skipped.cannotRun === true);
  return report.counts.failed > 0 || notRun ? EXIT_FINDINGS : EXIT_CLEAN;
}
