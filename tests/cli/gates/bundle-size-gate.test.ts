import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../run-node.js';
import { execFileAsync, runGates, writeGatesConfig } from './gates-harness.js';

// A real bundle: fixtures/gates/bundle-app (zod and a local module) built by esbuild, minified, with a source
// map and a metafile; its size cross-checked with size-limit 11 (@size-limit/file) on the same file.
const project = mkdtempSync(path.join(tmpdir(), 'perf-standards-gates-bundle-'));
let sizeLimitBytes = 0;
let sizeLimitOutput = '';

beforeAll(async () => {
  cpSync(path.join(REPO_ROOT, 'fixtures', 'gates', 'bundle-app'), project, { recursive: true });
  // zod copied, not linked, so the source map names it inside the project as an installed package would be.
  cpSync(path.join(REPO_ROOT, 'node_modules', 'zod'), path.join(project, 'node_modules', 'zod'), { recursive: true });
  mkdirSync(path.join(project, 'node_modules', '@size-limit'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules', '@size-limit', 'file'), path.join(project, 'node_modules', '@size-limit', 'file'), 'dir');
  const result = await build({
    entryPoints: ['src/main.ts'],
    absWorkingDir: project,
    bundle: true,
    minify: true,
    format: 'esm',
    outdir: 'dist',
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
  });
  writeFileSync(path.join(project, 'meta.json'), JSON.stringify(result.metafile));
  const { stdout } = await execFileAsync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'size-limit', 'bin.js'), '--json'], { cwd: project });
  sizeLimitOutput = stdout;
  sizeLimitBytes = (JSON.parse(stdout) as { size: number }[])[0]?.size ?? 0;
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

const ZOD_CONTRIBUTORS =
  'largest contributors (raw bytes in the output): node_modules/zod/v4/core/schemas.js 27.45 kB, node_modules/zod/v4/classic/schemas.js 15.71 kB, node_modules/zod/v4/core/to-json-schema.js 12.48 kB, node_modules/zod/v4/core/api.js 9.61 kB, node_modules/zod/v4/core/util.js 9.56 kB';

interface JsonGate {
  readonly verdict: string;
  readonly threshold: string;
  readonly measured: string;
  readonly value?: number;
  readonly source: string;
  readonly details: readonly string[];
}

async function bundleGate(config: unknown): Promise<{ readonly code: number; readonly gate: JsonGate | undefined }> {
  writeGatesConfig(project, { gates: { bundleSize: config } });
  const run = await runGates(project, ['--only', 'bundleSize', '--format', 'json']);
  return { code: run.code, gate: (JSON.parse(run.stdout) as { gates: JsonGate[] }).gates[0] };
}

describe('bundle size gate on an esbuild bundle', () => {
  it("brotli by default, the same bytes size-limit measures, within the standards' 250 kB", async () => {
    const { code, gate } = await bundleGate({ report: 'dist/*.js' });
    expect(code).toBe(0);
    expect(sizeLimitBytes).toBeGreaterThan(40_000);
    expect(gate).toEqual({
      gate: 'bundleSize',
      title: 'Bundle size',
      verdict: 'passed',
      threshold: '≤ 250.00 kB brotli',
      measured: '45.40 kB brotli (272.02 kB raw, 1 file)',
      value: sizeLimitBytes,
      source: 'dist/main.js',
      details: [],
    });
  });

  it('over the threshold: fails and names the largest modules, from the source map', async () => {
    const { code, gate } = await bundleGate({ report: 'dist/*.js', threshold: '40 kB' });
    expect(code).toBe(1);
    expect(gate?.verdict).toBe('failed');
    expect(gate?.threshold).toBe('≤ 40.00 kB brotli');
    expect(gate?.details).toEqual([ZOD_CONTRIBUTORS]);
  });

  it('the esbuild metafile gives the same contributors', async () => {
    const { gate } = await bundleGate({ report: 'dist/*.js', threshold: 40_000, metafile: 'meta.json' });
    expect(gate?.details).toEqual([ZOD_CONTRIBUTORS]);
  });

  it('gzip and raw sizes', async () => {
    const gzip = await bundleGate({ report: 'dist/main.js', compression: 'gzip', threshold: '250 kB' });
    expect(gzip.gate?.measured).toMatch(/^\d+\.\d\d kB gzip \(272\.02 kB raw, 1 file\)$/u);
    expect(gzip.gate?.value).toBeGreaterThan(sizeLimitBytes);
    const raw = await bundleGate({ report: 'dist/main.js', compression: 'none', threshold: '250 KiB' });
    expect(raw.code).toBe(1);
    expect(raw.gate?.value).toBe(statSync(path.join(project, 'dist', 'main.js')).size);
    expect(raw.gate?.threshold).toBe('≤ 256.00 kB');
    expect(raw.gate?.measured).toBe('272.02 kB (1 file)');
  });

  it("size-limit's --json output as the report: each entry against the threshold", async () => {
    writeFileSync(path.join(project, 'size-limit.json'), sizeLimitOutput);
    const { code, gate } = await bundleGate({ report: 'size-limit.json', threshold: '45 kB' });
    expect(code).toBe(1);
    expect(gate).toMatchObject({ verdict: 'failed', threshold: '≤ 45.00 kB', measured: 'app 45.40 kB', source: 'size-limit.json', details: ['app: 45.40 kB > 45.00 kB (size-limit)'] });
  });

  it('no files configured: no data; a glob that matches nothing: exit 2', async () => {
    writeGatesConfig(project, {});
    const none = await runGates(project, ['--format', 'json']);
    const bundle = (JSON.parse(none.stdout) as { gates: { gate: string; verdict: string; message: string }[] }).gates.find((gate) => gate.gate === 'bundleSize');
    expect(bundle).toMatchObject({
      verdict: 'no data',
      message: 'no files to measure; set gates.bundleSize.report to the built files (such as "dist/**/*.js") or to size-limit --json output',
    });
    writeGatesConfig(project, { gates: { bundleSize: { report: 'build/**/*.js' } } });
    const missing = await runGates(project, ['--only', 'bundleSize']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('perf-standards gates: Bundle size: no file matches build/**/*.js; build the bundle first (such as `npm run build`)\n');
  });

  it('an invalid size is a configuration error naming the key', async () => {
    writeGatesConfig(project, { gates: { bundleSize: { report: 'dist/*.js', threshold: '250 kilobytes' } } });
    const run = await runGates(project);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('perf-standards gates: perf-standards.config.json: "gates.bundleSize.threshold" must be a number of bytes or a size such as "250 kB" (B, kB, KiB, MB, MiB, GB, GiB)\n');
  });
});
