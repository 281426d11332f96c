import { invalid } from '../../domain/shared/domain-error.ts';
import { getZonedDayStartMs } from '../../domain/surveys/zoned-date.ts';
import type { ResultsQuery } from '../../contracts/surveys.ts';

/** Dates without a time are local midnights in this zone unless the caller names one (the built-in calendar's zone). */
export const DEFAULT_SURVEY_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 731 * DAY_MS;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseBound(value: string, field: 'from' | 'to', timeZone: string): number {
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

/** The period [fromMs, toMs): from before to, at most two years. */
export function parseSurveyPeriod(query: Pick<ResultsQuery, 'from' | 'to' | 'timeZone'>, nowMs: number): { fromMs: number; toMs: number; timeZone: string } {
  const timeZone = query.timeZone ?? DEFAULT_SURVEY_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid(`"${timeZone}" is not an IANA time zone such as Asia/Shanghai`, 'timeZone');
  }
  const toMs = query.to === undefined ? nowMs : parseBound(query.to, 'to', timeZone);
  const fromMs = query.from === undefined ? toMs - DEFAULT_PERIOD_MS : parseBound(query.from, 'from', timeZone);
  if (toMs <= fromMs) throw invalid('The end of the period must be after its start.', 'to');
  if (toMs - fromMs > MAX_PERIOD_MS) throw invalid('Results cover at most two years; choose a shorter period.', 'to');
  return { fromMs, toMs, timeZone };
}
