import { pythonModuleName } from './python-event-loops.js';

/**
 * Where a Python project's tests control the wall clock: `time.time` patched (`mock.patch("pkg.mod.time.time",
 * side_effect=[100.0, 102.5])`, `mock.patch.object(mod.time, "time", …)`, `monkeypatch.setattr(time, "time",
 * …)`) or frozen (`freezegun`, `time_machine`). A duration of such a module rewritten to `time.perf_counter()`
 * no longer follows the patch, so the test that fixed it fails: `performance-now` leaves those modules alone.
 * Found from the text (no parse): a missed patch would change behaviour, a spurious one only leaves code as it is.
 */

/** One place that patches the wall clock, and the module whose `time` it patches. */
export interface PythonClockPatch {
  /** `tests/test_orders.py:12`: the file (relative to the root, `/`) and 1-based line. */
  readonly site: string;
  /** What is written there, shortened: `mock.patch("shop.orders.time.time")`, `import freezegun`. */
  readonly written: string;
  /**
   * The dotted module (or its last names: `orders` for `patch.object(orders.time, "time")`) whose `time`
   * is patched; null for `time` itself (every module reads it), freezing, or a target not known.
   */
  readonly module: string | null;
}

// A string naming `time.time` or a module's `time` / `time.time` (`"pkg.mod.time.time"`, `"pkg.mod.time"`).
const PATCHED_STRING = /(['"])((?:[A-Za-z_]\w*\.)*time\.time|(?:[A-Za-z_]\w*\.)+time)\1/gu;
// `patch.object(target, "time", …)` / `setattr(target, "time", …)` (monkeypatch's included).
const PATCHED_ATTRIBUTE = /\b(patch\.object|setattr)\s*\(\s*([A-Za-z_][\w.]*)\s*,\s*(['"])time\3/gu;
// Libraries that freeze or move every clock of the process.
const FREEZER = /^[ \t]*(?:from|import)[ \t]+(freezegun|time_machine)\b/gmu;

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * The clock patches in one file's text (`path` relative to the root).
 * @complexity O(length of the text).
 */
export function pythonClockPatches(projectPath: string, text: string): PythonClockPatch[] {
  const found: PythonClockPatch[] = [];
  if (!text.includes('time')) return found;
  for (const match of text.matchAll(PATCHED_STRING)) {
    const target = match[2] ?? '';
    // A string naming a module's attribute is a patch target only inside a call; `"time.time"` anywhere else is rare.
    const before = text.slice(Math.max(0, match.index - 200), match.index);
    if (!/\b(?:patch|setattr|patch\.object)\s*\(\s*$/u.test(before)) continue;
    const module = target === 'time.time' ? null : target.replace(/\.time(?:\.time)?$/u, '');
    found.push({ site: `${projectPath}:${lineAt(text, match.index)}`, written: `patch(${match[0]})`, module });
  }
  for (const match of text.matchAll(PATCHED_ATTRIBUTE)) {
    const target = match[2] ?? '';
    const module = target === 'time' || !target.endsWith('.time') ? null : target.slice(0, -'.time'.length);
    found.push({ site: `${projectPath}:${lineAt(text, match.index)}`, written: `${match[1] ?? ''}(${target}, "time")`, module });
  }
  for (const match of text.matchAll(FREEZER)) {
    found.push({ site: `${projectPath}:${lineAt(text, match.index)}`, written: `import ${match[1] ?? ''}`, module: null });
  }
  return found;
}

/**
 * The patches among `patches` that reach the module at `projectPath`: those of its own `time` (the module
 * named in full, or by its last names) and those of `time` itself, of freezing, or of a target not known.
 * @complexity O(patches).
 */
export function clockPatchesReaching(projectPath: string, patches: readonly PythonClockPatch[]): PythonClockPatch[] {
  const module = pythonModuleName(projectPath);
  return patches.filter((patch: PythonClockPatch): boolean => patch.module === null || module === patch.module || module.endsWith(`.${patch.module}`));
}
