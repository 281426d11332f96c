import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Period } from '../../domain/accountability/parse-period.ts';
import type { ClockBreachIncident, ComplaintIncident, TicketRoutingEvent, TicketRoutingIncident } from '../../domain/accountability/propose-deductions.ts';
import type { DeductionKind } from '../../domain/accountability/resolve-deduction-rules.ts';

/**
 * Stage clocks that breached in the period and measure a hand-over, the handler's first contact or the
 * resolution. The person answering for it is the one the breach attribution named for that stage when
 * the level-1 clock breached, else whoever the clock held responsible.
 */
export async function loadClockBreachIncidents(db: Db, period: Period): Promise<ClockBreachIncident[]> {
  const rows = await db
    .selectFrom('clocks')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'clocks.commitment_id').onRef('v.version', '=', 'clocks.commitment_version'))
    .select((eb) => [
      'clocks.id', 'clocks.ticket_id', 'clocks.breached_at', 'v.stage_kind', 'clocks.responsible_staff_id',
      eb.selectFrom('clock_attributions as a').select('a.staff_id').whereRef('a.stage_clock_id', '=', 'clocks.id').where('a.staff_id', 'is not', null).orderBy('a.id').limit(1).as('attributed_staff_id'),
    ])
    .where('clocks.breached_at', '>=', new Date(period.startMs))
    .where('clocks.breached_at', '<', new Date(period.endMs))
    .where('v.stage_kind', 'in', ['handover', 'first_contact', 'resolution'])
    .orderBy('clocks.id')
    .execute();
  return rows.map((r) => ({
    type: 'clock_breach',
    clockId: String(r.id),
    ticketId: String(r.ticket_id),
    stageKind: r.stage_kind,
    responsiblePersonId: r.attributed_staff_id != null ? String(r.attributed_staff_id) : r.responsible_staff_id != null ? String(r.responsible_staff_id) : null,
    breachedAtMs: (r.breached_at as Date).getTime(),
  }));
}

/** Verified complaints about a named person, received in the period, of a kind that has deduction rules. */
export async function loadComplaintIncidents(db: Db, period: Period): Promise<ComplaintIncident[]> {
  const rows = await db
    .selectFrom('complaints')
    .select(['id', 'ticket_id', 'kind', 'subject_staff_id', 'received_at', 'severity'])
    .where('status', '=', 'verified')
    .where('subject_staff_id', 'is not', null)
    .where('kind', '<>', 'other')
    .where('received_at', '>=', new Date(period.startMs))
    .where('received_at', '<', new Date(period.endMs))
    .orderBy('id')
    .execute();
  return rows.map(toComplaintIncident);
}

export function toComplaintIncident(r: { id: number; ticket_id: number | null; kind: string; subject_staff_id: number | null; received_at: Date; severity: 'minor' | 'serious' | null }): ComplaintIncident {
  return {
    type: 'complaint',
    complaintId: String(r.id),
    ticketId: r.ticket_id === null ? null : String(r.ticket_id),
    kind: r.kind as DeductionKind,
    personId: String(r.subject_staff_id),
    status: 'verified',
    receivedAtMs: r.received_at.getTime(),
    severity: r.severity ?? 'minor',
  };
}

const ROUTING_TYPES: Record<string, TicketRoutingEvent['type']> = { handed_over: 'handover', declined: 'decline', escalated: 'escalation' };

/** The whole routing history of every ticket that was declined or escalated in the period. */
export async function loadRoutingIncidents(db: Db, period: Period): Promise<TicketRoutingIncident[]> {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['id', 'ticket_id', 'type', 'actor_id', 'at'])
    .where('type', 'in', Object.keys(ROUTING_TYPES))
    .where('actor_kind', '=', 'staff')
    .where('actor_id', 'is not', null)
    .where('ticket_id', 'in', (eb) =>
      eb.selectFrom('ticket_events as e').select('e.ticket_id').where('e.type', 'in', ['declined', 'escalated'])
        .where('e.at', '>=', new Date(period.startMs)).where('e.at', '<', new Date(period.endMs)),
    )
    .orderBy('ticket_id')
    .orderBy('id')
    .execute();
  const byTicket = new Map<number, TicketRoutingEvent[]>();
  for (const r of rows) {
    const list = byTicket.get(r.ticket_id) ?? [];
    list.push({ eventId: String(r.id), type: ROUTING_TYPES[r.type] as TicketRoutingEvent['type'], byPersonId: String(r.actor_id), atMs: r.at.getTime() });
    byTicket.set(r.ticket_id, list);
  }
  return [...byTicket].map(([ticketId, events]) => ({ type: 'ticket_routing', ticketId: String(ticketId), events }));
}

/** Keys among `keys` already in the ledger, whatever became of them. */
export async function loadExistingDeductionKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('deductions').select('key').where('key', '=', sql<string>`any(${sql.val(keys)}::text[])`).execute();
  return new Set(rows.map((r) => r.key));
}
