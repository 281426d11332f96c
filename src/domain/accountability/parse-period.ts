import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { getZonedDateParts, getZonedDayStartMs } from '../surveys/zoned-date.ts';

export const PERIOD_KINDS = ['month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** An assessment period: a month ("2026-05") or a quarter ("2026-Q2") in the company's time zone. */
export interface Period {
  key: string;
  kind: PeriodKind;
  /** First instant, inclusive. */
  startMs: number;
  /** First instant of the next period, exclusive. */
  endMs: number;
}

const PERIOD_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

/**
 * Parses a period key into its half-open range [startMs, endMs) of local midnights in `timeZone`, so an
 * incident at 23:59 Beijing time on 31 May counts in May even though it is already June in nobody's zone but UTC's.
 */
export function parsePeriod(key: string, timeZone: string, field = 'period'): Period {
  const match = typeof key === 'string' ? PERIOD_PATTERN.exec(key) : null;
  if (!match) throw new DomainValidationError(field, 'The period must be a month like 2026-05 or a quarter like 2026-Q2');
  const year = Number(match[1]);
  if (year < 2000 || year > 2200) throw new DomainValidationError(field, 'The period must be between the years 2000 and 2200');
  const kind: PeriodKind = match[3] ? 'quarter' : 'month';
  const firstMonth = kind === 'quarter' ? (Number(match[3]) - 1) * 3 + 1 : Number(match[2]);
  const months = kind === 'quarter' ? 3 : 1;
  const endMonthIndex = firstMonth - 1 + months;
  const endYear = year + Math.floor(endMonthIndex / 12);
  const endMonth = (endMonthIndex % 12) + 1;
  return {
    key,
    kind,
    startMs: getZonedDayStartMs(year, firstMonth, 1, timeZone),
    endMs: getZonedDayStartMs(endYear, endMonth, 1, timeZone),
  };
}

/** The key of the month or quarter that contains `atMs` in `timeZone`. */
export function getPeriodKey(atMs: number, kind: PeriodKind, timeZone: string): string {
  const { year, month } = getZonedDateParts(atMs, timeZone);
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}
