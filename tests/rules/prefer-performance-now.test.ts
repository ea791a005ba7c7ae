import rule from '../../rules/prefer-performance-now.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();
const error = (line: number, column: number, clock = 'Date.now()') => ({
  messageId: 'preferPerformanceNow' as const,
  data: { clock },
  line,
  column,
});

ruleTester.run('prefer-performance-now', rule, {
  valid: [
    { name: 'exemption: a stored timestamp', code: 'const createdAt = Date.now(); record.createdAt = createdAt;' },
    { name: 'exemption: a returned timestamp', code: 'function stamp() { const now = Date.now(); return now; }' },
    { name: 'exemption: a sent timestamp', code: 'const sentAt = Date.now(); send({ sentAt });' },
    { name: 'exemption: a deadline compared with the clock', code: 'const deadline = Date.now() + 5000; while (Date.now() < deadline) step();' },
    { name: 'exemption: the remaining time until a deadline', code: 'const deadline = Date.now() + 5000; const left = deadline - Date.now();' },
    { name: 'exemption: an age of stored data', code: 'const age = Date.now() - entry.savedAt;' },
    { name: 'exemption: already performance.now()', code: 'const start = performance.now(); work(); const ms = performance.now() - start;' },
    { name: 'exemption: a date, not a clock read', code: 'const birthday = new Date(2000, 1, 1).getTime(); const age = Date.now() - birthday;' },
    { name: 'exemption: a start reset from something other than the clock', code: 'let start = Date.now(); start = saved; const ms = Date.now() - start;' },
  ],
  invalid: [
    {
      name: 'Date.now() at both ends in one function: autofix',
      code: 'async function f() {\n  const start = Date.now();\n  await work();\n  log(Date.now() - start);\n}',
      output: 'async function f() {\n  const start = performance.now();\n  await work();\n  log(performance.now() - start);\n}',
      errors: [error(2, 17)],
    },
    {
      name: 'new Date().getTime() and two subtractions',
      code: 'const t0 = new Date().getTime();\nstep();\nconst a = new Date().getTime() - t0;\nconst b = Date.now() - t0;',
      output: 'const t0 = performance.now();\nstep();\nconst a = performance.now() - t0;\nconst b = performance.now() - t0;',
      errors: [error(1, 12, 'new Date().getTime()')],
    },
    {
      name: '+new Date() and valueOf',
      code: 'const t0 = +new Date();\nrun();\nconst ms = new Date().valueOf() - t0;',
      output: 'const t0 = performance.now();\nrun();\nconst ms = performance.now() - t0;',
      errors: [error(1, 12, '+new Date()')],
    },
    {
      name: 'a lap timer reset with the clock',
      code: 'let lap = Date.now();\nfor (const s of steps) { s(); record(Date.now() - lap); lap = Date.now(); }',
      output: 'let lap = performance.now();\nfor (const s of steps) { s(); record(performance.now() - lap); lap = performance.now(); }',
      errors: [error(1, 11)],
    },
    {
      name: 'performance imported from node:perf_hooks',
      code: "import { performance } from 'node:perf_hooks';\nconst start = Date.now();\nconst ms = Date.now() - start;",
      output: "import { performance } from 'node:perf_hooks';\nconst start = performance.now();\nconst ms = performance.now() - start;",
      errors: [error(2, 15)],
    },
    {
      name: 'the end in another function: suggestion',
      code: 'const start = Date.now();\nprocess.on("exit", () => console.log(Date.now() - start));',
      output: null,
      errors: [
        {
          ...error(1, 15),
          suggestions: [
            { messageId: 'usePerformanceNow', output: 'const start = performance.now();\nprocess.on("exit", () => console.log(performance.now() - start));' },
          ],
        },
      ],
    },
    {
      name: 'the start also used as a timestamp: suggestion',
      code: 'const start = Date.now();\nwork();\nreport({ start, ms: Date.now() - start });',
      output: null,
      errors: [
        {
          ...error(1, 15),
          suggestions: [{ messageId: 'usePerformanceNow', output: 'const start = performance.now();\nwork();\nreport({ start, ms: performance.now() - start });' }],
        },
      ],
    },
    {
      name: 'an end held in a constant: suggestion',
      code: 'const start = Date.now();\nwork();\nconst end = Date.now();\nconst ms = end - start;',
      output: null,
      errors: [
        {
          ...error(1, 15),
          suggestions: [{ messageId: 'usePerformanceNow', output: 'const start = performance.now();\nwork();\nconst end = performance.now();\nconst ms = end - start;' }],
        },
      ],
    },
    {
      name: 'a local `performance` hides the global: no fix',
      code: 'function f(performance) {\n  const start = Date.now();\n  return Date.now() - start;\n}',
      output: null,
      errors: [error(2, 17)],
    },
  ],
});
