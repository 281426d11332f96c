import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** A local calendar date and wall time in some IANA time zone; weekday 1 = Monday … 7 = Sunday (ISO). */
export interface ZonedDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const DAY_MS = 86_400_000;
const MAX_INSTANT_MS = 8.64e15;
const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (typeof timeZone !== 'string' || timeZone === '') {
      throw new DomainValidationError('timeZone', 'The time zone must be an IANA name such as Asia/Shanghai');
    }
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new DomainValidationError('timeZone', `"${timeZone}" is not a known IANA time zone (e.g. Asia/Shanghai)`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertInstant(atMs: number, field: string): void {
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || Math.abs(atMs) > MAX_INSTANT_MS) {
    throw new DomainValidationError(field, `${field} must be an instant in epoch milliseconds`);
  }
}

/** ISO weekday (1 = Monday) of a calendar date, independent of any time zone. */
export function getIsoWeekday(year: number, month: number, day: number): number {
  const sundayZero = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** The local date and wall time at an instant in a time zone (second precision). */
export function getZonedDateParts(atMs: number, timeZone: string, field = 'atMs'): ZonedDateParts {
  assertInstant(atMs, field);
  const values: Record<string, number> = {};
  for (const part of getFormatter(timeZone).formatToParts(atMs)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const year = values.year ?? NaN;
  const month = values.month ?? NaN;
  const day = values.day ?? NaN;
  return {
    year,
    month,
    day,
    hour: values.hour ?? NaN,
    minute: values.minute ?? NaN,
    second: values.second ?? NaN,
    weekday: getIsoWeekday(year, month, day),
  };
}

/** Offset of local wall time from UTC at an instant, in ms (positive east of Greenwich). */
function getOffsetMs(atMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(atMs / 1000) * 1000;
  const p = getZonedDateParts(wholeSecondMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecondMs;
}

function isOnLocalDate(atMs: number, timeZone: string, year: number, month: number, day: number): boolean {
  const p = getZonedDateParts(atMs, timeZone);
  return p.year === year && p.month === month && p.day === day;
}

/**
 * The first instant (epoch ms) of a local calendar date in a time zone: local 00:00, or the end of
 * a daylight-saving gap when midnight does not exist that day (e.g. America/Santiago in September).
 */
export function getZonedDayStartMs(year: number, month: number, day: number, timeZone: string): number {
  const wallMidnightAsUtc = Date.UTC(year, month - 1, day);
  // The offsets in force around that day; one of them is the offset at local midnight.
  const candidates = [-DAY_MS, 0, DAY_MS]
    .map((probe) => wallMidnightAsUtc - getOffsetMs(wallMidnightAsUtc + probe, timeZone))
    .filter((t) => isOnLocalDate(t, timeZone, year, month, day))
    .sort((a, b) => a - b);
  let start = candidates[0];
  if (start === undefined) throw new RangeError(`No instant falls on ${year}-${month}-${day} in ${timeZone}`);
  const p = getZonedDateParts(start, timeZone);
  if (p.hour !== 0 || p.minute !== 0 || p.second !== 0) {
    // Midnight fell in a gap: binary-search the transition, the first instant on this date.
    let before = start - 4 * 3_600_000;
    while (start - before > 1) {
      const mid = Math.floor((before + start) / 2);
      if (isOnLocalDate(mid, timeZone, year, month, day)) start = mid;
      else before = mid;
    }
  }
  return start;
}
