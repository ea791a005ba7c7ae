import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

const stringList = (description: string): JSONSchema4 => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
  description,
});

/**
 * Schema of a `{ add, remove }` list adjustment (see standards/adjustable-list.ts).
 * @complexity O(1); called once per rule module.
 */
export function listAdjustmentSchema(what: string, example: string): JSONSchema4 {
  return {
    type: 'object',
    additionalProperties: false,
    description: `Changes the default ${what}.`,
    properties: {
      add: stringList(`Extra ${what} on top of the defaults, e.g. ${example}.`),
      remove: stringList(`Defaults to drop from the ${what}.`),
    },
  };
}

export const ignoreSchema: JSONSchema4 = stringList(
  'Glob patterns, relative to the folder of the ESLint config file, of files this rule skips (compiled once per configuration).',
);
