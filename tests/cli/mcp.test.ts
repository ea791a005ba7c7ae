import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../run-node.js';
import { CODEMOD_NAMES } from '../../codemods/runner/declarations.js';
import { rules } from '../../index.js';
import { callTool as call, connectServer, textOf } from './mcp-client.js';

// End to end, as an editor runs it: the built bin (`npm test` builds dist/ first) started with
// `perf-standards mcp` from a working directory that is not the project, talking to the SDK's own client
// over stdio; the project comes from the client's MCP roots unless a call names its root.

const temporary: string[] = [];
const clients: Client[] = [];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** A small committed project: a one-off script with an importer, a file with an `any`, no docs. */
function sampleProject(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-e2e-')));
  temporary.push(dir);
  const files: Record<string, string> = {
    'package.json': '{\n  "name": "sample",\n  "version": "1.0.0",\n  "type": "module"\n}\n',
    'temp_report.ts': 'export const total: number = 1;\n',
    'main.ts': "import { total } from './temp_report.js';\n\nexport const doubled: number = total * 2;\n",
    'loose.ts': "export const parsed: any = JSON.parse('1');\nexport const kept: number = 2;\n",
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "noEmit": true, "types": [] }, "include": ["*.ts"] }\n',
    '.gitignore': 'generated/\n',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'sample');
  // Ignored by git: never checked.
  fs.mkdirSync(path.join(dir, 'generated'));
  fs.writeFileSync(path.join(dir, 'generated', 'temp_out.ts'), 'export const x: number = 1;\n');
  return dir;
}

/** Every file under `dir` (but .git) with its content, to prove a dry run wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const entries = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((entry: string): boolean => !entry.startsWith('.git/') && entry !== '.git');
  return Object.fromEntries(
    entries
      .filter((entry: string): boolean => fs.statSync(path.join(dir, entry)).isFile())
      .sort()
      .map((entry: string): [string, string] => [entry, fs.readFileSync(path.join(dir, entry), 'utf8')]),
  );
}

async function connect(options: { readonly roots: readonly string[] | null; readonly cwd: string }): Promise<Client> {
  const { client } = await connectServer(options);
  clients.push(client);
  return client;
}

let project = '';
let client: Client;

beforeAll(async () => {
  project = sampleProject();
  // Started from the temp folder's parent, as an editor starts servers from wherever it was launched.
  client = await connect({ roots: [project], cwd: os.tmpdir() });
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((open: Client) => open.close()));
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const ONE_OFF = {
  ruleId: 'perf-standards/no-one-off-scripts',
  severity: 2,
  message:
    '`temp_report.ts` is named like a one-off script (`temp_`): rename it to `report.ts` (or move it into cli/ or utils/); `perf-standards fix rename-one-off-scripts` renames it and its importers.',
  line: 1,
  column: 1,
};

describe('perf-standards mcp', () => {
  it('lists exactly the five tools, each with an input and an output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['check', 'fix', 'coverage', 'explain', 'gates']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    expect(tools.find((tool) => tool.name === 'fix')?.inputSchema.required).toEqual(['codemod']);
  });

  it('fix: the schema and the errors name every codemod, from the registry', async () => {
    const { tools } = await client.listTools();
    const codemod = (tools.find((tool) => tool.name === 'fix')?.inputSchema.properties as Record<string, { enum?: string[]; description?: string }>)['codemod'];
    expect(CODEMOD_NAMES).toHaveLength(8);
    expect(codemod?.enum).toEqual([...CODEMOD_NAMES]);
    expect(codemod?.description).toBe(
      'rename-one-off-scripts, consolidate-docs, add-explicit-types, wrap-performance-monitor, readonly-data-shapes, concurrent-await, dataclass-slots or performance-now (the explain tool says which rule each fixes).',
    );
    const missing = await call(client, 'fix', {});
    expect(textOf(missing)).toBe(
      'fix: "codemod" is required; name one of rename-one-off-scripts, consolidate-docs, add-explicit-types, wrap-performance-monitor, readonly-data-shapes, concurrent-await, dataclass-slots, performance-now',
    );
  });

  it('check: the client root, grouped by rule, paths relative to the root, git-ignored files skipped', async () => {
    const result = await call(client, 'check', {});
    expect(result.isError).toBeUndefined();
    const structured = result.structuredContent ?? {};
    const results = structured['results'] as { filePath: string; messages: Record<string, unknown>[] }[];
    expect(results.map((entry) => [entry.filePath, entry.messages.map((message) => message['ruleId'])])).toEqual([
      ['temp_report.ts', ['perf-standards/no-one-off-scripts']],
      ['package.json', ['perf-standards/require-docs']],
    ]);
    expect(results[0]?.messages[0]).toEqual(ONE_OFF);
    expect(structured['summary']).toMatchObject({
      filesChecked: 4,
      errorCount: 2,
      warningCount: 0,
      // require-docs: the project's facts are too few to scaffold any doc, so consolidate-docs is not offered.
      fixCommands: ['perf-standards fix rename-one-off-scripts'],
      config: null,
    });
    expect(structured['page']).toEqual({ offset: 0, count: 2, total: 2 });
    expect(structured['nextCursor']).toBeUndefined();
    expect(textOf(result)).toContain('Checked 4 files with the perf-standards recommended config: 2 errors, 0 warnings.');
    expect(textOf(result)).toContain('perf-standards/no-one-off-scripts: 1 problem in 1 file (fix tool: codemod "rename-one-off-scripts")');
  });

  it('check: paths narrow the run, absolute or relative', async () => {
    const relative = await call(client, 'check', { paths: ['temp_report.ts'] });
    const absolute = await call(client, 'check', { paths: [path.join(project, 'temp_report.ts')] });
    for (const result of [relative, absolute]) {
      expect(result.structuredContent?.['results']).toEqual([{ filePath: 'temp_report.ts', messages: [ONE_OFF] }]);
      expect(result.structuredContent?.['summary']).toMatchObject({ filesChecked: 1, errorCount: 1 });
    }
  });

  it('check: pages with limit and cursor cover the whole result once, then the cursor expires for other tools', async () => {
    const first = await call(client, 'check', { limit: 1 });
    expect(first.structuredContent?.['page']).toEqual({ offset: 0, count: 1, total: 2 });
    const cursor = first.structuredContent?.['nextCursor'];
    expect(typeof cursor).toBe('string');
    expect(textOf(first)).toContain(`More: call check again with cursor "${String(cursor)}".`);
    const second = await call(client, 'check', { cursor, limit: 1 });
    expect(second.structuredContent?.['page']).toEqual({ offset: 1, count: 1, total: 2 });
    expect(second.structuredContent?.['nextCursor']).toBeUndefined();
    const paged = [first, second].flatMap((page) => page.structuredContent?.['results'] as { filePath: string }[]).map((entry) => entry.filePath);
    expect(paged).toEqual(['temp_report.ts', 'package.json']);
    // The summary covers the whole run on every page.
    expect(second.structuredContent?.['summary']).toEqual(first.structuredContent?.['summary']);
    const wrongTool = await call(client, 'coverage', { cursor });
    expect(wrongTool).toMatchObject({ isError: true });
    expect(textOf(wrongTool)).toBe(`coverage: the cursor "${String(cursor)}" is unknown or expired; call coverage again without a cursor`);
  });

  it('bad input is an isError result naming the problem, and the server keeps serving', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['check', { path: 'main.ts' }, 'check: unknown argument "path"; the arguments are paths, root, cursor, limit'],
      ['check', { paths: ['../outside.ts'] }, `paths: ../outside.ts is outside the root ${project}`],
      ['check', { paths: ['missing.ts'] }, `paths: no such file or directory: missing.ts (paths are relative to the root ${project})`],
      ['check', { paths: 'main.ts' }, 'check: "paths" must be a list of non-empty strings, got "main.ts"'],
      ['check', { limit: 0 }, 'check: "limit" must be a whole number from 1 to 500, got 0'],
      ['check', { root: os.tmpdir() }, `root ${os.tmpdir()} is outside the client's roots (${project})`],
      ['fix', {}, `fix: "codemod" is required; name one of ${CODEMOD_NAMES.join(', ')}`],
      ['fix', { codemod: 'rename-all' }, `fix: unknown codemod "rename-all"; the codemods are ${CODEMOD_NAMES.join(', ')}`],
      ['coverage', { project: 'nope.json' }, `project: no such file or directory: nope.json (paths are relative to the root ${project})`],
    ];
    for (const [tool, args, message] of cases) {
      const result = await call(client, tool, args);
      expect({ tool, args, isError: result.isError, text: textOf(result) }).toEqual({ tool, args, isError: true, text: message });
    }
    const after = await call(client, 'check', { paths: ['main.ts'] });
    expect(after.isError).toBeUndefined();
    expect(after.structuredContent?.['summary']).toMatchObject({ filesChecked: 1, errorCount: 0 });
  });

  it('explain: a rule with its codemod; an unknown name lists the rules', async () => {
    const known = await call(client, 'explain', { rule: 'perf-standards/no-one-off-scripts' });
    expect(known.structuredContent).toMatchObject({ rule: 'perf-standards/no-one-off-scripts', codemod: 'rename-one-off-scripts' });
    expect(known.structuredContent?.['documentation']).toBe(fs.readFileSync(path.join(CLI_BIN, '../../../docs/rules/no-one-off-scripts.md'), 'utf8'));
    expect(known.structuredContent?.['codemodDocumentation']).toBe(fs.readFileSync(path.join(CLI_BIN, '../../../docs/codemods/rename-one-off-scripts.md'), 'utf8'));
    const unknown = await call(client, 'explain', { rule: 'no-such-rule' });
    expect(unknown.isError).toBe(true);
    const ruleList = Object.keys(rules).sort().map((id: string) => `perf-standards/${id}`).join(', ');
    expect(textOf(unknown)).toBe(`explain: unknown rule "no-such-rule"; the rules are ${ruleList} (codemods: ${[...CODEMOD_NAMES].sort().join(', ')})`);
  });

  it('coverage: totals, per-file figures least covered first, any locations 1-based', async () => {
    const result = await call(client, 'coverage', {});
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ correctCount: 7, totalCount: 8, percent: 87.5, percentString: '87.50', filesCounted: 3, strict: false });
    const files = result.structuredContent?.['files'] as Record<string, unknown>[];
    expect(files[0]).toEqual({ file: 'loose.ts', covered: 3, total: 4, percent: 75, anyLocations: [{ line: 1, column: 14, text: 'parsed' }] });
    expect(textOf(result)).toContain('Type coverage 87.50% (7 / 8 identifiers typed) over 3 files.');
  });

  it('gates: the verdicts of the command as structured content; a gate asked for without data is exit code 2', async () => {
    const result = await call(client, 'gates', { only: ['typeCoverage', 'coverage'] });
    expect(result.isError).toBeUndefined();
    const gates = result.structuredContent?.['gates'] as { gate: string; verdict: string; measured: string }[];
    expect(result.structuredContent?.['exitCode']).toBe(2);
    expect(gates.map(({ gate, verdict, measured }) => ({ gate, verdict, measured }))).toEqual([
      { gate: 'typeCoverage', verdict: 'failed', measured: '87.50% (7/8)' },
      { gate: 'coverage', verdict: 'error', measured: '' },
    ]);
    expect(textOf(result).split('\n')[0]).toBe('Quality gates (exit code 2: a report is missing or unreadable):');
    const unknown = await call(client, 'gates', { only: ['speed'] });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toBe('gates: unknown gate "speed"; the gates are coverage, typeCoverage, bundleSize, regression, budgets, memory, accessibility');
  });

  it('fix: a dry run returns the diff and writes nothing', async () => {
    const before = snapshot(project);
    const result = await call(client, 'fix', { codemod: 'rename-one-off-scripts' });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ codemod: 'rename-one-off-scripts', dryRun: true, counts: { changed: 2, unchanged: 4, skipped: 0, failed: 0 } });
    expect(result.structuredContent?.['files']).toEqual([
      {
        codemod: 'rename-one-off-scripts',
        path: 'main.ts',
        status: 'changed',
        diff: "diff --git a/main.ts b/main.ts\n--- a/main.ts\n+++ b/main.ts\n@@ -1,3 +1,3 @@\n-import { total } from './temp_report.js';\n+import { total } from './report.js';\n \n export const doubled: number = total * 2;\n",
      },
      {
        codemod: 'rename-one-off-scripts',
        path: 'temp_report.ts',
        status: 'changed',
        renamedTo: 'report.ts',
        diff: 'diff --git a/temp_report.ts b/report.ts\nrename from temp_report.ts\nrename to report.ts\n',
      },
    ]);
    expect(snapshot(project)).toEqual(before);
  });

  it('requests may overlap', async () => {
    const answers = await Promise.all([
      call(client, 'check', { paths: ['temp_report.ts'] }),
      call(client, 'explain', { rule: 'require-docs' }),
      call(client, 'check', { paths: ['main.ts'] }),
      call(client, 'check', { paths: ['temp_report.ts'] }),
    ]);
    expect(answers.map((answer) => answer.isError)).toEqual([undefined, undefined, undefined, undefined]);
    expect(answers[0]?.structuredContent?.['results']).toEqual([{ filePath: 'temp_report.ts', messages: [ONE_OFF] }]);
    expect(answers[1]?.structuredContent?.['rule']).toBe('perf-standards/require-docs');
    expect(answers[2]?.structuredContent?.['results']).toEqual([]);
    expect(answers[3]?.structuredContent?.['results']).toEqual([{ filePath: 'temp_report.ts', messages: [ONE_OFF] }]);
  });

  it('fix: apply refuses a dirty tree, then applies on a clean one', async () => {
    const dir = sampleProject();
    const other = await connect({ roots: null, cwd: os.tmpdir() });
    fs.writeFileSync(path.join(dir, 'notes.ts'), 'export const note: string = "x";\n');
    const refused = await call(other, 'fix', { codemod: 'rename-one-off-scripts', root: dir, apply: true });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^the git work tree has untracked files \(notes\.ts\); add them to \.gitignore, commit them, or stash them with `git stash --include-untracked`/u);
    expect(fs.existsSync(path.join(dir, 'temp_report.ts'))).toBe(true);
    fs.rmSync(path.join(dir, 'notes.ts'));
    const applied = await call(other, 'fix', { codemod: 'rename-one-off-scripts', root: dir, apply: true });
    expect(applied.isError).toBeUndefined();
    expect(applied.structuredContent).toMatchObject({ dryRun: false, counts: { changed: 2, failed: 0 } });
    expect(fs.existsSync(path.join(dir, 'temp_report.ts'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe("import { total } from './report.js';\n\nexport const doubled: number = total * 2;\n");
    // Applied changes are not diffed: the tree has them.
    expect((applied.structuredContent?.['files'] as Record<string, unknown>[]).every((file) => file['diff'] === undefined)).toBe(true);
    const recheck = await call(other, 'check', { root: dir, paths: ['report.ts', 'main.ts'] });
    expect(recheck.structuredContent?.['summary']).toMatchObject({ errorCount: 0 });
  });

  it('check: Python files go through the Python language (a parsing error with its line, names judged)', async () => {
    const dir = sampleProject();
    fs.writeFileSync(path.join(dir, 'temp_seed.py'), 'def seed(:\n    pass\n');
    fs.writeFileSync(path.join(dir, 'loader.py'), 'import json\n\n\ndef load(path: str) -> dict:\n    return json.load(open(path))\n');
    const other = await connect({ roots: null, cwd: os.tmpdir() });
    const result = await call(other, 'check', { root: dir, paths: ['temp_seed.py', 'loader.py'] });
    expect(result.isError).toBeUndefined();
    const results = result.structuredContent?.['results'] as { filePath: string; messages: Record<string, unknown>[] }[];
    expect(results.map((entry) => [entry.filePath, entry.messages.map((message) => `${String(message['ruleId'])} ${String(message['line'])}:${String(message['column'])}`)])).toEqual([
      ['temp_seed.py', ['perf-standards/no-one-off-scripts 1:1']],
      ['loader.py', ['perf-standards/require-performance-docs 4:5']],
      ['temp_seed.py', ['null 1:10']],
    ]);
    expect(results[2]?.messages[0]?.['message']).toBe('Parsing error: invalid syntax: expected `)`');
  });

  it('without client roots, the root is the working directory, and a changed config is picked up', async () => {
    const dir = sampleProject();
    const local = await connect({ roots: null, cwd: dir });
    const before = await call(local, 'check', { paths: ['temp_report.ts'] });
    expect(before.structuredContent?.['summary']).toMatchObject({ errorCount: 1, config: null });
    // The project adopts the standards with the rule turned off: the cached ESLint instance is replaced.
    const pluginUrl = pathToFileURL(path.join(CLI_BIN, '../../index.js')).href;
    fs.writeFileSync(
      path.join(dir, 'eslint.config.js'),
      `import plugin from ${JSON.stringify(pluginUrl)};\nexport default [...plugin.configs.recommended, { rules: { 'perf-standards/no-one-off-scripts': 'off' } }];\n`,
    );
    const after = await call(local, 'check', { paths: ['temp_report.ts'] });
    expect(after.structuredContent?.['summary']).toMatchObject({ errorCount: 0, config: 'eslint.config.js' });
  });
});

/** Raw JSON-RPC over the server's stdio, to see the handshake exactly as the server writes it. */
async function rawSession(cwd: string, messages: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const child = spawn(process.execPath, [CLI_BIN, 'mcp'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const answers: Record<string, unknown>[] = [];
  let buffer = '';
  // Resolved by the next answer the server writes; a request waits on it instead of polling.
  let nextAnswer: (() => void) | null = null;
  const expected = messages.filter((message) => message['id'] !== undefined).length;
  const done = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      answers.push(...lines.filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>));
      nextAnswer?.();
      if (answers.length >= expected) resolve();
    });
  });
  // One at a time, each after the previous answer, as a client does during the handshake.
  for (const message of messages) {
    const before = answers.length;
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    if (message['id'] !== undefined) {
      if (answers.length === before) await new Promise<void>((resolve) => (nextAnswer = resolve));
    }
  }
  await done;
  child.stdin.end();
  return answers;
}

describe('perf-standards mcp before the SDK loads', () => {
  it('answers initialize and tools/list exactly as the SDK server does', async () => {
    const initialize = { method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
    // Early: the handshake is answered without the SDK; the explain call loads it; then the SDK lists the tools.
    const early = await rawSession(project, [
      { id: 1, ...initialize },
      { method: 'notifications/initialized' },
      { id: 2, method: 'tools/list', params: {} },
      { id: 3, method: 'tools/call', params: { name: 'explain', arguments: { rule: 'require-docs' } } },
      { id: 4, method: 'tools/list', params: {} },
    ]);
    expect(early.map((answer) => answer['id'])).toEqual([1, 2, 3, 4]);
    expect(early[1]).toEqual(early[3] === undefined ? undefined : { ...early[3], id: 2 });
    expect((early[2]?.['result'] as Record<string, unknown>)['isError']).toBeUndefined();
    // A ping first hands the session to the SDK at once: its initialize answer is the reference.
    const sdk = await rawSession(project, [{ id: 0, method: 'ping' }, { id: 1, ...initialize }]);
    expect(early[0]).toEqual(sdk[1]);
    expect(early[0]?.['result']).toMatchObject({ protocolVersion: '2025-06-18', serverInfo: { name: 'perf-standards' } });
  });
});
