import { describe, expect, it } from 'vitest';
import { CODEMOD_FOR_RULE } from '../../standards/shared/codemod-for-rule.js';
import { CODEMOD_ENTRIES, CODEMOD_NAMES, loadCodemods } from '../../codemods/runner/registry.js';

describe('codemod registry', () => {
  it('names each entry after the codemod it loads, and loads them in --all order', async () => {
    const codemods = await loadCodemods();
    expect([...codemods.map((codemod) => codemod.name)].sort()).toEqual([...CODEMOD_NAMES].sort());
    const loaded = await Promise.all(CODEMOD_ENTRIES.map((entry) => entry.load()));
    expect(loaded.map((codemod) => codemod.name)).toEqual(CODEMOD_ENTRIES.map((entry) => entry.name));
    expect(codemods.map((codemod) => codemod.order)).toEqual([...codemods.map((codemod) => codemod.order)].sort((a, b) => a - b));
    expect(codemods[0]?.name).toBe('rename-one-off-scripts');
  });

  it('has every codemod that `check` recommends', () => {
    for (const name of Object.values(CODEMOD_FOR_RULE)) expect(CODEMOD_NAMES).toContain(name);
  });

  it('loads only what is asked for, in order, whatever order it is asked in', async () => {
    const codemods = await loadCodemods(['add-explicit-types', 'rename-one-off-scripts']);
    expect(codemods.map((codemod) => codemod.name)).toEqual(['rename-one-off-scripts', 'add-explicit-types']);
  });
});
