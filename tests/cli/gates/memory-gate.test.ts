import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode } from '../../run-node.js';
import { writeGatesConfig } from './gates-harness.js';

// Real Node.js processes run by the gate, measured by its probe (heap after a forced GC at start and exit).
// The built command runs them (`npm test` builds first): the probe is preloaded from dist/, as users get it.
const project = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-memory-'));
cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', 'memory'), project, { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));

interface JsonGate {
  readonly verdict: string;
  readonly threshold: string;
  readonly measured: string;
  readonly value: number;
  readonly source: string;
  readonly details: readonly string[];
}

async function memoryGate(config: unknown): Promise<{ readonly code: number; readonly stderr: string; readonly gate: JsonGate | undefined }> {
  writeGatesConfig(project, { gates: { memory: config } });
  const run = await runNode([CLI_BIN, 'gates', '--only', 'memory', '--format', 'json'], project);
  return { code: run.code, stderr: run.stderr, gate: (JSON.parse(run.stdout) as { gates: JsonGate[] }).gates[0] };
}

describe('memory gate', () => {
  it('a process that keeps 16 MB reachable fails the 10 MiB default, named with its heap before and after', async () => {
    const { code, gate } = await memoryGate({ command: 'node leak.mjs' });
    expect(code).toBe(1);
    expect(gate?.verdict).toBe('failed');
    expect(gate?.threshold).toBe('≤ 10.00 MiB heap');
    // 2,000,000 doubles: 16,000,000 bytes of elements (other heap may shrink a little meanwhile).
    expect(gate?.value).toBeGreaterThan(15_500_000);
    expect(gate?.value).toBeLessThan(16_800_000);
    expect(gate?.details).toHaveLength(1);
    expect(gate?.details[0]).toMatch(/^pid \d+ \(leak\.mjs\): heap \d+\.\d\d MiB → \d+\.\d\d MiB after GC \(\+15\.\d\d MiB\)$/u);
  });

  it('the same allocations let go pass; every Node.js process of a shell command is measured', async () => {
    const { code, gate } = await memoryGate({ command: 'node steady.mjs && node steady.mjs', threshold: '1 MiB' });
    expect(code).toBe(0);
    expect(gate?.verdict).toBe('passed');
    expect(gate?.measured).toMatch(/^-?\d+(\.\d\d KiB| B) \(largest of 2 processes\)$/u);
    expect(gate?.source).toBe('node steady.mjs && node steady.mjs');
  });

  it('a command that fails: exit 2 with the end of its output; no command configured: exit 2 when asked for', async () => {
    const failed = await memoryGate({ command: 'node fails.mjs' });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('perf-standards gates: Memory increase: the command `node fails.mjs` exited with 3; its output ends:\nthe load script could not reach the service\n');
    const none = await memoryGate({});
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('perf-standards gates: Memory increase: no command to measure; set gates.memory.command (such as "node scripts/load.js")\n');
  });
});
