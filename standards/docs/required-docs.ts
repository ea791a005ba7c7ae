import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adjustList, type ListAdjustment } from '../shared/adjustable-list.js';

/**
 * workspace-standards.md, "Required Documentation": four AI-coder focused documents every project root
 * keeps, each with real content. The purpose is what the skeleton and the messages tell users to write.
 */
export const REQUIRED_DOCS: Readonly<Record<string, string>> = Object.freeze({
  'docs/architecture_decisions.md': 'technical choices and their rationale',
  'docs/performance_benchmarks.md': 'performance metrics, targets and the commands that measure them',
  'docs/mcp_integration_guide.md': 'how the project uses MCP servers',
  'docs/ai_coding_patterns.md': 'patterns, setup and troubleshooting for AI coders',
});

/** A required doc with fewer words than this counts as empty: a heading alone is not documentation. */
export const DEFAULT_MIN_WORDS = 20;

export interface RequiredDocsOptions {
  readonly docs?: ListAdjustment;
  readonly minWords?: number;
}

export interface DocGap {
  /** The doc's path relative to its project root, with `/` separators. */
  readonly doc: string;
  readonly problem: 'missing' | 'empty';
  /** Words found; 0 when missing. */
  readonly words: number;
}

/**
 * The docs every project root must have, after the user's `{ add, remove }` adjustment, with `/` separators.
 * @complexity O(number of docs).
 */
export function requiredDocList(options: RequiredDocsOptions = {}): readonly string[] {
  return adjustList(Object.keys(REQUIRED_DOCS), options.docs, (entry: string): string => entry.replace(/\\/gu, '/'));
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

/**
 * Counts words, ignoring Markdown punctuation (`#`, `-`, `|`), so a skeleton of headings and bullets does
 * not pass for content.
 * @complexity O(length of the text).
 */
export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count += 1;
  return count;
}

/**
 * Which required docs of the project root `rootDir` are missing or have fewer than `minWords` words.
 * Reads at most one file per required doc, stopping at the first error (a folder or an unreadable file
 * counts as missing).
 * @complexity O(total size of the required docs) file reads.
 */
export function findDocGaps(rootDir: string, options: RequiredDocsOptions = {}): readonly DocGap[] {
  const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
  const gaps: DocGap[] = [];
  for (const doc of requiredDocList(options)) {
    let text: string;
    try {
      text = readFileSync(path.join(rootDir, doc), 'utf8');
    } catch {
      gaps.push({ doc, problem: 'missing', words: 0 });
      continue;
    }
    const words = countWords(text);
    if (words < minWords) gaps.push({ doc, problem: 'empty', words });
  }
  return gaps;
}
