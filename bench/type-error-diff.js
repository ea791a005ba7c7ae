// Type errors of a project before and after a codemod, for the benches that check a codemod adds none.
import { spawnSync } from 'node:child_process';

/**
 * `file TSnnnn` per type error of `tsc --noEmit -p dir`, sorted: positions move when a line gains an edit,
 * file and code do not.
 * @performance one `tsc --noEmit` process.
 */
export function typeErrors(tsc, dir) {
  const { stdout } = spawnSync(process.execPath, [tsc, '--noEmit', '-p', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return (stdout.match(/^\S+?\(\d+,\d+\): error TS\d+/gm) ?? []).map((line) => line.replace(/\(\d+,\d+\)/, '')).sort();
}

/**
 * Errors in `after` beyond those in `before` (a multiset difference).
 * @complexity O(before + after).
 */
export function newErrors(before, after) {
  const left = new Map();
  for (const error of before) left.set(error, (left.get(error) ?? 0) + 1);
  return after.filter((error) => {
    const count = left.get(error) ?? 0;
    left.set(error, count - 1);
    return count <= 0;
  });
}
