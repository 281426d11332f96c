import type { Db } from '../../db/connect.ts';
import {
  ADDRESS_POLICY,
  EMAIL_POLICY,
  getLockRemainingMs,
  registerFailure,
  type ThrottlePolicy,
  type ThrottleState,
} from '../../domain/auth/sign-in-throttle.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';

/**
 * The throttle keys of one sign-in attempt: the email (prefixed per kind of account, e.g. `email:`
 * for staff, `portal-email:` for customers) and the client address, shared by both kinds so one
 * machine guessing across staff and portal accounts is counted once.
 */
export interface ThrottleKeys {
  emailKey: string;
  addressKey: string | null;
}

export function throttleKeys(prefix: string, email: string, clientIp: string | null): ThrottleKeys {
  return { emailKey: `${prefix}${email.trim().toLowerCase()}`, addressKey: clientIp ? `ip:${clientIp}` : null };
}

async function readThrottle(db: Db, key: string): Promise<ThrottleState | null> {
  const row = await db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row
    ? { failures: row.failures, windowStartedAtMs: row.window_started_at.getTime(), lockedUntilMs: row.locked_until?.getTime() ?? null }
    : null;
}

async function recordFailure(db: Db, key: string, nowMs: number, policy: ThrottlePolicy): Promise<void> {
  // Row lock so concurrent failures on several instances count each attempt once.
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
    const state = row
      ? { failures: row.failures, windowStartedAtMs: row.window_started_at.getTime(), lockedUntilMs: row.locked_until?.getTime() ?? null }
      : null;
    const next = registerFailure(state, nowMs, policy);
    const values = {
      failures: next.failures,
      window_started_at: new Date(next.windowStartedAtMs),
      locked_until: next.lockedUntilMs === null ? null : new Date(next.lockedUntilMs),
    };
    await trx
      .insertInto('sign_in_throttle')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  });
}

function lockedError(remainingMs: number): DomainError {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return new DomainError(
    'locked',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    undefined,
    'too_many_attempts',
  );
}

/** Throws 429 while the email or the address is locked out. */
export async function assertNotLocked(db: Db, keys: ThrottleKeys, nowMs: number): Promise<void> {
  const locks = await Promise.all([readThrottle(db, keys.emailKey), keys.addressKey ? readThrottle(db, keys.addressKey) : null]);
  const remaining = Math.max(...locks.map((s) => getLockRemainingMs(s, nowMs)));
  if (remaining > 0) throw lockedError(remaining);
}

/**
 * Counts a failed attempt and throws: 429 when that failure locked the email, else the one 401
 * every wrong email or password gets, so the answer never tells whether the email exists.
 */
export async function failSignIn(db: Db, keys: ThrottleKeys, nowMs: number, message: string): Promise<never> {
  await recordFailure(db, keys.emailKey, nowMs, EMAIL_POLICY);
  if (keys.addressKey) await recordFailure(db, keys.addressKey, nowMs, ADDRESS_POLICY);
  const lock = getLockRemainingMs(await readThrottle(db, keys.emailKey), nowMs);
  if (lock > 0) throw lockedError(lock);
  throw new DomainError('unauthorized', message, undefined, 'invalid_credentials');
}
