import { sql } from 'kysely';
import type { CustomerView, ListCustomersQuery } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { buildCustomerSearchFilter, buildCustomerWalkFilter } from './customer-search-filter.ts';
import { CUSTOMER_COLUMNS, toCustomerView } from './views.ts';

/**
 * Customers for the list page and search-as-you-type, a keyset page at a time. Merged-away
 * duplicates never appear: their history lives on the surviving record.
 */
export async function listCustomers(db: Db, ctx: RequestContext, query: ListCustomersQuery, tuning: { walkRows?: number } = {}): Promise<Page<CustomerView>> {
  requireStaff(ctx);
  const limit = query.limit ?? 50;
  const search = query.q ? await buildCustomerSearchFilter(db, query.q) : null;
  // A search walks the newest records first: matches are spread evenly over ids, so a page fills
  // after a few rows. By name, all of 王's customers sit together in the index and the walk would
  // pass over hundreds of thousands of others first (6 s at a million).
  const sort = query.sort ?? (search ? 'newest' : 'name');
  const cursor = decodeCursor(query.cursor, sort === 'name' ? 2 : 1);
  let q = db.selectFrom('customers').select(CUSTOMER_COLUMNS).where('merged_into_id', 'is', null).where('active', '=', query.active ?? true);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.segment) q = q.where('segment', '=', query.segment.trim().toLowerCase());
  if (query.tag) q = q.where('tags', '@>', sql<string[]>`${[query.tag.trim()]}::text[]`);
  if (query.account !== undefined) q = q.where('is_account', '=', query.account);
  if (query.parentId) q = q.where('parent_id', '=', query.parentId);
  if (sort === 'name') {
    if (cursor) q = q.where(sql<boolean>`(customers.name, customers.id) > (${String(cursor[0])}, ${Number(cursor[1])}::bigint)`);
    q = q.orderBy('name').orderBy('id');
  } else {
    if (cursor) q = q.where('id', '<', Number(cursor[0]));
    q = q.orderBy('id', 'desc');
  }
  const walk = search && sort === 'newest' && query.q ? buildCustomerWalkFilter(query.q) : null;
  if (search && walk) {
    // Walk the newest WALK_ROWS records first; only if that leaves the page short, the index finds the rest below them.
    const bound = await db
      .selectFrom('customers')
      .select('id')
      .$if(cursor !== null, (b) => b.where('id', '<', Number(cursor![0])))
      .orderBy('id', 'desc')
      .offset((tuning.walkRows ?? WALK_ROWS) - 1)
      .limit(1)
      .executeTakeFirst();
    const walked = await (bound ? q.where('id', '>=', bound.id) : q).where(walk.walk).limit(limit + 1).execute();
    if (walked.length > limit || !bound) return toPage(walked.map(toCustomerView), limit, (c) => [c.id]);
    // Room for an exact bitmap: a common word's lossy one rechecks every row on its pages (brown in brown.7).
    const rest = await db.transaction().execute(async (trx) => {
      await sql`set local work_mem = '64MB'`.execute(trx);
      return (await trx.executeQuery(q.where('id', '<', bound.id).where(walk.collectBelow(bound.id)).limit(limit + 1 - walked.length))).rows;
    });
    const rows = [...walked, ...rest];
    return toPage(rows.map(toCustomerView), limit, (c) => [c.id]);
  }
  if (search) q = q.where(search);
  const rows = await q.limit(limit + 1).execute();
  return toPage(rows.map(toCustomerView), limit, (c) => (sort === 'name' ? [c.name, c.id] : [c.id]));
}

/** How many of the newest customers a Latin search checks one by one before it asks the trigram index. */
const WALK_ROWS = 5000;
