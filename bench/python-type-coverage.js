// The type coverage gate's Python count against the same count made with CPython's own parser (`ast`, with
// type_comments=True for PEP 484 signature comments), on a copy of the machine's python3 standard library
// (test packages left out). Checks that both count the same slots in every file both can parse (exits 1 when
// not) and compares CPU time. CPU time is user+sys of the process tree from `/usr/bin/time -f '%U %S %M'`;
// runs are interleaved (A B A B …) and the medians compared.
// Run: npm run build && node bench/python-type-coverage.js   ROUNDS=n (default 5).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();

// The slots of python-annotations.ts, in `ast` terms: a method's first parameter (a def directly in a class
// body, not a @staticmethod) is bound; `__init__` methods have no return slot; a signature type comment
// covers every slot of its function. Prints one JSON object: file → [covered, total], and the files it
// cannot parse.
const REFERENCE = String.raw`
import ast, json, os, sys
counts, unparsed = {}, []
for folder, dirs, files in os.walk("."):
    dirs[:] = sorted(d for d in dirs if d not in ("node_modules", ".git", "site-packages", ".venv", ".tox", ".nox"))
    for name in sorted(files):
        if not name.endswith((".py", ".pyi")) or (name.endswith(".py") and name + "i" in files):
            continue
        path = os.path.relpath(os.path.join(folder, name)).replace(os.sep, "/")
        try:
            with open(path, encoding="utf-8") as source:
                tree = ast.parse(source.read(), type_comments=True)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            unparsed.append(path)
            continue
        covered = total = 0
        def visit(node, in_class):
            global covered, total
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    typed = child.type_comment is not None and child.returns is None
                    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in child.decorator_list)
                    a = child.args
                    params = [*a.posonlyargs, *a.args]
                    if in_class and not static and params:
                        params = params[1:]
                    params += [p for p in (a.vararg,) if p] + a.kwonlyargs + [p for p in (a.kwarg,) if p]
                    for p in params:
                        total += 1
                        covered += p.annotation is not None or typed
                    if not (in_class and child.name == "__init__"):
                        total += 1
                        covered += child.returns is not None or typed
                    visit(child, False)
                else:
                    visit(child, isinstance(child, ast.ClassDef))
        visit(tree, False)
        counts[path] = [covered, total]
print(json.dumps({"counts": counts, "unparsed": unparsed}))
`;

function timed(command, args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const [user, sys, kb] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { cpu: user + sys, rssMb: kb / 1024, stdout: result.stdout, status: result.status };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-python-type-coverage-')));
fs.cpSync(stdlib, dir, {
  recursive: true,
  filter: (source) => !/[\\/](?:__pycache__|site-packages|dist-packages|test|tests|idlelib[\\/]idle_test|lib2to3[\\/]tests)$/u.test(source) && !/\.(?:pyc|so)$/u.test(source),
});
fs.writeFileSync(path.join(dir, 'perf-standards.config.json'), '{ "gates": { "typeCoverage": { "language": "python" } } }\n');

// Per-file counts from the gate's own module (the counting function the gate calls), for the comparison.
const { countPythonTypeCoverage } = await import(path.join(repo, 'dist/standards/type-coverage/python-type-coverage.js'));
const ours = await countPythonTypeCoverage(dir);
const reference = JSON.parse(execFileSync('python3', ['-c', REFERENCE], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
let mismatches = 0;
for (const file of ours.files) {
  const other = reference.counts[file.file];
  if (other === undefined || other[0] !== file.covered || other[1] !== file.total) {
    mismatches += 1;
    if (mismatches <= 10) console.error(`${file.file}: gate ${file.covered}/${file.total}, ast ${other === undefined ? 'not counted' : other.join('/')}`);
  }
}
const onlyReference = Object.keys(reference.counts).filter((file) => !ours.files.some((entry) => entry.file === file));
for (const file of onlyReference.slice(0, 10)) console.error(`${file}: counted by ast only (gate: ${ours.notCounted.find((entry) => entry.file === file)?.reason ?? 'not listed'})`);

const gate = [];
const peer = [];
let row = '';
for (let round = 0; round < ROUNDS; round++) {
  const a = timed(process.execPath, [path.join(repo, 'dist/cli/main.js'), 'gates', '--only', 'typeCoverage'], dir);
  gate.push(a);
  row = a.stdout.split('\n')[1]?.replace(/\s{2,}/gu, ' | ') ?? '';
  const b = timed('python3', ['-c', REFERENCE], dir);
  peer.push(b);
  console.log(`round ${round + 1}: gate ${a.cpu.toFixed(2)} s, python3 ast ${b.cpu.toFixed(2)} s`);
}
fs.rmSync(dir, { recursive: true, force: true });
const total = (counts) => counts.reduce((sum, [covered, all]) => [sum[0] + covered, sum[1] + all], [0, 0]);
const [refCovered, refTotal] = total(Object.values(reference.counts));
console.log(`\n${stdlib} without tests: ${ours.files.length} files counted (${ours.notCounted.length} not: ${ours.notCounted.map((entry) => entry.file).join(', ')}); ast: ${Object.keys(reference.counts).length} (${reference.unparsed.length} not)`);
console.log(`gate: ${row}`);
console.log(`ast: ${refCovered}/${refTotal}; files whose counts differ: ${mismatches}, counted by ast only: ${onlyReference.length}`);
console.log(`${ROUNDS} interleaved rounds, load ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
console.log('| run | CPU (median) | peak RSS |\n|---|---:|---:|');
console.log(`| perf-standards gates --only typeCoverage | ${median(gate.map((run) => run.cpu)).toFixed(2)} s | ${Math.max(...gate.map((run) => run.rssMb)).toFixed(0)} MB |`);
console.log(`| python3 ast reference count | ${median(peer.map((run) => run.cpu)).toFixed(2)} s | ${Math.max(...peer.map((run) => run.rssMb)).toFixed(0)} MB |`);
console.log(`ratio: ${(median(gate.map((run) => run.cpu)) / median(peer.map((run) => run.cpu))).toFixed(2)}×`);
process.exit(mismatches === 0 && onlyReference.length === 0 ? 0 : 1);
