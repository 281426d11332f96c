import type { CareVisitView, RecordCareVisitBody } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { validateVisitRecord } from '../../domain/care/care-rules.ts';
import { conflict, DomainError, forbidden, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadStaffTicketActor } from '../tickets/load-ticket-actor.ts';
import { performTicketAction } from '../tickets/perform-ticket-action.ts';
import { insertRegisteredTicket } from '../tickets/register-ticket.ts';
import { getCareVisit } from './views.ts';

/**
 * The visitor records the visit: resolves its ticket through the ticket action path (so the result,
 * the clock stop and the callback survey follow as for any ticket) and, in the same transaction,
 * stores the record, puts the customer's confirmation on the timeline and, when asked, registers
 * a follow-up request owned by the visitor.
 */
export async function recordCareVisit(db: Db, ctx: RequestContext, input: { id: number; nowMs: number } & RecordCareVisitBody): Promise<CareVisitView> {
  requireStaff(ctx);
  const { id: visitId, nowMs } = input;
  const fields = validateVisitRecord(input, nowMs);
  const visit = await db.selectFrom('care_visits as v').innerJoin('tickets as t', 't.id', 'v.ticket_id')
    .select(['v.id', 'v.customer_id', 'v.recorded_at', 'v.ticket_id', 't.owner_id', 't.handler_id', 't.created_at'])
    .where('v.id', '=', visitId).executeTakeFirst();
  if (!visit || visit.ticket_id === null) throw notFound(`No special-care visit with id ${visitId}`);
  if (visit.recorded_at) throw conflict('This visit is already recorded', undefined, 'already_recorded');
  if (ctx.actor.id !== visit.owner_id && ctx.actor.id !== visit.handler_id) throw forbidden('Only the assigned visitor (the visit ticket\'s owner or handler) can record this visit.');
  const actor = await loadStaffTicketActor(db, ctx);
  const ticketId = visit.ticket_id;
  await performTicketAction(db, ctx, {
    actor, ticketId, nowMs,
    action: { type: 'resolve', result: fields.findings },
    ...(input.version === undefined ? {} : { expectedVersion: input.version }),
    alsoInTransaction: async (trx) => {
      let followUpTicketId: number | null = null;
      if (fields.followUp) {
        followUpTicketId = await insertRegisteredTicket(trx, ctx, {
          registeredBy: actor, nowMs,
          content: { channel: 'visit', subject: fields.followUp.subject, description: fields.followUp.description, categoryId: null, priority: 'normal', customerId: visit.customer_id, customerContact: null },
        });
      }
      const updated = await trx.updateTable('care_visits')
        .set({
          recorded_at: new Date(nowMs), recorded_by: actor.id, visited_at: new Date(fields.visitedAtMs), findings: fields.findings,
          customer_confirmed: fields.customerConfirmed, customer_comment: fields.customerComment, follow_up_ticket_id: followUpTicketId,
        })
        .where('id', '=', visitId).where('recorded_at', 'is', null).returning('id').executeTakeFirst();
      if (!updated) throw new DomainError('conflict', 'This visit was recorded meanwhile', undefined, 'already_recorded');
      // The confirmation given on the spot (PRODUCT.md §6) goes on the timeline; a yes counts as the
      // customer confirming the result, so the owner may close without a callback.
      const payload = { comment: fields.customerComment || null, onTheSpot: true, visitId, text: fields.customerConfirmed ? null : fields.customerComment || null, customerConfirmed: fields.customerConfirmed };
      await trx.insertInto('ticket_events').values({
        ticket_id: ticketId, type: fields.customerConfirmed ? 'customer_confirmed' : 'note_added', action: null, actor_kind: 'staff', actor_id: actor.id,
        at: new Date(nowMs), payload: JSON.stringify(payload), visible_to_customer: fields.customerConfirmed,
      }).execute();
      if (fields.customerConfirmed) await trx.updateTable('tickets').set({ customer_confirmed_at: new Date(nowMs) }).where('id', '=', ticketId).execute();
      await recordAudit(trx, ctx, {
        action: 'care.visit.record', entity: 'care_visit', entityId: visitId, before: { recordedAt: null },
        after: { visitedAt: new Date(fields.visitedAtMs).toISOString(), findings: fields.findings, customerConfirmed: fields.customerConfirmed, customerComment: fields.customerComment, followUpTicketId },
      });
    },
  });
  return getCareVisit(db, ctx, { id: visitId, nowMs });
}
