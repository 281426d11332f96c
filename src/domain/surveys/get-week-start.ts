import { getZonedDateParts, getZonedDayStartMs } from './zoned-date.ts';

/**
 * Start of the ISO week (Monday 00:00 local time in `timeZone`) containing the instant `atMs`,
 * as epoch ms. Weeks follow the company's zone so a Shanghai week starts Sunday 16:00 UTC.
 */
export function getWeekStart(atMs: number, timeZone: string): number {
  const local = getZonedDateParts(atMs, timeZone);
  // Calendar arithmetic on a UTC date is zone-free: only the local date matters here.
  const monday = new Date(Date.UTC(local.year, local.month - 1, local.day - (local.weekday - 1)));
  return getZonedDayStartMs(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
}
