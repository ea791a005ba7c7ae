import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLintProgress } from '../../cli/check/lint-progress.js';

function stream(isTTY: boolean): PassThrough & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const out = Object.assign(new PassThrough(), { isTTY, text: (): string => chunks.join('') });
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return out;
}

describe('check-progress-tty-only: the status line of a long check', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is drawn on a terminal after a second, redrawn in place, and cleared at the end', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const out = stream(true);
    const progress = createLintProgress(out, {});
    await vi.advanceTimersByTimeAsync(900);
    expect(out.text()).toBe('');
    await vi.advanceTimersByTimeAsync(1200);
    progress.finish();
    await vi.advanceTimersByTimeAsync(5000);
    expect(out.text()).toBe('\r\u001B[2Kperf-standards check: linting… 1 s\r\u001B[2Kperf-standards check: linting… 2 s\r\u001B[2K');
  });

  it('prints nothing in a pipe, a file or a CI log', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const pipe = stream(false);
    const ci = stream(true);
    const progresses = [createLintProgress(pipe, {}), createLintProgress(ci, { CI: 'true' })];
    await vi.advanceTimersByTimeAsync(5000);
    for (const progress of progresses) progress.finish();
    expect(pipe.text()).toBe('');
    expect(ci.text()).toBe('');
  });
});
