-- A one-character Chinese search (a surname: 王, or 鑫) has no pair for the bigram index and no
-- trigram, so it walked the customers newest first: instant for a common character, the whole table
-- (0.5 s at a million) for one that is not there. Single unspaced characters in their own GIN array
-- let a rare character be collected through an index, as rare pairs are. The character class is the
-- one of ticket_search_bigrams (0004_ticket_search.sql).
create function customer_search_chars(body text) returns text[]
  language sql immutable strict parallel safe
  return (
    select coalesce(array_agg(distinct m[1]), '{}')
    from regexp_matches(body, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])', 'g') as m
  );

alter table customers add column search_chars text[] generated always as (customer_search_chars(search_text)) stored;
create index customers_search_chars_idx on customers using gin (search_chars);
