import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../run-node.js';

// What users import: the built entries under dist/runtime (`npm test` builds first).
const runtimeDir = path.join(REPO_ROOT, 'dist', 'runtime');
const IMPORT_SPECIFIER = /(?:^|[\s;])(?:import|export)\b[^'"`]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/gu;

function specifiersOf(file: string): string[] {
  const text = readFileSync(path.join(runtimeDir, file), 'utf8');
  return Array.from(text.matchAll(IMPORT_SPECIFIER), (match: RegExpExecArray): string => match[1] ?? match[2] ?? '');
}

async function bundled(entry: string, format: 'esm' | 'iife'): Promise<{ readonly code: string; readonly inputs: readonly string[] }> {
  const result = await build({
    entryPoints: [path.join(runtimeDir, entry)],
    bundle: true,
    minify: true,
    format,
    globalName: format === 'iife' ? 'perfRuntime' : undefined,
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]?.text ?? '', inputs: Object.keys(result.metafile.inputs) };
}

describe('the runtime entries', () => {
  it('import nothing but each other: no package, and no node: module outside the Node.js snapshot writer', () => {
    const files = readdirSync(runtimeDir).filter((file: string): boolean => file.endsWith('.js')).sort();
    expect(files).toEqual(['histogram.js', 'index.js', 'map-concurrent.js', 'monitor.js', 'opentelemetry.js', 'snapshot.js']);
    const imports = Object.fromEntries(files.map((file: string): [string, string[]] => [file, specifiersOf(file)]));
    expect(imports).toEqual({
      'histogram.js': [],
      'index.js': ['./map-concurrent.js', './monitor.js'],
      'map-concurrent.js': [],
      'monitor.js': ['./histogram.js'],
      // Types only: `import type` from @opentelemetry/api is erased, so the adapter loads without it.
      'opentelemetry.js': [],
      // The Node.js-only entry (`runtime/snapshot`): nothing else imports it.
      'snapshot.js': ['node:fs/promises', 'node:path', './monitor.js'],
    });
  });

  it('bundle from dist/runtime alone, the core under 1.5 KB minified + gzip', async () => {
    const core = await bundled('index.js', 'esm');
    expect(core.inputs.every((input: string): boolean => input.startsWith('dist/runtime/'))).toBe(true);
    expect(gzipSync(core.code, { level: 9 }).length).toBeLessThanOrEqual(1536);
  });

  it('run in a bare JavaScript realm that has only performance and queueMicrotask (a browser or a worker)', async () => {
    const { code } = await bundled('index.js', 'iife');
    let now = 0;
    const realm = vm.createContext({ performance: { now: (): number => (now += 2) }, queueMicrotask });
    const runtime = vm.runInContext(`${code};perfRuntime`, realm) as typeof import('../../runtime/index.js');
    expect(realm).not.toHaveProperty('process');
    const double = runtime.monitored('double', (value: number): number => value * 2);
    expect(double(21)).toBe(42);
    expect(JSON.parse(JSON.stringify(runtime.performanceStats()))).toEqual({
      double: { count: 1, errors: 0, totalMs: 2, minMs: 2, maxMs: 2, p50Ms: 2, p95Ms: 2, p99Ms: 2 },
    });
    await expect(runtime.mapConcurrent([1, 2, 3], 2, async (value: number): Promise<number> => value + 1)).resolves.toEqual([2, 3, 4]);
  });
});
