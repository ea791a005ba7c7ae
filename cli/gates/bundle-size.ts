import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compressedSize, contributorsFromMetafile, contributorsFromSourceMap, type Compression, type Contributor } from '../../standards/quality-gates/bundle-size.js';
import type { BundleSizeGateConfig } from '../../standards/quality-gates/config.js';
import { DEFAULT_THRESHOLDS, GATE_TITLES, type GateResult } from '../../standards/quality-gates/gates.js';
import { formatSize, parseSize } from '../../standards/quality-gates/size.js';
import { GateDataError, withoutData, type GateContext } from './gate-context.js';
import { findReportFiles, patternList } from './report-files.js';

const CONTRIBUTORS_LISTED = 5;

/** One entry of `size-limit --json`. */
interface SizeLimitEntry {
  readonly name: string;
  readonly size: number;
  readonly passed?: boolean;
}

function sizeLimitEntries(value: unknown): readonly SizeLimitEntry[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.every((entry: unknown): boolean => typeof (entry as SizeLimitEntry)?.name === 'string' && typeof (entry as SizeLimitEntry)?.size === 'number')
    ? (value as SizeLimitEntry[])
    : null;
}

async function read(root: string, file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path.join(root, file));
  } catch (error: unknown) {
    throw new GateDataError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

// The largest contributors: from the esbuild metafile when one is configured, else from the files' own
// source maps (`<file>.map`) where they exist.
async function contributors(root: string, files: readonly string[], config: BundleSizeGateConfig): Promise<readonly Contributor[]> {
  if (config.metafile !== undefined) {
    const [metafile] = await findReportFiles(root, [config.metafile], 'gates.bundleSize.metafile');
    if (metafile === undefined) throw new GateDataError(`no esbuild metafile at ${config.metafile}; esbuild writes it with \`metafile: true\` (write result.metafile to that file)`);
    let parsed: unknown;
    try {
      parsed = JSON.parse((await read(root, metafile, 'the metafile')).toString('utf8'));
    } catch (error: unknown) {
      if (error instanceof GateDataError) throw error;
      throw new GateDataError(`${metafile} is not valid JSON: ${(error as Error).message}`);
    }
    // The metafile's output paths are relative to esbuild's working directory, taken to be the root.
    const found = contributorsFromMetafile(parsed, files);
    if (found === null) throw new GateDataError(`${metafile} is not an esbuild metafile (no "outputs")`);
    return found;
  }
  const bytesByInput = new Map<string, number>();
  const maps = await findReportFiles(root, files.map((file: string): string => `${file}.map`), 'gates.bundleSize.report');
  await Promise.all(
    maps.map(async (mapFile: string): Promise<void> => {
      const code = (await read(root, mapFile.slice(0, -'.map'.length), 'the bundle')).toString('utf8');
      const found = contributorsFromSourceMap(code, (await read(root, mapFile, 'the source map')).toString('utf8')) ?? [];
      // Sources are relative to the map's folder: name them from the root, as every other path here.
      const folder = path.dirname(path.join(root, mapFile));
      for (const { input, bytes } of found) {
        const name = input === '(unmapped)' ? input : path.relative(root, path.resolve(folder, input)).split(path.sep).join('/');
        bytesByInput.set(name, (bytesByInput.get(name) ?? 0) + bytes);
      }
    }),
  );
  return Array.from(bytesByInput, ([input, bytes]): Contributor => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes || a.input.localeCompare(b.input));
}

/**
 * The bundle size gate: the files `report` matches, summed after compression (brotli by default, as
 * size-limit), against the threshold; or the entries of a `size-limit --json` output, each against it.
 * When it fails, the largest contributors (raw bytes) from an esbuild metafile or the files' source maps.
 * @performance one compression per file (brotli quality 11 dominates: about 1 MB/s of input per core).
 */
export async function bundleSizeGate(config: BundleSizeGateConfig, context: GateContext): Promise<GateResult> {
  const compression: Compression = config.compression ?? 'brotli';
  const limit = parseSize(config.threshold ?? DEFAULT_THRESHOLDS.bundleSizeBytes) ?? DEFAULT_THRESHOLDS.bundleSizeBytes;
  const patterns = patternList(config.report, []);
  const threshold = `≤ ${formatSize(limit)}${compression === 'none' ? '' : ` ${compression}`}`;
  if (patterns.length === 0) {
    return withoutData('bundleSize', context, threshold, 'no files to measure; set gates.bundleSize.report to the built files (such as "dist/**/*.js") or to size-limit --json output');
  }
  const files = await findReportFiles(context.root, patterns, 'gates.bundleSize.report');
  if (files.length === 0) throw new GateDataError(`no file matches ${patterns.join(', ')}; build the bundle first (such as \`npm run build\`)`);
  const source = files.join(', ');
  const contents = await Promise.all(files.map((file: string): Promise<Buffer> => read(context.root, file, 'the file')));
  if (files.length === 1 && files[0]?.endsWith('.json')) {
    let entries: readonly SizeLimitEntry[] | null = null;
    try {
      entries = sizeLimitEntries(JSON.parse(contents[0]?.toString('utf8') ?? ''));
    } catch {
      entries = null;
    }
    if (entries !== null) {
      const over = entries.filter((entry: SizeLimitEntry): boolean => entry.size > limit);
      return {
        gate: 'bundleSize',
        title: GATE_TITLES.bundleSize,
        verdict: over.length === 0 ? 'passed' : 'failed',
        threshold: `≤ ${formatSize(limit)}`,
        measured: entries.map((entry: SizeLimitEntry): string => `${entry.name} ${formatSize(entry.size)}`).join(', '),
        source,
        details: over.map((entry: SizeLimitEntry): string => `${entry.name}: ${formatSize(entry.size)} > ${formatSize(limit)} (size-limit)`),
      };
    }
  }
  const sizes = await Promise.all(contents.map((content: Buffer): Promise<number> => compressedSize(content, compression)));
  const total = sizes.reduce((sum: number, size: number): number => sum + size, 0);
  const raw = contents.reduce((sum: number, content: Buffer): number => sum + content.length, 0);
  const passed = total <= limit;
  const details: string[] = [];
  if (!passed) {
    const largest = (await contributors(context.root, files, config)).slice(0, CONTRIBUTORS_LISTED);
    if (largest.length > 0) {
      details.push(`largest contributors (raw bytes in the output): ${largest.map((entry: Contributor): string => `${entry.input} ${formatSize(entry.bytes)}`).join(', ')}`);
    } else {
      details.push('no source map (<file>.map) or gates.bundleSize.metafile to tell which modules make up the size');
    }
  }
  const fileCount = `${files.length} ${files.length === 1 ? 'file' : 'files'}`;
  return {
    gate: 'bundleSize',
    title: GATE_TITLES.bundleSize,
    verdict: passed ? 'passed' : 'failed',
    threshold,
    measured: compression === 'none' ? `${formatSize(total)} (${fileCount})` : `${formatSize(total)} ${compression} (${formatSize(raw)} raw, ${fileCount})`,
    value: total,
    source,
    details,
  };
}
