import type { ProgressToken } from '@modelcontextprotocol/server';

/** Sends one `notifications/progress` for the call. */
export type ProgressSender = (params: { readonly progressToken: ProgressToken; readonly progress: number; readonly message: string }) => Promise<void>;

// How often a long stage says it is still running: clients that reset their timeout on progress
// (`resetTimeoutOnProgress`) keep waiting, and a person sees the call is alive.
const HEARTBEAT_MS = 1_000;

/**
 * Progress notifications for one tool call, sent only when the client asked for them (a `progressToken`
 * in the request's `_meta`). Each stage is one notification; while a stage lasts, another follows every
 * second with the time spent (`linting (3 s)`). `progress` counts notifications, so it only increases, as
 * MCP requires; there is no `total` (ESLint does not say how many files it will lint).
 * @performance one timer per call while it runs; nothing without a token.
 */
export class CallProgress {
  private count = 0;
  private stageName = '';
  private stageStart = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly token: ProgressToken | undefined,
    private readonly send: ProgressSender,
  ) {}

  /**
   * Announces a stage (`finding files`, `linting`).
   * @complexity O(1).
   */
  stage(name: string): void {
    if (this.token === undefined) return;
    this.stageName = name;
    this.stageStart = Date.now();
    this.notify(name);
    if (this.timer === undefined) {
      this.timer = setInterval((): void => this.notify(`${this.stageName} (${Math.round((Date.now() - this.stageStart) / 1000)} s)`), HEARTBEAT_MS);
      this.timer.unref();
    }
  }

  /**
   * Stops the heartbeat; call when the call ends, however it ends.
   * @complexity O(1).
   */
  finish(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private notify(message: string): void {
    if (this.token === undefined) return;
    this.count += 1;
    // A client gone or a closed transport is not the call's failure.
    this.send({ progressToken: this.token, progress: this.count, message }).catch((): void => undefined);
  }
}
