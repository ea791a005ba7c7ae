import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePython, type PythonNode } from '../shared/python-ast.js';
import { distributionLabel, publishingDistributionOf, readPythonDistributions } from '../shared/python-distributions.js';
import { enclosingFunction, PythonNames } from '../shared/python-names.js';
import type { PythonBinding, PythonNameResolution } from '../shared/python-scope.js';
import { absoluteModule, PythonImportNames, relativeSpecifier } from '../shared/python-import-names.js';
import { declaredPython } from '../shared/python-version.js';
import { applyEdits, type TextEdit } from '../shared/text-edits.js';
import { PYTHON_STANDARD_MODULES } from '../file-names/python-imports.js';
import { pythonModuleName } from '../concurrency-and-timing/python-event-loops.js';
import { PLUGIN_MONITOR_DECORATOR, pluginMonitorModules } from '../performance-monitoring/python-plugin-monitor.js';
import { annotationCandidates, type AnnotationCandidate, type FunctionCandidates } from './python-annotation-candidates.js';
import { importedAnnotatedFiles, tiePythonError, type BlameSource } from './python-error-blame.js';
import { pythonLineLimit, type PythonLineLimit } from './python-line-length.js';
import { writableReturnType } from './python-printed-types.js';
import { PYRIGHT_TIMEOUT_OPTION, pyrightTimeoutSeconds, PyrightTimeoutError, runPyright, type PyrightCommand } from './python-pyright.js';

/**
 * `add-explicit-types` on Python, for a whole project at once (architecture decision 33):
 * 1. every selected file's functions are read for what `require-explicit-types` reports missing; a literal
 *    default gives its parameter's type (`x=0` → `x: int = 0`);
 * 2. with pyright: one run over a scratch copy of the project in which each function is followed by a
 *    `reveal_type(name)` probe gives every inferred return type at once; a type is written when it names
 *    only builtins and names the file binds (unquoted when an import, class or def binds them for good above
 *    the `def`, else quoted), or names a class of the project or `collections.abc`, which is then imported under
 *    `if TYPE_CHECKING:`; never `Any`;
 * 3. with pyright, the proof: the annotated copy is checked again; the annotations a new error is tied to
 *    (python-error-blame.ts) are dropped and the copy checked again, until pyright reports no error the
 *    project did not have, in at most MAX_PROOF_RUNS runs. An error tied to no annotation (it is in a file
 *    without any) drops the parameter annotations of the files that file imports, then fails those files;
 *    the others are written once a check is clean without them (never half-fixed).
 * An annotation that would push its line past the project's line length (python-line-length.ts) is left out.
 * Without pyright only the syntax speaks (`-> None`, literal returns, literal defaults), on functions that
 * are not methods (an override's types cannot be checked without a type checker), with a note saying so.
 * In a published distribution (standards/shared/python-distributions.ts), the parameters of the functions and
 * methods it offers keep no annotation unless `changePublicApi`: an annotation narrows what callers the
 * project cannot see may pass (mypy checks calls of an annotated function only). Their return types are
 * written: the annotation states the type pyright already shows those callers.
 */

export interface PythonAnnotationInput {
  readonly root: string;
  /** Selected Python files (absolute). */
  readonly files: readonly string[];
  /** Every file of the project (absolute): the scratch copy pyright checks holds all Python files of it. */
  readonly projectFiles: readonly string[];
  readonly optionsFor: (file: string) => Readonly<Record<string, unknown>>;
  readonly pyright: PyrightCommand | null;
  /** `--change-public-api`: annotate the parameters a published distribution offers too. */
  readonly changePublicApi?: boolean;
}

export interface PythonAnnotationResult {
  readonly writes: ReadonlyMap<string, string>;
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  readonly notes: readonly { readonly path: string; readonly message: string }[];
}

// The result while it is planned.
type Building = { readonly [K in keyof PythonAnnotationResult]: PythonAnnotationResult[K] extends readonly (infer U)[] ? U[] : Map<string, string> };

interface ParsedFile {
  readonly path: string;
  /** Relative to the root, with `/`. */
  readonly relative: string;
  readonly text: string;
  readonly module: PythonNode;
  readonly names: PythonNames;
  readonly futureAnnotations: boolean;
  /** Oldest Python 3 minor the project declares. */
  readonly oldest: number;
  readonly functions: readonly FunctionCandidates[];
}

/** `line:column kind name not annotated: reason` per annotation a file's plan leaves alone. */
const leftOf = new WeakMap<ParsedFile, string[]>();

interface Planned {
  readonly file: ParsedFile;
  readonly fn: FunctionCandidates;
  readonly candidate: AnnotationCandidate;
  readonly edit: TextEdit;
  readonly imports: readonly { readonly module: string; readonly name: string }[];
}

const PYTHON_FILE = /\.pyi?$/;
const CONFIG_FILE = /(?:^|\/)(?:pyrightconfig\.json|pyproject\.toml|py\.typed)$/;
// pyright runs in all (the types, then the proof rounds), each a full check of the copy: a wrong tie costs one.
const MAX_PROOF_RUNS = 8;

// The project's modules that are the plugin's monitor; an unreadable file is none.
function projectMonitorModules(input: PythonAnnotationInput): readonly string[] {
  const files = input.projectFiles.filter((file: string): boolean => file.endsWith('.py'));
  const read = files.map((file: string) => {
    let text: string | null = null;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = null;
    }
    return { path: path.relative(input.root, file).split(path.sep).join('/'), text };
  });
  return pluginMonitorModules(read, pythonModuleName);
}
const DEFAULT_PYTHON_MINOR = 10;
// Builtin classes that CPython subscripts from 3.9 on (older Pythons quote them, checked where they are written).
const RUNTIME_GENERICS: ReadonlySet<string> = new Set(['list', 'dict', 'set', 'frozenset', 'tuple', 'type']);

/**
 * Plans the annotations of the selected Python files (see the module's docstring): new texts of the files
 * it annotates, skips (nothing writable) and failures (unparsable file, pyright not runnable, an error tied
 * to no annotation), and a note per annotation left out.
 * @performance one parse per selected file; with pyright, one pyright run over a scratch copy of the
 * project's Python files for the types, then one per proof round (one when no annotation adds an error;
 * MAX_PROOF_RUNS runs in all at most).
 */
export async function planPythonAnnotations(input: PythonAnnotationInput): Promise<PythonAnnotationResult> {
  const result: Building = { writes: new Map(), skipped: [], failed: [], notes: [] };
  const projectFiles = new Set(input.projectFiles);
  const published: PublicParameters = { reasons: new Map(), distributions: new Set() };
  let distributions: ReturnType<typeof readPythonDistributions> | undefined;
  const parsed: ParsedFile[] = [];
  // Read once, and only when a file uses a decorator named like the plugin's monitor.
  let monitors: readonly string[] | null = null;
  const monitorModules = (): readonly string[] => (monitors ??= projectMonitorModules(input));
  // Without pyright each file is planned as soon as it is read and its tree dropped (the trees of a large
  // project would otherwise all stay alive to the end); what it told joins the result in the usual order.
  const told: Building = { writes: new Map(), skipped: [], failed: [], notes: [] };
  let first: string | undefined;
  const lineLimit = pythonLineLimit(input.root);
  for (const file of [...input.files].sort()) {
    const entry = readFile(input, file, projectFiles, result, monitorModules);
    if (entry === null) continue;
    first ??= entry.path;
    distributions ??= input.changePublicApi === true ? [] : readPythonDistributions(input.root, input.projectFiles);
    addPublicParameters(distributions, entry, published);
    if (input.pyright !== null) {
      parsed.push(entry);
      continue;
    }
    const planned: Planned[] = [];
    planSyntactic([entry], planned, published);
    keepWithinLineLimit(planned, lineLimit);
    tell(entry, planned, told);
  }
  if (first === undefined) return result;
  if (input.pyright === null) {
    result.notes.push({
      path: summaryPath(input, first),
      message: `pyright was not found (node_modules/pyright or PATH): only \`-> None\`, literal return types and literal defaults were written, on functions that are not methods, without a type check${publicSummary(published)}`,
    });
  } else {
    const planned: Planned[] = [];
    try {
      await planWithPyright(input, input.pyright, parsed, planned, result, published, lineLimit);
    } catch (error) {
      // One failure, where the run's summary goes, not the same line on every file: no file is written.
      const reason = error instanceof PyrightTimeoutError ? `${error.message} (${PYRIGHT_TIMEOUT_OPTION} of require-explicit-types sets the limit)` : error instanceof Error ? error.message : String(error);
      result.failed.push({ path: summaryPath(input, first), reason: `${reason}: nothing was annotated (${plural(parsed.length, 'file')} lack annotations)` });
      return result;
    }
    for (const file of parsed) {
      if (result.failed.some((failure: { path: string }): boolean => failure.path === file.path)) continue;
      tell(file, planned.filter((entry: Planned): boolean => entry.file === file), told);
    }
  }
  for (const [file, text] of told.writes) result.writes.set(file, text);
  result.skipped.push(...told.skipped);
  result.notes.push(...told.notes);
  return result;
}

// A selected file read for the plan, or null when it has nothing to plan (no function lacks an annotation),
// cannot be parsed (a failure when it has a function), or is or has a stub (a skip).
function readFile(input: PythonAnnotationInput, file: string, projectFiles: ReadonlySet<string>, result: Building, monitorModules: () => readonly string[]): ParsedFile | null {
  const text = fs.readFileSync(file, 'utf8');
  // No `def` keyword, no function: not worth a parse (most of a project's time here is parsing).
  if (!/\bdef\b/.test(text)) return null;
  // No file key: the tree is not kept for an incremental re-parse that never comes.
  const tree = parsePython(text);
  if (!tree.ok) {
    if (/^\s*(?:async\s+)?def\s/m.test(text)) result.failed.push({ path: file, reason: `cannot parse: ${tree.error.message} (line ${tree.error.line})` });
    return null;
  }
  const names = PythonNames.of(tree.ast, text);
  // The rule's `allowedNames` are not reported, so not annotated either.
  const allowed = input.optionsFor(file)['allowedNames'];
  const monitors = text.includes(PLUGIN_MONITOR_DECORATOR) ? monitorModules() : [];
  const functions = annotationCandidates(tree.ast, names, monitors).filter((fn: FunctionCandidates): boolean => !(Array.isArray(allowed) && allowed.includes(fn.name)));
  if (functions.length === 0) return null;
  if (file.endsWith('.pyi')) {
    result.skipped.push({ path: file, reason: 'a stub file: its signatures declare types that no code of it returns' });
    return null;
  }
  if (projectFiles.has(file.replace(/\.py$/, '.pyi'))) {
    result.skipped.push({ path: file, reason: `a stub beside it (${path.basename(file)}i) declares its types: users see those` });
    return null;
  }
  const configured = input.optionsFor(file)['pythonVersion'];
  const oldest = declaredPython(file, input.root)?.minor ?? (typeof configured === 'string' ? Number(configured.split('.')[1]) : DEFAULT_PYTHON_MINOR);
  const futureAnnotations = tree.ast.children.some((statement: PythonNode): boolean => statement.type === 'FutureImportStatement' && /\bannotations\b/.test(names.textOf(statement)));
  const entry: ParsedFile = { path: file, relative: relativeOf(input.root, file), text, module: tree.ast, names, futureAnnotations, oldest, functions };
  leftOf.set(entry, []);
  return entry;
}

// A planned file's outcome: its new text and a note, or a skip; then a note per annotation it leaves out.
function tell(file: ParsedFile, kept: readonly Planned[], told: Building): void {
  if (kept.length > 0) {
    told.writes.set(file.path, renderFile(file, kept));
    told.notes.push({ path: file.path, message: `added ${plural(kept.length, 'type annotation')}` });
  } else {
    const count = leftOf.get(file)?.length ?? 0;
    told.skipped.push({ path: file.path, reason: `${count === 1 ? 'its missing annotation' : `none of its ${count} missing annotations`} can${count === 1 ? 'not' : ''} be written safely (see the notes)` });
  }
  for (const message of leftOf.get(file) ?? []) told.notes.push({ path: file.path, message });
}

// Where the run's summary is told: the root's pyright configuration, else the first file it planned.
function summaryPath(input: PythonAnnotationInput, first: string): string {
  for (const name of ['pyrightconfig.json', 'pyproject.toml']) {
    const config = path.join(input.root, name);
    if (input.projectFiles.includes(config)) return config;
  }
  return first;
}

/** The parameter annotations a published distribution's public API leaves out: the reason of each, and the distributions. */
interface PublicParameters {
  readonly reasons: Map<AnnotationCandidate, string>;
  readonly distributions: Set<string>;
}

// The parameters of the functions and methods a distribution offers (unless `changePublicApi`): what callers
// outside the project may pass is theirs. A function nested in a function is reachable by no caller.
function addPublicParameters(distributions: ReturnType<typeof readPythonDistributions>, file: ParsedFile, published: PublicParameters): void {
  if (distributions.length === 0) return;
  for (const fn of file.functions) {
    if (fn.leftAlone !== null || enclosingFunction(fn.fn) !== null) continue;
    const qualifiedName = [fn.name];
    for (let current = fn.fn.parent; current !== null; current = current.parent) {
      if (current.type === 'ClassDefinition') qualifiedName.unshift(file.names.definitionName(current));
    }
    const distribution = publishingDistributionOf(distributions, file.relative, qualifiedName);
    if (distribution === null) continue;
    const label = distributionLabel(distribution);
    for (const candidate of fn.candidates) {
      // Only a literal default gives a parameter a type; the others keep their own reason.
      if (candidate.missing.kind !== 'parameter' || !candidate.syntactic.ok) continue;
      published.reasons.set(candidate, `it is public API of the distribution ${label}: an annotation narrows what code outside the project may pass (--change-public-api changes it too)`);
      published.distributions.add(`"${distribution.name}"`);
    }
  }
}

// The summary's count of what the public API kept out, as readonly-data-shapes tells it.
function publicSummary(published: PublicParameters): string {
  const count = published.reasons.size;
  return count === 0 ? '' : `; ${plural(count, 'parameter')} left alone as the public API of ${[...published.distributions].sort().join(', ')} (--change-public-api changes them too)`;
}

function relativeOf(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function leave(file: ParsedFile, candidate: AnnotationCandidate, reason: string): void {
  leftOf.get(file)?.push(`${candidate.where} not annotated: ${reason}`);
}

function parameterEdit(file: ParsedFile, fn: FunctionCandidates, candidate: AnnotationCandidate, type: string): TextEdit | string {
  const parameter = candidate.missing.node;
  if (file.names.scopes.resolve(fn.fn.name as PythonNode, type).kind !== 'builtin') return `the name "${type}" means something else here`;
  const name = parameter.name as PythonNode;
  const value = parameter.value as PythonNode;
  return { at: name.range[1], end: value.range[0], text: `: ${type} = `, rank: 0 };
}

// Drops (with a note) the annotations that would push their line past the project's limit (a style check
// such as pycodestyle would fail the project's CI): on each line, the last ones first, until the rest fit.
function keepWithinLineLimit(planned: Planned[], lineLimit: PythonLineLimit | null): void {
  if (lineLimit === null) return;
  const byLine = new Map<string, Planned[]>();
  for (const entry of planned) {
    // The line by its start: O(line) where its number is O(file).
    const key = `${entry.file.path}\u0000${entry.file.text.lastIndexOf('\n', entry.edit.at - 1)}`;
    byLine.set(key, [...(byLine.get(key) ?? []), entry]);
  }
  const dropped = new Set<Planned>();
  for (const entries of byLine.values()) {
    const { file, edit } = entries[0] as Planned;
    const start = file.text.lastIndexOf('\n', edit.at - 1) + 1;
    const end = lineEnd(file.text, edit.at);
    const kept = [...entries].sort((a: Planned, b: Planned): number => a.edit.at - b.edit.at);
    const length = (): number => [...applyEdits(file.text.slice(start, end), kept.map((entry: Planned): TextEdit => ({ ...entry.edit, at: entry.edit.at - start, end: entry.edit.end - start })))].length;
    for (let long = length(); kept.length > 0 && long > lineLimit.limit; long = length()) {
      const last = kept.pop() as Planned;
      dropped.add(last);
      // ` -> T` or `: T = `.
      const type = last.candidate.missing.kind === 'return' ? last.edit.text.slice(' -> '.length) : last.edit.text.slice(': '.length, -' = '.length);
      leave(file, last.candidate, `"${type}" would make line ${lineOf(file.text, edit.at) + 1} ${long} characters long, past the line length of ${lineLimit.limit} (${lineLimit.source})`);
    }
  }
  if (dropped.size > 0) planned.splice(0, planned.length, ...planned.filter((entry: Planned): boolean => !dropped.has(entry)));
}

function returnEdit(fn: FunctionCandidates, text: string): TextEdit {
  const at = (fn.fn.parameters as PythonNode).range[1];
  return { at, end: at, text: ` -> ${text}`, rank: 0 };
}

// The syntax alone: literal defaults, `-> None` and literal returns, on functions that are not methods.
function planSyntactic(parsed: readonly ParsedFile[], planned: Planned[], published: PublicParameters): void {
  for (const file of parsed) {
    for (const fn of file.functions) {
      for (const candidate of fn.candidates) {
        const publicReason = published.reasons.get(candidate);
        if (fn.leftAlone !== null) leave(file, candidate, fn.leftAlone);
        else if (publicReason !== undefined) leave(file, candidate, publicReason);
        else if (fn.isMethod) leave(file, candidate, 'a method: without pyright, an override\'s types cannot be checked');
        else if (!candidate.syntactic.ok) leave(file, candidate, candidate.syntactic.reason);
        else {
          const edit = candidate.missing.kind === 'return' ? returnEdit(fn, candidate.syntactic.type) : parameterEdit(file, fn, candidate, candidate.syntactic.type);
          if (typeof edit === 'string') leave(file, candidate, edit);
          else planned.push({ file, fn, candidate, edit, imports: [] });
        }
      }
    }
  }
}

/** A scratch copy of the project's Python files (and pyright's configuration) that pyright checks. */
class ScratchProject {
  readonly dir: string;
  /** How many Python files it holds: what one pyright run's time grows with. */
  readonly pythonFiles: number;
  private readonly written = new Map<string, string>();

  constructor(root: string, projectFiles: readonly string[]) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-pyright-')));
    let pythonFiles = 0;
    for (const file of projectFiles) {
      const relative = relativeOf(root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative) || !(PYTHON_FILE.test(relative) || CONFIG_FILE.test(relative))) continue;
      const stat = fs.lstatSync(file, { throwIfNoEntry: false });
      if (stat === undefined || !stat.isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(this.dir, relative)), { recursive: true });
      fs.copyFileSync(file, path.join(this.dir, relative));
      if (PYTHON_FILE.test(relative)) pythonFiles += 1;
    }
    this.pythonFiles = pythonFiles;
  }

  write(relative: string, text: string): void {
    if (this.written.get(relative) === text) return;
    fs.mkdirSync(path.dirname(path.join(this.dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, relative), text);
    this.written.set(relative, text);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Where added lines sit in a checked text: each `after` original line (0-based) gets `count` new lines below. */
interface AddedLines {
  readonly after: number;
  readonly count: number;
}

// The original line of a line of a checked text, or null for an added line.
function originalLine(line: number, added: readonly AddedLines[]): number | null {
  let shift = 0;
  for (const block of added) {
    const first = block.after + 1 + shift;
    if (line < first) break;
    if (line < first + block.count) return null;
    shift += block.count;
  }
  return line - shift;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

// The text with a `reveal_type(name)` below each probed function, at its indentation; and which checked line
// holds each probe. Functions ending on one line (a nested `def` last in its parent's body) get one line each,
// the inner first, so each probe stays in the block of its function.
function probedText(file: ParsedFile, probes: readonly FunctionCandidates[]): { readonly text: string; readonly lines: Map<number, FunctionCandidates>; readonly added: AddedLines[] } {
  const placed = probes.map((fn: FunctionCandidates) => {
    const newline = file.text.indexOf('\n', fn.statement.range[1]);
    const at = newline === -1 ? file.text.length : file.text[newline - 1] === '\r' ? newline - 1 : newline;
    return { fn, at, line: lineOf(file.text, at), column: fn.statement.loc.start.column };
  });
  placed.sort((a, b): number => a.at - b.at || b.column - a.column);
  const lines = new Map<number, FunctionCandidates>();
  const edits: TextEdit[] = placed.map(({ fn, at, line, column }, index: number): TextEdit => {
    lines.set(line + index + 1, fn);
    return { at, end: at, text: `\n${' '.repeat(column)}reveal_type(${fn.name})`, rank: index };
  });
  return { text: applyEdits(file.text, edits), lines, added: placed.map(({ line }): AddedLines => ({ after: line, count: 1 })) };
}

const errorKey = (file: string, message: string): string => `${file}\u0000${message}`;

async function planWithPyright(input: PythonAnnotationInput, pyright: PyrightCommand, parsed: readonly ParsedFile[], planned: Planned[], result: Building, published: PublicParameters, lineLimit: PythonLineLimit | null): Promise<void> {
  const scratch = new ScratchProject(input.root, input.projectFiles.length > 0 ? input.projectFiles : input.files);
  const timeout = pyrightTimeoutSeconds(input.optionsFor(parsed[0]?.path ?? input.root)[PYRIGHT_TIMEOUT_OPTION], scratch.pythonFiles);
  try {
    const probes = new Map<ParsedFile, ReturnType<typeof probedText>>();
    for (const file of parsed) {
      const probed = probedText(file, file.functions.filter((fn: FunctionCandidates): boolean => fn.leftAlone === null && fn.candidates.some((candidate: AnnotationCandidate): boolean => candidate.missing.kind === 'return')));
      probes.set(file, probed);
      scratch.write(file.relative, probed.text);
    }
    const first = await runPyright(pyright, scratch.dir, timeout);
    const revealed = new Map<FunctionCandidates, string>();
    const byRelative = new Map(parsed.map((file: ParsedFile): [string, ParsedFile] => [file.relative, file]));
    const baseline = new Map<string, number>();
    for (const diagnostic of first.diagnostics) {
      const file = byRelative.get(diagnostic.file);
      const probe = file === undefined ? undefined : probes.get(file);
      if (diagnostic.severity === 'information' && probe !== undefined) {
        const fn = probe.lines.get(diagnostic.line);
        const match = /^Type of "[^"]*" is "(.*)"$/s.exec(diagnostic.message);
        if (fn !== undefined && match !== null) revealed.set(fn, match[1] as string);
      }
      if (diagnostic.severity === 'error') baseline.set(errorKey(diagnostic.file, diagnostic.message), (baseline.get(errorKey(diagnostic.file, diagnostic.message)) ?? 0) + 1);
    }
    const index = new ProjectNames(input.root, input.projectFiles);
    for (const file of parsed) {
      for (const fn of file.functions) {
        for (const candidate of fn.candidates) {
          if (fn.leftAlone !== null) {
            leave(file, candidate, fn.leftAlone);
            continue;
          }
          if (candidate.missing.kind === 'parameter') {
            const publicReason = published.reasons.get(candidate);
            if (publicReason !== undefined) leave(file, candidate, publicReason);
            else if (!candidate.syntactic.ok) leave(file, candidate, candidate.syntactic.reason);
            else {
              const edit = parameterEdit(file, fn, candidate, candidate.syntactic.type);
              if (typeof edit === 'string') leave(file, candidate, edit);
              else planned.push({ file, fn, candidate, edit, imports: [] });
            }
            continue;
          }
          // pyright types an unannotated parameter Unknown (one with a literal default, which this run
          // annotates, as the default's type) and may then pick any overload (`sum` of Unknown is `int`): the
          // inferred return is a guess; only the syntax (`-> None`, a literal) still speaks.
          const unannotated = fn.candidates.filter((other: AnnotationCandidate): boolean => other.missing.kind === 'parameter' && !other.syntactic.ok).map((other: AnnotationCandidate): string => other.missing.name);
          if (unannotated.length > 0) {
            if (candidate.syntactic.ok) planned.push({ file, fn, candidate, edit: returnEdit(fn, candidate.syntactic.type), imports: [] });
            else leave(file, candidate, `pyright's type would be a guess: parameter${unannotated.length === 1 ? '' : 's'} ${unannotated.join(', ')} had no annotation`);
            continue;
          }
          const printed = revealed.get(fn);
          if (printed === undefined) {
            leave(file, candidate, 'pyright revealed no type for it (unreachable code?)');
            continue;
          }
          const annotation = returnAnnotation(file, fn, printed, index);
          if (typeof annotation === 'string') leave(file, candidate, annotation);
          else planned.push({ file, fn, candidate, edit: returnEdit(fn, annotation.text), imports: annotation.imports });
        }
      }
    }
    keepWithinLineLimit(planned, lineLimit);
    // The proof: check the annotated copy; drop what new errors point at, until none is new.
    let runs = 1;
    const total = planned.length;
    const plannedIn = new Map<ParsedFile, number>();
    for (const entry of planned) plannedIn.set(entry.file, (plannedIn.get(entry.file) ?? 0) + 1);
    let gaveUp: string | null = null;
    // Each dropped annotation: whether the error pointed at it (else it went with its function or file); and
    // the files given up on, with why.
    const dropped = new Map<Planned, boolean>();
    const failedFiles = new Map<ParsedFile, string>();
    const moduleOf = (relative: string): string | null => {
      const module = relative.replace(/\.pyi?$/, '').replace(/(?:^|\/)__init__$/, '').split('/').join('.');
      return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(module) ? module : null;
    };
    const sources = new Map<string, BlameSource | null>();
    // The error's file as the blame reads it: a planned file, else the project's own (unchanged in the copy).
    const sourceOf = (relative: string): BlameSource | null => {
      const known = byRelative.get(relative) ?? sources.get(relative);
      if (known !== undefined) return known;
      const file = path.join(input.root, relative);
      let source: BlameSource | null = null;
      if (input.projectFiles.includes(file)) {
        const text = fs.readFileSync(file, 'utf8');
        const tree = parsePython(text, file);
        if (tree.ok) source = { relative, module: tree.ast, names: PythonNames.of(tree.ast, text) };
      }
      sources.set(relative, source);
      return source;
    };
    while (planned.length > 0) {
      if (runs >= MAX_PROOF_RUNS) {
        gaveUp = `pyright still reported new errors after ${runs - 1} proof rounds (the limit)`;
        break;
      }
      const added = new Map<ParsedFile, AddedLines[]>();
      for (const file of parsed) {
        const kept = planned.filter((entry: Planned): boolean => entry.file === file);
        const rendered = renderWithLines(file, kept);
        added.set(file, rendered.added);
        scratch.write(file.relative, rendered.text);
      }
      const check = await runPyright(pyright, scratch.dir, timeout);
      runs++;
      const seen = new Map<string, number>();
      const blamed = new Set<Planned>();
      // Per file with a new error tied to no annotation (none planned there): its first such error.
      const untied = new Map<string, string>();
      for (const diagnostic of check.diagnostics) {
        if (diagnostic.severity !== 'error') continue;
        const key = errorKey(diagnostic.file, diagnostic.message);
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if ((seen.get(key) ?? 0) <= (baseline.get(key) ?? 0)) continue;
        const file = byRelative.get(diagnostic.file);
        const line = file === undefined ? diagnostic.line : originalLine(diagnostic.line, added.get(file) ?? []);
        const tie = tiePythonError({ diagnostic, source: sourceOf(diagnostic.file), line }, planned, moduleOf);
        if (tie.annotations.length === 0 && !untied.has(diagnostic.file)) untied.set(diagnostic.file, `${diagnostic.file}:${diagnostic.line + 1} ${diagnostic.message.split('\n')[0] ?? ''}`);
        for (const entry of tie.annotations) {
          if (blamed.has(entry)) continue;
          leave(entry.file, entry.candidate, tie.reason);
          blamed.add(entry);
          dropped.set(entry, tie.precise);
        }
      }
      for (const [errorFile, error] of untied) {
        // The annotations of the files it imports are the suspects (else every file's): first their parameter
        // annotations, which narrow what callers and later assignments may pass; then the files as a whole.
        const annotated = new Set(planned.filter((entry: Planned): boolean => !blamed.has(entry)).map((entry: Planned): string => entry.file.relative));
        const source = sourceOf(errorFile);
        const imported = source === null ? new Set<string>() : importedAnnotatedFiles(source, annotated, moduleOf);
        const suspects = imported.size > 0 ? imported : annotated;
        const suspected = planned.filter((entry: Planned): boolean => suspects.has(entry.file.relative) && !blamed.has(entry));
        const parameters = suspected.filter((entry: Planned): boolean => entry.candidate.missing.kind === 'parameter');
        for (const entry of parameters) {
          leave(entry.file, entry.candidate, `dropped with every parameter annotation of ${imported.size > 0 ? `the files ${errorFile} imports` : 'the run'}, as a new pyright error could not be tied to one: ${error}`);
          blamed.add(entry);
          dropped.set(entry, false);
        }
        if (parameters.length > 0) continue;
        for (const entry of suspected) {
          blamed.add(entry);
          failedFiles.set(entry.file, imported.size > 0 ? `a new pyright error in ${errorFile}, which imports it, could not be tied to an annotation: ${error}` : `a new pyright error could not be tied to any annotation: ${error}`);
        }
      }
      if (blamed.size === 0) break;
      const remaining = planned.filter((entry: Planned): boolean => !blamed.has(entry));
      planned.splice(0, planned.length, ...remaining);
    }
    for (const [file, reason] of failedFiles) result.failed.push({ path: file.path, reason });
    if (gaveUp !== null) {
      for (const file of parsed) if (planned.some((entry: Planned): boolean => entry.file === file)) result.failed.push({ path: file.path, reason: gaveUp });
      planned.splice(0, planned.length);
    }
    const unwritten = gaveUp === null ? [...failedFiles.keys()].reduce((sum: number, file: ParsedFile): number => sum + (plannedIn.get(file) ?? 0), 0) : 0;
    const droppedOutside = [...dropped].filter(([entry]): boolean => !failedFiles.has(entry.file));
    const broad = droppedOutside.filter(([, precise]): boolean => !precise).length;
    const precise = droppedOutside.length - broad;
    const tiedCloser = 'with others, for an error that could not be tied closer: see the notes';
    const droppedSummary = gaveUp !== null || droppedOutside.length === 0 ? '' : `; ${droppedOutside.length} dropped (${broad === 0 ? 'each added a pyright error' : precise === 0 ? tiedCloser : `${precise} added a pyright error; ${broad} ${tiedCloser}`})`;
    const failedSummary = gaveUp !== null || failedFiles.size === 0 ? '' : `; ${unwritten} not written in ${plural(failedFiles.size, 'file')} left unchanged (a new pyright error could not be tied to an annotation)`;
    result.notes.push({
      path: summaryPath(input, parsed[0]?.path ?? input.root),
      message: `pyright ${first.version} (${pyright.source}): ${plural(runs, 'run')}; kept ${planned.length} of ${plural(total, 'annotation')}${droppedSummary}${failedSummary}${publicSummary(published)}`,
    });
  } finally {
    scratch.remove();
  }
}

/**
 * Where a class or function a file does not bind is defined in the project, by name: its module's import name
 * (python-import-names.ts: `nspkg.models.item` in the `src/` layout) or null (ambiguous).
 */
class ProjectNames {
  readonly imports: PythonImportNames;
  private readonly modules = new Map<string, string | null>();

  constructor(root: string, projectFiles: readonly string[]) {
    this.imports = PythonImportNames.read(root, projectFiles);
    for (const file of projectFiles) {
      const relative = relativeOf(root, file);
      if (relative.startsWith('..') || !relative.endsWith('.py')) continue;
      const module = this.imports.moduleOf(relative);
      if (module === null) continue;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      // Top-level `class Name` / `def Name` only: what `from module import Name` finds.
      for (const match of text.matchAll(/^(?:class|def|async\s+def)\s+([A-Za-z_]\w*)/gm)) this.add(match[1] as string, module);
    }
  }

  private add(name: string, module: string): void {
    const known = this.modules.get(name);
    this.modules.set(name, known === undefined || known === module ? module : null);
  }

  moduleOf(name: string): string | null {
    return this.modules.get(name) ?? null;
  }
}

function isTypeCheckingGuarded(node: PythonNode, names: PythonNames): boolean {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (current.type === 'IfStatement' && /^(?:typing\.)?TYPE_CHECKING$/.test(names.textOf(current.condition as PythonNode))) return true;
  }
  return false;
}

// The statement directly in the module that holds a node, or null when it is nested in another statement.
function topStatement(node: PythonNode): PythonNode | null {
  let current: PythonNode | null = node;
  while (current !== null && current.parent?.type !== 'Module') current = current.parent;
  return current;
}

const UNCONDITIONAL: ReadonlySet<string> = new Set(['ImportStatement', 'ImportFromStatement', 'ClassDefinition', 'FunctionDefinition', 'DecoratedDefinition', 'ExpressionStatement']);
// What binds a name to the class it is once and for all: an assignment may bind anything (`Path = None`).
const DEFINING: ReadonlySet<string> = new Set(['ImportStatement', 'ImportFromStatement', 'ClassDefinition', 'FunctionDefinition', 'DecoratedDefinition']);

// Whether a name may be written unquoted in `fn`'s annotations: bound when its `def` runs (boundBefore), only
// by imports and class/def statements, none of them under `if TYPE_CHECKING:`.
function evaluableWhenDefined(file: ParsedFile, fn: FunctionCandidates, resolved: PythonNameResolution): boolean {
  if (resolved.kind === 'builtin') return true;
  if (resolved.bindings.some((binding: PythonBinding): boolean => isTypeCheckingGuarded(binding.node, file.names))) return false;
  if (!resolved.bindings.every((binding: PythonBinding): boolean => DEFINING.has(topStatement(binding.node)?.type ?? ''))) return false;
  return boundBefore(resolved, fn);
}

// Whether a name the annotation uses is bound when `fn`'s `def` runs (annotations are evaluated then): bound at
// module level by statements not nested in `if`/`try`/loops, that end before the module-level statement
// holding the `def`, or before any call of a function nested in another function.
function boundBefore(resolution: PythonNameResolution, fn: FunctionCandidates): boolean {
  if (resolution.scope?.kind !== 'module') return false;
  const defTop = topStatement(fn.statement);
  if (defTop === null) return false;
  const nested = enclosingFunction(fn.fn) !== null;
  return resolution.bindings.every((binding: PythonBinding): boolean => {
    const statement = topStatement(binding.node);
    if (statement === null || !UNCONDITIONAL.has(statement.type) || statement === defTop) return false;
    return nested || statement.range[1] <= defTop.range[0];
  });
}

/**
 * The return annotation for a printed function type, with the imports it needs, or why there is none.
 */
function returnAnnotation(file: ParsedFile, fn: FunctionCandidates, printed: string, index: ProjectNames): { readonly text: string; readonly imports: Planned['imports'] } | string {
  const writable = writableReturnType(printed, fn.fn.async === true);
  if (!writable.ok) return writable.reason;
  const scopes = file.names.scopes;
  const at = fn.fn.name as PythonNode;
  let quote = false;
  const imports: { module: string; name: string }[] = [];
  const renamed = new Map<string, string>();
  const wanted = [...writable.imports];
  for (const name of writable.names) {
    if (name === 'None') continue;
    const root = name.split('.')[0] as string;
    const resolved = scopes.resolve(at, root);
    if (resolved.kind === 'builtin') continue;
    if (resolved.kind === 'unknown') {
      const module = name.includes('.') ? null : index.moduleOf(name);
      const own = index.imports.moduleOf(file.relative);
      if (module === null || module === own) return `it returns "${writable.text}", and the file does not import "${root}"`;
      const reused = boundClassName(file, fn, own, module, name);
      if (reused !== null) {
        renamed.set(name, reused);
        // `item_mod.Item` is read off a module that may be half-initialised (an import cycle) when the `def` runs.
        if (reused.includes('.') || !evaluableWhenDefined(file, fn, scopes.resolve(at, reused))) quote = true;
        continue;
      }
      wanted.push({ module: (own !== null && usesRelativeImports(file) ? relativeSpecifier(module, own, isPackageFile(file)) : null) ?? module, name });
      continue;
    }
    if (resolved.kind === 'parameter') return `it returns "${writable.text}", and "${root}" is a parameter there`;
    // pyright prints a class by its name: `socket` the class, where the file's `socket` is the module.
    if (resolved.kind === 'import' && resolved.name === null && !name.includes('.')) return `it returns "${writable.text}", and "${root}" is a module in this file`;
    if (name.includes('.') || !evaluableWhenDefined(file, fn, resolved)) quote = true;
  }
  for (const needed of wanted) {
    const resolved = scopes.resolve(at, needed.name);
    // `typing.Iterator` is an alias of `collections.abc.Iterator`: a file that imports either keeps it.
    const sameModule = resolved.kind === 'import' && (resolved.module === needed.module || (needed.module === 'collections.abc' && resolved.module === 'typing'));
    if (resolved.kind === 'import' && sameModule && resolved.name === needed.name) {
      if (!evaluableWhenDefined(file, fn, resolved)) quote = true;
      continue;
    }
    if (resolved.kind !== 'unknown' || scopes.module.bindings.has(needed.name)) return `it returns "${writable.text}", and "${needed.name}" means something else in this file`;
    imports.push(needed);
    quote = true;
  }
  // Names the file already binds to the class (`It`, `item_mod.Item`) stand for it.
  let text = renamed.size === 0 ? writable.text : writable.text.replace(/(?<![\w.])[A-Za-z_]\w*/g, (word: string): string => renamed.get(word) ?? word);
  if (!file.futureAnnotations) {
    // Evaluated when the `def` runs: `X | Y` needs Python 3.10, `list[int]` 3.9.
    if (file.oldest < 10 && text.includes(' | ')) quote = true;
    if (file.oldest < 9 && /\b(?:list|dict|set|frozenset|tuple|type)\[/.test(text)) quote = true;
    // Typeshed makes classes generic that the runtime does not subscript (`repeat[None]`, `map[int]` raise
    // TypeError when the `def` runs): only the builtin containers are subscripted unquoted.
    if ([...text.matchAll(/([\w.]+)\[/g)].some((match: RegExpMatchArray): boolean => !RUNTIME_GENERICS.has(match[1] as string))) quote = true;
    if (quote) text = text.includes('"') ? `'${text}'` : `"${text}"`;
  }
  return { text, imports };
}

const isPackageFile = (file: ParsedFile): boolean => /(?:^|\/)__init__\.pyi?$/.test(file.relative);

// Whether the file imports relatively at module level (`from ..models import item`): then so do its new imports.
function usesRelativeImports(file: ParsedFile): boolean {
  return file.module.children.some((statement: PythonNode): boolean => statement.type === 'ImportFromStatement' && file.names.textOf(statement.moduleName as PythonNode).startsWith('.'));
}

// A name the file binds at module level that reaches class `name` of `module` where `fn` is defined: the
// class imported under any name (`from ..models.item import Item as It` → `It`), or its module
// (`from ..models import item as item_mod`, `import nspkg.models.item as item_mod` → `item_mod.Item`), the
// class first; null when there is none.
function boundClassName(file: ParsedFile, fn: FunctionCandidates, own: string | null, module: string, name: string): string | null {
  let viaModule: string | null = null;
  for (const [local, bindings] of file.names.scopes.module.bindings) {
    const first = bindings[0];
    if (first?.kind !== 'import') continue;
    const resolved = file.names.scopes.resolve(fn.fn.name as PythonNode, local);
    if (resolved.kind !== 'import' || resolved.module !== first.module || resolved.name !== first.name) continue;
    const from = own === null && first.module.startsWith('.') ? null : absoluteModule(first.module, own ?? '', isPackageFile(file));
    if (from === null) continue;
    const target = first.name === null ? from : `${from}.${first.name}`;
    if (target === `${module}.${name}`) return local;
    // `import a.b` binds `a` (module `a`): only an alias or a from-import binds the module itself.
    if (target === module && viaModule === null) viaModule = `${local}.${name}`;
  }
  return viaModule;
}

function renderFile(file: ParsedFile, kept: readonly Planned[]): string {
  return renderWithLines(file, kept).text;
}

// The file with the annotations and, under `if TYPE_CHECKING:`, the imports they need; and where lines were added.
function renderWithLines(file: ParsedFile, kept: readonly Planned[]): { readonly text: string; readonly added: AddedLines[] } {
  const edits: TextEdit[] = kept.map((entry: Planned): TextEdit => entry.edit);
  const imports = new Map<string, Set<string>>();
  for (const entry of kept) for (const needed of entry.imports) imports.set(needed.module, (imports.get(needed.module) ?? new Set()).add(needed.name));
  if (imports.size === 0) return { text: applyEdits(file.text, edits), added: [] };
  const importLines = [...imports].sort(([a], [b]) => a.localeCompare(b)).map(([module, names]) => `from ${module} import ${[...names].sort().join(', ')}`);
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  const existing = existingTypeCheckingBlock(file);
  if (existing !== null) {
    // The file's own `if TYPE_CHECKING:` block gets the imports at its end, at its indentation.
    const at = lineEnd(file.text, existing.last.range[1]);
    const indent = ' '.repeat(existing.last.loc.start.column);
    edits.push({ at, end: at, text: importLines.map((line: string): string => `${eol}${indent}${line}`).join(''), rank: -1 });
    return { text: applyEdits(file.text, edits), added: [{ after: lineOf(file.text, at), count: importLines.length }] };
  }
  const typeChecking = file.names.scopes.module.bindings.get('TYPE_CHECKING');
  const hasTypeChecking = typeChecking?.every((binding: PythonBinding): boolean => binding.kind === 'import' && binding.module === 'typing' && binding.name === 'TYPE_CHECKING') === true;
  const added: AddedLines[] = [];
  const { at, before } = importPosition(file);
  const typingImport = hasTypeChecking || before ? null : typingImportEdit(file, eol);
  if (typingImport !== null) {
    edits.push(typingImport);
    const count = typingImport.text.split(eol).length - 1;
    if (count > 0) added.push({ after: lineOf(file.text, typingImport.at) - 1, count });
  }
  const lines = [
    ...(hasTypeChecking || typingImport !== null ? [] : ['from typing import TYPE_CHECKING']),
    '',
    'if TYPE_CHECKING:',
    ...importLines.map((line: string): string => `    ${line}`),
  ];
  // In the file's own line ending (CRLF files stay CRLF): `eol` above.
  const block = before ? `${lines.slice(lines[0] === '' ? 1 : 0).join(eol)}${eol}${eol}` : `${eol}${lines.join(eol)}`;
  edits.push({ at, end: at, text: block, rank: -1 });
  const count = block.split(eol).length - 1;
  added.push(before ? { after: lineOf(file.text, at) - 1, count } : { after: lineOf(file.text, at), count });
  return { text: applyEdits(file.text, edits), added };
}

// `from typing import TYPE_CHECKING` where isort puts it, in the module's leading imports: joined to the
// file's `from typing import …` (constants first), else on its own line among the standard library's
// `from` imports (before the first that sorts after `typing`, or the first import of another section); null
// when it goes after the last import (what the `if TYPE_CHECKING:` block's text then starts with).
function typingImportEdit(file: ParsedFile, eol: string): TextEdit | null {
  const leading: PythonNode[] = [];
  for (const statement of file.module.children) {
    if (/^(?:Import|ImportFrom)Statement$/.test(statement.type)) leading.push(statement);
    else if (statement.type !== 'FutureImportStatement' && statement.type !== 'ExpressionStatement') break;
  }
  const moduleOf = (statement: PythonNode): string => {
    if (statement.type === 'ImportFromStatement') return file.names.textOf(statement.moduleName as PythonNode);
    const first = (statement.name as PythonNode[])[0] as PythonNode;
    return file.names.textOf(first.type === 'AliasedImport' ? (first.name as PythonNode) : first);
  };
  for (const statement of leading) {
    const names = statement.name;
    if (statement.type !== 'ImportFromStatement' || moduleOf(statement) !== 'typing' || !Array.isArray(names) || names.length === 0) continue;
    // isort's order_by_type: CONSTANTS, then Classes, then functions.
    const later = (names as PythonNode[]).find((name: PythonNode): boolean => {
      const text = file.names.textOf(name);
      return !(text === text.toUpperCase() && text.localeCompare('TYPE_CHECKING') < 0);
    });
    if (later === undefined) {
      const last = (names as PythonNode[]).at(-1) as PythonNode;
      return { at: last.range[1], end: last.range[1], text: ', TYPE_CHECKING', rank: -1 };
    }
    return { at: later.range[0], end: later.range[0], text: 'TYPE_CHECKING, ', rank: -1 };
  }
  const isStandard = (statement: PythonNode): boolean => PYTHON_STANDARD_MODULES.has(moduleOf(statement).split('.')[0] as string);
  const index = leading.findIndex((statement: PythonNode): boolean => !isStandard(statement) || (statement.type === 'ImportFromStatement' && moduleOf(statement).localeCompare('typing') > 0));
  if (index === -1) return null;
  const target = leading[index] as PythonNode;
  const start = file.text.lastIndexOf('\n', target.range[0] - 1) + 1;
  const previous = leading[index - 1];
  // A new section of its own when no standard-library import comes before it.
  const separate = !isStandard(target) && (previous === undefined || !isStandard(previous));
  return { at: start, end: start, text: `from typing import TYPE_CHECKING${eol}${separate ? eol : ''}`, rank: -1 };
}

// After the last import of the module's leading block (docstring, `from __future__`, imports and header
// assignments such as `__all__`, up to the first `def`, `class` or compound statement), at the end of its
// line; without one, after the docstring; else the file's start.
function importPosition(file: ParsedFile): { readonly at: number; readonly before: boolean } {
  let last: PythonNode | null = null;
  for (const [position, statement] of file.module.children.entries()) {
    const isDocstring = position === 0 && statement.type === 'ExpressionStatement' && statement.children[0]?.type === 'String';
    if (isDocstring || /^(?:Import|ImportFrom|FutureImport)Statement$/.test(statement.type)) last = statement;
    else if (statement.type !== 'ExpressionStatement') break;
  }
  if (last === null) return { at: file.module.children[0]?.range[0] ?? 0, before: true };
  return { at: lineEnd(file.text, last.range[1]), before: false };
}

// The offset of the end of the line holding `offset` (before its `\r\n` or `\n`).
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
}

// The module's own top-level `if TYPE_CHECKING:` block without `else`/`elif`, and its last statement.
function existingTypeCheckingBlock(file: ParsedFile): { readonly last: PythonNode } | null {
  for (const statement of file.module.children) {
    if (statement.type !== 'IfStatement' || !/^(?:typing\.)?TYPE_CHECKING$/.test(file.names.textOf(statement.condition as PythonNode))) continue;
    if (Array.isArray(statement.alternative) && statement.alternative.length > 0) continue;
    const last = statement.consequence?.children.at(-1);
    if (last !== undefined) return { last };
  }
  return null;
}
