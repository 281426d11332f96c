import type { Db } from '../../../db/connect.ts';
import { COMPLAINT_SOURCES, computeResponseDueAt } from '../../../domain/accountability/decide-complaint-action.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { invalid } from '../../../domain/shared/domain-error.ts';
import type { RegisterComplaintBody } from '../../../contracts/complaints.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { createOnce } from '../../idempotency.ts';
import { requireStaff } from '../../org/require-role.ts';
import { checkStaffExists, checkTicketExists, insertComplaintEvents, readComplaintKind } from './complaint-records.ts';
import { getComplaint, type ComplaintView } from './views.ts';

export type RegisterComplaintInput = RegisterComplaintBody & { nowMs: number; idempotencyKey?: string | null };

/**
 * Staff register a complaint: a customer's, taken by phone, letter, visit or email (the customer's record
 * or at least a name), or their own about a colleague. With an Idempotency-Key a retry registers nothing twice.
 */
export async function registerComplaint(db: Db, ctx: RequestContext, input: RegisterComplaintInput): Promise<{ status: 200 | 201; complaint: ComplaintView }> {
  requireStaff(ctx);
  // The request the idempotency key stands for is the body alone, never the clock.
  const { nowMs, idempotencyKey, ...fields } = input;
  const me = ctx.actor.id;
  if (!(COMPLAINT_SOURCES as readonly string[]).includes(fields.source) || (fields.source as string) === 'portal') {
    throw invalid('The source must be phone, letter, visit, email or colleague', 'source');
  }
  const colleague = fields.source === 'colleague';
  const summary = readText(fields.summary, 'summary', 200) as string;
  const description = readText(fields.description, 'description', 10_000, true) ?? '';
  const kind = readComplaintKind(fields.kind);
  const complainantName = readText(fields.complainantName, 'complainantName', 200, true);
  const complainantContact = readText(fields.complainantContact, 'complainantContact', 200, true);
  const subjectDescription = readText(fields.subjectDescription, 'subjectDescription', 500, true);
  if (colleague && fields.customerId != null) throw invalid('A colleague\'s complaint has no customer', 'customerId');
  if (!colleague && fields.customerId == null && complainantName === null) throw invalid('Name the customer who complains', 'complainantName');
  let receivedAtMs = nowMs;
  if (fields.receivedAt != null) {
    receivedAtMs = Date.parse(fields.receivedAt);
    if (!Number.isFinite(receivedAtMs)) throw invalid('receivedAt must be a date and time', 'receivedAt');
    if (receivedAtMs > nowMs + 60_000) throw invalid('A complaint cannot be received in the future', 'receivedAt');
  }
  if (fields.customerId != null) {
    const customer = await db.selectFrom('customers').select('id').where('id', '=', fields.customerId).executeTakeFirst();
    if (!customer) throw invalid(`Customer ${fields.customerId} does not exist`, 'customerId');
  }
  let subjectDepartmentId: number | null = null;
  if (fields.subjectStaffId != null) {
    if (colleague && fields.subjectStaffId === me) throw invalid('You cannot complain about yourself', 'subjectStaffId');
    subjectDepartmentId = (await checkStaffExists(db, fields.subjectStaffId, 'subjectStaffId')).department_id;
  }
  let ticketId = fields.ticketId ?? null;
  const ticketNumber = readText(fields.ticketNumber, 'ticketNumber', 40, true);
  if (ticketNumber !== null) {
    const ticket = await db.selectFrom('tickets').select('id').where('number', '=', ticketNumber).executeTakeFirst();
    if (!ticket) throw invalid(`There is no ticket ${ticketNumber}`, 'ticketNumber');
    if (ticketId !== null && ticketId !== ticket.id) throw invalid(`Ticket ${ticketNumber} is not ticket ${ticketId}; give one of them`, 'ticketNumber');
    ticketId = ticket.id;
  }
  if (ticketId !== null) await checkTicketExists(db, ticketId);

  const { id, replayed } = await createOnce(db, { scope: `staff:${me}:register-complaint`, key: idempotencyKey, request: fields }, async (trx) => {
    const row = await trx
      .insertInto('complaints')
      .values({
        source: fields.source, customer_id: fields.customerId ?? null, complainant_staff_id: colleague ? me : null, complainant_name: complainantName,
        complainant_contact: complainantContact, subject_staff_id: fields.subjectStaffId ?? null, subject_department_id: subjectDepartmentId,
        // The person concerned, named from the start, is asked to respond by this deadline.
        response_due_at: fields.subjectStaffId != null ? new Date(computeResponseDueAt(nowMs)) : null,
        subject_description: subjectDescription, ticket_id: ticketId, kind, summary, description, status: 'received',
        received_at: new Date(receivedAtMs), registered_by: me, created_at: new Date(nowMs), updated_at: new Date(nowMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertComplaintEvents(trx, row.id, { kind: 'staff', id: me }, nowMs, [{ type: 'received', payload: { source: fields.source }, visibleToComplainant: true }]);
    await recordAudit(trx, ctx, { action: 'complaint.register', entity: 'complaint', entityId: row.id, after: { source: fields.source, kind, summary, subjectStaffId: fields.subjectStaffId ?? null, responseDueAt: fields.subjectStaffId != null ? new Date(computeResponseDueAt(nowMs)).toISOString() : null, ticketId, customerId: fields.customerId ?? null } });
    return row.id;
  });
  return { status: replayed ? 200 : 201, complaint: await getComplaint(db, ctx, { id }) };
}
