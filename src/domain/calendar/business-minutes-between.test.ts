import { describe, expect, it } from 'vitest';
import { build24x7Calendar } from './build-24x7-calendar.ts';
import { buildChinaMainlandCalendar } from './build-china-mainland-calendar.ts';
import { businessMillisecondsBetween, businessMinutesBetween } from './business-minutes-between.ts';
import { shanghaiMs, toMs } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';

const china = compileCalendar(buildChinaMainlandCalendar());

describe('businessMinutesBetween', () => {
  it('counts a working day without its lunch break', () => {
    expect(businessMinutesBetween(shanghaiMs('2025-03-12T00:00:00'), shanghaiMs('2025-03-13T00:00:00'), china)).toBe(480);
    expect(businessMinutesBetween(shanghaiMs('2025-03-12T11:00:00'), shanghaiMs('2025-03-12T14:00:00'), china)).toBe(120);
  });

  it('is zero across a weekend night and negative when the end comes first', () => {
    expect(businessMinutesBetween(shanghaiMs('2025-03-14T18:00:00'), shanghaiMs('2025-03-17T09:00:00'), china)).toBe(0);
    expect(businessMinutesBetween(shanghaiMs('2025-03-12T14:00:00'), shanghaiMs('2025-03-12T11:00:00'), china)).toBe(-120);
  });

  it('returns fractional minutes, and exact milliseconds from the ms variant', () => {
    expect(businessMinutesBetween(shanghaiMs('2025-03-12T09:00:00'), shanghaiMs('2025-03-12T09:00:30'), china)).toBe(0.5);
    expect(businessMillisecondsBetween(shanghaiMs('2025-03-12T11:59:59.999'), shanghaiMs('2025-03-12T13:00:00.001'), china)).toBe(2);
  });

  it('is elapsed time on a 24x7 calendar, including the 23-hour DST day', () => {
    const calendar = compileCalendar(build24x7Calendar('Europe/Berlin'));
    expect(businessMinutesBetween(toMs('2025-03-30T00:00:00+01:00'), toMs('2025-03-31T00:00:00+02:00'), calendar)).toBe(23 * 60);
  });

  it('rejects instants that are not epoch milliseconds', () => {
    expect(() => businessMinutesBetween(Number.NaN, 0, china)).toThrow(/aMs must be epoch milliseconds/);
    expect(() => businessMinutesBetween(shanghaiMs('2025-03-12T09:00:00'), 1e17, china)).toThrow(/bMs must be epoch milliseconds/);
  });
});
