import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, type ParseError } from 'jsonc-parser';
import { UsageError } from '../command.js';
import { CONFIG_FILE, SCHEMA_PATH } from '../../standards/quality-gates/config.js';
import { pytestAddopts, readPythonReports, type PythonReports } from '../../standards/quality-gates/python-reports.js';
import { ignoreRuleFor } from '../../standards/shared/git-ignores.js';
import { runGit } from '../../standards/shared/git-process.js';
import { PYTHON_MANIFESTS } from '../../standards/shared/python-distributions.js';
import { indentationOf } from '../coverage/ratchet.js';
import type { Editor, InitArguments } from './arguments.js';
import { COVERAGE_CONFIG_FILES, planCoverageOmit, type CoverageOmitPlan } from './coverage-omit.js';
import { ownPackage, planPythonMonitor } from './python-monitor.js';

/** A file init writes: new, or an existing JSON file with one entry added. Paths relative to the project. */
export interface PlannedFile {
  readonly path: string;
  /** `null` when the file does not exist yet. */
  readonly before: string | null;
  readonly after: string;
  /** What was added, for the report (`scripts.lint:standards`). */
  readonly what: string;
}

/** Everything init would do, before it does it. */
export interface InitPlan {
  readonly files: readonly PlannedFile[];
  /** Things already in place, one line each. */
  readonly unchanged: readonly string[];
  /** Steps left to the user: lines to add to a file init does not touch, packages to install. */
  readonly advice: readonly string[];
}

export const PLUGIN_PACKAGE = 'eslint-plugin-perf-standards';
export const SCRIPT_NAME = 'lint:standards';
export const SCRIPT_COMMAND = 'perf-standards check';
const SERVER_NAME = 'perf-standards';

const ESLINT_CONFIG_NAMES: readonly string[] = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

interface EditorTarget {
  readonly file: string;
  /** The key holding the servers: VS Code says `servers`, Cursor and Claude Code `mcpServers`. */
  readonly key: string;
  readonly entry: Readonly<Record<string, unknown>>;
}

// The server starts from the project folder (each editor's default for a project-level file) and takes
// its root from the editor's MCP roots; npx runs the project's own installed bin.
const EDITOR_TARGETS: Readonly<Record<Editor, EditorTarget>> = Object.freeze({
  vscode: { file: '.vscode/mcp.json', key: 'servers', entry: { type: 'stdio', command: 'npx', args: ['perf-standards', 'mcp'] } },
  cursor: { file: '.cursor/mcp.json', key: 'mcpServers', entry: { command: 'npx', args: ['perf-standards', 'mcp'] } },
  claude: { file: '.mcp.json', key: 'mcpServers', entry: { type: 'stdio', command: 'npx', args: ['perf-standards', 'mcp'], env: {} } },
});

interface Manifest {
  readonly type?: string;
  readonly scripts?: Readonly<Record<string, unknown>>;
  readonly dependencies?: Readonly<Record<string, unknown>>;
  readonly devDependencies?: Readonly<Record<string, unknown>>;
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

const exists = (file: string): Promise<boolean> => stat(file).then((): boolean => true, (): boolean => false);

function parseJson(text: string, strict: boolean): { readonly value: unknown; readonly valid: boolean } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: !strict, disallowComments: strict });
  return { value, valid: errors.length === 0 && typeof value === 'object' && value !== null && !Array.isArray(value) };
}

// JSON on one line with the spacing people type: `{ "a": [1, 2] }`.
const inlineJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]: [string, unknown]): string => `${JSON.stringify(key)}: ${inlineJson(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
};

/**
 * Adds `key: value` to the object at `parentPath`, touching nothing else in the file: the property goes after
 * the object's last one, on its own line with that line's indentation (inline, for an object on one line).
 * A missing parent is added to its own parent the same way; an empty one is filled by jsonc-parser.
 * @complexity O(length of the text).
 */
export function insertProperty(text: string, parentPath: readonly string[], key: string, value: unknown): string {
  const tree = parseTree(text);
  const parent = tree === undefined ? undefined : findNodeAtLocation(tree, [...parentPath]);
  if (parent === undefined) {
    const grandparent = parentPath.slice(0, -1);
    const name = parentPath.at(-1);
    if (name === undefined) return text;
    return insertProperty(text, grandparent, name, { [key]: value });
  }
  const last = parent.children?.at(-1);
  if (parent.type !== 'object' || last === undefined) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return applyEdits(text, modify(text, [...parentPath, key], value, { formattingOptions: { ...indentationOf(text), eol } }));
  }
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const end = last.offset + last.length;
  if (lineStart <= parent.offset) {
    return `${text.slice(0, end)}, ${JSON.stringify(key)}: ${inlineJson(value)}${text.slice(end)}`;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^[ \t]*/u.exec(text.slice(lineStart))?.[0] ?? '';
  const { insertSpaces, tabSize } = indentationOf(text);
  const unit = insertSpaces ? ' '.repeat(tabSize) : '\t';
  const valueText = JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`);
  return `${text.slice(0, end)},${eol}${indent}${JSON.stringify(key)}: ${valueText}${text.slice(end)}`;
}

type ConfigSyntax = 'esm' | 'cjs' | 'ts';

/**
 * The `eslint.config.*` text for a project of the given syntax and config level.
 * @complexity O(1).
 */
export function eslintConfigText(syntax: ConfigSyntax, level: 'recommended' | 'recommendedTypeChecked'): string {
  if (syntax === 'cjs') {
    return `const { configs } = require('${PLUGIN_PACKAGE}');\n\nmodule.exports = [\n  ...configs.${level},\n];\n`;
  }
  return `import perfStandards from '${PLUGIN_PACKAGE}';\n\nexport default [\n  ...perfStandards.configs.${level},\n];\n`;
}

async function planEslintConfig(cwd: string, manifest: Manifest, args: InitArguments, plan: Mutable): Promise<ConfigSyntax | null> {
  const entries = await readdir(cwd);
  const existing = ESLINT_CONFIG_NAMES.find((name: string): boolean => entries.includes(name));
  const hasTsconfig = entries.includes('tsconfig.json');
  if (args.typed && !hasTsconfig) plan.advice.push('--typed needs a tsconfig.json at the project root; the config uses configs.recommended.');
  const level = args.typed && hasTsconfig ? 'recommendedTypeChecked' : 'recommended';
  const usesTypeScriptConfigs = entries.some((name: string): boolean => /\.config\.[cm]?ts$/u.test(name));
  const syntax: ConfigSyntax = usesTypeScriptConfigs ? 'ts' : manifest.type === 'module' ? 'esm' : 'cjs';
  if (existing !== undefined) {
    const text = (await readIfExists(path.join(cwd, existing))) ?? '';
    if (text.includes(PLUGIN_PACKAGE)) {
      plan.unchanged.push(`${existing} already uses ${PLUGIN_PACKAGE}`);
    } else {
      const cjs = existing.endsWith('.cjs') || (existing.endsWith('.js') && manifest.type !== 'module');
      plan.advice.push(
        `${existing} is left as it is; add the standards to it:`,
        cjs ? `  const { configs } = require('${PLUGIN_PACKAGE}');` : `  import perfStandards from '${PLUGIN_PACKAGE}';`,
        `  // first in the exported array:`,
        cjs ? `  ...configs.${level},` : `  ...perfStandards.configs.${level},`,
      );
    }
    return null;
  }
  const name = syntax === 'ts' ? 'eslint.config.ts' : syntax === 'esm' ? 'eslint.config.js' : 'eslint.config.cjs';
  plan.files.push({ path: name, before: null, after: eslintConfigText(syntax, level), what: `configs.${level}` });
  return syntax;
}

async function detectedEditors(cwd: string): Promise<readonly Editor[]> {
  const [vscode, cursor, claudeDir, claudeFile] = await Promise.all(
    ['.vscode', '.cursor', '.claude', '.mcp.json'].map((name: string): Promise<boolean> => exists(path.join(cwd, name))),
  );
  const found: Editor[] = [];
  if (vscode === true) found.push('vscode');
  if (cursor === true) found.push('cursor');
  if (claudeDir === true || claudeFile === true) found.push('claude');
  return found.length === 0 ? ['vscode'] : found;
}

interface EditorStep {
  readonly file?: PlannedFile;
  readonly unchanged?: string;
  readonly advice?: string;
}

async function planEditor(cwd: string, editor: Editor): Promise<EditorStep> {
  const target = EDITOR_TARGETS[editor];
  const before = await readIfExists(path.join(cwd, target.file));
  const what = `${target.key}.${SERVER_NAME}`;
  if (before === null) {
    return { file: { path: target.file, before: null, after: `${JSON.stringify({ [target.key]: { [SERVER_NAME]: target.entry } }, null, 2)}\n`, what } };
  }
  const { value, valid } = parseJson(before, false);
  if (!valid) {
    return { advice: `${target.file} could not be read as JSON and is left as it is; add to its "${target.key}": ${JSON.stringify({ [SERVER_NAME]: target.entry })}` };
  }
  const servers = (value as Record<string, unknown>)[target.key];
  if (typeof servers === 'object' && servers !== null && SERVER_NAME in servers) return { unchanged: `${target.file} already has the ${SERVER_NAME} server` };
  return { file: { path: target.file, before, after: insertProperty(before, [target.key], SERVER_NAME, target.entry), what } };
}

/** Says so when git ignores the editor's file: the server entry then reaches no teammate. */
async function sharedOrNot(cwd: string, file: string): Promise<string | null> {
  const rule = await ignoreRuleFor(cwd, file);
  if (rule === null) return null;
  return `${file} is ignored by ${rule.source}:${rule.line} (${rule.pattern}): it stays on this machine, and teammates do not get the ${SERVER_NAME} server. To share it, commit it anyway: git add -f ${file}`;
}

function planScript(text: string, manifest: Manifest, plan: Mutable): void {
  const current = manifest.scripts?.[SCRIPT_NAME];
  if (current === SCRIPT_COMMAND) {
    plan.unchanged.push(`package.json already has the ${SCRIPT_NAME} script`);
  } else if (current !== undefined) {
    plan.advice.push(`package.json's "${SCRIPT_NAME}" script is "${String(current)}" and is left as it is; \`${SCRIPT_COMMAND}\` checks the standards.`);
  } else {
    plan.files.push({ path: 'package.json', before: text, after: insertProperty(text, ['scripts'], SCRIPT_NAME, SCRIPT_COMMAND), what: `scripts.${SCRIPT_NAME}` });
  }
}

const BENCH_RESULTS = '.perf-standards/bench.json';

const gitRefExists = async (cwd: string, ref: string): Promise<boolean> => (await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) !== null;

/**
 * The regression gate's baseline: the branch changes are merged into, as a ref this repository has. The
 * remote's default branch (`origin/HEAD`, which `git clone` sets), else `origin/main` or `origin/master`
 * when fetched, else a local `main` or `master` (a repository without a remote yet), else `origin/main`,
 * the usual name once one is pushed. `advice` when the choice is only local.
 * @performance up to six short git processes.
 */
async function regressionBaseline(cwd: string): Promise<{ readonly ref: string; readonly advice?: string }> {
  const remoteHead = (await runGit(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']))?.trim();
  if (remoteHead !== undefined && remoteHead !== '') return { ref: remoteHead };
  for (const ref of ['origin/main', 'origin/master']) if (await gitRefExists(cwd, ref)) return { ref };
  for (const ref of ['main', 'master']) {
    if (await gitRefExists(cwd, ref)) {
      return { ref, advice: `gates.regression.baseline is "${ref}", a local branch (no origin/${ref} here); in CI use the remote's branch, fetched: actions/checkout with fetch-depth: 0, or \`git fetch origin ${ref}\`.` };
    }
  }
  return { ref: 'origin/main' };
}

/** The regression gate for pytest-benchmark: its results where `addopts` put them, else in .perf-standards/. */
async function pythonBenchmarkGate(cwd: string, reports: PythonReports, advice: string[]): Promise<Readonly<Record<string, unknown>>> {
  const report = reports.benchmarkJson ?? BENCH_RESULTS;
  const baseline = await regressionBaseline(cwd);
  if (baseline.advice !== undefined) advice.push(baseline.advice);
  // `python3 -m pytest` puts the tree it runs in first on sys.path, so each tree's tests import its own code
  // (plain `pytest` could import the installed, current one); a src/ layout's package root is put there too.
  const own = await ownPackage(cwd);
  const packageRoot = own === null ? '' : own.folder.slice(0, own.folder.length - own.name.split('.').join('/').length).replace(/\/$/u, '');
  const pythonPath = packageRoot === '' ? '' : `PYTHONPATH=${packageRoot} `;
  if (reports.benchmarkJson === null) await adviseIgnoringResults(cwd, advice);
  return { baseline: baseline.ref, command: `${pythonPath}python3 -m pytest --benchmark-only --benchmark-json=${report}`, report, threshold: 5 };
}

async function adviseIgnoringResults(cwd: string, advice: string[]): Promise<void> {
  // The results are written on every run: left untracked, they would sit in every `git status`.
  const ignored = await readIfExists(path.join(cwd, '.gitignore'));
  if (ignored !== null && !/^\/?\.perf-standards\/?$/mu.test(ignored)) advice.push(`Add .perf-standards/ to .gitignore: the regression gate's benchmark runs write ${BENCH_RESULTS} there.`);
}

/**
 * The `gates` init writes: the gates whose tools the project already uses, set to read what those tools
 * write (a gate left out still runs with its defaults where its report is). vitest: coverage from
 * coverage-final.json (vitest's default `json` reporter), and, with a `*.bench.*` file, the regression
 * gate running `vitest bench` on both trees against origin/main; a tsconfig: type coverage. Python (a
 * pyproject.toml, setup.py or setup.cfg): type coverage; coverage from coverage.py's report where its
 * configuration or pytest-cov's writes it (both reports in a project with both); with pytest-benchmark, the regression gate running the
 * benchmarks with pytest on both trees (python-reports.ts reads the tools' configuration).
 * @complexity O(entries of the root folder + files under it named *.bench.* + size of the Python tools' configuration).
 */
async function gatesFor(cwd: string, manifest: Manifest, entries: readonly string[], advice: string[]): Promise<Readonly<Record<string, unknown>>> {
  const installed = { ...manifest.dependencies, ...manifest.devDependencies };
  const gates: Record<string, unknown> = {};
  const isPython = PYTHON_MANIFESTS.some((name: string): boolean => entries.includes(name));
  const python = isPython ? await readPythonReports(cwd) : null;
  // Both languages' reports in a project with both: the gate merges them by file.
  const reports = [
    ...('vitest' in installed || 'jest' in installed || 'c8' in installed || 'nyc' in installed ? ['coverage/coverage-final.json'] : []),
    ...(python?.coverage == null ? [] : [python.coverage]),
  ];
  if (reports.length > 0) gates['coverage'] = { report: reports.length === 1 ? reports[0] : reports, threshold: 90 };
  if (entries.includes('tsconfig.json') || isPython) gates['typeCoverage'] = { threshold: 95 };
  if ('vitest' in installed) {
    const { default: fg } = await import('fast-glob');
    const benches = await fg(['**/*.bench.{ts,mts,cts,js,mjs,cjs,tsx,jsx}'], { cwd, ignore: ['**/node_modules/**'], deep: 6 });
    if (benches.length > 0) {
      const baseline = await regressionBaseline(cwd);
      if (baseline.advice !== undefined) advice.push(baseline.advice);
      gates['regression'] = { baseline: baseline.ref, command: `npx vitest bench --run --outputJson ${BENCH_RESULTS}`, report: BENCH_RESULTS, threshold: 5 };
      await adviseIgnoringResults(cwd, advice);
    }
  }
  if (gates['regression'] === undefined && python?.hasBenchmarks === true) gates['regression'] = await pythonBenchmarkGate(cwd, python, advice);
  return gates;
}

async function planGates(cwd: string, manifest: Manifest, plan: Mutable): Promise<void> {
  const entries = await readdir(cwd);
  const before = await readIfExists(path.join(cwd, CONFIG_FILE));
  const baselineAdvice: string[] = [];
  const gates = await gatesFor(cwd, manifest, entries, baselineAdvice);
  if (before === null) {
    const after = `${JSON.stringify({ $schema: `./${SCHEMA_PATH}`, gates }, null, 2)}\n`;
    plan.files.push({ path: CONFIG_FILE, before: null, after, what: Object.keys(gates).length === 0 ? 'gates with the defaults' : `gates: ${Object.keys(gates).join(', ')}` });
    plan.advice.push(...baselineAdvice);
    return;
  }
  const { value, valid } = parseJson(before, true);
  if (!valid) {
    plan.advice.push(`${CONFIG_FILE} could not be read as JSON and is left as it is; add to it: ${JSON.stringify({ gates })}`);
  } else if ('gates' in (value as Record<string, unknown>)) {
    plan.unchanged.push(`${CONFIG_FILE} already has gates`);
  } else {
    plan.files.push({ path: CONFIG_FILE, before, after: insertProperty(before, [], 'gates', gates), what: 'gates' });
    plan.advice.push(...baselineAdvice);
  }
}

interface Mutable {
  readonly files: PlannedFile[];
  readonly unchanged: string[];
  readonly advice: string[];
}

/**
 * planCoverageOmit for the monitor at `monitor`, from the root's coverage.py and pytest configuration files.
 * @performance reads at most 8 small files; lstat of the 4 coverage.py may read.
 */
async function planMonitorOmit(cwd: string, monitor: string): Promise<CoverageOmitPlan> {
  const links = (
    await Promise.all(COVERAGE_CONFIG_FILES.map(async (name: string): Promise<string | null> => ((await lstat(path.join(cwd, name)).catch((): null => null))?.isSymbolicLink() === true ? name : null)))
  ).filter((name: string | null): name is string => name !== null);
  const names = [...new Set([...COVERAGE_CONFIG_FILES, 'pytest.ini', '.pytest.ini', 'pytest.toml', '.pytest.toml'])].filter((name: string): boolean => !links.includes(name));
  const read = await Promise.all(names.map(async (name: string): Promise<readonly [string, string | null]> => [name, await readIfExists(path.join(cwd, name))]));
  const files = new Map(read.filter((entry): entry is readonly [string, string] => entry[1] !== null));
  return planCoverageOmit(files, monitor, pytestAddopts(files) ?? [], links);
}

/**
 * Works out what `perf-standards init` writes in `cwd`: an eslint.config (ESM, CJS or TypeScript as the
 * project is) unless one exists, the MCP server entry for each editor, the `lint:standards` script, the
 * quality gates, and in a Python project without a monitor the Python monitor (python-monitor.ts), left out of
 * coverage.py by its configuration's `[run] omit` (coverage-omit.ts). Files
 * that exist are only added to (JSON, formatting kept) or left alone with the lines to add; packages that are
 * missing are named. Reads only; a missing or invalid package.json is a UsageError.
 * @performance a handful of small file reads.
 */
export async function planInit(cwd: string, args: InitArguments): Promise<InitPlan> {
  const text = await readIfExists(path.join(cwd, 'package.json'));
  if (text === null) throw new UsageError(`no package.json in ${cwd}; run \`npm init\` first, then init again`);
  const { value, valid } = parseJson(text, true);
  if (!valid) throw new UsageError(`${path.join(cwd, 'package.json')} is not valid JSON; fix it, then init again`);
  const manifest = value as Manifest;
  const plan: Mutable = { files: [], unchanged: [], advice: [] };
  const syntax = await planEslintConfig(cwd, manifest, args, plan);
  const steps = await Promise.all((args.editors ?? (await detectedEditors(cwd))).map((editor: Editor): Promise<EditorStep> => planEditor(cwd, editor)));
  for (const step of steps) {
    if (step.file !== undefined) {
      plan.files.push(step.file);
      const advice = await sharedOrNot(cwd, step.file.path);
      if (advice !== null) plan.advice.push(advice);
    }
    if (step.unchanged !== undefined) plan.unchanged.push(step.unchanged);
    if (step.advice !== undefined) plan.advice.push(step.advice);
  }
  planScript(text, manifest, plan);
  await planGates(cwd, manifest, plan);
  if (args.pythonMonitor) {
    const created = syntax === null ? undefined : plan.files.find((file: PlannedFile): boolean => ESLINT_CONFIG_NAMES.includes(file.path));
    const python = await planPythonMonitor(cwd, created?.path ?? null);
    if (created !== undefined && python.configEntry !== null) {
      // The text init just composed ends with the array's `];`: the entry goes last, after the recommended configs.
      const index = plan.files.indexOf(created);
      plan.files[index] = { ...created, after: created.after.replace(/\];\n$/u, `  ${python.configEntry}\n];\n`), what: `${created.what}, decoratorModule for Python` };
    }
    plan.files.push(...python.files);
    plan.unchanged.push(...python.unchanged);
    plan.advice.push(...python.advice);
    // The monitor is a module of the package like any other: coverage.py counts its statements, which the
    // project's tests may never run (226 of them: dacite's 92.96% of lines became 62.11%). Left out of it.
    const monitor = python.files.find((file: PlannedFile): boolean => file.path.endsWith('.py') && !file.path.endsWith('__init__.py'));
    if (monitor !== undefined && (await readPythonReports(cwd)).coverage !== null) {
      const omit = await planMonitorOmit(cwd, monitor.path);
      if (omit.file !== undefined) plan.files.push(omit.file);
      if (omit.unchanged !== undefined) plan.unchanged.push(omit.unchanged);
      if (omit.advice !== undefined) plan.advice.push(omit.advice);
    }
  }
  const installed = { ...manifest.dependencies, ...manifest.devDependencies };
  const wanted = [PLUGIN_PACKAGE, 'eslint', ...(args.typed ? ['typescript'] : []), ...(syntax === 'ts' ? ['jiti'] : [])];
  const missing = wanted.filter((name: string): boolean => !(name in installed));
  if (missing.length > 0) plan.advice.push('Install what the config needs (init installs nothing):', `  npm i -D ${missing.join(' ')}`);
  return plan;
}
