import type { Db } from '../../db/connect.ts';
import { assertPasswordAcceptable } from '../../domain/org/validate-staff.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { announceAuthChange } from '../auth/principal-cache.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from './require-role.ts';

/** The signed-in person changes their own password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  requireStaff(ctx);
  const row = await db.selectFrom('staff').select(['password_hash']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
  if (!row.password_hash || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw invalid('The current password is not correct', 'currentPassword');
  }
  assertPasswordAcceptable(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) throw invalid('Choose a password different from the current one', 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', ctx.actor.id).execute();
    let del = trx.deleteFrom('sessions').where('staff_id', '=', ctx.actor.id);
    if (input.keepSessionId) del = del.where('id', '!=', input.keepSessionId);
    await del.execute();
    await announceAuthChange(trx, ctx.actor.id);
    await recordAudit(trx, ctx, { action: 'staff.change_password', entity: 'staff', entityId: ctx.actor.id });
  });
}
