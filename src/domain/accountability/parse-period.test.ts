import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { getPeriodKey, parsePeriod } from './parse-period.ts';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

describe('parsePeriod', () => {
  it('gives a month as local midnights, half-open', () => {
    expect(parsePeriod('2026-05', TZ)).toEqual({ key: '2026-05', kind: 'month', startMs: Date.UTC(2026, 4, 1) - 8 * HOUR, endMs: Date.UTC(2026, 5, 1) - 8 * HOUR });
  });

  it('gives quarters, the fourth ending at the next new year', () => {
    expect(parsePeriod('2026-Q2', TZ)).toMatchObject({ kind: 'quarter', startMs: Date.UTC(2026, 3, 1) - 8 * HOUR, endMs: Date.UTC(2026, 6, 1) - 8 * HOUR });
    expect(parsePeriod('2026-Q4', TZ)).toMatchObject({ startMs: Date.UTC(2026, 9, 1) - 8 * HOUR, endMs: Date.UTC(2027, 0, 1) - 8 * HOUR });
    expect(parsePeriod('2026-12', TZ).endMs).toBe(Date.UTC(2027, 0, 1) - 8 * HOUR);
  });

  it('refuses anything else, naming the field', () => {
    for (const bad of ['2026-13', '2026-5', '2026-Q5', '26-05', '2026-05-01', '', 'Q2-2026', '1999-01']) {
      expect(() => parsePeriod(bad, TZ, 'period'), bad).toThrow(DomainValidationError);
    }
    try {
      parsePeriod('nope', TZ, 'query.period');
    } catch (err) {
      expect((err as DomainValidationError).field).toBe('query.period');
    }
  });
});

describe('getPeriodKey', () => {
  it('names the local month and quarter of an instant', () => {
    // 31 May 2026 17:00 UTC is 1 June 01:00 in Shanghai.
    const at = Date.UTC(2026, 4, 31, 17);
    expect(getPeriodKey(at, 'month', TZ)).toBe('2026-06');
    expect(getPeriodKey(at, 'month', 'UTC')).toBe('2026-05');
    expect(getPeriodKey(at, 'quarter', TZ)).toBe('2026-Q2');
    expect(getPeriodKey(Date.UTC(2026, 9, 1), 'quarter', TZ)).toBe('2026-Q4');
  });

  it('round-trips: the key of a period start is the period', () => {
    for (const key of ['2026-01', '2026-07', '2026-Q1', '2026-Q3']) {
      const p = parsePeriod(key, TZ);
      expect(getPeriodKey(p.startMs, p.kind, TZ)).toBe(key);
      expect(getPeriodKey(p.endMs - 1, p.kind, TZ)).toBe(key);
    }
  });
});
