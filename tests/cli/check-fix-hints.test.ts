import type { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { summaryLines, tallyRules } from '../../cli/check/rule-summary.js';

// A prefer-performance-now report as ESLint gives it: with an autofix, or with only a suggestion.
function report(line: number, autofix: boolean): Linter.LintMessage {
  const edit = { range: [0, 1] as [number, number], text: 'time.perf_counter()' };
  return {
    ruleId: 'perf-standards/prefer-performance-now',
    messageId: 'preferPerfCounter',
    message: 'Measure this duration with `time.perf_counter()` at both ends instead of `time.time()`, which jumps when the system clock is adjusted.',
    line,
    column: 9,
    severity: 2,
    ...(autofix ? { fix: edit } : { suggestions: [{ messageId: 'usePerfCounter', desc: 'Read both ends of the duration with `time.perf_counter()`.', fix: edit }] }),
  };
}

const resultOf = (filePath: string, messages: Linter.LintMessage[]): ESLint.LintResult => ({ filePath, messages }) as unknown as ESLint.LintResult;

describe('check: "Fix automatically" offers performance-now only for reports it fixes', () => {
  it('reports with only a suggestion: no codemod offered', () => {
    const tallies = tallyRules([resultOf('/p/tests/test_socketutils.py', [report(295, false), report(302, false)])]);
    expect(summaryLines(tallies, ['tests/test_socketutils.py'])).toEqual(['perf-standards/prefer-performance-now: 1 file']);
  });

  it('one report with an autofix among them: offered', () => {
    const tallies = tallyRules([resultOf('/p/tests/test_socketutils.py', [report(295, false)]), resultOf('/p/app/timing.py', [report(3, true)])]);
    expect(summaryLines(tallies, ['.'])).toEqual([
      'perf-standards/prefer-performance-now: 2 files',
      '',
      'Fix automatically:',
      '  perf-standards fix performance-now .  # perf-standards/prefer-performance-now',
    ]);
  });
});
