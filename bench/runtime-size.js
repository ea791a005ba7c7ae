// The runtime's size as a user's bundler ships it (issue 10: the core entry ≤ 1.5 KB minified + gzip): each
// entry bundled by esbuild with everything it imports, minified, ESM, then gzipped at level 9.
// Run: npm run bench:runtime   (builds first; this script alone: node bench/runtime-size.js after a build)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_BYTES = 1536;
const ENTRIES = [
  { name: 'eslint-plugin-perf-standards/runtime', file: 'dist/runtime/index.js', budget: BUDGET_BYTES },
  // Informative: the adapter imports only types, so it is the sink factory alone.
  { name: 'eslint-plugin-perf-standards/runtime/opentelemetry', file: 'dist/runtime/opentelemetry.js' },
];

const sizes = await Promise.all(
  ENTRIES.map(async (entry) => {
    const result = await build({
      entryPoints: [path.join(repo, entry.file)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    return { ...entry, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
  }),
);

let failed = false;
for (const size of sizes) {
  const verdict = size.budget === undefined ? '' : size.gzip <= size.budget ? ` (budget ${size.budget} B: met)` : ` (budget ${size.budget} B: EXCEEDED)`;
  console.log(`${size.name}: ${size.minified} B minified, ${size.gzip} B minified + gzip${verdict}`);
  if (size.budget !== undefined && size.gzip > size.budget) failed = true;
}
process.exitCode = failed ? 1 : 0;
