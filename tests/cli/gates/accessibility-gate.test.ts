import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../run-node.js';
import { runGates, writeGatesConfig } from './gates-harness.js';

// Real Lighthouse 12.2.3 reports of fixtures/gates/accessibility/pages (see that folder's README).
const project = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-a11y-'));
cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', 'accessibility'), project, { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('accessibility gate on Lighthouse reports', () => {
  it('a page scoring 100 passes the default 95', async () => {
    writeGatesConfig(project, { gates: { accessibility: { report: 'lighthouse-accessible.json' } } });
    const run = await runGates(project, ['--only', 'accessibility']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe('Accessibility  ≥ 95       100       passed   lighthouse-accessible.json');
  });

  it('several pages: the lowest score is the figure; a failing page lists its failed audits, heaviest first', async () => {
    writeGatesConfig(project, { gates: { accessibility: { report: 'lighthouse-*.json' } } });
    const run = await runGates(project, ['--only', 'accessibility']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'Gate           Threshold  Measured                Verdict  Source',
        'Accessibility  ≥ 95       42 (lowest of 2 pages)  failed   lighthouse-accessible.json, lighthouse-inaccessible.json',
        '    http://127.0.0.1:8765/inaccessible.html: 42 < 95; failed audits: button-name (Buttons do not have an accessible name), image-alt (Image elements do not have `[alt]` attributes), color-contrast (Background and foreground colors do not have a sufficient contrast ratio.), html-has-lang (`<html>` element does not have a `[lang]` attribute), label (Form elements do not have associated labels), link-name (Links do not have a discernible name)',
        '',
        '1 failed',
        '',
      ].join('\n'),
    );
  });

  it("Lighthouse CI's folder is read by default; nothing there: no data", async () => {
    writeGatesConfig(project, {});
    const none = await runGates(project, ['--format', 'json']);
    expect((JSON.parse(none.stdout) as { gates: { gate: string; verdict: string; message: string }[] }).gates.find((gate) => gate.gate === 'accessibility')).toMatchObject({
      verdict: 'no data',
      message:
        'no Lighthouse report matches .lighthouseci/lhr-*.json, lighthouse-report.json; write one with `npx lighthouse <url> --only-categories=accessibility --output=json --output-path=lighthouse-report.json` (or Lighthouse CI: `lhci collect`)',
    });
    mkdirSync(path.join(project, '.lighthouseci'));
    cpSync(path.join(project, 'lighthouse-accessible.json'), path.join(project, '.lighthouseci', 'lhr-1733500000000.json'));
    const found = await runGates(project, ['--only', 'accessibility']);
    expect(found.code).toBe(0);
    expect(found.stdout.split('\n')[1]).toBe('Accessibility  ≥ 95       100       passed   .lighthouseci/lhr-1733500000000.json');
  });

  it('a JSON file that is no Lighthouse report: exit 2', async () => {
    writeFileSync(path.join(project, 'other.json'), '{"categories": {}}');
    writeGatesConfig(project, { gates: { accessibility: { report: 'other.json' } } });
    const run = await runGates(project, ['--only', 'accessibility']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'perf-standards gates: Accessibility: other.json is not a Lighthouse JSON report with the accessibility category; it is written by `npx lighthouse <url> --only-categories=accessibility --output=json --output-path=lighthouse-report.json` (or Lighthouse CI: `lhci collect`)\n',
    );
  });
});
