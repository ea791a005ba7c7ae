import { isBuiltin } from 'node:module';
import path from 'node:path';
import { isProjectModule } from './options.js';

/**
 * Whether production code may import the monitor module: the code `wrap-performance-monitor` writes runs in
 * production, so its import must resolve after a production install (`npm ci --omit=dev`), which installs
 * `dependencies` and required `peerDependencies` (a consumer's) but not `devDependencies`; optional
 * dependencies and optional peers may be absent. The README installs this plugin with `npm i -D`, so its
 * own runtime is usually NOT importable in production; the `monitor.module` option then names a module that
 * is (a file of the project, or a package in `dependencies`).
 */

/** The fields of a package.json this reads; `path` is relative to the project root, with `/`. */
export interface PackageManifest {
  readonly path: string;
  readonly name?: unknown;
  readonly dependencies?: unknown;
  readonly devDependencies?: unknown;
  readonly peerDependencies?: unknown;
  readonly peerDependenciesMeta?: unknown;
  readonly optionalDependencies?: unknown;
}

export type ProductionAvailability = { readonly ok: true } | { readonly ok: false; readonly problem: string };

const OK: ProductionAvailability = Object.freeze({ ok: true });

const has = (field: unknown, name: string): boolean => typeof field === 'object' && field !== null && Object.hasOwn(field, name);

/**
 * The npm package a bare specifier imports (`@acme/perf/runtime` → `@acme/perf`), or null for a relative or
 * absolute path, a URL or a Node built-in.
 * @complexity O(length of the specifier).
 */
export function packageOfSpecifier(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#') || /^[a-z][a-z\d+.-]*:/iu.test(specifier) || isBuiltin(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

type DeclaredAs = 'production' | 'development' | 'optional' | null;

function declaredAs(manifest: PackageManifest, name: string): DeclaredAs {
  if (manifest.name === name || has(manifest.dependencies, name)) return 'production';
  if (has(manifest.peerDependencies, name)) {
    const meta = (manifest.peerDependenciesMeta as Readonly<Record<string, { optional?: unknown } | undefined>> | undefined)?.[name];
    return meta?.optional === true ? 'optional' : 'production';
  }
  if (has(manifest.optionalDependencies, name)) return 'optional';
  return has(manifest.devDependencies, name) ? 'development' : null;
}

/**
 * Whether a package import resolves in production for a file whose package.json files, nearest first up to
 * the project root, are `manifests`: some manifest declares it as a production dependency (or is it). The
 * problem otherwise names the manifest and how it declares the package, as a clause.
 * @complexity O(manifests).
 */
export function packageAvailability(specifier: string, manifests: readonly PackageManifest[]): ProductionAvailability {
  const name = packageOfSpecifier(specifier);
  if (name === null) return OK;
  let first: { readonly manifest: PackageManifest; readonly as: Exclude<DeclaredAs, null | 'production'> } | null = null;
  for (const manifest of manifests) {
    const as = declaredAs(manifest, name);
    if (as === 'production') return OK;
    if (as !== null) first ??= { manifest, as };
  }
  if (first !== null) {
    const where = first.manifest.path;
    return first.as === 'development'
      ? { ok: false, problem: `\`${name}\` is only in the devDependencies of ${where}, which a production install (\`npm ci --omit=dev\`) leaves out` }
      : { ok: false, problem: `\`${name}\` is an optional dependency of ${where}, which may be missing in production` };
  }
  const nearest = manifests[0];
  return nearest === undefined
    ? { ok: false, problem: `no package.json between the file and the project root declares \`${name}\`` }
    : { ok: false, problem: `\`${name}\` is not in the dependencies of ${nearest.path}` };
}

/**
 * The project-relative files a project module (`./lib/monitor.js`, a path from the project root) may be, in
 * the order TypeScript and Node look: the path itself, its TypeScript source for a `.js`/`.mjs`/`.cjs`
 * specifier, and for a path without extension the usual extensions and `index` files. Empty when the path
 * leaves the project root.
 * @complexity O(1).
 */
export function projectModuleFiles(module: string): readonly string[] {
  if (!isProjectModule(module)) return [];
  const normalized = path.posix.normalize(module);
  if (normalized.startsWith('..')) return [];
  const extension = path.posix.extname(normalized);
  const stem = normalized.slice(0, normalized.length - extension.length);
  switch (extension) {
    case '.js':
      return [normalized, `${stem}.ts`, `${stem}.tsx`, `${stem}.jsx`];
    case '.mjs':
      return [normalized, `${stem}.mts`];
    case '.cjs':
      return [normalized, `${stem}.cts`];
    case '.ts':
    case '.tsx':
    case '.mts':
    case '.cts':
      return [normalized];
    default:
      return [normalized, ...['.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'].map((suffix: string): string => `${normalized}${suffix}`)];
  }
}
