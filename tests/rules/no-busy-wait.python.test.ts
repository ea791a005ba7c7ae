import rule from '../../rules/no-busy-wait.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

const POLLING =
  'Wait for the condition itself instead of polling it: await an `asyncio.Event` or a future the producer sets (in threads, `threading.Event.wait`), and bound the wait with `asyncio.timeout(…)`.';
const SPINNING = 'Sleep (`await asyncio.sleep(…)`, or `time.sleep(…)` outside async code) or wait for an event instead of spinning on the clock, which keeps a CPU core busy.';
const BLOCKING = 'Use `await asyncio.sleep(…)` instead of `time.sleep(…)` in an `async def`: it blocks the event loop and every task on it.';

pythonRuleTester.run('no-busy-wait (Python)', asEslintRule(rule), pythonCases({
  valid: [
    // Real work per iteration, paced (rate limiting).
    'import time\ndef drain(queue: Queue) -> None:\n    while queue:\n        process(queue.pop())\n        time.sleep(0.1)',
    // A heartbeat without a condition.
    'import asyncio\nasync def beat() -> None:\n    while True:\n        await asyncio.sleep(1)',
    // Waiting on the producer (a queue), not a pause.
    'import asyncio\nasync def consume(queue: asyncio.Queue) -> None:\n    while not stopped():\n        item = await queue.get()',
    // Retry around real work (try/except).
    'import time\ndef fetch() -> bytes:\n    while True:\n        try:\n            return get()\n        except OSError:\n            time.sleep(1)',
    // time.sleep outside async code, or asyncio.sleep inside it; a local `time`.
    'import time\ndef pause() -> None:\n    time.sleep(1)',
    'import asyncio\nasync def pause() -> None:\n    await asyncio.sleep(1)',
    'async def pause(time: Clock) -> None:\n    time.sleep(1)',
    // A nested sync function inside an async def may block its own thread.
    'import time\nasync def run() -> None:\n    def worker() -> None:\n        time.sleep(1)\n    await to_thread(worker)',
  ],
  invalid: [
    {
      code: 'import time\n\ndef wait_for(job: Job) -> None:\n    while not job.done():\n        time.sleep(0.5)',
      errors: [{ message: POLLING, line: 4, column: 5, endLine: 5, endColumn: 24 }],
    },
    {
      code: 'import asyncio\n\nasync def wait_for(job: Job) -> None:\n    while True:\n        state = await job.status()\n        if state == "done":\n            break\n        await asyncio.sleep(1)',
      errors: [{ message: POLLING, line: 4, column: 5 }],
    },
    {
      code: 'import time\n\ndef spin(seconds: float) -> None:\n    end = time.monotonic() + seconds\n    while time.monotonic() < end:\n        pass',
      errors: [{ message: SPINNING, line: 5, column: 5 }],
    },
    {
      code: 'import time\n\nasync def handler() -> None:\n    time.sleep(1)',
      errors: [{ message: BLOCKING, line: 4, column: 5, endColumn: 18 }],
    },
    {
      // Through an alias, and polling with a blocking sleep in a coroutine: both reported.
      code: 'from time import sleep as nap\n\nasync def wait_for(job: Job) -> None:\n    while not job.done():\n        nap(1)',
      options: [{ pauses: { add: ['nap'] } }],
      errors: [
        { message: POLLING, line: 4, column: 5 },
        { message: BLOCKING, line: 5, column: 9 },
      ],
    },
  ],
}));
