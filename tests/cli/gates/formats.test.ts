import { describe, expect, it } from 'vitest';
import { formatMarkdown, formatStylish } from '../../../cli/gates/formats.js';
import type { GateResult } from '../../../standards/quality-gates/gates.js';

const budgets: GateResult = {
  gate: 'budgets',
  title: 'Performance budgets',
  verdict: 'failed',
  threshold: '**/api/** p95 ≤ 100 ms',
  measured: '1 metric checked, 1 over budget',
  source: 'perf_stats|2.json',
  details: ['src/__init__/api/orders: p95 130 ms > 100 ms (**/api/**, 100 calls)', 'see `**/api/**` and <https://example.com> & &amp;'],
};

const failedCommand: GateResult = {
  gate: 'regression',
  title: 'Performance regression',
  verdict: 'error',
  threshold: '',
  measured: '',
  source: '',
  details: [],
  message: 'the benchmark command `npm run bench` failed on the baseline tree (exit 1); its output ends:\nError: ``` not found\n\n  at <anonymous>',
};

describe('gates output formats', () => {
  it('markdown: text that would turn into emphasis or HTML is escaped, code spans kept, a command output is a code block under its item', () => {
    expect(formatMarkdown({ results: [budgets, failedCommand], exitCode: 2 })).toBe(
      [
        '## Quality gates: error',
        '',
        '1 failed, 1 error',
        '',
        '| Gate | Threshold | Measured | Verdict | Source |',
        '| --- | --- | --- | --- | --- |',
        '| Performance budgets | \\*\\*/api/\\*\\* p95 ≤ 100 ms | 1 metric checked, 1 over budget | ❌ failed | `perf_stats\\|2.json` |',
        '| Performance regression | — | — | ⛔ error | — |',
        '',
        '### Performance budgets',
        '',
        '- src/\\_\\_init\\_\\_/api/orders: p95 130 ms > 100 ms (\\*\\*/api/\\*\\*, 100 calls)',
        '- see `**/api/**` and \\<https://example.com> & \\&amp;',
        '',
        '### Performance regression',
        '',
        '- the benchmark command `npm run bench` failed on the baseline tree (exit 1); its output ends:',
        '',
        '  ````text',
        '  Error: ``` not found',
        '',
        '    at <anonymous>',
        '  ````',
        '',
      ].join('\n'),
    );
  });

  it('stylish: a gate without a threshold (an error before it was read) shows a dash, as for the other empty cells', () => {
    expect(formatStylish({ results: [failedCommand], exitCode: 2 }).split('\n').slice(0, 2)).toEqual([
      'Gate                    Threshold  Measured  Verdict  Source',
      'Performance regression  —          —         error    —',
    ]);
  });
});
