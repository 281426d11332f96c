import type { Db } from '../../db/connect.ts';
import { assertPasswordAcceptable, normalizeEmail } from '../../domain/org/validate-staff.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { announceAuthChange } from '../auth/principal-cache.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from './require-role.ts';

/** An admin (or the CLI) sets a new password for someone who forgot theirs; their sessions end. */
export async function resetStaffPassword(db: Db, ctx: RequestContext, input: { email: string; password?: string }): Promise<{ password: string }> {
  // The CLI acts as the system; anyone else must be an admin.
  if (ctx.actor.kind !== 'system') requireStaff(ctx, 'admin');
  const email = normalizeEmail(input.email);
  const password = input.password ?? generatePassword();
  assertPasswordAcceptable(password);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('staff').set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() })
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email)).returning('id').executeTakeFirst();
    if (!row) throw notFound(`No staff member with the email ${email}`);
    await trx.deleteFrom('sessions').where('staff_id', '=', row.id).execute();
    await announceAuthChange(trx, row.id);
    await trx.deleteFrom('sign_in_throttle').where('key', '=', `email:${email}`).execute();
    await recordAudit(trx, ctx, { action: 'staff.reset_password', entity: 'staff', entityId: row.id });
  });
  return { password };
}
