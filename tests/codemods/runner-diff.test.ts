import { describe, expect, it } from 'vitest';
import { formatChange } from '../../codemods/runner/unified-diff.js';

describe('formatChange', () => {
  it('prints a git-style diff for a new, a deleted and a renamed file', () => {
    expect(formatChange({ path: 'docs/new.md', before: null, after: '# New\n' }, false)).toBe(
      'diff --git a/docs/new.md b/docs/new.md\nnew file mode 100644\n--- /dev/null\n+++ b/docs/new.md\n@@ -0,0 +1,1 @@\n+# New\n',
    );
    expect(formatChange({ path: 'TODO.md', deleted: true, before: '- a\n', after: null }, false)).toBe(
      'diff --git a/TODO.md b/TODO.md\ndeleted file mode 100644\n--- a/TODO.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-- a\n',
    );
    expect(formatChange({ path: 'a.sh', renamedTo: 'b.sh', before: 'x\n', after: 'x\n' }, false)).toBe(
      'diff --git a/a.sh b/b.sh\nrename from a.sh\nrename to b.sh\n',
    );
  });

  it('colours headers, hunks, removals and additions for a terminal only', () => {
    const coloured = formatChange({ path: 'a.ts', before: 'a\n', after: 'b\n' }, true);
    expect(coloured).toContain('\u001B[31m-a\u001B[0m\n\u001B[32m+b\u001B[0m');
    expect(coloured).toContain('\u001B[36m@@ -1,1 +1,1 @@\u001B[0m');
    expect(formatChange({ path: 'a.ts', before: 'a\n', after: 'b\n' }, false)).not.toContain('\u001B');
  });
});
