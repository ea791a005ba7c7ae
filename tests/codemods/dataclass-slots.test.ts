import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import dataclassSlots from '../../codemods/dataclass-slots.js';
import { CODEMOD_FIXTURES, describeFixturePairs, rerun, runFixturePair } from './fixture-pairs.js';
import { pythonTypeErrors, runPythonProgram } from './fixture-programs.js';

describeFixturePairs('dataclass-slots', [dataclassSlots]);

const notesOf = async (caseName: string): Promise<string[]> => {
  const run = await runFixturePair('dataclass-slots', caseName, [dataclassSlots]);
  return run.report.notes.map((note) => `${note.path}: ${note.message}`);
};

describe('dataclass-slots', () => {
  it('slotted: every observable prints the same before and after; only __slots__/__dict__/__getstate__ change; pyright not worse', async () => {
    const input = path.join(CODEMOD_FIXTURES, 'dataclass-slots', 'slotted', 'input');
    const run = await runFixturePair('dataclass-slots', 'slotted', [dataclassSlots]);
    expect(run.report.files.filter((file) => file.status === 'changed').map((file) => file.path)).toEqual(['shapes.py']);
    expect(run.report.notes).toEqual([]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(after).toEqual(before);
    const facts = JSON.parse(after.stdout) as Record<string, Record<string, unknown>>;
    expect(facts['Point']).toMatchObject({ repr: 'Point(x=3, y=-4)', pickle: [true, true, true, true], hash: ['raised', 'TypeError'] });
    expect(facts['Money']).toMatchObject({ repr: "Money(amount=5, currency='EUR')", hash: ['ok', 'True'], asdict: "{'amount': 5, 'currency': 'EUR'}" });
    expect(facts['frozen_set']).toEqual(['raised', 'FrozenInstanceError']);
    const [probeBefore, probeAfter] = await Promise.all([runPythonProgram(input, ['slots_probe.py']), runPythonProgram(run.dir, ['slots_probe.py'])]);
    const flags = (own: boolean, dict: boolean, getstate: boolean): Record<string, boolean> => ({ own_slots: own, instance_dict: dict, getstate });
    expect(JSON.parse(probeBefore.stdout)).toEqual(Object.fromEntries(['Box', 'Labelled', 'Money', 'Point', 'Version'].map((name) => [name, flags(false, true, false)])));
    expect(JSON.parse(probeAfter.stdout)).toEqual({
      Box: flags(true, false, false),
      Labelled: flags(true, false, false),
      Money: flags(true, false, true),
      Point: flags(true, false, false),
      Version: flags(true, false, false),
    });
    // pyright (a real Python type checker) reports the same errors: the one deliberate `made.extra` in extras.py.
    const [errorsBefore, errorsAfter] = await Promise.all([pythonTypeErrors(input), pythonTypeErrors(run.dir)]);
    expect(errorsBefore.map((error) => error.split('\n')[0])).toEqual(['extras.py:8 Cannot assign to attribute "extra" for class "Tag*"']);
    expect(errorsAfter).toEqual(errorsBefore);
    // The project's own test sets a field on an instance: fine with slots.
    const unittest = ['-m', 'unittest', 'tests.test_shapes'];
    const [testsBefore, testsAfter] = await Promise.all([runPythonProgram(input, unittest), runPythonProgram(run.dir, unittest)]);
    expect(testsBefore).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 1 test .*\n\nOK\n$/s) });
    expect(testsAfter).toMatchObject({ code: 0, stderr: expect.stringMatching(/Ran 1 test .*\n\nOK\n$/s) });
  });

  it('names the reason for every class it leaves alone, as a note (exit 0)', async () => {
    expect(await notesOf('sets-non-field')).toEqual(['models.py: line 4: left `Kept` without slots: `kept.cache` is set at tests/test_models.py:6, on what may be an instance']);
    expect(await notesOf('reads-dict')).toEqual(['models.py: line 4: left `Kept` without slots: `vars(kept)` reads a `__dict__` at dump.py:5, on what may be an instance']);
    expect(await notesOf('weak-reference')).toEqual(['models.py: line 4: left `Kept` without slots: `weakref.ref` takes a weak reference at cache.py:7, on what may be an instance']);
    expect(await notesOf('pickle-protocol')).toEqual([
      'models.py: line 4: left `Kept` without slots: `pickle.dumps` pickles with protocol 1 at store.py:5, which slotted instances do not support',
      'models.py: line 9: left `Slotted` without slots: `pickle.dumps` pickles with protocol 1 at store.py:5, which slotted instances do not support',
    ]);
    expect(await notesOf('slotted-subclass')).toEqual([
      'models.py: line 4: left `Kept` without slots: its subclass `Tagged` (models.py:9) is slotted and relies on the `__dict__` it inherits',
    ]);
    expect(await notesOf('decorator-before-dataclass')).toEqual([
      'models.py: line 11: left `Kept` without slots: the decorator `@register` runs before `@dataclass` and would keep the class object that slots replaces',
    ]);
    expect(await notesOf('unknown-base')).toEqual(['models.py: line 5: left `Kept` without slots: its base `UserDict` is not a class of the project']);
    // Zero-argument super() on Pythons before 3.14: the rule itself does not report the class.
    expect(await notesOf('zero-argument-super')).toEqual([]);
  });
});

describe('dataclass-slots on a file it cannot parse', () => {
  it('fails a selected dataclass file Python cannot parse (exit 1), still slots the others, and notes other unparsable files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dataclass-slots-bad-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.py'), 'from dataclasses import dataclass\n\n@dataclass\nclass Broken(:\n    x: int\n');
      fs.writeFileSync(path.join(dir, 'notes.py'), 'def f(:\n');
      fs.writeFileSync(path.join(dir, 'good.py'), 'from dataclasses import dataclass\n\n@dataclass\nclass Fine:\n    x: int\n');
      const report = await rerun(dir, [dataclassSlots]);
      expect(report.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status]).sort()).toEqual([
        ['bad.py', 'failed'],
        ['good.py', 'changed'],
      ]);
      expect(report.files.find((file) => file.path === 'bad.py')?.reason).toMatch(/^cannot parse: .* \(line 4\)$/);
      expect(report.notes.map((note) => note.path)).toEqual(['notes.py']);
      expect(fs.readFileSync(path.join(dir, 'bad.py'), 'utf8')).toBe('from dataclasses import dataclass\n\n@dataclass\nclass Broken(:\n    x: int\n');
      expect(fs.readFileSync(path.join(dir, 'good.py'), 'utf8')).toBe('from dataclasses import dataclass\n\n@dataclass(slots=True)\nclass Fine:\n    x: int\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dataclass-slots judges receivers by the classes the project defines', () => {
  const KEPT = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Kept:\n    name: str\n';
  const project = async (files: Record<string, string>): Promise<{ report: Awaited<ReturnType<typeof rerun>>; kept: string }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dataclass-slots-scan-'));
    try {
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      const report = await rerun(dir, [dataclassSlots]);
      return { report, kept: fs.readFileSync(path.join(dir, 'models.py'), 'utf8') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('judges receivers with the classes the project defines, not with a class statement written in a string', async () => {
    // `Widget` is the toolkit's, given a variable: what it returns may be anything, so `item.title = …` may set
    // an attribute on a `Kept`. The text `class Widget:` in HELP must not make `item` a project Widget.
    const ui = 'from gui import Widget\n\nHELP = """\nclass Widget:\n    the toolkit\'s widget\n"""\n\n\ndef show(config):\n    item = Widget(config)\n    item.title = "x"\n    return item\n';
    const { report, kept } = await project({ 'models.py': KEPT, 'ui.py': ui });
    expect(report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual(['models.py: line 4: left `Kept` without slots: `item.title` is set at ui.py:11, on what may be an instance']);
    expect(kept).toBe(KEPT);
  });

  it('judges receivers with a class whose name a guess from the text misses (non-ASCII)', async () => {
    // `x` is an Ñandú, an unrelated class of the project: setting its attribute cannot touch a `Kept`.
    const birds = 'class Ñandú:\n    pass\n\n\nx = Ñandú()\nx.wings = 2\n';
    const { report, kept } = await project({ 'models.py': KEPT, 'birds.py': birds });
    expect(report.notes).toEqual([]);
    expect(kept).toBe(KEPT.replace('@dataclass\n', '@dataclass(slots=True)\n'));
  });

  it('a test double that replaces a field on the class itself (a string target or the class object) leaves the class alone', async () => {
    const models = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Kept:\n    name: str = "n"\n\n\n@dataclass\nclass Other:\n    n: int = 1\n';
    const tests = 'from unittest import mock\n\nfrom models import Other\n\nmock.patch("models.Kept.name", "m")\nmock.patch.object(Other, "n", 2)\n';
    const { report, kept } = await project({ 'models.py': models, 'test_models.py': tests });
    const why = (what: string, line: number, field: string): string =>
      `\`${what}\` replaces the class attribute at test_models.py:${line}: with slots the class attribute \`${field}\` is the slot's \`member_descriptor\`, not its default`;
    expect(report.notes.map((note) => `${note.path}: ${note.message}`)).toEqual([
      `models.py: line 4: left \`Kept\` without slots: ${why('mock.patch("models.Kept.name", "m")', 5, 'name')}`,
      `models.py: line 9: left \`Other\` without slots: ${why('mock.patch.object(Other, "n", 2)', 6, 'n')}`,
    ]);
    expect(kept).toBe(models);
  });

  it('parses nothing and notes nothing when no selected file says dataclass', async () => {
    const { report } = await project({ 'models.py': 'class Kept:\n    pass\n', 'broken.py': 'def f(:\n' });
    expect(report.notes).toEqual([]);
    expect(report.files.filter((file) => file.status !== 'unchanged')).toEqual([]);
  });
});

describe('dataclass-slots on a project for Pythons before 3.10', () => {
  const DATACLASS = 'from dataclasses import dataclass\n\n@dataclass\nclass Fine:\n    x: int\n';
  it.each([
    ['setup.py', 'from setuptools import setup\n\nsetup(name="legacy", python_requires=">=3.7")\n'],
    ['setup.cfg', '[metadata]\nname = legacy\n\n[options]\npython_requires = >=3.7\n'],
  ])('leaves every dataclass alone when %s declares python_requires >=3.7 (slots=True raises TypeError there)', async (manifest, text) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dataclass-slots-py37-'));
    try {
      fs.writeFileSync(path.join(dir, manifest), text);
      fs.mkdirSync(path.join(dir, 'pkg'));
      fs.writeFileSync(path.join(dir, 'pkg', 'models.py'), DATACLASS);
      const report = await rerun(dir, [dataclassSlots]);
      expect(report.files.filter((file) => file.status !== 'unchanged')).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'pkg', 'models.py'), 'utf8')).toBe(DATACLASS);
      // The same project declaring 3.10 is slotted: the manifest, not the file, held it back.
      fs.writeFileSync(path.join(dir, manifest), text.replace('3.7', '3.10'));
      const slotted = await rerun(dir, [dataclassSlots]);
      expect(slotted.files.filter((file) => file.status !== 'unchanged').map((file) => [file.path, file.status])).toEqual([['pkg/models.py', 'changed']]);
      expect(fs.readFileSync(path.join(dir, 'pkg', 'models.py'), 'utf8')).toBe(DATACLASS.replace('@dataclass\n', '@dataclass(slots=True)\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dataclass-slots leaves alone what slots would change (cached_property, two slotted bases, test doubles, reads on the class, pickles kept)', () => {
  // The case's input with `slots=True` forced on the classes named: what the codemod would have done without the check.
  const forced = async (caseName: string, file: string, classes: readonly string[]): Promise<Awaited<ReturnType<typeof runPythonProgram>>> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dataclass-slots-forced-${caseName}-`));
    try {
      fs.cpSync(path.join(CODEMOD_FIXTURES, 'dataclass-slots', caseName, 'input'), dir, { recursive: true });
      let text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const name of classes) text = text.replace(`@dataclass\nclass ${name}`, `@dataclass(slots=True)\nclass ${name}`);
      fs.writeFileSync(path.join(dir, file), text);
      return await runPythonProgram(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const sameProgram = async (caseName: string): Promise<string> => {
    const input = path.join(CODEMOD_FIXTURES, 'dataclass-slots', caseName, 'input');
    const run = await runFixturePair('dataclass-slots', caseName, [dataclassSlots]);
    const [before, after] = await Promise.all([runPythonProgram(input), runPythonProgram(run.dir)]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(after).toEqual(before);
    return before.stdout;
  };

  it('F14 cached-property: the rule does not report a class with a functools.cached_property (slots: TypeError on first read); the other class is slotted', async () => {
    expect(await notesOf('cached-property')).toEqual([]);
    expect(await sameProgram('cached-property')).toBe("12.0 12.0 9.0 9.0\nPlain(x=1, y=0) True\n['area', 'r'] ['area', 'side']\n");
    const broken = await forced('cached-property', 'shapes.py', ['Circle']);
    expect(broken.stderr).toMatch(/TypeError: No '__dict__' attribute on 'Circle' instance to cache 'area' property\.\n$/);
  });

  it('F15 layout-conflict: bases of one class that would both be slotted are left alone, a base beside one from outside the project too', async () => {
    expect(await notesOf('layout-conflict')).toEqual([
      'models.py: line 4: left `HasId` without slots: `Both` (models.py:15) derives from both `HasId` and `HasName`: with slots in both, Python refuses it (`TypeError: multiple bases have instance lay-out conflict`)',
      'models.py: line 9: left `HasName` without slots: `Both` (models.py:15) derives from both `HasId` and `HasName`: with slots in both, Python refuses it (`TypeError: multiple bases have instance lay-out conflict`)',
      'models.py: line 19: left `Detail` without slots: `Failure` (models.py:24) derives from both `Detail` and `Exception` (`Exception` is not a class of the project and may have a layout of its own): with slots in both, Python refuses it (`TypeError: multiple bases have instance lay-out conflict`)',
    ]);
    expect(await sameProgram('layout-conflict')).toBe("Both(name='a', id=1, extra=0) Both(name=1, id='b', extra=2)\nDetail(code=3) Failure(code=4) (4,)\nPoint(x=1) Point3(x=1, z=2) True\n");
    expect((await forced('layout-conflict', 'models.py', ['HasId', 'HasName'])).stderr).toMatch(/TypeError: multiple bases have instance lay-out conflict\n$/);
    expect((await forced('layout-conflict', 'models.py', ['Detail'])).stderr).toMatch(/TypeError: multiple bases have instance lay-out conflict\n$/);
  });

  it('F16 test-doubles: mock.patch.object of a method blocks; monkeypatch.setattr of a field and patches of a module do not', async () => {
    expect(await notesOf('test-doubles')).toEqual([
      'svc.py: line 5: left `Client` without slots: `mock.patch.object(client, "fetch", return_value="mocked")` sets an attribute at main.py:9, on what may be an instance',
    ]);
    expect(await sameProgram('test-doubles')).toBe('mocked\nh:80\nhttp://h:8080\nhttp://h:80\n6.0\n');
    expect((await forced('test-doubles', 'svc.py', ['Client'])).stderr).toMatch(/AttributeError: 'Client' object attribute 'fetch' is read-only\n$/);
    // The project's own pytest tests pass after the codemod too.
    const run = await runFixturePair('dataclass-slots', 'test-doubles', [dataclassSlots]);
    const pytest = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'no:benchmark', 'tests'];
    expect((await runPythonProgram(run.dir, pytest)).stdout).toMatch(/^3 passed/m);
  });

  it('F17 class-attribute: a field read on the class (name, cls, type(self), getattr) blocks; a property read does not', async () => {
    const line = (name: string, at: number, what: string, where: string, field: string): string =>
      `settings.py: line ${at}: left \`${name}\` without slots: \`${what}\` reads the class attribute at ${where}: with slots the class attribute \`${field}\` is the slot's \`member_descriptor\`, not its default`;
    expect(await notesOf('class-attribute')).toEqual([
      line('Settings', 4, 'Settings.timeout', 'settings.py:42', 'timeout'),
      line('Limits', 10, 'cls.most', 'settings.py:16', 'most'),
      line('Probe', 19, 'type(self).depth', 'settings.py:24', 'depth'),
      line('Named', 27, 'getattr(Named, "name")', 'main.py:4', 'name'),
    ]);
    expect(await sameProgram('class-attribute')).toBe("30 10 2 n\nSettings(timeout=30, retries=3) Limits(most=10) Probe(depth=2) Named(name='n') Fine(size=1) 2 property\n");
    const broken = await forced('class-attribute', 'settings.py', ['Settings', 'Limits', 'Probe', 'Named']);
    expect(broken.stdout.split('\n')[0]).toMatch(/^<member 'timeout' of 'Settings' objects> <member 'most' of 'Limits' objects> <member 'depth' of 'Probe' objects> <member 'name' of 'Named' objects>$/);
  });

  it('F24 pickled: pickle.dump of what may be an instance blocks (a pickle written before would not load); loads(dumps(x)) does not', async () => {
    expect(await notesOf('pickled')).toEqual([
      'models.py: line 4: left `Record` without slots: `pickle.dump` writes a pickle (one written before slots would not load: a non-slotted instance pickles its `__dict__`) at store.py:9, on what may be an instance',
    ]);
    expect(await sameProgram('pickled')).toBe("Record(key='k', value=1)\nRecord(key='a', value=2) Copied(key='c')\n");
    expect((await forced('pickled', 'models.py', ['Record'])).stderr).toMatch(/AttributeError: 'Record' object has no attribute '__dict__'/);
  });
});
