/**
 * Whether a file is a script someone runs rather than a module something imports: the signs the
 * standard names are a shebang, reading `process.argv` (or `sys.argv`), and a top-level call of
 * `main()` (or Python's `if __name__ == "__main__":`). `rename-one-off-scripts --scripts-dir` moves such
 * files into the scripts folder.
 */

const SHEBANG = /^#!/u;
const ARGV = /\b(?:process\.argv|sys\.argv|Deno\.args)\b/u;
// `main()` / `await main()` / `void main()` / `main().catch(...)` at column 0: a top-level call.
const TOP_LEVEL_MAIN = /^(?:await |void )?main\s*\(/mu;
const PYTHON_MAIN_GUARD = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/mu;

/**
 * What gives a file away as a script, or `null` when nothing does.
 * @complexity O(source length): three regular expression scans.
 */
export function executableSign(source: string): 'shebang' | 'argv' | 'main call' | null {
  if (SHEBANG.test(source)) return 'shebang';
  if (ARGV.test(source)) return 'argv';
  if (TOP_LEVEL_MAIN.test(source) || PYTHON_MAIN_GUARD.test(source)) return 'main call';
  return null;
}
