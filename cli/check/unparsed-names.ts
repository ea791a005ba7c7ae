import path from 'node:path';
import { Linter, type ESLint } from 'eslint';
import plugin, { PLUGIN_NAMESPACE } from '../../index.js';

// The rules that judge a file by its name (they declare every language): they need no parse.
const NAME_RULES: ReadonlySet<string> = new Set(
  Object.entries(plugin.rules)
    .filter(([, rule]) => (rule.meta as { languages?: readonly string[] } | undefined)?.languages?.includes('*') === true)
    .map(([id]): string => `${PLUGIN_NAMESPACE}/${id}`),
);

type RulesRecord = Readonly<Record<string, Linter.RuleEntry>>;

function nameRulesOf(config: unknown): Linter.RulesRecord {
  const rules = (config as { rules?: RulesRecord } | undefined)?.rules ?? {};
  const chosen: Linter.RulesRecord = {};
  for (const [id, entry] of Object.entries(rules)) if (NAME_RULES.has(id)) chosen[id] = entry;
  return chosen;
}

// `**/*` alone matches nothing in flat config (it only extends other matches): the block names the file.
const globEscape = (name: string): string => name.replace(/[*?[\]{}()!+@\\]/gu, '\\$&');

const isParseFailure = (result: ESLint.LintResult): boolean =>
  result.fatalErrorCount > 0 && result.messages.some((message: Linter.LintMessage): boolean => message.fatal === true && message.ruleId === null);

function withMessages(result: ESLint.LintResult, added: readonly Linter.LintMessage[]): ESLint.LintResult {
  if (added.length === 0) return result;
  const errors = added.filter((message: Linter.LintMessage): boolean => message.severity === 2).length;
  return {
    ...result,
    messages: [...result.messages, ...added],
    errorCount: result.errorCount + errors,
    warningCount: result.warningCount + added.length - errors,
  };
}

/**
 * ESLint runs no rule on a file it cannot parse, so `src/temp_x.ts` with a syntax error would escape
 * `no-one-off-scripts`. A name needs no parse: for each result with a fatal parse error, this runs the
 * file-name rules the file's config enables (with its options) through the plugin's name-only file
 * language and adds their messages after the parse error. Other results are returned as they are.
 * @performance one `calculateConfigForFile` and one name-only verify per unparsable file; nothing for
 * the others.
 */
export async function withNamesOfUnparsedFiles(
  results: readonly ESLint.LintResult[],
  eslint: Pick<ESLint, 'calculateConfigForFile'>,
  cwd: string,
): Promise<ESLint.LintResult[]> {
  if (!results.some(isParseFailure)) return [...results];
  const linter = new Linter({ cwd });
  return Promise.all(
    results.map(async (result: ESLint.LintResult): Promise<ESLint.LintResult> => {
      if (!isParseFailure(result)) return result;
      const rules = nameRulesOf(await eslint.calculateConfigForFile(result.filePath));
      if (Object.keys(rules).length === 0) return result;
      const config: Linter.Config[] = [
        { files: [`**/${globEscape(path.basename(result.filePath))}`], plugins: { [PLUGIN_NAMESPACE]: plugin }, language: `${PLUGIN_NAMESPACE}/file`, rules },
      ];
      return withMessages(result, linter.verify(result.source ?? '', config, result.filePath));
    }),
  );
}
