import { describe, expect, it } from 'vitest';
import { build24x7Calendar, buildChinaMainlandCalendar, compileCalendar } from '../calendar/index.ts';
import { buildDefinition, buildWeekdayHours, shanghaiMs } from '../calendar/calendar-test-fixtures.ts';
import { computeSurveyDueAt, getWorkingDayMinutes } from './compute-survey-due-at.ts';

describe('computeSurveyDueAt', () => {
  const china = buildChinaMainlandCalendar({ fromYear: 2025, toYear: 2026 });
  const compiled = compileCalendar(china);

  it('is one working day (8 h, 09:00–12:00 and 13:00–18:00) after the resolution', () => {
    expect(getWorkingDayMinutes(china)).toBe(480);
    // Tuesday 10:00 → Wednesday 10:00.
    expect(computeSurveyDueAt(shanghaiMs('2025-03-11T10:00:00'), china, compiled)).toBe(shanghaiMs('2025-03-12T10:00:00'));
  });

  it('skips the weekend: Friday 15:00 → Monday 15:00', () => {
    expect(computeSurveyDueAt(shanghaiMs('2025-03-14T15:00:00'), china, compiled)).toBe(shanghaiMs('2025-03-17T15:00:00'));
  });

  it('skips public holidays and counts make-up working days (National Day 2025: 1–8 Oct off, Sat 11 Oct worked)', () => {
    // Tuesday 30 September 16:00 → 1–8 October are holidays → Thursday 9 October 16:00.
    expect(computeSurveyDueAt(shanghaiMs('2025-09-30T16:00:00'), china, compiled)).toBe(shanghaiMs('2025-10-09T16:00:00'));
    // Friday 10 October 16:00 → Saturday 11 October is a make-up working day.
    expect(computeSurveyDueAt(shanghaiMs('2025-10-10T16:00:00'), china, compiled)).toBe(shanghaiMs('2025-10-11T16:00:00'));
  });

  it('a resolution outside working hours is due at the end of the next working day', () => {
    expect(computeSurveyDueAt(shanghaiMs('2025-03-15T11:00:00'), china, compiled)).toBe(shanghaiMs('2025-03-17T18:00:00'));
  });

  it('counts 24 hours on a round-the-clock calendar, and the longest day where Monday is off', () => {
    const allDay = build24x7Calendar('Asia/Shanghai');
    expect(getWorkingDayMinutes(allDay)).toBe(1440);
    expect(computeSurveyDueAt(shanghaiMs('2025-03-15T11:00:00'), allDay, compileCalendar(allDay))).toBe(shanghaiMs('2025-03-16T11:00:00'));
    const weekendShop = buildDefinition({ weeklyHours: [[{ start: '10:00', end: '16:00' }], [], [], [], [], [], [{ start: '10:00', end: '14:00' }]] });
    expect(getWorkingDayMinutes(weekendShop)).toBe(360);
    expect(getWorkingDayMinutes(buildDefinition({ weeklyHours: buildWeekdayHours([{ start: '08:00', end: '12:30' }]) }))).toBe(270);
  });
});
