import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from './add-business-minutes.ts';
import { businessMinutesBetween } from './business-minutes-between.ts';
import { buildDefinition, buildWeekdayHours, OFFICE_HOURS, toMs, WHOLE_DAY } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { isWorkingTime } from './is-working-time.ts';
import { nextWorkingTime } from './next-working-time.ts';

/** Every day 00:00–24:00 as a business calendar, so a day's working time is its real length. */
const wholeDays = (timeZone: string) =>
  compileCalendar(buildDefinition({ timeZone, weeklyHours: [WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, WHOLE_DAY] }));

describe('compileCalendar across daylight-saving changes', () => {
  it.each([
    // zone, local midnight that starts the switch day (with its offset), the next midnight, hours
    ['America/New_York', '2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00', 23],
    ['America/New_York', '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00', 25],
    ['America/New_York', '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 23],
    ['America/New_York', '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 25],
    ['Europe/Berlin', '2025-03-30T00:00:00+01:00', '2025-03-31T00:00:00+02:00', 23],
    ['Europe/Berlin', '2025-10-26T00:00:00+02:00', '2025-10-27T00:00:00+01:00', 25],
    ['Europe/Berlin', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 23],
    ['Europe/Berlin', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 25],
    ['Australia/Lord_Howe', '2025-04-06T00:00:00+11:00', '2025-04-07T00:00:00+10:30', 24.5],
    ['Australia/Lord_Howe', '2025-10-05T00:00:00+10:30', '2025-10-06T00:00:00+11:00', 23.5],
  ])('%s: a whole working day from %s to %s lasts %d hours', (timeZone, dayStart, nextDayStart, hours) => {
    const calendar = wholeDays(timeZone);
    expect(businessMinutesBetween(toMs(dayStart), toMs(nextDayStart), calendar)).toBe(hours * 60);
    expect(addBusinessMinutes(toMs(dayStart), hours * 60, calendar)).toBe(toMs(nextDayStart));
  });

  it('Europe/Berlin: 01:00–04:00 lasts 2 hours on the spring Sunday and 4 on the autumn Sunday', () => {
    const sundayNight = [{ start: '01:00', end: '04:00' }];
    const calendar = compileCalendar(buildDefinition({ weeklyHours: [sundayNight, [], [], [], [], [], []] }));
    expect(businessMinutesBetween(toMs('2025-03-29T12:00:00+01:00'), toMs('2025-03-30T12:00:00+02:00'), calendar)).toBe(120);
    expect(businessMinutesBetween(toMs('2025-10-25T12:00:00+02:00'), toMs('2025-10-26T12:00:00+01:00'), calendar)).toBe(240);
    expect(businessMinutesBetween(toMs('2025-04-05T12:00:00+02:00'), toMs('2025-04-06T12:00:00+02:00'), calendar)).toBe(180);
    // Both passes through the repeated 02:30 are working time.
    expect(isWorkingTime(toMs('2025-10-26T02:30:00+02:00'), calendar)).toBe(true);
    expect(isWorkingTime(toMs('2025-10-26T02:30:00+01:00'), calendar)).toBe(true);
    expect(addBusinessMinutes(toMs('2025-10-26T01:00:00+02:00'), 90, calendar)).toBe(toMs('2025-10-26T02:30:00+02:00'));
    expect(addBusinessMinutes(toMs('2025-10-26T01:00:00+02:00'), 150, calendar)).toBe(toMs('2025-10-26T02:30:00+01:00'));
  });

  it('Europe/Berlin: an interval starting in the skipped hour starts when the clocks jump', () => {
    const calendar = compileCalendar(buildDefinition({ weeklyHours: [[{ start: '02:30', end: '03:30' }], [], [], [], [], [], []] }));
    expect(nextWorkingTime(toMs('2025-03-30T00:00:00+01:00'), calendar)).toBe(toMs('2025-03-30T03:00:00+02:00'));
    expect(businessMinutesBetween(toMs('2025-03-30T00:00:00+01:00'), toMs('2025-03-31T00:00:00+02:00'), calendar)).toBe(30);
    // An interval ending on a repeated wall time ends at its first occurrence.
    expect(businessMinutesBetween(toMs('2025-10-26T00:00:00+02:00'), toMs('2025-10-27T00:00:00+01:00'), calendar)).toBe(120);
  });

  it('America/New_York: office hours keep their length on the switch weekends', () => {
    const calendar = compileCalendar(buildDefinition({ timeZone: 'America/New_York' }));
    expect(addBusinessMinutes(toMs('2025-03-07T16:00:00-05:00'), 120, calendar)).toBe(toMs('2025-03-10T10:00:00-04:00'));
    expect(addBusinessMinutes(toMs('2025-10-31T16:00:00-04:00'), 120, calendar)).toBe(toMs('2025-11-03T10:00:00-05:00'));
    expect(businessMinutesBetween(toMs('2025-03-07T00:00:00-05:00'), toMs('2025-03-11T00:00:00-04:00'), calendar)).toBe(2 * 8 * 60); // Friday and Monday
    expect(isWorkingTime(toMs('2025-03-10T08:59:59.999-04:00'), calendar)).toBe(false);
    expect(isWorkingTime(toMs('2025-03-10T09:00:00-04:00'), calendar)).toBe(true);
  });

  it('America/New_York: a Sunday shift containing the switch has the right length', () => {
    const sunday = [{ start: '00:00', end: '06:00' }];
    const calendar = compileCalendar(buildDefinition({ timeZone: 'America/New_York', weeklyHours: [sunday, [], [], [], [], [], []] }));
    expect(businessMinutesBetween(toMs('2025-03-08T12:00:00-05:00'), toMs('2025-03-09T12:00:00-04:00'), calendar)).toBe(5 * 60);
    expect(businessMinutesBetween(toMs('2025-11-01T12:00:00-04:00'), toMs('2025-11-02T12:00:00-05:00'), calendar)).toBe(7 * 60);
  });

  it('Pacific/Apia: the day skipped in 2011 has no working time and nothing hangs', () => {
    const calendar = wholeDays('Pacific/Apia');
    expect(businessMinutesBetween(toMs('2011-12-29T00:00:00-10:00'), toMs('2011-12-31T00:00:00+14:00'), calendar)).toBe(24 * 60);
    expect(addBusinessMinutes(toMs('2011-12-29T23:00:00-10:00'), 120, calendar)).toBe(toMs('2011-12-31T01:00:00+14:00'));
  });

  it('works on the same compiled calendar in any order of requests (cache grown both ways)', () => {
    const calendar = compileCalendar(buildDefinition({ timeZone: 'America/New_York', weeklyHours: buildWeekdayHours(OFFICE_HOURS) }));
    const late = addBusinessMinutes(toMs('2026-06-01T09:00:00-04:00'), 60, calendar);
    const early = addBusinessMinutes(toMs('2024-06-03T09:00:00-04:00'), 60, calendar);
    const middle = businessMinutesBetween(toMs('2024-06-03T09:00:00-04:00'), toMs('2026-06-01T09:00:00-04:00'), calendar);
    expect(late).toBe(toMs('2026-06-01T10:00:00-04:00'));
    expect(early).toBe(toMs('2024-06-03T10:00:00-04:00'));
    const fresh = compileCalendar(buildDefinition({ timeZone: 'America/New_York', weeklyHours: buildWeekdayHours(OFFICE_HOURS) }));
    expect(businessMinutesBetween(toMs('2024-06-03T09:00:00-04:00'), toMs('2026-06-01T09:00:00-04:00'), fresh)).toBe(middle);
    expect(middle).toBe(104 * 5 * 8 * 60); // exactly 104 weeks
  });
});
