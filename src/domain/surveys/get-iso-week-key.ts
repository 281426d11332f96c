import { getZonedDateParts } from './zoned-date.ts';

const DAY_MS = 86_400_000;

/**
 * ISO 8601 week of the local date at `atMs` in `timeZone`, like `2026-W03`. The year is the ISO
 * week-numbering year (the year of that week's Thursday), so 2027-01-01 falls in `2026-W53`.
 */
export function getIsoWeekKey(atMs: number, timeZone: string): string {
  const local = getZonedDateParts(atMs, timeZone);
  const thursday = new Date(Date.UTC(local.year, local.month - 1, local.day + (4 - local.weekday)));
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS / 7) + 1;
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}
