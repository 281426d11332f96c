import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { announceAuthChange } from './principal-cache.ts';

/** Revokes one of the acting user's tokens (admins may revoke anyone's). */
export async function revokeApiToken(db: Db, ctx: RequestContext & { actor: StaffActor }, input: { id: number; nowMs: number }): Promise<void> {
  const { id, nowMs } = input;
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
