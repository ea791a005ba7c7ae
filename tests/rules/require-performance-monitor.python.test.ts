import rule from '../../rules/require-performance-monitor.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

const MESSAGE = (name: string, decorator = 'performance_monitor'): string =>
  `Measure critical function "${name}" with the performance monitor: decorate it with \`@${decorator}\`.`;
const SERVICE = 'app/services/orders.py';

pythonRuleTester.run('require-performance-monitor (Python)', asEslintRule(rule), pythonCases({
  valid: [
    { code: 'from app.perf import performance_monitor\n\n@performance_monitor\nasync def place_order(order: Order) -> None:\n    ...', filename: SERVICE },
    { code: 'from app import perf\n\n@perf.performance_monitor("orders.place")\nasync def place_order(order: Order) -> None:\n    ...', filename: SERVICE },
    // Imported under another name: resolved through the import.
    { code: 'from app.perf import performance_monitor as pm\n\n@pm\nasync def place_order(order: Order) -> None:\n    ...', filename: SERVICE },
    { code: 'import perf\n\n@perf.monitor\nasync def place_order(order: Order) -> None:\n    ...', filename: SERVICE, options: [{ decorators: ['perf.monitor'] }] },
    // Not critical: private, synchronous, a dunder or property, a private class, outside the critical folders.
    { code: 'async def _helper() -> None: ...\ndef total(items: list[int]) -> int:\n    return sum(items)', filename: SERVICE },
    { code: 'class Orders:\n    async def __aenter__(self) -> "Orders": ...\n    @property\n    def size(self) -> int: ...\nclass _Cache:\n    async def load(self) -> None: ...', filename: SERVICE },
    { code: 'async def place_order(order: Order) -> None:\n    ...', filename: 'app/cli/orders.py' },
    // Test files under a critical folder are tests and fakes, not critical code (the default `paths` only).
    ...['tests/api/test_endpoints.py', 'app/api/test_orders.py', 'app/services/orders_test.py', 'app/api/conftest.py', 'app/services/tests/fakes.py', 'test/core/jobs.py'].map(
      (filename: string) => ({ code: 'async def fake_fetch(item_id: int) -> int:\n    await save(item_id)\n    return item_id', filename }),
    ),
    // Nested functions are not the module's surface.
    { code: 'from app.perf import performance_monitor\n\n@performance_monitor\nasync def run() -> None:\n    async def step() -> None: ...\n    await step()', filename: SERVICE },
    // Nothing of their own to time (python-trivial-functions.ts): empty bodies, checks only, factories.
    { code: 'async def place_order(order: Order) -> None:\n    ...\nasync def stub() -> None:\n    """Docstring only."""\n    pass', filename: SERVICE },
    { code: 'async def check(order: Order) -> None:\n    if order.total < 0:\n        raise ValueError(order)\n    elif not order.items:\n        assert False\n    else:\n        raise TypeError()', filename: SERVICE },
    {
      code: 'async def handler(config: Config) -> Handler:\n    limit = config.limit\n    async def handle(request: Request) -> Response:\n        return await send(request, limit)\n    return handle\nasync def lazy() -> Handler:\n    return lambda request: request',
      filename: SERVICE,
    },
  ],
  invalid: [
    {
      code: 'async def place_order(order: Order) -> None:\n    await order.save()',
      filename: SERVICE,
      errors: [{ message: MESSAGE('place_order'), line: 1, column: 11, endLine: 1, endColumn: 22 }],
    },
    {
      // `paths` the user sets are taken as given, test files included.
      code: 'async def fake_fetch(item_id: int) -> int:\n    await save(item_id)\n    return item_id',
      filename: 'tests/api/test_endpoints.py',
      options: [{ paths: ['**/api/**'] }],
      errors: [{ message: MESSAGE('fake_fetch'), line: 1, column: 11, endLine: 1, endColumn: 21 }],
    },
    {
      code: 'class OrderService:\n    async def cancel(self, order_id: int) -> None:\n        await self.db.delete(order_id)\n    def _audit(self) -> None: ...',
      filename: 'app/core/service.py',
      errors: [{ message: MESSAGE('cancel'), line: 2, column: 15 }],
    },
    {
      // @critical in a docstring makes any function critical, anywhere; a decorator that is not the monitor does not count.
      code: 'import functools\n\n@functools.lru_cache\ndef price(sku: str) -> int:\n    """Price of a SKU.\n\n    @critical\n    """\n    return 1',
      filename: 'tools/pricing.py',
      errors: [{ message: MESSAGE('price'), line: 4, column: 5 }],
    },
    {
      code: 'if FEATURE:\n    async def place_order(order: Order) -> None:\n        await order.save()',
      filename: SERVICE,
      options: [{ decorators: ['perf.monitor', 'performance_monitor'] }],
      errors: [{ message: MESSAGE('place_order', 'perf.monitor'), line: 2, column: 15 }],
    },
    {
      code: 'def total(items: list[int]) -> int:\n    return sum(items)',
      filename: SERVICE,
      options: [{ functions: 'exported' }],
      errors: [{ message: MESSAGE('total'), line: 1, column: 5 }],
    },
    {
      // A factory that awaits does work of its own; returning what the body did not build is work too.
      code: 'async def handler(config: Config) -> Handler:\n    limit = await config.load()\n    async def handle(request: Request) -> Response:\n        return await send(request, limit)\n    return handle\nasync def current() -> Handler:\n    return registry.handler',
      filename: SERVICE,
      errors: [{ message: MESSAGE('handler'), line: 1, column: 11 }, { message: MESSAGE('current'), line: 6, column: 11 }],
    },
  ],
}));
