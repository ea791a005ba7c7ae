import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codeSpan } from './markdown-document.js';
import { countWords, REQUIRED_DOCS } from './required-docs.js';

/**
 * The first version of a missing required doc, written from facts found in the project (its folders,
 * package.json, `.mcp.json`, benchmark scripts) and nothing else: a section appears only when there is a
 * fact to put in it, so a skeleton never passes for documentation a human has not written yet.
 */

export interface FolderFact {
  /** Top-level folder name, without slash. */
  readonly name: string;
  readonly files: number;
  /** File extensions in it, most frequent first. */
  readonly extensions: readonly string[];
}

export interface ScriptFact {
  readonly name: string;
  readonly command: string;
}

export interface McpServerFact {
  readonly name: string;
  /** `stdio`, `http`, `sse`, as declared or implied by `command` / `url`. */
  readonly transport: string;
  /** The command line for stdio servers, the URL otherwise. */
  readonly target: string;
  /** Names of the environment variables it is given; values are never copied (they may be secrets). */
  readonly env: readonly string[];
}

export interface ProjectFacts {
  readonly folders: readonly FolderFact[];
  /** `npm`, `pnpm`, `yarn` or `bun`: how the scripts are run. */
  readonly packageManager: string;
  readonly scripts: readonly ScriptFact[];
  readonly dependencies: readonly ScriptFact[];
  readonly mcpServers: readonly McpServerFact[];
  /** Files under `bench/`, `benchmark/`, `benchmarks/`, and `*.bench.*` files, relative to the project root. */
  readonly benchmarkFiles: readonly string[];
  /** Problems reading the sources of these facts (invalid JSON), for the report. */
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

const BENCH_FOLDERS: ReadonlySet<string> = new Set(['bench', 'benchmark', 'benchmarks']);
const BENCH_FILE = /\.bench\.[cm]?[jt]sx?$/u;
const LOCKFILES: readonly (readonly [string, string])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
];

/**
 * Collects the facts of one project root.
 * @param files Every file of the project (gitignored ones excluded), relative to its root with `/`.
 * @param read Returns a file's text (path relative to the root), or `null` when it does not exist.
 * @complexity O(files) plus reading package.json and .mcp.json.
 */
export function collectProjectFacts(files: readonly string[], read: (file: string) => string | null): ProjectFacts {
  const problems: { file: string; message: string }[] = [];
  const folders = new Map<string, Map<string, number>>();
  const benchmarkFiles: string[] = [];
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash > 0 && !file.startsWith('.')) {
      const folder = file.slice(0, slash);
      const extensions = folders.get(folder) ?? new Map<string, number>();
      const extension = extensionOf(file);
      extensions.set(extension, (extensions.get(extension) ?? 0) + 1);
      folders.set(folder, extensions);
      if (BENCH_FOLDERS.has(folder)) benchmarkFiles.push(file);
    }
    if (BENCH_FILE.test(file) && !benchmarkFiles.includes(file)) benchmarkFiles.push(file);
  }
  const manifest = readJsonObject('package.json', read, problems);
  const scripts = stringEntries(manifest?.['scripts']);
  const declaredManager = typeof manifest?.['packageManager'] === 'string' ? manifest['packageManager'].split('@')[0] : undefined;
  const lockfileManager = LOCKFILES.find(([lockfile]) => files.includes(lockfile))?.[1];
  const mcp = readJsonObject('.mcp.json', read, problems);
  return Object.freeze({
    folders: [...folders]
      .map(([name, extensions]): FolderFact => ({
        name,
        files: [...extensions.values()].reduce((sum: number, count: number): number => sum + count, 0),
        extensions: [...extensions]
          .sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))
          .map(([extension]) => extension)
          .filter((extension: string): boolean => extension !== ''),
      }))
      .sort((a, b) => compareText(a.name, b.name)),
    packageManager: declaredManager !== undefined && declaredManager !== '' ? declaredManager : (lockfileManager ?? 'npm'),
    scripts,
    dependencies: stringEntries(manifest?.['dependencies']),
    mcpServers: mcpServersOf(mcp),
    benchmarkFiles: benchmarkFiles.sort(compareText),
    problems,
  });
}

function extensionOf(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/**
 * Code-unit order: the same on every machine and locale, so output is deterministic.
 * @complexity O(length of the shorter string).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readJsonObject(
  file: string,
  read: (file: string) => string | null,
  problems: { file: string; message: string }[],
): Record<string, unknown> | null {
  const text = read(file);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push({ file, message: 'is not a JSON object' });
  } catch (error) {
    problems.push({ file, message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` });
  }
  return null;
}

function stringEntries(value: unknown): readonly ScriptFact[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, command]) => ({ name, command }));
}

function mcpServersOf(config: Record<string, unknown> | null): readonly McpServerFact[] {
  const servers = config?.['mcpServers'];
  if (typeof servers !== 'object' || servers === null) return [];
  const facts: McpServerFact[] = [];
  for (const [name, server] of Object.entries(servers as Record<string, unknown>)) {
    if (typeof server !== 'object' || server === null) continue;
    const entry = server as Record<string, unknown>;
    const command = typeof entry['command'] === 'string' ? entry['command'] : undefined;
    const args = Array.isArray(entry['args']) ? entry['args'].filter((arg): arg is string => typeof arg === 'string') : [];
    const url = typeof entry['url'] === 'string' ? entry['url'] : undefined;
    const declared = typeof entry['type'] === 'string' ? entry['type'] : undefined;
    const env = typeof entry['env'] === 'object' && entry['env'] !== null ? Object.keys(entry['env']) : [];
    facts.push({
      name,
      transport: declared ?? (command !== undefined ? 'stdio' : 'http'),
      target: command !== undefined ? [command, ...args].join(' ') : (url ?? ''),
      env,
    });
  }
  return facts.sort((a, b) => compareText(a.name, b.name));
}

/** Titles for doc file names: `mcp_integration_guide` → `MCP Integration Guide`. */
const ACRONYMS: ReadonlySet<string> = new Set(['ai', 'api', 'cli', 'mcp', 'ui', 'sdk']);

/**
 * The title a doc gets from its file name.
 * @complexity O(length of the path).
 */
export function titleFor(doc: string): string {
  const stem = doc.slice(doc.lastIndexOf('/') + 1).replace(/\.[^.]*$/u, '');
  return stem
    .split(/[-_\s]+/u)
    .filter((word: string): boolean => word !== '')
    .map((word: string): string => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word[0]?.toUpperCase() + word.slice(1)))
    .join(' ');
}

type Section = (facts: ProjectFacts) => readonly string[];

const escapeCell = (text: string): string => text.replace(/\|/gu, '\\|');

const layout: Section = (facts) =>
  facts.folders.length === 0
    ? []
    : [
        '## Layout',
        '',
        '| Folder | Files |',
        '| --- | --- |',
        ...facts.folders.map(
          (folder: FolderFact): string =>
            `| ${escapeCell(codeSpan(`${folder.name}/`))} | ${folder.files}${folder.extensions.length > 0 ? ` (${folder.extensions.join(', ')})` : ''} |`,
        ),
      ];

const dependencies: Section = (facts) =>
  facts.dependencies.length === 0
    ? []
    : [
        '## Runtime dependencies',
        '',
        ...facts.dependencies.map((dependency: ScriptFact): string => `- ${codeSpan(dependency.name)} ${codeSpan(dependency.command)}`),
      ];

const scriptTable = (facts: ProjectFacts, scripts: readonly ScriptFact[]): readonly string[] => [
  '| Command | Runs |',
  '| --- | --- |',
  ...scripts.map(
    (script: ScriptFact): string =>
      `| ${escapeCell(codeSpan(`${facts.packageManager} run ${script.name}`))} | ${escapeCell(codeSpan(script.command))} |`,
  ),
];

const commands: Section = (facts) => (facts.scripts.length === 0 ? [] : ['## Commands', '', ...scriptTable(facts, facts.scripts)]);

// The commands that run benchmarks are facts a reader acts on; a list of benchmark file names is not
// documentation (it only pads the doc towards require-docs' word minimum), so it is never written.
const benchmarks: Section = (facts) => {
  const scripts = facts.scripts.filter((script: ScriptFact): boolean => script.name.startsWith('bench'));
  return scripts.length === 0 ? [] : ['## Benchmarks', '', ...scriptTable(facts, scripts)];
};

const mcpServers: Section = (facts) =>
  facts.mcpServers.length === 0
    ? []
    : [
        '## Servers',
        '',
        'Declared in `.mcp.json`:',
        '',
        '| Server | Transport | Command or URL | Environment |',
        '| --- | --- | --- | --- |',
        ...facts.mcpServers.map(
          (server: McpServerFact): string =>
            `| ${escapeCell(server.name)} | ${server.transport} | ${escapeCell(codeSpan(server.target))} | ${server.env.map((name: string): string => escapeCell(codeSpan(name))).join(', ')} |`,
        ),
      ];

/** Which facts belong in which required doc; a doc not listed (added by option) gets its title and nothing else. */
const SECTIONS: Readonly<Record<string, readonly Section[]>> = Object.freeze({
  'docs/architecture_decisions.md': [layout, dependencies],
  'docs/performance_benchmarks.md': [benchmarks],
  'docs/mcp_integration_guide.md': [mcpServers],
  'docs/ai_coding_patterns.md': [commands],
});

/**
 * The skeleton of a doc (path relative to its project root): title, the doc's purpose when it is a
 * standard required doc, then one section per kind of fact found.
 * @complexity O(facts).
 */
export function renderSkeleton(doc: string, facts: ProjectFacts, eol: string = '\n'): string {
  const purpose = Object.hasOwn(REQUIRED_DOCS, doc) ? REQUIRED_DOCS[doc] : undefined;
  const blocks: (readonly string[])[] = [[`# ${titleFor(doc)}`]];
  if (purpose !== undefined) blocks.push([`${purpose[0]?.toUpperCase()}${purpose.slice(1)}.`]);
  for (const section of SECTIONS[doc] ?? []) {
    const lines = section(facts);
    if (lines.length > 0) blocks.push(lines);
  }
  return blocks.map((lines) => lines.join(eol)).join(eol + eol) + eol;
}

/** A missing required doc's skeleton and whether it holds enough words for `require-docs` to accept it. */
export interface DocScaffold {
  readonly text: string;
  readonly words: number;
  /** At least `minWords`: `consolidate-docs` writes it; otherwise it leaves the doc to a human. */
  readonly enough: boolean;
}

/**
 * What `consolidate-docs` would scaffold for the missing doc `doc` (path relative to its root) from `facts`,
 * and whether it would: the one decision the codemod writes by and `require-docs` words its message by, so the
 * rule never offers the codemod for a doc it would refuse to create.
 * @complexity O(facts).
 */
export function docScaffold(doc: string, facts: ProjectFacts, minWords: number): DocScaffold {
  const text = renderSkeleton(doc, facts);
  const words = countWords(text);
  return { text, words, enough: words >= minWords };
}

// Folders a file walk never enters: installed packages and version-control data, not the project's own.
const UNWALKED: ReadonlySet<string> = new Set(['node_modules']);

/**
 * The facts of the project root `rootDir`, read from disk as `require-docs` sees it: its files (not
 * entering dot-folders, `node_modules`, or symlinks, so nothing outside the root), minus `exclude` (the
 * required docs, which the facts are written into), then package.json and .mcp.json. Unlike
 * `consolidate-docs`, it does not leave out gitignored files.
 * @complexity O(files under the root) directory reads, plus reading package.json and .mcp.json.
 */
export function readProjectFacts(rootDir: string, exclude: ReadonlySet<string>): ProjectFacts {
  const files: string[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(rootDir, folder), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isFile() && !exclude.has(file)) files.push(file);
      else if (entry.isDirectory() && !entry.name.startsWith('.') && !UNWALKED.has(entry.name)) walk(file);
    }
  };
  walk('');
  return collectProjectFacts(files, (file: string): string | null => {
    try {
      return readFileSync(path.join(rootDir, file), 'utf8');
    } catch {
      return null;
    }
  });
}
