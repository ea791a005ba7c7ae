// A log-linear histogram of durations, HdrHistogram's layout read off a double's bits: a bucket is the exponent
// plus the top SUB_BITS bits of the mantissa, so each power of two is cut into 32 equal buckets. Finding the
// bucket costs one typed-array store and one load, no logarithm.

/** 2^5 = 32 buckets per power of two: a bucket is at most 1/32 of its lower bound wide. */
const SUB_BITS = 5;
const SUB_MASK = (1 << SUB_BITS) - 1;
/** The lowest power of two with its own buckets: 2^-13 ms ≈ 122 ns; anything shorter lands in bucket 0. */
const MIN_EXPONENT = -13;
/** Powers of two covered: 2^-13 ms up to 2^27 ms ≈ 37 hours; anything longer lands in one overflow bucket. */
const OCTAVES = 40;
/** 1280 buckets plus the overflow one, counts of 8 bytes: 10,248 bytes per name, whatever the number of calls. */
const BUCKETS = OCTAVES << SUB_BITS;
const BIAS = (1023 + MIN_EXPONENT) << SUB_BITS;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// The word that holds a double's sign, exponent and top mantissa bits: the second one on little-endian machines.
scratch[0] = 1;
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;

/**
 * Call count, error count, total, min, max and a fixed log-linear histogram of one name's durations (ms).
 * Memory is fixed: 1281 buckets of 8 bytes. Percentiles come from the histogram, within 1/64 (1.6%) of the
 * true value for durations from 2^-13 ms (122 ns) to 2^27 ms (37 h); within 2^-13 ms below that; a percentile
 * that falls among longer durations reads as the maximum.
 * @complexity O(1) per recorded duration; O(buckets) = O(1281) per percentile read.
 */
export class DurationHistogram {
  count = 0;
  errors = 0;
  totalMs = 0;
  minMs = Infinity;
  maxMs = 0;
  // A true private field: `{ ...histogram }` copies the five figures above and not the counts.
  readonly #buckets: Float64Array = new Float64Array(BUCKETS + 1);

  /**
   * Adds one duration in milliseconds (≥ 0); `ok: false` counts it as an error too.
   * @complexity O(1), no allocation.
   */
  add(durationMs: number, ok: boolean): void {
    this.count++;
    if (!ok) this.errors++;
    this.totalMs += durationMs;
    if (durationMs < this.minMs) this.minMs = durationMs;
    if (durationMs > this.maxMs) this.maxMs = durationMs;
    scratch[0] = durationMs;
    // Zero and anything below 2^-13 give a negative index; 2^27 and more (or a NaN) BUCKETS or more.
    const index = ((words[HIGH] as number) >>> (20 - SUB_BITS)) - BIAS;
    (this.#buckets[index < 0 ? 0 : index < BUCKETS ? index : BUCKETS] as number)++;
  }

  /**
   * Nearest-rank percentiles for `fractions` (each in (0, 1], ascending): for each, the middle of the bucket
   * holding the ⌈fraction × count⌉-th smallest duration, clamped to [min, max]; the maximum for the overflow
   * bucket. Meant for after the first `add`.
   * @complexity O(buckets + fractions): at most 1281 steps.
   */
  percentiles(fractions: readonly number[]): number[] {
    const results: number[] = fractions.map((): number => NaN);
    let seen = 0;
    let next = 0;
    for (let index = 0; index <= BUCKETS && next < fractions.length; index++) {
      seen += this.#buckets[index] as number;
      // The rank ⌈fraction × count⌉ is at least 1 for any fraction above 0.
      while (next < fractions.length && seen >= Math.ceil((fractions[next] as number) * this.count)) {
        const middle =
          index === BUCKETS ? Infinity : 2 ** ((index >> SUB_BITS) + MIN_EXPONENT) * (1 + ((index & SUB_MASK) + 0.5) / (SUB_MASK + 1));
        results[next++] = Math.min(this.maxMs, Math.max(this.minMs, middle));
      }
    }
    return results;
  }
}
