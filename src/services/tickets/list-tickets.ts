import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import type { StaffTicketActor } from '../../domain/tickets/index.ts';
import type { RequestContext } from '../context.ts';
import { ticketQuery, toTicketView, type TicketView } from './get-ticket.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { buildTicketSearchFilter } from './ticket-search.ts';

export const TICKET_VIEWS = ['owned', 'handling', 'department', 'escalated', 'callback-due', 'intake', 'all'] as const;
export type TicketViewName = (typeof TICKET_VIEWS)[number];

export interface ListTicketsQuery {
  view: TicketViewName;
  status?: string[];
  categoryId?: number;
  priority?: string;
  channel?: string;
  customerId?: number;
  from?: string;
  to?: string;
  q?: string;
  sort?: 'newest' | 'oldest';
  limit?: number;
  cursor?: string;
}

type Eb = ExpressionBuilder<Database, 'tickets'>;

/** SQL twin of the domain's canViewTicket, so lists never show what the ticket page would refuse. */
function visibleTo(eb: Eb, a: StaffTicketActor) {
  if (a.roles.includes('admin') || a.roles.includes('office') || a.isSeniorManager) return eb.lit(true);
  const depts = [...new Set([...(a.departmentId === null ? [] : [a.departmentId]), ...a.headOfDepartmentIds, ...(a.roles.includes('supervisor') ? a.departmentSubtreeIds : [])])];
  const ors = [
    eb('tickets.status', '=', 'new'),
    eb('tickets.owner_id', '=', a.id),
    eb('tickets.handler_id', '=', a.id),
    eb('tickets.escalated_to_id', '=', a.id),
  ];
  if (depts.length > 0) ors.push(eb('tickets.owner_department_id', 'in', depts), eb('tickets.handler_department_id', 'in', depts));
  return eb.or(ors);
}

function viewFilter(eb: Eb, view: TicketViewName, a: StaffTicketActor) {
  switch (view) {
    case 'owned':
      return eb.and([eb('tickets.owner_id', '=', a.id), eb('tickets.status', '!=', 'closed')]);
    case 'handling':
      return eb.and([eb('tickets.handler_id', '=', a.id), eb('tickets.status', 'in', ['handed_over', 'in_progress', 'waiting'])]);
    case 'department': {
      const depts = [...new Set([...(a.departmentId === null ? [] : [a.departmentId]), ...a.headOfDepartmentIds])];
      if (depts.length === 0) return eb.lit(false);
      return eb.and([eb('tickets.handler_department_id', 'in', depts), eb('tickets.handler_id', 'is', null), eb('tickets.status', '=', 'handed_over')]);
    }
    case 'escalated':
      return eb.and([eb('tickets.escalated_to_id', '=', a.id), eb('tickets.status', '=', 'escalated')]);
    case 'callback-due':
      return eb.and([eb('tickets.owner_id', '=', a.id), eb('tickets.status', '=', 'resolved')]);
    case 'intake':
      return eb('tickets.status', '=', 'new');
    case 'all':
      return eb.lit(true);
  }
}

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid(`"${value}" is not a date (use e.g. 2026-01-31)`, field);
  return d;
}

/** A queue: one of the views, narrowed by filters and full-text `q`, newest first, a page at a time. */
export async function listTickets(db: Db, ctx: RequestContext, query: ListTicketsQuery): Promise<Page<TicketView>> {
  const actor = await loadStaffTicketActor(db, ctx);
  const limit = query.limit ?? 50;
  const from = parseDate(query.from, 'from');
  const to = parseDate(query.to, 'to');
  let q = ticketQuery(db).where((eb) => eb.and([visibleTo(eb, actor), viewFilter(eb, query.view, actor)]));
  if (query.status?.length) q = q.where('tickets.status', 'in', query.status);
  if (query.categoryId !== undefined) q = q.where('tickets.category_id', '=', query.categoryId);
  if (query.priority) q = q.where('tickets.priority', '=', query.priority as 'normal');
  if (query.channel) q = q.where('tickets.channel', '=', query.channel);
  if (query.customerId !== undefined) q = q.where('tickets.customer_id', '=', query.customerId);
  if (from) q = q.where('tickets.created_at', '>=', from);
  if (to) q = q.where('tickets.created_at', '<', to);
  if (query.q?.trim()) q = q.where(await buildTicketSearchFilter(db, query.q));
  const desc = (query.sort ?? 'newest') === 'newest';
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('tickets.id', desc ? '<' : '>', Number(after[0]));
  const rows = await q.orderBy('tickets.id', desc ? 'desc' : 'asc').limit(limit + 1).execute();
  return toPage(rows.map((r) => toTicketView(r)), limit, (t) => [t.id]);
}

/** How many tickets each personal view holds, for the home page. */
export async function countTicketViews(db: Db, ctx: RequestContext): Promise<Record<Exclude<TicketViewName, 'all'>, number>> {
  const actor = await loadStaffTicketActor(db, ctx);
  const views = TICKET_VIEWS.filter((v): v is Exclude<TicketViewName, 'all'> => v !== 'all');
  const counts = await Promise.all(
    views.map((v) =>
      db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.and([visibleTo(eb, actor), viewFilter(eb, v, actor)])).executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(views.map((v, i) => [v, counts[i]!.n])) as Record<Exclude<TicketViewName, 'all'>, number>;
}
