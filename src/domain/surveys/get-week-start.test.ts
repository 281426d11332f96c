import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { getIsoWeekKey } from './get-iso-week-key.ts';
import { getWeekStart } from './get-week-start.ts';
import { getZonedDateParts, getZonedDayStartMs } from './zoned-date.ts';

const SHANGHAI = 'Asia/Shanghai';
const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

describe('getWeekStart / getIsoWeekKey in Asia/Shanghai (UTC+8)', () => {
  // Monday 2026-01-05 00:00 local = Sunday 2026-01-04 16:00 UTC.
  const mondayMidnight = utc(2026, 1, 4, 16, 0);

  it('keeps Sunday 23:59 local (15:59 UTC) in the previous week', () => {
    const sundayLate = utc(2026, 1, 4, 15, 59);
    expect(getWeekStart(sundayLate, SHANGHAI)).toBe(utc(2025, 12, 28, 16, 0));
    expect(getIsoWeekKey(sundayLate, SHANGHAI)).toBe('2026-W01');
  });

  it('starts the new week at Monday 00:00 local (16:00 UTC Sunday)', () => {
    expect(getWeekStart(mondayMidnight, SHANGHAI)).toBe(mondayMidnight);
    expect(getIsoWeekKey(mondayMidnight, SHANGHAI)).toBe('2026-W02');
    expect(getWeekStart(utc(2026, 1, 11, 15, 59), SHANGHAI)).toBe(mondayMidnight);
  });

  it('differs from UTC for the same instant', () => {
    expect(getIsoWeekKey(mondayMidnight, 'UTC')).toBe('2026-W01');
    expect(getWeekStart(mondayMidnight, 'UTC')).toBe(utc(2025, 12, 29));
  });

  it('gives the brief\'s example week key', () => {
    expect(getIsoWeekKey(utc(2026, 1, 14, 4), SHANGHAI)).toBe('2026-W03');
  });
});

describe('ISO week-numbering year boundaries', () => {
  it('puts Monday 2024-12-30 in 2025-W01', () => {
    expect(getIsoWeekKey(utc(2024, 12, 30, 12), 'UTC')).toBe('2025-W01');
    expect(getIsoWeekKey(utc(2024, 12, 29, 12), 'UTC')).toBe('2024-W52');
  });

  it('puts Friday 2027-01-01 in 2026-W53 (2026 starts on a Thursday)', () => {
    expect(getIsoWeekKey(utc(2027, 1, 1, 12), 'UTC')).toBe('2026-W53');
    expect(getIsoWeekKey(utc(2027, 1, 4, 12), 'UTC')).toBe('2027-W01');
    expect(getWeekStart(utc(2027, 1, 1, 12), 'UTC')).toBe(utc(2026, 12, 28));
  });

  it('crosses the year by time zone: 2020-12-31 16:00 UTC is already 2021-01-01 in Shanghai', () => {
    const at = utc(2020, 12, 31, 16, 0);
    expect(getIsoWeekKey(at, 'UTC')).toBe('2020-W53');
    expect(getIsoWeekKey(at, SHANGHAI)).toBe('2020-W53'); // Friday 2021-01-01 still belongs to 2020-W53
    expect(getIsoWeekKey(utc(2021, 1, 3, 16, 0), SHANGHAI)).toBe('2021-W01'); // Monday 2021-01-04 local
  });
});

describe('daylight saving time', () => {
  it('starts Berlin weeks at local midnight on both sides of the spring change', () => {
    // Clocks go forward on Sunday 2026-03-29: Monday before is CET (UTC+1), Monday after is CEST (UTC+2).
    expect(getWeekStart(utc(2026, 3, 29, 12), 'Europe/Berlin')).toBe(utc(2026, 3, 22, 23));
    expect(getWeekStart(utc(2026, 4, 1, 12), 'Europe/Berlin')).toBe(utc(2026, 3, 29, 22));
  });

  it('starts a day whose midnight does not exist at the end of the gap', () => {
    // America/Santiago jumped from 2024-09-07 23:59:59 (−04) to 2024-09-08 01:00 (−03).
    expect(getZonedDayStartMs(2024, 9, 8, 'America/Santiago')).toBe(utc(2024, 9, 8, 4));
    expect(getZonedDayStartMs(2024, 9, 9, 'America/Santiago')).toBe(utc(2024, 9, 9, 3));
  });

  it('keeps the invariants for any instant and zone', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(fc.integer({ min: utc(1990, 1, 1), max: utc(2060, 1, 1) }), fc.constantFrom(...zones), (atMs, zone) => {
        const start = getWeekStart(atMs, zone);
        expect(start).toBeLessThanOrEqual(atMs);
        expect(atMs - start).toBeLessThan(8 * 86_400_000);
        const local = getZonedDateParts(start, zone);
        expect(local.weekday).toBe(1);
        expect(getZonedDateParts(start - 1, zone).weekday).toBe(7);
        expect(getWeekStart(start, zone)).toBe(start);
        expect(getIsoWeekKey(start, zone)).toBe(getIsoWeekKey(atMs, zone));
      }),
      { numRuns: 300 },
    );
  });
});

describe('validation', () => {
  it('names a bad time zone or instant', () => {
    for (const [call, field] of [
      [() => getWeekStart(0, 'Mars/Olympus'), 'timeZone'],
      [() => getIsoWeekKey(0, ''), 'timeZone'],
      [() => getWeekStart(Number.NaN, 'UTC'), 'atMs'],
    ] as const) {
      expect(call).toThrow(DomainValidationError);
      try {
        call();
      } catch (err) {
        expect((err as DomainValidationError).field).toBe(field);
      }
    }
  });
});
