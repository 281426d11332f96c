import { describe, expect, it } from 'vitest';
import { formatTicketNumber, readLocalYear } from './format-ticket-number.ts';

describe('formatTicketNumber', () => {
  it('takes the year in the company zone, not in UTC', () => {
    // 00:30 on 1 January 2027 in Shanghai is still 31 December in UTC.
    expect(formatTicketNumber(Date.parse('2026-12-31T16:30:00Z'), 'Asia/Shanghai', 7)).toBe('2027-000007');
    expect(formatTicketNumber(Date.parse('2026-12-31T15:30:00Z'), 'Asia/Shanghai', 8)).toBe('2026-000008');
    // West of UTC the new year comes later.
    expect(readLocalYear(Date.parse('2027-01-01T03:00:00Z'), 'America/New_York')).toBe(2026);
    expect(readLocalYear(Date.parse('2027-01-01T03:00:00Z'), 'UTC')).toBe(2027);
  });

  it('keeps every digit past the millionth ticket', () => {
    expect(formatTicketNumber(Date.parse('2026-06-01T00:00:00Z'), 'UTC', 1000001)).toBe('2026-1000001');
  });
});
