import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { listAvailableActions, type TicketActionType, type TicketActor, type TicketChannel, type TicketStatus } from '../../domain/tickets/index.ts';
import type { TicketView, TimelineEntry, TimelinePayload } from '../../contracts/tickets.ts';
import { toTicketState, type TicketRow } from './ticket-row.ts';

export type { TicketCounts, TicketListItem, TicketView, TimelineEntry } from '../../contracts/tickets.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A ticket with the names its views show (category, owner, handler, handler's department). */
export function ticketQuery(db: Db) {
  return db
    .selectFrom('tickets')
    .leftJoin('categories', 'categories.id', 'tickets.category_id')
    .leftJoin('staff as owner', 'owner.id', 'tickets.owner_id')
    .leftJoin('staff as handler', 'handler.id', 'tickets.handler_id')
    .leftJoin('departments as hdept', 'hdept.id', 'tickets.handler_department_id')
    .selectAll('tickets')
    .select(['categories.name as category_name', 'owner.name as owner_name', 'handler.name as handler_name', 'hdept.name as handler_department_name'])
    // The form's "time handed over" comes from the timeline: the state column is cleared when the ticket comes
    // back (taken back, declined, escalated), but the hand-over happened and the paper form keeps it.
    .select(sql<Date | null>`coalesce(tickets.handed_over_at, (select max(e.at) from ticket_events e where e.ticket_id = tickets.id and e.type = 'handed_over'))`.as('form_handed_over_at'));
}

export type JoinedTicketRow = TicketRow & { form_handed_over_at?: Date | null; category_name: string | null; owner_name: string | null; handler_name: string | null; handler_department_name: string | null };

/** The staff view of a ticket; with a viewer and `nowMs`, also what that viewer may do now. */
export function toTicketView(r: JoinedTicketRow, viewer?: TicketActor, nowMs?: number): TicketView {
  return {
    // The columns are text in the database; the lifecycle rules only ever write these lists' values.
    id: r.id, number: r.number, status: r.status as TicketStatus, channel: r.channel as TicketChannel, categoryId: r.category_id, categoryName: r.category_name,
    priority: r.priority, subject: r.subject, description: r.description, customerId: r.customer_id, customerName: r.customer_name,
    customerOrganisation: r.customer_organisation, customerContact: r.customer_contact, ownerId: r.owner_id, ownerName: r.owner_name,
    handlerId: r.handler_id, handlerName: r.handler_name, handlerDepartmentId: r.handler_department_id, handlerDepartmentName: r.handler_department_name,
    escalatedToId: r.escalated_to_id, registeredAt: r.created_at.toISOString(), handedOverAt: iso(r.form_handed_over_at === undefined ? r.handed_over_at : r.form_handed_over_at), acceptedAt: iso(r.accepted_at),
    resolvedAt: iso(r.resolved_at), closedAt: iso(r.closed_at), result: r.result, satisfaction: r.satisfaction, refusalReason: r.refusal_reason,
    reopenCount: r.reopen_count, version: r.version,
    ...(viewer && nowMs !== undefined ? { actions: listAvailableActions(toTicketState(r), viewer, nowMs) } : {}),
  };
}

/** The rows of a ticket's timeline, oldest first, with the name of whoever wrote each. */
export function timelineQuery(db: Db, ticketId: number) {
  return db
    .selectFrom('ticket_events')
    .leftJoin('staff', (j) => j.onRef('staff.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'staff'))
    .leftJoin('customers', (j) => j.onRef('customers.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'customer'))
    .select(['ticket_events.id', 'ticket_events.type', 'ticket_events.action', 'ticket_events.actor_kind', 'ticket_events.actor_id', 'ticket_events.at',
      'ticket_events.payload', 'ticket_events.visible_to_customer', 'staff.name as staff_name', 'customers.name as customer_name'])
    .where('ticket_events.ticket_id', '=', ticketId)
    .orderBy('ticket_events.id');
}

type TimelineRow = Awaited<ReturnType<ReturnType<typeof timelineQuery>['execute']>>[number];

export function toTimelineEntry(r: TimelineRow): TimelineEntry {
  return {
    // Every writer of ticket_events (the rules, clocks, care visits) stores action names and flat payloads.
    id: r.id, type: r.type, action: r.action as TicketActionType | null, actorKind: r.actor_kind, actorId: r.actor_id, actorName: r.staff_name ?? r.customer_name,
    at: r.at.toISOString(), payload: r.payload as TimelinePayload, visibleToCustomer: r.visible_to_customer,
  };
}
