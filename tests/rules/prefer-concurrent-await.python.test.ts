import rule from '../../rules/prefer-concurrent-await.js';
import { asEslintRule, pythonCases } from '../python-cases.js';
import { pythonRuleTester } from '../python-rule-tester.js';

const MESSAGE =
  'Start these independent calls together with `asyncio.gather(…)` or in an `asyncio.TaskGroup` (with a semaphore to bound them) instead of awaiting each in turn; `perf-standards fix concurrent-await` converts loops that only collect results.';
const wrap = (body: string): string => `async def run(urls: list[str], client: Client) -> list[bytes]:\n    results = []\n${body}\n    return results`;

pythonRuleTester.run('prefer-concurrent-await (Python)', asEslintRule(rule), pythonCases({
  valid: [
    // for-await: an async iterator yields one item at a time.
    wrap('    async for url in stream(urls):\n        results.append(await client.get(url))'),
    // condition-loop
    wrap('    while urls:\n        results.append(await client.get(urls[0]))\n        urls = urls[1:]'),
    // retry-counter
    wrap('    for attempt in range(3):\n        results.append(await client.get(urls[0]))'),
    // ordered-collection
    wrap('    for url in sorted(urls):\n        results.append(await client.get(url))'),
    // early-exit on an awaited value
    wrap('    for url in urls:\n        page = await client.get(url)\n        if not page:\n            break\n        results.append(page)'),
    wrap('    for url in urls:\n        page = await client.get(url)\n        if page.error:\n            raise RuntimeError(url)'),
    // paced: retries, polling, rate limiting
    wrap('    for url in urls:\n        results.append(await client.get(url))\n        await asyncio.sleep(0.1)'),
    // sequential calls (option list): writes, commits, locks
    wrap('    for url in urls:\n        await stream.write(url)'),
    // module functions are on the list as well as methods: Python's writes are usually functions
    wrap('    for url in urls:\n        await write_row(url)'),
    wrap('    for url in urls:\n        await send_email(url)'),
    wrap('    for url in urls:\n        results.append(await client.get(url))\n        await log_event(url)'),
    wrap('    for url in urls:\n        await emit(url)'),
    { code: wrap('    for url in urls:\n        await client.upload(url)'), options: [{ sequential: { add: ['*.upload'] } }] },
    // loop-carried dependency
    wrap('    total = 0\n    for url in urls:\n        total += await client.size(url)'),
    wrap('    cursor = None\n    for url in urls:\n        cursor = await client.next(url, cursor)'),
    wrap('    seen = set()\n    for url in urls:\n        if url in seen:\n            continue\n        seen.add(await client.resolve(url))'),
    wrap('    for url in urls:\n        self.last = await client.get(url)'),
    wrap('    for url in urls:\n        await client.get(url)\n        urls.pop()'),
    // generator
    'async def pages(urls: list[str]) -> AsyncIterator[bytes]:\n    for url in urls:\n        yield await fetch(url)',
    // ordered work: the item runs, a method of self, shared context handed over
    'async def run_hooks(hooks: list[Hook], ctx: Context) -> None:\n    for hook in hooks:\n        await hook(ctx)',
    'class Crawler:\n    async def crawl(self, urls: list[str]) -> None:\n        for url in urls:\n            await self.visit(url)',
    'async def run(urls: list[str], session: Session) -> None:\n    for url in urls:\n        await fetch(session, url)',
    // nothing started per item
    wrap('    for url in urls:\n        await client.flush()'),
    // already concurrent
    wrap('    for group in urls:\n        results.extend(await asyncio.gather(*[client.get(u) for u in group]))'),
  ],
  invalid: [
    {
      code: wrap('    for url in urls:\n        results.append(await client.get(url))'),
      errors: [{ message: MESSAGE, line: 4, column: 24, endLine: 4, endColumn: 45 }],
    },
    {
      // a plain call whose name is not on the list, and a plain default the user removed
      code: wrap('    for url in urls:\n        results.append(await fetch_row(url))'),
      errors: [{ message: MESSAGE, line: 4, column: 24, endLine: 4, endColumn: 44 }],
    },
    {
      code: wrap('    for url in urls:\n        results.append(await send_email(url))'),
      options: [{ sequential: { remove: ['send*'] } }],
      errors: [{ message: MESSAGE, line: 4, column: 24, endLine: 4, endColumn: 45 }],
    },
    {
      code: wrap('    for url in urls:\n        page = await client.get(url)\n        meta = await client.head(url)\n        results.append((page, meta))'),
      errors: [
        { message: MESSAGE, line: 4, column: 16 },
        { message: MESSAGE, line: 5, column: 16 },
      ],
    },
    {
      // Collecting by the iteration's own key is fine.
      code: 'async def run(ids: list[int]) -> dict[int, User]:\n    users = {}\n    for user_id in ids:\n        users[user_id] = await load_user(user_id)\n    return users',
      errors: [{ message: MESSAGE, line: 4, column: 26 }],
    },
  ],
}));
