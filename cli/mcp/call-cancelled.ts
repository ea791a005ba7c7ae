/**
 * The error a cancelled tool call ends with (`notifications/cancelled`, or the client's timeout, or the
 * client gone); the SDK sends no answer for a cancelled request.
 * @performance an Error: a stack trace captured once.
 */
export class CallCancelled extends Error {
  override readonly name = 'CallCancelled';
}
