import rule from '../../rules/require-performance-docs.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();
const TAGS = '`@complexity` or `@performance`';

const missing = (name: string, line: number, column: number, endColumn: number) => ({
  messageId: 'missingPerformanceDoc' as const,
  data: { name: `"${name}"`, tags: TAGS },
  line,
  column,
  endLine: line,
  endColumn,
});

ruleTester.run('require-performance-docs', rule, {
  valid: [
    '/**\n * Sorts.\n * @complexity O(n log n)\n */\nexport function sort(items: number[]): number[] { return items; }',
    '/** @performance one network round trip. */\nexport const fetchUser = async (id: string) => id;',
    '/** @complexity O(n + m) */\nexport default function merge() {}',
    '/** @complexity O(n) amortized */\nexport class Queue {\n  /** @complexity O(1) */\n  push() {}\n  /** @complexity O(1) amortized, O(n) when the buffer grows */\n  static of() {}\n  private drop() {}\n  #hidden() {}\n  constructor() {}\n  get size() { return 0; }\n}',
    // Words around the Big-O terms are free.
    '/** @complexity build O(p); match O(n) per file. */\nexport function compile() {}',
    // Not exported.
    'function local() {}\nclass Hidden { run() {} }',
    // Overloads share one comment, on the first signature.
    '/** @complexity O(1) */\nexport function pick(x: string): string;\nexport function pick(x: number): number;\nexport function pick(x: unknown): unknown { return x; }',
    // `{@link}` is an inline tag, not a block tag; a custom tag list.
    { code: '/** See {@link other}. @cost cheap */\nexport function run() {}', options: [{ tags: ['@cost'] }] },
    // `critical: true`: only what require-performance-monitor calls critical (by default: exported async under api/ …).
    { code: 'export function sync() {}\nexport class Plain {}', filename: 'src/api/users.ts', options: [{ critical: true }] },
    { code: 'export async function find() {}', filename: 'src/ui/view.ts', options: [{ critical: true }] },
    // Declaration files describe code documented elsewhere.
    { code: 'export declare function run(): void;', filename: 'types.d.ts' },
    {
      name: 'performance-docs-above-decorator: the JSDoc of an exported class sits above its decorator (eslint-plugin-jsdoc#557)',
      code: '/**\n * Orders.\n * @performance One in-memory map.\n */\n@sealed\nexport class OrderService {\n  /** @complexity O(1) */\n  @monitored(\n    "orders.load",\n  )\n  async load() {}\n  /** @performance Reads one entry. */\n  @monitored\n  static async version() {}\n}',
    },
    {
      name: 'performance-docs-above-decorator: several decorators, some with arguments, before `export default`',
      code: '/** @complexity O(1) */\n@Controller("/info")\n@sealed\nexport default class Info {}',
    },
    {
      name: 'performance-docs-above-decorator: a decorator after `export` keeps the comment above `export`',
      code: '/** @complexity O(1) */\nexport @sealed class Info {}',
    },
    {
      name: 'performance-docs-above-decorator: a class exported by name later, decorated',
      code: '/** @complexity O(1) */\n@sealed\nclass Info {}\nexport { Info };',
    },
  ],
  invalid: [
    {
      code: 'export function parse(text: string) { return text; }\nexport const run = () => 1;\nexport class Store {\n  load() {}\n  static of() {}\n}',
      errors: [missing('parse', 1, 17, 22), missing('run', 2, 14, 17), missing('Store', 3, 14, 19), missing('Store.load', 4, 3, 7), missing('Store.of', 5, 10, 12)],
    },
    {
      // An empty tag states nothing; another block tag does not count.
      code: '/**\n * Parses.\n * @complexity\n * @returns the text\n */\nexport function parse(text: string) { return text; }',
      errors: [missing('parse', 6, 17, 22)],
    },
    {
      code: '/** @complexity linear */\nexport function scan() {}\n/** @complexity O(n */\nexport function open() {}\n/** @complexity O() */\nexport function empty() {}',
      errors: [
        { messageId: 'malformedComplexity', data: { name: '"scan"', value: 'linear' }, line: 2, column: 17 },
        { messageId: 'malformedComplexity', data: { name: '"open"', value: 'O(n' }, line: 4, column: 17 },
        { messageId: 'malformedComplexity', data: { name: '"empty"', value: 'O()' }, line: 6, column: 17 },
      ],
    },
    {
      // A comment separated by code documents something else.
      code: '/** @complexity O(1) */\nconst limit = 1;\nexport function run() {}\nfunction helper() {}\nexport { helper };',
      errors: [missing('run', 3, 17, 20), missing('helper', 4, 10, 16)],
    },
    {
      code: 'export async function find() {}\n/** @critical */\nexport function hot() {}\nexport function sync() {}',
      filename: 'src/api/users.ts',
      options: [{ critical: true }],
      errors: [missing('find', 1, 23, 27), missing('hot', 3, 17, 20)],
    },
    {
      name: 'performance-docs-above-decorator: a comment separated from the decorators by code documents something else',
      code: '/** @complexity O(1) */\nconst sealed = (c: unknown) => c;\n@sealed\nexport class Info {}',
      errors: [missing('Info', 4, 14, 18)],
    },
    {
      name: 'performance-docs-above-decorator: a JSDoc without a performance tag above the decorator is still reported, at the name',
      code: '/** Orders. */\n@sealed\nexport class Orders {}',
      errors: [missing('Orders', 3, 14, 20)],
    },
    {
      code: '/** @complexity O(1) */\nexport function run() {}',
      options: [{ tags: ['@performance'] }],
      errors: [{ messageId: 'missingPerformanceDoc', data: { name: '"run"', tags: '`@performance`' }, line: 2, column: 17 }],
    },
  ],
});
