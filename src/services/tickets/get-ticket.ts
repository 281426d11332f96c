import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { canSeeEvent, canViewTicket, listAvailableActions, type TicketActionType, type TicketActor } from '../../domain/tickets/index.ts';
import { toTicketState, type TicketRow } from './ticket-row.ts';

export interface TicketView {
  id: number;
  number: string;
  status: string;
  channel: string;
  categoryId: number | null;
  categoryName: string | null;
  priority: string;
  subject: string;
  description: string;
  customerId: number | null;
  customerName: string | null;
  customerOrganisation: string | null;
  customerContact: string | null;
  ownerId: number | null;
  ownerName: string | null;
  handlerId: number | null;
  handlerName: string | null;
  handlerDepartmentId: number | null;
  handlerDepartmentName: string | null;
  escalatedToId: number | null;
  registeredAt: string;
  handedOverAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  result: string | null;
  satisfaction: number | null;
  refusalReason: string | null;
  reopenCount: number;
  version: number;
  /** What the viewer may do now (only when a viewer is given). */
  actions?: TicketActionType[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function ticketQuery(db: Db) {
  return db
    .selectFrom('tickets')
    .leftJoin('categories', 'categories.id', 'tickets.category_id')
    .leftJoin('staff as owner', 'owner.id', 'tickets.owner_id')
    .leftJoin('staff as handler', 'handler.id', 'tickets.handler_id')
    .leftJoin('departments as hdept', 'hdept.id', 'tickets.handler_department_id')
    .selectAll('tickets')
    .select(['categories.name as category_name', 'owner.name as owner_name', 'handler.name as handler_name', 'hdept.name as handler_department_name']);
}

type JoinedRow = TicketRow & { category_name: string | null; owner_name: string | null; handler_name: string | null; handler_department_name: string | null };

export function toTicketView(r: JoinedRow, viewer?: TicketActor, nowMs?: number): TicketView {
  return {
    id: r.id, number: r.number, status: r.status, channel: r.channel, categoryId: r.category_id, categoryName: r.category_name,
    priority: r.priority, subject: r.subject, description: r.description, customerId: r.customer_id, customerName: r.customer_name,
    customerOrganisation: r.customer_organisation, customerContact: r.customer_contact, ownerId: r.owner_id, ownerName: r.owner_name,
    handlerId: r.handler_id, handlerName: r.handler_name, handlerDepartmentId: r.handler_department_id, handlerDepartmentName: r.handler_department_name,
    escalatedToId: r.escalated_to_id, registeredAt: r.created_at.toISOString(), handedOverAt: iso(r.handed_over_at), acceptedAt: iso(r.accepted_at),
    resolvedAt: iso(r.resolved_at), closedAt: iso(r.closed_at), result: r.result, satisfaction: r.satisfaction, refusalReason: r.refusal_reason,
    reopenCount: r.reopen_count, version: r.version,
    ...(viewer && nowMs !== undefined ? { actions: listAvailableActions(toTicketState(r), viewer, nowMs) } : {}),
  };
}

/** A ticket as its viewer may see it; someone who may not see it gets 404, not a hint that it exists. */
export async function getTicketView(db: Db, id: number, viewer?: TicketActor, nowMs?: number, options: { checkVisibility?: boolean } = {}): Promise<TicketView> {
  const row = await ticketQuery(db).where('tickets.id', '=', id).executeTakeFirst();
  const check = options.checkVisibility ?? true;
  if (!row || (viewer && check && !canViewTicket(toTicketState(row), viewer))) throw notFound(`No ticket with id ${id}`);
  return toTicketView(row, viewer, nowMs);
}

export interface TimelineEntry {
  id: number;
  type: string;
  action: string | null;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  at: string;
  payload: Record<string, unknown>;
  visibleToCustomer: boolean;
}

/** Who did what when, oldest first; customers never see internal entries. */
export async function getTicketTimeline(db: Db, id: number, viewer: TicketActor): Promise<TimelineEntry[]> {
  await getTicketView(db, id, viewer);
  const rows = await db
    .selectFrom('ticket_events')
    .leftJoin('staff', (j) => j.onRef('staff.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'staff'))
    .leftJoin('customers', (j) => j.onRef('customers.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'customer'))
    .select(['ticket_events.id', 'ticket_events.type', 'ticket_events.action', 'ticket_events.actor_kind', 'ticket_events.actor_id', 'ticket_events.at',
      'ticket_events.payload', 'ticket_events.visible_to_customer', 'staff.name as staff_name', 'customers.name as customer_name'])
    .where('ticket_events.ticket_id', '=', id)
    .orderBy('ticket_events.id')
    .execute();
  return rows
    .filter((r) => canSeeEvent({ visibleToCustomer: r.visible_to_customer }, viewer))
    .map((r) => ({
      id: r.id, type: r.type, action: r.action, actorKind: r.actor_kind, actorId: r.actor_id, actorName: r.staff_name ?? r.customer_name,
      at: r.at.toISOString(), payload: r.payload, visibleToCustomer: r.visible_to_customer,
    }));
}
