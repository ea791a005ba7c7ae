import { createRequire } from 'node:module';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { applyTextEdits, type TextEdit } from '../standards/performance-monitoring/body-wrapping.js';
import { findUnmeasuredFunctions, type BlockComment } from '../standards/performance-monitoring/file-analysis.js';
import type { AstNode } from '../standards/performance-monitoring/function-sites.js';
import { compileMonitorOptions, type CompiledMonitorOptions } from '../standards/performance-monitoring/options.js';
import { memoizeByOptions, relativePath } from '../standards/shared/project-paths.js';
import type { CodemodOptions, FileCodemod, FileCodemodContext } from './runner/contract.js';
import { codemodDeclaration } from './runner/declarations.js';
import { optionsBase } from './runner/rule-options.js';

const compile = memoizeByOptions((options: CodemodOptions): CompiledMonitorOptions => compileMonitorOptions(options));

// Nested critical functions are wrapped one level per pass (an outer body's edit contains the inner one's);
// real code nests critical functions a level or two deep.
const MAX_PASSES = 8;

interface ParsedFile {
  readonly program: AstNode;
  readonly comments: readonly BlockComment[];
}

interface BabelFile {
  readonly program: AstNode;
  readonly comments?: readonly { readonly type: string; readonly start: number; readonly end: number; readonly value: string }[];
}

type Parser = { parse(source: string): BabelFile };

// jscodeshift's own parsers (the options `j.withParser` uses), called directly: its recast layer is not needed
// for text edits, and recast's offsets count a tab as several columns.
const require = createRequire(import.meta.url);
const PARSERS: Readonly<Record<string, () => Parser>> = Object.freeze({
  ts: (): Parser => (require('jscodeshift/parser/ts.js') as () => Parser)(),
  tsx: (): Parser => (require('jscodeshift/parser/tsx.js') as () => Parser)(),
  babylon: (): Parser => (require('jscodeshift/parser/babylon.js') as () => Parser)(),
});
const loaded = new Map<string, Parser>();

function parserFor(file: string): Parser {
  const extension = path.extname(file).toLowerCase();
  const name = extension === '.tsx' ? 'tsx' : extension === '.ts' || extension === '.mts' || extension === '.cts' ? 'ts' : 'babylon';
  let parser = loaded.get(name);
  if (parser === undefined) {
    parser = (PARSERS[name] ?? PARSERS['babylon'] as () => Parser)();
    loaded.set(name, parser);
  }
  return parser;
}

function parse(file: string, source: string): ParsedFile {
  const parsed = parserFor(file).parse(source);
  const comments: BlockComment[] = [];
  for (const comment of parsed.comments ?? []) {
    if (comment.type === 'CommentBlock') comments.push({ start: comment.start, end: comment.end, value: comment.value });
  }
  return { program: parsed.program, comments };
}

function isModule(program: AstNode): boolean {
  const body = program['body'] as readonly AstNode[];
  return body.some((statement: AstNode): boolean => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
}

/**
 * One pass: the edits for every unmeasured critical function whose body does not contain another one's edit
 * (those wait for the next pass), plus the import once.
 */
function passEdits(parsed: ParsedFile, source: string, projectPath: string, options: CompiledMonitorOptions): readonly TextEdit[] {
  const findings = findUnmeasuredFunctions(parsed.program, source, parsed.comments, projectPath, options);
  const edits: TextEdit[] = [];
  const bodies: (readonly [number, number])[] = [];
  let importEdit: TextEdit | null = null;
  for (const { fix } of findings.unmeasured) {
    if (!fix.ok) continue;
    const [body, imported] = fix.edits;
    if (body === undefined) continue;
    if (bodies.some(([start, end]: readonly [number, number]): boolean => body.start < end && start < body.end)) continue;
    bodies.push([body.start, body.end]);
    edits.push(body);
    importEdit ??= imported ?? null;
  }
  if (importEdit !== null) {
    if (!isModule(parsed.program)) {
      throw new Error('the file is a script (no import or export): importing the monitor would turn it into a module; measure its critical functions by hand');
    }
    edits.push(importEdit);
  }
  return edits;
}

/**
 * Rewrites the body of every critical function that is not measured into `return measure('<name>', () => …)`
 * (async callback for async functions), importing the monitor's `measure` once; see
 * standards/performance-monitoring/body-wrapping.ts for what is kept. Generators and bodies that would mean
 * something else inside a callback are left alone (the rule says why).
 * @performance one parse (jscodeshift's parser for the extension) per pass, one pass unless critical functions
 * nest; edits are text splices, so untouched code is byte-identical and nothing is printed.
 */
export function wrapPerformanceMonitor(file: FileInfo, _api: API, options: CodemodOptions, context: FileCodemodContext): string | undefined {
  const compiled = compile(options);
  const projectPath = relativePath(optionsBase(options, context.root), file.path);
  if (compiled.isIgnored(projectPath)) return undefined;
  let source = file.source;
  // Cheap exit for the common file: nothing can be critical without the tag, outside the critical paths.
  if (!compiled.isCriticalPath(projectPath) && !source.includes(compiled.tagWithAt)) return undefined;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = passEdits(parse(file.path, source), source, projectPath, compiled);
    if (edits.length === 0) break;
    source = applyTextEdits(source, edits);
  }
  return source === file.source ? undefined : source;
}

const codemod: FileCodemod = {
  ...codemodDeclaration('wrap-performance-monitor'),
  kind: 'file',
  description: 'Measures every critical function with the performance monitor: its body becomes `return measure(name, () => …)`, and `measure` is imported.',
  order: 40,
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  module: import.meta.url,
  transform: wrapPerformanceMonitor,
};

export default codemod;
