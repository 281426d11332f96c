import { invalid } from '../../domain/shared/domain-error.ts';

/** Opaque cursors for keyset pagination: the sort key and id of the last row of a page. */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) {
      return values as (string | number | null)[];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('The cursor is not valid; start again from the first page', 'cursor');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetches limit+1 rows and turns the extra one into the next cursor. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
