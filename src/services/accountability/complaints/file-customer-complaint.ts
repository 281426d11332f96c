import type { Db } from '../../../db/connect.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { invalid } from '../../../domain/shared/domain-error.ts';
import type { FilePortalComplaintBody } from '../../../contracts/portal-complaints.ts';
import { recordAudit } from '../../audit.ts';
import { createOnce } from '../../idempotency.ts';
import { insertComplaintEvents } from './complaint-records.ts';
import { getPortalComplaint, type CustomerContext, type PortalComplaintView } from './views.ts';

export type FileCustomerComplaintInput = FilePortalComplaintBody & { nowMs: number; idempotencyKey?: string | null };

/** A customer complains on the portal, optionally about one of their own tickets. */
export async function fileCustomerComplaint(db: Db, ctx: CustomerContext, input: FileCustomerComplaintInput): Promise<{ status: 200 | 201; complaint: PortalComplaintView }> {
  // The request the idempotency key stands for is the body alone, never the clock.
  const { nowMs, idempotencyKey, ...fields } = input;
  const summary = readText(fields.summary, 'summary', 200) as string;
  const description = readText(fields.description, 'description', 10_000, true) ?? '';
  const subjectDescription = readText(fields.subjectDescription, 'subjectDescription', 500, true);
  if (fields.ticketId != null) {
    const ticket = await db.selectFrom('tickets').select('customer_id').where('id', '=', fields.ticketId).executeTakeFirst();
    // Someone else's ticket reads exactly like one that does not exist.
    if (!ticket || ticket.customer_id !== ctx.actor.id) throw invalid(`You have no request with id ${fields.ticketId}`, 'ticketId');
  }
  const { id, replayed } = await createOnce(db, { scope: `customer:${ctx.actor.id}:complaint`, key: idempotencyKey, request: fields }, async (trx) => {
    const row = await trx
      .insertInto('complaints')
      .values({
        source: 'portal', customer_id: ctx.actor.id, ticket_id: fields.ticketId ?? null, subject_description: subjectDescription, summary, description,
        status: 'received', received_at: new Date(nowMs), created_at: new Date(nowMs), updated_at: new Date(nowMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertComplaintEvents(trx, row.id, { kind: 'customer', id: ctx.actor.id }, nowMs, [{ type: 'received', payload: { source: 'portal' }, visibleToComplainant: true }]);
    await recordAudit(trx, ctx, { action: 'complaint.file', entity: 'complaint', entityId: row.id, after: { source: 'portal', summary, ticketId: fields.ticketId ?? null } });
    return row.id;
  });
  return { status: replayed ? 200 : 201, complaint: await getPortalComplaint(db, ctx, { id }) };
}
