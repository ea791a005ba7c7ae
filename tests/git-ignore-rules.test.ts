import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ignoreRuleFor } from '../standards/shared/git-ignores.js';

const temporary: string[] = [];
afterAll((): void => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function repository(files: Readonly<Record<string, string>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ignore-rule-')));
  temporary.push(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('ignoreRuleFor', (): void => {
  it('names the rule that ignores a path that need not exist, from the folder asked about', async (): Promise<void> => {
    const root = repository({ '.gitignore': '# editors\n.vscode/\n', 'pkg/.gitignore': '/local.json\n' });
    expect(await ignoreRuleFor(root, '.vscode/mcp.json')).toEqual({ source: '.gitignore', line: 2, pattern: '.vscode/' });
    expect(await ignoreRuleFor(path.join(root, 'pkg'), '.vscode/mcp.json')).toEqual({ source: '../.gitignore', line: 2, pattern: '.vscode/' });
    expect(await ignoreRuleFor(path.join(root, 'pkg'), 'local.json')).toEqual({ source: '.gitignore', line: 1, pattern: '/local.json' });
  });

  it('is null for a path git does not ignore: no rule, a rule re-including it, a tracked file, outside a work tree', async (): Promise<void> => {
    const root = repository({ '.gitignore': '.vscode/*\n!.vscode/mcp.json\n*.log\n', 'kept.log': 'tracked\n' });
    expect(await ignoreRuleFor(root, 'src/index.ts')).toBeNull();
    expect(await ignoreRuleFor(root, '.vscode/mcp.json')).toBeNull();
    expect(await ignoreRuleFor(root, '.vscode/settings.json')).toEqual({ source: '.gitignore', line: 1, pattern: '.vscode/*' });
    execFileSync('git', ['add', '-f', 'kept.log'], { cwd: root });
    expect(await ignoreRuleFor(root, 'kept.log')).toBeNull();
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ignore-rule-outside-')));
    temporary.push(outside);
    fs.writeFileSync(path.join(outside, '.gitignore'), '*.json\n');
    expect(await ignoreRuleFor(outside, 'a.json')).toBeNull();
  });
});
