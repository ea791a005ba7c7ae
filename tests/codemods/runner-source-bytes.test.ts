import { describe, expect, it } from 'vitest';
import { encodeEdit, sourceEncoding } from '../../codemods/runner/source-bytes.js';

// What a codemod sees of `bytes`: Node's UTF-8 decoding, invalid bytes as U+FFFD, BOM kept.
const seen = (bytes: Buffer): string => bytes.toString('utf8');
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const written = (original: Buffer, after: string): Buffer => {
  const result = encodeEdit(original, after);
  if ('refusal' in result) throw new Error(result.refusal);
  return result.bytes;
};

describe('encodeEdit: a file that is not UTF-8 (latin-1)', () => {
  it('keeps the latin-1 bytes of lines the edit did not touch', () => {
    const original = latin1('// café au lait\nconst a = 1;\n');
    const after = seen(original).replace('const a = 1;', 'const a: number = 1;');
    expect(written(original, after)).toEqual(latin1('// café au lait\nconst a: number = 1;\n'));
  });

  it('keeps them on the edited line too, around the edit', () => {
    const original = latin1('const t = Date.now(); // déjà\n');
    const after = seen(original).replace('Date.now()', 'performance.now()');
    expect(written(original, after)).toEqual(latin1('const t = performance.now(); // déjà\n'));
  });

  it('keeps them in lines a codemod moved as a block (inserted lines around them)', () => {
    const original = latin1('/** Größe */\nexport function f() {}\n');
    const after = `import { m } from 'm';\n${seen(original)}`;
    expect(written(original, after)).toEqual(latin1("import { m } from 'm';\n/** Größe */\nexport function f() {}\n"));
  });

  it('writes inserted ASCII text into it', () => {
    const original = latin1('// naïve\nlet x = 1;\n');
    expect(written(original, `${seen(original)}let y = 2;\n`)).toEqual(latin1('// naïve\nlet x = 1;\nlet y = 2;\n'));
  });

  it('refuses, naming the byte and the line, when the edit would write non-ASCII text into it', () => {
    const original = latin1('let x = 1;\n// é\n');
    expect(encodeEdit(original, `${seen(original)}// ü\n`)).toEqual({
      refusal: 'the file is not UTF-8 (byte 0xE9 on line 2) and the edit would write non-ASCII text near line 3, which cannot be encoded the way the file is; left untouched',
    });
  });

  it('a comment the edit moved within a changed block takes its original bytes along', () => {
    const original = latin1('const a = 1; // é\nconst b = 2;\n');
    const moved = 'const b = 2; // \uFFFD\nconst a = 1;\n';
    expect(seen(original)).toContain('\uFFFD');
    expect(written(original, moved)).toEqual(latin1('const b = 2; // é\nconst a = 1;\n'));
  });

  it('refuses a replaced character the edit brought in from elsewhere (no original bytes to give it)', () => {
    const original = latin1('// é\nlet a = 1;\n');
    expect(encodeEdit(original, '// \uFFFD\nlet a = 1; // \uFFFD\n')).toEqual({
      refusal: 'the edit would write U+FFFD near line 2, a character that stands for bytes read from a file that is not UTF-8 (they would be lost); left untouched',
    });
  });

  it('names the encoding it reads', () => {
    expect(sourceEncoding(latin1('a\né\n'))).toEqual({ bom: false, utf8: false, eol: '\n', firstInvalid: { line: 2, byte: 0xe9 } });
    expect(sourceEncoding(Buffer.from('a\r\nb\r\nc\n', 'utf8'))).toEqual({ bom: false, utf8: true, eol: '\r\n' });
  });
});

describe('encodeEdit: a byte order mark', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);

  it('is kept whether the codemod read it (fs) or not (TypeScript)', () => {
    const original = Buffer.concat([bom, Buffer.from('let a = 1;\n')]);
    const expected = Buffer.concat([bom, Buffer.from('let a: number = 1;\n')]);
    expect(written(original, '\uFEFFlet a: number = 1;\n')).toEqual(expected);
    expect(written(original, 'let a: number = 1;\n')).toEqual(expected);
  });

  it('is not added to a file that had none', () => {
    expect(written(Buffer.from('let a = 1;\n'), '\uFEFFlet a = 2;\n')).toEqual(Buffer.from('let a = 2;\n'));
  });

  it('UTF-16 files are refused', () => {
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('let a = 1;\n', 'utf16le')]);
    expect(encodeEdit(original, 'let a = 2;\n')).toEqual({
      refusal: 'the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); codemods rewrite UTF-8 files only',
    });
  });
});

describe('encodeEdit: line endings', () => {
  it('CRLF: inserted lines get CRLF, untouched lines keep it', () => {
    const original = Buffer.from('import a from "a";\r\nconst x = 1;\r\n');
    const after = 'import a from "a";\nimport b from "b";\nconst x = 1;\n';
    expect(written(original, after).toString()).toBe('import a from "a";\r\nimport b from "b";\r\nconst x = 1;\r\n');
  });

  it('CRLF: an edit that keeps CRLF itself is written as it is', () => {
    const original = Buffer.from('let a = 1;\r\nlet b = 2;\r\n');
    expect(written(original, 'let a = 1;\r\nlet b: number = 2;\r\n').toString()).toBe('let a = 1;\r\nlet b: number = 2;\r\n');
  });

  it('mixed endings: every kept line keeps its own ending, a printer that respelled them changes nothing', () => {
    const original = Buffer.from('a;\r\nb;\nc;\r\nd;\n');
    expect(written(original, 'a;\nb;\nc;\nd;\n')).toEqual(original);
    expect(written(original, 'a;\nb;\nx;\nc;\nd;\n').toString()).toBe('a;\r\nb;\nx;\nc;\r\nd;\n');
  });

  it('a missing final line break stays missing', () => {
    expect(written(Buffer.from('a;\r\nb;'), 'a;\nb;\nc;').toString()).toBe('a;\r\nb;\r\nc;');
  });
});

describe('encodeEdit: UTF-8 files', () => {
  it('writes non-ASCII text into a UTF-8 file as UTF-8, and keeps 4-byte characters around it', () => {
    const original = Buffer.from('// 😀 ok\nconst s = "x";\n');
    expect(written(original, '// 😀 ok\nconst s = "é";\n').toString()).toBe('// 😀 ok\nconst s = "é";\n');
  });

  it('an edit that only undoes itself returns the original bytes', () => {
    const original = latin1('// é\r\n');
    expect(written(original, seen(original))).toEqual(original);
  });
});

describe('encodeEdit: text read from another file that is not UTF-8', () => {
  it('refuses to insert U+FFFD even into a UTF-8 file: it stands for bytes that would be lost', () => {
    expect(encodeEdit(Buffer.from('# Decisions\n'), '# Decisions\n\nRelire le r\uFFFDsum\uFFFD.\n')).toEqual({
      refusal: 'the edit would write U+FFFD near line 3, a character that stands for bytes read from a file that is not UTF-8 (they would be lost); left untouched',
    });
  });
});

describe('encodeEdit: random edits (repeated lines included, so the diff cannot anchor on them all)', () => {
  // A fixed linear congruential generator: the same cases on every run.
  let seed = 17;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  const WORDS = ['}', 'return x;', '', 'const a = 1;', 'let b = 2;', 'if (a) {', 'call();'];
  const line = (): string => (next(3) === 0 ? `unique ${next(100000)} é` : (WORDS[next(WORDS.length)] ?? ''));

  it('CRLF latin-1 files: the bytes are the edited text spelled the file\'s way, in 300 random cases', () => {
    for (let round = 0; round < 300; round += 1) {
      const lines = Array.from({ length: 1 + next(60) }, line);
      const edited = [...lines];
      for (let edit = next(8); edit >= 0; edit -= 1) {
        const at = next(edited.length + 1);
        const kind = next(3);
        if (kind === 0) edited.splice(at, 0, `inserted ${next(1000)}`);
        else if (kind === 1) edited.splice(at, 1);
        else edited[at] = `${edited[at] ?? ''} /* changed */`;
      }
      const original = latin1(`${lines.join('\r\n')}\r\n`);
      const after = `${edited.join('\n')}\n`.replaceAll('é', '\uFFFD');
      // Every é of the result comes from a line of the original, so its byte is known.
      expect(written(original, after)).toEqual(latin1(`${edited.join('\r\n')}\r\n`));
    }
  });
});
