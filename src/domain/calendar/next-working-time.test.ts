import { describe, expect, it } from 'vitest';
import { buildChinaMainlandCalendar } from './build-china-mainland-calendar.ts';
import { shanghaiMs } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { nextWorkingTime } from './next-working-time.ts';

const china = compileCalendar(buildChinaMainlandCalendar());

describe('nextWorkingTime', () => {
  it.each([
    ['2025-03-12T10:15:00', '2025-03-12T10:15:00'], // already working: unchanged
    ['2025-03-12T12:00:00', '2025-03-12T13:00:00'], // lunch
    ['2025-03-12T18:00:00', '2025-03-13T09:00:00'], // evening
    ['2025-03-14T18:30:00', '2025-03-17T09:00:00'], // weekend
    ['2025-01-24T19:00:00', '2025-01-26T09:00:00'], // to the make-up Sunday
    ['2025-01-27T18:00:00', '2025-02-05T09:00:00'], // over the Spring Festival
    ['2025-12-31T18:00:00', '2026-01-04T09:00:00'], // over the year end
  ])('from Shanghai %s → %s', (from, expected) => {
    expect(nextWorkingTime(shanghaiMs(from), china)).toBe(shanghaiMs(expected));
  });
});
