import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';
import { toPhoneQuery } from '../../domain/customers/normalize-phone.ts';
import { isSingleBigram, listSearchBigrams } from '../../domain/tickets/search-tokens.ts';

const STATS_TTL_MS = 10 * 60_000;
const statsByDb = new WeakMap<Db, { loading: Promise<Map<string, number>>; atMs: number }>();

/** PostgreSQL's sample of the commonest customer name pairs, cached per process for ten minutes. */
async function loadBigramFrequencies(db: Db): Promise<Map<string, number>> {
  const cached = statsByDb.get(db);
  if (cached && Date.now() - cached.atMs < STATS_TTL_MS) {
    const ok = await cached.loading.catch(() => null);
    if (ok) return ok;
  }
  const loading = sql<{ elems: string[] | null; freqs: number[] | null }>`
      select most_common_elems::text::text[] as elems, most_common_elem_freqs::float8[] as freqs
      from pg_stats where schemaname = current_schema() and tablename = 'customers' and attname = 'search_bigrams'`
    .execute(db)
    .then(({ rows }) => new Map<string, number>((rows[0]?.elems ?? []).map((e, i) => [e, rows[0]?.freqs?.[i] ?? 0])));
  statsByDb.set(db, { loading, atMs: Date.now() });
  return loading;
}

/**
 * The `q` filter of customer search, the tickets' approach (services/tickets/ticket-search.ts) on
 * customers.search_text: Latin text and digits through the trigram index, Chinese through the
 * bigram GIN index by the query's rarest pair with strpos keeping it exact — so a one- or
 * two-character Chinese query never reads the whole table. A phone typed with spaces or dashes is
 * searched the way phones are stored (digits only).
 */
export async function buildCustomerSearchFilter(db: Db, q: string): Promise<RawBuilder<boolean> | null> {
  const trimmed = q.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!trimmed) return null;
  const needle = toPhoneQuery(trimmed) ?? trimmed;
  const bigrams = listSearchBigrams(needle);
  if (bigrams.length === 0) {
    // A lone Chinese character (a surname: 王) has no pair and no trigram. strpos, which the planner
    // does not estimate, keeps the plan walking the name index until a page is full: a common
    // character fills it at once; a rare one reads further (the bench reports both).
    if (/^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]$/.test(needle)) return sql<boolean>`strpos(customers.search_text, ${needle}) > 0`;
    return sql<boolean>`customers.search_text like ${toContainsPattern(needle)}`;
  }
  if (isSingleBigram(needle)) return sql<boolean>`customers.search_bigrams @> ${[needle]}::text[]`;
  const frequencies = await loadBigramFrequencies(db);
  const rarest = bigrams.reduce((best, b) => ((frequencies.get(b) ?? 0) < (frequencies.get(best) ?? 0) ? b : best));
  return sql<boolean>`(customers.search_bigrams @> ${[rarest]}::text[] and strpos(customers.search_text, ${needle}) > 0)`;
}
