import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

/**
 * TypeScript loaded through require(), for every module that needs its values (the rules, codemods and commands): an ESM `import` of the
 * 9 MB CommonJS typescript.js makes Node 20 compile it once more to detect its format and lex it for named
 * exports, about 0.3 s of CPU per thread before any work. Types still come from `import type ts from 'typescript'`.
 */
export const typescript: typeof TypeScript = createRequire(import.meta.url)('typescript') as typeof TypeScript;
