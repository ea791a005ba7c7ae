import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePython, type PythonNode } from '../shared/python-ast.js';
import { distributionLabel, publishingDistributionOf, readPythonDistributions } from '../shared/python-distributions.js';
import { enclosingFunction, PythonNames } from '../shared/python-names.js';
import type { PythonBinding, PythonNameResolution } from '../shared/python-scope.js';
import { declaredPython } from '../shared/python-version.js';
import { applyEdits, type TextEdit } from '../shared/text-edits.js';
import { pythonModuleName } from '../concurrency-and-timing/python-event-loops.js';
import { PLUGIN_MONITOR_DECORATOR, pluginMonitorModules } from '../performance-monitoring/python-plugin-monitor.js';
import { annotationCandidates, type AnnotationCandidate, type FunctionCandidates } from './python-annotation-candidates.js';
import { writableReturnType } from './python-printed-types.js';
import { runPyright, type PyrightCommand, type PyrightDiagnostic } from './python-pyright.js';

/**
 * `add-explicit-types` on Python, for a whole project at once (architecture decision 33):
 * 1. every selected file's functions are read for what `require-explicit-types` reports missing; a literal
 *    default gives its parameter's type (`x=0` → `x: int = 0`);
 * 2. with pyright: one run over a scratch copy of the project in which each function is followed by a
 *    `reveal_type(name)` probe gives every inferred return type at once; a type is written when it names
 *    only builtins and names the file binds (quoted when they are bound later, or only under
 *    `TYPE_CHECKING`), or names a class of the project or `collections.abc`, which is then imported under
 *    `if TYPE_CHECKING:`; never `Any`;
 * 3. with pyright, the proof: the annotated copy is checked again; an annotation that a new error points at
 *    is dropped and the copy checked again, until pyright reports no error the project did not have. An
 *    error tied to no annotation fails every file (nothing is written: never half-fixed).
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
const MAX_PROOF_RUNS = 6;

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
// Builtin scalars and None (a union of them from 3.10 on, checked above): safe to evaluate when the `def` runs.
const PLAIN_SCALARS = /^(?:int|float|complex|str|bytes|bool|None)(?: \| (?:int|float|complex|str|bytes|bool|None))*$/;

/**
 * Plans the annotations of the selected Python files (see the module's docstring): new texts of the files
 * it annotates, skips (nothing writable) and failures (unparsable file, pyright not runnable, an error tied
 * to no annotation), and a note per annotation left out.
 * @performance one parse per selected file; with pyright, one pyright run over a scratch copy of the
 * project's Python files for the types, then one per proof round (one when no annotation adds an error).
 */
export async function planPythonAnnotations(input: PythonAnnotationInput): Promise<PythonAnnotationResult> {
  const result: Building = { writes: new Map(), skipped: [], failed: [], notes: [] };
  const parsed: ParsedFile[] = [];
  let monitors: readonly string[] | null = null;
  for (const file of [...input.files].sort()) {
    const text = fs.readFileSync(file, 'utf8');
    const tree = parsePython(text, file);
    if (!tree.ok) {
      if (/^\s*(?:async\s+)?def\s/m.test(text)) result.failed.push({ path: file, reason: `cannot parse: ${tree.error.message} (line ${tree.error.line})` });
      continue;
    }
    const names = PythonNames.of(tree.ast, text);
    // The rule's `allowedNames` are not reported, so not annotated either.
    const allowed = input.optionsFor(file)['allowedNames'];
    if (monitors === null && text.includes(PLUGIN_MONITOR_DECORATOR)) monitors = projectMonitorModules(input);
    const functions = annotationCandidates(tree.ast, names, monitors ?? []).filter((fn: FunctionCandidates): boolean => !(Array.isArray(allowed) && allowed.includes(fn.name)));
    if (functions.length === 0) continue;
    if (file.endsWith('.pyi')) {
      result.skipped.push({ path: file, reason: 'a stub file: its signatures declare types that no code of it returns' });
      continue;
    }
    if (input.projectFiles.includes(file.replace(/\.py$/, '.pyi'))) {
      result.skipped.push({ path: file, reason: `a stub beside it (${path.basename(file)}i) declares its types: users see those` });
      continue;
    }
    const configured = input.optionsFor(file)['pythonVersion'];
    const oldest = declaredPython(file, input.root)?.minor ?? (typeof configured === 'string' ? Number(configured.split('.')[1]) : DEFAULT_PYTHON_MINOR);
    const futureAnnotations = tree.ast.children.some((statement: PythonNode): boolean => statement.type === 'FutureImportStatement' && /\bannotations\b/.test(names.textOf(statement)));
    const entry: ParsedFile = { path: file, relative: relativeOf(input.root, file), text, module: tree.ast, names, futureAnnotations, oldest, functions };
    leftOf.set(entry, []);
    parsed.push(entry);
  }
  if (parsed.length === 0) return result;
  const planned: Planned[] = [];
  const published = publicParameters(input, parsed);
  if (input.pyright === null) {
    planSyntactic(parsed, planned, published);
    result.notes.push({
      path: summaryPath(input, parsed),
      message: `pyright was not found (node_modules/pyright or PATH): only \`-> None\`, literal return types and literal defaults were written, on functions that are not methods, without a type check${publicSummary(published)}`,
    });
  } else {
    try {
      await planWithPyright(input, input.pyright, parsed, planned, result, published);
    } catch (error) {
      for (const file of parsed) result.failed.push({ path: file.path, reason: error instanceof Error ? error.message : String(error) });
      return result;
    }
  }
  for (const file of parsed) {
    if (result.failed.some((failure: { path: string }): boolean => failure.path === file.path)) continue;
    const kept = planned.filter((entry: Planned): boolean => entry.file === file);
    if (kept.length > 0) {
      result.writes.set(file.path, renderFile(file, kept));
      result.notes.push({ path: file.path, message: `added ${plural(kept.length, 'type annotation')}` });
    } else {
      const count = leftOf.get(file)?.length ?? 0;
      result.skipped.push({ path: file.path, reason: `${count === 1 ? 'its missing annotation' : `none of its ${count} missing annotations`} can${count === 1 ? 'not' : ''} be written safely (see the notes)` });
    }
    for (const message of leftOf.get(file) ?? []) result.notes.push({ path: file.path, message });
  }
  return result;
}

// Where the run's summary is told: the root's pyright configuration, else the first file it planned.
function summaryPath(input: PythonAnnotationInput, parsed: readonly ParsedFile[]): string {
  for (const name of ['pyrightconfig.json', 'pyproject.toml']) {
    const config = path.join(input.root, name);
    if (input.projectFiles.includes(config)) return config;
  }
  return parsed[0]?.path ?? input.root;
}

/** The parameter annotations a published distribution's public API leaves out: the reason of each, and the distributions. */
interface PublicParameters {
  readonly reasons: ReadonlyMap<AnnotationCandidate, string>;
  readonly distributions: readonly string[];
}

// The parameters of the functions and methods a distribution offers (unless `changePublicApi`): what callers
// outside the project may pass is theirs. A function nested in a function is reachable by no caller.
function publicParameters(input: PythonAnnotationInput, parsed: readonly ParsedFile[]): PublicParameters {
  const reasons = new Map<AnnotationCandidate, string>();
  const labels = new Set<string>();
  const distributions = input.changePublicApi === true ? [] : readPythonDistributions(input.root, input.projectFiles);
  if (distributions.length === 0) return { reasons, distributions: [] };
  for (const file of parsed) {
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
        reasons.set(candidate, `it is public API of the distribution ${label}: an annotation narrows what code outside the project may pass (--change-public-api changes it too)`);
        labels.add(`"${distribution.name}"`);
      }
    }
  }
  return { reasons, distributions: [...labels].sort() };
}

// The summary's count of what the public API kept out, as readonly-data-shapes tells it.
function publicSummary(published: PublicParameters): string {
  const count = published.reasons.size;
  return count === 0 ? '' : `; ${plural(count, 'parameter')} left alone as the public API of ${published.distributions.join(', ')} (--change-public-api changes them too)`;
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
  private readonly written = new Map<string, string>();

  constructor(root: string, projectFiles: readonly string[]) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-standards-pyright-')));
    for (const file of projectFiles) {
      const relative = relativeOf(root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative) || !(PYTHON_FILE.test(relative) || CONFIG_FILE.test(relative))) continue;
      const stat = fs.lstatSync(file, { throwIfNoEntry: false });
      if (stat === undefined || !stat.isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(this.dir, relative)), { recursive: true });
      fs.copyFileSync(file, path.join(this.dir, relative));
    }
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

async function planWithPyright(input: PythonAnnotationInput, pyright: PyrightCommand, parsed: readonly ParsedFile[], planned: Planned[], result: Building, published: PublicParameters): Promise<void> {
  const scratch = new ScratchProject(input.root, input.projectFiles.length > 0 ? input.projectFiles : input.files);
  try {
    const probes = new Map<ParsedFile, ReturnType<typeof probedText>>();
    for (const file of parsed) {
      const probed = probedText(file, file.functions.filter((fn: FunctionCandidates): boolean => fn.leftAlone === null && fn.candidates.some((candidate: AnnotationCandidate): boolean => candidate.missing.kind === 'return')));
      probes.set(file, probed);
      scratch.write(file.relative, probed.text);
    }
    const first = await runPyright(pyright, scratch.dir);
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
    // The proof: check the annotated copy; drop what new errors point at, until none is new.
    let runs = 1;
    const total = planned.length;
    let gaveUp: string | null = null;
    while (planned.length > 0) {
      if (runs >= MAX_PROOF_RUNS) {
        gaveUp = `pyright still reported new errors after ${runs - 1} rounds`;
        break;
      }
      const added = new Map<ParsedFile, AddedLines[]>();
      for (const file of parsed) {
        const kept = planned.filter((entry: Planned): boolean => entry.file === file);
        const rendered = renderWithLines(file, kept);
        added.set(file, rendered.added);
        scratch.write(file.relative, rendered.text);
      }
      const check = await runPyright(pyright, scratch.dir);
      runs++;
      const seen = new Map<string, number>();
      const blamed = new Set<Planned>();
      let untied: string | null = null;
      for (const diagnostic of check.diagnostics) {
        if (diagnostic.severity !== 'error') continue;
        const key = errorKey(diagnostic.file, diagnostic.message);
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if ((seen.get(key) ?? 0) <= (baseline.get(key) ?? 0)) continue;
        const file = byRelative.get(diagnostic.file);
        const tied = blame(diagnostic, file, file === undefined ? null : originalLine(diagnostic.line, added.get(file) ?? []), planned);
        if (tied.length === 0) untied ??= `${diagnostic.file}:${diagnostic.line + 1} ${diagnostic.message.split('\n')[0] ?? ''}`;
        for (const entry of tied) {
          if (!blamed.has(entry)) leave(entry.file, entry.candidate, `it added a pyright error: ${diagnostic.message.split('\n')[0] ?? ''}`);
          blamed.add(entry);
        }
      }
      if (untied !== null) {
        // Parameter annotations narrow what callers and later assignments may pass, so an error far from
        // any annotation is most likely theirs: all of them go, and the rest is checked again.
        const parameters = planned.filter((entry: Planned): boolean => entry.candidate.missing.kind === 'parameter' && !blamed.has(entry));
        if (parameters.length === 0) {
          gaveUp = `a new pyright error could not be tied to any annotation: ${untied}`;
          break;
        }
        for (const entry of parameters) {
          leave(entry.file, entry.candidate, `dropped with every parameter annotation, as a new pyright error could not be tied to one: ${untied}`);
          blamed.add(entry);
        }
      }
      if (gaveUp !== null || blamed.size === 0) break;
      const remaining = planned.filter((entry: Planned): boolean => !blamed.has(entry));
      planned.splice(0, planned.length, ...remaining);
    }
    if (gaveUp !== null) {
      for (const file of parsed) if (planned.some((entry: Planned): boolean => entry.file === file)) result.failed.push({ path: file.path, reason: gaveUp });
      planned.splice(0, planned.length);
    }
    result.notes.push({
      path: summaryPath(input, parsed),
      message: `pyright ${first.version} (${pyright.source}): ${plural(runs, 'run')}; kept ${planned.length} of ${plural(total, 'annotation')}${total > planned.length && gaveUp === null ? `; ${total - planned.length} dropped (each added a pyright error)` : ''}${publicSummary(published)}`,
    });
  } finally {
    scratch.remove();
  }
}

// The planned annotations a new error points at: a parameter or function the message names, the imports of
// the file when the error is on an added line, else the innermost annotated function around its line.
function blame(diagnostic: PyrightDiagnostic, file: ParsedFile | undefined, line: number | null, planned: readonly Planned[]): Planned[] {
  const parameter = /parameter "([^"]+)"/.exec(diagnostic.message)?.[1];
  const functionName = /(?:in function|Method) "([^"]+)"/.exec(diagnostic.message)?.[1];
  if (functionName !== undefined) {
    const named = planned.filter(
      (entry: Planned): boolean => entry.fn.name === functionName && (parameter === undefined || entry.candidate.missing.name === `"${parameter}"` || entry.candidate.missing.kind === 'return' && /override/.test(diagnostic.message)),
    );
    if (named.length > 0) return named;
  }
  if (file === undefined) return [];
  if (line === null) return planned.filter((entry: Planned): boolean => entry.file === file && entry.imports.length > 0);
  let innermost: FunctionCandidates | null = null;
  for (const entry of planned) {
    if (entry.file !== file) continue;
    const { start, end } = entry.fn.statement.loc;
    if (line + 1 < start.line || line + 1 > end.line) continue;
    if (innermost === null || entry.fn.statement.range[1] - entry.fn.statement.range[0] < innermost.statement.range[1] - innermost.statement.range[0]) innermost = entry.fn;
  }
  return innermost === null ? [] : planned.filter((entry: Planned): boolean => entry.fn === innermost);
}

/** Where a class or function a file does not bind is defined in the project, by name: `module` or null (ambiguous). */
class ProjectNames {
  private readonly modules = new Map<string, string | null>();

  constructor(root: string, projectFiles: readonly string[]) {
    for (const file of projectFiles) {
      const relative = relativeOf(root, file);
      if (relative.startsWith('..') || !relative.endsWith('.py')) continue;
      const module = relative.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
      if (!/^[A-Za-z_][\w.]*$/.test(module)) continue;
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
  const wanted = [...writable.imports];
  for (const name of writable.names) {
    if (name === 'None') continue;
    const root = name.split('.')[0] as string;
    const resolved = scopes.resolve(at, root);
    if (resolved.kind === 'builtin') continue;
    if (resolved.kind === 'unknown') {
      const module = name.includes('.') ? null : index.moduleOf(name);
      if (module === null || module === moduleOfFile(file)) return `it returns "${writable.text}", and the file does not import "${root}"`;
      wanted.push({ module, name });
      continue;
    }
    if (resolved.kind === 'parameter') return `it returns "${writable.text}", and "${root}" is a parameter there`;
    // pyright prints a class by its name: `socket` the class, where the file's `socket` is the module.
    if (resolved.kind === 'import' && resolved.name === null && !name.includes('.')) return `it returns "${writable.text}", and "${root}" is a module in this file`;
    if (resolved.bindings.some((binding: PythonBinding): boolean => isTypeCheckingGuarded(binding.node, file.names)) || !boundBefore(resolved, fn)) quote = true;
  }
  for (const needed of wanted) {
    const resolved = scopes.resolve(at, needed.name);
    // `typing.Iterator` is an alias of `collections.abc.Iterator`: a file that imports either keeps it.
    const sameModule = resolved.kind === 'import' && (resolved.module === needed.module || (needed.module === 'collections.abc' && resolved.module === 'typing'));
    if (resolved.kind === 'import' && sameModule && resolved.name === needed.name) {
      if (resolved.bindings.some((binding: PythonBinding): boolean => isTypeCheckingGuarded(binding.node, file.names)) || !boundBefore(resolved, fn)) quote = true;
      continue;
    }
    if (resolved.kind !== 'unknown' || scopes.module.bindings.has(needed.name)) return `it returns "${writable.text}", and "${needed.name}" means something else in this file`;
    imports.push(needed);
    quote = true;
  }
  let text = writable.text;
  if (!file.futureAnnotations) {
    // Evaluated when the `def` runs: `X | Y` needs Python 3.10, `list[int]` 3.9.
    if (file.oldest < 10 && text.includes(' | ')) quote = true;
    if (file.oldest < 9 && /\b(?:list|dict|set|frozenset|tuple|type)\[/.test(text)) quote = true;
    // Typeshed makes classes generic that the runtime does not subscript (`repeat[None]`, `map[int]` raise
    // TypeError when the `def` runs): anything but builtin scalars and None is quoted, never evaluated.
    if (!PLAIN_SCALARS.test(text)) quote = true;
    if (quote) text = text.includes('"') ? `'${text}'` : `"${text}"`;
  }
  return { text, imports };
}

function moduleOfFile(file: ParsedFile): string {
  return file.relative.replace(/\.pyi?$/, '').replace(/\/__init__$/, '').split('/').join('.');
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
  const lines = [
    ...(hasTypeChecking ? [] : ['from typing import TYPE_CHECKING']),
    '',
    'if TYPE_CHECKING:',
    ...importLines.map((line: string): string => `    ${line}`),
  ];
  const { at, before } = importPosition(file);
  // In the file's own line ending (CRLF files stay CRLF): `eol` above.
  const block = before ? `${lines.slice(lines[0] === '' ? 1 : 0).join(eol)}${eol}${eol}` : `${eol}${lines.join(eol)}`;
  edits.push({ at, end: at, text: block, rank: -1 });
  const count = block.split(eol).length - 1;
  return { text: applyEdits(file.text, edits), added: [before ? { after: lineOf(file.text, at) - 1, count } : { after: lineOf(file.text, at), count }] };
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
