import type { Db } from '../../db/connect.ts';
import { API_TOKEN_PREFIX } from './api-token-prefix.ts';
import type { PrincipalCache } from './principal-cache.ts';
import { sha256 } from './sha256.ts';
import { toSessionUser, type SessionUser } from './views.ts';

/** The user a bearer token acts for, or null when unknown, revoked, expired or the person was deactivated; `cache` as for sessions. */
export async function resolveApiToken(db: Db, token: string, nowMs: number, cache?: PrincipalCache | null): Promise<SessionUser | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const hash = sha256(token);
  const load = async () => {
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('staff', 'staff.id', 'api_tokens.staff_id')
      .select(['api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'staff.id', 'staff.email', 'staff.name', 'staff.department_id', 'staff.staff_class', 'staff.roles', 'staff.active'])
      .where('api_tokens.token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.revoked_at || !row.active) return null;
    if (row.expires_at && row.expires_at.getTime() <= nowMs) return null;
    // Record use at most once a minute: a busy integration should not write on every call (a cached token is read again every few seconds).
    if (!row.last_used_at || nowMs - row.last_used_at.getTime() > 60_000) {
      await db.updateTable('api_tokens').set({ last_used_at: new Date(nowMs) }).where('id', '=', row.token_id).execute();
    }
    return { value: toSessionUser(row), staffId: row.id, expiresAtMs: row.expires_at?.getTime() ?? null };
  };
  return cache ? cache.resolve(`token:${hash}`, nowMs, load) : ((await load())?.value ?? null);
}
