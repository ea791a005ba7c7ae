import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a user gets from npm: the packed tarball installed into a fresh project next to ESLint and
// TypeScript, linted through a plain eslint.config.js. Once per supported ESLint major.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_NAME = 'eslint-plugin-perf-standards';

interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// npm run exports the outer project (npm_config_local_prefix, npm_package_*) to its children; a nested
// npm would act on this repository instead of the temp project. User config (cache, registry) stays.
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries({ ...process.env, CI: 'true' }).filter(
    ([key]: [string, string | undefined]): boolean =>
      !/^npm_(?:package_|lifecycle_|command$|config_local_prefix$|config_loglevel$)/iu.test(key),
  ),
);

function run(command: string, args: readonly string[], cwd: string, timeoutMs = 240_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { cwd, env: childEnv, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
        } else if (typeof error.code === 'number') {
          resolve({ code: error.code, stdout, stderr });
        } else {
          reject(new Error(`${command} ${args[0] ?? ''} failed in ${cwd}: ${error.message}\n${stderr}`));
        }
      },
    );
  });
}

async function runOk(command: string, args: readonly string[], cwd: string): Promise<Finished> {
  const finished = await run(command, args, cwd);
  if (finished.code !== 0) {
    throw new Error(`${command} ${args[0] ?? ''} exited ${finished.code} in ${cwd}:\n${finished.stderr}`);
  }
  return finished;
}

interface PackedFile {
  readonly path: string;
}

interface PackResult {
  readonly filename: string;
  readonly files: readonly PackedFile[];
}

interface PackageManifest {
  readonly main: string;
  readonly types: string;
  readonly bin: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageManifest;
const normalize = (target: string): string => path.posix.normalize(target);

let workDir = '';
let tarball = '';
let packedPaths: readonly string[] = [];

beforeAll(async () => {
  // `npm test` builds first. Packing must not rebuild: other test files run dist/ at the same time.
  if (!existsSync(path.join(repoRoot, 'dist', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the packaging test.');
  }
  workDir = mkdtempSync(path.join(tmpdir(), 'perf-standards-pack-'));
  const packed = await runOk('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], repoRoot);
  const [result] = JSON.parse(packed.stdout) as PackResult[];
  if (result === undefined) throw new Error(`npm pack reported nothing:\n${packed.stdout}`);
  tarball = path.join(workDir, result.filename);
  packedPaths = result.files.map((file: PackedFile): string => file.path).sort();
});

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the build, the type declarations, the bin and one doc page per rule', async () => {
    const { rules } = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)) as {
      rules: Record<string, unknown>;
    };
    const ruleIds = Object.keys(rules);
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(packedPaths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/main.js',
        'runtime/python/performance/monitor.py',
        ...ruleIds.map((id: string): string => `docs/rules/${id}.md`),
      ]),
    );
  });

  it('ships nothing but the build, the docs pages and the package metadata', () => {
    const stray = packedPaths.filter(
      (file: string): boolean =>
        !/^(?:package\.json|README\.md|LICENSE(?:\.md)?)$/u.test(file) &&
        !/^dist\/.+\.(?:js|d\.ts)$/u.test(file) &&
        // The gates configuration's JSON Schema, for editors (`"$schema"`) and the command.
        file !== 'dist/standards/quality-gates/config.schema.json' &&
        // The Python monitor `perf-standards init` copies into Python projects.
        file !== 'runtime/python/performance/monitor.py' &&
        !/^docs\/(?:(?:rules|codemods|commands)\/)?[^/]+\.md$/u.test(file),
    );
    expect(stray).toEqual([]);
    expect(packedPaths.filter((file: string): boolean => /\.(?:map|tsbuildinfo)$/u.test(file))).toEqual([]);
  });

  it('packed-readme-links: every relative link in the README and the shipped docs resolves inside the tarball', () => {
    const broken: string[] = [];
    for (const page of packedPaths.filter((file: string): boolean => file.endsWith('.md'))) {
      // Links inside code (examples of what a codemod rewrites) are not links of the page.
      const text = readFileSync(path.join(repoRoot, page), 'utf8').replace(/^```[\s\S]*?^```/gmu, '').replace(/`[^`\n]*`/gu, '');
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/gu)) {
        if (/^[a-z][a-z+.-]*:|^#/u.test(target)) continue;
        const resolved = normalize(path.posix.join(path.posix.dirname(page), decodeURI(target.split('#')[0] ?? ''))).replace(/\/$/u, '');
        const inside = packedPaths.includes(resolved) || packedPaths.some((file: string): boolean => file.startsWith(`${resolved}/`));
        if (!inside) broken.push(`${page} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names its license, repository, home page and issue tracker, and ships the LICENSE', () => {
    const metadata = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      license: string;
      repository: { type: string; url: string };
      homepage: string;
      bugs: { url: string };
    };
    expect(metadata.license).toBe('MIT');
    expect(packedPaths).toContain('LICENSE');
    expect(readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/u);
    const repository = 'https://github.com/perf-standards/eslint-plugin-perf-standards';
    expect(metadata.repository).toEqual({ type: 'git', url: `git+${repository}.git` });
    expect(metadata.homepage).toBe(`${repository}#readme`);
    expect(metadata.bugs).toEqual({ url: `${repository}/issues` });
  });

  it('contains every file package.json points to (main, types, bin, every export)', () => {
    const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
    for (const target of Object.values(manifest.exports)) {
      targets.push(...(typeof target === 'string' ? [target] : Object.values(target)));
    }
    const missing = targets.map(normalize).filter((target: string): boolean => !packedPaths.includes(target));
    expect(missing).toEqual([]);
  });
});

interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: number;
  readonly line: number;
  readonly column: number;
}

interface LintResult {
  readonly filePath: string;
  readonly messages: readonly LintMessage[];
}

const CONSUMER_FILES: Readonly<Record<string, string>> = {
  'package.json': '{ "name": "consumer", "private": true, "type": "module" }\n',
  'eslint.config.js':
    "import perfStandards from 'eslint-plugin-perf-standards';\n\nexport default [...perfStandards.configs.recommended];\n",
  'README.md': '# Consumer\n\nA README at the project root is allowed.\n',
  'TODO.md': '- [ ] rename the scripts\n',
  'temp_x.ts': 'export const retries: number = 3;\n',
  'fix_db.py': 'import sqlite3\n\nsqlite3.connect("app.db").execute("VACUUM")\n',
  'helpers.ts': 'export function clamp(value: number, low: number, high: number): number {\n  return Math.min(high, Math.max(low, value));\n}\n',
  // TypeScript-only syntax: parsing fails unless the recommended config brings the TypeScript parser.
  'src/parse-logs.ts':
    'interface Entry { readonly level: string }\nexport function parse(line: string): Entry {\n  return { level: line.split(" ")[0] ?? "info" } satisfies Entry;\n}\n',
  'scripts/deploy.sh': '#!/bin/sh\necho deploy\n',
};

// (file, rule, severity, line, column) of every report; a parse error would show up with a null rule.
const EXPECTED_REPORTS: readonly string[] = [
  'TODO.md perf-standards/no-trivial-docs 2 1:1',
  'fix_db.py perf-standards/no-one-off-scripts 2 1:1',
  'helpers.ts perf-standards/no-generic-filenames 1 1:1',
  'helpers.ts perf-standards/require-performance-docs 1 1:17',
  'package.json perf-standards/require-docs 2 1:1',
  'src/parse-logs.ts perf-standards/require-performance-docs 1 2:17',
  'temp_x.ts perf-standards/no-one-off-scripts 2 1:1',
];

const projectPath = (project: string, file: string): string => path.relative(project, file).split(path.sep).join('/');

const reportsOf = (results: readonly LintResult[], project: string): string[] =>
  results
    .flatMap((result: LintResult): string[] =>
      result.messages.map(
        (message: LintMessage): string =>
          `${projectPath(project, result.filePath)} ${message.ruleId} ${message.severity} ${message.line}:${message.column}`,
      ),
    )
    .sort();

// Resolves and imports every `exports` entry the way a consumer's code would, from inside the project.
const EXPORTS_PROBE = `
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const name = ${JSON.stringify(PACKAGE_NAME)};
const manifest = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(name + '/package.json')), 'utf8'));
const seen = [];
for (const [subpath, target] of Object.entries(manifest.exports)) {
  const specifier = name + subpath.slice(1);
  const file = fileURLToPath(import.meta.resolve(specifier));
  if (!existsSync(file)) throw new Error(specifier + ' resolves to a missing file: ' + file);
  if (typeof target === 'object' && target.types !== undefined) {
    const types = fileURLToPath(new URL(target.types, import.meta.resolve(name + '/package.json')));
    if (!existsSync(types)) throw new Error(specifier + ' declares missing types: ' + types);
  }
  if (file.endsWith('.js')) await import(specifier);
  seen.push(subpath);
}
const plugin = (await import(name)).default;
console.log(JSON.stringify({ exports: seen, name: plugin.meta.name, configs: Object.keys(plugin.configs).sort() }));
`;

function describeConsumer(label: string, eslintRange: string, eslintMajor: number): void {
  describe(`installed next to ${label}`, () => {
    let project = '';

    beforeAll(async () => {
      project = path.join(workDir, `consumer-eslint-${eslintMajor}`);
      for (const [file, text] of Object.entries(CONSUMER_FILES)) {
        mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
        writeFileSync(path.join(project, file), text);
      }
      await runOk(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `eslint@${eslintRange}`, 'typescript@~6.0.3'],
        project,
      );
    });

    it(`runs ESLint ${eslintMajor}`, async () => {
      const { stdout } = await runOk('npx', ['eslint', '--version'], project);
      expect(stdout.trim()).toMatch(new RegExp(`^v${eslintMajor}\\.`, 'u'));
    });

    it('reports exactly the files that break the standards through a plain eslint.config.js', async () => {
      const linted = await run('npx', ['eslint', '.', '--format', 'json'], project);
      // 1 = problems found; 2 would be a crash or a config error, explained on stderr.
      expect(linted.code, linted.stderr).toBe(1);
      const results = JSON.parse(linted.stdout) as LintResult[];
      expect(reportsOf(results, project)).toEqual(EXPECTED_REPORTS);
      // Clean files were linted too, not skipped: every consumer file appears in the results.
      const lintedFiles = results.map((result: LintResult): string => projectPath(project, result.filePath));
      expect(lintedFiles.sort()).toEqual(Object.keys(CONSUMER_FILES).sort());
    });

    it('runs the installed `perf-standards check` with the project’s ESLint and reports the same set', async () => {
      const checked = await run('npx', ['perf-standards', 'check', '--format', 'json'], project);
      expect(checked.code, checked.stderr).toBe(1);
      expect(reportsOf(JSON.parse(checked.stdout) as LintResult[], project)).toEqual(EXPECTED_REPORTS);
    });

    it('resolves and imports every entry of the exports map', async () => {
      const probe = await runOk('node', ['--input-type=module', '--eval', EXPORTS_PROBE], project);
      expect(JSON.parse(probe.stdout)).toEqual({
        exports: Object.keys(manifest.exports),
        name: PACKAGE_NAME,
        configs: ['all', 'recommended', 'recommendedTypeChecked', 'strict'],
      });
    });

    it('installs the perf-standards bin, which answers --help with exit code 0', async () => {
      const bin = readFileSync(path.join(project, 'node_modules', PACKAGE_NAME, normalize(manifest.bin['perf-standards'] ?? '')), 'utf8');
      expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
      const help = await run('npx', ['perf-standards', '--help'], project);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: perf-standards <command>/u);
    });

    if (eslintMajor === 10) {
      it('has type declarations a strict TypeScript project compiles against without skipLibCheck', async () => {
        writeFileSync(
          path.join(project, 'tsconfig.json'),
          JSON.stringify({
            compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: [] },
            files: ['types-probe.ts'],
          }),
        );
        writeFileSync(
          path.join(project, 'types-probe.ts'),
          [
            "import type { Linter } from 'eslint';",
            "import perfStandards, { configs, rules } from 'eslint-plugin-perf-standards';",
            'export const config: Linter.Config[] = [...perfStandards.configs.recommended, ...configs.recommendedTypeChecked];',
            'export const ruleIds: string[] = Object.keys(rules);',
            '',
          ].join('\n'),
        );
        const compiled = await run('npx', ['tsc', '-p', 'tsconfig.json'], project);
        expect(compiled.stdout).toBe('');
        expect(compiled.code).toBe(0);
      }, 180_000);
    }
  });
}

describeConsumer('ESLint 10', '^10', 10);
describeConsumer('ESLint 9', '^9.39', 9);
