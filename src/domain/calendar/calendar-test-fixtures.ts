import type { CalendarDefinition, WorkingInterval } from './calendar-definition.ts';

/** Test-only helpers: definitions built from a few overrides, and instants written with explicit offsets. */
export const OFFICE_HOURS: readonly WorkingInterval[] = [{ start: '09:00', end: '17:00' }];
export const WHOLE_DAY: readonly WorkingInterval[] = [{ start: '00:00', end: '24:00' }];

/** Monday–Friday with the given intervals, weekends off. */
export function buildWeekdayHours(intervals: readonly WorkingInterval[]): readonly (readonly WorkingInterval[])[] {
  return [[], intervals, intervals, intervals, intervals, intervals, []];
}

export function buildDefinition(overrides: Partial<CalendarDefinition> = {}): CalendarDefinition {
  return {
    name: 'Test calendar',
    timeZone: 'Europe/Berlin',
    kind: 'business',
    weeklyHours: buildWeekdayHours(OFFICE_HOURS),
    holidays: [],
    extraWorkingDays: [],
    ...overrides,
  };
}

/** `'2025-03-09T01:00:00-05:00'` → epoch ms; the explicit offset keeps the expected values independent of the code under test. */
export function toMs(isoWithOffset: string): number {
  const ms = Date.parse(isoWithOffset);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(isoWithOffset) || Number.isNaN(ms)) throw new Error(`bad test instant ${isoWithOffset}`);
  return ms;
}

/** Shanghai wall time (always UTC+08:00, no DST since 1991) → epoch ms. */
export function shanghaiMs(localDateTime: string): number {
  return toMs(`${localDateTime}+08:00`);
}
