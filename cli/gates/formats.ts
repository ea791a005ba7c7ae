import type { GateResult, Verdict } from '../../standards/quality-gates/gates.js';

/** Every format's input: the results in gate order and the exit code they make. */
export interface GatesOutcome {
  readonly results: readonly GateResult[];
  readonly exitCode: number;
}

const VERDICT_ORDER: readonly Verdict[] = ['failed', 'error', 'inconclusive', 'passed', 'no data', 'unavailable'];

/**
 * `1 failed, 2 passed, 4 no data`: the count of each verdict, worst first.
 * @complexity O(results).
 */
export function verdictCounts(results: readonly GateResult[]): string {
  return VERDICT_ORDER.map((verdict: Verdict): [Verdict, number] => [verdict, results.filter((result: GateResult): boolean => result.verdict === verdict).length])
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${count} ${verdict}`)
    .join(', ');
}

const COLUMNS = ['Gate', 'Threshold', 'Measured', 'Verdict', 'Source'] as const;
const cells = (result: GateResult): readonly string[] => [result.title, result.threshold || '—', result.measured || '—', result.verdict, result.source || '—'];
const notes = (result: GateResult): readonly string[] => [...(result.message === undefined ? [] : [result.message]), ...result.details];

/**
 * A table a person reads at a glance (gate, threshold, measured, verdict, source), each gate's message and
 * failing parts indented under its row, then the count of each verdict.
 * @complexity O(size of the output).
 */
export function formatStylish({ results }: GatesOutcome): string {
  const rows = results.map(cells);
  const widths = COLUMNS.map((column: string, index: number): number => Math.max(column.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (row: readonly string[]): string => row.map((cell: string, index: number): string => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
  const out = [line(COLUMNS)];
  results.forEach((result: GateResult, index: number): void => {
    out.push(line(rows[index] ?? []));
    for (const note of notes(result)) out.push(`    ${note}`);
  });
  out.push('', verdictCounts(results));
  return `${out.join('\n')}\n`;
}

/**
 * `{ exitCode, summary, gates }`: the results as data, for scripts.
 * @complexity O(size of the output).
 */
export function formatJson({ results, exitCode }: GatesOutcome): string {
  return `${JSON.stringify({ exitCode, summary: verdictCounts(results), gates: results }, null, 2)}\n`;
}

const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  passed: '✅ passed',
  failed: '❌ failed',
  error: '⛔ error',
  inconclusive: '⚠️ inconclusive',
  'no data': '➖ no data',
  unavailable: '➖ unavailable',
};

// Text shown as text: globs such as `**/api/**` and names such as `__init__.py` would otherwise turn into
// emphasis, `<url>` into an HTML tag GitHub drops. Code spans the messages already hold are kept as they are.
const inline = (text: string): string =>
  text
    .split(/(`[^`\n]*`)/u)
    .map((part: string, index: number): string => (index % 2 === 1 ? part : part.replaceAll(/[\\*_~]|<(?=[A-Za-z/!?])|&(?=[#A-Za-z0-9])/gu, '\\$&')))
    .join('');

// A table cell: no raw `|` (GitHub reads `\|` as `|` in a code span too) or line break, which would end the cell.
const cell = (text: string): string => inline(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

// A note as a list item; the lines after its first (a failing command's output) as a code block under it,
// fenced by more backticks than the output holds in a row.
function listItem(note: string): string {
  const [first = '', ...rest] = note.split('\n');
  if (rest.length === 0) return `- ${inline(first)}`;
  const fence = '`'.repeat(Math.max(3, ...(rest.join('\n').match(/`+/gu) ?? []).map((run: string): number => run.length + 1)));
  return [`- ${inline(first)}`, '', `  ${fence}text`, ...rest.map((line: string): string => (line === '' ? '' : `  ${line}`)), `  ${fence}`].join('\n');
}

/**
 * GitHub-flavoured Markdown for a CI job summary (`>> "$GITHUB_STEP_SUMMARY"`): a heading with the overall
 * verdict, the table, and a section per gate that has something to say.
 * @complexity O(size of the output).
 */
export function formatMarkdown({ results, exitCode }: GatesOutcome): string {
  const inconclusive = results.some((result: GateResult): boolean => result.verdict === 'inconclusive');
  const overall = exitCode === 2 ? 'error' : exitCode === 1 ? 'failed' : inconclusive ? 'inconclusive' : 'passed';
  const out = [
    `## Quality gates: ${overall}`,
    '',
    verdictCounts(results),
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map((): string => '---').join(' | ')} |`,
    ...results.map((result: GateResult): string => {
      const [title, threshold, measured, , source] = cells(result);
      const sourceCell = result.source === '' ? '—' : `\`${(source ?? '').replaceAll('|', '\\|')}\``;
      return `| ${cell(title ?? '')} | ${cell(threshold ?? '')} | ${cell(measured ?? '')} | ${VERDICT_MARKS[result.verdict]} | ${sourceCell} |`;
    }),
  ];
  for (const result of results) {
    const lines = notes(result);
    if (lines.length === 0) continue;
    out.push('', `### ${inline(result.title)}`, '', ...lines.map(listItem));
  }
  return `${out.join('\n')}\n`;
}
