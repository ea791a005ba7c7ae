import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../rules/require-explicit-types.js';
import { RuleTester } from '../rule-tester.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/explicit-types');

const plain = new RuleTester();

// Longer than the 160 characters a message shows: the message cuts it with `…`, the suggestion never does.
const LONG_TYPE =
  '{ retries: number; timeoutMilliseconds: number; endpoint: string; verbose: boolean; tags: string[]; limits: { burst: number; sustained: number; }; fallback: string | null; }';
const LONG_BODY =
  "({ retries: 3, timeoutMilliseconds: 2500, endpoint: 'https://example.test', verbose: false, tags: ['a'], limits: { burst: 10, sustained: 5 }, fallback: null as string | null })";
const typed = new RuleTester({
  languageOptions: {
    parserOptions: { projectService: { allowDefaultProject: ['*.ts*'] }, tsconfigRootDir: fixtureDir },
  },
});

plain.run('require-explicit-types (no type information)', rule, {
  valid: [
    'export function parse(text: string): number { return text.length; }',
    'function local(x) { return x; }',
    'export const double = (x: number): number => x * 2;',
    'export const typedByVariable: (x: number) => number = (x) => x;',
    'export class Store {\n  private secret;\n  #hidden;\n  private load(x) {}\n  constructor(size: number) {}\n  set size(value: number) {}\n}',
    "export const api = { name: (x: number): string => '' };",
    'export const make = (x: number) => (): number => x;',
    "export const mode = () => ({ kind: 'fast' }) as const;",
    'export function defaults(x = 1): void {}',
    'export default { limit: 1 };',
    'export { parse } from "./parse.js";',
    { code: 'export function skip(x) {}', options: [{ allowedNames: ['skip'] }] },
    { code: '[1, 2].map((x) => x * 2);', options: [{ scope: 'all' }] },
    { code: 'report({ suggest: [{ fix: (fixer) => fixer.remove() }] });', options: [{ scope: 'all' }] },
    'export const steps: { run(x: number): void }[] = [{ run: (x) => {} }];',
    { code: '(function () { return 1; })();', options: [{ scope: 'all', allowExpressions: true }] },
    { code: 'export function outer(): () => number { return () => 1; }', options: [{ scope: 'all' }] },
    { code: 'class Local { value; }', options: [{ scope: 'exported' }] },
    { code: 'export function parse(text) { return text.length; }', filename: 'parse.js' },
  ],
  invalid: [
    {
      code: 'export function parse(text) { return text.length; }',
      errors: [
        { messageId: 'missingReturnType', data: { name: '"parse"' }, line: 1, column: 8, endLine: 1, endColumn: 28 },
        {
          messageId: 'missingParameterType',
          data: { name: '"text"', functionName: '"parse"' },
          line: 1,
          column: 23,
          endColumn: 27,
        },
      ],
    },
    {
      code: 'export class Store {\n  items;\n  get size() { return 1; }\n  add(item) {}\n  private secret;\n}',
      errors: [
        { messageId: 'missingPropertyType', data: { name: '"items"' }, line: 2, column: 3, endColumn: 8 },
        { messageId: 'missingReturnType', data: { name: '"size"' }, line: 3, column: 7, endColumn: 13 },
        { messageId: 'missingReturnType', data: { name: '"add"' }, line: 4, column: 3, endColumn: 12 },
        { messageId: 'missingParameterType', data: { name: '"item"', functionName: '"add"' }, line: 4, column: 7 },
      ],
    },
    {
      code: 'export { helper };\nfunction helper(x): void {}',
      errors: [{ messageId: 'missingParameterType', data: { name: '"x"', functionName: '"helper"' }, line: 2, column: 17 }],
    },
    {
      code: 'export class Person {\n  constructor(public name) {}\n}',
      errors: [{ messageId: 'missingParameterType', data: { name: '"name"', functionName: '"constructor"' }, line: 2, column: 15 }],
    },
    {
      code: 'export function unpack({ a }, [b], ...rest): void {}',
      errors: [
        { messageId: 'missingParameterType', data: { name: 'the object pattern', functionName: '"unpack"' }, column: 24 },
        { messageId: 'missingParameterType', data: { name: 'the array pattern', functionName: '"unpack"' }, column: 31 },
        { messageId: 'missingParameterType', data: { name: '"...rest"', functionName: '"unpack"' }, column: 36 },
      ],
    },
    {
      code: 'export default function (x: number) { return x; }',
      errors: [{ messageId: 'missingReturnType', data: { name: '"default"' }, line: 1, column: 16 }],
    },
    {
      code: 'export const make = (x: number) => () => x;',
      errors: [{ messageId: 'missingReturnType', data: { name: 'the anonymous function' }, column: 36, endColumn: 38 }],
    },
    {
      code: 'export const make = (x: number) => (): number => x;',
      options: [{ allowHigherOrderFunctions: false }],
      errors: [{ messageId: 'missingReturnType', data: { name: '"make"' }, column: 21, endColumn: 32 }],
    },
    {
      code: "export const mode = () => ({ kind: 'fast' }) as const;",
      options: [{ allowDirectConstAssertionInArrowFunctions: false }],
      errors: [{ messageId: 'missingReturnType', data: { name: '"mode"' }, column: 21 }],
    },
    {
      code: 'const double = x => x * 2;',
      options: [{ scope: 'all' }],
      errors: [
        { messageId: 'missingReturnType', data: { name: '"double"' }, column: 16, endColumn: 17 },
        { messageId: 'missingParameterType', data: { name: '"x"', functionName: '"double"' }, column: 16 },
      ],
    },
    {
      code: '[1, 2].map((x) => x * 2);',
      options: [{ scope: 'all', allowTypedFunctionExpressions: false }],
      errors: [
        { messageId: 'missingReturnType', data: { name: 'the anonymous function' }, column: 12 },
        { messageId: 'missingParameterType', data: { name: '"x"', functionName: 'the anonymous function' }, column: 13 },
      ],
    },
    {
      code: '(function () { return 1; })();',
      options: [{ scope: 'all' }],
      errors: [{ messageId: 'missingReturnType', data: { name: 'the anonymous function' }, column: 2, endColumn: 13 }],
    },
    {
      code: 'export abstract class Shape {\n  abstract area();\n  abstract label;\n}',
      errors: [
        { messageId: 'missingReturnType', data: { name: '"area"' }, line: 2, column: 12 },
        { messageId: 'missingPropertyType', data: { name: '"label"' }, line: 3, column: 12 },
      ],
    },
    {
      code: 'export const steps = [{ run: (x) => {} }];',
      errors: [
        { messageId: 'missingReturnType', data: { name: '"run"' }, column: 30 },
        { messageId: 'missingParameterType', data: { name: '"x"', functionName: '"run"' }, column: 31 },
      ],
    },
    {
      code: 'export const handlers = { open(path) { return path; } };',
      errors: [
        { messageId: 'missingReturnType', data: { name: '"open"' }, column: 27 },
        { messageId: 'missingParameterType', data: { name: '"path"', functionName: '"open"' }, column: 32 },
      ],
    },
  ],
});

typed.run('require-explicit-types (type information)', rule, {
  valid: ['export function parse(text: string): number { return text.length; }'],
  invalid: [
    {
      code: "import { entries, type Entry } from './entry.js';\nexport function list(prefix: string) {\n  return entries();\n}",
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"list"', type: 'readonly Entry[]' },
          line: 2,
          column: 8,
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: 'readonly Entry[]' },
              output:
                "import { entries, type Entry } from './entry.js';\nexport function list(prefix: string): readonly Entry[] {\n  return entries();\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import { entries } from './entry.js';\nexport function list() {\n  return entries();\n}",
      errors: [
        {
          messageId: 'missingReturnTypeByHand',
          data: {
            name: '"list"',
            reason:
              'the checker infers "readonly Entry[]", which needs "Entry" from "./entry.js" imported first (the add-explicit-types codemod adds the import)',
          },
          line: 2,
          column: 8,
          suggestions: [],
        },
      ],
    },
    {
      code: "import { cursorAt } from './entry.js';\nexport const start = () => cursorAt(0);",
      errors: [
        {
          messageId: 'missingReturnTypeByHand',
          data: {
            name: '"start"',
            reason:
              'the checker infers "Cursor", which needs "Cursor" from "./entry.js" (its default export) imported first (the add-explicit-types codemod adds the import)',
          },
          suggestions: [],
        },
      ],
    },
    {
      code: "import type Cursor from './entry.js';\nimport { cursorAt } from './entry.js';\nexport const start = () => cursorAt(0);",
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"start"', type: 'Cursor' },
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: 'Cursor' },
              output: "import type Cursor from './entry.js';\nimport { cursorAt } from './entry.js';\nexport const start = (): Cursor => cursorAt(0);",
            },
          ],
        },
      ],
    },
    {
      code: "import { hidden } from './entry.js';\nexport function reveal() {\n  return hidden();\n}",
      errors: [
        {
          messageId: 'missingReturnTypeByHand',
          data: { name: '"reveal"', reason: 'the checker infers "Hidden", and "Hidden" is not exported by "entry.ts"' },
          suggestions: [],
        },
      ],
    },
    {
      code: "export function load() {\n  return JSON.parse('1');\n}",
      errors: [{ messageId: 'missingReturnTypeByHand', data: { name: '"load"', reason: 'the checker infers "any"' }, suggestions: [] }],
    },
    {
      code: 'export class Counter {\n  count;\n  label?;\n  constructor() {\n    this.count = 0;\n    this.label = "x";\n  }\n}',
      errors: [
        {
          messageId: 'missingPropertyTypeInferred',
          data: { name: '"count"', type: 'number' },
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: 'number' },
              output:
                'export class Counter {\n  count: number;\n  label?;\n  constructor() {\n    this.count = 0;\n    this.label = "x";\n  }\n}',
            },
          ],
        },
        {
          messageId: 'missingPropertyTypeInferred',
          data: { name: '"label"', type: 'string' },
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: 'string' },
              output:
                'export class Counter {\n  count;\n  label?: string;\n  constructor() {\n    this.count = 0;\n    this.label = "x";\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'const double = x => x * 2;',
      options: [{ scope: 'all' }],
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"double"', type: 'number' },
          column: 16,
          suggestions: [{ messageId: 'addInferredType', data: { type: 'number' }, output: 'const double = (x): number => x * 2;' }],
        },
        {
          messageId: 'missingParameterTypeByHand',
          data: { name: '"x"', functionName: '"double"', reason: 'the checker infers "any"' },
          column: 16,
          suggestions: [],
        },
      ],
    },
    {
      code: 'export function isText(value: unknown) {\n  return typeof value === "string";\n}',
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"isText"', type: 'value is string' },
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: 'value is string' },
              output: 'export function isText(value: unknown): value is string {\n  return typeof value === "string";\n}',
            },
          ],
        },
      ],
    },
    {
      code: "export function mode(fast: boolean) {\n  return fast ? 'fast' : 'slow';\n}",
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"mode"', type: "'fast' | 'slow'" },
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: "'fast' | 'slow'" },
              output: "export function mode(fast: boolean): 'fast' | 'slow' {\n  return fast ? 'fast' : 'slow';\n}",
            },
          ],
        },
      ],
    },
    {
      code: 'export const makeClass = () => class {\n  size = 1;\n};',
      errors: [
        {
          messageId: 'missingReturnTypeByHand',
          data: {
            name: '"makeClass"',
            reason: 'the checker infers "typeof (Anonymous class)", an anonymous type with no name to write',
          },
          line: 1,
          column: 26,
          suggestions: [],
        },
      ],
    },
    {
      code: 'interface Box {\n  map<T>(fn: (value: number) => T): T[];\n}\ndeclare const box: Box;\nbox.map = (fn): never[] => [];',
      options: [{ scope: 'all' }],
      errors: [
        {
          messageId: 'missingParameterTypeByHand',
          data: {
            name: '"fn"',
            functionName: 'the anonymous function',
            reason: 'the checker infers "(value: number) => T", and the type parameter "T" is not in scope here',
          },
          line: 5,
          column: 12,
          suggestions: [],
        },
      ],
    },
    {
      code: "type Entry = { readonly other: true };\nexport const local: Entry = { other: true };\nexport const later = async () => (await import('./entry.js')).entries();",
      errors: [
        {
          messageId: 'missingReturnTypeByHand',
          data: {
            name: '"later"',
            reason:
              'the checker infers "Promise<readonly Entry[]>", and importing "Entry" would clash with another "Entry" in this file',
          },
          line: 3,
          column: 22,
          suggestions: [],
        },
      ],
    },
    {
      code: "import { square } from './entry.js';\nexport const draw = () => square();",
      errors: [
        {
          messageId: 'missingReturnTypeByHand',
          data: { name: '"draw"', reason: 'the checker infers "Shape", and "Shape" is exported by "entry.ts" only as "Form"' },
          line: 2,
          column: 21,
          suggestions: [],
        },
      ],
    },
    {
      code: 'export class Box {\n  get size(): number { return 1; }\n  set size(value) {}\n}',
      errors: [
        {
          messageId: 'missingParameterTypeInferred',
          data: { name: '"value"', functionName: '"size"', type: 'number' },
          line: 3,
          column: 12,
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: 'number' },
              output: 'export class Box {\n  get size(): number { return 1; }\n  set size(value: number) {}\n}',
            },
          ],
        },
      ],
    },
    {
      code: '[1, 2].map(x => x * 2);',
      options: [{ scope: 'all', allowTypedFunctionExpressions: false }],
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: 'the anonymous function', type: 'number' },
          column: 12,
          suggestions: [{ messageId: 'addInferredType', data: { type: 'number' }, output: '[1, 2].map((x): number => x * 2);' }],
        },
        {
          messageId: 'missingParameterTypeInferred',
          data: { name: '"x"', functionName: 'the anonymous function', type: 'number' },
          column: 12,
          suggestions: [{ messageId: 'addInferredType', data: { type: 'number' }, output: '[1, 2].map((x: number) => x * 2);' }],
        },
      ],
    },
    {
      code: `export const settings = () => ${LONG_BODY};`,
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"settings"', type: `${LONG_TYPE.slice(0, 159)}…` },
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: `${LONG_TYPE.slice(0, 159)}…` },
              output: `export const settings = (): ${LONG_TYPE} => ${LONG_BODY};`,
            },
          ],
        },
      ],
    },
    {
      code: 'export const ticket = () => Symbol("id") as unknown as { id: symbol; (x: number): string };',
      errors: [
        {
          messageId: 'missingReturnTypeInferred',
          data: { name: '"ticket"', type: '{ (x: number): string; id: symbol; }' },
          suggestions: [
            {
              messageId: 'addInferredType',
              data: { type: '{ (x: number): string; id: symbol; }' },
              output:
                'export const ticket = (): { (x: number): string; id: symbol; } => Symbol("id") as unknown as { id: symbol; (x: number): string };',
            },
          ],
        },
      ],
    },
  ],
});
