import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeNearestRank, summarizeCompliance, type ClockOutcome } from './summarize-compliance.ts';

const met = (elapsedMinutes: number, targetMinutes = 60): ClockOutcome => ({ targetMinutes, elapsedMinutes, breached: false, lateMinutes: null });
const late = (elapsedMinutes: number, targetMinutes = 60): ClockOutcome => ({ targetMinutes, elapsedMinutes, breached: true, lateMinutes: elapsedMinutes - targetMinutes });
const open = (elapsedMinutes: number, targetMinutes = 60): ClockOutcome => ({ targetMinutes, elapsedMinutes, breached: true, lateMinutes: null });

describe('computeNearestRank', () => {
  it('takes the value at rank ⌈p·n⌉ of the sorted values, never interpolating', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(computeNearestRank(ten, 50)).toBe(5);
    expect(computeNearestRank(ten, 90)).toBe(9);
    expect(computeNearestRank(ten, 91)).toBe(10);
    expect(computeNearestRank(ten, 100)).toBe(10);
    expect(computeNearestRank(ten, 1)).toBe(1);
    // A median of two values is the lower one; of one value, that value.
    expect(computeNearestRank([30, 20], 50)).toBe(20);
    expect(computeNearestRank([42], 90)).toBe(42);
    expect(computeNearestRank(Array.from({ length: 100 }, (_, i) => i + 1), 7)).toBe(7);
    expect(computeNearestRank([], 50)).toBeNull();
  });

  it('refuses a percent outside (0, 100]', () => {
    expect(() => computeNearestRank([1], 0)).toThrow(RangeError);
    expect(() => computeNearestRank([1], 101)).toThrow(RangeError);
    expect(() => computeNearestRank([1], Number.NaN)).toThrow(RangeError);
  });

  it('always answers one of the values, with at least p % of them at or below it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const v = computeNearestRank(values, p)!;
        expect(values).toContain(v);
        expect(values.filter((x) => x <= v).length).toBeGreaterThanOrEqual((p / 100) * values.length);
        // …and it is the smallest such value.
        expect(values.filter((x) => x < v).length).toBeLessThan((p / 100) * values.length);
      }),
    );
  });
});

describe('summarizeCompliance', () => {
  it('counts met and breached clocks and the met share', () => {
    const s = summarizeCompliance([met(10), met(20), met(59), late(90), open(75), met(30)]);
    expect(s).toMatchObject({ count: 6, met: 4, breaches: 2, metPercent: 66.7, lateMinutesTotal: 30 });
  });

  it('gives median and p90 of elapsed minutes and of elapsed as a share of each own target', () => {
    // Targets differ: the shares are 0.5, 0.5, 1.5, 0.25 → sorted 0.25 0.5 0.5 1.5.
    const s = summarizeCompliance([met(30, 60), met(240, 480), late(90, 60), met(15, 60)]);
    expect(s.medianElapsedMinutes).toBe(30); // 15 30 90 240 → rank 2
    expect(s.p90ElapsedMinutes).toBe(240); // rank ⌈3.6⌉ = 4
    expect(s.medianShareOfTarget).toBe(0.5);
    expect(s.p90ShareOfTarget).toBe(1.5);
  });

  it('rounds the shares to 3 decimals and the percent to 1', () => {
    const s = summarizeCompliance([met(20, 60), late(70, 60), late(70, 60)]);
    expect(s.metPercent).toBe(33.3);
    expect(s.medianShareOfTarget).toBe(1.167);
  });

  it('answers nulls, not NaN, for no clocks', () => {
    expect(summarizeCompliance([])).toEqual({
      count: 0, met: 0, breaches: 0, metPercent: null,
      medianElapsedMinutes: null, p90ElapsedMinutes: null, medianShareOfTarget: null, p90ShareOfTarget: null, lateMinutesTotal: 0,
    });
  });

  it('keeps met + breaches = count and 0 ≤ met % ≤ 100 for any outcomes', () => {
    const outcome = fc.record({
      targetMinutes: fc.integer({ min: 1, max: 10_000 }),
      elapsedMinutes: fc.integer({ min: 0, max: 50_000 }),
      breached: fc.boolean(),
      lateMinutes: fc.option(fc.integer({ min: 0, max: 10_000 })),
    });
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 100 }), (outcomes) => {
        const s = summarizeCompliance(outcomes);
        expect(s.met + s.breaches).toBe(s.count);
        if (s.count > 0) {
          expect(s.metPercent).toBeGreaterThanOrEqual(0);
          expect(s.metPercent).toBeLessThanOrEqual(100);
          expect(s.medianElapsedMinutes!).toBeLessThanOrEqual(s.p90ElapsedMinutes!);
          expect(s.medianShareOfTarget!).toBeLessThanOrEqual(s.p90ShareOfTarget!);
        }
      }),
    );
  });
});
