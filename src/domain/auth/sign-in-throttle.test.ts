import { describe, expect, it } from 'vitest';
import { EMAIL_POLICY, getLockRemainingMs, registerFailure, type ThrottleState } from './sign-in-throttle.ts';

describe('sign-in throttle', () => {
  const t0 = Date.UTC(2026, 0, 1);
  it('locks at the fifth failure within the window, for the lock period', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = registerFailure(s, t0 + i * 1000, EMAIL_POLICY);
    expect(getLockRemainingMs(s, t0 + 4000)).toBe(0);
    s = registerFailure(s, t0 + 5000, EMAIL_POLICY);
    expect(getLockRemainingMs(s, t0 + 5000)).toBe(EMAIL_POLICY.lockMs);
    expect(getLockRemainingMs(s, t0 + 5000 + EMAIL_POLICY.lockMs)).toBe(0);
  });
  it('starts counting afresh after the window has passed', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = registerFailure(s, t0, EMAIL_POLICY);
    s = registerFailure(s, t0 + EMAIL_POLICY.windowMs, EMAIL_POLICY);
    expect(s.failures).toBe(1);
    expect(s.lockedUntilMs).toBeNull();
  });
  it('starts afresh after a lock has run out', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 5; i++) s = registerFailure(s, t0, EMAIL_POLICY);
    s = registerFailure(s, t0 + EMAIL_POLICY.lockMs, EMAIL_POLICY);
    expect(s.failures).toBe(1);
  });
});
