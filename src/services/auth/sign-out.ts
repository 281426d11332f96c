import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { announceAuthChange } from './principal-cache.ts';
import { sha256 } from './sha256.ts';

/** Ends the session behind `token`; every instance forgets it on commit. */
export async function signOut(db: Db, ctx: RequestContext, input: { token: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('sessions').where('id', '=', sha256(input.token)).returning('staff_id').executeTakeFirst();
    if (!deleted) return;
    await recordAudit(trx, ctx, { action: 'session.sign_out', entity: 'staff', entityId: deleted.staff_id });
    await announceAuthChange(trx, deleted.staff_id);
  });
}
