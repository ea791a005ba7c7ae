/** Byte sizes as people write them in configuration, and as reports print them. */

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/**
 * `"250 kB"` → 250000; a number is already bytes. Decimal units (kB, MB) are powers of 1,000 and binary
 * ones (KiB, MiB) of 1,024, as size-limit and the bytes package read them; `KB` is read as `kB`.
 * Returns `undefined` for text that is not a size.
 * @complexity O(length of the text).
 */
export function parseSize(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/iu.exec(value);
  if (match === null) return undefined;
  const unit = UNITS[(match[2] ?? '').toLowerCase() || 'b'];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

/**
 * 251234 → `"251.23 kB"`: decimal units with two decimals, as size-limit prints sizes.
 * @complexity O(1).
 */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1000 ** 2) return `${(bytes / 1000).toFixed(2)} kB`;
  if (bytes < 1000 ** 3) return `${(bytes / 1000 ** 2).toFixed(2)} MB`;
  return `${(bytes / 1000 ** 3).toFixed(2)} GB`;
}

/**
 * 12582912 → `"12.00 MiB"`: binary units with two decimals, for memory (the standards state 10MB as
 * 10 × 1,024 × 1,024 bytes).
 * @complexity O(1).
 */
export function formatBinarySize(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size < 1024) return `${sign}${size} B`;
  if (size < 1024 ** 2) return `${sign}${(size / 1024).toFixed(2)} KiB`;
  if (size < 1024 ** 3) return `${sign}${(size / 1024 ** 2).toFixed(2)} MiB`;
  return `${sign}${(size / 1024 ** 3).toFixed(2)} GiB`;
}
