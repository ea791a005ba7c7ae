import rule from '../../rules/require-explicit-types.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

pythonRuleTester.run('require-explicit-types (Python)', asEslintRule(rule), pythonCases({
  valid: [
    'def parse(text: str) -> int:\n    return len(text)',
    'async def fetch(url: str, *args: int, retries: int = 3, **headers: str) -> bytes:\n    ...',
    'class Store:\n    def __init__(self, size: int):\n        self.size = size\n    def add(self, item: str) -> None: ...\n    @classmethod\n    def empty(cls) -> "Store": ...',
    'def positional(a: int, /, *, b: int) -> None: ...',
    'double = lambda x: x * 2',
    // A PEP 484 signature type comment types the function (an annotation too is a mypy error).
    'def add(a, b):\n    # type: (int, int) -> int\n    return a + b',
    'def add(a, b):  # type: (int, int) -> int\n    return a + b',
    'class Mailer:\n    def send(self,\n             address,  # type: str\n             ):\n        # type: (...) -> bool\n        return True',
    { code: 'def skip(x):\n    pass', options: [{ allowedNames: ['skip'] }] },
  ],
  invalid: [
    {
      // Not a signature type comment: `# type: ignore`, and a comment after the docstring.
      code: 'def f(a):  # type: ignore\n    return a\ndef g():\n    "Doc."\n    # type: () -> int\n    return 1',
      errors: [
        { message: 'Add a return type to "f".', line: 1, column: 1, endLine: 1, endColumn: 9 },
        { message: 'Add a type to parameter "a" of "f".', line: 1, column: 7, endLine: 1, endColumn: 8 },
        { message: 'Add a return type to "g".', line: 3, column: 1, endLine: 3, endColumn: 8 },
      ],
    },
    {
      code: 'def parse(text, limit=10):\n    return text[:limit]',
      errors: [
        { message: 'Add a return type to "parse".', line: 1, column: 1, endLine: 1, endColumn: 26 },
        { message: 'Add a type to parameter "text" of "parse".', line: 1, column: 11, endLine: 1, endColumn: 15 },
        { message: 'Add a type to parameter "limit" of "parse".', line: 1, column: 17, endColumn: 25 },
      ],
    },
    {
      code: 'async def gather(*tasks, **options) -> list[int]:\n    ...',
      errors: [
        { message: 'Add a type to parameter "*tasks" of "gather".', line: 1, column: 18, endColumn: 24 },
        { message: 'Add a type to parameter "**options" of "gather".', line: 1, column: 26, endColumn: 35 },
      ],
    },
    {
      code: 'class Store:\n    def __init__(self, size):\n        self.size = size\n    @staticmethod\n    def make(count):\n        return Store(count)\n    def add(self, item) -> None: ...',
      errors: [
        { message: 'Add a type to parameter "size" of "__init__".', line: 2, column: 24, endColumn: 28 },
        { message: 'Add a return type to "make".', line: 5, column: 5, endColumn: 20 },
        { message: 'Add a type to parameter "count" of "make".', line: 5, column: 14, endColumn: 19 },
        { message: 'Add a type to parameter "item" of "add".', line: 7, column: 19, endColumn: 23 },
      ],
    },
    {
      code: 'def outer() -> None:\n    def inner():\n        pass',
      errors: [{ message: 'Add a return type to "inner".', line: 2, column: 5, endColumn: 16 }],
    },
    {
      code: 'def __init__(value):\n    pass',
      errors: [
        { message: 'Add a return type to "__init__".', line: 1, column: 1 },
        { message: 'Add a type to parameter "value" of "__init__".', line: 1, column: 14 },
      ],
    },
  ],
}));
