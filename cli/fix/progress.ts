import type { ProgressEvent } from '../../codemods/runner/run-codemods.js';

export type ProgressReporter = (event: ProgressEvent) => void;

const PHASE_LABEL: Readonly<Record<ProgressEvent['phase'], string>> = {
  discover: 'finding files',
  plan: 'planning',
  transform: 'transforming',
  write: 'writing',
};
const BAR_WIDTH = 24;
// Redrawing more often than this only costs terminal time.
const REDRAW_MS = 80;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, one plain line per phase elsewhere (CI logs
 * keep every line, so a bar would flood them). `finish` clears the bar.
 * @performance at most one redraw per 80 ms.
 */
export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): { report: ProgressReporter; finish: () => void } {
  if (stream.isTTY !== true) {
    let last = '';
    return {
      report: (event: ProgressEvent): void => {
        const line = `${event.codemod}: ${PHASE_LABEL[event.phase]}`;
        if (line === last || event.done !== 0) return;
        last = line;
        stream.write(`${line}\n`);
      },
      finish: (): void => undefined,
    };
  }
  let drawn = false;
  let lastDraw = 0;
  return {
    report: (event: ProgressEvent): void => {
      const now = performance.now();
      if (drawn && now - lastDraw < REDRAW_MS && event.done !== event.total) return;
      lastDraw = now;
      const share = event.total === 0 ? 1 : event.done / event.total;
      const filled = Math.round(share * BAR_WIDTH);
      const counter = event.phase === 'transform' ? ` ${event.done}/${event.total}` : '';
      stream.write(`\r\u001B[2K[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${event.codemod}: ${PHASE_LABEL[event.phase]}${counter}`);
      drawn = true;
    },
    finish: (): void => {
      if (drawn) stream.write('\r\u001B[2K');
      drawn = false;
    },
  };
}
