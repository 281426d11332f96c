import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from './add-business-minutes.ts';
import { buildChinaMainlandCalendar, getChinaMainlandCoveredYears } from './build-china-mainland-calendar.ts';
import { businessMinutesBetween } from './business-minutes-between.ts';
import { shanghaiMs } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { isWorkingTime } from './is-working-time.ts';
import { formatLocalDate, getWeekday, parseLocalDate } from './parse-local-date.ts';

const ONE_WORKING_DAY_MINUTES = 8 * 60; // 09:00–12:00 + 13:00–18:00
const china = compileCalendar(buildChinaMainlandCalendar());

/** Inclusive list of 'YYYY-MM-DD' dates. */
function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let day = parseLocalDate(first)!; day <= parseLocalDate(last)!; day += 1) dates.push(formatLocalDate(day));
  return dates;
}

/** Whether the calendar has working time on a Shanghai date, read at 10:00 local. */
const isWorkingDate = (date: string) => isWorkingTime(shanghaiMs(`${date}T10:00:00`), china);

// The State Council's notices (国务院办公厅关于2025年 / 2026年部分节假日安排的通知), typed in from the notices.
const OFFICIAL = {
  2025: {
    daysOff: [
      '2025-01-01',
      ...datesFrom('2025-01-28', '2025-02-04'), // 春节
      ...datesFrom('2025-04-04', '2025-04-06'), // 清明节
      ...datesFrom('2025-05-01', '2025-05-05'), // 劳动节
      ...datesFrom('2025-05-31', '2025-06-02'), // 端午节
      ...datesFrom('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    makeUpDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    daysOff: [
      ...datesFrom('2026-01-01', '2026-01-03'), // 元旦
      ...datesFrom('2026-02-15', '2026-02-23'), // 春节
      ...datesFrom('2026-04-04', '2026-04-06'), // 清明节
      ...datesFrom('2026-05-01', '2026-05-05'), // 劳动节
      ...datesFrom('2026-06-19', '2026-06-21'), // 端午节
      ...datesFrom('2026-09-25', '2026-09-27'), // 中秋节
      ...datesFrom('2026-10-01', '2026-10-07'), // 国庆节
    ],
    makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
} as const;

describe('buildChinaMainlandCalendar', () => {
  it('covers the years chinese-days carries, at least through 2026', () => {
    const covered = getChinaMainlandCoveredYears();
    expect(covered.fromYear).toBeLessThanOrEqual(2025);
    expect(covered.toYear).toBeGreaterThanOrEqual(2026);
  });

  it('uses Asia/Shanghai, 09:00–12:00 and 13:00–18:00 Monday to Friday by default', () => {
    const def = buildChinaMainlandCalendar();
    expect(def.timeZone).toBe('Asia/Shanghai');
    expect(def.weeklyHours[1]).toEqual([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }]);
    expect(def.weeklyHours[0]).toEqual([]);
    expect(def.weeklyHours[6]).toEqual([]);
    expect(def.holidays).toContainEqual({ date: '2025-01-28', name: '春节 Spring Festival' });
    expect(def.extraWorkingDays).toContainEqual({ date: '2025-01-26', name: '春节 补班 Spring Festival make-up working day' });
  });

  it.each([2025, 2026] as const)('matches the official %i schedule day by day (248 working days)', (year) => {
    const { daysOff, makeUpDays } = OFFICIAL[year];
    const off = new Set<string>(daysOff);
    const makeUp = new Set<string>(makeUpDays);
    const mismatches: string[] = [];
    let workingDays = 0;
    for (const date of datesFrom(`${year}-01-01`, `${year}-12-31`)) {
      const weekday = getWeekday(parseLocalDate(date)!);
      const expected = makeUp.has(date) || (weekday >= 1 && weekday <= 5 && !off.has(date));
      if (isWorkingDate(date) !== expected) mismatches.push(date);
      if (expected) workingDays += 1;
    }
    expect(mismatches).toEqual([]);
    expect(workingDays).toBe(248);
    for (const date of makeUpDays) expect([0, 6]).toContain(getWeekday(parseLocalDate(date)!));
  });

  // chinese-days' own functions shift dates by a day when the process runs west of UTC; the test
  // runner pins TZ=UTC (vitest.config.ts) so this cross-check means the same on every machine.
  it('agrees with chineseDays.isWorkday on every covered date', () => {
    const { fromYear, toYear } = getChinaMainlandCoveredYears();
    const disagreements = datesFrom(`${fromYear}-01-01`, `${toYear}-12-31`).filter(
      (date) => chineseDays.isWorkday(date) !== isWorkingDate(date),
    );
    expect(disagreements).toEqual([]);
  });

  it('makes a 1-working-day target skip the Spring Festival and land on the make-up Saturday', () => {
    // Mon 27 Jan 17:00: one hour left that day, then 28 Jan–4 Feb off, seven hours on Wed 5 Feb.
    expect(addBusinessMinutes(shanghaiMs('2025-01-27T17:00:00'), ONE_WORKING_DAY_MINUTES, china)).toBe(shanghaiMs('2025-02-05T17:00:00'));
    // Fri 24 Jan 17:00 → the make-up Sunday 26 Jan.
    expect(addBusinessMinutes(shanghaiMs('2025-01-24T17:00:00'), ONE_WORKING_DAY_MINUTES, china)).toBe(shanghaiMs('2025-01-26T17:00:00'));
    // Fri 7 Feb 17:00 → the make-up Saturday 8 Feb.
    expect(addBusinessMinutes(shanghaiMs('2025-02-07T17:00:00'), ONE_WORKING_DAY_MINUTES, china)).toBe(shanghaiMs('2025-02-08T17:00:00'));
  });

  it('skips the eight-day National Day and Mid-Autumn break of 2025', () => {
    expect(isWorkingDate('2025-09-28')).toBe(true); // make-up Sunday
    expect(addBusinessMinutes(shanghaiMs('2025-09-30T10:00:00'), ONE_WORKING_DAY_MINUTES, china)).toBe(shanghaiMs('2025-10-09T10:00:00'));
    expect(businessMinutesBetween(shanghaiMs('2025-09-30T18:00:00'), shanghaiMs('2025-10-09T09:00:00'), china)).toBe(0);
    expect(isWorkingDate('2025-10-11')).toBe(true); // make-up Saturday
    expect(isWorkingDate('2025-10-12')).toBe(false);
  });

  it('crosses the 2025/2026 year end into the 2026 New Year break and its make-up Sunday', () => {
    // Wed 31 Dec 17:00: one hour left, 1–3 Jan off, Sun 4 Jan is a working day.
    expect(addBusinessMinutes(shanghaiMs('2025-12-31T17:00:00'), ONE_WORKING_DAY_MINUTES, china)).toBe(shanghaiMs('2026-01-04T17:00:00'));
    expect(businessMinutesBetween(shanghaiMs('2025-12-31T00:00:00'), shanghaiMs('2026-01-05T00:00:00'), china)).toBe(2 * ONE_WORKING_DAY_MINUTES);
  });

  it('skips the nine-day 2026 Spring Festival between its two make-up Saturdays', () => {
    expect(addBusinessMinutes(shanghaiMs('2026-02-13T18:00:00'), ONE_WORKING_DAY_MINUTES, china)).toBe(shanghaiMs('2026-02-14T18:00:00'));
    expect(addBusinessMinutes(shanghaiMs('2026-02-14T18:00:00'), 60, china)).toBe(shanghaiMs('2026-02-24T10:00:00'));
    expect(isWorkingDate('2026-02-28')).toBe(true);
  });

  it('counts 248 working days in 2025 and in 2026', () => {
    const minutes2025 = businessMinutesBetween(shanghaiMs('2025-01-01T00:00:00'), shanghaiMs('2026-01-01T00:00:00'), china);
    const minutes2026 = businessMinutesBetween(shanghaiMs('2026-01-01T00:00:00'), shanghaiMs('2027-01-01T00:00:00'), china);
    expect(minutes2025 / ONE_WORKING_DAY_MINUTES).toBe(248);
    expect(minutes2026 / ONE_WORKING_DAY_MINUTES).toBe(248);
  });

  it('takes other hours and local additions, which replace the official entry for the same date', () => {
    const def = buildChinaMainlandCalendar({
      workingIntervals: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
      holidays: [
        { date: '2025-03-07', name: '妇女节 half day', workingIntervals: [{ start: '08:30', end: '12:00' }] },
        { date: '2025-09-28', name: 'Company outing' },
      ],
      extraWorkingDays: [{ date: '2025-10-08', name: 'On duty' }],
      fromYear: 2025,
      toYear: 2025,
    });
    expect(def.holidays.every((holiday) => holiday.date.startsWith('2025'))).toBe(true);
    expect(def.extraWorkingDays.some((day) => day.date === '2025-09-28')).toBe(false);
    const local = compileCalendar(def);
    expect(isWorkingTime(shanghaiMs('2025-03-07T11:00:00'), local)).toBe(true);
    expect(isWorkingTime(shanghaiMs('2025-03-07T14:00:00'), local)).toBe(false);
    expect(isWorkingTime(shanghaiMs('2025-09-28T10:00:00'), local)).toBe(false);
    // The added working day gets the calendar's weekday hours, lunch break included.
    expect(isWorkingTime(shanghaiMs('2025-10-08T08:30:00'), local)).toBe(true);
    expect(isWorkingTime(shanghaiMs('2025-10-08T13:00:00'), local)).toBe(false);
    expect(businessMinutesBetween(shanghaiMs('2025-03-07T00:00:00'), shanghaiMs('2025-03-08T00:00:00'), local)).toBe(210);
  });
});
