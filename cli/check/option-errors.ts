import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules } from '../../index.js';
import { findQuoted } from '../config-errors.js';

// ESLint rejects bad rule options with its schema validator's wording ("Value ["wip"] should be object."),
// which names neither the option nor what it should look like. This module re-checks the options of a rule
// ESLint rejected against the same schema and says which option is wrong and how.

/** The part of JSON Schema that rule options use. */
export interface OptionSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly minimum?: number;
  readonly items?: OptionSchema | readonly OptionSchema[];
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, OptionSchema>>;
  readonly additionalProperties?: boolean | OptionSchema;
}

const firstType = (schema: OptionSchema): string | undefined =>
  typeof schema.type === 'string' ? schema.type : schema.type?.[0];

const plural = (type: string): string => (type === 'object' ? 'objects' : type === 'integer' ? 'whole numbers' : `${type}s`);

function describeType(schema: OptionSchema): string {
  const type = firstType(schema);
  if (type === 'object') {
    const keys = Object.keys(schema.properties ?? {});
    return keys.length === 0 ? 'an object' : `an object with ${keys.map((key: string): string => `\`${key}\``).join(', ')}`;
  }
  if (type === 'array') {
    const items = schema.items;
    const itemType = items === undefined || isSchemaList(items) ? undefined : firstType(items);
    return itemType === undefined ? 'an array' : `an array of ${plural(itemType)}`;
  }
  if (type === 'integer') return 'a whole number';
  return type === undefined ? 'valid' : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `an array (${JSON.stringify(value)})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function isSchemaList(items: OptionSchema | readonly OptionSchema[]): items is readonly OptionSchema[] {
  return Array.isArray(items);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

/**
 * The first way `value` breaks `schema` (the JSON Schema subset rule options use: type, enum, minLength,
 * minimum, items, uniqueItems, properties, additionalProperties), as "option `where` must be …, got …";
 * `null` when it conforms.
 * @complexity O(size of the value).
 */
export function findOptionProblem(schema: OptionSchema, value: unknown, where: string): string | null {
  const option = `option \`${where}\``;
  const types: readonly string[] = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  if (types.length > 0 && !types.some((type: string): boolean => hasType(value, type))) {
    return `${option} must be ${describeType(schema)}, got ${describeValue(value)}`;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return `${option} must be one of ${schema.enum.map((entry: unknown): string => JSON.stringify(entry)).join(', ')}, got ${describeValue(value)}`;
  }
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) {
    return `${option} must not be empty`;
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    return `${option} must be at least ${schema.minimum}, got ${value}`;
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    for (const [index, item] of value.entries()) {
      if (items === undefined || isSchemaList(items)) break;
      const problem = findOptionProblem(items, item, `${where}[${index}]`);
      if (problem !== null) return problem;
    }
    if (schema.uniqueItems === true) {
      const seen = new Set<string>();
      for (const item of value) {
        const key = JSON.stringify(item);
        if (seen.has(key)) return `${option} lists ${key} twice`;
        seen.add(key);
      }
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    const properties = schema.properties ?? {};
    for (const [key, entry] of Object.entries(value)) {
      const nested = where === '' ? key : `${where}.${key}`;
      const propertySchema = properties[key];
      if (propertySchema !== undefined) {
        const problem = findOptionProblem(propertySchema, entry, nested);
        if (problem !== null) return problem;
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(properties).map((name: string): string => `\`${name}\``).join(', ');
        return `unknown option \`${nested}\` (${where === '' ? 'the options are' : `\`${where}\` takes`} ${known})`;
      } else if (typeof schema.additionalProperties === 'object') {
        const problem = findOptionProblem(schema.additionalProperties, entry, nested);
        if (problem !== null) return problem;
      }
    }
  }
  return null;
}

/**
 * What is wrong with a rule's options, naming the option: each options position is checked against the
 * rule's `meta.schema`. `null` when they conform.
 * @complexity O(size of the options).
 */
export function findRuleOptionsProblem(schema: unknown, options: readonly unknown[]): string | null {
  if (!Array.isArray(schema)) return null;
  const positions = schema as readonly OptionSchema[];
  if (options.length > positions.length) {
    return `takes ${positions.length === 1 ? 'one options object' : `${positions.length} options`}, got ${options.length}`;
  }
  for (const [index, value] of options.entries()) {
    const problem = findOptionProblem(positions[index] ?? {}, value, '');
    if (problem !== null) return problem.replace(/^option `` /u, 'the options ');
  }
  return null;
}

type ConfigEntry = { readonly rules?: Record<string, unknown> } | readonly ConfigEntry[];

function* ruleEntries(config: ConfigEntry, ruleId: string): Generator<unknown> {
  if (Array.isArray(config)) {
    for (const entry of config as readonly ConfigEntry[]) yield* ruleEntries(entry, ruleId);
  } else if (typeof config === 'object' && config !== null) {
    const entry = (config as { readonly rules?: Record<string, unknown> }).rules?.[ruleId];
    if (entry !== undefined) yield entry;
  }
}

/**
 * Explains why ESLint rejected the options of `ruleId` (one of this plugin's rules) in `configFile`:
 * imports the config, finds the rule's entries and names the first option that breaks the rule's schema.
 * Falls back to ESLint's own wording when the config cannot be imported here (a TypeScript config) or the
 * options cannot be found.
 * @performance imports the config file once more; only on this error path.
 */
export async function explainRejectedOptions(configFile: string, ruleId: string, eslintMessage: string): Promise<string> {
  const ruleName = ruleId.slice(ruleId.indexOf('/') + 1) as keyof typeof rules;
  const schema: unknown = rules[ruleName]?.meta.schema;
  const fallback = `${ruleId}: invalid options: ${eslintMessage.split('\n').slice(1).map((line: string): string => line.trim()).filter(Boolean).join(' ')}`;
  let config: unknown;
  try {
    config = ((await import(pathToFileURL(configFile).href)) as { default?: unknown }).default;
  } catch {
    return fallback;
  }
  for (const entry of ruleEntries((await config) as ConfigEntry, ruleId)) {
    if (!Array.isArray(entry)) continue;
    const problem = findRuleOptionsProblem(schema, entry.slice(1));
    if (problem === null) continue;
    const position = findQuoted(await readFile(configFile, 'utf8').catch((): string => ''), ruleId);
    const where = position === null ? '' : `:${position.line}:${position.column ?? 1}`;
    return `${path.basename(configFile)}${where}: ${ruleId}: ${problem}`;
  }
  return fallback;
}
