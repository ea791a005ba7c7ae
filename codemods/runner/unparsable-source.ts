/**
 * A per-file codemod's way to fail a file it cannot parse. The runner reports its message as the file's
 * reason as it stands (`cannot parse: invalid syntax: expected `)` (line 3)`), the wording project codemods
 * use, where any other throw reads "<codemod> threw: …" (a bug in the codemod, not in the file).
 * @complexity O(length of the message).
 */
export class UnparsableSourceError extends Error {
  /** `message`: the parser's, without a "Parsing error: " prefix; `line`: 1-based. */
  constructor(message: string, line: number) {
    super(`cannot parse: ${message.replace(/^Parsing error: /u, '')} (line ${line})`);
    this.name = 'UnparsableSourceError';
  }
}
