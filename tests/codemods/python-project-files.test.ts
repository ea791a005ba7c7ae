/**
 * The whole-project Python read (codemods/runner/python-project-files.ts): plain facts per file, shared within
 * a run through the runner's `runCache` for every file whose text did not change, and edits applied in one pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import dataclassSlots from '../../codemods/dataclass-slots.js';
import readonlyDataShapes from '../../codemods/readonly-data-shapes.js';
import { applyPythonEdits, readPythonProject } from '../../codemods/runner/python-project-files.js';
import type { ProjectCodemodInput } from '../../codemods/runner/contract.js';
import { rerun } from './fixture-pairs.js';

const MODELS = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Point:\n    x: int\n\n\nclass Plain:\n    pass\n';
const USE = 'from models import Point\n\np = Point(1)\np.x = 2\nLIMITS = [1, 2]\n';

let dir = '';
afterEach(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function project(files: Record<string, string>): ProjectCodemodInput & { readonly runCache: Map<string, unknown> } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-project-files-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const absolute = Object.keys(files).map((name: string): string => path.join(dir, name));
  return { root: dir, files: absolute, projectFiles: absolute, optionsFor: () => ({}), runCache: new Map() };
}

describe('readPythonProject', () => {
  it('reads each file into plain facts: classes, uses with their receivers, constants', () => {
    const input = project({ 'models.py': MODELS, 'use.py': USE });
    const { files, failed, notes } = readPythonProject(input, () => true);
    expect(failed).toEqual([]);
    expect(notes).toEqual([]);
    expect(files.map((file) => file.path)).toEqual(['models.py', 'use.py']);
    const [models, use] = files;
    expect(models?.classes.map((info) => [info.name, info.line, info.isDataclass, [...info.fields]])).toEqual([
      ['Point', 5, true, ['x']],
      ['Plain', 9, false, []],
    ]);
    expect(use?.uses.map((entry) => [entry.kind, entry.receiver, entry.attribute, entry.what, entry.where])).toEqual([
      ['set', { kind: 'instanceOf', className: 'Point' }, 'x', '`p.x` is set', 'use.py:4'],
    ]);
    expect(use?.constants.candidates.map((constant) => [constant.name, constant.shape, constant.length, constant.line])).toEqual([['LIMITS', 'list', 2, 5]]);
    // Plain data: it survives a JSON round trip apart from the sets (no tree, no parent links).
    expect(() => JSON.stringify(files)).not.toThrow();
  });

  it('reads again within a run only the files whose text changed; the facts equal a fresh read', () => {
    const input = project({ 'models.py': MODELS, 'use.py': USE });
    const first = readPythonProject(input, () => true);
    fs.writeFileSync(path.join(dir, 'use.py'), USE.replace('p.x = 2', 'p.y = 2'));
    const second = readPythonProject(input, () => true);
    expect(second.files[0]).toBe(first.files[0]);
    expect(second.files[1]).not.toBe(first.files[1]);
    expect(second.files[1]?.uses.map((entry) => entry.what)).toEqual(['`p.y` is set']);
    const fresh = readPythonProject({ ...input, runCache: new Map() }, () => true);
    expect(JSON.stringify(fresh.files)).toBe(JSON.stringify(second.files));
  });

  it('judges a patch\'s string target by what its module binds: an import or def is no instance, a module-level value may be', () => {
    const svc = 'import time\nfrom models import Point\n\n\ndef helper():\n    pass\n\n\npoint = Point(1)\n';
    const tests = 'from unittest import mock\n\nimport svc\n\nmock.patch("svc.time.time")\nmock.patch("svc.helper")\nmock.patch("svc.point.x")\nmock.patch.object(svc.time, "sleep")\nmock.patch("os.path.exists")\nmock.patch("models.Point.x")\n';
    const input = project({ 'models.py': MODELS, 'svc.py': svc, 'test_svc.py': tests });
    const uses = readPythonProject(input, () => true).files.find((file) => file.path === 'test_svc.py')?.uses ?? [];
    expect(uses.map((use) => [use.what, use.attribute, use.receiver.kind])).toEqual([
      ['`mock.patch("svc.time.time")` sets an attribute', 'time', 'notInstance'],
      ['`mock.patch("svc.helper")` sets an attribute', 'helper', 'notInstance'],
      ['`mock.patch("svc.point.x")` sets an attribute', 'x', 'unknown'],
      ['`mock.patch.object(svc.time, "sleep")` sets an attribute', 'sleep', 'notInstance'],
      ['`mock.patch("os.path.exists")` sets an attribute', 'exists', 'notInstance'],
      ['`mock.patch("models.Point.x")` sets an attribute', 'x', 'notInstance'],
    ]);
  });

  it('judges a cached file again when the project it was judged against changed', () => {
    // `p` is bound to `Made(…)`: an instance of a project class once models.py defines `Made`, unknown before.
    const input = project({ 'models.py': 'class Other:\n    pass\n', 'use.py': 'from models import Made\n\np = Made()\np.x = 2\n' });
    expect(readPythonProject(input, () => true).files[1]?.uses.map((entry) => entry.receiver)).toEqual([{ kind: 'unknown' }]);
    fs.writeFileSync(path.join(dir, 'models.py'), 'class Made:\n    pass\n');
    expect(readPythonProject(input, () => true).files[1]?.uses.map((entry) => entry.receiver)).toEqual([{ kind: 'instanceOf', className: 'Made' }]);
  });

  it('dataclass-slots then readonly-data-shapes in one run: the same files as each alone', async () => {
    const files = { 'models.py': MODELS.replace('class Plain', 'LIMITS = [1, 2]\n\n\nclass Plain'), 'use.py': 'from models import LIMITS, Point\n\nprint(len(LIMITS), Point(1))\n' };
    const together = project(files);
    await rerun(together.root, [dataclassSlots, readonlyDataShapes]);
    const both = Object.keys(files).map((name: string): string => fs.readFileSync(path.join(together.root, name), 'utf8'));
    fs.rmSync(together.root, { recursive: true, force: true });
    const apart = project(files);
    await rerun(apart.root, [dataclassSlots]);
    await rerun(apart.root, [readonlyDataShapes]);
    expect(Object.keys(files).map((name: string): string => fs.readFileSync(path.join(apart.root, name), 'utf8'))).toEqual(both);
    expect(both[0]).toBe(files['models.py'].replace('@dataclass\n', '@dataclass(slots=True, frozen=True)\n').replace('    x: int\n', '    __hash__ = None  # type: ignore[assignment]\n    x: int\n').replace('LIMITS = [1, 2]', 'LIMITS = (1, 2)'));
  });
});

describe('applyPythonEdits', () => {
  it('applies edits in text order in one pass; insertions at one offset come out last given first, as spliced from the end', () => {
    const edits = [
      { range: [0, 0] as const, text: 'a' },
      { range: [0, 0] as const, text: 'b' },
      { range: [2, 4] as const, text: 'XY' },
      { range: [6, 6] as const, text: '!' },
    ];
    expect(applyPythonEdits('012345', edits)).toBe('ba01XY45!');
  });
});
