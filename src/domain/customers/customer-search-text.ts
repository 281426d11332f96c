/**
 * Lower-cased name, organisation, phones and emails: what customer search matches (one trigram
 * index and, through the generated search_bigrams column, the Chinese pairs).
 */
export function customerSearchText(c: { name: string; organisation: string | null; phones: readonly string[]; emails: readonly string[] }): string {
  return [c.name, c.organisation, ...c.phones, ...c.emails].filter(Boolean).join(' ').toLowerCase();
}
