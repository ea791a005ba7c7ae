import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basePathSetting, optionsBaseFolder } from '../standards/shared/config-folder.js';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'config-folder-')));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text = ''): string {
  const absolute = path.join(root, file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, text);
  return absolute;
}

describe('optionsBaseFolder: the folder option globs are relative to', () => {
  write('repo/eslint.config.js', 'export default [];\n');
  write('repo/packages/app/eslint.config.mjs', 'export default [];\n');
  const deep = write('repo/legacy/old/temp_x.ts');
  const inPackage = write('repo/packages/app/src/temp_y.ts');

  it('is the folder of the nearest config file above the linted file, whatever the cwd', () => {
    expect(optionsBaseFolder(deep, path.join(root, 'repo', 'legacy'))).toBe(path.join(root, 'repo'));
    expect(optionsBaseFolder(deep, path.join(root, 'repo'))).toBe(path.join(root, 'repo'));
    expect(optionsBaseFolder(inPackage, path.join(root, 'repo'))).toBe(path.join(root, 'repo', 'packages', 'app'));
  });

  it('is the cwd for virtual and relative names, and for files with no config file above them', () => {
    const outside = write('loose/temp_z.ts');
    expect(optionsBaseFolder('<input>', '/srv/app')).toBe('/srv/app');
    expect(optionsBaseFolder('src/temp_x.ts', '/srv/app')).toBe('/srv/app');
    // The temp folder has no config file above it.
    expect(optionsBaseFolder(outside, '/srv/app')).toBe('/srv/app');
  });

  it("is settings['perf-standards'].basePath when a config sets it, resolved against the cwd", () => {
    const settings = { 'perf-standards': { basePath: 'legacy' } };
    expect(basePathSetting(settings, path.join(root, 'repo'))).toBe(path.join(root, 'repo', 'legacy'));
    expect(optionsBaseFolder(deep, path.join(root, 'repo'), settings)).toBe(path.join(root, 'repo', 'legacy'));
    expect(basePathSetting({ 'perf-standards': { basePath: '' } }, '/srv')).toBeNull();
    expect(basePathSetting({ other: { basePath: '/x' } }, '/srv')).toBeNull();
    expect(basePathSetting(undefined, '/srv')).toBeNull();
  });
});
