import type { Transaction } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Database } from '../../../db/schema.ts';
import { COMPLAINT_KINDS, type ComplaintKind } from '../../../domain/accountability/decide-complaint-action.ts';
import { invalid } from '../../../domain/shared/domain-error.ts';

/** Checks the writes of complaints share: the people and tickets they name exist, and their history rows. */

export async function checkStaffExists(trx: Transaction<Database> | Db, id: number, field: string, activeOnly = false) {
  const row = await trx.selectFrom('staff').select(['id', 'department_id', 'active']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(`Staff member ${id} does not exist`, field);
  if (activeOnly && !row.active) throw invalid('That person is deactivated; choose someone active', field);
  return row;
}

export async function checkTicketExists(trx: Transaction<Database> | Db, id: number, field = 'ticketId') {
  const row = await trx.selectFrom('tickets').select(['id', 'customer_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(`Ticket ${id} does not exist`, field);
  return row;
}

export async function insertComplaintEvents(
  trx: Transaction<Database>,
  complaintId: number,
  actor: { kind: 'staff' | 'customer'; id: number },
  nowMs: number,
  events: { type: string; payload: Record<string, unknown>; visibleToComplainant: boolean }[],
) {
  if (events.length === 0) return;
  await trx.insertInto('complaint_events').values(events.map((e) => ({
    complaint_id: complaintId, type: e.type, actor_kind: actor.kind, actor_id: actor.id, at: new Date(nowMs), payload: JSON.stringify(e.payload), visible_to_complainant: e.visibleToComplainant,
  }))).execute();
}

export function readComplaintKind(kind: unknown): ComplaintKind {
  if (kind === undefined || kind === null) return 'other';
  if (!(COMPLAINT_KINDS as readonly unknown[]).includes(kind)) throw invalid(`The kind must be one of ${COMPLAINT_KINDS.join(', ')}`, 'kind');
  return kind as ComplaintKind;
}
