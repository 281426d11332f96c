import type { AccountTeamMemberView, TeamMemberBody } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { ACCOUNT_TEAM_ROLES } from '../../domain/customers/customer-fields.ts';
import { conflict, DomainError, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { listAccountTeam, loadCustomerRow } from './views.ts';

/** Adds a staff member to a B2B account's team in a role; an account has at most one account manager. */
export async function addAccountTeamMember(db: Db, ctx: RequestContext, input: { customerId: number } & TeamMemberBody): Promise<AccountTeamMemberView[]> {
  requireStaff(ctx);
  const { customerId } = input;
  if (!ACCOUNT_TEAM_ROLES.includes(input.role)) throw invalid(`The role is one of ${ACCOUNT_TEAM_ROLES.join(', ')}`, 'role');
  await db.transaction().execute(async (trx) => {
    const customer = await loadCustomerRow(trx, customerId, { forUpdate: true });
    if (customer.merged_into_id !== null) throw new DomainError('wrong_state', `This customer was merged into customer ${customer.merged_into_id}`, undefined, 'merged');
    if (!customer.is_account) throw invalid('Only a B2B account has an account team: mark the customer as an account first', 'customerId');
    const staff = await trx.selectFrom('staff').select(['id', 'active']).where('id', '=', input.staffId).executeTakeFirst();
    if (!staff || !staff.active) throw invalid(`No active staff member with id ${input.staffId}`, 'staffId');
    if (input.role === 'account_manager') {
      const manager = await trx.selectFrom('account_team_members').select('staff_id').where('customer_id', '=', customerId).where('role', '=', 'account_manager').executeTakeFirst();
      if (manager && manager.staff_id !== input.staffId) throw conflict('This account already has an account manager; remove them first', 'role', 'one_account_manager');
    }
    const inserted = await trx
      .insertInto('account_team_members').values({ customer_id: customerId, staff_id: input.staffId, role: input.role })
      .onConflict((oc) => oc.doNothing()).returning('staff_id').execute()
      .catch((e: unknown) => {
        // Two managers named at once: the partial unique index lets only one in.
        if ((e as { code?: string }).code === '23505') throw conflict('This account already has an account manager; remove them first', 'role', 'one_account_manager');
        throw e;
      });
    if (inserted.length > 0) {
      await recordAudit(trx, ctx, { action: 'account_team.add', entity: 'customer', entityId: customerId, before: null, after: { staffId: input.staffId, role: input.role } });
    }
  });
  return listAccountTeam(db, ctx, { customerId });
}
