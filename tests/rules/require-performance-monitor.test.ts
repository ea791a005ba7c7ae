import rule from '../../rules/require-performance-monitor.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();

// Files are named relative to the project root (the folder ESLint runs from).
const api = 'src/api/users.ts';
const ui = 'src/ui/view.ts';
const RUNTIME = "import { measure } from 'eslint-plugin-perf-standards/runtime';";

const unmeasured = (name: string, metric: string, line: number, column: number, endColumn: number, output: string) => ({
  messageId: 'unmeasured' as const,
  data: { name: `"${name}"`, monitored: 'monitored', measure: 'measure', metric },
  line,
  column,
  endLine: line,
  endColumn,
  suggestions: [{ messageId: 'wrapWithMeasure' as const, data: { name: `"${name}"`, monitored: 'monitored', measure: 'measure', metric }, output }],
});

ruleTester.run('require-performance-monitor', rule, {
  valid: [
    // Measured: body is `return measure(…)`, `await measure(…)`, a namespace member, a `monitored(…)` wrapper, a decorator.
    { filename: api, code: `${RUNTIME}\nexport async function find(id: string) {\n  return measure('find', async () => id);\n}` },
    { filename: api, code: `${RUNTIME}\nexport async function find(id: string) {\n  const found = await measure('find', async () => id);\n  return found;\n}` },
    { filename: api, code: "import * as perf from 'eslint-plugin-perf-standards/runtime';\nexport const find = async (id: string) => perf.measure('find', async () => id);" },
    { filename: api, code: "import { monitored } from 'eslint-plugin-perf-standards/runtime';\nexport const find = monitored('find', async (id: string) => id);" },
    { filename: api, code: "import { monitored } from 'eslint-plugin-perf-standards/runtime';\nexport class Users {\n  @monitored('find')\n  async find(id: string) { return id; }\n}" },
    // Not critical: sync, private, protected, #private, constructors, accessors, not exported, generators' callers, other folders.
    { filename: api, code: 'export function sync() { return 1; }' },
    // Nothing of their own to time (the codemod leaves them too): empty, checks only, factories.
    { filename: api, code: 'export async function noop() {}\nexport async function commented() {\n  // nothing yet\n}' },
    {
      filename: api,
      options: [{ functions: 'exported' }],
      code: "export function assertPositive(n: number): asserts n {\n  if (n <= 0) throw new RangeError('n');\n}\nexport function fail(message: string): never {\n  throw new Error(message);\n}\nexport function check(v: number) {\n  'use strict';\n  assert(v);\n  assert.ok(v > 0);\n  invariant(v < 10, 'small');\n  console.assert(v !== 3);\n  if (v === 4) { throw new Error('4'); } else if (v === 5) throw new Error('5');\n}",
    },
    {
      // hono's middleware factories: build, then return the function that does the work.
      filename: api,
      options: [{ functions: 'exported' }],
      code: "export const cors = (options?: { origin?: string }) => {\n  const opts = { origin: '*', ...options };\n  if (opts.origin === '') throw new Error('origin');\n  function allow(origin: string) { return origin === opts.origin; }\n  return async function cors(c: { origin: string }) {\n    return allow(c.origin);\n  };\n};\nexport function compose(middleware: readonly ((n: number) => number)[]) {\n  let calls = 0;\n  calls = 1;\n  return ((input: number) => middleware.reduce((value, step) => step(value), input + calls)) as (n: number) => number;\n}\nexport const logger = (prefix: string) => (message: string) => prefix + message;\nexport async function lazy() {\n  return async () => 1;\n}",
    },
    { filename: api, code: 'export class Users {\n  private async a() {}\n  protected async b() {}\n  async #c() {}\n  constructor() {}\n  get d() { return 1; }\n}' },
    { filename: api, code: 'async function local() {}\nclass Hidden { async find() {} }' },
    { filename: ui, code: 'export async function render() {}' },
    { filename: api, code: 'export async function find() {}', options: [{ ignore: ['src/api/**'] }] },
    { filename: api, code: 'export async function find() {}', options: [{ paths: ['src/services/**'] }] },
    // Test files under a critical folder: not critical with the default `paths`.
    ...['src/api/users.test.ts', 'src/services/orders.spec.tsx', 'src/api/__tests__/users.ts', 'test/api/users.ts'].map((filename: string) => ({
      filename,
      code: "import { db } from './db';\nexport async function find(id: string): Promise<string> {\n  return db.get(id);\n}",
    })),
    // A team's own monitor, configured once.
    { filename: api, code: "import { time } from '@acme/perf';\nexport async function find() { return time('find', async () => 1); }", options: [{ monitor: { module: '@acme/perf', measure: 'time' } }] },
    // A project module given from the root, imported relatively.
    { filename: api, code: "import { measure } from '../monitor.js';\nexport async function find() { return measure('find', async () => 1); }", options: [{ monitor: { module: './src/monitor.ts' } }] },
    // Overload signatures have no body; the implementation is measured.
    { filename: api, code: `${RUNTIME}\nexport async function load(id: string): Promise<string>;\nexport async function load(id: string) { return measure('load', async () => id); }` },
  ],
  invalid: [
    {
      filename: api,
      code: "import { db } from './db';\n\nexport async function find(id: string): Promise<string> {\n  return db.get(id);\n}",
      errors: [
        unmeasured(
          'find',
          'src/api/users.ts#find',
          3,
          23,
          27,
          `import { db } from './db';\n${RUNTIME}\n\nexport async function find(id: string): Promise<string> {\n  return measure('src/api/users.ts#find', async () => {\n    return db.get(id);\n  });\n}`,
        ),
      ],
    },
    {
      // Measured by something else: a `measure` that is not the monitor's does not count, and is not shadowed.
      filename: api,
      code: 'const measure = 1;\nexport const find = async () => measure;',
      errors: [
        unmeasured(
          'find',
          'src/api/users.ts#find',
          2,
          14,
          18,
          "import { measure as measure2 } from 'eslint-plugin-perf-standards/runtime';\nconst measure = 1;\nexport const find = async () => measure2('src/api/users.ts#find', async () => measure);",
        ),
      ],
    },
    {
      // Public methods, static ones included, of exported classes; merged into the existing import.
      filename: api,
      code: "import { monitored } from 'eslint-plugin-perf-standards/runtime';\nexport class Users {\n  static async create() { return new Users(); }\n  async find() {\n    return super.toString();\n  }\n}",
      errors: [
        unmeasured(
          'Users.create',
          'src/api/users.ts#Users.create',
          3,
          16,
          22,
          "import { monitored, measure } from 'eslint-plugin-perf-standards/runtime';\nexport class Users {\n  static async create() { return measure('src/api/users.ts#Users.create', async () => { return new Users(); }); }\n  async find() {\n    return super.toString();\n  }\n}",
        ),
        unmeasured(
          'Users.find',
          'src/api/users.ts#Users.prototype.find',
          4,
          9,
          13,
          "import { monitored, measure } from 'eslint-plugin-perf-standards/runtime';\nexport class Users {\n  static async create() { return new Users(); }\n  async find() {\n    return measure('src/api/users.ts#Users.prototype.find', async () => {\n      return super.toString();\n    });\n  }\n}",
        ),
      ],
    },
    {
      // `functions: "exported"`: sync ones too; `export { … }` and default exports count; double quotes, no semicolons.
      filename: api,
      options: [{ functions: 'exported' }],
      code: 'import { x } from "./x"\nfunction total(a, b) {\n  "use strict"\n  return a + b\n}\nexport { total }\nexport default function () { return x }',
      errors: [
        unmeasured(
          'total',
          'src/api/users.ts#total',
          2,
          10,
          15,
          'import { x } from "./x"\nimport { measure } from "eslint-plugin-perf-standards/runtime"\nfunction total(a, b) {\n  "use strict"\n  return measure("src/api/users.ts#total", () => {\n    return a + b\n  })\n}\nexport { total }\nexport default function () { return x }',
        ),
        {
          messageId: 'unmeasured',
          data: { name: '"default"', monitored: 'monitored', measure: 'measure', metric: 'src/api/users.ts#default' },
          line: 7,
          column: 1,
          endLine: 7,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'wrapWithMeasure',
              data: { name: '"default"', monitored: 'monitored', measure: 'measure', metric: 'src/api/users.ts#default' },
              output:
                'import { x } from "./x"\nimport { measure } from "eslint-plugin-perf-standards/runtime"\nfunction total(a, b) {\n  "use strict"\n  return a + b\n}\nexport { total }\nexport default function () { return measure("src/api/users.ts#default", () => { return x }) }',
            },
          ],
        },
      ],
    },
    {
      // The tag makes any function critical, anywhere; nested ones are named after the enclosing one.
      filename: ui,
      code: 'export function render() {\n  /** @critical */\n  const layout = () => 1;\n  return layout();\n}',
      errors: [
        unmeasured(
          'layout',
          'src/ui/view.ts#render.layout',
          3,
          9,
          15,
          `${RUNTIME}\nexport function render() {\n  /** @critical */\n  const layout = () => measure('src/ui/view.ts#render.layout', () => 1);\n  return layout();\n}`,
        ),
      ],
    },
    {
      // A custom tag, and `functions: "async"` reaching non-exported functions; the project module is imported relatively.
      filename: ui,
      options: [{ tag: 'hot', functions: 'async', paths: ['src/**'], monitor: { module: './lib/monitor.js' } }],
      code: 'async function refresh() { return 1; }\n/** @hot */\nfunction paint() { return 2; }\nexport {};',
      errors: [
        unmeasured('refresh', 'src/ui/view.ts#refresh', 1, 16, 23, "import { measure } from '../../lib/monitor.js';\nasync function refresh() { return measure('src/ui/view.ts#refresh', async () => { return 1; }); }\n/** @hot */\nfunction paint() { return 2; }\nexport {};"),
        unmeasured('paint', 'src/ui/view.ts#paint', 3, 10, 15, "import { measure } from '../../lib/monitor.js';\nasync function refresh() { return 1; }\n/** @hot */\nfunction paint() { return measure('src/ui/view.ts#paint', () => { return 2; }); }\nexport {};"),
      ],
    },
    {
      // Factories that work before returning are critical: an `await`, a call statement.
      filename: api,
      options: [{ functions: 'exported' }],
      code: 'export async function connect(open: () => Promise<() => void>) {\n  const close = await open();\n  return () => close();\n}\nexport function start(listen: () => void) {\n  listen();\n  return () => 1;\n}',
      errors: [
        unmeasured('connect', 'src/api/users.ts#connect', 1, 23, 30, `${RUNTIME}\nexport async function connect(open: () => Promise<() => void>) {\n  return measure('src/api/users.ts#connect', async () => {\n    const close = await open();\n    return () => close();\n  });\n}\nexport function start(listen: () => void) {\n  listen();\n  return () => 1;\n}`),
        unmeasured('start', 'src/api/users.ts#start', 5, 17, 22, `${RUNTIME}\nexport async function connect(open: () => Promise<() => void>) {\n  const close = await open();\n  return () => close();\n}\nexport function start(listen: () => void) {\n  return measure('src/api/users.ts#start', () => {\n    listen();\n    return () => 1;\n  });\n}`),
      ],
    },
    {
      // A `@ts-expect-error` over a returned value: the callback states the return type, so the error stays on the covered line.
      filename: api,
      code: 'export async function load(get: () => Promise<{ value: string }>): Promise<number> {\n  const row = await get();\n  // @ts-expect-error the value is a string\n  return row.value;\n}',
      errors: [
        unmeasured('load', 'src/api/users.ts#load', 1, 23, 27, `${RUNTIME}\nexport async function load(get: () => Promise<{ value: string }>): Promise<number> {\n  return measure('src/api/users.ts#load', async (): Promise<number> => {\n    const row = await get();\n    // @ts-expect-error the value is a string\n    return row.value;\n  });\n}`),
      ],
    },
    {
      // The same over a value whose type may come from the context, or a type predicate: left to a human, and why.
      filename: api,
      options: [{ functions: 'exported' }],
      code: 'export const load: () => number = () => {\n  // @ts-ignore\n  return "1";\n};\nexport function isText(value: unknown): value is string {\n  /* @ts-expect-error */\n  return value.length >= 0;\n}',
      errors: [
        {
          messageId: 'unmeasuredByHand',
          data: { name: '"load"', measure: 'measure', reason: 'a `@ts-expect-error` or `@ts-ignore` comment covers a value it returns, and that error would move to the new `return measure(…)` (its return type may come from where it is assigned)' },
          line: 1,
          column: 14,
          suggestions: [],
        },
        {
          messageId: 'unmeasuredByHand',
          data: { name: '"isText"', measure: 'measure', reason: 'a `@ts-expect-error` or `@ts-ignore` comment covers a value it returns, and that error would move to the new `return measure(…)` (a type predicate cannot annotate the callback)' },
          line: 5,
          column: 17,
          suggestions: [],
        },
      ],
    },
    {
      // Generators and bodies that mean something else inside a callback: reported, no suggestion, and why.
      filename: api,
      code: 'export async function* stream() {\n  yield 1;\n}\nexport async function legacy(a) {\n  var a;\n  return a;\n}',
      errors: [
        {
          messageId: 'unmeasuredByHand',
          data: { name: '"stream"', measure: 'measure', reason: 'it is a generator, and a wrapper would time only the creation of its iterator' },
          line: 1,
          column: 24,
          suggestions: [],
        },
        {
          messageId: 'unmeasuredByHand',
          data: { name: '"legacy"', measure: 'measure', reason: 'a `var` in its body re-declares parameter `a`, which would start undefined inside the callback' },
          line: 4,
          column: 23,
          suggestions: [],
        },
      ],
    },
  ],
});
