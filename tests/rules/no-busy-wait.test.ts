import rule from '../../rules/no-busy-wait.js';
import { RuleTester } from '../rule-tester.js';

const ruleTester = new RuleTester();
const polling = (line: number, column: number) => ({ messageId: 'pollingLoop' as const, line, column });
const spinning = (line: number, column: number) => ({ messageId: 'spinLoop' as const, line, column });

ruleTester.run('no-busy-wait', rule, {
  valid: [
    {
      name: 'exemption: real work per iteration, paced for rate limiting',
      code: 'async function f(queue) { while (queue.length > 0) { await send(queue.shift()); await sleep(100); } }',
    },
    {
      name: 'exemption: retry with backoff around real work',
      code: 'async function f() { for (let attempt = 0; attempt < 5; attempt++) { try { return await connect(); } catch { await sleep(2 ** attempt * 100); } } }',
    },
    {
      name: 'exemption: a loop over a collection that pauses between items',
      code: 'async function f(ids) { for (const id of ids) { await sleep(50); } }',
    },
    {
      name: 'exemption: a counting loop of pauses is a long sleep, not a wait on a condition',
      code: 'async function f() { for (let i = 0; i < 10; i++) { await sleep(100); } }',
    },
    {
      name: 'exemption: a heartbeat without a condition',
      code: 'async function f() { while (true) { await sleep(1000); } }',
    },
    {
      name: 'exemption: a loop that checks without pausing or reading the clock',
      code: 'function f(node) { while (node.next) node = node.next; }',
    },
    {
      name: 'exemption: a pause removed from the list',
      code: 'async function f() { while (!ready()) await sleep(100); }',
      options: [{ pauses: { remove: ['sleep'] } }],
    },
    {
      name: 'busy-wait-clock-spin: real work under a time budget is not a spin (a call per iteration)',
      code: 'function f(queue, budget) { const end = Date.now() + budget; let done = 0; while (Date.now() < end && queue.length > 0) { done += handle(queue.shift()); } return done; }',
    },
    {
      name: 'busy-wait-clock-spin: real work under a time budget in a counting for is not a spin',
      code: 'function f(items, end) { const out = []; for (let i = 0; i < items.length && performance.now() < end; i++) { out.push(render(items[i])); } return out; }',
    },
    {
      name: 'busy-wait-clock-spin: a computed step is work, not a counter bump',
      code: 'function f(end) { let total = 0; while (Date.now() < end) { total += step(total); } return total; }',
    },
    {
      name: 'exemption: awaiting an event, not a pause',
      code: 'async function f(emitter) { while (!done) { await once(emitter, "change"); } }',
    },
  ],
  invalid: [
    {
      name: 'while (!ready()) await sleep(n)',
      code: 'async function f() {\n  while (!ready()) await sleep(100);\n}',
      errors: [polling(2, 3)],
    },
    {
      name: 'while (true) with a break and a hand-made timer promise',
      code: 'async function f() {\n  while (true) {\n    if (isDone()) break;\n    await new Promise((r) => setTimeout(r, 50));\n  }\n}',
      errors: [polling(2, 3)],
    },
    {
      name: 'do…while polling a status read each time',
      code: 'async function f(job) {\n  let state;\n  do {\n    state = await status(job);\n    await delay(1000);\n  } while (state !== "done");\n}',
      errors: [polling(3, 3)],
    },
    {
      name: 'timers/promises setTimeout as a method, for(;;) with a return',
      code: 'async function f() {\n  for (;;) {\n    const value = read();\n    if (value) return value;\n    await timers.setTimeout(10);\n  }\n}',
      errors: [polling(2, 3)],
    },
    {
      name: 'a pause added by the user',
      code: 'async function f() { while (!ready()) await nap(5); }',
      options: [{ pauses: { add: ['nap'] } }],
      errors: [polling(1, 22)],
    },
    {
      name: 'a synchronous spin on Date.now()',
      code: 'function wait(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}',
      errors: [spinning(3, 3)],
    },
    {
      name: 'a synchronous spin on performance.now() with a break',
      code: 'function wait(ms) {\n  const start = performance.now();\n  for (;;) {\n    const now = performance.now();\n    if (now - start >= ms) break;\n  }\n}',
      errors: [spinning(3, 3)],
    },
    {
      name: 'busy-wait-clock-spin: Date objects compared, a counter bumped in the body (SonarJS#1275)',
      code: 'function hold(ms) {\n  let spins = 0;\n  const until = new Date(new Date().getTime() + ms);\n  while (until > new Date()) {\n    spins += 1;\n  }\n  return spins;\n}',
      errors: [spinning(4, 3)],
    },
    {
      name: 'busy-wait-clock-spin: a counter bumped by ++ and by `n = n + 1`',
      code: 'function hold(end) {\n  let a = 0, b = 0;\n  do {\n    a++;\n    b = b + 1;\n  } while (performance.now() < end);\n}',
      errors: [spinning(3, 3)],
    },
    {
      name: 'busy-wait-clock-spin: the clock read into a variable in the body',
      code: 'function hold(ms) {\n  const end = Date.now() + ms;\n  let now = Date.now();\n  while (now < end) {\n    now = Date.now();\n  }\n}',
      errors: [spinning(4, 3)],
    },
    {
      name: 'busy-wait-clock-spin: for (;;) with a clock exit',
      code: 'function hold(ms) {\n  const end = performance.now() + ms;\n  for (;;) {\n    if (performance.now() >= end) break;\n  }\n}',
      errors: [spinning(3, 3)],
    },
    {
      name: 'busy-wait-clock-spin: a counting for whose test reads the clock',
      code: 'function hold(end) {\n  for (let n = 0; process.hrtime.bigint() < end; n++) {}\n}',
      errors: [spinning(2, 3)],
    },
    {
      name: 'concurrent-await-aliased-pause: polling with setTimeout from node:timers/promises under an alias',
      code: 'import { setTimeout as nap } from "node:timers/promises";\nasync function f() {\n  while (!ready()) await nap(100);\n}',
      errors: [polling(3, 3)],
    },
    {
      name: 'concurrent-await-aliased-pause: polling with scheduler.wait required from timers/promises',
      code: 'const { scheduler: s } = require("timers/promises");\nasync function f() {\n  while (!ready()) await s.wait(100);\n}',
      errors: [polling(3, 3)],
    },
  ],
});
