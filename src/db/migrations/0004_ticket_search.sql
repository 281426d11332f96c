-- Search for short Chinese terms. Chinese is written without spaces and many words have two
-- characters (漏气 gas leak, 电梯 lift), but the trigram index cannot serve a LIKE pattern shorter
-- than three characters: such a search read every ticket (≈ 0.4 s at a million, longer as it grows).
-- The overlapping character pairs (bigrams) of every run of unspaced characters, in a GIN index,
-- answer any Chinese substring of two or more characters; Latin words and digits stay with the
-- trigram index. src/domain/tickets/search-tokens.ts turns a query into pairs with the same
-- character class; an API test checks that the two agree.
create function ticket_search_bigrams(body text) returns text[]
  language sql immutable strict parallel safe
  return (
    select coalesce(array_agg(distinct substr(run[1], i, 2)), '{}')
    from regexp_matches(body, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,})', 'g') as run,
         generate_series(1, char_length(run[1]) - 1) as i
  );

-- A stored column, not an expression index: computing the pairs costs ~20 µs a row, and a query
-- that walks the newest tickets checking each one (the best plan for a common term) must not pay
-- it per row. Being generated, it stays right for every writer of search_text (staff and portal
-- registration, later edits, imports) without any of them knowing about it. Adding it rewrites
-- the table once (about a minute at a million tickets).
alter table tickets add column search_bigrams text[] generated always as (ticket_search_bigrams(search_text)) stored;
create index tickets_search_bigrams_idx on tickets using gin (search_bigrams);

-- The planner estimates `search_text like '%leak%'` by trying the pattern on the column's
-- histogram; with the default 100 entries a word in 3 % of tickets is often in none of them, is
-- taken for rare, and the plan fetches all 30,000 matches to sort them (0.2 s) instead of walking
-- the newest tickets. A thousand entries make that miss unlikely for any word that matters.
alter table tickets alter column search_text set statistics 1000;
