import { invalid } from '../../domain/shared/domain-error.ts';
import { parsePeriodBound } from '../../domain/surveys/parse-period-bound.ts';
import type { ResultsQuery } from '../../contracts/surveys.ts';

/** Dates without a time are local midnights in this zone unless the caller names one (the built-in calendar's zone). */
export const DEFAULT_SURVEY_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 731 * DAY_MS;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;


/** The period [fromMs, toMs): from before to, at most two years. */
export function parseSurveyPeriod(query: Pick<ResultsQuery, 'from' | 'to' | 'timeZone'>, nowMs: number): { fromMs: number; toMs: number; timeZone: string } {
  const timeZone = query.timeZone ?? DEFAULT_SURVEY_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid(`"${timeZone}" is not an IANA time zone such as Asia/Shanghai`, 'timeZone');
  }
  const toMs = query.to === undefined ? nowMs : parsePeriodBound(query.to, 'to', timeZone);
  const fromMs = query.from === undefined ? toMs - DEFAULT_PERIOD_MS : parsePeriodBound(query.from, 'from', timeZone);
  if (toMs <= fromMs) throw invalid('The end of the period must be after its start.', 'to');
  if (toMs - fromMs > MAX_PERIOD_MS) throw invalid('Results cover at most two years; choose a shorter period.', 'to');
  return { fromMs, toMs, timeZone };
}
