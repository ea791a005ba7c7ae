import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';

// fixtures/python-workspace: a Python project (pyproject.toml: Python 3.11+) that breaks each Python standard
// once, beside code that keeps it. `perf-standards check` with the recommended config reports exactly these.
const fixture = path.join(REPO_ROOT, 'fixtures', 'python-workspace');

interface JsonResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly line: number; readonly column: number; readonly message: string }[];
}

describe('perf-standards check on fixtures/python-workspace', () => {
  it('reports each Python standard exactly where the fixture breaks it', async () => {
    const { code, stdout } = await runNode([CLI_BIN, 'check', fixture, '--format', 'json'], REPO_ROOT);
    expect(code).toBe(1);
    const reports = (JSON.parse(stdout) as JsonResult[])
      .flatMap((result) =>
        result.messages.map((message) => `${path.relative(fixture, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId}`),
      )
      .sort();
    expect(reports).toEqual([
      'app/models/order.py:5:1 perf-standards/prefer-readonly-data-shapes',
      'app/models/order.py:8:1 perf-standards/prefer-readonly-data-shapes',
      'app/models/order.py:8:1 perf-standards/require-dataclass-slots',
      'app/services/orders.py:19:25 perf-standards/prefer-concurrent-await',
      'app/services/orders.py:23:1 perf-standards/require-explicit-types',
      'app/services/orders.py:23:11 perf-standards/require-performance-monitor',
      'app/services/orders.py:28:15 perf-standards/prefer-performance-now',
      'app/services/orders.py:39:5 perf-standards/no-busy-wait',
      'app/services/orders.py:40:9 perf-standards/no-busy-wait',
      'app/services/orders.py:43:25 perf-standards/require-explicit-types',
      'app/services/orders.py:43:5 perf-standards/require-performance-docs',
    ]);
  });
});
