import { invalid } from '../shared/domain-error.ts';
import { getZonedDayStartMs } from './zoned-date.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A period's `from` or `to` as typed in a report's filter: a date (the start of that day in
 * `timeZone`) or an ISO date-time with its offset. Shared by the survey results and the compliance report.
 */
export function parsePeriodBound(value: string, field: 'from' | 'to', timeZone: string): number {
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (year < 2000 || year > 2200 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
      throw invalid(`"${value}" is not a date between 2000 and 2200 (use e.g. 2026-01-31)`, field);
    }
    return getZonedDayStartMs(year, month, day, timeZone);
  }
  const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(`"${value}" is not a date (use e.g. 2026-01-31, or 2026-01-31T08:00:00+08:00)`, field);
  return ms;
}
