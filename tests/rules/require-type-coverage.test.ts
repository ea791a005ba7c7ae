import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../rules/require-type-coverage.js';
import { RuleTester } from '../rule-tester.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/type-coverage/rule');

const typed = new RuleTester({
  languageOptions: {
    parserOptions: { projectService: { allowDefaultProject: ['*.ts*'] }, tsconfigRootDir: fixtureDir },
  },
});

const below = (percent: string, covered: number, total: number, threshold = 95) =>
  ({ messageId: 'belowThreshold', data: { percent, covered, total, threshold }, line: 1, column: 1 }) as const;

typed.run('require-type-coverage', rule, {
  valid: [
    'export const port: number = 8080;\nexport function double(value: number): number {\n  return value * 2;\n}',
    // One `any` among twenty identifiers is exactly 95%.
    {
      code: [
        'import { loadConfig, type Config } from "./legacy.js";',
        'const raw = loadConfig("{}");',
        'export const config: Config = { port: 1 };',
        'export function portOf(settings: Config): number {',
        '  return settings.port + config.port;',
        '}',
        'export const names: readonly string[] = [String(config.port), String(portOf(config))];',
        'export { raw as unread };',
      ].join('\n'),
      options: [{ threshold: 50 }],
    },
    // Ignored lines count as covered.
    '// type-coverage:ignore-next-line\nexport const loose: any = 1;',
    'export const loose: any = 1; // type-coverage:ignore-line',
    // Not strict: `any` inside a type argument is covered.
    'export const list: any[] = [];',
    { code: 'export const value = JSON.parse("1");', options: [{ threshold: 0 }] },
    { code: 'export const value = JSON.parse("1");', options: [{ ignoreFiles: ['*.ts'] }] },
    // Strict, but the options drop what strict adds.
    { code: 'export const list: any[] = [];', options: [{ strict: true, ignoreNested: true }] },
    { code: 'declare const maybe: string | undefined;\nexport const sure = maybe!;', options: [{ strict: true, ignoreNonNullAssertion: true }] },
    { code: 'export const frozen = [1] as const;\nexport const opaque = frozen as unknown;', options: [{ strict: true }] },
    { code: 'let later;\nlater = 1;\nexport const value: number = later;', options: [{ ignoreUnread: true, threshold: 70 }] },
    // Without strict, an unused directive is not counted.
    '// type-coverage:ignore-next-line\nexport const port = 1;',
  ],
  invalid: [
    {
      code: 'export function parse(text) {\n  return JSON.parse(text);\n}',
      errors: [
        below('80.00', 4, 5),
        // `JSON.parse(text)` expects a string: that use is covered by its context and names the better type.
        {
          messageId: 'uncoveredAnyBetter',
          data: { name: 'text', type: 'any', betterType: 'string' },
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 27,
        },
      ],
    },
    {
      code: 'export function parse(text) {\n  return JSON.parse(text);\n}',
      options: [{ reportUncovered: false, ignoreFiles: ['src/**', '*.js'] }],
      errors: [below('80.00', 4, 5)],
    },
    {
      code: 'import { loadConfig } from "./legacy.js";\nexport const config = loadConfig("{}");\nexport const port: number = config.port;',
      errors: [
        below('50.00', 3, 6),
        { messageId: 'uncoveredAny', data: { name: 'config', type: 'any' }, line: 2, column: 14, endColumn: 20 },
        { messageId: 'uncoveredAny', data: { name: 'config', type: 'any' }, line: 3, column: 29, endColumn: 35 },
        // The declared type of `port` is what `config.port` should be.
        { messageId: 'uncoveredAnyBetter', data: { name: 'port', type: 'any', betterType: 'number' }, line: 3, column: 36, endColumn: 40 },
      ],
    },
    {
      code: 'export const list: any[] = [];',
      options: [{ strict: true }],
      errors: [
        below('0.00', 0, 1),
        { messageId: 'uncoveredContainsAny', data: { name: 'list', type: 'any[]' }, line: 1, column: 14, endColumn: 18 },
      ],
    },
    {
      code: 'export const settings: Object = {};\nexport const empty: {} = {};',
      options: [{ strict: true, ignoreEmptyType: true }],
      errors: [
        below('33.33', 1, 3),
        { messageId: 'uncoveredAny', data: { name: 'settings', type: 'Object' }, line: 1, column: 14, endColumn: 22 },
        { messageId: 'uncoveredAny', data: { name: 'Object', type: 'Object' }, line: 1, column: 24, endColumn: 30 },
      ],
    },
    {
      code: 'const input: unknown = 1;\nexport const count = input as number;',
      options: [{ strict: true }],
      errors: [
        below('75.00', 3, 4),
        { messageId: 'unsafeAssertion', data: { name: 'input as number' }, line: 2, column: 22, endColumn: 37 },
      ],
    },
    {
      // A long expression is quoted on one line, cut at 60 characters.
      code: 'const input: unknown = 1;\nexport const size = (input as {\n  readonly first: number;\n  readonly second: number;\n}).first;',
      options: [{ strict: true, threshold: 90 }],
      errors: [
        below('85.71', 6, 7, 90),
        { messageId: 'unsafeAssertion', data: { name: 'input as { readonly first: number; readonly second: numbe...' }, line: 2, column: 22 },
      ],
    },
    {
      code: 'declare const maybe: string | undefined;\nexport const sure = maybe!;',
      options: [{ strict: true, threshold: 80 }],
      errors: [below('75.00', 3, 4, 80), { messageId: 'unsafeNonNull', data: { name: 'maybe!' }, line: 2, column: 21, endColumn: 27 }],
    },
    {
      code: '// type-coverage:ignore-next-line\nexport const port = 1;',
      options: [{ strict: true }],
      errors: [below('50.00', 1, 2), { messageId: 'unusedIgnore', line: 2, column: 1 }],
    },
    {
      code: "export const port: number = 'eighty';",
      options: [{ reportSemanticError: true }],
      errors: [
        below('50.00', 1, 2),
        {
          messageId: 'semanticError',
          data: { name: "Type 'string' is not assignable to type 'number'." },
          line: 1,
          column: 14,
        },
      ],
    },
    {
      code: 'export class Box {\n  value: any;\n  read(): number {\n    return this.value;\n  }\n}',
      options: [{ threshold: 100 }],
      errors: [
        below('60.00', 3, 5, 100),
        // The declaration learns its better type from the return statement.
        { messageId: 'uncoveredAnyBetter', data: { name: 'value', type: 'any', betterType: 'number' }, line: 2, column: 3, endColumn: 8 },
        { messageId: 'uncoveredAnyBetter', data: { name: 'value', type: 'any', betterType: 'number' }, line: 4, column: 17, endColumn: 22 },
      ],
    },
  ],
});
