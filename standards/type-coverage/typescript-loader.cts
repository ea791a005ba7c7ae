// TypeScript through require(), for the modules on the coverage command's path. An ESM `import` of the
// 9 MB CommonJS typescript.js makes Node 20 compile it once to detect its format and lex it for named
// exports: about 0.3 s of CPU per thread before any work. This file compiles to CommonJS, so importing it
// lexes these few lines and TypeScript itself loads through the CommonJS loader.
import ts = require('typescript');
export = ts;
