import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-performance-docs.js';
import { docstringStatements } from '../../standards/performance-monitoring/python-performance-docs.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

const MISSING = (name: string): string =>
  `State the performance of "${name}" in its docstring: a Sphinx field \`:complexity: O(…)\` or a \`Complexity:\` / \`Performance:\` section.`;
const MALFORMED = (name: string, value: string): string =>
  `Write the complexity of "${name}" as Big-O, such as \`O(n log n)\` or \`O(1) amortized\`, instead of "${value}".`;

pythonRuleTester.run('require-performance-docs (Python)', asEslintRule(rule), pythonCases({
  valid: [
    // Sphinx field.
    'def sort_users(users: list[User]) -> list[User]:\n    """Sort users by name.\n\n    :complexity: O(n log n)\n    """\n    return sorted(users)',
    // Google sections, value on the line or below.
    'def lookup(key: str) -> int:\n    """Look a key up.\n\n    Complexity: O(1) amortized\n    """\n    return 1',
    'def fetch(url: str) -> bytes:\n    """Fetch a page.\n\n    Performance:\n        One HTTP request; about 50 ms on the LAN.\n    """\n    ...',
    // NumPy section.
    'def merge(a: list[int], b: list[int]) -> list[int]:\n    """Merge two sorted lists.\n\n    Complexity\n    ----------\n    O(n + m)\n    """\n    ...',
    // Not public: private, dunder, a private class, a nested function.
    'def _helper() -> None: ...\nclass _Cache:\n    def load(self) -> None: ...\nclass Store:\n    def __len__(self) -> int: ...',
    'def outer() -> None:\n    """Run.\n\n    :performance: constant\n    """\n    def inner() -> None: ...',
    // pytest's tests, fixtures and hooks in test files: their contract is pytest's.
    { code: 'def test_str_repr() -> None:\n    assert str(1) == "1"', filename: 'tests/test_strutils.py' },
    { code: 'class TestCache:\n    def test_get(self) -> None: ...', filename: 'boltons_test.py' },
    { code: 'import unittest\nclass CacheTests(unittest.TestCase):\n    def test_get(self) -> None: ...', filename: 'test/cache.py' },
    { code: 'import pytest\n@pytest.fixture(scope="module")\ndef db() -> None: ...\ndef pytest_configure(config: object) -> None: ...', filename: 'conftest.py' },
    // critical mode: only critical functions (here none: not async, not in a critical folder).
    { code: 'def total(items: list[int]) -> int:\n    return sum(items)', options: [{ critical: true }] },
  ],
  invalid: [
    {
      code: 'def total(items: list[int]) -> int:\n    return sum(items)',
      errors: [{ message: MISSING('total'), line: 1, column: 5, endLine: 1, endColumn: 10 }],
    },
    {
      code: 'class Store:\n    """A store."""\n\n    def add(self, item: str) -> None:\n        """Add an item (no performance stated)."""',
      errors: [{ message: MISSING('add'), line: 4, column: 9 }],
    },
    {
      code: 'def sort_users(users: list[User]) -> list[User]:\n    """Sort.\n\n    :complexity: linear-ish\n    """',
      errors: [{ message: MALFORMED('sort_users', 'linear-ish'), line: 1, column: 5 }],
    },
    {
      code: 'def lookup(key: str) -> int:\n    """Look up.\n\n    Complexity:\n        O()\n    """',
      errors: [{ message: MALFORMED('lookup', 'O()'), line: 1 }],
    },
    {
      code: 'async def place_order(order: Order) -> None:\n    ...\n\ndef helper() -> None: ...',
      filename: 'app/services/orders.py',
      options: [{ critical: true }],
      errors: [{ message: MISSING('place_order'), line: 1, column: 11 }],
    },
    {
      // Outside test files a `test_*` function is API like any other.
      code: 'def test_connection(url: str) -> bool:\n    return True',
      filename: 'app/health.py',
      errors: [{ message: MISSING('test_connection'), line: 1, column: 5 }],
    },
    {
      // In a test file, helpers and non-test methods are still checked.
      code: 'from pytest import fixture\n@fixture\ndef db() -> None: ...\ndef make_user() -> None: ...\nclass TestCache:\n    def build(self) -> None: ...\nclass Helper:\n    def test_x(self) -> None: ...',
      filename: 'tests/test_cache.py',
      errors: [
        { message: MISSING('make_user'), line: 4, column: 5 },
        { message: MISSING('build'), line: 6, column: 9 },
        { message: MISSING('test_x'), line: 8, column: 9 },
      ],
    },
  ],
}));

describe('docstringStatements', () => {
  it('reads Sphinx fields, Google and NumPy sections', () => {
    expect(docstringStatements('Doc.\n\n:performance: one query\n\nComplexity:\n    O(n)\n\nPerformance\n-----------\nfast')).toEqual([
      { kind: 'performance', value: 'one query' },
      { kind: 'complexity', value: 'O(n)' },
      { kind: 'performance', value: 'fast' },
    ]);
  });
});
