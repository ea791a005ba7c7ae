/** What `node:util` parseArgs throws: a Node error with a code such as `ERR_PARSE_ARGS_UNKNOWN_OPTION`. */
interface ParseArgsError {
  readonly code?: string;
  readonly message: string;
}

/**
 * Turns a parseArgs error into a message for users: parseArgs writes for scripts ("Unknown option '--x'. To
 * specify a positional argument starting with a '-', ..."), users need the option's name and what is wrong.
 * @complexity O(length of the message).
 */
export function describeParseArgsError(error: unknown): string {
  const { code, message } = error as ParseArgsError;
  const quoted = /'([^']*)'/u.exec(message)?.[1] ?? '';
  const option = /--?[\w-]+/u.exec(quoted.replace(/^-\w, /u, ''))?.[0];
  if (option === undefined) return message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (message.includes('argument missing')) return `option ${option} needs a value`;
  if (message.includes('does not take an argument')) return `option ${option} takes no value`;
  return message;
}
