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
  ],
});
