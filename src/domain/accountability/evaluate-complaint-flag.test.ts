import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { COMPLAINT_WINDOW_MS, evaluateComplaintFlag } from './evaluate-complaint-flag.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 30, 8);

describe('evaluateComplaintFlag', () => {
  it('flags three complaints within 365 days, with the action by role', () => {
    const times = [now - 300 * DAY, now - 10 * DAY, now - DAY];
    expect(evaluateComplaintFlag(times, now, 'middle_manager')).toEqual({
      flagged: true,
      count: 3,
      countingTimesMs: times,
      recommendedAction: 'removal_from_post',
      windowStartMs: now - 365 * DAY,
      flaggedUntilMs: now - 300 * DAY + 365 * DAY,
    });
    expect(evaluateComplaintFlag(times, now, 'staff').recommendedAction).toBe('three_months_off_post');
  });

  it('does not flag two', () => {
    expect(evaluateComplaintFlag([now - DAY, now], now, 'staff')).toMatchObject({ flagged: false, count: 2, recommendedAction: null, flaggedUntilMs: null });
  });

  it('excludes a complaint exactly 365 days old and includes one a millisecond younger', () => {
    const recent = [now - 2 * DAY, now - DAY];
    expect(COMPLAINT_WINDOW_MS).toBe(365 * DAY);
    expect(evaluateComplaintFlag([now - 365 * DAY, ...recent], now, 'staff')).toMatchObject({ flagged: false, count: 2 });
    expect(evaluateComplaintFlag([now - 365 * DAY + 1, ...recent], now, 'staff')).toMatchObject({ flagged: true, count: 3 });
  });

  it('counts a complaint at nowMs and ignores future ones', () => {
    expect(evaluateComplaintFlag([now, now + 1], now, 'staff').countingTimesMs).toEqual([now]);
  });

  it('lists only the counting complaints, oldest first, and says when the flag lapses', () => {
    const times = [now - DAY, now - 400 * DAY, now - 200 * DAY, now - 100 * DAY, now - 50 * DAY];
    const flag = evaluateComplaintFlag(times, now, 'staff');
    expect(flag.countingTimesMs).toEqual([now - 200 * DAY, now - 100 * DAY, now - 50 * DAY, now - DAY]);
    // Four count; the flag holds until the second-oldest turns 365 days old, leaving two.
    expect(flag.flaggedUntilMs).toBe(now - 100 * DAY + 365 * DAY);
    expect(evaluateComplaintFlag(times, flag.flaggedUntilMs! - 1, 'staff').flagged).toBe(true);
    expect(evaluateComplaintFlag(times, flag.flaggedUntilMs!, 'staff').flagged).toBe(false);
  });

  it('validates input', () => {
    expect(() => evaluateComplaintFlag([Number.NaN], now, 'staff')).toThrow(DomainValidationError);
    expect(() => evaluateComplaintFlag([], Number.NaN, 'staff')).toThrow(/nowMs/);
    expect(() => evaluateComplaintFlag([], now, 'boss' as 'staff')).toThrow(/role/);
  });
});
