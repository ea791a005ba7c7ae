import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint, Linter } from 'eslint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** The base every artifact URI is relative to: the checkout's root on GitHub. */
export const SOURCE_ROOT = '%SRCROOT%';

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
    readonly region: SarifRegion;
  };
}

interface SarifMessageEntry {
  readonly level: 'error' | 'warning';
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
}

export interface SarifResult extends SarifMessageEntry {
  readonly ruleId: string;
  readonly ruleIndex: number;
}

export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly helpUri?: string;
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: string;
  readonly runs: readonly [
    {
      readonly tool: { readonly driver: SarifTool & { readonly rules: readonly SarifRule[] } };
      readonly originalUriBaseIds: Readonly<Record<string, { readonly uri: string }>>;
      readonly results: readonly SarifResult[];
      readonly invocations: readonly [
        {
          readonly executionSuccessful: boolean;
          /** Problems without a rule: files ESLint could not parse. */
          readonly toolExecutionNotifications: readonly SarifMessageEntry[];
        },
      ];
    },
  ];
}

// SARIF URIs are relative references: `/`-separated, each segment percent-encoded.
function relativeUri(baseDir: string, filePath: string): string {
  return path.relative(baseDir, filePath).split(path.sep).map(encodeURIComponent).join('/');
}

function toLocation(baseDir: string, filePath: string, message: Linter.LintMessage): SarifLocation {
  const region: SarifRegion = {
    startLine: Math.max(1, message.line),
    startColumn: Math.max(1, message.column),
    ...(message.endLine === undefined ? {} : { endLine: Math.max(1, message.endLine) }),
    ...(message.endColumn === undefined ? {} : { endColumn: Math.max(1, message.endColumn) }),
  };
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(baseDir, filePath), uriBaseId: SOURCE_ROOT },
      region,
    },
  };
}

function toRule(ruleId: string, meta: ESLint.LintResultData['rulesMeta'][string] | undefined): SarifRule {
  const description = meta?.docs?.description;
  const helpUri = meta?.docs?.url;
  return {
    id: ruleId,
    shortDescription: { text: description ?? ruleId },
    ...(helpUri === undefined ? {} : { helpUri }),
  };
}

/**
 * Turns lint results into a SARIF 2.1.0 log as GitHub code scanning reads it: one run, the rules that
 * reported (id, description, help link), one result per message with a location relative to `baseDir`
 * (the repository root, `%SRCROOT%`). Lines and columns are 1-based, as SARIF requires; file-level
 * reports at column 0 become column 1.
 * @complexity O(messages + rules log rules).
 */
export function toSarif(
  results: readonly ESLint.LintResult[],
  rulesMeta: ESLint.LintResultData['rulesMeta'],
  tool: SarifTool,
  baseDir: string,
): SarifLog {
  const ruleIds = [
    ...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId ?? '')).filter(Boolean)),
  ].sort();
  const ruleIndex = new Map(ruleIds.map((id: string, index: number): [string, number] => [id, index]));
  const sarifResults: SarifResult[] = [];
  const notifications: SarifMessageEntry[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      const entry: SarifMessageEntry = {
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: [toLocation(baseDir, result.filePath, message)],
      };
      if (message.ruleId === null) {
        notifications.push(entry);
      } else {
        sarifResults.push({ ruleId: message.ruleId, ruleIndex: ruleIndex.get(message.ruleId) ?? 0, ...entry });
      }
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { ...tool, rules: ruleIds.map((id: string): SarifRule => toRule(id, rulesMeta[id])) } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(`${baseDir}${path.sep}`).href } },
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}
