import { UsageError } from '../command.js';

/** A tool's arguments as the client sent them: an object of JSON values, nothing checked yet. */
export type RawArguments = Readonly<Record<string, unknown>>;

/**
 * Reads one tool's arguments, each getter naming the argument in its error, so a bad call answers with
 * `isError` and a sentence the agent can act on (ajv's schema errors name JSON pointers, not arguments).
 * Unknown arguments are refused: a misspelt `path` for `paths` must not silently check everything.
 * @complexity O(arguments) per call.
 */
export class ToolInput {
  constructor(
    private readonly tool: string,
    private readonly raw: RawArguments,
    known: readonly string[],
  ) {
    const unknown = Object.keys(raw).filter((key: string): boolean => !known.includes(key));
    if (unknown.length > 0) {
      throw new UsageError(`${tool}: unknown argument ${unknown.map((key: string): string => `"${key}"`).join(', ')}; the arguments are ${known.join(', ')}`);
    }
  }

  /**
   * An optional string argument; empty strings are refused.
   * @complexity O(1).
   */
  optionalString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value === '') throw new UsageError(`${this.tool}: "${name}" must be a non-empty string, got ${JSON.stringify(value)}`);
    return value;
  }

  /**
   * A required string argument.
   * @complexity O(1).
   */
  requiredString(name: string, hint: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw new UsageError(`${this.tool}: "${name}" is required; ${hint}`);
    return value;
  }

  /**
   * An optional boolean argument, `fallback` when absent.
   * @complexity O(1).
   */
  flag(name: string, fallback: boolean): boolean {
    const value = this.raw[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw new UsageError(`${this.tool}: "${name}" must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  /**
   * An optional list of non-empty strings.
   * @complexity O(length of the list).
   */
  stringList(name: string): readonly string[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item: unknown): boolean => typeof item === 'string' && item !== '')) {
      throw new UsageError(`${this.tool}: "${name}" must be a list of non-empty strings, got ${JSON.stringify(value)}`);
    }
    return value as string[];
  }

  /**
   * An optional whole number in [min, max], `fallback` when absent.
   * @complexity O(1).
   */
  wholeNumber(name: string, min: number, max: number, fallback: number): number {
    const value = this.raw[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`${this.tool}: "${name}" must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  }
}
