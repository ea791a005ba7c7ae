import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { extensionOf, fileNameParts, stemOf } from '../standards/file-names/file-name-parts.js';
import { isNameJudgedFile } from '../standards/shared/file-kinds.js';

describe('fileNameParts: how every file-name standard splits a name', () => {
  const split = (name: string): [string, string, string, string] => {
    const { stemStart, stemEnd, extensionStart } = fileNameParts(name);
    return [name.slice(0, stemStart), name.slice(stemStart, stemEnd), name.slice(stemEnd), name.slice(extensionStart)];
  };

  it('skips leading dots, ends the stem at the next dot and takes the last suffix as the extension', () => {
    expect(split('temp_x.ts')).toEqual(['', 'temp_x', '.ts', '.ts']);
    expect(split('a.test.ts')).toEqual(['', 'a', '.test.ts', '.ts']);
    expect(split('.tmp.js')).toEqual(['.', 'tmp', '.js', '.js']);
    expect(split('.temp_seed.js')).toEqual(['.', 'temp_seed', '.js', '.js']);
    expect(split('.misc.config.js')).toEqual(['.', 'misc', '.config.js', '.js']);
    expect(split('.eslintrc')).toEqual(['.', 'eslintrc', '', '']);
    expect(split('..x')).toEqual(['..', 'x', '', '']);
    expect(split('Makefile')).toEqual(['', 'Makefile', '', '']);
    expect(split('Temp-Loader.TS')).toEqual(['', 'Temp-Loader', '.TS', '.TS']);
  });

  it('gives the stem and the lower-cased extension', () => {
    expect(stemOf('.misc.config.js')).toBe('misc');
    expect(extensionOf('Temp-Loader.TS')).toBe('.ts');
    expect(extensionOf('.eslintrc')).toBe('');
  });
});

describe('the files the file-name standards cover', () => {
  it('are code, scripts and docs by their extension in any case, and package.json', () => {
    for (const name of ['a.ts', 'Temp-Loader.TS', 'x.Py', '.tmp.js', 'NOTES.TXT', 'package.json', 'q.d.ts']) {
      expect(isNameJudgedFile(name), name).toBe(true);
    }
    for (const name of ['temp_logo.png', 'temp_data.csv', 'Makefile', '.eslintrc', 'fix_x.json']) {
      expect(isNameJudgedFile(name), name).toBe(false);
    }
  });

  it('are exactly the files the recommended config hands to ESLint, code in lower case keeping its parser', async () => {
    const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const languageOf = async (file: string): Promise<unknown> =>
      ((await eslint.calculateConfigForFile(file)) as { language?: unknown } | undefined)?.language ?? null;
    const nameOnly = ['src/Temp-Loader.TS', 'src/App.JS', 'src/x.Py', 'docs/TODO.MD', 'scripts/run.sh'];
    const languages = await Promise.all(nameOnly.map(languageOf));
    nameOnly.forEach((file: string, index: number) => expect(languages[index], file).toBe(plugin.languages.file));
    expect(await languageOf('src/a.ts')).not.toBe(plugin.languages.file);
    expect(await languageOf('src/a.js')).not.toBe(plugin.languages.file);
    expect(await languageOf('src/a.ts')).not.toBeNull();
    const unjudged = ['assets/temp_logo.png', 'data/temp_rows.csv'];
    expect(await Promise.all(unjudged.map(languageOf))).toEqual([null, null]);
  });
});
