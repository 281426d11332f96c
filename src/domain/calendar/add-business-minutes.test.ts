import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { addBusinessMilliseconds, addBusinessMinutes } from './add-business-minutes.ts';
import { build24x7Calendar } from './build-24x7-calendar.ts';
import { buildChinaMainlandCalendar } from './build-china-mainland-calendar.ts';
import type { CalendarHoliday } from './calendar-definition.ts';
import { buildDefinition, shanghaiMs, toMs } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { formatLocalDate, getWeekday, parseLocalDate } from './parse-local-date.ts';

const china = compileCalendar(buildChinaMainlandCalendar());

describe('addBusinessMinutes', () => {
  it('skips the lunch break', () => {
    expect(addBusinessMinutes(shanghaiMs('2025-03-12T11:30:00'), 60, china)).toBe(shanghaiMs('2025-03-12T13:30:00'));
    expect(addBusinessMinutes(shanghaiMs('2025-03-12T12:30:00'), 30, china)).toBe(shanghaiMs('2025-03-12T13:30:00'));
  });

  it('is due at the end of a range when the target is used up exactly there, not after the break', () => {
    expect(addBusinessMinutes(shanghaiMs('2025-03-12T11:30:00'), 30, china)).toBe(shanghaiMs('2025-03-12T12:00:00'));
    expect(addBusinessMinutes(shanghaiMs('2025-03-14T17:00:00'), 60, china)).toBe(shanghaiMs('2025-03-14T18:00:00'));
  });

  it('starts counting at the next working instant when started outside working time', () => {
    expect(addBusinessMinutes(shanghaiMs('2025-03-15T10:00:00'), 30, china)).toBe(shanghaiMs('2025-03-17T09:30:00'));
    expect(addBusinessMinutes(shanghaiMs('2025-03-12T07:00:00'), 1, china)).toBe(shanghaiMs('2025-03-12T09:01:00'));
  });

  it('returns the start unchanged for 0 minutes, even outside working time', () => {
    const saturday = shanghaiMs('2025-03-15T10:00:00');
    expect(addBusinessMinutes(saturday, 0, china)).toBe(saturday);
  });

  it('takes fractional minutes to the millisecond', () => {
    expect(addBusinessMinutes(shanghaiMs('2025-03-12T09:00:00'), 1.5, china)).toBe(shanghaiMs('2025-03-12T09:01:30'));
    expect(addBusinessMilliseconds(shanghaiMs('2025-03-12T11:59:59.999'), 2, china)).toBe(shanghaiMs('2025-03-12T13:00:00.001'));
  });

  it('honours half days: a holiday keeps only the intervals listed', () => {
    const calendar = compileCalendar(
      buildDefinition({ holidays: [{ date: '2025-12-24', name: 'Heiligabend', workingIntervals: [{ start: '09:00', end: '12:00' }] }] }),
    );
    // Tue 23 Dec 16:00 + 4 h: 1 h on the 23rd, 3 h on the 24th's morning, then the next working day.
    expect(addBusinessMinutes(toMs('2025-12-23T16:00:00+01:00'), 240, calendar)).toBe(toMs('2025-12-24T12:00:00+01:00'));
    expect(addBusinessMinutes(toMs('2025-12-23T16:00:00+01:00'), 241, calendar)).toBe(toMs('2025-12-25T09:01:00+01:00'));
  });

  it('crosses a year end with holidays on a plain office calendar', () => {
    const calendar = compileCalendar(buildDefinition({ timeZone: 'America/New_York', holidays: [{ date: '2026-01-01' }] }));
    expect(addBusinessMinutes(toMs('2025-12-31T16:00:00-05:00'), 120, calendar)).toBe(toMs('2026-01-02T10:00:00-05:00'));
  });

  it('works on an extra working day with its own hours', () => {
    const calendar = compileCalendar(
      buildDefinition({ extraWorkingDays: [{ date: '2025-06-14', workingIntervals: [{ start: '10:00', end: '14:00' }] }] }),
    );
    expect(addBusinessMinutes(toMs('2025-06-13T16:00:00+02:00'), 120, calendar)).toBe(toMs('2025-06-14T11:00:00+02:00'));
  });

  it('handles long targets (a year of working time) without walking day by day', () => {
    const start = shanghaiMs('2025-01-01T00:00:00');
    expect(addBusinessMinutes(start, 248 * 8 * 60, china)).toBe(shanghaiMs('2025-12-31T18:00:00'));
  });

  it('adds plain elapsed time on a 24x7 calendar, DST or not', () => {
    const calendar = compileCalendar(build24x7Calendar('America/New_York'));
    const start = toMs('2025-03-09T01:30:00-05:00');
    expect(addBusinessMinutes(start, 60, calendar)).toBe(toMs('2025-03-09T03:30:00-04:00'));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d minutes', (minutes) => {
    expect(() => addBusinessMinutes(shanghaiMs('2025-03-12T09:00:00'), minutes, china)).toThrow(RangeError);
  });

  it.each([Number.NaN, 1e18, -3e12])('rejects the start instant %d', (startMs) => {
    expect(() => addBusinessMinutes(startMs, 10, china)).toThrow(/startMs must be epoch milliseconds/);
  });

  it('throws a clear error instead of hanging when there is no working time for 10 years', () => {
    // Monday hours only, and every Monday from 2025 to 2040 a holiday.
    const holidays: CalendarHoliday[] = [];
    for (let day = parseLocalDate('2025-01-01')!; day <= parseLocalDate('2040-12-31')!; day += 1) {
      if (getWeekday(day) === 1) holidays.push({ date: formatLocalDate(day) });
    }
    const calendar = compileCalendar(buildDefinition({ weeklyHours: [[], [{ start: '09:00', end: '17:00' }], [], [], [], [], []], holidays }));
    const start = toMs('2025-01-01T00:00:00+01:00');
    let thrown: unknown;
    try {
      addBusinessMinutes(start, 1, calendar);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'calendar_without_working_time', message: expect.stringMatching(/no working time in the 10 years after 2025-01-01/) });
    // Starting later, the first working Monday after the holidays is found.
    expect(addBusinessMinutes(toMs('2036-01-01T00:00:00+01:00'), 60, calendar)).toBe(toMs('2041-01-07T10:00:00+01:00'));
  });
});
