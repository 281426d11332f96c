import type { ContactView, CreateContactBody } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { checkContactInput, checkReportsTo } from '../../domain/customers/check-contact-input.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadContactChart, lockContactAccount } from './contact-chart.ts';
import { toContactView } from './views.ts';

/** Adds a contact to an organisation's chart, with their decision role. */
export async function createContact(db: Db, ctx: RequestContext, input: { customerId: number } & CreateContactBody): Promise<ContactView> {
  requireStaff(ctx);
  const { customerId } = input;
  const f = checkContactInput(input);
  return db.transaction().execute(async (trx) => {
    await lockContactAccount(trx, customerId);
    checkReportsTo(await loadContactChart(trx, customerId), null, f.reportsToId);
    const row = await trx
      .insertInto('customer_contacts')
      .values({ customer_id: customerId, name: f.name, title: f.title, phones: f.phones, emails: f.emails, decision_role: f.decisionRole, goals: f.goals, pain_points: f.painPoints, reports_to_id: f.reportsToId, active: f.active })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'customer_contact.create', entity: 'customer_contact', entityId: row.id, before: null, after: { customerId, ...f } });
    return toContactView(row);
  });
}
