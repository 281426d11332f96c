/** Failed sign-ins counted for one key (an email, or a client address). */
export interface ThrottleState {
  failures: number;
  windowStartedAtMs: number;
  lockedUntilMs: number | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** 5 wrong passwords within 15 minutes lock the email for 15 minutes. */
export const EMAIL_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** A looser limit per client address catches one machine guessing across many emails. */
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds until the key may try again, or 0 when it is not locked. */
export function getLockRemainingMs(state: ThrottleState | null, nowMs: number): number {
  if (!state?.lockedUntilMs) return 0;
  return Math.max(0, state.lockedUntilMs - nowMs);
}

/** The state after one more failure: a new window once the old one has passed, a lock at the limit. */
export function registerFailure(state: ThrottleState | null, nowMs: number, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || nowMs - state.windowStartedAtMs >= policy.windowMs || (state.lockedUntilMs !== null && state.lockedUntilMs <= nowMs);
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAtMs = fresh ? nowMs : state.windowStartedAtMs;
  return {
    failures,
    windowStartedAtMs,
    lockedUntilMs: failures >= policy.maxFailures ? nowMs + policy.lockMs : null,
  };
}
