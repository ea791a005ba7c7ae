/**
 * readonly-data-shapes on Python: `frozen=True` on dataclasses and tuples / frozensets for list / set constants
 * that the whole project shows safe. The fixture pairs (output, idempotence, untouched files) run in
 * readonly-data-shapes.test.ts with the TypeScript ones; this file proves behaviour by running Python and
 * pyright, and asserts every note.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import readonlyDataShapes from '../../codemods/readonly-data-shapes.js';
import { codemodForRule } from '../../codemods/runner/registry.js';
import { publishingDistribution, publishingDistributionOf, pythonDistributions } from '../../standards/shared/python-distributions.js';
import { CODEMOD_FIXTURES, listTree, rerun, runFixturePair } from './fixture-pairs.js';
import { pythonTypeErrors, runPythonProgram } from './fixture-programs.js';

const notesOf = async (caseName: string): Promise<string[]> => {
  const run = await runFixturePair('readonly-data-shapes', caseName, [readonlyDataShapes]);
  expect(run.report.files.filter((file) => file.status === 'failed')).toEqual([]);
  return run.report.notes.map((note) => `${note.path}: ${note.message}`);
};

const changedOf = async (caseName: string): Promise<string[]> => {
  const run = await runFixturePair('readonly-data-shapes', caseName, [readonlyDataShapes]);
  return run.report.files.filter((file) => file.status === 'changed').map((file) => file.path);
};

describe('readonly-data-shapes on Python', () => {
  it('declares Python and is offered for the rule\'s Python reports', () => {
    expect(readonlyDataShapes.languages).toEqual(['typescript', 'python']);
    expect(codemodForRule('perf-standards/prefer-readonly-data-shapes', 'frozenDataclass', '/p/app/models.py')).toBe('readonly-data-shapes');
  });

  it('python-constant-visual-indent: a visually indented set keeps its alignment inside frozenset(…), a hanging one and a string\'s own lines stay; same output, pyright not worse', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'readonly-data-shapes', 'python-constant-visual-indent', 'input');
    const run = await runFixturePair('readonly-data-shapes', 'python-constant-visual-indent', [readonlyDataShapes]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['constants.py']);
    expect(run.report.notes).toEqual([]);
    expect(fs.readFileSync(path.join(run.dir, 'constants.py'), 'utf8').split('\n').slice(1, 16)).toEqual([
      'KEYWORDS = frozenset({"and", "as",',
      '                      "assert", "break",',
      '                      # flow control',
      '                      "continue"})',
      '',
      'RESERVED = frozenset({',
      '    "class",',
      '    "def",',
      '})',
      '',
      'BANNERS = frozenset({"""one',
      'two""",',
      '                     "three"})',
      '',
      '',
    ]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toEqual({ code: 0, stdout: "['and', 'as', 'assert', 'break', 'continue', 'class', 'def']\nTrue False\n['one\\ntwo', 'three']\n", stderr: '' });
    expect(after).toEqual(before);
    const [errorsBefore, errorsAfter] = await Promise.all([pythonTypeErrors(input), pythonTypeErrors(run.dir)]);
    expect(errorsAfter).toEqual(errorsBefore);
  });

  it('python-frozen: every observable prints the same before and after; only frozen and __setattr__ change (hashability stays); pyright and the tests not worse', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'readonly-data-shapes', 'python-frozen', 'input');
    const run = await runFixturePair('readonly-data-shapes', 'python-frozen', [readonlyDataShapes]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path).sort()).toEqual(['constants.py', 'models.py']);
    expect(run.report.notes).toEqual([]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(after).toEqual(before);
    const facts = JSON.parse(after.stdout) as Record<string, Record<string, unknown>>;
    expect(facts['Point']).toMatchObject({ repr: 'Point(x=3, y=-4)', pickle: [true, true, true, true, true, true], asdict: "{'x': 3, 'y': -4}" });
    expect(facts['Square']).toMatchObject({ repr: 'Square(sides=4, length=3)', mro: ['Square', 'Shape', 'object'] });
    expect(facts['hash_handle']).toEqual([true, false, 1]);
    expect(facts['hash_version']).toEqual([1002, 1]);
    expect(facts['labelled']).toEqual(['Labelled(x=1, y=2)', 'p', false, true]);
    expect(facts['replace']).toEqual(['Point(x=3, y=9)', 'Square(sides=4, length=5)', 'Invoice(number=7, lines=[4], total=4)']);
    expect(facts['constants']).toMatchObject({ first_last: ['red', 'blue'], single: [7, 7, 7, [[0, 7]]], empty_max: ['raised', 'ValueError', 'max() arg is an empty sequence'] });
    expect(facts['Point']?.['hashing']).toEqual({ hash: ['raised', 'TypeError', "unhashable type: 'Point'"], dict_key: ['raised', 'TypeError', "unhashable type: 'Point'"], set_member: ['raised', 'TypeError', "unhashable type: 'Point'"], hashable: false, own_hash: 'None' });
    expect(facts['Shape']).toMatchObject({ doc: 'A shape with its number of sides.', fields: ['sides'], hashing: { hashable: false } });
    expect(facts['Handle']?.['hashing']).toEqual({ hash: ['ok', 'True'], dict_key: ['ok', '1'], set_member: ['ok', '1'], hashable: true, own_hash: "'missing'" });
    // What frozen=True changes on purpose: the flag and the class's own __setattr__. An eq=True class without a
    // hash of its own gets `__hash__ = None`, so hash() still raises (see docs/codemods/readonly-data-shapes.md).
    const [probeBefore, probeAfter] = await Promise.all([runPythonProgram(input, ['frozen_probe.py']), runPythonProgram(run.dir, ['frozen_probe.py'])]);
    const probe = (frozen: boolean, hash: string): Record<string, unknown> => ({ frozen, own_setattr: frozen, hash });
    expect(JSON.parse(probeBefore.stdout)).toEqual({
      Handle: probe(false, 'ok'),
      Invoice: probe(false, 'TypeError'),
      Point: probe(false, 'TypeError'),
      Shape: probe(false, 'TypeError'),
      Square: probe(false, 'TypeError'),
      Tag: probe(false, 'ok'),
      Version: probe(false, 'ok'),
    });
    expect(JSON.parse(probeAfter.stdout)).toEqual({
      Handle: probe(true, 'ok'),
      Invoice: probe(true, 'TypeError'),
      Point: probe(true, 'TypeError'),
      Shape: probe(true, 'TypeError'),
      Square: probe(true, 'TypeError'),
      Tag: probe(true, 'ok'),
      Version: probe(true, 'ok'),
    });
    const [errorsBefore, errorsAfter] = await Promise.all([pythonTypeErrors(input), pythonTypeErrors(run.dir)]);
    expect(errorsBefore).toEqual([]);
    expect(errorsAfter).toEqual([]);
    const unittest = ['-m', 'unittest', 'tests.test_models'];
    const [testsBefore, testsAfter] = await Promise.all([runPythonProgram(input, unittest), runPythonProgram(run.dir, unittest)]);
    expect(testsBefore).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 2 tests .*\n\nOK\n$/s) });
    expect(testsAfter).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 2 tests .*\n\nOK\n$/s) });
  });

  it('names the reason and the place for every class it leaves alone, as a note (exit 0)', async () => {
    expect(await notesOf('python-mutated-in-tests')).toEqual([
      'models.py: line 4: left `Kept` without `frozen=True`: `kept.x` is set at tests/test_models.py:9, on what may be an instance',
    ]);
    expect(await notesOf('python-post-init-assign')).toEqual([
      'models.py: line 4: left `Order` without `frozen=True`: `self.total` is assigned in `__post_init__` at models.py:10',
    ]);
    expect(await notesOf('python-object-setattr')).toEqual([
      'models.py: line 13: left `Counter` without `frozen=True`: `object.__setattr__(self, "count", self.count + 1)` sets an attribute at models.py:18 after construction',
    ]);
    expect(await notesOf('python-setattr')).toEqual([
      'models.py: line 4: left `Settings` without `frozen=True`: `setattr(target, key, value)` sets an attribute at configure.py:3, on what may be an instance',
    ]);
    expect(await notesOf('python-family-blocked')).toEqual([
      'models.py: line 4: left `Base` without `frozen=True`: it must be frozen together with `Child` (models.py:10), which cannot be: `self.size` is assigned in `grow` at models.py:14',
      'models.py: line 9: left `Child` without `frozen=True`: `self.size` is assigned in `grow` at models.py:14',
    ]);
    expect(await notesOf('python-hashable')).toEqual([]);
    expect(await notesOf('python-slots-pickle')).toEqual([
      'models.py: line 4: left `Record` without `frozen=True`: a frozen slotted class pickles its state as a list of field values, and store.py:1 imports `pickle`: a pickle written before would load into the wrong fields',
    ]);
  });

  it('python-test-doubles: monkeypatch.setattr, mock.patch.object and patch.multiple on an instance keep it mutable; patches of a module do not (same output, tests pass)', async () => {
    expect(await notesOf('python-test-doubles')).toEqual([
      'models.py: line 5: left `Settings` without `frozen=True`: `monkeypatch.setattr(settings, "level", 3)` sets an attribute at main.py:10, on what may be an instance',
      'models.py: line 10: left `Client` without `frozen=True`: `mock.patch.object(client, "fetch", return_value="mocked")` sets an attribute at main.py:15, on what may be an instance',
      'models.py: line 18: left `Pair` without `frozen=True`: `mock.patch.multiple(pair, left=5)` sets an attribute at main.py:18, on what may be an instance',
    ]);
    const input = path.join(CODEMOD_FIXTURES, 'readonly-data-shapes', 'python-test-doubles', 'input');
    const run = await runFixturePair('readonly-data-shapes', 'python-test-doubles', [readonlyDataShapes]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '', stdout: '3\n0\nmocked\nPair(left=5, right=2)\nPair(left=1, right=2) h\n6.0\n' });
    expect(after).toEqual(before);
    const pytest = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'no:benchmark', 'tests'];
    expect((await runPythonProgram(run.dir, pytest)).stdout).toMatch(/^4 passed/m);
  });

  it('freezes what the exemption cases do not block: the unmutated class, object.__setattr__ in __post_init__, an eq=False class', async () => {
    expect(await changedOf('python-mutated-in-tests')).toEqual(['models.py']);
    expect(await changedOf('python-object-setattr')).toEqual(['models.py']);
    expect(await changedOf('python-hashable')).toEqual(['models.py']);
    const unchanged = ['python-post-init-assign', 'python-setattr', 'python-family-blocked', 'python-slots-pickle', 'python-constant-appended', 'python-constant-alias'];
    const changed = await Promise.all(unchanged.map(changedOf));
    expect(Object.fromEntries(unchanged.map((caseName: string, index: number) => [caseName, changed[index]]))).toEqual(Object.fromEntries(unchanged.map((caseName: string) => [caseName, []])));
  });

  it('the other cases it changes: pyright reports the same errors after, and their programs print and pass the same', async () => {
    const cases = ['python-mutated-in-tests', 'python-object-setattr', 'python-hashable', 'python-constant-unknown-function', 'python-published'];
    const runs = await Promise.all(cases.map((caseName: string) => runFixturePair('readonly-data-shapes', caseName, [readonlyDataShapes])));
    const errors = await Promise.all(runs.flatMap((run) => [pythonTypeErrors(run.inputDir), pythonTypeErrors(run.dir)]));
    cases.forEach((caseName: string, index: number): void => {
      expect(errors[2 * index + 1], caseName).toEqual(errors[2 * index]);
    });
    const [mutated, , , unknownFunction, published] = runs;
    const unittest = ['-m', 'unittest', 'tests.test_models'];
    const programs = await Promise.all([
      runPythonProgram(mutated?.inputDir ?? '', unittest),
      runPythonProgram(mutated?.dir ?? '', unittest),
      runPythonProgram(unknownFunction?.inputDir ?? '', ['config.py']),
      runPythonProgram(unknownFunction?.dir ?? '', ['config.py']),
      runPythonProgram(published?.inputDir ?? '', unittest),
      runPythonProgram(published?.dir ?? '', unittest),
    ]);
    expect(programs[0]).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 1 test .*\n\nOK\n$/s) });
    expect(programs[1]).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 1 test .*\n\nOK\n$/s) });
    expect(programs[2]).toEqual({ code: 0, stdout: "['.cfg', '.ini']\n", stderr: '' });
    expect(programs[3]).toEqual(programs[2]);
    expect(programs[4]).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 1 test .*\n\nOK\n$/s) });
    expect(programs[5]).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 1 test .*\n\nOK\n$/s) });
  });

  it('names the first use that may need a list or a set, for every constant it leaves alone', async () => {
    expect(await notesOf('python-constant-appended')).toEqual(['registry.py: line 1: left `PLUGINS` a list: `PLUGINS.append(name)` at registry.py:5 may need a list']);
    expect(await notesOf('python-constant-unknown-function')).toEqual(['config.py: line 3: left `SOURCES` a list: `load_all(SOURCES)` at config.py:6 may need a list']);
    expect(await changedOf('python-constant-unknown-function')).toEqual(['config.py']);
    expect(await notesOf('python-constant-alias')).toEqual([
      'settings.py: line 1: left `DEFAULTS` a list: `modes = DEFAULTS` at app.py:4 may need a list',
      'settings.py: line 2: left `ALLOWED` a set: `settings.ALLOWED.add("loud")` at app.py:6 may need a set',
    ]);
  });
});

describe('readonly-data-shapes on Python: a family through a plain class', () => {
  it('keeps a dataclass whose dataclass subclass inherits it through a plain class that blocks the subclass', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readonly-python-family-'));
    try {
      const source = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Base:\n    x: int\n\n\nclass Middle(Base):\n    pass\n\n\n@dataclass\nclass Leaf(Middle):\n    y: int = 0\n';
      fs.writeFileSync(path.join(dir, 'models.py'), source);
      const report = await rerun(dir, [readonlyDataShapes]);
      // Freezing Base alone would make `Leaf` (a non-frozen dataclass inheriting a frozen one) a TypeError.
      expect(fs.readFileSync(path.join(dir, 'models.py'), 'utf8')).toBe(source);
      expect(report.notes.map((note) => note.message)).toEqual([
        'line 4: left `Base` without `frozen=True`: it must be frozen together with `Leaf` (models.py:14), which cannot be: its base `Middle` is not a dataclass',
        'line 13: left `Leaf` without `frozen=True`: its base `Middle` is not a dataclass',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readonly-data-shapes on Python: hashability kept', () => {
  const runOn = async (source: string): Promise<{ readonly text: string; readonly notes: string[] }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readonly-python-hash-'));
    try {
      fs.writeFileSync(path.join(dir, 'models.py'), source);
      const report = await rerun(dir, [readonlyDataShapes]);
      return { text: fs.readFileSync(path.join(dir, 'models.py'), 'utf8'), notes: report.notes.map((note) => note.message) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('writes `__hash__ = None` after the docstring, in the class\'s indentation and line endings, even where the project reads `__hash__`', async () => {
    const source = 'from dataclasses import dataclass\r\n\r\n\r\n@dataclass\r\nclass Point:\r\n  """A point."""\r\n\r\n  x: int\r\n\r\n\r\ndef hashable(value: object) -> bool:\r\n    found = type(value).__hash__\r\n    return found is not None\r\n';
    const { text, notes } = await runOn(source);
    expect(notes).toEqual([]);
    expect(text).toBe(source.replace('@dataclass\r\n', '@dataclass(frozen=True)\r\n').replace('"""A point."""\r\n', '"""A point."""\r\n\r\n  __hash__ = None  # type: ignore[assignment]\r\n'));
  });

  it('leaves a class alone whose own `__eq__` would make `frozen=True` hash it: `__hash__ = None` beside `__eq__` is not its own hash', async () => {
    const source = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Point:\n    x: int\n\n    def __eq__(self, other: object) -> bool:\n        return isinstance(other, Point) and other.x == self.x\n\n\n@dataclass\nclass Named:\n    x: int\n    __hash__ = None\n\n\n@dataclass(eq=flag())\nclass Flagged:\n    x: int\n\n\ndef flag() -> bool:\n    return True\n';
    const { text, notes } = await runOn(source);
    expect(text).toBe(source.replace('@dataclass\nclass Named', '@dataclass(frozen=True)\nclass Named'));
    expect(notes).toEqual([
      'line 4: left `Point` without `frozen=True`: it defines `__eq__` and no hash of its own, so `frozen=True` would make it hashable and `__hash__ = None` cannot keep it unhashable',
      'line 18: left `Flagged` without `frozen=True`: `eq=` or `unsafe_hash=` is an expression, so whether `frozen=True` would make it hashable is unknown',
    ]);
  });
});

describe('readonly-data-shapes on a published Python distribution', () => {
  it('python-published: leaves the public names of a pyproject.toml distribution alone, changes the private ones, and all with changePublicApi', async () => {
    expect(await notesOf('python-published')).toEqual([
      'shapes_lib/models.py: line 3: left `COLOURS` a list: it is public API of the distribution "shapes-lib" (pyproject.toml): code outside the project may change it (--change-public-api changes it too)',
      'shapes_lib/models.py: line 7: left `Point` without `frozen=True`: it is public API of the distribution "shapes-lib" (pyproject.toml): code outside the project may set its attributes or subclass it (--change-public-api changes it too)',
    ]);
    const root = path.join(CODEMOD_FIXTURES, 'readonly-data-shapes', 'python-published', 'input');
    const files = listTree(root).map((file: string): string => path.join(root, file));
    const opted = await readonlyDataShapes.plan({ root, files, projectFiles: files, optionsFor: () => ({ changePublicApi: true }) });
    expect(opted.notes).toEqual([]);
    expect(opted.writes.get(path.join(root, 'shapes_lib', 'models.py'))).toBe(
      fs
        .readFileSync(path.join(root, 'shapes_lib', 'models.py'), 'utf8')
        .replace('COLOURS = ["red", "green"]', 'COLOURS = ("red", "green")')
        .replace('_SIZES = [1, 2, 3]', '_SIZES = (1, 2, 3)')
        .replaceAll(/@dataclass\n(class \w+:\n)/gu, '@dataclass(frozen=True)\n$1    __hash__ = None  # type: ignore[assignment]\n'),
    );
  });
});

describe('Python distributions: which names are published', () => {
  it('reads pyproject.toml ([project], [tool.poetry]), setup.cfg ([metadata]) and setup.py; tests and private modules publish nothing', () => {
    const distributions = pythonDistributions([
      { path: 'pyproject.toml', text: '[tool.ruff]\nname = "not-this"\n' },
      { path: 'libs/a/pyproject.toml', text: '[project]\nname = "a-lib"\n' },
      { path: 'libs/b/pyproject.toml', text: '[tool.poetry]\nname = \'b-lib\'\n' },
      { path: 'libs/c/setup.cfg', text: '[metadata]\nname = c-lib\n' },
      { path: 'libs/d/setup.py', text: 'from setuptools import setup\nsetup()\n' },
    ]);
    expect(distributions.map((distribution) => [distribution.folder, distribution.name]).sort()).toEqual([
      ['libs/a', 'a-lib'],
      ['libs/b', 'b-lib'],
      ['libs/c', 'c-lib'],
      ['libs/d', 'd'],
    ]);
    const publisher = (modulePath: string, name: string): string | null => publishingDistribution(distributions, modulePath, name)?.name ?? null;
    expect(publisher('libs/a/a/models.py', 'Point')).toBe('a-lib');
    expect(publisher('libs/a/a/__init__.py', 'Point')).toBe('a-lib');
    expect(publisher('libs/a/a/models.py', '_Point')).toBeNull();
    expect(publisher('libs/a/a/_internal.py', 'Point')).toBeNull();
    expect(publisher('libs/a/tests/test_models.py', 'Point')).toBeNull();
    expect(publisher('libs/a/a/conftest.py', 'Point')).toBeNull();
    expect(publisher('scripts/tool.py', 'Point')).toBeNull();
    // Members of a class (add-explicit-types' methods): a private member is not offered; a dunder is.
    const member = (modulePath: string, qualifiedName: readonly string[]): string | null => publishingDistributionOf(distributions, modulePath, qualifiedName)?.name ?? null;
    expect(member('libs/a/a/models.py', ['Point', 'moved'])).toBe('a-lib');
    expect(member('libs/a/a/models.py', ['Point', '__init__'])).toBe('a-lib');
    expect(member('libs/a/a/models.py', ['Point', 'Inner', 'moved'])).toBe('a-lib');
    expect(member('libs/a/a/models.py', ['Point', '_moved'])).toBeNull();
    expect(member('libs/a/a/models.py', ['Point', '__moved'])).toBeNull();
    expect(member('libs/a/a/models.py', ['Point', '_Inner', 'moved'])).toBeNull();
    expect(member('libs/a/a/models.py', ['_Point', 'moved'])).toBeNull();
    expect(member('libs/a/a/_internal.py', ['Point', 'moved'])).toBeNull();
  });
});

describe('readonly-data-shapes on Python: uses of a constant', () => {
  const constantIn = async (source: string, options: Record<string, unknown> = {}): Promise<{ text: string; notes: string[] }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readonly-python-'));
    try {
      fs.writeFileSync(path.join(dir, 'mod.py'), source);
      const report = await rerun(dir, [readonlyDataShapes], { options });
      return { text: fs.readFileSync(path.join(dir, 'mod.py'), 'utf8'), notes: report.notes.map((note) => note.message) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  // The use a note quotes, where it is not the whole line: the expression around the name.
  const NOTED: Readonly<Record<string, string>> = { 'f"{ITEMS}"': '{ITEMS}' };

  it('keeps a list whose use would print, compare, index out of its length or slice differently', async () => {
    const uses = ['print(ITEMS)', 'ITEMS == [1, 2]', 'ITEMS[2]', 'ITEMS[i]', 'ITEMS[0:1]', 'ITEMS.index(1)', 'isinstance(ITEMS, list)', 'f"{ITEMS}"', 'ITEMS + [3]', 'ITEMS or None'];
    const results = await Promise.all(uses.map((use: string) => constantIn(`ITEMS = [1, 2]\ni = 0\n${use}\n`)));
    uses.forEach((use: string, index: number): void => {
      expect(results[index]?.text, use).toBe(`ITEMS = [1, 2]\ni = 0\n${use}\n`);
      expect(results[index]?.notes, use).toEqual([`line 1: left \`ITEMS\` a list: \`${NOTED[use] ?? use}\` at mod.py:3 may need a list`]);
    });
  });

  it('keeps a set whose use depends on iteration order or returns a set', async () => {
    const uses = ['for x in FLAGS: pass', 'list(FLAGS)', 'FLAGS | {"c"}', 'FLAGS.union({"c"})', 'sum(FLAGS)', 'FLAGS[0]', '"FLAGS"'];
    const results = await Promise.all(uses.map((use: string) => constantIn(`FLAGS = {"a", "b"}\n${use}\n`)));
    uses.forEach((use: string, index: number): void => {
      expect(results[index]?.text, use).toBe(`FLAGS = {"a", "b"}\n${use}\n`);
      expect(results[index]?.notes, use).toHaveLength(1);
    });
  });

  it('changes a list or set every use of which keeps its result; a dict stays a dict', async () => {
    const source = 'ITEMS = [1, 2]\nFLAGS = {"a"}\nTABLE = {"a": 1}\n__all__ = ["ITEMS"]\nfor x in ITEMS: pass\nif ITEMS and 1 in ITEMS and not FLAGS: pass\nprint(len(ITEMS), ITEMS[-2], ITEMS.count(1), [*ITEMS], sorted(FLAGS), FLAGS != {"b"}, TABLE["a"])\n';
    const { text, notes } = await constantIn(source);
    expect(text).toBe(source.replace('ITEMS = [1, 2]', 'ITEMS = (1, 2)').replace('FLAGS = {"a"}', 'FLAGS = frozenset({"a"})'));
    expect(notes).toEqual([]);
  });

  it('judges uses in other files of a constant whose binding the guess from the text misses (a line continuation before `=`)', async () => {
    // `NAMES \` + newline + `= [...]` binds a list constant that a text guess (`NAME = [` on one line) does not
    // see; the file that compares it with a list is read again, and the constant stays a list.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readonly-python-guess-'));
    try {
      const names = 'NAMES \\\n= [1, 2]\n';
      fs.writeFileSync(path.join(dir, 'names.py'), names);
      fs.writeFileSync(path.join(dir, 'use.py'), 'from names import NAMES\n\nprint(NAMES == [1, 2])\n');
      const report = await rerun(dir, [readonlyDataShapes]);
      expect(report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual(['names.py: line 1: left `NAMES` a list: `NAMES == [1, 2]` at use.py:3 may need a list']);
      expect(fs.readFileSync(path.join(dir, 'names.py'), 'utf8')).toBe(names);
      // Without that use it becomes a tuple: the guess missed nothing else.
      fs.writeFileSync(path.join(dir, 'use.py'), 'from names import NAMES\n\nprint(len(NAMES))\n');
      const changed = await rerun(dir, [readonlyDataShapes]);
      expect(changed.notes).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'names.py'), 'utf8')).toBe('NAMES \\\n= (1, 2)\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the rule options: constants: false, classes: false, ignoreTypes', async () => {
    const source = 'from dataclasses import dataclass\n\nITEMS = [1]\n\n\n@dataclass\nclass Point:\n    x: int\n';
    expect((await constantIn(source, { constants: false })).text).toBe(source.replace('@dataclass\nclass Point:\n', '@dataclass(frozen=True)\nclass Point:\n    __hash__ = None  # type: ignore[assignment]\n'));
    expect((await constantIn(source, { classes: false })).text).toBe(source.replace('ITEMS = [1]', 'ITEMS = (1,)'));
    expect((await constantIn(source, { ignoreTypes: ['^(ITEMS|Point)$'] })).text).toBe(source);
  });
});

describe('readonly-data-shapes on a Python file it cannot parse', () => {
  it('fails a selected file with a candidate that does not parse (exit 1), still changes the others, notes other unparsable files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readonly-python-bad-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.py'), 'ITEMS = [1]\ndef f(:\n');
      fs.writeFileSync(path.join(dir, 'notes.py'), 'def f(:\n');
      fs.writeFileSync(path.join(dir, 'good.py'), 'from dataclasses import dataclass\n\n@dataclass\nclass Fine:\n    x: int\n');
      const report = await rerun(dir, [readonlyDataShapes]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status]).sort()).toEqual([
        ['bad.py', 'failed'],
        ['good.py', 'changed'],
      ]);
      expect(report.files.find((file) => file.path === 'bad.py')?.reason).toMatch(/^cannot parse: .* \(line 2\)$/);
      expect(report.notes.map((note) => note.path)).toEqual(['notes.py']);
      expect(fs.readFileSync(path.join(dir, 'bad.py'), 'utf8')).toBe('ITEMS = [1]\ndef f(:\n');
      expect(fs.readFileSync(path.join(dir, 'good.py'), 'utf8')).toBe('from dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass Fine:\n    __hash__ = None  # type: ignore[assignment]\n    x: int\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
