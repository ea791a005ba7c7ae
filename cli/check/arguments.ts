import { parseArgs } from 'node:util';
import { describeParseArgsError } from '../argument-errors.js';
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
  /** Apply the rules' autofixes to the files, as `eslint --fix` does. */
  readonly fix: boolean;
  /** Write the report to this file (relative to the current directory) instead of stdout; `null` = stdout. */
  readonly outputFile: string | null;
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
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
        fix: { type: 'boolean' },
        'output-file': { type: 'string', short: 'o' },
      },
    });
  } catch (error: unknown) {
    throw new UsageError(describeParseArgsError(error));
  }
  const { format = 'stylish', quiet = false, 'max-warnings': maxWarnings, fix = false, 'output-file': outputFile } = parsed.values;
  if (outputFile === '') throw new UsageError('--output-file needs a file name');
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
    fix,
    outputFile: outputFile ?? null,
  };
}
