import { prepared, type Db } from '../../db/connect.ts';
import type { PrincipalCache } from './principal-cache.ts';
import { sha256 } from './sha256.ts';
import { toSessionUser, type SessionUser } from './views.ts';

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
