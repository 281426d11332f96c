import type { AccountTeamMemberView, TeamMemberBody } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { listAccountTeam } from './views.ts';

/** Takes a staff member out of one role in the account team. */
export async function removeAccountTeamMember(db: Db, ctx: RequestContext, input: { customerId: number } & TeamMemberBody): Promise<AccountTeamMemberView[]> {
  requireStaff(ctx);
  const { customerId } = input;
  await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('account_team_members').where('customer_id', '=', customerId).where('staff_id', '=', input.staffId).where('role', '=', input.role).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound(`Staff member ${input.staffId} is not the ${input.role} of customer ${customerId}`);
    await recordAudit(trx, ctx, { action: 'account_team.remove', entity: 'customer', entityId: customerId, before: { staffId: input.staffId, role: input.role }, after: null });
  });
  return listAccountTeam(db, ctx, { customerId });
}
