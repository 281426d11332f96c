import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalDate, parseLocalDate } from '../calendar/parse-local-date.ts';
import { computeVisitDate, listVisitDates, nextVisitDate, type VisitSchedule } from './visit-schedule.ts';

const monthly = (startsOn: string, every = 1): VisitSchedule => ({ unit: 'months', every, startsOn });

describe('visit dates', () => {
  it('counts calendar months from the start and clamps to the month end without drifting', () => {
    expect(listVisitDates(monthly('2028-01-31'), '2028-01-01', '2028-05-31')).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31']);
    expect(listVisitDates(monthly('2027-01-31'), '2027-02-01', '2027-03-31')).toEqual(['2027-02-28', '2027-03-31']);
    expect(listVisitDates(monthly('2026-11-30', 3), '2026-11-01', '2027-12-31')).toEqual(['2026-11-30', '2027-02-28', '2027-05-30', '2027-08-30', '2027-11-30']);
  });

  it('steps whole weeks and never plans before the start', () => {
    const biweekly: VisitSchedule = { unit: 'weeks', every: 2, startsOn: '2026-12-07' };
    expect(listVisitDates(biweekly, '2026-11-01', '2027-01-05')).toEqual(['2026-12-07', '2026-12-21', '2027-01-04']);
    expect(listVisitDates(biweekly, '2027-01-05', '2027-01-05')).toEqual([]);
    expect(nextVisitDate(biweekly, '2026-12-08')).toBe('2026-12-21');
    expect(nextVisitDate(monthly('2026-01-31'), '2026-02-01')).toBe('2026-02-28');
  });

  it('finds far-off occurrences by jumping, the same as counting from the start', () => {
    expect(listVisitDates(monthly('2000-01-31'), '2030-02-01', '2030-03-31')).toEqual(['2030-02-28', '2030-03-31']);
    expect(computeVisitDate(monthly('2000-01-31'), 361)).toBe('2030-02-28');
  });

  const schedules = fc.record({
    unit: fc.constantFrom('weeks' as const, 'months' as const),
    every: fc.integer({ min: 1, max: 12 }),
    startsOn: fc.integer({ min: parseLocalDate('2000-01-01')!, max: parseLocalDate('2040-12-31')! }).map(formatLocalDate),
  });
  const ranges = fc.tuple(fc.integer({ min: parseLocalDate('1999-01-01')!, max: parseLocalDate('2045-01-01')! }), fc.integer({ min: 0, max: 400 }))
    .map(([from, len]) => [formatLocalDate(from), formatLocalDate(from + len)] as const);

  it('lists exactly the occurrences inside the range, in order (property)', () => {
    fc.assert(fc.property(schedules, ranges, (s, [from, to]) => {
      const dates = listVisitDates(s, from, to);
      const expected: string[] = [];
      for (let k = 0; ; k += 1) {
        const d = computeVisitDate(s, k);
        if (d > to) break;
        if (d >= from) expected.push(d);
      }
      expect(dates).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('keeps the start day where the month has it, else the month end; weeks keep the weekday (property)', () => {
    fc.assert(fc.property(schedules, fc.integer({ min: 0, max: 300 }), (s, k) => {
      const d = computeVisitDate(s, k);
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const startDay = Number(s.startsOn.slice(8));
      const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (s.unit === 'months') {
        expect(day).toBe(Math.min(startDay, monthEnd));
        const [sy, sm] = s.startsOn.split('-').map(Number) as [number, number];
        expect((y - sy) * 12 + (m - sm)).toBe(k * s.every);
      } else {
        expect(parseLocalDate(d)! - parseLocalDate(s.startsOn)!).toBe(k * 7 * s.every);
      }
    }), { numRuns: 300 });
  });

  it('gives the same dates whichever overlapping ranges a generator uses (property)', () => {
    fc.assert(fc.property(schedules, ranges, fc.integer({ min: 1, max: 200 }), (s, [from, to], split) => {
      const mid = formatLocalDate(Math.min(parseLocalDate(from)! + split, parseLocalDate(to)!));
      const whole = listVisitDates(s, from, to);
      const parts = [...new Set([...listVisitDates(s, from, mid), ...listVisitDates(s, mid, to)])];
      expect(parts).toEqual(whole);
    }), { numRuns: 200 });
  });
});
