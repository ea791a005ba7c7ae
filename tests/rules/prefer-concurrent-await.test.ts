import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../rules/prefer-concurrent-await.js';
import { RuleTester } from '../rule-tester.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/concurrency-and-timing');
const plain = new RuleTester();
const typed = new RuleTester({
  languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.ts*'] }, tsconfigRootDir: fixtureDir } },
});

const error = (line: number, column: number) => ({ messageId: 'preferConcurrentAwait' as const, line, column });

plain.run('prefer-concurrent-await', rule, {
  valid: [
    {
      name: 'exemption: loop-carried dependency (a total written every iteration)',
      code: 'async function f(ids) { let total = 0; for (const id of ids) { total += await size(id); } return total; }',
    },
    {
      name: 'exemption: loop-carried dependency (the previous result feeds the next call)',
      code: 'async function f(pages) { let cursor = null; for (const page of pages) { cursor = await fetchPage(page, cursor); } }',
    },
    {
      name: 'exemption: loop-carried dependency (a set read and filled: deduplication)',
      code: 'async function f(urls) { const seen = new Set(); for (const url of urls) { if (seen.has(url)) continue; seen.add(url); await get(url); } }',
    },
    {
      name: 'exemption: loop-carried dependency (a queue consumed while it grows)',
      code: 'async function f(queue) { for (const job of queue) { const more = await run(job); queue.push(...more); } }',
    },
    {
      name: 'exemption: loop-carried dependency (state on `this`)',
      code: 'class A { async f(ids) { for (const id of ids) { this.count += await size(id); } } }',
    },
    {
      name: 'exemption: loop-carried dependency (a `var` declared in the body is one binding for every iteration)',
      code: 'async function f(ids) { for (const id of ids) { var last = await load(id, last); } }',
    },
    {
      name: 'exemption: loop-carried dependency (the counter changes in the body)',
      code: 'async function f(items) { for (let i = 0; i < items.length; i++) { if (await skip(items[i])) i++; } }',
    },
    {
      name: 'exemption: early exit on an awaited value (break)',
      code: 'async function f(urls) { for (const url of urls) { const response = await fetch(url); if (response.ok) break; } }',
    },
    {
      name: 'exemption: early exit on an awaited value (return, eslint/eslint#14700)',
      code: 'async function first(keys) { for (const key of keys) { const value = await cache.get(key); if (value) return value; } return null; }',
    },
    {
      name: 'exemption: early exit on an awaited value (throw)',
      code: 'async function f(files) { for (const file of files) { const ok = await check(file); if (!ok) throw new Error(file); } }',
    },
    {
      name: 'exemption: early exit before the await (from the second iteration on it follows earlier awaits)',
      code: 'async function f(pools) { for (const pool of pools) { if (cancelled) return; await start(pool); } }',
    },
    {
      name: 'exemption: ordered collection (teardown in reverse)',
      code: 'async function f(resources) { for (const resource of resources.reverse()) { await close(resource); } }',
    },
    {
      name: 'exemption: ordered collection (sorted hooks)',
      code: 'async function f(config, server) { for (const hook of config.getSortedPluginHooks("configureServer")) { await run(hook, server); } }',
    },
    {
      name: 'exemption: the item is the work (hooks run in order)',
      code: 'async function f(hooks, context) { for (const hook of hooks) { await hook(context); } }',
    },
    {
      name: 'exemption: the item is the work (a method of the item)',
      code: 'async function f(plugins, env) { for (const plugin of plugins) { await plugin.applyTo(env); } }',
    },
    {
      name: 'exemption: a method of the same object (shared instance state)',
      code: 'class R { async f(files) { for (const file of files) { await this.reportFile(file); } } }',
    },
    {
      name: 'exemption: a recursive call (a walk that fills shared state)',
      code: 'async function merge(configs) { for (const config of configs) { await merge(config.children); } }',
    },
    {
      name: 'exemption: a call handed shared context (an outer variable may change for the next item)',
      code: 'async function f(statements, state) { for (const statement of statements) { await resolveImport(statement, state); } }',
    },
    {
      name: 'exemption: a wrapper that runs a callback decides the scheduling',
      code: 'async function f(files, runner) { for (const file of files) { await trace("run", { file }, () => run(file)); } }',
    },
    {
      name: 'exemption: one ordered call makes the whole iteration ordered',
      code: 'async function f(plugins, env) { for (const plugin of plugins) { const applied = await plugin.apply(env); await flatten(applied); } }',
    },
    {
      name: 'exemption: the parallel branch of an if runs Promise.all, the loop is the sequential mode',
      code: 'async function f(files, parallel) { if (parallel) { await Promise.all(files.map(load)); } else { for (const file of files) { await load(file); } } }',
    },
    {
      name: 'exemption: Object.assign into an outer object carries state',
      code: 'async function f(overrides) { const rules = {}; for (const o of overrides) { Object.assign(rules, o.rules); const more = await resolve(o.extends); use(more); } }',
    },
    {
      name: 'exemption: batches that are already concurrent',
      code: 'async function f(groups) { for (const group of groups) { await Promise.all(group.map(resolve)); } }',
    },
    {
      name: 'exemption: sequential call by prefix (`*.log*`: output stays in order)',
      code: 'async function f(lines, logger) { for (const line of lines) { await logger.logLine(line); } }',
    },
    {
      name: 'exemption: retry counter',
      code: 'async function f() { for (let attempt = 0; attempt < 3; attempt++) { await connect(attempt); } }',
    },
    {
      name: 'exemption: retry with backoff (the loop pauses)',
      code: 'async function f(jobs) { for (const job of jobs) { try { await run(job); } catch { await sleep(1000); } } }',
    },
    {
      name: 'exemption: rate limiting (the loop pauses between calls)',
      code: "async function f(ids) { for (const id of ids) { await post(id); await new Promise((resolve) => setTimeout(resolve, 100)); } }",
    },
    {
      name: 'exemption: polling (a condition loop, not a loop over a collection)',
      code: 'async function f() { while (!(await ready())) { await check(); } }',
    },
    {
      name: 'exemption: polling (do…while)',
      code: 'async function f(job) { let state; do { state = await status(job); } while (state !== "done"); }',
    },
    {
      name: 'exemption: for await',
      code: 'async function f(stream) { for await (const chunk of stream) { await write(chunk); } }',
    },
    {
      name: 'exemption: a `for` that is not a counting loop',
      code: 'async function f(node) { for (let n = node; n; n = n.next) { await visit(n); } }',
    },
    {
      name: 'exemption: sequential call (writes to one stream stay in order)',
      code: 'async function f(lines, out) { for (const line of lines) { await out.write(line); } }',
    },
    {
      name: 'exemption: sequential plain call (an imported helper that sends or writes)',
      code: 'import { sendMail, writeRow } from "./io.js";\nasync function f(users) { for (const user of users) { await sendMail(user); } for (const user of users) { await writeRow(user); } }',
    },
    {
      name: 'exemption: sequential call (transactions)',
      code: 'async function f(rows, db) { for (const row of rows) { await db.transaction(async (tx) => tx.insert(row)); } }',
    },
    {
      name: 'exemption: sequential call added by the user',
      code: 'async function f(files, bucket) { for (const file of files) { await bucket.upload(file); } }',
      options: [{ sequential: { add: ['*.upload'] } }],
    },
    {
      name: 'exemption: synchronous I/O in the body (iterations share the files it changes)',
      code: 'async function f(strategies) { for (const s of strategies) { rmSync(dir, { recursive: true }); expect(await lint(s)).toEqual([]); writeFileSync(file, s); } }',
    },
    {
      name: 'exemption: the same call each iteration (nothing per item is awaited)',
      code: 'async function f(items) { for (const item of items) { use(item); await flush(); } }',
    },
    {
      name: 'exemption: awaiting promises already started (zod’s mergeObjectAsync)',
      code: 'async function f(pairs) { const out = []; for (const pair of pairs) { const key = await pair.key; const value = await pair.value; out.push({ key, value }); } return out; }',
    },
    {
      name: 'exemption: async generator yielding in order',
      code: 'async function* f(ids) { for (const id of ids) { yield await load(id); } }',
    },
    {
      name: 'an await in a nested function is that function’s own',
      code: 'function f(ids) { for (const id of ids) { queue(async () => { await load(id); }); } }',
    },
    {
      name: 'the iterated expression is awaited once, not per iteration',
      code: 'async function f() { for (const id of await list()) { use(id); } }',
    },
    {
      name: 'concurrent-await-destructured-member: a variable written by array destructuring',
      code: 'async function f(ids) { let total = 0; for (const id of ids) { [total] = [total + (await size(id))]; } return total; }',
    },
    {
      name: 'concurrent-await-destructured-member: a variable written by object destructuring',
      code: 'async function f(ids) { let newest = ""; for (const id of ids) { ({ stamp: newest } = await load(id)); } return newest; }',
    },
    {
      name: "concurrent-await-destructured-member: an outer object's member as an object-pattern target",
      code: 'async function f(ids) { const state = { owner: null }; for (const id of ids) { ({ owner: state.owner } = await load(id)); } return state.owner; }',
    },
    {
      name: "concurrent-await-destructured-member: an outer object's member as an array-pattern target, with a default",
      code: 'async function f(ids) { const last = {}; for (const id of ids) { [last.value = 0] = await load(id); } return last; }',
    },
    {
      name: "concurrent-await-destructured-member: a nested member target behind a rest element",
      code: 'async function f(ids) { const acc = { rest: {} }; for (const id of ids) { ({ id: acc.first, ...acc.rest.items } = await load(id)); } }',
    },
    {
      name: 'concurrent-await-destructured-member: a member of `this` as a pattern target',
      code: 'class A { async f(ids) { for (const id of ids) { [this.last] = [await load(id)]; } } }',
    },
    {
      name: 'concurrent-await-aliased-pause: setTimeout from node:timers/promises imported under another name',
      code: 'import { setTimeout as throttle } from "node:timers/promises";\nasync function f(users, post) { const out = []; for (const user of users) { out.push(await post(user)); await throttle(20); } return out; }',
    },
    {
      name: 'concurrent-await-aliased-pause: a namespace import of timers/promises under any name',
      code: 'import * as clock from "timers/promises";\nasync function f(hosts, ping) { const out = []; for (const host of hosts) { out.push(await ping(host)); await clock.setTimeout(20); } return out; }',
    },
    {
      name: 'concurrent-await-aliased-pause: a default import, scheduler.wait',
      code: 'import t from "node:timers/promises";\nasync function f(ids) { for (const id of ids) { await send(id); await t.scheduler.wait(20); } }',
    },
    {
      name: 'concurrent-await-aliased-pause: the scheduler export under an alias',
      code: 'import { scheduler as s } from "node:timers/promises";\nasync function f(ids) { for (const id of ids) { await put(id); await s.wait(20); } }',
    },
    {
      name: 'concurrent-await-aliased-pause: setImmediate destructured from require under an alias',
      code: 'const { setImmediate: yieldNow } = require("timers/promises");\nasync function f(ids) { for (const id of ids) { await put(id); await yieldNow(); } }',
    },
    {
      name: 'concurrent-await-aliased-pause: the whole module required, an alias of setTimeout from a dynamic import',
      code: 'async function f(ids) { const { setTimeout: gap } = await import("node:timers/promises"); for (const id of ids) { await put(id); await gap(5); } }',
    },
    {
      name: 'a pause removed from the list no longer exempts, but sequential defaults still do',
      code: 'async function f(lines, out) { for (const line of lines) { await out.write(line); await sleep(1); } }',
      options: [{ pauses: { remove: ['sleep'] } }],
    },
  ],
  invalid: [
    {
      name: 'collecting by push',
      code: 'async function f(urls) {\n  const pages = [];\n  for (const url of urls) {\n    pages.push(await fetch(url));\n  }\n  return pages;\n}',
      errors: [error(4, 16)],
    },
    {
      name: 'collecting by index',
      code: 'async function f(ids) {\n  const users = [];\n  for (let i = 0; i < ids.length; i++) {\n    users[i] = await loadUser(ids[i]);\n  }\n  return users;\n}',
      errors: [error(4, 16)],
    },
    {
      name: 'collecting by key in for…in',
      code: 'async function f(sources) { const out = {}; for (const key in sources) { out[key] = await read(sources[key]); } return out; }',
      errors: [error(1, 85)],
    },
    {
      name: 'side effects per item, two awaits',
      code: 'async function f(files) {\n  for (const file of files) {\n    const text = await read(file);\n    await save(file, text);\n  }\n}',
      errors: [error(3, 18), error(4, 5)],
    },
    {
      name: 'a `continue` is not an exit',
      code: 'async function f(ids) { for (const id of ids) { if (!id) continue; await remove(id); } }',
      errors: [error(1, 68)],
    },
    {
      name: 'errors collected in a catch',
      code: 'async function f(urls) { const errors = []; for (const url of urls) { try { await ping(url); } catch (e) { errors.push(e); } } return errors; }',
      errors: [error(1, 77)],
    },
    {
      name: 'the sequential default removed by the user',
      code: 'async function f(lines, out) { for (const line of lines) { await out.write(line); } }',
      options: [{ sequential: { remove: ['*.write*'] } }],
      errors: [error(1, 60)],
    },
    {
      name: 'the plain sequential default removed by the user, the method kept',
      code: 'async function f(users) { for (const user of users) { await sendMail(user); } }',
      options: [{ sequential: { remove: ['send*'] } }],
      errors: [error(1, 55)],
    },
    {
      name: 'concurrent-await-aliased-pause: a pause is known by its origin, not its name (a local `throttle` does not pause)',
      code: 'import { throttle } from "./limits.js";\nasync function f(ids) { for (const id of ids) { await put(id); await throttle(id); } }',
      errors: [error(2, 49), error(2, 64)],
    },
    {
      name: 'concurrent-await-aliased-pause: a timers/promises export that does not pause (setInterval) does not exempt',
      code: 'import { setInterval as tick } from "node:timers/promises";\nasync function f(ids) { for (const id of ids) { await put(id); tick(id); } }',
      errors: [error(2, 49)],
    },
    {
      name: 'concurrent-await-aliased-pause: an alias shadowed by a local binding is not the timer',
      code: 'import { setTimeout as gap } from "node:timers/promises";\nasync function f(ids, gap) { for (const id of ids) { await put(id); await gap(id); } }',
      errors: [error(2, 54), error(2, 69)],
    },
    {
      name: "concurrent-await-destructured-member: destructuring into the iteration's own object is not carried",
      code: 'async function f(ids) { for (const id of ids) { const row = {}; ({ owner: row.owner } = await load(id)); use(row); } }',
      errors: [error(1, 89)],
    },
    {
      name: 'an inner loop is judged on its own',
      code: 'async function f(groups) { for (const group of groups) { let n = 0; for (const id of group) { await drop(id); } n++; } }',
      errors: [error(1, 95)],
    },
  ],
});

typed.run('prefer-concurrent-await (with type information)', rule, {
  valid: [
    {
      name: 'with types: an await of a value that is not a promise does not count',
      code: 'declare function size(id: string): number;\nexport async function f(ids: string[]): Promise<void> { for (const id of ids) { await size(id); } }',
    },
  ],
  invalid: [
    {
      name: 'with types: an await of a promise counts',
      code: 'declare function size(id: string): Promise<number>;\nexport async function f(ids: string[]): Promise<void> { for (const id of ids) { await size(id); } }',
      errors: [error(2, 81)],
    },
  ],
});
