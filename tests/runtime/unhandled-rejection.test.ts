import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runNode, type Finished } from '../run-node.js';

// Whether a rejection counts as handled is decided by the host after the microtask queue drains, so it is
// observed in a child process, as a program sees it: the same scenario runs with the function as written,
// wrapped by `monitored`, and with its body moved into `measure` (the codemod's form), and all three must print
// the same events and exit the same way. `npm test` builds dist/ first.
const RUNTIME_URL = pathToFileURL(path.join(REPO_ROOT, 'dist', 'runtime', 'index.js')).href;

type Form = 'plain' | 'monitored' | 'measure';

const PRELUDE = `
import { measure, monitored, performanceStats } from ${JSON.stringify(RUNTIME_URL)};
const form = process.argv.at(-1);
const boom = new Error('boom');
const log = (line) => console.log(line);
process.on('unhandledRejection', (reason, promise) => log('unhandledRejection ' + (reason === boom ? 'boom' : String(reason))));
process.on('rejectionHandled', () => log('rejectionHandled'));
async function failLater() { await null; await null; throw boom; }
const load = form === 'plain' ? failLater
  : form === 'monitored' ? monitored('load', failLater)
  : async function failLater() { return measure('load', async () => { await null; await null; throw boom; }); };
const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
`;

const SCENARIOS: Readonly<Record<string, string>> = {
  'the caller ignores the promise': `load(); await tick(20); log('end');`,
  'the caller awaits it in try/catch': `try { await load(); } catch (error) { log('caught ' + error.message); } await tick(20); log('end');`,
  'the caller attaches catch at once': `load().catch((error) => log('caught ' + error.message)); await tick(20); log('end');`,
  'the caller attaches catch later in the same tick': `const p = load(); await null; await null; await null; await null; p.catch(() => log('caught')); await tick(20); log('end');`,
  'the caller attaches catch after the host reported it': `const p = load(); await tick(20); p.catch(() => log('caught late')); await tick(20); log('end');`,
  'the caller passes it to Promise.all and awaits that': `try { await Promise.all([load(), tick(1)]); } catch (error) { log('all rejected ' + error.message); } await tick(20); log('end');`,
  'the caller returns it from an async function it ignores': `(async () => load())(); await tick(20); log('end');`,
};

const runs = new Map<string, Promise<Finished>>();

/** Runs one scenario in one form in a fresh Node process; each (prelude, body, form) runs once per test file. */
function runScenario(body: string, form: Form, prelude: string = PRELUDE): Promise<Finished> {
  const key = JSON.stringify([prelude, body, form]);
  let run = runs.get(key);
  if (run === undefined) runs.set(key, (run = runNode(['--input-type=module', '--eval', `${prelude}\n${body}`, form])));
  return run;
}

describe('an unhandled rejection stays unhandled, a handled one stays handled', () => {
  it.each(Object.entries(SCENARIOS))('%s: same events with monitored and measure as without', async (_name: string, body: string) => {
    const [plain, wrapped, measured] = await Promise.all(
      (['plain', 'monitored', 'measure'] as const).map((form: Form): Promise<Finished> => runScenario(body, form)),
    );
    expect(plain?.stderr).toBe('');
    expect(plain?.code).toBe(0);
    expect(wrapped).toEqual(plain);
    expect(measured).toEqual(plain);
  });

  it('prints the expected events for the unwrapped function (the reference the others are held to)', async () => {
    const runs = await Promise.all(
      Object.values(SCENARIOS).map(async (body: string): Promise<string> => (await runScenario(body, 'plain')).stdout),
    );
    expect(runs).toEqual([
      'unhandledRejection boom\nend\n',
      'caught boom\nend\n',
      'caught boom\nend\n',
      'caught\nend\n',
      'unhandledRejection boom\ncaught late\nrejectionHandled\nend\n',
      'all rejected boom\nend\n',
      'unhandledRejection boom\nend\n',
    ]);
  });

  it('without a listener the process still dies of the unhandled rejection, with the same exit code and error', async () => {
    const bare = PRELUDE.replace(/^process\.on\('unhandledRejection'.*$/mu, '');
    const body = `load(); await tick(20); log('end');`;
    const [plain, wrapped, measured] = await Promise.all(
      (['plain', 'monitored', 'measure'] as const).map((form: Form): Promise<Finished> => runScenario(body, form, bare)),
    );
    expect(plain?.code).toBe(1);
    expect(plain?.stdout).toBe('');
    expect(plain?.stderr).toMatch(/Error: boom/u);
    for (const run of [wrapped, measured]) {
      expect(run?.code).toBe(1);
      expect(run?.stdout).toBe('');
      expect(run?.stderr).toMatch(/Error: boom/u);
    }
  });

  it('counts the rejection as an error whether or not the caller handles it', async () => {
    const body = `load(); try { await load(); } catch {} await tick(20); log(JSON.stringify(performanceStats().load));`;
    const wrapped = await runScenario(body, 'monitored');
    const stats = JSON.parse(wrapped.stdout.trim().split('\n').at(-1) ?? '{}') as { count: number; errors: number };
    expect(stats).toMatchObject({ count: 2, errors: 2 });
  });

  it('a plain function returning a promise others may hold gets it back as is, which then counts as handled', async () => {
    // The documented limit: watching a promise needs `then`, and `then` marks it handled. The promise's identity
    // wins for functions that are not async (see docs/runtime.md).
    const body = `
      const shared = Promise.reject(boom);
      const get = form === 'plain' ? () => shared : monitored('get', () => shared);
      log(String(get() === shared));
      await tick(20);
      log(JSON.stringify(performanceStats().get ?? null));`;
    const plain = await runScenario(body, 'plain');
    const wrapped = await runScenario(body, 'monitored');
    expect(plain.stdout).toBe('true\nunhandledRejection boom\nnull\n');
    expect(wrapped.stdout).toMatch(/^true\n\{"count":1,"errors":1,/u);
  });

  it('a sink that throws leaves the call’s result alone; its error surfaces as uncaught afterwards', async () => {
    const body = `
      import('${RUNTIME_URL}').then(({ setPerformanceSink }) => {
        process.on('uncaughtException', (error) => log('uncaught ' + error.message));
        setPerformanceSink({ record() { throw new Error('sink failed'); } });
        log('returned ' + monitored('sum', (a, b) => a + b)(2, 3));
      });`;
    const run = await runScenario(body, 'monitored');
    expect(run.stdout).toBe('returned 5\nuncaught sink failed\n');
    expect(run.code).toBe(0);
  });
});
