import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { getDummyHash, verifyPassword } from './password.ts';
import { sha256 } from './sha256.ts';
import { assertNotLocked, failSignIn, throttleKeys } from './sign-in-throttle.ts';
import { toActor, toSessionUser, type SessionUser } from './views.ts';

export interface SignInResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
}

const INVALID = 'The email or password is not correct.';

/**
 * Checks the password and opens a session. Unknown emails, wrong passwords and deactivated
 * accounts get the same answer and take the same time, so the answer never tells whether an email exists.
 */
export async function signIn(
  db: Db,
  ctx: RequestContext,
  input: { email: string; password: string; userAgent: string | null; ttlHours: number; nowMs: number },
): Promise<SignInResult> {
  const keys = throttleKeys('email:', input.email, ctx.clientIp);
  await assertNotLocked(db, keys, input.nowMs);

  const staff = await db
    .selectFrom('staff')
    .select(['id', 'email', 'name', 'department_id', 'staff_class', 'roles', 'active', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, staff?.password_hash ?? (await getDummyHash()));
  if (!staff || !staff.active || !staff.password_hash || !ok) return failSignIn(db, keys, input.nowMs, INVALID);

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(input.nowMs + input.ttlHours * 3_600_000);
  const actorCtx: RequestContext = { ...ctx, actor: toActor(staff) };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({ id: sha256(token), staff_id: staff.id, csrf_token: csrfToken, expires_at: expiresAt, client_ip: ctx.clientIp, user_agent: input.userAgent?.slice(0, 500) ?? null })
      .execute();
    await trx.deleteFrom('sign_in_throttle').where('key', '=', keys.emailKey).execute();
    await recordAudit(trx, actorCtx, { action: 'session.sign_in', entity: 'staff', entityId: staff.id });
  });
  return { token, csrfToken, expiresAt, user: toSessionUser(staff) };
}
