// Interleaved rounds for the CPU benchmarks (docs/performance_benchmarks.md): every variant runs once per round,
// the order rotating each round, so a drift in the shared machine's load falls on every variant alike.
import os from 'node:os';

/**
 * The median of a list of numbers (the mean of the middle two for an even count).
 * @complexity O(n log n) for n numbers.
 */
export function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `measure(name)` for each name once per round, rotating the order, and writes each round's CPU seconds
 * (`result.cpu`) to stderr.
 * @returns {{ results: Record<string, object[]>, loads: number[] }} each name's results in round order, and the
 *   1-minute load average at each round's start.
 * @performance rounds × names calls of `measure`, in sequence.
 */
export function interleavedRounds(names, rounds, measure) {
  const results = Object.fromEntries(names.map((name) => [name, []]));
  const loads = [];
  for (let round = 0; round < rounds; round += 1) {
    loads.push(os.loadavg()[0]);
    for (let index = 0; index < names.length; index += 1) {
      const name = names[(index + round) % names.length];
      results[name].push(measure(name));
    }
    process.stderr.write(`round ${round + 1}/${rounds}: ${names.map((name) => `${name} ${results[name].at(-1).cpu.toFixed(2)} s`).join(', ')}; load ${os.loadavg()[0].toFixed(1)}\n`);
  }
  return { results, loads };
}
