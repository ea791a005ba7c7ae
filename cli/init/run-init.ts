import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../codemods/runner/atomic-write.js';
import { formatChange } from '../../codemods/runner/unified-diff.js';
import type { CommandIO } from '../command.js';
import type { InitArguments } from './arguments.js';
import { planInit, type PlannedFile } from './setup-plan.js';

function describe(file: PlannedFile, dryRun: boolean): string {
  const verb = file.before === null ? (dryRun ? 'would create' : 'created') : dryRun ? 'would update' : 'updated';
  return `${verb} ${file.path} (${file.what})`;
}

/**
 * Runs `perf-standards init` once arguments are parsed: writes the plan's files atomically (creating their
 * folders), or with `dryRun` prints them as a unified diff; then what was left alone and what is left to do.
 * @performance a few small reads and at most seven atomic writes, concurrently.
 */
export async function runInit(args: InitArguments, io: CommandIO): Promise<number> {
  const plan = await planInit(io.cwd, args);
  const lines: string[] = [];
  if (args.dryRun) {
    for (const file of plan.files) {
      lines.push(describe(file, true));
      io.stdout.write(formatChange({ path: file.path, before: file.before, after: file.after }, false));
    }
  } else {
    await Promise.all(
      plan.files.map(async (file: PlannedFile): Promise<void> => {
        const target = path.join(io.cwd, file.path);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFileAtomic(target, file.after);
      }),
    );
    lines.push(...plan.files.map((file: PlannedFile): string => describe(file, false)));
  }
  lines.push(...plan.unchanged.map((line: string): string => `unchanged ${line}`));
  if (plan.files.length === 0) lines.push('Nothing to write: the project is already set up.');
  lines.push(...plan.advice);
  // With --dry-run the diff owns stdout (a patch `git apply` takes); the summary goes to stderr.
  (args.dryRun ? io.stderr : io.stdout).write(`${lines.join('\n')}\n`);
  return 0;
}
