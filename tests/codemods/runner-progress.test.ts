import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../cli/fix/progress.js';

function capture(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  stream.isTTY = isTTY;
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('fix progress', () => {
  it('prints one plain line per phase outside a terminal', async () => {
    const { stream, text } = capture(false);
    const progress = createProgress(stream);
    progress.report({ codemod: 'shout', phase: 'discover', done: 0, total: 1 });
    progress.report({ codemod: 'shout', phase: 'transform', done: 0, total: 10 });
    progress.report({ codemod: 'shout', phase: 'transform', done: 5, total: 10 });
    progress.report({ codemod: 'shout', phase: 'write', done: 0, total: 1 });
    progress.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe('shout: finding files\nshout: transforming\nshout: writing\n');
  });

  it('redraws a bar in place on a terminal and clears it at the end', async () => {
    const { stream, text } = capture(true);
    const progress = createProgress(stream);
    progress.report({ codemod: 'shout', phase: 'transform', done: 10, total: 10 });
    progress.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe(`\r\u001B[2K[${'#'.repeat(24)}] shout: transforming 10/10\r\u001B[2K`);
  });
});
