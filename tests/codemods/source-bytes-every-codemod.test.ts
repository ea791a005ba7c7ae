import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import addExplicitTypes from '../../codemods/add-explicit-types.js';
import concurrentAwait from '../../codemods/concurrent-await.js';
import consolidateDocs from '../../codemods/consolidate-docs.js';
import performanceNow from '../../codemods/performance-now.js';
import readonlyDataShapes from '../../codemods/readonly-data-shapes.js';
import renameOneOffScripts from '../../codemods/rename-one-off-scripts.js';
import wrapPerformanceMonitor from '../../codemods/wrap-performance-monitor.js';
import type { Codemod } from '../../codemods/runner/contract.js';
import { runCodemods } from '../../codemods/runner/run-codemods.js';
import { REPO_ROOT } from '../run-node.js';

// Issue 17 §2, "every byte not edited stays as it was", through every codemod: the same project is fixed
// once in plain UTF-8 with LF, and once with its edited file in latin-1, with CRLF, with a BOM. The bytes
// written must be the plain result spelled the way the file was spelled, nothing else.

const temporary: string[] = [];
// add-explicit-types finds pyright on PATH (the copies have no node_modules), as a user has it.
const originalPath = process.env['PATH'] ?? '';
beforeAll((): void => {
  process.env['PATH'] = [path.join(REPO_ROOT, 'node_modules', '.bin'), originalPath].join(path.delimiter);
});
afterAll((): void => {
  process.env['PATH'] = originalPath;
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(label: string, files: Readonly<Record<string, string | Buffer>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `source-bytes-${label}-`)));
  temporary.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [], noEmit: true }, include: ['src'] });
// The plugin is a production dependency, so wrap-performance-monitor may import its runtime.
const PACKAGE = JSON.stringify({ name: 'bytes', private: true, type: 'module', dependencies: { 'eslint-plugin-perf-standards': '0.1.0' } });

interface Case {
  readonly codemod: Codemod;
  /** The project; `target` holds `é` in comments, one of them on a line the codemod edits where it can. */
  readonly files: Readonly<Record<string, string>>;
  readonly target: string;
}

const CASES: readonly Case[] = [
  {
    codemod: performanceNow,
    target: 'src/timing.ts',
    files: {
      'src/timing.ts': '// Durée: measured in milliseconds (café)\nexport function timed(run: () => void): number {\n  const start = Date.now(); // début\n  run();\n  return Date.now() - start;\n}\n',
    },
  },
  {
    codemod: concurrentAwait,
    target: 'src/jobs.ts',
    files: {
      'src/jobs.ts':
        '// Tâches indépendantes\nexport async function loadAll(ids: readonly number[], load: (id: number) => Promise<string>): Promise<string[]> {\n  const out: string[] = [];\n  for (const id of ids) {\n    const text = await load(id); // réseau\n    out.push(text);\n  }\n  return out;\n}\n',
    },
  },
  {
    codemod: wrapPerformanceMonitor,
    target: 'src/api/users.ts',
    files: {
      'src/api/users.ts': "import { names } from '../names.js';\n\n// Réponse complète\nexport async function greet(who: string): Promise<string> {\n  return `bonjour ${who} - ${names.length}`; // élégant\n}\n",
      'src/names.ts': 'export const names: readonly string[] = [];\n',
    },
  },
  {
    codemod: addExplicitTypes,
    target: 'src/labels.ts',
    files: {
      'src/labels.ts': '// Étiquettes\nexport function label(n: number) { // numéro\n  return `#${n}`;\n}\n',
    },
  },
  {
    codemod: readonlyDataShapes,
    target: 'src/shapes.ts',
    files: {
      'src/shapes.ts': '// Données immuables (créées une fois)\nexport interface Point {\n  x: number; // abscisse\n  y: number;\n}\nexport const origin: Point = { x: 0, y: 0 };\n',
    },
  },
  {
    codemod: renameOneOffScripts,
    target: 'src/use.ts',
    files: {
      'src/temp_format.ts': 'export const format = (n: number): string => n.toFixed(2);\n',
      'src/use.ts': "// Utilisé partout\nimport { format } from './temp_format.js'; // déjà\nexport const shown: string = format(1);\n",
    },
  },
  {
    codemod: renameOneOffScripts,
    // A Python importer: the rewrite of `import temp_fmt` must keep the latin-1 bytes around it.
    target: 'tools/main.py',
    files: {
      'tools/temp_fmt.py': 'def fmt(n):\n    return str(n)\n',
      'tools/main.py': '# Utilisé partout\nfrom temp_fmt import fmt  # déjà\n\nprint(fmt(1))  # résultat\n',
    },
  },
  {
    codemod: readonlyDataShapes,
    target: 'shapes.py',
    files: {
      'shapes.py': '# Formes: données immuables\nfrom dataclasses import dataclass\n\nCOULEURS = ["rouge", "vert"]  # lues seulement\n\n\n@dataclass  # gelée\nclass Point:\n    x: int  # abscisse\n\n\nprint(len(COULEURS), Point(1))\n',
    },
  },
  {
    codemod: addExplicitTypes,
    // Python, with pyright: the annotations and the `if TYPE_CHECKING:` block take the file's line endings.
    target: 'shop/prices.py',
    files: {
      'shop/__init__.py': '',
      'shop/models.py': 'class Item:\n    def __init__(self, price: int) -> None:\n        self.price = price\n',
      'shop/prices.py': '# Prix affichés (centimes)\nimport shop.models\n\n\ndef cheapest(limit=3):  # le moins cher\n    return shop.models.Item(limit)\n',
    },
  },
  {
    codemod: consolidateDocs,
    target: 'docs/architecture_decisions.md',
    files: {
      'TODO.md': '# TODO\n\n- Measure the parser before and after the cache lands.\n',
      'docs/architecture_decisions.md': '# Architecture decisions\n\n## 1. Caching\n\nWe cache parsed files per résumé of their contents; the cache is kept in memory only, never on disk.\n',
    },
  },
];

async function fixed(codemod: Codemod, root: string): Promise<{ changed: readonly string[]; failed: readonly string[] }> {
  const report = await runCodemods({ root, codemods: [codemod], force: true, jobs: 1 });
  return {
    changed: report.files.filter((file) => file.status === 'changed').map((file) => file.path),
    failed: report.files.filter((file) => file.status === 'failed').map((file) => `${file.path}: ${file.reason ?? ''}`),
  };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** How one variant spells the target's text as bytes. */
const VARIANTS: readonly { readonly name: string; readonly spell: (text: string) => Buffer }[] = [
  { name: 'latin-1 (not UTF-8)', spell: (text: string): Buffer => Buffer.from(text, 'latin1') },
  { name: 'CRLF line endings', spell: (text: string): Buffer => Buffer.from(text.replaceAll('\n', '\r\n'), 'utf8') },
  { name: 'a UTF-8 byte order mark', spell: (text: string): Buffer => Buffer.concat([BOM, Buffer.from(text, 'utf8')]) },
  { name: 'latin-1 with CRLF', spell: (text: string): Buffer => Buffer.from(text.replaceAll('\n', '\r\n'), 'latin1') },
];

describe('every codemod keeps the bytes it did not edit', () => {
  for (const { codemod, files, target } of CASES) {
    describe(`${codemod.name} (${target})`, () => {
      const base = { 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, ...files };
      let plain: string | undefined;
      const plainResult = async (): Promise<string> => {
        if (plain === undefined) {
          const root = project(`${codemod.name}-plain`, base);
          const result = await fixed(codemod, root);
          expect(result.failed).toEqual([]);
          expect(result.changed).toContain(target);
          plain = fs.readFileSync(path.join(root, target), 'utf8');
          expect(plain).not.toBe(files[target]);
        }
        return plain;
      };

      for (const variant of VARIANTS) {
        // pyright runs 2-3 times per Python case; on the shared machine that can take minutes.
        it(`${variant.name}: the edit is the same, every other byte is the file's own`, { timeout: 300_000 }, async () => {
          const expected = variant.spell(await plainResult());
          const root = project(`${codemod.name}-variant`, { ...base, [target]: variant.spell(files[target] ?? '') });
          const result = await fixed(codemod, root);
          expect(result.failed).toEqual([]);
          expect(result.changed).toContain(target);
          expect(fs.readFileSync(path.join(root, target))).toEqual(expected);
        });
      }
    });
  }
});

describe('a file whose encoding cannot take the edit is refused, named, and left byte-identical', () => {
  it('consolidate-docs: a latin-1 TODO.md cannot be moved into a doc (its text has no known bytes there), so it is not deleted either', async () => {
    const todo = Buffer.from('# TODO\n\n- Relire le résumé du cache.\n', 'latin1');
    const destination = '# Architecture decisions\n\n## 1. Caching\n\nParsed files are cached in memory per content hash, never on disk.\n';
    const root = project('refused-docs', { 'package.json': PACKAGE, 'TODO.md': todo, 'docs/architecture_decisions.md': destination });
    const report = await runCodemods({ root, codemods: [consolidateDocs], force: true, jobs: 1 });
    const failed = report.files.filter((file) => file.status === 'failed');
    expect(failed.find((file) => file.path === 'docs/architecture_decisions.md')?.reason).toMatch(
      /^the edit would write U\+FFFD near line \d+, a character that stands for bytes read from a file that is not UTF-8 \(they would be lost\); left untouched$/u,
    );
    expect(failed.find((file) => file.path === 'TODO.md')?.reason).toMatch(
      /^not written: docs\/architecture_decisions\.md cannot be written byte for byte \(the edit would write U\+FFFD/u,
    );
    expect(report.files.filter((file) => file.status === 'changed')).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'TODO.md'))).toEqual(todo);
    expect(fs.readFileSync(path.join(root, 'docs/architecture_decisions.md'), 'utf8')).toBe(destination);
  });

  it('a per-file codemod: a UTF-16 file fails alone with the reason, the others are fixed', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export const t = (): number => Date.now() - Date.now();\n', 'utf16le')]);
    const plainTiming = 'export function timed(run: () => void): number {\n  const start = Date.now();\n  run();\n  return Date.now() - start;\n}\n';
    const root = project('refused-utf16', { 'package.json': PACKAGE, 'src/wide.ts': utf16, 'src/timing.ts': plainTiming });
    const changing: Codemod = { ...performanceNow, name: 'rewrite-all', transform: (file) => `${file.source}// seen\n` };
    const report = await runCodemods({ root, codemods: [changing], force: true, jobs: 1 });
    expect(report.files.find((file) => file.path === 'src/wide.ts')).toEqual({
      codemod: 'rewrite-all',
      path: 'src/wide.ts',
      status: 'failed',
      reason: 'the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); codemods rewrite UTF-8 files only',
    });
    expect(fs.readFileSync(path.join(root, 'src/wide.ts'))).toEqual(utf16);
    expect(fs.readFileSync(path.join(root, 'src/timing.ts'), 'utf8')).toBe(`${plainTiming}// seen\n`);
  });
});
