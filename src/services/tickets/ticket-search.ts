import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isSingleBigram, listSearchBigrams } from '../../domain/tickets/search-tokens.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';

/** How long the bigram frequencies are trusted before they are read again (ANALYZE runs in the background). */
const STATS_TTL_MS = 10 * 60_000;

interface BigramStats {
  frequencies: Map<string, number>;
  loadedAtMs: number;
}

const statsByDb = new WeakMap<Db, Promise<BigramStats>>();

/** PostgreSQL's own sample of the commonest pairs (pg_stats.most_common_elems), cached per process. */
async function loadBigramStats(db: Db): Promise<BigramStats> {
  const cached = statsByDb.get(db);
  if (cached) {
    const stats = await cached.catch(() => null);
    if (stats && Date.now() - stats.loadedAtMs < STATS_TTL_MS) return stats;
  }
  const loading = sql<{ elems: string[] | null; freqs: number[] | null }>`
      select most_common_elems::text::text[] as elems, most_common_elem_freqs::float8[] as freqs
      from pg_stats where schemaname = current_schema() and tablename = 'tickets' and attname = 'search_bigrams'`
    .execute(db)
    .then(({ rows }) => {
      const row = rows[0];
      const frequencies = new Map<string, number>((row?.elems ?? []).map((e, i) => [e, row?.freqs?.[i] ?? 0]));
      return { frequencies, loadedAtMs: Date.now() };
    });
  statsByDb.set(db, loading);
  return loading;
}

/**
 * The `q` filter of the ticket queues. Without Chinese pairs: a LIKE the trigram index serves.
 * With them: the GIN index over `search_bigrams` finds the candidates by their rarest pair, and
 * strpos keeps the answer exact (a lone pair needs no check: containing it is the same thing).
 *
 * Only the rarest pair goes to the index on purpose. The planner multiplies the frequencies of
 * several pairs as if they were independent, but the pairs of one phrase (上门, 门处, 处理) come
 * together: a common phrase then looks rare, and the plan fetches every match and sorts it (half a
 * second at a million tickets) instead of walking the newest tickets until a page is full (< 1 ms).
 * For the same reason the exactness check is strpos, which the planner does not try to estimate
 * from the text's histogram, rather than LIKE. `search_text` is stored lower-cased.
 */
export async function buildTicketSearchFilter(db: Db, q: string): Promise<RawBuilder<boolean>> {
  const needle = q.trim().toLowerCase();
  const bigrams = listSearchBigrams(needle);
  if (bigrams.length === 0) {
    const like = toContainsPattern(needle);
    return sql<boolean>`tickets.search_text like ${like}`;
  }
  if (isSingleBigram(needle)) return sql<boolean>`tickets.search_bigrams @> ${[needle]}::text[]`;
  const { frequencies } = await loadBigramStats(db);
  // A pair missing from the sample is rarer than any in it.
  const rarest = bigrams.reduce((best, b) => ((frequencies.get(b) ?? 0) < (frequencies.get(best) ?? 0) ? b : best));
  return sql<boolean>`(tickets.search_bigrams @> ${[rarest]}::text[] and strpos(tickets.search_text, ${needle}) > 0)`;
}

/**
 * The two halves of a search for the newest-first queues: `exact` checks one ticket (for walking
 * the newest tickets in a bounded id range), `indexed` lets the GIN indexes find every match
 * (every pair of a Chinese term, so the posting lists intersect; the trigram index for the rest).
 */
export function buildTicketSearchParts(q: string): { exact: RawBuilder<boolean>; indexed: RawBuilder<boolean> } {
  const needle = q.trim().toLowerCase();
  const exact = sql<boolean>`strpos(tickets.search_text, ${needle}) > 0`;
  const bigrams = listSearchBigrams(needle);
  if (bigrams.length === 0) return { exact, indexed: sql<boolean>`tickets.search_text like ${toContainsPattern(needle)}` };
  if (isSingleBigram(needle)) return { exact, indexed: sql<boolean>`tickets.search_bigrams @> ${[needle]}::text[]` };
  return { exact, indexed: sql<boolean>`(tickets.search_bigrams @> ${bigrams}::text[] and ${exact})` };
}
