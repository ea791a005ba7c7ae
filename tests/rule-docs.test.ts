import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JSONSchema4, JSONSchema4ObjectSchema } from '@typescript-eslint/utils/json-schema';
import { rules, PLUGIN_NAMESPACE, type RuleId } from '../index.js';
import { GENERIC_STEMS } from '../standards/file-names/generic-filenames.js';
import { ONE_OFF_PREFIXES, ONE_OFF_STEMS } from '../standards/file-names/one-off-scripts.js';
import { DEFAULT_MIN_WORDS, REQUIRED_DOCS } from '../standards/docs/required-docs.js';
import { DOC_EXTENSIONS, TRIVIAL_DOC_NAMES } from '../standards/docs/trivial-docs.js';

// Docs never drift from the rules: the generated parts are checked with eslint-doc-generator (which reads
// the built plugin, dist/, so `npm test` builds first) and the hand-written parts against each rule's meta.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(repoRoot, 'docs', 'rules');

/**
 * The file-name rules' pages share one layout (each option with its schema description, type and default;
 * Configuration; Fixing it) and state the default lists of standards/, the single source of them.
 */
const FILE_NAME_RULE_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  'no-one-off-scripts': [...ONE_OFF_PREFIXES, ...ONE_OFF_STEMS],
  'no-generic-filenames': GENERIC_STEMS,
  'no-trivial-docs': [...TRIVIAL_DOC_NAMES, ...DOC_EXTENSIONS],
  'require-docs': [...Object.keys(REQUIRED_DOCS), String(DEFAULT_MIN_WORDS)],
};

const ruleIds = Object.keys(rules) as RuleId[];

/** The text under a heading (any level) up to the next heading of the same or a higher level. */
function section(markdown: string, title: string): string {
  const heading = new RegExp(`^(#{2,4}) ${title.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}$`, 'mu').exec(markdown);
  if (heading === null) return '';
  const rest = markdown.slice(heading.index + heading[0].length);
  const end = new RegExp(`^#{2,${heading[1]?.length ?? 2}} `, 'mu').exec(rest);
  return rest.slice(0, end === null ? undefined : end.index);
}

/** A message template as a pattern: fixed text verbatim, each `{{placeholder}}` any text on one line. */
function messagePattern(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/u).map((part) => part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  return new RegExp(`^${parts.join('[^\\n]+?')}$`, 'mu');
}

function schemaProperties(schema: unknown): [string, JSONSchema4][] {
  const entries = Array.isArray(schema) ? (schema as JSONSchema4ObjectSchema[]) : [];
  return entries.flatMap((entry) => Object.entries(entry.properties ?? {}));
}

describe('rule docs', () => {
  it('eslint-doc-generator --check finds the README rules list and the rule doc headers up to date', () => {
    const run = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'eslint-doc-generator'), ['--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.error).toBeUndefined();
    expect(`${run.stdout}${run.stderr}`.replace(/^npm warn .*\n/gmu, '')).toBe('');
    expect(run.status).toBe(0);
  });

  it('has one doc per rule and no doc without a rule', () => {
    const docs = readdirSync(docsDir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -'.md'.length))
      .sort();
    expect(docs).toEqual([...ruleIds].sort());
  });

  describe.each(ruleIds)('%s', (id) => {
    const rule = rules[id];
    const file = path.join(docsDir, `${id}.md`);
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const properties = schemaProperties(rule.meta.schema);

    it('is titled with the rule id and linked from meta.docs.url', () => {
      expect(doc.split('\n')[0]).toBe(`# ${PLUGIN_NAMESPACE}/${id}`);
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`, 'u'));
    });

    it('has ❌ Incorrect and ✅ Correct examples, Options and When Not To Use It', () => {
      expect(section(doc, '❌ Incorrect')).toMatch(/```\w*\n[\s\S]+?\n```/u);
      expect(section(doc, '✅ Correct')).toMatch(/```\w*\n[\s\S]+?\n```/u);
      if (properties.length > 0) expect(section(doc, 'Options')).not.toBe('');
      expect(section(doc, 'When Not To Use It').trim()).not.toBe('');
    });

    it('names every option in its Options section', () => {
      const options = section(doc, 'Options');
      for (const [name] of properties) expect(options, `${id}: option ${name}`).toContain(`\`${name}\``);
    });

    it('shows every message the rule can report, word for word', () => {
      for (const [messageId, template] of Object.entries(rule.meta.messages)) {
        expect(doc, `${id}: message ${messageId} has no example`).toMatch(messagePattern(template));
      }
    });

    it('names the codemods its messages point to', () => {
      const commands = new Set(
        Object.values(rule.meta.messages).flatMap((template) => template.match(/perf-standards fix [\w-]+/gu) ?? []),
      );
      for (const command of commands) expect(doc).toContain(command);
    });
  });

  describe.each(Object.keys(FILE_NAME_RULE_DEFAULTS) as RuleId[])('%s (file-name rule layout)', (id) => {
    const rule = rules[id];
    const file = path.join(docsDir, `${id}.md`);
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const properties = schemaProperties(rule.meta.schema);

    it('has its sections in order', () => {
      const headings = doc.match(/^#{2,3} .+$/gmu) ?? [];
      const expected = ['## Examples', '### ❌ Incorrect', '### ✅ Correct', '## Options', '## Configuration', '## Fixing it', '## When Not To Use It'];
      expect(headings.filter((heading) => expected.includes(heading))).toEqual(expected);
    });

    it('documents every option with its schema description, its type and its default', () => {
      const options = section(doc, 'Options');
      expect(properties.length).toBeGreaterThan(0);
      const documented = (options.match(/^### `(\w+)`$/gmu) ?? []).map((heading) => heading.slice(5, -1));
      expect(documented).toEqual(properties.map(([name]) => name));
      for (const [name, property] of properties) {
        const text = section(options, `\`${name}\``);
        expect(property.description, `${id}: ${name} has no description`).toBeTruthy();
        expect(text).toContain(String(property.description));
        expect(text).toMatch(/^- Type: /mu);
        expect(text).toMatch(/^- Default: /mu);
      }
      for (const entry of FILE_NAME_RULE_DEFAULTS[id] ?? []) expect(options).toContain(`\`${entry}\``);
    });

    it('configures every option in its eslint.config.js example', () => {
      const example = section(doc, 'Configuration');
      expect(example).toContain(`'${PLUGIN_NAMESPACE}/${id}'`);
      for (const [name] of properties) expect(example).toMatch(new RegExp(`\\b${name}:`, 'u'));
    });
  });
});
