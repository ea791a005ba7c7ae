import type { ESLint } from 'eslint';
import { CODEMOD_DECLARATIONS, type CodemodDeclaration } from '../../codemods/runner/declarations.js';
import { codemodForRule, loadCodemods } from '../../codemods/runner/registry.js';
import type { Codemod, CodemodOptions } from '../../codemods/runner/contract.js';
import { runProjectOptions, type CodemodConfigurationError } from '../../codemods/runner/preflight.js';
import { DEFAULT_OPTIONS, eslintOptionsSource, type OptionsSource } from '../../codemods/runner/rule-options.js';
import { withBasePaths } from '../fix/run-fix.js';

/**
 * Of the codemods `check` recommends, those that would refuse this project as it is configured (their
 * `projectOptions` throws CodemodConfigurationError: `wrap-performance-monitor` importing a monitor production
 * code cannot load), each with the reason and what to set, so the hint never sends the user to a command that
 * stops with exit 2. Asked over the files whose reports the codemod fixes, with the options `fix` would read;
 * the linted files stand for the project's.
 * @performance loads only the recommended codemods declared `mayRefuseProject`; what their hook reads
 * (package.json files once per folder; in memory, the files whose import would be a problem).
 */
export async function codemodsThatCannotRun(results: readonly ESLint.LintResult[], root: string, eslint: ESLint, configFile: string | null): Promise<ReadonlyMap<string, string>> {
  const filesByCodemod = new Map<string, Set<string>>();
  for (const result of results) {
    for (const message of result.messages) {
      const codemod = message.ruleId === null ? null : codemodForRule(message.ruleId, message.messageId, result.filePath, message.fix !== undefined);
      if (codemod === null) continue;
      const files = filesByCodemod.get(codemod) ?? new Set<string>();
      files.add(result.filePath);
      filesByCodemod.set(codemod, files);
    }
  }
  const reasons = new Map<string, string>();
  // Only codemods declared to refuse some projects are loaded (a codemod's module loads its toolchain).
  const asked = CODEMOD_DECLARATIONS.filter((declaration: CodemodDeclaration): boolean => declaration.mayRefuseProject === true && filesByCodemod.has(declaration.name));
  if (asked.length === 0) return reasons;
  const codemods = (await loadCodemods(asked.map((declaration: CodemodDeclaration): string => declaration.name))).filter(
    (codemod: Codemod): boolean => codemod.kind === 'file' && codemod.projectOptions !== undefined,
  );
  if (codemods.length === 0) return reasons;
  const source: OptionsSource = configFile === null ? DEFAULT_OPTIONS : eslintOptionsSource(eslint);
  const linted = results.map((result: ESLint.LintResult): string => result.filePath);
  for (const codemod of codemods) {
    const files = [...(filesByCodemod.get(codemod.name) ?? [])];
    const optionsOf = async (): Promise<(file: string) => CodemodOptions> => withBasePaths(await source.prepare(codemod.rule, files), root, configFile);
    await runProjectOptions(root, [codemod], files, optionsOf, linted, undefined, (_codemod: Codemod, error: CodemodConfigurationError): void => {
      reasons.set(codemod.name, error.reason);
    }).catch((): void => {
      // What `fix` would stop on for another reason (a package.json it cannot read, a file it cannot read) is
      // `fix`'s to report, with its own message; the check's report and the plain hint stand.
    });
  }
  return reasons;
}
