import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runNode } from '../run-node.js';

const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

describe('perf-standards', () => {
  it('prints the version of package.json for --version and -v, exit 0', async () => {
    const runs = await Promise.all(['--version', '-v'].map((flag: string) => runNode([CLI_BIN, flag])));
    for (const run of runs) expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('names --version in its help', async () => {
    const { code, stdout } = await runNode([CLI_BIN, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('`perf-standards --version` prints the version.\n');
  });
});
