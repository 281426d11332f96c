import type { Db } from '../../db/connect.ts';
import type { AccountTeamRole } from '../../domain/customers/customer-fields.ts';
import { ACCOUNT_TEAM_ROLES } from '../../domain/customers/customer-fields.ts';
import { conflict, DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadCustomerRow } from './customer-view.ts';

export interface AccountTeamMemberView {
  staffId: number;
  staffName: string;
  staffEmail: string;
  role: AccountTeamRole;
  since: string;
}

/** Our staff serving the account, account manager first. */
export async function listAccountTeam(db: Db, ctx: RequestContext, customerId: number): Promise<AccountTeamMemberView[]> {
  requireStaff(ctx);
  await loadCustomerRow(db, customerId);
  const rows = await db
    .selectFrom('account_team_members as m')
    .innerJoin('staff as s', 's.id', 'm.staff_id')
    .select(['m.staff_id', 's.name', 's.email', 'm.role', 'm.created_at'])
    .where('m.customer_id', '=', customerId)
    .execute();
  const order = (r: AccountTeamRole) => ACCOUNT_TEAM_ROLES.indexOf(r);
  return rows
    .map((r) => ({ staffId: r.staff_id, staffName: r.name, staffEmail: r.email, role: r.role, since: new Date(r.created_at).toISOString() }))
    .sort((a, b) => order(a.role) - order(b.role) || a.staffName.localeCompare(b.staffName));
}

/** Adds a staff member to a B2B account's team in a role; an account has at most one account manager. */
export async function addAccountTeamMember(db: Db, ctx: RequestContext, customerId: number, input: { staffId: number; role: AccountTeamRole }): Promise<AccountTeamMemberView[]> {
  requireStaff(ctx);
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
  return listAccountTeam(db, ctx, customerId);
}

export async function removeAccountTeamMember(db: Db, ctx: RequestContext, customerId: number, input: { staffId: number; role: AccountTeamRole }): Promise<AccountTeamMemberView[]> {
  requireStaff(ctx);
  await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('account_team_members').where('customer_id', '=', customerId).where('staff_id', '=', input.staffId).where('role', '=', input.role).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound(`Staff member ${input.staffId} is not the ${input.role} of customer ${customerId}`);
    await recordAudit(trx, ctx, { action: 'account_team.remove', entity: 'customer', entityId: customerId, before: { staffId: input.staffId, role: input.role }, after: null });
  });
  return listAccountTeam(db, ctx, customerId);
}
