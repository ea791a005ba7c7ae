/** A status line shown while ESLint lints, and taken away before the report is printed. */
export interface LintProgress {
  finish(): void;
}

const NONE: LintProgress = Object.freeze({ finish: (): void => undefined });
// Short runs print nothing: the line would only flicker.
const FIRST_DRAW_MS = 1000;
const REDRAW_MS = 1000;

/**
 * On a terminal, after a second, one line on stderr that says the check is running and for how long,
 * redrawn in place each second and cleared when `finish` is called. Nothing when stderr is not a terminal
 * (a pipe, a file, a CI log, which keeps every line) or when `CI` is set. ESLint lints files without
 * telling its caller which, so the line counts time, not files.
 * @performance one timer; one write per second of linting.
 */
export function createLintProgress(stream: NodeJS.WritableStream & { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): LintProgress {
  if (stream.isTTY !== true || (env['CI'] !== undefined && env['CI'] !== 'false' && env['CI'] !== '0')) return NONE;
  const started = performance.now();
  let drawn = false;
  const draw = (): void => {
    const seconds = Math.round((performance.now() - started) / 1000);
    stream.write(`\r\u001B[2Kperf-standards check: linting… ${seconds} s`);
    drawn = true;
  };
  let timer: NodeJS.Timeout | null = setTimeout(function tick(): void {
    draw();
    timer = setTimeout(tick, REDRAW_MS);
    timer.unref();
  }, FIRST_DRAW_MS);
  timer.unref();
  return {
    finish: (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (drawn) stream.write('\r\u001B[2K');
      drawn = false;
    },
  };
}
