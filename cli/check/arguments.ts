import { parseArgs } from 'node:util';
import { UsageError } from '../command.js';

export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckArguments {
  /** Paths as the user typed them; empty means the current directory. */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** Report errors only. */
  readonly quiet: boolean;
  /** More warnings than this make the exit code 1; `null` means warnings never do. */
  readonly maxWarnings: number | null;
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

interface NodeParseError {
  readonly code?: string;
  readonly message: string;
}

// parseArgs' messages are written for scripts ("Unknown option '--x'. To specify a positional argument
// starting with a '-', ..."); users get the option's name and what is wrong with it.
function describeParseError(error: NodeParseError): string {
  const quoted = /'([^']*)'/u.exec(error.message)?.[1] ?? '';
  const option = /--?[\w-]+/u.exec(quoted.replace(/^-\w, /u, ''))?.[0];
  if (option === undefined) return error.message;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (error.message.includes('argument missing')) return `option ${option} needs a value`;
  if (error.message.includes('does not take an argument')) return `option ${option} takes no value`;
  return error.message;
}

/**
 * Parses `perf-standards check` arguments; bad input throws a UsageError that names the option.
 * @complexity O(number of arguments).
 */
export function parseCheckArguments(argv: readonly string[]): CheckArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        quiet: { type: 'boolean' },
        'max-warnings': { type: 'string' },
      },
    });
  } catch (error: unknown) {
    throw new UsageError(describeParseError(error as NodeParseError));
  }
  const { format = 'stylish', quiet = false, 'max-warnings': maxWarnings } = parsed.values;
  if (!isOutputFormat(format)) {
    throw new UsageError(`unknown format "${format}"; the formats are ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (maxWarnings !== undefined && !/^\d+$/u.test(maxWarnings)) {
    throw new UsageError(`--max-warnings needs a whole number of at least 0, got "${maxWarnings}"`);
  }
  return {
    paths: parsed.positionals,
    format,
    quiet,
    maxWarnings: maxWarnings === undefined ? null : Number(maxWarnings),
  };
}
