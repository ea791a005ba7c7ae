import rule from '../../rules/prefer-readonly-data-shapes.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

const FROZEN = (name: string): string => `Make dataclass "${name}" frozen: this file never changes its instances after construction.`;
const ADD_FROZEN = 'Add `frozen=True` to the decorator.';
const CONSTANT = (name: string, replacement: string): string => `Make module constant "${name}" ${replacement}: this file only reads it.`;
const DATACLASS = 'from dataclasses import dataclass\n';

pythonRuleTester.run('prefer-readonly-data-shapes (Python)', asEslintRule(rule), pythonCases({
  valid: [
    `${DATACLASS}@dataclass(frozen=True, slots=True)\nclass Point:\n    x: float`,
    // Fields assigned after construction, anywhere in the file.
    `${DATACLASS}@dataclass\nclass Counter:\n    count: int\n\ndef bump(counter: Counter) -> None:\n    counter.count += 1`,
    `${DATACLASS}@dataclass\nclass Counter:\n    count: int\n\ndef reset(counter: Counter) -> None:\n    counter.count = 0`,
    `${DATACLASS}@dataclass\nclass Counter:\n    count: int\n\ndef reset(counter: Counter) -> None:\n    setattr(counter, "count", 0)`,
    // __post_init__ (or any method) assigning an attribute of self: frozen would need object.__setattr__.
    `${DATACLASS}@dataclass\nclass Box:\n    width: float\n    area: float = 0.0\n    def __post_init__(self) -> None:\n        self.area = self.width ** 2`,
    // Base classes: a frozen dataclass cannot inherit from a non-frozen one; subclassed in the file: same.
    `${DATACLASS}@dataclass\nclass Child(Base):\n    x: int`,
    `${DATACLASS}@dataclass\nclass Parent:\n    x: int\n\n@dataclass\nclass Child(Parent):\n    y: int\n\ndef grow(child: Child) -> None:\n    child.y = 2`,
    `${DATACLASS}@dataclass(frozen=FROZEN)\nclass Point:\n    x: float`,
    `${DATACLASS}@dataclass\nclass Empty:\n    pass`,
    // Constants the file changes, or uses in ways a tuple / frozenset / mapping proxy would not support.
    'HANDLERS = []\n\ndef register(handler: object) -> None:\n    HANDLERS.append(handler)',
    'CACHE = {}\n\ndef put(key: str, value: int) -> None:\n    CACHE[key] = value',
    'SEEN = {1}\nSEEN |= {2}',
    'ORDER = [3, 1]\nORDER.sort()',
    'ITEMS = [1, 2]\nMORE = ITEMS + [3]',
    'ITEMS = [1, 2]\nimport random\nrandom.shuffle(ITEMS)',
    'ITEMS = [1, 2]\ndef shadow() -> None:\n    ITEMS = []\n    ITEMS.append(1)\nITEMS.clear()',
    // Not constants by name, annotated (the annotation states the type the code wants), or comprehensions.
    'handlers = []',
    'LIMITS: dict[str, int] = {"a": 1}',
    'SQUARES = [x * x for x in range(3)]',
    { code: 'HOSTS = ["a"]', options: [{ constants: false }] },
    { code: 'MUTABLE_HOSTS = ["a"]', options: [{ ignoreTypes: ['^MUTABLE_'] }] },
  ],
  invalid: [
    {
      code: `${DATACLASS}\n@dataclass(slots=True)\nclass Point:\n    x: float\n    y: float\n\n    def norm(self) -> float:\n        return (self.x ** 2 + self.y ** 2) ** 0.5`,
      errors: [
        {
          message: FROZEN('Point'),
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 23,
          suggestions: [
            {
              desc: ADD_FROZEN,
              output: `${DATACLASS}\n@dataclass(slots=True, frozen=True)\nclass Point:\n    x: float\n    y: float\n\n    def norm(self) -> float:\n        return (self.x ** 2 + self.y ** 2) ** 0.5`,
            },
          ],
        },
      ],
    },
    {
      // frozen=False is turned to True; a ClassVar is not a field.
      code: 'import dataclasses\nfrom typing import ClassVar\n@dataclasses.dataclass(frozen=False)\nclass User:\n    name: str\n    total: ClassVar[int] = 0',
      errors: [
        {
          message: FROZEN('User'),
          line: 3,
          suggestions: [{ desc: ADD_FROZEN, output: 'import dataclasses\nfrom typing import ClassVar\n@dataclasses.dataclass(frozen=True)\nclass User:\n    name: str\n    total: ClassVar[int] = 0' }],
        },
      ],
    },
    {
      code: 'ALLOWED_HOSTS = ["a.example", "b.example"]\n\ndef allowed(host: str) -> bool:\n    return host in ALLOWED_HOSTS and len(ALLOWED_HOSTS) > 0',
      errors: [
        {
          message: CONSTANT('ALLOWED_HOSTS', 'a tuple'),
          line: 1,
          column: 1,
          endColumn: 14,
          suggestions: [
            {
              desc: 'Write it as a tuple.',
              output: 'ALLOWED_HOSTS = ("a.example", "b.example")\n\ndef allowed(host: str) -> bool:\n    return host in ALLOWED_HOSTS and len(ALLOWED_HOSTS) > 0',
            },
          ],
        },
      ],
    },
    {
      code: 'ONLY = [1]\nfor item in ONLY:\n    print(item, ONLY[0], ONLY.index(1))',
      errors: [{ message: CONSTANT('ONLY', 'a tuple'), line: 1, suggestions: [{ desc: 'Write it as a tuple.', output: 'ONLY = (1,)\nfor item in ONLY:\n    print(item, ONLY[0], ONLY.index(1))' }] }],
    },
    {
      code: 'STATES = {"open", "closed"}\nDONE = [s for s in STATES if s in STATES]',
      errors: [
        {
          message: CONSTANT('STATES', 'a frozenset'),
          line: 1,
          suggestions: [{ desc: 'Write it as a frozenset.', output: 'STATES = frozenset({"open", "closed"})\nDONE = [s for s in STATES if s in STATES]' }],
        },
      ],
    },
    {
      code: '"""Limits."""\nimport os\n\nLIMITS = {"burst": 10}\n\ndef limit(name: str) -> int:\n    return LIMITS.get(name, 0)',
      errors: [
        {
          message: CONSTANT('LIMITS', 'a `types.MappingProxyType`'),
          line: 4,
          suggestions: [
            {
              desc: 'Write it as a `types.MappingProxyType`.',
              output: '"""Limits."""\nimport os\nimport types\n\nLIMITS = types.MappingProxyType({"burst": 10})\n\ndef limit(name: str) -> int:\n    return LIMITS.get(name, 0)',
            },
          ],
        },
      ],
    },
    {
      code: 'import types\nLIMITS = {"burst": 10}',
      errors: [{ message: CONSTANT('LIMITS', 'a `types.MappingProxyType`'), line: 2, suggestions: [{ desc: 'Write it as a `types.MappingProxyType`.', output: 'import types\nLIMITS = types.MappingProxyType({"burst": 10})' }] }],
    },
    {
      // Visual indentation follows the brace into the call (pycodestyle E128 otherwise), nested levels too.
      code: 'import types\nLIMITS = {"burst": 10,\n          "rate": {"a": 1,\n                   "b": 2}}',
      errors: [
        {
          message: CONSTANT('LIMITS', 'a `types.MappingProxyType`'),
          line: 2,
          suggestions: [
            {
              desc: 'Write it as a `types.MappingProxyType`.',
              output: 'import types\nLIMITS = types.MappingProxyType({"burst": 10,\n                                 "rate": {"a": 1,\n                                          "b": 2}})',
            },
          ],
        },
      ],
    },
  ],
}));
