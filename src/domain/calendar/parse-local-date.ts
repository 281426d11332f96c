const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `'YYYY-MM-DD'` → day number (whole days since 1970-01-01 in the proleptic Gregorian calendar),
 * or undefined when malformed or not a real date (2025-02-30). Years 1900–2999 only.
 */
export function parseLocalDate(text: string): number | undefined {
  const match = LOCAL_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const utcMs = Date.UTC(year, month - 1, day);
  const dayNumber = utcMs / DAY_MS;
  // Date.UTC rolls 2025-02-30 over to March; a rolled-over date is not the one written.
  return formatLocalDate(dayNumber) === text ? dayNumber : undefined;
}

/** Day number (days since 1970-01-01) → `'YYYY-MM-DD'`. */
export function formatLocalDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function getWeekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}
