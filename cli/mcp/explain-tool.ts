import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { codemodForRule } from '../../codemods/runner/registry.js';
import { REPOSITORY_URL } from '../../rules/utils/create-rule.js';
import { UsageError } from '../command.js';
import type { ToolAnswer } from './tool-answer.js';

// The package ships docs/rules and docs/codemods beside dist/ (see "files" in package.json).
const PACKAGE_ROOT = new URL('../../../', import.meta.url);
const RULE_DOCS = new URL('docs/rules/', PACKAGE_ROOT);
const CODEMOD_DOCS = new URL('docs/codemods/', PACKAGE_ROOT);
const PREFIX = 'perf-standards/';

async function names(folder: URL): Promise<readonly string[]> {
  const entries = await readdir(fileURLToPath(folder));
  return entries.filter((entry: string): boolean => entry.endsWith('.md')).map((entry: string): string => entry.slice(0, -3)).sort();
}

/**
 * The `explain` tool: a rule's documentation (with or without the `perf-standards/` prefix), and the
 * documentation of the codemod that fixes it; a codemod's name gives that codemod's page. An unknown name
 * is a UsageError listing the rules.
 * @performance two directory reads and at most two file reads; no ESLint, no TypeScript.
 */
export async function explainTool(rule: string): Promise<ToolAnswer> {
  const id = rule.startsWith(PREFIX) ? rule.slice(PREFIX.length) : rule;
  const [rules, codemods] = await Promise.all([names(RULE_DOCS), names(CODEMOD_DOCS)]);
  if (rules.includes(id)) {
    const codemod = codemodForRule(id);
    const [documentation, codemodDocumentation] = await Promise.all([
      readFile(fileURLToPath(new URL(`${id}.md`, RULE_DOCS)), 'utf8'),
      codemod === null || !codemods.includes(codemod) ? null : readFile(fileURLToPath(new URL(`${codemod}.md`, CODEMOD_DOCS)), 'utf8'),
    ]);
    const text = codemod === null ? documentation : `${documentation}\n\n---\n\nFixed in bulk by the codemod \`${codemod}\` (fix tool):\n\n${codemodDocumentation ?? ''}`;
    return {
      text,
      structured: {
        rule: `${PREFIX}${id}`,
        url: `${REPOSITORY_URL}/blob/main/docs/rules/${id}.md`,
        documentation,
        codemod,
        codemodDocumentation,
      },
    };
  }
  if (codemods.includes(id)) {
    const documentation = await readFile(fileURLToPath(new URL(`${id}.md`, CODEMOD_DOCS)), 'utf8');
    return { text: documentation, structured: { rule: null, url: `${REPOSITORY_URL}/blob/main/docs/codemods/${id}.md`, documentation, codemod: id, codemodDocumentation: documentation } };
  }
  throw new UsageError(`explain: unknown rule "${rule}"; the rules are ${rules.map((name: string): string => `${PREFIX}${name}`).join(', ')} (codemods: ${codemods.join(', ')})`);
}
