// The baseline of bench/wrap-performance-monitor.js: a per-file codemod that only parses with jscodeshift and
// prints the result back (recast), the floor of any jscodeshift transform. A module of its own so that the
// runner's worker threads can load it by URL.

/**
 * Parses and prints the file with jscodeshift, changing nothing.
 * @performance one jscodeshift parse and one recast print per file.
 */
function transform(file, api) {
  api.jscodeshift(file.source).toSource();
  return undefined;
}

export default Object.freeze({
  kind: 'file',
  name: 'jscodeshift-print',
  description: 'Parses and prints every file with jscodeshift, changing nothing.',
  rule: 'require-performance-monitor',
  order: 0,
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  module: import.meta.url,
  transform,
});
