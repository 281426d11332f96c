/**
 * A ticket's number, e.g. 2027-000123: the year of registration as the company's clocks read it
 * (a ticket registered at 00:30 on 1 January in Shanghai belongs to the new year, though UTC is
 * still in December) and a sequence shared by all instances, padded to six digits but never cut.
 */
export function formatTicketNumber(registeredAtMs: number, timeZone: string, sequence: number): string {
  return `${readLocalYear(registeredAtMs, timeZone)}-${String(sequence).padStart(6, '0')}`;
}

/** The calendar year at `atMs` in an IANA zone. */
export function readLocalYear(atMs: number, timeZone: string): number {
  const year = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' })
    .formatToParts(new Date(atMs))
    .find((p) => p.type === 'year')!.value;
  return Number(year);
}
