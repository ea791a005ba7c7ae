import rule from '../../rules/prefer-performance-now.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

const MESSAGE = (clock: string): string =>
  `Measure this duration with \`time.perf_counter()\` at both ends instead of \`${clock}\`, which jumps when the system clock is adjusted.`;
const USE = 'Read both ends of the duration with `time.perf_counter()`.';
const USE_TIMEDELTA = 'Read both ends of the duration with `time.perf_counter()` (the duration becomes seconds as a float, not a `timedelta`).';

pythonRuleTester.run('prefer-performance-now (Python)', asEslintRule(rule), pythonCases({
  valid: [
    // `end` is not only a clock read: no duration of the wall clock is known.
    'import time\n\ndef run(end: float) -> float:\n    start = time.time()\n    return end - start',
    'import time\ndef run() -> float:\n    start = time.perf_counter()\n    work()\n    return time.perf_counter() - start',
    // A timestamp (stored, compared), not a duration.
    'import time\ndef stamp() -> dict:\n    created = time.time()\n    return {"created": created}',
    'import time\ndef expired(deadline: float) -> bool:\n    now = time.time()\n    return now > deadline',
    // A local `time` is not the module.
    'def run(time: object) -> float:\n    start = time.time()\n    return time.time() - start',
    // Restarted from something that is not the clock.
    'import time\ndef run(saved: float) -> float:\n    start = time.time()\n    start = saved\n    return time.time() - start',
  ],
  invalid: [
    {
      code: 'import time\n\ndef run() -> float:\n    start = time.time()\n    work()\n    return time.time() - start',
      output: 'import time\n\ndef run() -> float:\n    start = time.perf_counter()\n    work()\n    return time.perf_counter() - start',
      errors: [{ message: MESSAGE('time.time()'), line: 4, column: 13, endLine: 4, endColumn: 24 }],
    },
    {
      // Through an alias; the duration is also logged, so a suggestion only.
      code: 'import time as t\n\ndef run() -> None:\n    began = t.time()\n    work()\n    log(began, t.time() - began)',
      errors: [
        {
          message: MESSAGE('t.time()'),
          line: 4,
          column: 13,
          suggestions: [{ desc: USE, output: 'import time as t\n\ndef run() -> None:\n    began = t.perf_counter()\n    work()\n    log(began, t.perf_counter() - began)' }],
        },
      ],
    },
    {
      // `from time import time`: perf_counter joins that import.
      code: 'from time import time\n\ndef run() -> float:\n    start = time()\n    return time() - start',
      output: 'from time import time, perf_counter\n\ndef run() -> float:\n    start = perf_counter()\n    return perf_counter() - start',
      errors: [{ message: MESSAGE('time()'), line: 4, column: 13 }],
    },
    {
      // No import yet: `import time` goes after the module docstring, which stays `__doc__`.
      code: '"""Timing."""\n\n\ndef run() -> float:\n    from time import time as now\n    start = now()\n    return now() - start',
      output: '"""Timing."""\n\n\nimport time\n\n\ndef run() -> float:\n    from time import time as now\n    start = time.perf_counter()\n    return time.perf_counter() - start',
      errors: [{ message: MESSAGE('now()'), line: 6, column: 13 }],
    },
    {
      // Already imported perf_counter under a name: used as is.
      code: 'import time\nfrom time import perf_counter as pc\n\ndef run() -> float:\n    start = time.time()\n    return time.time() - start',
      output: 'import time\nfrom time import perf_counter as pc\n\ndef run() -> float:\n    start = time.perf_counter()\n    return time.perf_counter() - start',
      errors: [{ message: MESSAGE('time.time()'), line: 5 }],
    },
    {
      // Both ends in names (`t1 - t0`): reported; `t1` may be read as a timestamp elsewhere, so a suggestion.
      code: 'import time\n\ndef run() -> float:\n    t0 = time.time()\n    work()\n    t1 = time.time()\n    return t1 - t0',
      errors: [
        {
          message: MESSAGE('time.time()'),
          line: 4,
          column: 10,
          suggestions: [{ desc: USE, output: 'import time\n\ndef run() -> float:\n    t0 = time.perf_counter()\n    work()\n    t1 = time.perf_counter()\n    return t1 - t0' }],
        },
      ],
    },
    {
      // The end is in another function: a suggestion.
      code: 'import time\nstart = time.time()\n\ndef elapsed() -> float:\n    return time.time() - start',
      errors: [
        { message: MESSAGE('time.time()'), line: 2, column: 9, suggestions: [{ desc: USE, output: 'import time\nstart = time.perf_counter()\n\ndef elapsed() -> float:\n    return time.perf_counter() - start' }] },
      ],
    },
    {
      // datetime: a suggestion only (the duration's type changes), with `.total_seconds()` dropped and `time` imported.
      code: 'from datetime import datetime\n\ndef run() -> float:\n    start = datetime.now()\n    work()\n    return (datetime.now() - start).total_seconds()',
      errors: [
        {
          message: MESSAGE('datetime.now()'),
          line: 4,
          column: 13,
          suggestions: [
            {
              desc: USE_TIMEDELTA,
              output: 'from datetime import datetime\nimport time\n\ndef run() -> float:\n    start = time.perf_counter()\n    work()\n    return (time.perf_counter() - start)',
            },
          ],
        },
      ],
    },
    {
      code: 'import datetime\n\ndef run() -> object:\n    start = datetime.datetime.now(datetime.timezone.utc)\n    return datetime.datetime.now(datetime.timezone.utc) - start',
      errors: [
        {
          message: MESSAGE('datetime.datetime.now()'),
          line: 4,
          suggestions: [{ desc: USE_TIMEDELTA, output: 'import datetime\nimport time\n\ndef run() -> object:\n    start = time.perf_counter()\n    return time.perf_counter() - start' }],
        },
      ],
    },
  ],
}));
