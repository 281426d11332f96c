import { describe, expect, it } from 'vitest';
import { build24x7Calendar } from './build-24x7-calendar.ts';
import { buildChinaMainlandCalendar } from './build-china-mainland-calendar.ts';
import { shanghaiMs } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { isWorkingTime } from './is-working-time.ts';

const china = compileCalendar(buildChinaMainlandCalendar());

describe('isWorkingTime', () => {
  it.each([
    ['2025-03-12T08:59:59.999', false],
    ['2025-03-12T09:00:00', true],
    ['2025-03-12T11:59:59.999', true],
    ['2025-03-12T12:00:00', false],
    ['2025-03-12T13:00:00', true],
    ['2025-03-12T18:00:00', false],
    ['2025-03-15T10:00:00', false], // Saturday
    ['2025-01-26T10:00:00', true], // make-up Sunday
    ['2025-10-08T10:00:00', false], // National Day
  ])('Shanghai %s → %s', (local, expected) => {
    expect(isWorkingTime(shanghaiMs(local), china)).toBe(expected);
  });

  it('is always true on a 24x7 calendar', () => {
    expect(isWorkingTime(shanghaiMs('2025-01-29T03:00:00'), compileCalendar(build24x7Calendar('Asia/Shanghai')))).toBe(true);
  });
});
