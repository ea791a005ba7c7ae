import { randomUUID } from 'node:crypto';
import { UsageError } from '../command.js';

/**
 * What a page may hold at most, in characters of JSON. Agent clients cut or refuse tool results past
 * ~25k tokens (Claude Code's default limit); at ~4 characters a token this keeps a page near 10k tokens,
 * with room for the text summary that repeats the counts.
 */
export const PAGE_CHARACTER_BUDGET = 40_000;

/** A full answer kept between the pages of one call. */
interface Listing {
  readonly tool: string;
  readonly items: readonly unknown[];
  readonly extra: unknown;
}

/** One page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Index of the first item in the whole listing. */
  readonly offset: number;
  readonly total: number;
  /** Pass back as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

// Listings are kept for the next pages of recent calls only: memory stays bounded however long the
// server runs, and an old cursor is refused with a message rather than answered from stale results.
const KEPT_LISTINGS = 16;

/**
 * The listings of recent calls, so later pages come from the same run instead of a new lint (which could
 * differ, and would cost a whole run per page).
 * @complexity O(1) per page lookup; memory bounded by 16 listings.
 */
export class ResultPages {
  private readonly listings = new Map<string, Listing>();

  /**
   * Keeps a listing and returns its first page.
   * @complexity O(page size) plus the size estimate of each item on the page.
   */
  first<T, E>(tool: string, items: readonly T[], extra: E, limit: number): { readonly page: Page<T>; readonly extra: E } {
    const id = randomUUID();
    this.listings.set(id, { tool, items, extra });
    while (this.listings.size > KEPT_LISTINGS) this.listings.delete(this.listings.keys().next().value as string);
    return { page: cut(id, items as readonly T[], 0, limit), extra };
  }

  /**
   * The page a cursor points at, with the listing's extra data; a cursor that is unknown, expired or from
   * another tool is a UsageError that says to call again without it.
   * @complexity O(page size).
   */
  next<T, E>(tool: string, cursor: string, limit: number): { readonly page: Page<T>; readonly extra: E } {
    const match = /^([\da-f-]{36})\.(\d+)$/u.exec(cursor);
    const listing = match === null ? undefined : this.listings.get(match[1] ?? '');
    if (match === null || listing === undefined || listing.tool !== tool) {
      throw new UsageError(`${tool}: the cursor "${cursor}" is unknown or expired; call ${tool} again without a cursor`);
    }
    // Recently used listings are kept longest.
    this.listings.delete(match[1] ?? '');
    this.listings.set(match[1] ?? '', listing);
    return { page: cut(match[1] ?? '', listing.items as readonly T[], Number(match[2]), limit), extra: listing.extra as E };
  }
}

function cut<T>(id: string, items: readonly T[], offset: number, limit: number): Page<T> {
  const page: T[] = [];
  let characters = 0;
  for (let index = offset; index < items.length && page.length < limit; index += 1) {
    const size = JSON.stringify(items[index]).length + 1;
    // At least one item per page, however large, so paging always advances.
    if (page.length > 0 && characters + size > PAGE_CHARACTER_BUDGET) break;
    characters += size;
    page.push(items[index] as T);
  }
  const end = offset + page.length;
  return { items: page, offset, total: items.length, ...(end < items.length ? { nextCursor: `${id}.${end}` } : {}) };
}
