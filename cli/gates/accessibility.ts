import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccessibilityGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';
import { findReportFiles, patternList } from './report-files.js';

/** Where the gate looks by default: Lighthouse CI's reports, then a report saved under a common name. */
export const DEFAULT_LIGHTHOUSE_REPORTS: readonly string[] = ['.lighthouseci/lhr-*.json', 'lighthouse-report.json'];

const WRITE_HINT = '`npx lighthouse <url> --only-categories=accessibility --output=json --output-path=lighthouse-report.json` (or Lighthouse CI: `lhci collect`)';

/** The part of a Lighthouse result (LHR) the gate reads. */
interface LighthouseResult {
  readonly lighthouseVersion?: string;
  readonly finalDisplayedUrl?: string;
  readonly finalUrl?: string;
  readonly requestedUrl?: string;
  readonly categories?: { readonly accessibility?: { readonly score: number | null; readonly auditRefs?: readonly { readonly id: string; readonly weight: number }[] } };
  readonly audits?: Readonly<Record<string, { readonly score: number | null; readonly title?: string }>>;
}

interface Scored {
  readonly file: string;
  readonly url: string;
  /** 0–100, as Lighthouse shows it (the score × 100, rounded). */
  readonly score: number;
  /** Weighted audits that did not pass, heaviest first. */
  readonly failing: readonly string[];
}

async function score(root: string, file: string): Promise<Scored> {
  let lhr: LighthouseResult;
  try {
    lhr = JSON.parse(await readFile(path.join(root, file), 'utf8')) as LighthouseResult;
  } catch (error: unknown) {
    throw new GateDataError(`cannot read ${file}: ${(error as Error).message}; it is written by ${WRITE_HINT}`);
  }
  const category = lhr.categories?.accessibility;
  if (typeof lhr.lighthouseVersion !== 'string' || category === undefined) {
    throw new GateDataError(`${file} is not a Lighthouse JSON report with the accessibility category; it is written by ${WRITE_HINT}`);
  }
  if (category.score === null) throw new GateDataError(`${file}: Lighthouse could not score accessibility (the run had errors); run it again`);
  const failing = (category.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && (lhr.audits?.[ref.id]?.score ?? 1) < 1)
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
    .map((ref) => `${ref.id} (${lhr.audits?.[ref.id]?.title ?? ref.id})`);
  return { file, url: lhr.finalDisplayedUrl ?? lhr.finalUrl ?? lhr.requestedUrl ?? file, score: Math.round(category.score * 100), failing };
}

/**
 * The accessibility gate: each Lighthouse report's accessibility score (0–100, as Lighthouse shows it)
 * against the threshold; the lowest is the measured figure, and a failing page's failed audits are listed
 * heaviest first. No report: `no data`.
 * @performance one JSON read per report.
 */
export async function accessibilityGate(config: AccessibilityGateConfig, context: GateContext): Promise<GateResult> {
  const threshold = config.threshold ?? DEFAULT_THRESHOLDS.accessibilityScore;
  const thresholdText = `≥ ${threshold}`;
  const patterns = patternList(config.report, DEFAULT_LIGHTHOUSE_REPORTS);
  const files = await findReportFiles(context.root, patterns, 'gates.accessibility.report');
  if (files.length === 0) {
    const message = `no Lighthouse report matches ${patterns.join(', ')}; write one with ${WRITE_HINT}`;
    if (config.report !== undefined) throw new GateDataError(message);
    return withoutData('accessibility', context, thresholdText, message);
  }
  const pages = await Promise.all(files.map((file: string): Promise<Scored> => score(context.root, file)));
  const lowest = pages.reduce((worst: Scored, page: Scored): Scored => (page.score < worst.score ? page : worst));
  const failed = pages.filter((page: Scored): boolean => page.score < threshold);
  return {
    gate: 'accessibility',
    title: GATE_TITLES.accessibility,
    verdict: failed.length === 0 ? 'passed' : 'failed',
    threshold: thresholdText,
    measured: pages.length === 1 ? `${lowest.score}` : `${lowest.score} (lowest of ${pages.length} pages)`,
    value: lowest.score,
    source: files.join(', '),
    details: failed.map((page: Scored): string => `${page.url}: ${page.score} < ${threshold}; failed audits: ${page.failing.join(', ') || 'none listed'}`),
  };
}
