import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-dataclass-slots.js';
import { declaredPython, oldestPythonMinor, requiresPython, setupCfgPythonRequires, setupPyPythonRequires } from '../../standards/shared/python-version.js';
import { asEslintRule, pythonCases, pythonOnlyRuleTester } from '../python-cases.js';

const versions = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/python-versions');
const MESSAGE = (name: string): string =>
  `Add \`slots=True\` to the dataclass "${name}": its instances then keep their fields in slots instead of a \`__dict__\` each (less memory, faster attribute access).`;
const SUGGESTION = 'Add `slots=True` to the decorator.';

const SUPER_CLASS = 'from dataclasses import dataclass\n@dataclass\nclass Child(Base):\n    def total(self) -> int:\n        return super().total() + 1';

pythonOnlyRuleTester.run('require-dataclass-slots', asEslintRule(rule), pythonCases({
  valid: [
    'from dataclasses import dataclass\n@dataclass(slots=True)\nclass User:\n    name: str',
    'import dataclasses\n@dataclasses.dataclass(frozen=True, slots=True)\nclass User:\n    name: str',
    // Not the standard library's dataclass.
    'from pydantic.dataclasses import dataclass\n@dataclass\nclass User:\n    name: str',
    'def dataclass(cls): return cls\n@dataclass\nclass User:\n    name: str',
    // Defines its own __slots__.
    "from dataclasses import dataclass\n@dataclass\nclass User:\n    __slots__ = ('name',)\n    name: str",
    // slots given by a variable or through **options: not ours to judge.
    'from dataclasses import dataclass\n@dataclass(slots=SLOTS)\nclass User:\n    name: str',
    'from dataclasses import dataclass\n@dataclass(**OPTIONS)\nclass User:\n    name: str',
    // Slots would break the class: it reads __dict__ ...
    'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str\n    def to_dict(self) -> dict:\n        return dict(self.__dict__)',
    'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str\n    def to_dict(self) -> dict:\n        return vars(self)',
    // ... sets an attribute on itself that is not a field (a slotted instance has no __dict__ for it) ...
    'from dataclasses import dataclass\n@dataclass\nclass Cache:\n    size: int\n    def put(self, v: object) -> None:\n        self.extra = v',
    'from dataclasses import dataclass\n@dataclass\nclass Pair:\n    a: int\n    def swap(self) -> None:\n        self.a, self.tmp = self.a, 0',
    'from dataclasses import dataclass\nfrom typing import ClassVar\n@dataclass\nclass Counter:\n    total: ClassVar[int] = 0\n    def bump(self) -> None:\n        self.total += 1',
    // ... takes weak references to itself without weakref_slot=True ...
    'import weakref\nfrom dataclasses import dataclass\n@dataclass\nclass Node:\n    def handle(self) -> object:\n        return weakref.ref(self)',
    'from weakref import proxy\nfrom dataclasses import dataclass\n@dataclass(weakref_slot=False)\nclass Node:\n    def handle(self) -> object:\n        return proxy(self)',
    // ... defines a functools.cached_property (it caches in the instance's __dict__), however imported ...
    'import functools\nfrom dataclasses import dataclass\n@dataclass\nclass Circle:\n    r: float\n    @functools.cached_property\n    def area(self) -> float:\n        return self.r * self.r',
    'from functools import cached_property as cached\nfrom dataclasses import dataclass\n@dataclass\nclass Circle:\n    r: float\n    @cached\n    def area(self) -> float:\n        return self.r * self.r',
    // ... uses zero-argument super() (or __class__) on Pythons before 3.14 (3.10 assumed by default).
    SUPER_CLASS,
    'from dataclasses import dataclass\n@dataclass\nclass Child:\n    def kind(self) -> str:\n        return __class__.__name__',
    // The project supports Pythons before 3.10, which have no slots=True.
    { code: 'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str', filename: path.join(versions, 'py39/app/models.py') },
    { code: 'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str', options: [{ pythonVersion: '3.9' }] },
    // ... declared as `python_requires` in setup.py (beside a pyproject.toml that declares none) or setup.cfg.
    { code: 'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str', filename: path.join(versions, 'setup-py37/app/models.py') },
    { code: 'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str', filename: path.join(versions, 'setup-cfg37/app/models.py') },
  ],
  invalid: [
    {
      // A `cached_property` that is not functools' (a local decorator of that name) caches nothing in `__dict__` here.
      code: 'from dataclasses import dataclass\ndef cached_property(f): return property(f)\n@dataclass\nclass Circle:\n    r: float\n    @cached_property\n    def area(self) -> float:\n        return self.r',
      errors: [{ message: MESSAGE('Circle'), line: 3, column: 1, endLine: 3, endColumn: 11, suggestions: [{ messageId: 'addSlots', output: 'from dataclasses import dataclass\ndef cached_property(f): return property(f)\n@dataclass(slots=True)\nclass Circle:\n    r: float\n    @cached_property\n    def area(self) -> float:\n        return self.r' }] }],
    },
    {
      // Setting its own fields (and using its methods) is what a slotted instance does.
      code: 'from dataclasses import dataclass\n@dataclass\nclass Box:\n    size: int\n    def grow(self) -> None:\n        self.size += 1',
      errors: [{ message: MESSAGE('Box'), line: 2, column: 1, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'addSlots', output: 'from dataclasses import dataclass\n@dataclass(slots=True)\nclass Box:\n    size: int\n    def grow(self) -> None:\n        self.size += 1' }] }],
    },
    {
      code: 'from dataclasses import dataclass\n\n@dataclass\nclass User:\n    name: str',
      errors: [
        {
          message: MESSAGE('User'),
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 11,
          suggestions: [{ desc: SUGGESTION, output: 'from dataclasses import dataclass\n\n@dataclass(slots=True)\nclass User:\n    name: str' }],
        },
      ],
    },
    {
      code: 'import dataclasses as dc\n@dc.dataclass()\nclass Point:\n    x: float',
      errors: [
        {
          message: MESSAGE('Point'),
          line: 2,
          column: 1,
          endColumn: 16,
          suggestions: [{ desc: SUGGESTION, output: 'import dataclasses as dc\n@dc.dataclass(slots=True)\nclass Point:\n    x: float' }],
        },
      ],
    },
    {
      code: 'from dataclasses import dataclass as record\n@record(frozen=True)\nclass Point:\n    x: float',
      errors: [
        {
          message: MESSAGE('Point'),
          line: 2,
          suggestions: [{ desc: SUGGESTION, output: 'from dataclasses import dataclass as record\n@record(frozen=True, slots=True)\nclass Point:\n    x: float' }],
        },
      ],
    },
    {
      code: 'from dataclasses import dataclass\n@dataclass(slots=False, order=True)\nclass Point:\n    x: float',
      errors: [
        {
          message: MESSAGE('Point'),
          line: 2,
          suggestions: [{ desc: SUGGESTION, output: 'from dataclasses import dataclass\n@dataclass(slots=True, order=True)\nclass Point:\n    x: float' }],
        },
      ],
    },
    {
      // Weak references are fine with weakref_slot=True.
      code: 'import weakref\nfrom dataclasses import dataclass\n@dataclass(weakref_slot=True)\nclass Node:\n    def handle(self) -> object:\n        return weakref.ref(self)',
      errors: [
        {
          message: MESSAGE('Node'),
          line: 3,
          suggestions: [
            {
              desc: SUGGESTION,
              output: 'import weakref\nfrom dataclasses import dataclass\n@dataclass(weakref_slot=True, slots=True)\nclass Node:\n    def handle(self) -> object:\n        return weakref.ref(self)',
            },
          ],
        },
      ],
    },
    {
      // From Python 3.14 zero-argument super() works in a slotted dataclass.
      code: SUPER_CLASS,
      filename: path.join(versions, 'py314/app/models.py'),
      errors: [{ message: MESSAGE('Child'), line: 2, suggestions: [{ desc: SUGGESTION, output: SUPER_CLASS.replace('@dataclass\n', '@dataclass(slots=True)\n') }] }],
    },
    {
      // A pyproject.toml without a lower bound leaves the option (here 3.14) in charge; [tool.*] tables do not count.
      code: SUPER_CLASS,
      filename: path.join(versions, 'unbounded/app/models.py'),
      options: [{ pythonVersion: '3.14' }],
      errors: [{ message: MESSAGE('Child'), line: 2, suggestions: [{ desc: SUGGESTION, output: SUPER_CLASS.replace('@dataclass\n', '@dataclass(slots=True)\n') }] }],
    },
    {
      // A computed `python_requires` is not read: the default (3.10) applies.
      code: 'from dataclasses import dataclass\n@dataclass\nclass User:\n    name: str',
      filename: path.join(versions, 'setup-py-computed/app/models.py'),
      errors: [{ message: MESSAGE('User'), line: 2, suggestions: [{ desc: SUGGESTION, output: 'from dataclasses import dataclass\n@dataclass(slots=True)\nclass User:\n    name: str' }] }],
    },
    {
      // super() with arguments and a local `vars` are not what slots break.
      code: 'from dataclasses import dataclass\n@dataclass\nclass Child(Base):\n    def total(self, vars: dict) -> int:\n        vars(self)\n        return super(Child, self).total()',
      errors: [{ message: MESSAGE('Child'), line: 2, suggestions: [{ desc: SUGGESTION, output: 'from dataclasses import dataclass\n@dataclass(slots=True)\nclass Child(Base):\n    def total(self, vars: dict) -> int:\n        vars(self)\n        return super(Child, self).total()' }] }],
    },
  ],
}));

describe('requires-python', () => {
  it('reads the oldest Python 3 minor version a specifier set allows', () => {
    expect(oldestPythonMinor('>=3.9, <4')).toBe(9);
    expect(oldestPythonMinor('~=3.10')).toBe(10);
    expect(oldestPythonMinor('==3.11.*')).toBe(11);
    expect(oldestPythonMinor('>3.8')).toBe(8);
    expect(oldestPythonMinor('>=3.8,>=3.12')).toBe(12);
    expect(oldestPythonMinor('<4')).toBeNull();
    expect(oldestPythonMinor('>=2.7')).toBeNull();
  });

  it('reads requires-python from the [project] table only', () => {
    expect(requiresPython('[tool.x]\nrequires-python = ">=3.20"\n[project]\nrequires-python = \'>=3.11\'\n')).toBe('>=3.11');
    expect(requiresPython('[project]\nname = "x"\n[tool.x]\nrequires-python = ">=3.20"\n')).toBeNull();
  });

  it('reads python_requires from the [options] section of a setup.cfg', () => {
    expect(setupCfgPythonRequires('[metadata]\npython_requires = >=3.20\n[options]\nPython_Requires: >=3.7, <4\n')).toBe('>=3.7, <4');
    expect(setupCfgPythonRequires('[options]\npython_requires =\n    >=3.8\n')).toBe('>=3.8');
    expect(setupCfgPythonRequires('[options]\n# python_requires = >=3.7\nzip_safe = False\n')).toBeNull();
  });

  it('reads a string literal python_requires= of setup(...) in a setup.py', () => {
    expect(setupPyPythonRequires('from setuptools import setup\nsetup(name="x", python_requires=">=3.7")\n')).toBe('>=3.7');
    expect(setupPyPythonRequires("import setuptools\nif True:\n    setuptools.setup(python_requires='>=3.6')\n")).toBe('>=3.6');
    expect(setupPyPythonRequires('setup(python_requires=MINIMUM)\n')).toBeNull();
    expect(setupPyPythonRequires('setup(python_requires=f">={low}")\n')).toBeNull();
    expect(setupPyPythonRequires('other(python_requires=">=3.7")\n')).toBeNull();
    expect(setupPyPythonRequires('setup(python_requires=">=3.7"\n')).toBeNull();
  });

  it('takes the nearest manifest folder, pyproject.toml first, then setup.cfg, then setup.py', () => {
    expect(declaredPython(path.join(versions, 'setup-py37/app/models.py'), versions)).toEqual({ minor: 7, manifest: path.join(versions, 'setup-py37/setup.py') });
    expect(declaredPython(path.join(versions, 'setup-cfg37/app/models.py'), versions)).toEqual({ minor: 7, manifest: path.join(versions, 'setup-cfg37/setup.cfg') });
    expect(declaredPython(path.join(versions, 'py39/app/models.py'), versions)).toEqual({ minor: 9, manifest: path.join(versions, 'py39/pyproject.toml') });
    expect(declaredPython(path.join(versions, 'setup-py-computed/app/models.py'), versions)).toBeNull();
  });
});
