import type { Counts } from './coverage-report.js';

/**
 * Python type coverage: the share of parameters and returns that are annotated (`self` and `cls` excepted),
 * counted over a project's .py files. The seam for the Python language: the gate calls this when it is
 * set, and says `unavailable` (never 100%) while it is `null`. Whoever adds the Python language sets it to a
 * function that parses the project's files with it and returns the counts, with the files counted.
 */
export type PythonTypeCounter = (root: string) => Promise<{ readonly counts: Counts; readonly files: number }>;

/** `null` until the plugin has a Python language to count with. */
export const countPythonTypeCoverage: PythonTypeCounter | null = null;

/** Why the Python count is missing, as the gate says it. */
export const PYTHON_TYPE_COVERAGE_UNAVAILABLE =
  "Python type coverage (annotated parameters and returns) is counted with the plugin's Python language, which this version does not have yet";
