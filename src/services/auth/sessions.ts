import { createHash, randomBytes } from 'node:crypto';
import { prepared, type Db } from '../../db/connect.ts';
import type { Role, StaffClass } from '../../db/schema.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { getDummyHash, verifyPassword } from './password.ts';
import { announceAuthChange, type PrincipalCache } from './principal-cache.ts';
import { assertNotLocked, failSignIn, throttleKeys } from './sign-in-throttle.ts';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  departmentId: number | null;
  staffClass: StaffClass;
  roles: Role[];
}

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

export async function signOut(db: Db, ctx: RequestContext, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('sessions').where('id', '=', sha256(token)).returning('staff_id').executeTakeFirst();
    if (!deleted) return;
    await recordAudit(trx, ctx, { action: 'session.sign_out', entity: 'staff', entityId: deleted.staff_id });
    await announceAuthChange(trx, deleted.staff_id);
  });
}

type StaffRow = { id: number; email: string; name: string; department_id: number | null; staff_class: StaffClass; roles: Role[] };

export function toSessionUser(row: StaffRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, departmentId: row.department_id, staffClass: row.staff_class, roles: row.roles };
}

export function toActor(row: Pick<StaffRow, 'id' | 'roles' | 'department_id'>): StaffActor {
  return { kind: 'staff', id: row.id, roles: row.roles, departmentId: row.department_id };
}

/**
 * The user behind a session cookie, or null when it is unknown, expired or the person was
 * deactivated. With `cache`, a session read in the last few seconds is answered from memory
 * (see principal-cache.ts for how sign-outs and role changes reach every instance).
 */
export async function resolveSession(
  db: Db,
  token: string,
  nowMs: number,
  cache?: PrincipalCache | null,
): Promise<{ user: SessionUser; csrfToken: string } | null> {
  const id = sha256(token);
  const load = async () => {
    const row = await db
      .selectFrom('sessions')
      .modifyFront(prepared('resolve-session'))
      .innerJoin('staff', 'staff.id', 'sessions.staff_id')
      .select(['staff.id', 'staff.email', 'staff.name', 'staff.department_id', 'staff.staff_class', 'staff.roles', 'staff.active', 'sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!row || !row.active || row.expires_at.getTime() <= nowMs) return null;
    return { value: { user: toSessionUser(row), csrfToken: row.csrf_token }, staffId: row.id, expiresAtMs: row.expires_at.getTime() };
  };
  return cache ? cache.resolve(`session:${id}`, nowMs, load) : ((await load())?.value ?? null);
}
