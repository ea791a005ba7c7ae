import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MemoryGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import { formatBinarySize, parseSize } from '../../standards/quality-gates/size.js';
import { GateDataError, type GateContext } from './gate-context.js';
import { runShellCommand } from './shell-command.js';

const PROBE_URL = new URL('./memory-probe.js', import.meta.url).href;

/** One Node.js process of the command, as the probe recorded it. */
interface ProcessMemory {
  readonly pid: number;
  readonly argv: readonly string[];
  readonly beforeBytes: number;
  readonly afterBytes: number;
}

const label = (entry: ProcessMemory): string => `pid ${entry.pid} (${entry.argv.map((arg: string): string => path.basename(arg)).join(' ') || 'node'})`;

/**
 * The memory gate: runs `command` (through the shell, in the root) with a probe preloaded into every
 * Node.js process it starts (NODE_OPTIONS=--import), which reads the heap after a forced GC at the
 * process's start and exit; the largest increase among them is judged against the threshold. A command
 * that fails, or starts no Node.js process, is exit 2: there is no measurement to judge.
 * @performance the command's own run, plus two full GCs per Node.js process.
 */
export async function memoryGate(config: MemoryGateConfig, context: GateContext): Promise<GateResult> {
  const limit = parseSize(config.threshold ?? DEFAULT_THRESHOLDS.memoryIncreaseBytes) ?? DEFAULT_THRESHOLDS.memoryIncreaseBytes;
  const threshold = `≤ ${formatBinarySize(limit)} heap`;
  if (config.command === undefined) {
    return { gate: 'memory', title: GATE_TITLES.memory, verdict: context.explicit ? 'error' : 'no data', threshold, measured: '', source: '', details: [], message: 'no command to measure; set gates.memory.command (such as "node scripts/load.js")' };
  }
  const folder = await mkdtemp(path.join(tmpdir(), 'perf-standards-memory-'));
  try {
    const file = path.join(folder, 'memory.jsonl');
    const nodeOptions = [process.env['NODE_OPTIONS'] ?? '', `--import=${PROBE_URL}`].join(' ').trim();
    const { code, output } = await runShellCommand(config.command, context.root, { ...process.env, NODE_OPTIONS: nodeOptions, PERF_STANDARDS_MEMORY_FILE: file });
    if (code !== 0) throw new GateDataError(`the command \`${config.command}\` exited with ${code ?? 'a signal'}; its output ends:\n${output.trimEnd()}`);
    const lines = (await readFile(file, 'utf8').catch((): string => '')).split('\n').filter((line: string): boolean => line !== '');
    if (lines.length === 0) throw new GateDataError(`the command \`${config.command}\` started no Node.js process to measure`);
    const entries = lines.map((line: string): ProcessMemory => JSON.parse(line) as ProcessMemory);
    const increase = (entry: ProcessMemory): number => entry.afterBytes - entry.beforeBytes;
    const worst = entries.reduce((a: ProcessMemory, b: ProcessMemory): ProcessMemory => (increase(b) > increase(a) ? b : a));
    const passed = increase(worst) <= limit;
    return {
      gate: 'memory',
      title: GATE_TITLES.memory,
      verdict: passed ? 'passed' : 'failed',
      threshold,
      measured: `${formatBinarySize(increase(worst))}${entries.length > 1 ? ` (largest of ${entries.length} processes)` : ''}`,
      value: increase(worst),
      source: config.command,
      details: passed
        ? []
        : entries
            .filter((entry: ProcessMemory): boolean => increase(entry) > limit)
            .map((entry: ProcessMemory): string => `${label(entry)}: heap ${formatBinarySize(entry.beforeBytes)} → ${formatBinarySize(entry.afterBytes)} after GC (+${formatBinarySize(increase(entry))})`),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
