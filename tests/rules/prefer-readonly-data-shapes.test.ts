import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/prefer-readonly-data-shapes.js';
import { resolveReadonlyShapesOptions } from '../../standards/immutable-data-shapes/options.js';
import { RuleTester } from '../rule-tester.js';

const tester = new RuleTester();

const property = (name: string, owner: string, line: number, column: number, output: string) => ({
  messageId: 'readonlyProperty' as const,
  data: { name: `"${name}"`, owner },
  line,
  column,
  endColumn: column + name.length,
  suggestions: [{ messageId: 'addReadonly' as const, data: { name: `"${name}"`, owner, replacement: '' }, output }],
});

// The rule cannot see writers (no type information): a property some code writes is still reported, with a
// suggestion only, never an autofix. The codemod decides per writer; these cases pin that the rule stays put.
const WRITERS: readonly (readonly [string, string])[] = [
  ['assignment', 'c.count = 2;'],
  ['increment (++)', 'c.count++;'],
  ['compound assignment (+=)', 'c.count += 1;'],
  ['delete', 'delete (c as { count?: number }).count;'],
  ['destructuring assignment', '({ count: c.count } = { count: 3 });'],
  ['Object.assign (unseen by the type checker too)', 'Object.assign(c, { count: 4 });'],
  ['constructor-only writes', 'class K { constructor(k: Counter) { k.count = 0; } }'],
];

const ARRAY_WRITERS: readonly (readonly [string, string])[] = [
  ['push', 'c.items.push(1);'],
  ['splice', 'c.items.splice(0, 1);'],
  ['sort', 'c.items.sort();'],
  ['passing to a mutable parameter', 'function fill(list: number[]): void { list.push(0); }\nfill(c.items);'],
];

tester.run('prefer-readonly-data-shapes', rule, {
  valid: [
    'interface Config { readonly name: string; readonly tags: readonly string[]; readonly pairs: ReadonlyArray<[number, number]> extends never ? never : readonly (readonly [number, number])[] }',
    'type Point = { readonly x: number; readonly y: number };',
    // Someone else's shape or no data at all: generics, plain aliases, methods, index signatures, parameters.
    'type Frozen = Readonly<{ x: number; list: string[] }>;',
    'type List = string[];',
    'interface Service { run(): void; readonly [key: string]: unknown }',
    'interface Dictionary { [key: string]: number }',
    'function area(shape: { width: number; height: number }): number { return shape.width * shape.height; }',
    // Not data classes: methods, setters, function-valued properties.
    'export class Store { items: string[] = []; add(item: string): void { this.items.push(item); } }',
    'export class Box { value = 0; set size(v: number) { this.value = v; } }',
    'export class Button { label = ""; onClick = (): void => {}; }',
    // A framework or a third-party type may need the fields mutable.
    '@Entity() export class Row { id = 0; }',
    "import { Base } from 'framework';\nexport class Model extends Base { id = 0; }",
    "import type { Shape } from './shape.js';\nexport class Square implements Shape { side = 1; }",
    "import * as lib from 'lib';\nexport class Square implements lib.Shape { side = 1; }",
    'export class Wrapper extends mixin(Object) { id = 0; }',
    'class Base { id = 0; get label(): string { return ""; } }\nclass Child extends Base { override id = 1; }'.replace('class Base { id = 0;', 'class Base { readonly id: number = 0;').replace('override id = 1', 'override readonly id = 1'),
    'export class Tagged { @observable count = 0; readonly name = "x"; }',
    'export class Secret { private token = ""; #key = 1; constructor(private readonly seed: number, protected readonly salt: string) {} }',
    'export class Plain { constructor(seed: number) {} }',
    // Augmentations of shapes declared elsewhere.
    'declare global { interface Window { appVersion: string } }\nexport {};',
    "declare module 'express' { interface Request { user: string } }",
    { code: 'interface ProcessEnv { NODE_ENV: string }', filename: 'globals.d.ts' },
    // Plain JavaScript has neither `readonly` nor `as const`.
    { code: 'export const LIMITS = { max: 1 };', filename: 'limits.js' },
    // Constants that are frozen, typed readonly, computed, local or rebindable.
    'export const MODES = ["fast", "slow"] as const;',
    'export const LIMITS = Object.freeze({ max: 1 });',
    'export const NAMES: readonly string[] = ["a"];',
    'export const TABLE: Readonly<Record<string, number>> = { a: 1 };',
    'export const made = build();',
    'const local = { a: 1 };',
    'export let mutable = { a: 1 };',
    "export { LIMITS } from './limits.js';",
    'export declare const AMBIENT: { a: number };',
    // Options.
    { code: 'export interface Loose { name: string }', options: [{ ignore: ['**/src/legacy/**'] }], filename: path.join(process.cwd(), 'src/legacy/loose.ts') },
    { code: 'export interface MutableState { count: number }', options: [{ ignoreTypes: ['^Mutable'] }] },
    { code: 'export const MutableDefaults = { count: 1 };', options: [{ ignoreTypes: ['^Mutable'] }] },
    { code: 'export class Point { x = 0; }', options: [{ classes: false }] },
    { code: 'export const LIMITS = { max: 1 };', options: [{ constants: false }] },
    { code: 'export interface Bag { readonly items: string[]; readonly pair: [number, number]; readonly list: Array<number> }', options: [{ arrays: false }] },
  ],
  invalid: [
    {
      code: 'export interface Config {\n  name: string;\n  readonly retries: number;\n}',
      errors: [property('name', 'interface "Config"', 2, 3, 'export interface Config {\n  readonly name: string;\n  readonly retries: number;\n}')],
    },
    {
      code: "type Options = { mode: 'a' } | { 'max-size'?: number };",
      errors: [
        property('mode', 'type "Options"', 1, 18, "type Options = { readonly mode: 'a' } | { 'max-size'?: number };"),
        {
          messageId: 'readonlyProperty',
          data: { name: '"max-size"', owner: 'type "Options"' },
          line: 1,
          column: 34,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'addReadonly',
              data: { name: '"max-size"', owner: 'type "Options"', replacement: '' },
              output: "type Options = { mode: 'a' } | { readonly 'max-size'?: number };",
            },
          ],
        },
      ],
    },
    {
      name: 'arrays: T[], Array<T>, tuples, and a nested array that needs parentheses',
      code: 'interface Bag { readonly a: string[]; readonly b: Array<number>; readonly c: [number, string]; readonly d: number[][] }',
      errors: [
        {
          messageId: 'readonlyArray',
          data: { name: 'string[]', owner: 'interface "Bag"', replacement: 'readonly string[]' },
          line: 1,
          column: 29,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'useReadonlyArray',
              data: { name: 'string[]', owner: 'interface "Bag"', replacement: 'readonly string[]' },
              output: 'interface Bag { readonly a: readonly string[]; readonly b: Array<number>; readonly c: [number, string]; readonly d: number[][] }',
            },
          ],
        },
        {
          messageId: 'readonlyArray',
          data: { name: 'Array<number>', owner: 'interface "Bag"', replacement: 'ReadonlyArray<number>' },
          line: 1,
          column: 51,
          suggestions: [
            {
              messageId: 'useReadonlyArray',
              data: { name: 'Array<number>', owner: 'interface "Bag"', replacement: 'ReadonlyArray<number>' },
              output: 'interface Bag { readonly a: string[]; readonly b: ReadonlyArray<number>; readonly c: [number, string]; readonly d: number[][] }',
            },
          ],
        },
        {
          messageId: 'readonlyArray',
          data: { name: '[number, string]', owner: 'interface "Bag"', replacement: 'readonly [number, string]' },
          line: 1,
          column: 78,
          suggestions: [
            {
              messageId: 'useReadonlyArray',
              data: { name: '[number, string]', owner: 'interface "Bag"', replacement: 'readonly [number, string]' },
              output: 'interface Bag { readonly a: string[]; readonly b: Array<number>; readonly c: readonly [number, string]; readonly d: number[][] }',
            },
          ],
        },
        {
          messageId: 'readonlyArray',
          data: { name: 'number[][]', owner: 'interface "Bag"', replacement: 'readonly number[][]' },
          line: 1,
          column: 108,
          endColumn: 118,
          suggestions: [
            {
              messageId: 'useReadonlyArray',
              data: { name: 'number[][]', owner: 'interface "Bag"', replacement: 'readonly number[][]' },
              output: 'interface Bag { readonly a: string[]; readonly b: Array<number>; readonly c: [number, string]; readonly d: readonly number[][] }',
            },
          ],
        },
        {
          messageId: 'readonlyArray',
          data: { name: 'number[]', owner: 'interface "Bag"', replacement: 'readonly number[]' },
          line: 1,
          column: 108,
          endColumn: 116,
          suggestions: [
            {
              messageId: 'useReadonlyArray',
              data: { name: 'number[]', owner: 'interface "Bag"', replacement: 'readonly number[]' },
              output: 'interface Bag { readonly a: string[]; readonly b: Array<number>; readonly c: [number, string]; readonly d: (readonly number[])[] }',
            },
          ],
        },
      ],
    },
    {
      name: 'nested type literals are part of the shape',
      code: 'interface Tree { readonly root: { label: string } }',
      errors: [property('label', 'interface "Tree"', 1, 35, 'interface Tree { readonly root: { readonly label: string } }')],
    },
    {
      name: 'data class: properties, a parameter property, a static and a computed key',
      code: 'export class Point {\n  static origin = 0;\n  [key]: number = 1;\n  constructor(public x: number, y = 2) {}\n  get size(): number { return 1; }\n}',
      errors: [
        property('origin', 'class "Point"', 2, 10, 'export class Point {\n  static readonly origin = 0;\n  [key]: number = 1;\n  constructor(public x: number, y = 2) {}\n  get size(): number { return 1; }\n}'),
        {
          messageId: 'readonlyProperty',
          data: { name: '"key"', owner: 'class "Point"' },
          line: 3,
          column: 4,
          suggestions: [
            {
              messageId: 'addReadonly',
              data: { name: '"key"', owner: 'class "Point"', replacement: '' },
              output: 'export class Point {\n  static origin = 0;\n  readonly [key]: number = 1;\n  constructor(public x: number, y = 2) {}\n  get size(): number { return 1; }\n}',
            },
          ],
        },
        property('x', 'class "Point"', 4, 22, 'export class Point {\n  static origin = 0;\n  [key]: number = 1;\n  constructor(public readonly x: number, y = 2) {}\n  get size(): number { return 1; }\n}'),
      ],
    },
    {
      name: 'a class expression, and a local base class',
      code: 'class Base { readonly id = 0; }\nexport const Entry = class extends Base { name = ""; };',
      errors: [
        {
          messageId: 'readonlyProperty',
          data: { name: '"name"', owner: 'a class expression' },
          line: 2,
          column: 43,
          suggestions: [
            {
              messageId: 'addReadonly',
              data: { name: '"name"', owner: 'a class expression', replacement: '' },
              output: 'class Base { readonly id = 0; }\nexport const Entry = class extends Base { readonly name = ""; };',
            },
          ],
        },
      ],
    },
    {
      name: 'exported constants: as const or Object.freeze',
      code: 'const LATER = [1, 2];\nexport const LIMITS = { max: 1 } satisfies Record<string, number>;\nexport { LATER };',
      errors: [
        {
          messageId: 'frozenConstant',
          data: { name: '"LATER"' },
          line: 1,
          column: 7,
          endColumn: 12,
          suggestions: [
            { messageId: 'addAsConst', output: 'const LATER = [1, 2] as const;\nexport const LIMITS = { max: 1 } satisfies Record<string, number>;\nexport { LATER };' },
            {
              messageId: 'wrapInObjectFreeze',
              output: 'const LATER = Object.freeze([1, 2]);\nexport const LIMITS = { max: 1 } satisfies Record<string, number>;\nexport { LATER };',
            },
          ],
        },
        {
          messageId: 'frozenConstant',
          data: { name: '"LIMITS"' },
          line: 2,
          column: 14,
          suggestions: [
            { messageId: 'addAsConst', output: 'const LATER = [1, 2];\nexport const LIMITS = { max: 1 } as const satisfies Record<string, number>;\nexport { LATER };' },
            {
              messageId: 'wrapInObjectFreeze',
              output: 'const LATER = [1, 2];\nexport const LIMITS = Object.freeze({ max: 1 }) satisfies Record<string, number>;\nexport { LATER };',
            },
          ],
        },
      ],
    },
    ...WRITERS.map(([name, writer]) => {
      const code = `interface Counter { count: number }\ndeclare const c: Counter;\n${writer}`;
      return {
        name: `writer kind: ${name} — still reported, suggestion only`,
        code,
        output: null,
        errors: [property('count', 'interface "Counter"', 1, 21, code.replace('{ count: number }', '{ readonly count: number }'))],
      };
    }),
    ...ARRAY_WRITERS.map(([name, writer]) => {
      const code = `interface Counter { readonly items: number[] }\ndeclare const c: Counter;\n${writer}`;
      return {
        name: `array writer kind: ${name} — still reported, suggestion only`,
        code,
        output: null,
        errors: [
          {
            messageId: 'readonlyArray' as const,
            line: 1,
            column: 37,
            suggestions: [{ messageId: 'useReadonlyArray' as const, output: code.replace('items: number[]', 'items: readonly number[]') }],
          },
        ],
      };
    }),
  ],
});

describe('prefer-readonly-data-shapes options', () => {
  it('names the entry when an ignoreTypes pattern is not a regular expression', () => {
    expect(() => resolveReadonlyShapesOptions({ ignoreTypes: ['(unclosed'] })).toThrow(
      /^prefer-readonly-data-shapes: ignoreTypes entry "\(unclosed" is not a valid regular expression \(/,
    );
  });
});
