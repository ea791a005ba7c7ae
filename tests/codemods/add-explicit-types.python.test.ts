import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import addExplicitTypes from '../../codemods/add-explicit-types.js';
import { FUNCTION_CONTAINERS } from '../../standards/explicit-types/python-annotation-candidates.js';
import { writableReturnType } from '../../standards/explicit-types/python-printed-types.js';
import { pascalCaseNodeType } from '../../standards/shared/python-ast.js';
import { findPyright, pyrightTimeoutSeconds } from '../../standards/explicit-types/python-pyright.js';
import { REPO_ROOT } from '../run-node.js';
import { expectSameTree, expectUntouchedIdentical, rerun, runFixturePair, snapshotTree, type FixturePairRun } from './fixture-pairs.js';
import { pythonTypeErrors, runPythonProgram } from './fixture-programs.js';

// pyright as a user has it on PATH (npm's wrapper in this repository's node_modules/.bin); the fixture copies
// have no node_modules of their own.
const originalPath = process.env['PATH'] ?? '';
const withPyright = [path.join(REPO_ROOT, 'node_modules', '.bin'), ...originalPath.split(path.delimiter)].join(path.delimiter);
const withoutPyright = originalPath
  .split(path.delimiter)
  .filter((folder: string): boolean => !fs.existsSync(path.join(folder, 'pyright')))
  .join(path.delimiter);
beforeAll((): void => {
  process.env['PATH'] = withPyright;
});
afterAll((): void => {
  process.env['PATH'] = originalPath;
});

const noteLines = (run: FixturePairRun): string[] =>
  run.report.notes.map((note) => `${note.path}: ${note.message}`.replace(/^(\S+: pyright \S+) \([^)]*\)/, '$1 (pyright)'));

// Output, idempotence, untouched files byte-identical, nothing failed; the same program output and pyright
// errors before and after.
async function provenCase(caseName: string): Promise<FixturePairRun> {
  const run = await runFixturePair('add-explicit-types', caseName, [addExplicitTypes]);
  expect(run.report.files.filter((file) => file.status === 'failed')).toEqual([]);
  expectSameTree(run.dir, run.outputDir);
  expectUntouchedIdentical(run);
  const snapshot = snapshotTree(run.dir);
  const again = await rerun(run.dir, [addExplicitTypes], run.settings);
  expect(again.files.filter((file) => file.status === 'changed' || file.status === 'failed')).toEqual([]);
  expect(snapshotTree(run.dir)).toEqual(snapshot);
  const [before, after] = await Promise.all([runPythonProgram(run.inputDir), runPythonProgram(run.dir)]);
  expect(before).toMatchObject({ code: 0, stderr: '' });
  expect(after).toEqual(before);
  const [errorsBefore, errorsAfter] = await Promise.all([pythonTypeErrors(run.inputDir), pythonTypeErrors(run.dir)]);
  expect(errorsAfter).toEqual(errorsBefore);
  return run;
}

// Each case runs pyright 2-5 times (~4 s CPU each); on the shared machine that is minutes of wall time.
const PYRIGHT_TIMEOUT = { timeout: 300_000 };

describe('add-explicit-types on Python', () => {
  it('turns pyright\'s printed function types into annotations, or says why not', () => {
    expect(writableReturnType('(x: int = 0) -> list[int]', false)).toEqual({ ok: true, text: 'list[int]', names: ['list', 'int'], imports: [] });
    expect(writableReturnType("() -> Literal[1, 'a'] | None", false)).toMatchObject({ ok: true, text: 'int | str | None' });
    expect(writableReturnType('() -> tuple[Literal[True], (Literal[2] | None)]', false)).toMatchObject({ ok: true, text: 'tuple[bool, int | None]' });
    expect(writableReturnType('() -> Literal[Color.RED]', false)).toMatchObject({ ok: true, text: 'Color', names: ['Color'] });
    expect(writableReturnType("() -> CoroutineType[Any, Any, Literal['x']]", true)).toMatchObject({ ok: true, text: 'str' });
    expect(writableReturnType('() -> Generator[str, Any, None]', false)).toEqual({ ok: true, text: 'Iterator[str]', names: ['str'], imports: [{ module: 'collections.abc', name: 'Iterator' }] });
    expect(writableReturnType('() -> AsyncGenerator[int, Any]', false)).toMatchObject({ ok: true, text: 'AsyncIterator[int]' });
    expect(writableReturnType('() -> tuple[()]', false)).toMatchObject({ ok: true, text: 'tuple[()]' });
    expect(writableReturnType('() -> Generator[int, Any, str]', false)).toEqual({ ok: false, reason: 'pyright infers "Generator[int, Any, str]": a generator that returns a value, whose send type is Any' });
    expect(writableReturnType('() -> dict[str, Any]', false)).toEqual({ ok: false, reason: 'pyright infers "dict[str, Any]", which contains Any' });
    expect(writableReturnType('(self: Self@C) -> type[Self@C]', false)).toEqual({ ok: false, reason: 'pyright infers "type[Self@C]", which names a type variable or Self' });
    expect(writableReturnType('() -> ((x: int) -> int)', false)).toEqual({ ok: false, reason: 'pyright infers "((x: int) -> int)", which has no written form' });
    expect(writableReturnType('Module("os")', false)).toEqual({ ok: false, reason: 'pyright\'s type "Module("os")" is not a plain function\'s' });
  });

  it('looks for functions in every node type the grammar lets hold a `def`, and only there', () => {
    const entries = createRequire(import.meta.url)('tree-sitter-python/src/node-types.json') as readonly { type: string; named: boolean; subtypes?: { type: string }[]; fields?: Record<string, { types: { type: string; named: boolean }[] }>; children?: { types: { type: string; named: boolean }[] } }[];
    const subtypes = new Map(entries.filter((entry) => entry.subtypes !== undefined).map((entry) => [entry.type, entry.subtypes?.map((subtype) => subtype.type) ?? []]));
    const expand = (type: string): string[] => subtypes.get(type)?.flatMap(expand) ?? [type];
    const kids = new Map(
      entries
        .filter((entry) => entry.named && entry.subtypes === undefined)
        .map((entry) => [entry.type, new Set([...Object.values(entry.fields ?? {}), ...(entry.children ? [entry.children] : [])].flatMap((field) => field.types.filter((type) => type.named).flatMap((type) => expand(type.type))))]),
    );
    const holders = new Set(['function_definition']);
    for (let grown = true; grown; ) {
      grown = false;
      for (const [type, children] of kids) {
        if (holders.has(type) || ![...children].some((child) => holders.has(child))) continue;
        holders.add(type);
        grown = true;
      }
    }
    expect([...FUNCTION_CONTAINERS].sort()).toEqual([...holders].map(pascalCaseNodeType).sort());
  });

  it('finds pyright in the project, else on PATH, else nowhere', () => {
    expect(findPyright(REPO_ROOT, '')).toEqual({ program: process.execPath, prefix: [path.join(REPO_ROOT, 'node_modules', 'pyright', 'index.js')], source: 'node_modules/pyright' });
    expect(findPyright('/nonexistent', withPyright)?.source).toBe(path.join(REPO_ROOT, 'node_modules', '.bin', 'pyright'));
    expect(findPyright('/nonexistent', withoutPyright)).toBeNull();
  });

  it('python-runtime-generics: an inferred type that is not a builtin scalar is quoted, as CPython cannot subscript what typeshed makes generic', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-runtime-generics');
    expect(run.report.files.filter((file) => file.status === 'skipped').map((file) => [file.path, file.reason])).toEqual([
      ['stubbed.py', 'a stub beside it (stubbed.pyi) declares its types: users see those'],
    ]);
    expect(noteLines(run)).toEqual([
      'lazy.py: pyright 1.1.414 (pyright): 2 runs; kept 4 of 4 annotations',
      'lazy.py: added 4 type annotations',
      'lazy.py: 22:16 parameter "vec1" not annotated: it has no default value to take a type from',
      'lazy.py: 22:22 parameter "vec2" not annotated: it has no default value to take a type from',
      // pyright's guess from Unknown arguments was `int`; the doctest of more-itertools' dotproduct returns 33.5.
      'lazy.py: 22:1 return type of "dotproduct" not annotated: pyright\'s type would be a guess: parameters "vec1", "vec2" had no annotation',
    ]);
    // Unquoted, `-> repeat[None]` raised TypeError when the module was imported.
    expect((await runPythonProgram(run.dir, ['probe.py'])).stdout).toBe(
      "loops: {'return': 'repeat[None]'}\nevens: {'return': 'compress[int]'}\nnegated: {'return': 'map[int]'}\ncount: {'return': <class 'int'>}\ndotproduct: {}\n",
    );
  });

  it('python-returns: -> None, literal and inferred returns, defaults, methods, async, generators; what it cannot write is noted', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-returns');
    expect(run.report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status])).toEqual([['shapes.py', 'changed']]);
    expect(noteLines(run)).toEqual([
      'shapes.py: pyright 1.1.414 (pyright): 2 runs; kept 19 of 19 annotations',
      'shapes.py: added 19 type annotations',
      'shapes.py: 6:24 parameter "x" not annotated: it has no default value to take a type from',
      'shapes.py: 21:5 return type of "unit" not annotated: pyright infers "Self@Point", which names a type variable or Self',
      'shapes.py: 45:11 parameter "text" not annotated: it has no default value to take a type from',
      'shapes.py: 45:1 return type of "parse" not annotated: pyright\'s type would be a guess: parameter "text" had no annotation',
      'shapes.py: 53:1 return type of "callback" not annotated: pyright infers "(() -> Literal[1])", which has no written form',
      'shapes.py: 57:11 parameter "flag" not annotated: its default is None, which does not tell the type of the other values',
      'shapes.py: 57:1 return type of "maybe" not annotated: pyright\'s type would be a guess: parameter "flag" had no annotation',
      'shapes.py: 67:1 return type of "fail" not annotated: pyright infers "NoReturn": it never returns',
    ]);
    // What annotating observably changes: the functions' __annotations__ (quoted forward references stay
    // strings; names bound before the `def` are evaluated), and one module-level name, TYPE_CHECKING.
    const [probeBefore, probeAfter] = await Promise.all([runPythonProgram(run.inputDir, ['annotations_probe.py']), runPythonProgram(run.dir, ['annotations_probe.py'])]);
    const [annotationsBefore, namesBefore] = probeBefore.stdout.split(/\n(?=\[)/);
    const [annotationsAfter, namesAfter] = probeAfter.stdout.split(/\n(?=\[)/);
    expect(Object.values(JSON.parse(annotationsBefore ?? '') as Record<string, object>).every((hints) => Object.keys(hints).length === 0)).toBe(true);
    expect(JSON.parse(annotationsAfter ?? '')).toEqual({
      make: { scale: "<class 'float'>", name: "<class 'str'>", flag: "<class 'bool'>", data: "<class 'bytes'>", offset: "<class 'int'>", return: 'None' },
      // Imported above the `def`: written as it is, so the class itself, not a string.
      home: { return: "<class 'pathlib.Path'>" },
      counts: { limit: "<class 'int'>", return: 'Iterator[int]' },
      later: { return: 'Late' },
      maybe: {},
      'Point.moved': { dx: "<class 'int'>", return: 'Point' },
      'Point.origin': { return: 'Point' },
      callback: {},
    });
    expect(namesAfter).toBe(namesBefore?.replace("'Point', ", "'Point', 'TYPE_CHECKING', "));
  });

  it('python-imports: a class of another module named through the module the file imports (`models.Item`), Iterator imported under TYPE_CHECKING (quoted without `from __future__ import annotations`)', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-imports');
    expect(noteLines(run)).toEqual([
      'shop/catalog.py: pyright 1.1.414 (pyright): 2 runs; kept 7 of 7 annotations',
      'shop/catalog.py: added 4 type annotations',
      'shop/prices.py: added 3 type annotations',
    ]);
    // The documented price of TYPE_CHECKING imports: get_type_hints cannot resolve those names at run time;
    // a name the file binds at run time (`models.Item`) it resolves.
    const probe = await runPythonProgram(run.dir, ['annotations_probe.py']);
    expect(probe.stdout.split('\n')).toEqual([
      "first {'return': 'models.Item'} {'return': <class 'shop.models.Item'>}",
      "items {'return': 'Iterator[models.Item]'} NameError: name 'Iterator' is not defined",
      "cheapest {'limit': <class 'int'>, 'return': 'list[models.Item]'} {'limit': <class 'int'>, 'return': list[shop.models.Item]}",
      "total {'return': 'int'} {'return': <class 'int'>}",
      "names {'return': 'Iterator[str]'} NameError: name 'Iterator' is not defined",
      '',
    ]);
  });

  it('python-src-layout: a class is named as the file already binds it (`It`, `item_mod.Item`), else imported by its import name (src layout, namespace packages), relatively where the file imports relatively', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-src-layout');
    expect(noteLines(run)).toEqual([
      'pyproject.toml: pyright 1.1.414 (pyright): 2 runs; kept 7 of 7 annotations',
      'src/nspkg/api/by_module.py: added 1 type annotation',
      'src/nspkg/api/fresh.py: added 1 type annotation',
      'src/nspkg/api/handlers.py: added 2 type annotations',
      'src/nspkg/cli.py: added 2 type annotations',
      'src/nspkg/report.py: added 1 type annotation',
    ]);
  });

  it('python-left-alone: overloads, decorators that may read annotations, stub files; annotations pyright rejects are dropped', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-left-alone');
    expect(run.report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status, file.reason]).sort()).toEqual([
      ['extra.pyi', 'skipped', 'a stub file: its signatures declare types that no code of it returns'],
      ['tools.py', 'skipped', 'none of its 6 missing annotations can be written safely (see the notes)'],
    ]);
    expect(noteLines(run)).toEqual([
      'tools.py: pyright 1.1.414 (pyright): 2 runs; kept 0 of 2 annotations; 2 dropped (each added a pyright error)',
      'tools.py: 9:11 parameter "value" not annotated: an overloaded function: its signatures are the author\'s to write',
      'tools.py: 9:1 return type of "twice" not annotated: an overloaded function: its signatures are the author\'s to write',
      'tools.py: 14:12 parameter "n" not annotated: decorated with @functools.cache, which may read or replace its signature',
      'tools.py: 14:1 return type of "cached" not annotated: decorated with @functools.cache, which may read or replace its signature',
      'tools.py: 19:5 return type of "size" not annotated: it added a pyright error: Method "size" overrides class "Base" in an incompatible manner',
      'tools.py: 24:5 return type of "size" not annotated: it added a pyright error: Method "size" overrides class "Base" in an incompatible manner',
    ]);
  });

  it('python-published: the parameters geometry-lib offers stay unannotated (return types are written); private ones are annotated', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-published');
    const publicApi = 'it is public API of the distribution "geometry-lib" (pyproject.toml): an annotation narrows what code outside the project may pass (--change-public-api changes it too)';
    expect(noteLines(run)).toEqual([
      'pyproject.toml: pyright 1.1.414 (pyright): 2 runs; kept 8 of 8 annotations; 4 parameters left alone as the public API of "geometry-lib" (--change-public-api changes them too)',
      'geometry_lib/_units.py: added 2 type annotations',
      'geometry_lib/shapes.py: added 6 type annotations',
      `geometry_lib/shapes.py: 6:11 parameter "name" not annotated: ${publicApi}`,
      `geometry_lib/shapes.py: 6:25 parameter "sides" not annotated: ${publicApi}`,
      `geometry_lib/shapes.py: 15:24 parameter "side" not annotated: ${publicApi}`,
      `geometry_lib/shapes.py: 18:20 parameter "scale" not annotated: ${publicApi}`,
      'geometry_lib/shapes.py: 24:5 return type of "doubled" not annotated: pyright infers "Self@Square", which names a type variable or Self',
    ]);
  });

  it('python-published-change-public-api: with changePublicApi (--change-public-api), the public parameters are annotated too', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-published-change-public-api');
    expect(run.settings.extraOptions).toEqual({ changePublicApi: true });
    expect(noteLines(run)).toEqual([
      'pyproject.toml: pyright 1.1.414 (pyright): 2 runs; kept 12 of 12 annotations',
      'geometry_lib/_units.py: added 2 type annotations',
      'geometry_lib/shapes.py: added 10 type annotations',
      'geometry_lib/shapes.py: 24:5 return type of "doubled" not annotated: pyright infers "Self@Square", which names a type variable or Self',
    ]);
  });

  it('a CRLF file keeps CRLF: the annotations and the `if TYPE_CHECKING:` block it adds', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      fs.mkdirSync(path.join(dir, 'shop'));
      fs.writeFileSync(path.join(dir, 'shop', '__init__.py'), '');
      fs.writeFileSync(path.join(dir, 'shop', 'models.py'), 'class Item:\r\n    def __init__(self, price: int) -> None:\r\n        self.price = price\r\n');
      fs.writeFileSync(path.join(dir, 'shop', 'prices.py'), 'import shop.models\r\n\r\n\r\ndef cheapest(limit=3):\r\n    return shop.models.Item(limit)\r\n');
      const report = await rerun(dir, [addExplicitTypes]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status])).toEqual([['shop/prices.py', 'changed']]);
      expect(fs.readFileSync(path.join(dir, 'shop', 'prices.py'), 'utf8')).toBe(
        'from typing import TYPE_CHECKING\r\n\r\nimport shop.models\r\n\r\nif TYPE_CHECKING:\r\n    from shop.models import Item\r\n\r\n\r\ndef cheapest(limit: int = 3) -> "Item":\r\n    return shop.models.Item(limit)\r\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('python-no-pyright: without pyright, only the syntax: -> None, literal returns and defaults, not on methods; says so', PYRIGHT_TIMEOUT, async () => {
    process.env['PATH'] = withoutPyright;
    try {
      const run = await provenCase('python-no-pyright');
      expect(noteLines(run)).toEqual([
        'report.py: pyright was not found (node_modules/pyright or PATH): only `-> None`, literal return types and literal defaults were written, on functions that are not methods, without a type check',
        'report.py: added 4 type annotations',
        'report.py: 9:11 parameter "total" not annotated: it has no default value to take a type from',
        'report.py: 9:18 parameter "part" not annotated: it has no default value to take a type from',
        'report.py: 9:1 return type of "ratio" not annotated: it returns values whose type needs pyright',
        'report.py: 14:22 parameter "sep" not annotated: a method: without pyright, an override\'s types cannot be checked',
        'report.py: 14:5 return type of "render" not annotated: a method: without pyright, an override\'s types cannot be checked',
      ]);
    } finally {
      process.env['PATH'] = withPyright;
    }
  });

  it('without pyright, a published distribution\'s public parameters stay unannotated too, and the note counts them', PYRIGHT_TIMEOUT, async () => {
    process.env['PATH'] = withoutPyright;
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      fs.writeFileSync(path.join(dir, 'setup.cfg'), '[metadata]\nname = tally\n');
      fs.writeFileSync(path.join(dir, 'tally.py'), 'def count(step=1):\n    pass\n\n\ndef _reset(to=0):\n    pass\n');
      const report = await rerun(dir, [addExplicitTypes]);
      expect(fs.readFileSync(path.join(dir, 'tally.py'), 'utf8')).toBe('def count(step=1) -> None:\n    pass\n\n\ndef _reset(to: int = 0) -> None:\n    pass\n');
      expect(report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
        'tally.py: pyright was not found (node_modules/pyright or PATH): only `-> None`, literal return types and literal defaults were written, on functions that are not methods, without a type check; 1 parameter left alone as the public API of "tally" (--change-public-api changes them too)',
        'tally.py: added 3 type annotations',
        'tally.py: 1:11 parameter "step" not annotated: it is public API of the distribution "tally" (setup.cfg): an annotation narrows what code outside the project may pass (--change-public-api changes it too)',
      ]);
    } finally {
      process.env['PATH'] = withPyright;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a file Python cannot parse, and still annotates the others', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      fs.writeFileSync(path.join(dir, 'bad.py'), 'def f(:\n    return 1\n');
      // Python 2, which tree-sitter-python parses but CPython 3 rejects.
      fs.writeFileSync(path.join(dir, 'legacy.py'), 'def shout(word):\n    print word.upper()\n    return word\n');
      // A PEP 484 signature type comment already types the function: `-> int` too is a mypy error.
      fs.writeFileSync(path.join(dir, 'commented.py'), 'def add(a, b):\n    # type: (int, int) -> int\n    return a + b\n');
      // A nested `def` last in its parent: both end on one line, and each gets its own probe.
      fs.writeFileSync(path.join(dir, 'good.py'), 'def outer():\n    def inner():\n        return 1\n');
      const report = await rerun(dir, [addExplicitTypes]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status]).sort()).toEqual([
        ['bad.py', 'failed'],
        ['good.py', 'changed'],
        ['legacy.py', 'failed'],
      ]);
      expect(report.files.find((file) => file.path === 'bad.py')?.reason).toMatch(/^cannot parse: .* \(line 1\)$/);
      expect(report.files.find((file) => file.path === 'legacy.py')?.reason).toBe("cannot parse: Missing parentheses in call to 'print'. Did you mean print(...)? (line 2)");
      expect(fs.readFileSync(path.join(dir, 'commented.py'), 'utf8')).toBe('def add(a, b):\n    # type: (int, int) -> int\n    return a + b\n');
      expect(fs.readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe('def shout(word):\n    print word.upper()\n    return word\n');
      expect(fs.readFileSync(path.join(dir, 'bad.py'), 'utf8')).toBe('def f(:\n    return 1\n');
      expect(fs.readFileSync(path.join(dir, 'good.py'), 'utf8')).toBe('def outer() -> None:\n    def inner() -> int:\n        return 1\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('python-untied-errors: an error whose message names no function is tied by a name on its line, else by the function around it; every other annotation is kept', PYRIGHT_TIMEOUT, async () => {
    const run = await provenCase('python-untied-errors');
    // Sorted: the report lists a project codemod's files in the order its writes finish.
    expect(run.report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['greeting.py', 'changed'],
      ['splitting.py', 'changed'],
      ['tables.py', 'changed'],
    ]);
    const guess = (names: string): string => `pyright's type would be a guess: parameter${names.includes(',') ? 's' : ''} ${names} had no annotation`;
    expect(noteLines(run)).toEqual([
      'greeting.py: pyright 1.1.414 (pyright): 3 runs; kept 9 of 11 annotations; 2 dropped (1 added a pyright error; 1 with others, for an error that could not be tied closer: see the notes)',
      'greeting.py: added 5 type annotations',
      'splitting.py: added 1 type annotation',
      'splitting.py: 4:15 parameter "obj" not annotated: it has no default value to take a type from',
      `splitting.py: 4:1 return type of "is_scalar" not annotated: ${guess('"obj"')}`,
      'splitting.py: 8:16 parameter "src" not annotated: it has no default value to take a type from',
      'splitting.py: 8:21 parameter "sep" not annotated: its default is None, which does not tell the type of the other values',
      'splitting.py: 8:31 parameter "maxsplit" not annotated: its default is None, which does not tell the type of the other values',
      `splitting.py: 8:1 return type of "split_iter" not annotated: ${guess('"src", "sep", "maxsplit"')}`,
      'splitting.py: 13:22 parameter "x" not annotated: it has no default value to take a type from',
      `splitting.py: 13:9 return type of "sep_func" not annotated: ${guess('"x"')}`,
      'splitting.py: 15:22 parameter "x" not annotated: it has no default value to take a type from',
      `splitting.py: 15:9 return type of "sep_func" not annotated: ${guess('"x"')}`,
      'splitting.py: 21:26 parameter "x" not annotated: it has no default value to take a type from',
      'splitting.py: 31:18 parameter "text" not annotated: it has no default value to take a type from',
      `splitting.py: 31:1 return type of "count_groups" not annotated: ${guess('"text"')}`,
      // `-> bool` on the third `def sep_func` declared the name's type: `sep_func = sep` (line 10) no longer fits.
      'splitting.py: 21:13 return type of "sep_func" not annotated: it added a pyright error where "sep_func" is used (splitting.py:10): Type "(...) -> object" is not assignable to declared type "(x: Unknown) -> bool"',
      'tables.py: added 3 type annotations',
      // Line 7 names no annotated function: the one nested in `handlers` goes, `handlers`' own `-> int` stays.
      'tables.py: 5:5 return type of "off" not annotated: dropped with the annotations of the functions nested in the function "handlers": a new pyright error there could not be tied to one (tables.py:7): Type "list[() -> bool]" is not assignable to declared type "list[() -> Literal[False]]"',
    ]);
  });

  it('ties an error in a file without annotations to the project function a name on its line imports', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      // `-> int` widens pyright's inferred Literal[1]: the declaration in use.py no longer type-checks.
      fs.writeFileSync(path.join(dir, 'numbers_.py'), 'def one():\n    return 1\n\n\ndef noop(flag=True):\n    pass\n');
      fs.writeFileSync(path.join(dir, 'use.py'), 'from typing import Literal\n\nfrom numbers_ import one\n\nexact: Literal[1] = one()\n');
      const report = await rerun(dir, [addExplicitTypes]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status])).toEqual([['numbers_.py', 'changed']]);
      expect(fs.readFileSync(path.join(dir, 'numbers_.py'), 'utf8')).toBe('def one():\n    return 1\n\n\ndef noop(flag: bool = True) -> None:\n    pass\n');
      expect(report.notes.map((note) => `${note.path}: ${note.message.replace(/^(pyright \S+) \([^)]*\)/, '$1')}`)).toEqual([
        'numbers_.py: pyright 1.1.414: 3 runs; kept 2 of 3 annotations; 1 dropped (each added a pyright error)',
        'numbers_.py: added 2 type annotations',
        'numbers_.py: 1:1 return type of "one" not annotated: it added a pyright error where "one" is used (use.py:5): Type "int" is not assignable to declared type "Literal[1]"',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves unchanged only the files an untied error\'s file imports, after their parameter annotations, and writes the others', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      const source = 'def one():\n    return 1\n\n\ndef noop(flag=True):\n    pass\n';
      fs.writeFileSync(path.join(dir, 'numbers_.py'), source);
      // The error's line names only `exact` and `value`: no annotation is tied to it.
      fs.writeFileSync(path.join(dir, 'use.py'), 'from typing import Literal\n\nfrom numbers_ import one\n\nvalue = one()\nexact: Literal[1] = value\n');
      fs.writeFileSync(path.join(dir, 'other.py'), 'def half(x=1.0):\n    return x / 2\n');
      const report = await rerun(dir, [addExplicitTypes]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status]).sort()).toEqual([
        ['numbers_.py', 'failed'],
        ['other.py', 'changed'],
      ]);
      expect(report.files.find((file) => file.path === 'numbers_.py')?.reason).toBe(
        'a new pyright error in use.py, which imports it, could not be tied to an annotation: use.py:6 Type "int" is not assignable to declared type "Literal[1]"',
      );
      expect(fs.readFileSync(path.join(dir, 'numbers_.py'), 'utf8')).toBe(source);
      expect(fs.readFileSync(path.join(dir, 'other.py'), 'utf8')).toBe('def half(x: float = 1.0) -> float:\n    return x / 2\n');
      // Rounds: the types; the error, so numbers_.py's parameter annotation goes; the error again, so the file
      // is left; a clean check of what is written.
      expect(report.notes.map((note) => `${note.path}: ${note.message.replace(/^(pyright \S+) \([^)]*\)/, '$1')}`)).toEqual([
        'numbers_.py: pyright 1.1.414: 4 runs; kept 2 of 5 annotations; 3 not written in 1 file left unchanged (a new pyright error could not be tied to an annotation)',
        'other.py: added 2 type annotations',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pyright that does not finish in time: one failure naming the cause, no file written (pyrightTimeoutSeconds)', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      // The project's own pyright (found before PATH's), standing in for a run that takes too long.
      fs.mkdirSync(path.join(dir, 'node_modules', 'pyright'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'node_modules', 'pyright', 'index.js'), 'setTimeout(() => {}, 60_000);\n');
      const sources = { 'pyproject.toml': '[tool.pyright]\n', 'one.py': 'def one():\n    return 1\n', 'two.py': 'def two(flag=True):\n    pass\n' };
      for (const [name, text] of Object.entries(sources)) fs.writeFileSync(path.join(dir, name), text);
      const started = performance.now();
      const report = await rerun(dir, [addExplicitTypes], { options: { pyrightTimeoutSeconds: 1 } });
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status, file.reason])).toEqual([
        ['pyproject.toml', 'failed', 'pyright did not finish within 1 s (pyrightTimeoutSeconds of require-explicit-types sets the limit): nothing was annotated (2 files lack annotations)'],
      ]);
      for (const [name, text] of Object.entries(sources)) expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(text);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sizes the pyright time limit from the project, unless pyrightTimeoutSeconds sets it', () => {
    expect(pyrightTimeoutSeconds(undefined, 12)).toBe(600);
    expect(pyrightTimeoutSeconds(undefined, 1791)).toBe(5373);
    expect(pyrightTimeoutSeconds(3600, 12)).toBe(3600);
    expect(pyrightTimeoutSeconds(0, 1791)).toBe(5373);
    expect(pyrightTimeoutSeconds('90', 12)).toBe(600);
  });

  it('reuses the file\'s own typing.Iterator; quotes `X | None` below the declared Python 3.10', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "old"\nrequires-python = ">=3.8"\n');
      fs.writeFileSync(path.join(dir, 'gen.py'), 'from typing import Iterator\n\n\ndef count():\n    yield 1\n\n\ndef pick(flag=False):\n    return 1 if flag else None\n');
      // "old" is a published distribution: its public parameters are annotated with changePublicApi only.
      const report = await rerun(dir, [addExplicitTypes], { extraOptions: { changePublicApi: true } });
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status])).toEqual([['gen.py', 'changed']]);
      expect(fs.readFileSync(path.join(dir, 'gen.py'), 'utf8')).toBe(
        'from typing import Iterator\n\n\ndef count() -> "Iterator[int]":\n    yield 1\n\n\ndef pick(flag: bool = False) -> "int | None":\n    return 1 if flag else None\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('writes a name unquoted only when an import or class above the `def` binds it for good; quotes the rest', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      const source = [
        'from pathlib import Path',
        'from decimal import Decimal',
        'import sys',
        'if sys.version_info >= (3, 8):',
        '    from fractions import Fraction',
        '',
        '',
        'class Box:',
        '    pass',
        '',
        '',
        'def home():',
        '    return Path("home")',
        '',
        '',
        'def box():',
        '    return Box()',
        '',
        '',
        'def half():',
        '    return Fraction(1, 2)',
        '',
        '',
        'def price():',
        '    return Decimal("1.5")',
        '',
        '',
        'from decimal import Decimal',
        '',
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'names.py'), source);
      await rerun(dir, [addExplicitTypes]);
      // Fraction: bound under `if`; Decimal: bound again after `price`, so not for good when it runs.
      expect(fs.readFileSync(path.join(dir, 'names.py'), 'utf8')).toBe(
        source
          .replace('def home():', 'def home() -> Path:')
          .replace('def box():', 'def box() -> Box:')
          .replace('def half():', 'def half() -> "Fraction":')
          .replace('def price():', 'def price() -> "Decimal":'),
      );
      expect((await runPythonProgram(dir, ['-c', 'import typing, names; print([typing.get_type_hints(f)["return"].__name__ for f in (names.home, names.box, names.half, names.price)])'])).stdout).toBe(
        "['Path', 'Box', 'Fraction', 'Decimal']\n",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('leaves out an annotation that would push its line past the declared line length, or pycodestyle\'s 79 where it runs; else does not limit', PYRIGHT_TIMEOUT, async () => {
    // toolz's line: 78 characters, 86 with `-> None`; toolz's CI runs pycodestyle.
    const source = 'module_info = {}\nsignatures = {}\n\n\ndef create_signature_registry(module_info=module_info, signatures=signatures):\n    print(module_info, signatures)\n\n\ndef short(limit=3):\n    print(limit)\n';
    const run = async (config: Record<string, string>): Promise<{ text: string; notes: string[] }> => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
      try {
        for (const [name, text] of Object.entries(config)) fs.writeFileSync(path.join(dir, name), text);
        fs.writeFileSync(path.join(dir, 'sig.py'), source);
        const report = await rerun(dir, [addExplicitTypes]);
        return { text: fs.readFileSync(path.join(dir, 'sig.py'), 'utf8'), notes: report.notes.map((note) => `${note.path}: ${note.message}`).filter((note) => !/: pyright \S+ \(/.test(note)) };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const flake8 = await run({ 'setup.cfg': '[metadata]\nversion = 1\n\n[flake8]\nignore = E203\n' });
    expect(flake8.text).toBe(source.replace('def short(limit=3):', 'def short(limit: int = 3) -> None:'));
    expect(flake8.notes).toEqual([
      'sig.py: added 2 type annotations',
      'sig.py: 5:31 parameter "module_info" not annotated: its default is not a literal',
      'sig.py: 5:56 parameter "signatures" not annotated: its default is not a literal',
      'sig.py: 5:1 return type of "create_signature_registry" not annotated: "None" would make line 5 86 characters long, past the line length of 79 (setup.cfg [flake8], pycodestyle\'s default)',
    ]);
    // The smallest declared limit wins; on one line the last annotation goes first.
    const ruff = await run({ 'pyproject.toml': '[tool.black]\nline-length = 100\n\n[tool.ruff]\nline-length = 30 # short\n', 'tox.ini': '[pycodestyle]\nmax_line_length = 120\n' });
    expect(ruff.text).toBe(source.replace('def short(limit=3):', 'def short(limit: int = 3):'));
    expect(ruff.notes).toEqual([
      'sig.py: added 1 type annotation',
      'sig.py: 5:31 parameter "module_info" not annotated: its default is not a literal',
      'sig.py: 5:56 parameter "signatures" not annotated: its default is not a literal',
      'sig.py: 5:1 return type of "create_signature_registry" not annotated: "None" would make line 5 86 characters long, past the line length of 30 (pyproject.toml [tool.ruff])',
      'sig.py: 9:1 return type of "short" not annotated: "None" would make line 9 34 characters long, past the line length of 30 (pyproject.toml [tool.ruff])',
    ]);
    const unchecked = await run({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n' });
    expect(unchecked.text).toBe(source.replace('signatures=signatures):', 'signatures=signatures) -> None:').replace('def short(limit=3):', 'def short(limit: int = 3) -> None:'));
  });
  it('puts TYPE_CHECKING imports after the leading imports (past header assignments), or in the file\'s own block', PYRIGHT_TIMEOUT, async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aet-python-')));
    try {
      fs.writeFileSync(path.join(dir, 'header.py'), '"""Doc."""\n__all__ = ["count"]\n\nimport os\n\n\ndef count():\n    yield len(os.sep)\n');
      fs.writeFileSync(path.join(dir, 'guarded.py'), 'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import os\n\n\ndef count():\n    yield 1\n');
      fs.writeFileSync(path.join(dir, 'joined.py'), 'import os\nfrom typing import Any\n\n\ndef count():\n    yield 1\n\n\nX: Any = os.sep\n');
      const report = await rerun(dir, [addExplicitTypes]);
      // Sorted: the report lists files in the order they were finished.
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status]).sort()).toEqual([
        ['guarded.py', 'changed'],
        ['header.py', 'changed'],
        ['joined.py', 'changed'],
      ]);
      // Joined to the file's own `from typing import`, constants first (isort's order).
      expect(fs.readFileSync(path.join(dir, 'joined.py'), 'utf8')).toBe(
        'import os\nfrom typing import TYPE_CHECKING, Any\n\nif TYPE_CHECKING:\n    from collections.abc import Iterator\n\n\ndef count() -> "Iterator[int]":\n    yield 1\n\n\nX: Any = os.sep\n',
      );
      expect(fs.readFileSync(path.join(dir, 'header.py'), 'utf8')).toBe(
        '"""Doc."""\n__all__ = ["count"]\n\nimport os\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from collections.abc import Iterator\n\n\ndef count() -> "Iterator[int]":\n    yield len(os.sep)\n',
      );
      expect(fs.readFileSync(path.join(dir, 'guarded.py'), 'utf8')).toBe(
        'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import os\n    from collections.abc import Iterator\n\n\ndef count() -> "Iterator[int]":\n    yield 1\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
