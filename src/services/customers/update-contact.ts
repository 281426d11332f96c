import type { ContactView, UpdateContactBody } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { checkContactInput, checkReportsTo } from '../../domain/customers/check-contact-input.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadContactChart, lockContactAccount } from './contact-chart.ts';
import { toContactView } from './views.ts';

export type UpdateContactInput = { customerId: number; contactId: number } & UpdateContactBody;

/** Edits a contact: the changed fields overlaid on the stored ones; reportsToId may not close a circle. */
export async function updateContact(db: Db, ctx: RequestContext, input: UpdateContactInput): Promise<ContactView> {
  requireStaff(ctx);
  const { customerId, contactId, ...changes } = input;
  return db.transaction().execute(async (trx) => {
    await lockContactAccount(trx, customerId);
    const chart = await loadContactChart(trx, customerId);
    const row = await trx.selectFrom('customer_contacts').selectAll().where('id', '=', contactId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!row) throw notFound(`No contact ${contactId} at customer ${customerId}`);
    const before = toContactView(row);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const f = checkContactInput({ ...before, ...defined });
    if (f.reportsToId !== before.reportsToId) checkReportsTo(chart, contactId, f.reportsToId);
    if (!f.active && before.active) {
      // Leaving: the people who reported to them now report to their manager, so the chart stays whole.
      await trx.updateTable('customer_contacts').set({ reports_to_id: f.reportsToId, updated_at: new Date() }).where('reports_to_id', '=', contactId).execute();
    }
    const updated = await trx
      .updateTable('customer_contacts')
      .set({ name: f.name, title: f.title, phones: f.phones, emails: f.emails, decision_role: f.decisionRole, goals: f.goals, pain_points: f.painPoints, reports_to_id: f.reportsToId, active: f.active, updated_at: new Date() })
      .where('id', '=', contactId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toContactView(updated);
    await recordAudit(trx, ctx, { action: 'customer_contact.update', entity: 'customer_contact', entityId: contactId, before: { ...before, updatedAt: undefined }, after: { ...after, updatedAt: undefined } });
    return after;
  });
}
