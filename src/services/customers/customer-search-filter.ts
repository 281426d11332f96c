import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';
import { toPhoneQuery } from '../../domain/customers/normalize-phone.ts';
import { isSingleBigram, listSearchBigrams } from '../../domain/tickets/search-tokens.ts';

const STATS_TTL_MS = 10 * 60_000;
/** Fewer estimated matches than this: collect them all through the index; more: walk the newest records. */
const COLLECT_BELOW_ROWS = 1500;

interface BigramStats {
  frequencies: Map<string, number>;
  rows: number;
}

type StatsColumn = 'search_bigrams' | 'search_chars';
const statsByDb = new WeakMap<Db, Map<StatsColumn, { loading: Promise<BigramStats>; atMs: number }>>();

/** PostgreSQL's sample of the commonest customer pairs (or single characters) and the table's size, cached per process for ten minutes. */
async function loadBigramStats(db: Db, column: StatsColumn = 'search_bigrams'): Promise<BigramStats> {
  const byColumn = statsByDb.get(db) ?? new Map<StatsColumn, { loading: Promise<BigramStats>; atMs: number }>();
  statsByDb.set(db, byColumn);
  const cached = byColumn.get(column);
  if (cached && Date.now() - cached.atMs < STATS_TTL_MS) {
    const ok = await cached.loading.catch(() => null);
    if (ok) return ok;
  }
  const loading = sql<{ elems: string[] | null; freqs: number[] | null; rows: number | null }>`
      select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs,
             (select greatest(reltuples, 0)::float8 from pg_class where oid = 'customers'::regclass) as rows
      from (select 1) one left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'customers' and s.attname = ${column}`
    .execute(db)
    .then(({ rows }) => {
      const row = rows[0];
      return { frequencies: new Map<string, number>((row?.elems ?? []).map((e, i) => [e, row?.freqs?.[i] ?? 0])), rows: Number(row?.rows ?? 0) };
    });
  byColumn.set(column, { loading, atMs: Date.now() });
  return loading;
}

/**
 * The search term as an SQL literal, not a parameter: the pool plans every statement generically
 * (plan_cache_mode=force_generic_plan in db/connect.ts), and a generic plan cannot see that a
 * pattern or pair is rare, so it walked the whole table for a phone number (1.5 s at a million).
 * Kysely doubles single quotes; with standard_conforming_strings (on by default) nothing else is special.
 */
function lit(text: string): RawBuilder<string> {
  return sql<string>`${sql.lit(text)}::text`;
}

/** The term as search_text holds it: lower case, single spaces, a phone typed with spaces or dashes as digits; '' for nothing. */
function toCustomerNeedle(q: string): string {
  // Control characters cannot be in the stored text (and NUL cannot be in a PostgreSQL string).
  const trimmed = [...q].map((ch) => (ch.charCodeAt(0) < 32 || ch === '\u007f' ? ' ' : ch)).join('').trim().toLowerCase().replace(/\s+/g, ' ');
  return trimmed ? (toPhoneQuery(trimmed) ?? trimmed) : '';
}

/**
 * The `q` filter of customer search, the tickets' approach (services/tickets/ticket-search.ts) on
 * customers.search_text: Latin text and digits through the trigram index, Chinese through the
 * bigram GIN index by the query's rarest pair with strpos keeping it exact — so a one- or
 * two-character Chinese query never reads the whole table. A phone typed with spaces or dashes is
 * searched the way phones are stored (digits only).
 */
export async function buildCustomerSearchFilter(db: Db, q: string): Promise<RawBuilder<boolean> | null> {
  const needle = toCustomerNeedle(q);
  if (!needle) return null;
  const bigrams = listSearchBigrams(needle);
  if (bigrams.length === 0) {
    // A lone Chinese character (a surname: 王) has no pair and no trigram: search_chars holds it.
    // A common one fills a page after a few of the newest records (strpos, which the planner does
    // not estimate, keeps it walking); a rare or absent one is collected through the index.
    if (/^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]$/.test(needle)) {
      const chars = await loadBigramStats(db, 'search_chars');
      if ((chars.frequencies.get(needle) ?? 0) * chars.rows < COLLECT_BELOW_ROWS) {
        return sql<boolean>`customers.id = any(array(select c2.id from customers c2 where c2.search_chars @> array[${lit(needle)}]))`;
      }
      return sql<boolean>`strpos(customers.search_text, ${needle}) > 0`;
    }
    return sql<boolean>`customers.search_text like ${lit(toContainsPattern(needle))}`;
  }
  const { frequencies, rows } = await loadBigramStats(db);
  // A pair missing from the sample is rarer than any in it.
  const rarest = bigrams.reduce((best, b) => ((frequencies.get(b) ?? 0) < (frequencies.get(best) ?? 0) ? b : best));
  const single = isSingleBigram(needle);
  if ((frequencies.get(rarest) ?? 0) * rows < COLLECT_BELOW_ROWS) {
    // Rare (or absent): collect the exact matches through the GIN index first, as an array the outer
    // query fetches by primary key. Left to itself the planner walks the newest records hoping to fill
    // a page (or merges with the candidates along the whole id range), and for a term that is not
    // there it reads the whole table (2 s at a million).
    const exactInner = single ? sql<boolean>`true` : sql<boolean>`strpos(c2.search_text, ${needle}) > 0`;
    return sql<boolean>`customers.id = any(array(select c2.id from customers c2 where c2.search_bigrams @> array[${lit(rarest)}] and ${exactInner}))`;
  }
  // Common: the newest records fill a page after a few rows. Latin letters or digits beside the
  // Chinese (燃气12345) go to the trigram index too, so a rare number is not looked for by walking.
  const exact = single ? sql<boolean>`true` : sql<boolean>`strpos(customers.search_text, ${needle}) > 0`;
  const latin = (needle.match(/[a-z0-9._@+-]{3,}/g) ?? []).sort((a, b) => b.length - a.length)[0];
  const trigram = latin ? sql<boolean>`customers.search_text like ${lit(toContainsPattern(latin))}` : sql<boolean>`true`;
  return sql<boolean>`(customers.search_bigrams @> array[${lit(rarest)}] and ${trigram} and ${exact})`;
}

/**
 * For a Latin or digit term (an email's `brown.7`): the exact check alone, for walking the newest
 * records before the trigram index is asked. The index splits the term at punctuation into words it
 * has seen thousands of times (brown) and rechecks each; when the term is common, the newest records
 * fill a page sooner. Null for Chinese terms, whose filter already chooses between the two.
 */
export function buildCustomerWalkFilter(q: string): { walk: RawBuilder<boolean>; collectBelow: (id: number) => RawBuilder<boolean> } | null {
  const needle = toCustomerNeedle(q);
  if (!needle) return null;
  if (/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/.test(needle)) return null;
  return {
    walk: sql<boolean>`strpos(customers.search_text, ${lit(needle)}) > 0`,
    // Every match below the walk, through the trigram index: left to itself the planner goes on walking in id order.
    collectBelow: (id: number) =>
      sql<boolean>`customers.id = any(array(select c2.id from customers c2 where c2.id < ${sql.lit(id)} and c2.search_text like ${lit(toContainsPattern(needle))}))`,
  };
}
