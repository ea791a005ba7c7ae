/**
 * A process's CPU time and resident memory, all threads included, read from /proc (Linux only): what the
 * MCP cancellation tests measure the server by.
 */
import fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds of a process, all threads included.
 * @performance one read of /proc/<pid>/stat.
 */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: state is field 3 of stat, utime 14 and stime 15.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Resident memory of a process, in MB.
 * @performance one read of /proc/<pid>/status.
 */
export function residentMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:')) ?? '';
  return Number(/\d+/u.exec(line)?.[0] ?? Number.NaN) / 1024;
}

/**
 * Resolves after `ms` milliseconds.
 * @performance one timer.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * CPU seconds the process spends over `ms` of wall time.
 * @performance two reads of /proc/<pid>/stat, `ms` apart.
 */
export async function cpuOver(pid: number, ms: number): Promise<number> {
  const before = cpuSeconds(pid);
  await sleep(ms);
  return cpuSeconds(pid) - before;
}
