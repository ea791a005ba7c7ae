import path from 'node:path';
import { ESLint } from 'eslint';
import plugin from '../../index.js';
import { REPOSITORY_URL } from '../../rules/utils/create-rule.js';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { escapingLinkReason, escapingLinks, type EscapingLink } from '../../standards/shared/escaping-links.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CommandIO } from '../command.js';
import { createLintProgress } from './lint-progress.js';
import type { CheckArguments } from './arguments.js';
import { createCheckLinter, rejectedOptionsError, withoutForeignRuleDirectives, type CheckLinter } from './eslint-config.js';
import { resolveGitIgnores } from '../../standards/shared/git-ignores.js';
import { repositoryRoot } from '../../standards/shared/git-process.js';
import type { LintTarget } from './lint-target.js';
import { configurationProblem, isConfigValidationError } from './lint-failures.js';
import { configurationError } from '../config-errors.js';
import { codemodsThatCannotRun } from './codemod-readiness.js';
import { summaryLines, tallyRules } from './rule-summary.js';
import { toSarif } from './sarif-format.js';
import { withNamesOfUnparsedFiles } from './unparsed-names.js';
import { isPermissionError, unreadableReason } from '../../standards/shared/unreadable-files.js';

function byFilePath(a: ESLint.LintResult, b: ESLint.LintResult): number {
  return a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0;
}

interface Totals {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function closingLine(target: LintTarget, linter: CheckLinter, { files, errors, warnings }: Totals): string {
  const config =
    linter.configFile === null
      ? 'the perf-standards recommended config'
      : path.relative(target.cwd, linter.configFile) || linter.configFile;
  const outcome =
    errors + warnings === 0 ? 'no problems' : `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  return `Checked ${count(files, 'file')} with ${config}: ${outcome}.`;
}

function totalsOf(results: readonly ESLint.LintResult[]): Totals {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
  }
  return { files: results.length, errors, warnings };
}

async function formatReport(
  args: CheckArguments,
  target: LintTarget,
  linter: CheckLinter,
  results: ESLint.LintResult[],
  totals: Totals,
): Promise<string> {
  if (args.format === 'json') return `${JSON.stringify(results)}\n`;
  if (args.format === 'sarif') {
    const baseDir = (await repositoryRoot(target.cwd)) ?? target.cwd;
    const tool = { name: 'perf-standards', version: plugin.meta.version, informationUri: REPOSITORY_URL };
    const log = toSarif(results, linter.eslint.getRulesMetaForResults(results), tool, path.resolve(baseDir));
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  const stylish = await linter.eslint.loadFormatter('stylish');
  const report = await stylish.format(results);
  const lines = summaryLines(tallyRules(results), args.paths, await codemodsThatCannotRun(results, target.cwd, linter.eslint, linter.configFile));
  const summary = lines.length === 0 ? [] : [...lines, ''];
  return (report.trim() === '' ? '' : `${report.replace(/\n+$/u, '')}\n\n`) + [...summary, closingLine(target, linter, totals), ''].join('\n');
}

// As `eslint -o`: the report goes to the file (its folder created), nothing to stdout.
async function writeReport(args: CheckArguments, report: string, io: CommandIO): Promise<void> {
  if (args.outputFile === null) {
    io.stdout.write(report);
    return;
  }
  const file = path.resolve(io.cwd, args.outputFile);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, report);
  } catch (error: unknown) {
    throw new UsageError(`cannot write the report to ${args.outputFile}: ${unreadableReason(error)}`);
  }
}

/** Builds the ESLint instance a check lints with, for a cwd and the ignore patterns git gave for it. */
export type CheckLinterFactory = (cwd: string, ignorePatterns: readonly string[]) => Promise<CheckLinter>;

const fixingLinter: CheckLinterFactory = (cwd: string, ignorePatterns: readonly string[]): Promise<CheckLinter> => createCheckLinter(cwd, ignorePatterns, true);

/** What git ignores under a cwd, for the given patterns, as ESLint ignore patterns relative to it. */
export type IgnoreResolver = (cwd: string, patterns: readonly string[]) => Promise<readonly string[]>;

const askGit: IgnoreResolver = async (cwd: string, patterns: readonly string[]): Promise<readonly string[]> => (await resolveGitIgnores(cwd, patterns)).patterns;

/** What one check found: the linter it used and the results, sorted by file path. */
export interface CheckRun {
  readonly linter: CheckLinter;
  readonly results: ESLint.LintResult[];
  /** Files and folders this process could not read, skipped, each with why (`permission denied (EACCES)`). */
  readonly unreadable: ReadonlyMap<string, string>;
}

// A run that meets more unreadable paths than this stops: the tree's permissions need fixing first.
const MAX_UNREADABLE = 50;

// An ESLint ignore pattern (a minimatch glob relative to the cwd) for exactly one path.
function ignoreExactly(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/').replace(/[*?[\]{}()!+@\\]/gu, '\\$&');
}

/**
 * The core of `perf-standards check`, shared with the MCP server's `check` tool: asks git what is ignored,
 * gets a linter (a fresh one by default; the server passes its per-root cache), lints and sorts.
 * @performance the resolver's cost (one `git ls-files` by default), the factory's (one config load when
 * fresh), one ESLint run.
 */
export async function lintCheckTarget(
  target: LintTarget,
  obtainLinter: CheckLinterFactory = createCheckLinter,
  resolveIgnores: IgnoreResolver = askGit,
): Promise<CheckRun> {
  const ignores = await resolveIgnores(target.cwd, target.patterns);
  const unreadable = new Map<string, string>();
  let linter = await obtainLinter(target.cwd, ignores);
  // Every path given was skipped (links out of the root): ESLint would lint the cwd for no pattern.
  if (target.patterns.length === 0) return { linter, results: [], unreadable };
  let linted: ESLint.LintResult[] | null = null;
  while (linted === null) {
    try {
      linted = await linter.eslint.lintFiles([...target.patterns]);
    } catch (error: unknown) {
      // ESLint stops the whole run on a file it cannot read: skip that one and lint again.
      if (!isPermissionError(error) || unreadable.size >= MAX_UNREADABLE || unreadable.has(error.path)) throw await explainLintFailure(error, linter, target);
      unreadable.set(error.path, unreadableReason(error));
      const skipped = [...unreadable.keys()].map((file: string): string => ignoreExactly(target.cwd, file));
      linter = await obtainLinter(target.cwd, [...ignores, ...skipped]);
    }
  }
  const judged = await withNamesOfUnparsedFiles(linted, linter.eslint, target.cwd);
  return { linter, results: (linter.configFile === null ? withoutForeignRuleDirectives(judged) : judged).sort(byFilePath), unreadable };
}

// A config block for some files only (say `packages/*/README.md`) is first validated as ESLint lints, and a
// rule that cannot run on some file (a typed rule without type information) stops the run there.
async function explainLintFailure(error: unknown, linter: CheckLinter, target: LintTarget): Promise<unknown> {
  const { configFile } = linter;
  if (configFile !== null && isConfigValidationError(error)) {
    return (await rejectedOptionsError(error, configFile)) ?? (await configurationError(error, configFile, target.cwd));
  }
  return configurationProblem(error, configFile, target.cwd) ?? error;
}

/**
 * Runs one check on a resolved target: asks git what is ignored, skips (and names on stderr) the symbolic
 * links that lead out of the project or nowhere, picks the config, lints, reports, and returns the exit code. Errors, or files it could not read (named on stderr and skipped), make it 1;
 * warnings only past `--max-warnings`.
 * @performance one `git ls-files`, one config load and one ESLint run; parsing the files dominates.
 */
export async function runCheck(args: CheckArguments, target: LintTarget, io: CommandIO): Promise<number> {
  const progress = createLintProgress(io.stderr);
  let run: CheckRun;
  let links: readonly EscapingLink[];
  try {
    // Links out of the project are found first and ignored: ESLint would read through them.
    const gitIgnores = await askGit(target.cwd, target.patterns);
    links = await escapingLinks(await realpath(target.cwd), target.patterns, new Set(gitIgnores));
    const linkPaths = new Set(links.map((link: EscapingLink): string => link.path));
    const ignores = [...gitIgnores, ...links.map((link: EscapingLink): string => link.ignorePattern)];
    const patterns = target.patterns.filter((pattern: string): boolean => !linkPaths.has(pattern));
    run = await lintCheckTarget({ ...target, patterns }, args.fix ? fixingLinter : createCheckLinter, async (): Promise<readonly string[]> => ignores);
  } finally {
    progress.finish();
  }
  for (const link of links) io.stderr.write(`perf-standards check: skipped ${link.path}: ${escapingLinkReason(link, 'the project')}\n`);
  const { linter, results, unreadable } = run;
  // As `eslint --fix`: fixed files are written, and what is left is reported.
  if (args.fix) await ESLint.outputFixes(results);
  for (const [file, reason] of unreadable) {
    io.stderr.write(`perf-standards check: skipped ${path.relative(target.cwd, file) || file}: cannot read it: ${reason}\n`);
  }
  const totals = totalsOf(results);
  const reported = args.quiet ? ESLint.getErrorResults(results) : results;
  await writeReport(args, await formatReport(args, target, linter, reported, args.quiet ? { ...totals, warnings: 0 } : totals), io);

  if (totals.errors > 0 || unreadable.size > 0) return EXIT_FINDINGS;
  if (args.maxWarnings !== null && totals.warnings > args.maxWarnings) {
    const warnings = count(totals.warnings, 'warning');
    io.stderr.write(`perf-standards check: ${warnings}, more than --max-warnings ${args.maxWarnings}.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_CLEAN;
}
