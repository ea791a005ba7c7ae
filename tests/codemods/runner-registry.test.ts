import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODEMOD_ENTRIES, CODEMOD_NAMES, codemodDeclaration, codemodForRule, loadCodemods } from '../../codemods/runner/registry.js';
import { summaryLines, tallyRules } from '../../cli/check/rule-summary.js';
import { rules } from '../../index.js';
import { REPO_ROOT } from '../run-node.js';

describe('codemod registry', () => {
  it('has no import circle: declarations.ts imports nothing, and no codemod or runner module imports the registry', () => {
    const importsOf = (file: string): string[] =>
      Array.from(readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/^import [^;]*? from '([^']+)';$/gmu), (match) => match[1] ?? '');
    expect(importsOf('codemods/runner/declarations.ts')).toEqual([]);
    const modules = [
      ...readdirSync(path.join(REPO_ROOT, 'codemods')).filter((name) => name.endsWith('.ts')).map((name) => `codemods/${name}`),
      ...readdirSync(path.join(REPO_ROOT, 'codemods', 'runner')).filter((name) => name.endsWith('.ts') && name !== 'registry.ts').map((name) => `codemods/runner/${name}`),
    ];
    expect(modules.length).toBeGreaterThan(CODEMOD_NAMES.length);
    for (const module of modules) expect(importsOf(module).filter((specifier) => specifier.endsWith('/registry.js')), module).toEqual([]);
    for (const name of CODEMOD_NAMES) expect(importsOf(`codemods/${name}.ts`), name).toContain('./runner/declarations.js');
  });

  it('names each entry after the codemod it loads, and loads them in --all order', async () => {
    const codemods = await loadCodemods();
    expect([...codemods.map((codemod) => codemod.name)].sort()).toEqual([...CODEMOD_NAMES].sort());
    const loaded = await Promise.all(CODEMOD_ENTRIES.map((entry) => entry.load()));
    expect(loaded.map((codemod) => codemod.name)).toEqual(CODEMOD_ENTRIES.map((entry) => entry.name));
    expect(codemods.map((codemod) => codemod.order)).toEqual([...codemods.map((codemod) => codemod.order)].sort((a, b) => a - b));
    expect(codemods[0]?.name).toBe('rename-one-off-scripts');
  });

  it('gives each loaded codemod the rules its entry declares', async () => {
    for (const entry of CODEMOD_ENTRIES) {
      expect(await entry.load()).toMatchObject({ name: entry.name, rule: entry.rule, alsoFixes: entry.alsoFixes, leavesToHumans: entry.leavesToHumans, languages: entry.languages });
      expect(entry.languages.length).toBeGreaterThan(0);
    }
    expect(() => codemodDeclaration('no-such-codemod')).toThrow('codemod no-such-codemod is not in CODEMOD_DECLARATIONS');
  });

  it('declares `mayRefuseProject` (check asks it before recommending it) only for a per-file codemod with projectOptions', async () => {
    const refusing = CODEMOD_ENTRIES.filter((entry) => entry.mayRefuseProject === true);
    expect(refusing.map((entry) => entry.name)).toEqual(['wrap-performance-monitor']);
    for (const entry of refusing) expect(await entry.load()).toMatchObject({ kind: 'file', projectOptions: expect.any(Function) });
  });

  it('declares rules and message ids that exist', () => {
    for (const entry of CODEMOD_ENTRIES) {
      const fixed = [entry.rule, ...entry.alsoFixes];
      for (const rule of fixed) expect(Object.keys(rules)).toContain(rule);
      const messageIds = fixed.flatMap((rule) => Object.keys(rules[rule as keyof typeof rules].meta.messages));
      for (const messageId of entry.leavesToHumans) expect(messageIds).toContain(messageId);
    }
  });

  it('offers no codemod for reports it leaves to a human', () => {
    const summary = (messageIds: readonly string[]): readonly string[] =>
      summaryLines(
        tallyRules([
          { filePath: '/p/a.ts', messages: messageIds.map((messageId) => ({ ruleId: 'perf-standards/no-one-off-scripts', messageId })) },
        ] as unknown as Parameters<typeof tallyRules>[0]),
        ['.'],
      );
    expect(summary(['nameOneOffScript', 'nameOneOffScriptAnew'])).toEqual(['perf-standards/no-one-off-scripts: 1 file']);
    expect(summary(['nameOneOffScript', 'renameOneOffScript'])).toEqual([
      'perf-standards/no-one-off-scripts: 1 file',
      '',
      'Fix automatically:',
      '  perf-standards fix rename-one-off-scripts .  # perf-standards/no-one-off-scripts',
    ]);
    // A codemod that would refuse the project is not offered as automatic: its reason comes first, then its command.
    const tallies = tallyRules([
      { filePath: '/p/a.ts', messages: [{ ruleId: 'perf-standards/no-one-off-scripts', messageId: 'renameOneOffScript' }, { ruleId: 'perf-standards/require-performance-monitor' }] },
    ] as unknown as Parameters<typeof tallyRules>[0]);
    expect(summaryLines(tallies, ['src'], new Map([['wrap-performance-monitor', 'Set the option.']]))).toEqual([
      'perf-standards/no-one-off-scripts: 1 file',
      'perf-standards/require-performance-monitor: 1 file',
      '',
      'Fix automatically:',
      '  perf-standards fix rename-one-off-scripts src  # perf-standards/no-one-off-scripts',
      '',
      'Fix once configured (perf-standards/require-performance-monitor): Set the option.',
      '  then: perf-standards fix wrap-performance-monitor src',
    ]);
    expect(summaryLines(tallies, [], new Map([['wrap-performance-monitor', 'Set the option.'], ['rename-one-off-scripts', 'Rename by hand.']]))).toEqual([
      'perf-standards/no-one-off-scripts: 1 file',
      'perf-standards/require-performance-monitor: 1 file',
      '',
      'Fix once configured (perf-standards/no-one-off-scripts): Rename by hand.',
      '  then: perf-standards fix rename-one-off-scripts',
      '',
      'Fix once configured (perf-standards/require-performance-monitor): Set the option.',
      '  then: perf-standards fix wrap-performance-monitor',
    ]);
    expect(codemodForRule('perf-standards/require-explicit-types', 'missingReturnTypeByHand')).toBeNull();
    expect(codemodForRule('perf-standards/require-explicit-types', 'missingReturnTypeInferred')).toBe('add-explicit-types');
    // Offered only for reports in a language the codemod edits: dataclass-slots edits Python alone.
    expect(codemodForRule('perf-standards/require-explicit-types', 'missingReturnTypeInferred', '/p/src/a.ts')).toBe('add-explicit-types');
    expect(codemodForRule('perf-standards/require-explicit-types', 'missingReturnType', '/p/app/a.py')).toBe('add-explicit-types');
    expect(codemodForRule('perf-standards/prefer-readonly-data-shapes', undefined, '/p/app/a.py')).toBe('readonly-data-shapes');
    expect(codemodForRule('perf-standards/require-dataclass-slots', undefined, '/p/app/a.py')).toBe('dataclass-slots');
    expect(codemodForRule('perf-standards/require-dataclass-slots', undefined, '/p/src/a.ts')).toBeNull();
    expect(codemodForRule('perf-standards/prefer-performance-now', undefined, '/p/app/a.py')).toBe('performance-now');
    // performance-now applies the rule's autofix only: a report with just a suggestion is a human's.
    expect(codemodForRule('perf-standards/prefer-performance-now', 'preferPerfCounter', '/p/app/a.py', false)).toBeNull();
    expect(codemodForRule('perf-standards/prefer-performance-now', 'preferPerfCounter', '/p/app/a.py', true)).toBe('performance-now');
    expect(codemodForRule('perf-standards/require-dataclass-slots', undefined, '/p/app/a.py', false)).toBe('dataclass-slots');
    expect(codemodForRule('perf-standards/require-docs', undefined, '/p/package.json')).toBe('consolidate-docs');
    expect(codemodForRule('perf-standards/no-one-off-scripts', undefined, '/p/scripts/temp_x.sh')).toBe('rename-one-off-scripts');
    // require-type-coverage reports that adding annotations cannot settle.
    for (const messageId of ['uncoveredAny', 'unsafeAssertion', 'unsafeNonNull', 'semanticError', 'unusedIgnore']) {
      expect(codemodForRule('perf-standards/require-type-coverage', messageId)).toBeNull();
    }
  });

  it('has `check` offer every codemod for every rule it fixes', () => {
    const offered = (ruleId: string, filePath = '/p/a.ts'): readonly string[] =>
      summaryLines(tallyRules([{ filePath, messages: [{ ruleId, fix: { range: [0, 0], text: '' } }] }] as unknown as Parameters<typeof tallyRules>[0]), []);
    for (const entry of CODEMOD_ENTRIES) {
      // A report in a file of a language the codemod edits (dataclass-slots: Python only).
      const file = entry.languages.includes('typescript') || !entry.languages.includes('python') ? '/p/a.ts' : '/p/a.py';
      for (const rule of [entry.rule, ...entry.alsoFixes]) {
        expect(offered(`perf-standards/${rule}`, file)).toContain(`  perf-standards fix ${entry.name}  # perf-standards/${rule}`);
      }
    }
    expect(offered('perf-standards/require-explicit-types')).toContain('  perf-standards fix add-explicit-types  # perf-standards/require-explicit-types');
    expect(offered('perf-standards/require-type-coverage')).toContain('  perf-standards fix add-explicit-types  # perf-standards/require-type-coverage');
    expect(offered('perf-standards/require-docs')).toContain('  perf-standards fix consolidate-docs  # perf-standards/require-docs');
    expect(codemodForRule('perf-standards/no-generic-filenames')).toBeNull();
    expect(codemodForRule('other-plugin/no-one-off-scripts')).toBeNull();
    expect(codemodForRule('no-one-off-scripts')).toBe('rename-one-off-scripts');
  });

  it('loads only what is asked for, in order, whatever order it is asked in', async () => {
    const codemods = await loadCodemods(['add-explicit-types', 'rename-one-off-scripts']);
    expect(codemods.map((codemod) => codemod.name)).toEqual(['rename-one-off-scripts', 'add-explicit-types']);
  });
});
