// The Python language (perf-standards/python) on the standard library of the machine's python3 (issue 19), in
// CPU time (user+sys), each measurement in its own Node process, the kinds interleaved round by round, medians:
//   1. parse alone: tree-sitter-python through web-tree-sitter (the tree only), the language's `parse` (tree +
//      conversion to the plain-object AST), against @astral-sh/ruff-wasm-nodejs parsing the same files (its
//      `Workspace.check` with no rule selected: ruff's parser and nothing else that depends on the file's code);
//   2. the Python rules: ESLint's Linter with the recommended config on every file (today only the file-name
//      rules and the rules that declare `perf-standards/python` in `meta.languages`; the bench runs whatever the
//      plugin has) against ruff checking the same files with its ANN, ASYNC and PERF rules;
//   3. start-up: importing the plugin, and the first Python file (which loads the WebAssembly grammar);
//   4. editor: a 2,000-line file (Lib/enum.py) linted ten times through one Linter, each `verify` timed.
// Every file is also checked for crashes and fatal messages: a file with a tree-sitter error must be one that
// Python's compile() rejects or a known grammar gap (tests/python-stdlib.test.ts lists them).
// Memory: the peak resident set (maxRSS) of each worker process.
// Run: npm run bench:python-language   (builds first; needs dist/ and python3)   Options: --rounds N (default 5)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const here = fileURLToPath(import.meta.url);
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, worker: { type: 'string' } } });

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const files = () => fg.sync('**/*.py', { cwd: stdlib, ignore: ['**/site-packages/**'] }).sort();
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
const EDITOR_FILE = 'enum.py';

async function worker(kind) {
  const startup = process.cpuUsage();
  const texts = kind.startsWith('startup') || kind === 'editor' ? [] : files().map((file) => [file, readFileSync(path.join(stdlib, file), 'utf8')]);
  const report = { kind, files: texts.length };
  if (kind === 'tree-sitter' || kind === 'language') {
    const { parsePythonTree } = await import(path.join(repo, 'dist/standards/shared/python-parser.js'));
    const { pythonLanguage } = await import(path.join(repo, 'dist/rules/language/python-language.js'));
    parsePythonTree('x = 1\n').delete(); // loads the grammar outside the timed loop
    const before = process.cpuUsage();
    let errors = 0;
    for (const [file, text] of texts) {
      if (kind === 'tree-sitter') {
        const tree = parsePythonTree(text);
        if (tree.rootNode.hasError) errors += 1;
        tree.delete();
      } else if (!pythonLanguage.parse({ body: text, path: file }).ok) errors += 1;
    }
    report.cpu = cpuMs(process.cpuUsage(before));
    report.errors = errors;
  } else if (kind === 'ruff-parse' || kind === 'ruff-rules') {
    const { Workspace, PositionEncoding } = await import('@astral-sh/ruff-wasm-nodejs');
    const select = kind === 'ruff-parse' ? [] : ['ANN', 'ASYNC', 'PERF'];
    const workspace = new Workspace({ lint: { select } }, PositionEncoding.Utf16);
    workspace.check('x = 1\n');
    const before = process.cpuUsage();
    let errors = 0;
    let findings = 0;
    for (const [, text] of texts) {
      const diagnostics = workspace.check(text);
      if (diagnostics.some((diagnostic) => diagnostic.code === 'invalid-syntax')) errors += 1;
      findings += diagnostics.filter((diagnostic) => diagnostic.code !== 'invalid-syntax').length;
    }
    report.cpu = cpuMs(process.cpuUsage(before));
    report.errors = errors;
    report.findings = findings;
  } else if (kind === 'eslint-rules') {
    const { Linter } = await import('eslint');
    const { default: plugin } = await import(path.join(repo, 'dist/index.js'));
    const linter = new Linter({ configType: 'flat', cwd: stdlib });
    // bench/python-rules.js measures one rule at a time ('(none)': parsing and traversal only).
    const only = process.env.PERF_STANDARDS_BENCH_ONLY_RULE ?? '';
    const config =
      only === ''
        ? plugin.configs.recommended
        : [...plugin.configs.recommended, { rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`perf-standards/${id}`, id === only ? 'error' : 'off'])) }];
    linter.verify('x = 1\n', config, path.join(stdlib, 'warm_up.py'));
    const before = process.cpuUsage();
    const fatal = [];
    let findings = 0;
    for (const [file, text] of texts) {
      const messages = linter.verify(text, config, path.join(stdlib, file));
      for (const message of messages) {
        if (message.fatal === true) fatal.push(`${file}:${message.line}:${message.column} ${message.message}`);
        else findings += 1;
      }
    }
    report.cpu = cpuMs(process.cpuUsage(before));
    report.fatal = fatal;
    report.findings = findings;
  } else if (kind === 'startup-plugin') {
    const before = process.cpuUsage();
    await import(path.join(repo, 'dist/index.js'));
    report.cpu = cpuMs(process.cpuUsage(before));
  } else if (kind === 'startup-first-python') {
    const { pythonLanguage } = await import(path.join(repo, 'dist/rules/language/python-language.js'));
    const before = process.cpuUsage();
    pythonLanguage.parse({ body: 'x = 1\n', path: 'a.py' });
    report.cpu = cpuMs(process.cpuUsage(before));
  } else if (kind === 'editor') {
    const { Linter } = await import('eslint');
    const { default: plugin } = await import(path.join(repo, 'dist/index.js'));
    const text = readFileSync(path.join(stdlib, EDITOR_FILE), 'utf8');
    const linter = new Linter({ configType: 'flat', cwd: stdlib });
    // Opening the file: the editor's first lint, which loads the grammar, is not a re-lint.
    report.open = (() => {
      const before = process.cpuUsage();
      linter.verify(text, plugin.configs.recommended, path.join(stdlib, EDITOR_FILE));
      return cpuMs(process.cpuUsage(before));
    })();
    const times = [];
    for (let run = 0; run < 30; run += 1) {
      // Typing changes the text: a comment at the end, different each time, so no cache can answer.
      const edited = `${text}\n# edit ${run}\n`;
      const before = process.cpuUsage();
      const messages = linter.verify(edited, plugin.configs.recommended, path.join(stdlib, EDITOR_FILE));
      times.push(cpuMs(process.cpuUsage(before)));
      if (messages.some((message) => message.fatal === true)) throw new Error(`${EDITOR_FILE}: fatal message`);
    }
    // The first ten re-lints after opening, and ten once the process is warm (after twenty).
    report.times = times.slice(0, 10);
    report.warmTimes = times.slice(20);
    report.lines = text.split('\n').length;
  } else {
    throw new Error(`unknown worker ${kind}`);
  }
  report.processCpu = cpuMs(process.cpuUsage(startup));
  report.maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(report));
}

function run(kind) {
  const child = spawnSync(process.execPath, [here, '--worker', kind], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${kind} worker failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;

async function main() {
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${values.rounds}`);
  const kinds = ['tree-sitter', 'language', 'ruff-parse', 'eslint-rules', 'ruff-rules', 'startup-plugin', 'startup-first-python'];
  const results = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let round = 0; round < rounds; round += 1) {
    // Rotate the order so no kind always runs right after the same other one.
    for (let index = 0; index < kinds.length; index += 1) {
      const kind = kinds[(index + round) % kinds.length];
      results[kind].push(run(kind));
    }
    process.stderr.write(`round ${round + 1}/${rounds}: ${kinds.map((kind) => `${kind} ${ms(results[kind].at(-1).cpu)}`).join(', ')}\n`);
  }
  const editor = run('editor');

  const cpu = (kind) => median(results[kind].map((result) => result.cpu));
  const rss = (kind) => Math.max(...results[kind].map((result) => result.maxRssMb));
  const first = (kind) => results[kind][0];
  const cpus = os.cpus();
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}; python3 stdlib ${stdlib}`);
  console.log(`Corpus: ${first('tree-sitter').files} .py files (site-packages excluded); ${rounds} rounds, medians of CPU time (user+sys)`);
  console.log('');
  console.log('| measurement | CPU | per file | vs ruff | files with syntax errors | peak RSS |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const row = (label, kind, against) =>
    console.log(
      `| ${label} | ${ms(cpu(kind))} | ${((cpu(kind) * 1000) / first(kind).files).toFixed(0)} µs | ${against === undefined ? '' : `${(cpu(kind) / cpu(against)).toFixed(2)}×`} | ${first(kind).errors ?? first(kind).fatal?.length ?? ''} | ${rss(kind).toFixed(0)} MB |`,
    );
  row('tree-sitter-python parse (tree only)', 'tree-sitter', 'ruff-parse');
  row('perf-standards/python `parse` (tree + plain-object AST)', 'language', 'ruff-parse');
  row('ruff-wasm parse (`check`, no rule selected)', 'ruff-parse');
  row('ESLint Linter, recommended config (the Python rules the plugin has)', 'eslint-rules', 'ruff-rules');
  row('ruff-wasm `check`, ANN + ASYNC + PERF', 'ruff-rules');
  console.log('');
  console.log(`Findings: ESLint ${first('eslint-rules').findings}, ruff ${first('ruff-rules').findings}`);
  console.log(`Fatal messages through ESLint: ${first('eslint-rules').fatal.length ? first('eslint-rules').fatal.join('; ') : 'none'}`);
  console.log('');
  console.log(`Start-up: importing the plugin ${cpu('startup-plugin').toFixed(1)} ms CPU (no WebAssembly loaded); the first Python file adds ${cpu('startup-first-python').toFixed(1)} ms CPU (loading the grammar, once per process)`);
  const list = (times) => `${times.map((time) => time.toFixed(1)).join(', ')} ms (median ${median(times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`;
  console.log(`Editor: ${EDITOR_FILE} (${editor.lines} lines), one Linter, recommended config, CPU per \`verify\` of the edited text:`);
  console.log(`- opening (first lint, grammar load included): ${editor.open.toFixed(1)} ms`);
  console.log(`- the ten re-lints after opening: ${list(editor.times)}`);
  console.log(`- ten re-lints after twenty (warm process): ${list(editor.warmTimes)}; target ≤ 50 ms each; peak RSS ${editor.maxRssMb.toFixed(0)} MB`);
  const fatalOk = first('eslint-rules').fatal.every((line) => line.includes('invalid syntax'));
  process.exitCode = fatalOk && Math.max(...editor.warmTimes) <= 50 ? 0 : 1;
}

if (values.worker === undefined) await main();
else await worker(values.worker);
