import { sql } from 'kysely';
import type { DuplicateCandidateView } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { duplicateNameNeedle, findDuplicateCandidates, type DuplicateProbe } from '../../domain/customers/find-duplicate-candidates.ts';
import { buildCustomerSearchFilter } from './customer-search-filter.ts';
import { CUSTOMER_COLUMNS, toCustomerView } from './views.ts';

/** How many rows the database hands the matcher: the best by phone/email first, then by name similarity. */
const FETCH_LIMIT = 100;
const ANSWER_LIMIT = 10;

/**
 * Records that may be the same customer as `probe`: the database finds candidates through its
 * indexes (phones/emails overlap, the name's longest word contained), the domain's matcher decides.
 */
export async function findCustomerDuplicatesIn(db: Db, probe: DuplicateProbe, options: { excludeId?: number } = {}): Promise<DuplicateCandidateView[]> {
  const needle = duplicateNameNeedle(probe.name);
  const nameFilter = await buildCustomerSearchFilter(db, needle);
  const rows = await db
    .selectFrom('customers')
    .select(CUSTOMER_COLUMNS)
    .where('merged_into_id', 'is', null)
    .where('id', '<>', options.excludeId ?? 0)
    .where((eb) => eb.or([
      sql<boolean>`customers.phones && ${[...probe.phones]}::text[]`,
      sql<boolean>`customers.emails && ${[...probe.emails]}::text[]`,
      ...(nameFilter ? [nameFilter] : []),
    ]))
    .orderBy(sql`(customers.phones && ${[...probe.phones]}::text[] or customers.emails && ${[...probe.emails]}::text[])`, 'desc')
    .orderBy(sql`similarity(lower(customers.name), ${probe.name.toLowerCase()})`, 'desc')
    .orderBy('id')
    .limit(FETCH_LIMIT)
    .execute();
  const views = rows.map(toCustomerView);
  return findDuplicateCandidates(probe, views)
    .slice(0, ANSWER_LIMIT)
    .map((c) => ({ customer: c.record, reasons: c.reasons, score: Math.round(c.score * 100) / 100 }));
}
