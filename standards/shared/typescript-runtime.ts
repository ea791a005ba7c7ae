import { createRequire } from 'node:module';
import type TypeScript from 'typescript';
import type * as TsApiUtils from 'ts-api-utils';

/**
 * TypeScript loaded through require(), for every module that needs its values (the rules, codemods and commands): an ESM `import` of the
 * 9 MB CommonJS typescript.js makes Node 20 compile it once more to detect its format and lex it for named
 * exports, about 0.3 s of CPU per thread before any work. Types still come from `import type ts from 'typescript'`.
 */
export const typescript: typeof TypeScript = createRequire(import.meta.url)('typescript') as typeof TypeScript;

/**
 * ts-api-utils' CommonJS build, for the same reason: its ES module build does `import ts from 'typescript'`,
 * which costs the same format detection and lexing of typescript.js (about 4% of `perf-standards check`'s
 * CPU on rxjs + zod, in cjs-module-lexer, before any file is linted).
 */
export const tsApiUtils: typeof TsApiUtils = createRequire(import.meta.url)('ts-api-utils') as typeof TsApiUtils;
