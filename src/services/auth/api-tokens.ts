import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { invalid, notFound } from '../../domain/shared/domain-error.ts';
import type { ApiTokenView, CreatedApiToken } from '../../contracts/api-tokens.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { announceAuthChange, type PrincipalCache } from './principal-cache.ts';
import { sha256, toSessionUser, type SessionUser } from './sessions.ts';

const TOKEN_PREFIX = 'ctk_';

export type { ApiTokenView } from '../../contracts/api-tokens.ts';

const toView = (r: { id: number; name: string; prefix: string; created_at: Date; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null }): ApiTokenView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** Creates a token for the acting user; the secret is returned here once and only its hash is kept. */
export async function createApiToken(
  db: Db,
  ctx: RequestContext & { actor: StaffActor },
  input: { name: string; expiresAt?: string | null; nowMs: number },
): Promise<CreatedApiToken> {
  const name = input.name.trim();
  if (!name) throw invalid('Give the token a name, e.g. "hotline integration"', 'name');
  if (name.length > 100) throw invalid('The name must be at most 100 characters', 'name');
  let expiresAt: Date | null = null;
  if (input.expiresAt) {
    expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) throw invalid('The expiry is not a valid date', 'expiresAt');
    if (expiresAt.getTime() <= input.nowMs) throw invalid('The expiry must be in the future', 'expiresAt');
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ staff_id: ctx.actor.id, name, token_hash: sha256(token), prefix: token.slice(0, 10), expires_at: expiresAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'api_token.create', entity: 'api_token', entityId: row.id, after: { name, prefix: row.prefix, expiresAt: row.expires_at } });
    return { ...toView(row), token };
  });
}

export async function listApiTokens(db: Db, staffId: number): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('staff_id', '=', staffId).orderBy('id', 'desc').execute();
  return rows.map(toView);
}

/** Revokes one of the acting user's tokens (admins may revoke anyone's). */
export async function revokeApiToken(db: Db, ctx: RequestContext & { actor: StaffActor }, id: number, nowMs: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('api_tokens').selectAll().where('id', '=', id);
    if (!ctx.actor.roles.includes('admin')) q = q.where('staff_id', '=', ctx.actor.id);
    const row = await q.forUpdate().executeTakeFirst();
    if (!row) throw notFound('No such token');
    if (row.revoked_at) return;
    await trx.updateTable('api_tokens').set({ revoked_at: new Date(nowMs) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'api_token.revoke', entity: 'api_token', entityId: id, before: { revokedAt: null }, after: { revokedAt: new Date(nowMs) } });
    await announceAuthChange(trx, row.staff_id);
  });
}

/** The user a bearer token acts for, or null when unknown, revoked, expired or the person was deactivated; `cache` as for sessions. */
export async function resolveApiToken(db: Db, token: string, nowMs: number, cache?: PrincipalCache | null): Promise<SessionUser | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
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
