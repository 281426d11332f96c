import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import {
  canViewTicket,
  listAvailableActions,
  toCustomerPayload,
  toCustomerStatus,
  type CustomerTicketActor,
  type CustomerTicketStatus,
  type TicketAction,
  type TicketActionType,
  type TicketEventPayload,
} from '../../domain/tickets/index.ts';
import type { CustomerActor, RequestContext } from '../context.ts';
import { getTicketTimeline, ticketQuery } from '../tickets/get-ticket.ts';
import { performTicketAction } from '../tickets/perform-ticket-action.ts';
import { toTicketState } from '../tickets/ticket-row.ts';

/**
 * A ticket as its customer sees it on the portal: the matter, where it stands, who is accountable
 * for it and the result. Routing, handlers, departments and internal notes stay inside.
 */
export interface PortalTicketView {
  id: number;
  number: string;
  status: CustomerTicketStatus;
  channel: string;
  subject: string;
  description: string;
  categoryId: number | null;
  categoryName: string | null;
  /** The one named person accountable for it (首问责任人); null until someone picks it up. */
  ownerName: string | null;
  submittedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  result: string | null;
  refusalReason: string | null;
  confirmedAt: string | null;
  closedAt: string | null;
  /** 1–5, from the owner's callback or the customer's own rating. */
  satisfaction: number | null;
  reopenCount: number;
  /** Send it back with a change to refuse it when someone else changed the ticket meanwhile. */
  version: number;
  /** What the customer may do now: reply, confirm, rate, reopen. */
  actions: TicketActionType[];
}

export interface PortalTimelineEntry {
  id: number;
  type: string;
  at: string;
  actorKind: string;
  /** The staff member who replied (customers learn who works on their matter), or the customer. */
  actorName: string | null;
  payload: TicketEventPayload;
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof ticketQuery>['executeTakeFirst']>>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const asTicketActor = (ctx: RequestContext & { actor: CustomerActor }): CustomerTicketActor => ({ kind: 'customer', customerId: ctx.actor.id });

function toPortalTicketView(r: Row, viewer: CustomerTicketActor, nowMs: number): PortalTicketView {
  const state = toTicketState(r);
  return {
    id: r.id, number: r.number, status: toCustomerStatus(state.status), channel: r.channel, subject: r.subject, description: r.description,
    categoryId: r.category_id, categoryName: r.category_name, ownerName: r.owner_name, submittedAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(), resolvedAt: iso(r.resolved_at), result: r.result, refusalReason: r.refusal_reason,
    confirmedAt: iso(r.customer_confirmed_at), closedAt: iso(r.closed_at), satisfaction: r.satisfaction, reopenCount: r.reopen_count,
    version: r.version, actions: listAvailableActions(state, viewer, nowMs),
  };
}

/** One of my tickets; someone else's answers 404, exactly like one that does not exist. */
export async function getPortalTicket(db: Db, ctx: RequestContext & { actor: CustomerActor }, id: number, nowMs: number): Promise<PortalTicketView> {
  const viewer = asTicketActor(ctx);
  const row = await ticketQuery(db).where('tickets.id', '=', id).executeTakeFirst();
  if (!row || !canViewTicket(toTicketState(row), viewer)) throw notFound(`No request with id ${id}`);
  return toPortalTicketView(row, viewer, nowMs);
}

/** My tickets, newest first, a page at a time (keyset on id). */
export async function listPortalTickets(
  db: Db,
  ctx: RequestContext & { actor: CustomerActor },
  query: { limit?: number; cursor?: string; nowMs: number },
): Promise<Page<PortalTicketView>> {
  const viewer = asTicketActor(ctx);
  const limit = query.limit ?? 20;
  let q = ticketQuery(db).where('tickets.customer_id', '=', ctx.actor.id);
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('tickets.id', '<', Number(after[0]));
  const rows = await q.orderBy('tickets.id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map((r) => toPortalTicketView(r, viewer, query.nowMs)), limit, (t) => [t.id]);
}

/** What happened on my ticket, oldest first: only customer-visible events, with only their customer-facing fields. */
export async function getPortalTimeline(db: Db, ctx: RequestContext & { actor: CustomerActor }, id: number): Promise<PortalTimelineEntry[]> {
  const entries = await getTicketTimeline(db, id, asTicketActor(ctx));
  return entries.map((e) => ({ id: e.id, type: e.type, at: e.at, actorKind: e.actorKind, actorName: e.actorName, payload: toCustomerPayload(e.type, e.payload) }));
}

/** The customer replies, confirms, rates or reopens: the same rules and the same path as staff actions. */
export async function performPortalAction(
  db: Db,
  ctx: RequestContext & { actor: CustomerActor },
  input: { ticketId: number; action: TicketAction; expectedVersion?: number; nowMs: number },
): Promise<PortalTicketView> {
  await performTicketAction(db, ctx, { ...input, actor: asTicketActor(ctx) });
  return getPortalTicket(db, ctx, input.ticketId, input.nowMs);
}

/** The categories a customer may file a request under (the duty catalog's names, not its departments). */
export async function listPortalCategories(db: Db): Promise<{ id: number; parentId: number | null; name: string; description: string | null }[]> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id', 'name', 'description']).where('active', '=', true).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, description: r.description }));
}
