/**
 * Characters written without spaces between words: kana, CJK ideographs (with extension A and the
 * compatibility block) and Hangul syllables. The SQL function `ticket_search_bigrams` in
 * migrations/0004_ticket_search.sql uses the same class; the two must agree (an API test checks).
 */
const UNSPACED_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}/g;

/**
 * The overlapping character pairs (bigrams) of every run of unspaced characters in `text`, each once,
 * in order of first appearance: 燃气表漏气 → 燃气, 气表, 表漏, 漏气. Chinese has no spaces and a
 * two-character word is common (漏气, 电梯), while the trigram index needs three characters; a GIN
 * index over these pairs finds any Chinese substring of two or more characters. Other text (Latin
 * words, digits) is left to the trigram index.
 */
export function listSearchBigrams(text: string): string[] {
  const seen = new Set<string>();
  for (const [run] of text.matchAll(UNSPACED_RUN)) {
    for (let i = 0; i + 1 < run.length; i += 1) seen.add(run.slice(i, i + 2));
  }
  return [...seen];
}

/**
 * True when `needle` is exactly one bigram: then "the text contains it" and "the text's bigrams
 * include it" are the same thing, and the bigram index alone answers the search exactly.
 */
export function isSingleBigram(needle: string): boolean {
  const bigrams = listSearchBigrams(needle);
  return bigrams.length === 1 && bigrams[0] === needle;
}
